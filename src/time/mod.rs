//! Time: instants, local wall-clock times and zones, with DST made explicit.
//!
//! Everything exact in Escalator is an integer number of seconds. An instant
//! is a [`Timestamp`] (seconds since the Unix epoch, UTC). Local times are
//! `chrono::NaiveDateTime`s resolved in a `chrono_tz::Tz` with RFC 5545's
//! rule (the "compatible" disambiguation): a time in a spring-forward gap
//! moves forward by the gap's length, a time in a fall-back fold is the
//! earlier occurrence.
//!
//! [`values`] holds the value types documents and queries write
//! ([`Seconds`], [`DateTimeSpec`], [`WallTime`], [`DaySet`], [`Window`]) and
//! their parsers, including the one reader of zone names ([`parse_zone`]).
//! `time` knows nothing of the model: the model is built from these values.

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;

use crate::error::QueryError;

pub mod calendar;
pub mod points;
pub mod recurrence;
pub mod tzdata;
pub mod values;
pub mod window;
pub mod zone;

pub use values::{parse_zone, DateTimeSpec, DaySet, Seconds, WallTime, Window};
pub use zone::Zone;

/// An instant, in whole seconds since 1970-01-01T00:00:00Z.
///
/// Ordering and arithmetic are plain integer ones; conversion to calendar
/// form is only done for input and output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// The earliest instant the engine handles: 0001-01-01T00:00:00Z.
    pub const MIN: Timestamp = Timestamp(-62_135_596_800);
    /// The latest instant the engine handles: 9999-12-31T23:59:59Z.
    pub const MAX: Timestamp = Timestamp(253_402_300_799);

    /// Seconds since the epoch.
    pub const fn seconds(self) -> i64 {
        self.0
    }

    /// The instant `seconds` later, saturating at [`Timestamp::MIN`]/[`Timestamp::MAX`].
    pub fn add_seconds(self, seconds: i64) -> Timestamp {
        Timestamp(
            self.0
                .saturating_add(seconds)
                .clamp(Self::MIN.0, Self::MAX.0),
        )
    }

    /// From a chrono UTC date-time.
    pub fn from_datetime(dt: DateTime<Utc>) -> Timestamp {
        Timestamp(dt.timestamp())
    }

    /// To a chrono UTC date-time (clamped into the supported range).
    pub fn to_datetime(self) -> DateTime<Utc> {
        let s = self.0.clamp(Self::MIN.0, Self::MAX.0);
        DateTime::<Utc>::from_timestamp(s, 0).unwrap_or_default()
    }

    /// The UTC wall-clock reading of this instant.
    pub fn to_naive_utc(self) -> NaiveDateTime {
        self.to_datetime().naive_utc()
    }

    /// RFC 3339 in UTC with `Z`, to the second: `2026-03-29T00:30:00Z`.
    ///
    /// ```
    /// use escalator::time::Timestamp;
    /// assert_eq!(Timestamp(0).to_rfc3339(), "1970-01-01T00:00:00Z");
    /// ```
    pub fn to_rfc3339(self) -> String {
        let buf = self.rfc3339_bytes();
        String::from_utf8_lossy(&buf).into_owned()
    }

    /// The 20 ASCII bytes of [`Timestamp::to_rfc3339`], without allocating
    /// (days to civil date as in Howard Hinnant's `civil_from_days`).
    fn rfc3339_bytes(self) -> [u8; 20] {
        let s = self.0.clamp(Self::MIN.0, Self::MAX.0);
        let (days, secs) = (s.div_euclid(86_400), s.rem_euclid(86_400));
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        let mut b = *b"0000-00-00T00:00:00Z";
        let mut put = |at: usize, value: i64, width: usize| {
            let mut v = value;
            for i in (0..width).rev() {
                if let Some(slot) = b.get_mut(at + i) {
                    *slot = b'0' + (v % 10) as u8;
                }
                v /= 10;
            }
        };
        put(0, year, 4);
        put(5, month, 2);
        put(8, day, 2);
        put(11, secs / 3600, 2);
        put(14, secs % 3600 / 60, 2);
        put(17, secs % 60, 2);
        b
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let buf = self.rfc3339_bytes();
        s.serialize_str(std::str::from_utf8(&buf).unwrap_or("0000-00-00T00:00:00Z"))
    }
}

/// Fails when `t` lies outside the instants the engine handles
/// ([`Timestamp::MIN`] to [`Timestamp::MAX`]): queries check their
/// instants with it, so no arithmetic on them can overflow.
///
/// ```
/// use escalator::time::{check_supported, Timestamp};
/// assert!(check_supported(Timestamp::MAX).is_ok());
/// assert_eq!(check_supported(Timestamp(i64::MAX)).unwrap_err().code, "instant-out-of-range");
/// ```
pub fn check_supported(t: Timestamp) -> Result<(), QueryError> {
    if (Timestamp::MIN..=Timestamp::MAX).contains(&t) {
        return Ok(());
    }
    Err(QueryError::new(
        "instant-out-of-range",
        format!(
            "the instant {} seconds after 1970 is outside years 1 to 9999",
            t.0
        ),
    ))
}

/// How a local time resolved to an instant (SPEC section 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResolvedKind {
    /// The local time occurs exactly once.
    Exact,
    /// The local time does not exist (spring-forward gap): it was moved
    /// forward by the gap's length.
    Gap {
        /// Seconds the clock jumped (and the time was moved forward).
        length: i64,
        /// The instant of the jump.
        transition: Timestamp,
    },
    /// The local time occurs twice (fall-back fold): the earlier occurrence
    /// was taken.
    Fold {
        /// The later occurrence, not taken.
        later: Timestamp,
        /// The instant the clock was turned back.
        transition: Timestamp,
    },
}

/// Where a local time that a spring-forward gap skips happens (a
/// schedule's `dst_gap`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum DstGap {
    /// `shift` (default, SPEC section 1): moved forward by the gap's length
    /// (02:30 on a 02:00->03:00 night is 03:30).
    #[default]
    Shift,
    /// `transition`: at the transition instant itself (02:30 -> 03:00), as
    /// GoAlert's `Clock.FirstOfDay` does.
    Transition,
}

/// Which occurrence of a repeated local time closes a restriction window
/// (a schedule's `dst_fold_close`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum DstFoldClose {
    /// `earlier` (default, SPEC section 1): the first occurrence, as every
    /// other local time.
    #[default]
    Earlier,
    /// `later`: the second occurrence (GoAlert's `Clock.LastOfDay`);
    /// opening edges and handoffs keep the earlier one.
    Later,
}

/// How a schedule resolves the local times a DST change skips or repeats.
/// The default is SPEC section 1's rule for every local time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct DstRule {
    /// Every local time in a gap: handoffs, window edges, layer and
    /// override bounds.
    pub gap: DstGap,
    /// The closing edges of restriction windows in a fold.
    pub fold_close: DstFoldClose,
}

/// A local time resolved to an instant, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub instant: Timestamp,
    pub kind: ResolvedKind,
}

/// Local seconds: a naive date-time counted as if it were UTC. Wall-clock
/// arithmetic (`handoff + k * shift`) is integer arithmetic on these.
pub fn local_seconds(local: NaiveDateTime) -> i64 {
    local.and_utc().timestamp()
}

/// The naive date-time of local seconds (clamped into the supported range).
pub fn naive_of_local(local: i64) -> NaiveDateTime {
    Timestamp(local).to_naive_utc()
}

pub(crate) fn resolved_from(zone: &Zone, local: i64) -> Resolved {
    let (instant, hit) = zone.resolve(local);
    let kind = match hit {
        zone::LocalHit::Exact => ResolvedKind::Exact,
        zone::LocalHit::Gap(t) => ResolvedKind::Gap {
            length: i64::from(t.after - t.before),
            transition: Timestamp(t.at),
        },
        zone::LocalHit::Fold(t) => ResolvedKind::Fold {
            later: Timestamp(local - i64::from(t.after)),
            transition: Timestamp(t.at),
        },
    };
    Resolved {
        instant: Timestamp(instant).clamp(Timestamp::MIN, Timestamp::MAX),
        kind,
    }
}

/// Resolves a local time in a zone with SPEC section 1's rule, except that
/// with [`DstGap::Transition`] a time in a gap happens at the transition
/// instant (the [`Resolved::kind`] still says it fell in a gap).
///
/// ```
/// use chrono::NaiveDate;
/// use escalator::time::{resolve_local_by, DstGap};
/// let ny = chrono_tz::America::New_York;
/// // 2026-03-08 jumps from 02:00 to 03:00: 02:30 happens at 03:00 EDT.
/// let local = NaiveDate::from_ymd_opt(2026, 3, 8).unwrap().and_hms_opt(2, 30, 0).unwrap();
/// assert_eq!(resolve_local_by(ny, local, DstGap::Transition).instant.to_rfc3339(), "2026-03-08T07:00:00Z");
/// assert_eq!(resolve_local_by(ny, local, DstGap::Shift).instant.to_rfc3339(), "2026-03-08T07:30:00Z");
/// ```
pub fn resolve_local_by(tz: Tz, local: NaiveDateTime, gap: DstGap) -> Resolved {
    let mut r = resolve_local(tz, local);
    if let (DstGap::Transition, ResolvedKind::Gap { transition, .. }) = (gap, r.kind) {
        r.instant = transition;
    }
    r
}

/// [`resolve`] with a schedule's `dst_gap`.
pub fn resolve_by(spec: &DateTimeSpec, tz: Tz, gap: DstGap) -> Timestamp {
    match spec {
        DateTimeSpec::Absolute(t) => *t,
        DateTimeSpec::Local(local) => resolve_local_by(tz, *local, gap).instant,
    }
}

/// Resolves a local time in a zone with SPEC section 1's rule: a time in a
/// spring-forward gap moves forward by the gap's length, a time that occurs
/// twice is the earlier occurrence.
///
/// ```
/// use chrono::NaiveDate;
/// use escalator::time::{resolve_local, ResolvedKind, Timestamp};
/// let ny = chrono_tz::America::New_York;
/// // 2026-03-08 jumps from 02:00 to 03:00: 02:30 happens at 03:30 EDT.
/// let local = NaiveDate::from_ymd_opt(2026, 3, 8).unwrap().and_hms_opt(2, 30, 0).unwrap();
/// let r = resolve_local(ny, local);
/// assert_eq!(r.instant.to_rfc3339(), "2026-03-08T07:30:00Z");
/// assert!(matches!(r.kind, ResolvedKind::Gap { length: 3600, .. }));
/// // 2026-11-01 repeats 01:00-02:00: 01:30 is the first (EDT) one.
/// let local = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap().and_hms_opt(1, 30, 0).unwrap();
/// let r = resolve_local(ny, local);
/// assert_eq!(r.instant.to_rfc3339(), "2026-11-01T05:30:00Z");
/// assert!(matches!(r.kind, ResolvedKind::Fold { later: Timestamp(t), .. } if t == r.instant.0 + 3600));
/// ```
pub fn resolve_local(tz: Tz, local: NaiveDateTime) -> Resolved {
    resolved_from(&Zone::new(tz), local_seconds(local))
}

/// The instant a document date-time means in a zone (local ones resolved
/// as in [`resolve_local`]).
pub fn resolve(spec: &DateTimeSpec, tz: Tz) -> Timestamp {
    match spec {
        DateTimeSpec::Absolute(t) => *t,
        DateTimeSpec::Local(local) => resolve_local(tz, *local).instant,
    }
}

/// Reads a query instant (CLI `--at`, `--from`, `--to`; JS arguments):
/// RFC 3339 with `Z` or an offset (seconds optional), or a local date-time
/// `YYYY-MM-DDTHH:MM[:SS]` or date `YYYY-MM-DD` (local midnight) in `tz`.
///
/// ```
/// use escalator::time::parse_instant;
/// let berlin = chrono_tz::Europe::Berlin;
/// assert_eq!(parse_instant("2026-03-01T00:00:00Z", berlin).unwrap().to_rfc3339(), "2026-03-01T00:00:00Z");
/// assert_eq!(parse_instant("2026-03-01T09:00+02:00", berlin).unwrap().to_rfc3339(), "2026-03-01T07:00:00Z");
/// assert_eq!(parse_instant("2026-03-01", berlin).unwrap().to_rfc3339(), "2026-02-28T23:00:00Z");
/// // Berlin's 2026-03-29 has no 02:30: it happens at 03:30 CEST.
/// assert_eq!(parse_instant("2026-03-29T02:30", berlin).unwrap().to_rfc3339(), "2026-03-29T01:30:00Z");
/// assert!(parse_instant("next tuesday", berlin).is_err());
/// ```
pub fn parse_instant(text: &str, tz: Tz) -> Result<Timestamp, QueryError> {
    let spec = values::parse_date_time(text.trim()).map_err(|e| e.with_code("invalid-instant"))?;
    let t = resolve(&spec, tz);
    if t <= Timestamp::MIN || t >= Timestamp::MAX {
        return Err(QueryError::new(
            "invalid-instant",
            format!("`{}` is out of range", text.trim()),
        )
        .with_help("instants run from year 1 to year 9999"));
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::Timestamp;

    #[test]
    fn rfc3339_matches_chrono_across_the_range() {
        let mut t = Timestamp::MIN.0;
        let step = 7_919_993; // about 92 days and an odd number of seconds
        while t <= Timestamp::MAX.0 {
            let chrono = Timestamp(t)
                .to_datetime()
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string();
            assert_eq!(Timestamp(t).to_rfc3339(), chrono);
            t += step;
        }
        for t in [
            Timestamp::MIN,
            Timestamp::MAX,
            Timestamp(0),
            Timestamp(951_782_400),
            Timestamp(-1),
        ] {
            let chrono = t.to_datetime().format("%Y-%m-%dT%H:%M:%SZ").to_string();
            assert_eq!(t.to_rfc3339(), chrono);
        }
    }
}
