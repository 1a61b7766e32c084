//! The zones a calendar's `TZID`s name, and how local times resolve in them.
//!
//! A `TZID` is read, in this order, as:
//! 1. an IANA name (`Europe/Berlin`, also with a leading path such as
//!    `/mozilla.org/20050126_1/Europe/Berlin`), through chrono-tz and our
//!    zone tables ([`crate::time::Zone`]), even when the file also has a
//!    `VTIMEZONE` for it;
//! 2. a Windows name (`W. Europe Standard Time`, as Outlook writes) or its
//!    display name, mapped to IANA through CLDR
//!    ([`super::windows_zones`]);
//! 3. the file's own `VTIMEZONE` of that `TZID`, evaluated exactly from
//!    its `STANDARD`/`DAYLIGHT` definitions: each one's onsets (`DTSTART`,
//!    `RRULE`, `RDATE`, read in its `TZOFFSETFROM`) with the recurrence
//!    engine, each onset switching to its `TZOFFSETTO`;
//! 4. otherwise unknown: an `ical-unknown-timezone` error, and the times
//!    are read as floating.
//!
//! Every zone resolves local times with one rule, RFC 5545 section 3.3.5's:
//! a local time in a gap is read with the UTC offset before the gap; a
//! local time that occurs twice is the first occurrence. Reading `L` with
//! the offset before a gap gives the instant `L - before`, which the clock
//! after the gap shows as `L + (after - before)`: the time moves forward by
//! exactly the gap's length, whatever that length (02:30 on a night that
//! jumps 02:00->03:00 is 03:30; 02:15 on Lord Howe's 30-minute jump is
//! 02:45). That is SPEC section 1's rule and [`crate::time::resolve_local`]'s,
//! so events read from a calendar and rotations in a document agree.

use std::sync::{Arc, Mutex};

use chrono::NaiveDateTime;
use chrono_tz::Tz;

use crate::diagnostic::{Diagnostic, Span};
use crate::time::recurrence::{FixedOffset, Recurrence, RecurrenceSet, Resolver, TooMuchWork};
use crate::time::zone::Transition;
use crate::time::{local_seconds, Resolved, ResolvedKind, Timestamp, Zone};

/// An index into [`super::Calendar::zones`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ZoneId(pub usize);

/// What a `TZID` turned out to name.
#[derive(Clone, Debug)]
pub enum ZoneKind {
    /// An IANA zone.
    Iana(Tz),
    /// A Windows zone name, mapped to this IANA zone.
    Windows(Tz),
    /// The file's `VTIMEZONE`, evaluated from its definitions.
    Custom(Arc<CustomZone>),
    /// Nothing known: times in it are read as floating.
    Unknown,
}

/// One `TZID` of a calendar.
#[derive(Clone, Debug)]
pub struct CalendarZone {
    pub tzid: String,
    pub kind: ZoneKind,
    /// Its `VTIMEZONE`, or its first use.
    pub span: Span,
}

/// The IANA zone a `TZID` names directly (also behind a `/vendor/path/`).
pub fn iana_zone(tzid: &str) -> Option<Tz> {
    let t = tzid.trim();
    if let Ok(tz) = t.parse::<Tz>() {
        return Some(tz);
    }
    if t.starts_with('/') {
        // The last one, two or three path segments.
        let parts: Vec<&str> = t.split('/').filter(|s| !s.is_empty()).collect();
        for n in (1..=3).rev() {
            if parts.len() >= n {
                let name = parts[parts.len() - n..].join("/");
                if let Ok(tz) = name.parse::<Tz>() {
                    return Some(tz);
                }
            }
        }
    }
    None
}

/// One `STANDARD` or `DAYLIGHT` definition of a `VTIMEZONE`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Observance {
    pub daylight: bool,
    /// The first onset, local time in `offset_from`.
    pub dtstart: NaiveDateTime,
    /// Seconds east of UTC before each onset.
    pub offset_from: i32,
    /// Seconds east of UTC from each onset.
    pub offset_to: i32,
    pub rules: Vec<Recurrence>,
    /// More onsets, local times in `offset_from`.
    pub rdates: Vec<NaiveDateTime>,
    pub span: Span,
}

/// A `VTIMEZONE` of the file, evaluated from its observances. Its offset
/// changes are computed on first use up to the time asked, and extended
/// (recomputed further) when a later time is asked; the work is bounded by
/// the recurrence engine's limit.
#[derive(Debug)]
pub struct CustomZone {
    pub tzid: String,
    pub span: Span,
    pub observances: Vec<Observance>,
    table: Mutex<Option<Arc<Table>>>,
}

/// A custom zone's offset changes, known for local readings before
/// `through`.
#[derive(Debug)]
pub struct Table {
    pub through: i64,
    pub transitions: Vec<Transition>,
    /// The offset before the first transition.
    pub initial: i32,
}

/// Local seconds of 2101-01-01: tables are computed at least this far.
const MIN_THROUGH: i64 = 4_133_980_800;
/// Local seconds of 10000-01-01.
const MAX_THROUGH: i64 = 253_402_300_800;
/// The most offset changes one custom zone may have.
const MAX_TRANSITIONS: usize = 100_000;

impl CustomZone {
    /// A zone from its observances.
    pub fn new(tzid: String, span: Span, observances: Vec<Observance>) -> CustomZone {
        CustomZone {
            tzid,
            span,
            observances,
            table: Mutex::new(None),
        }
    }

    /// Its offset changes, known at least up to local time `local` (and at
    /// least to 2100).
    pub fn table(&self, local: i64) -> Result<Arc<Table>, TooMuchWork> {
        if let Ok(guard) = self.table.lock() {
            if let Some(t) = guard.as_ref() {
                if t.through > local {
                    return Ok(t.clone());
                }
            }
        }
        let through = local
            .saturating_add(50 * 366 * 86_400)
            .clamp(MIN_THROUGH, MAX_THROUGH);
        let table = Arc::new(self.compute(through)?);
        if let Ok(mut guard) = self.table.lock() {
            *guard = Some(table.clone());
        }
        Ok(table)
    }

    fn compute(&self, through: i64) -> Result<Table, TooMuchWork> {
        // (onset instant, offset from, offset to)
        let mut onsets: Vec<(i64, i32, i32)> = Vec::new();
        let end = crate::time::naive_of_local(through);
        for o in &self.observances {
            let mut set = RecurrenceSet::new(o.dtstart);
            set.rules = o.rules.clone();
            set.rdates = o.rdates.clone();
            let resolver = FixedOffset(o.offset_from);
            for local in set.occurrences(o.dtstart, end, &resolver, None) {
                let local = local?;
                onsets.push((
                    local_seconds(local) - i64::from(o.offset_from),
                    o.offset_from,
                    o.offset_to,
                ));
                if onsets.len() > MAX_TRANSITIONS {
                    return Err(TooMuchWork {
                        limit: MAX_TRANSITIONS as u64,
                    });
                }
            }
        }
        onsets.sort_unstable();
        let initial = onsets.first().map_or(0, |o| o.1);
        let mut current = initial;
        let mut transitions = Vec::new();
        for (at, _, to) in onsets {
            if to != current {
                transitions.push(Transition {
                    at,
                    before: current,
                    after: to,
                });
                current = to;
            }
        }
        Ok(Table {
            through,
            transitions,
            initial,
        })
    }
}

impl Table {
    /// The offset at an instant.
    pub fn offset_at(&self, instant: i64) -> i32 {
        let i = self.transitions.partition_point(|t| t.at <= instant);
        match i.checked_sub(1).and_then(|j| self.transitions.get(j)) {
            Some(t) => t.after,
            None => self.initial,
        }
    }

    /// Resolves a local reading with the gap and fold rule.
    pub fn resolve(&self, local: i64) -> Resolved {
        let claim = |t: &Transition| t.at + i64::from(t.before.max(t.after));
        let region = |t: &Transition| t.at + i64::from(t.before.min(t.after));
        let i = self.transitions.partition_point(|t| claim(t) <= local);
        let offset = match i.checked_sub(1).and_then(|j| self.transitions.get(j)) {
            Some(t) => t.after,
            None => self.initial,
        };
        let (instant, kind) = match self.transitions.get(i) {
            Some(next) if local >= region(next) => {
                // In the gap or the fold: the offset before it (RFC 5545:
                // a gap is read with the offset before it; a fold's first
                // occurrence is the one before the change).
                let instant = local - i64::from(next.before);
                let kind = if next.after > next.before {
                    ResolvedKind::Gap {
                        length: i64::from(next.after - next.before),
                        transition: Timestamp(next.at),
                    }
                } else {
                    ResolvedKind::Fold {
                        later: Timestamp(local - i64::from(next.after)),
                        transition: Timestamp(next.at),
                    }
                };
                (instant, kind)
            }
            _ => (local - i64::from(offset), ResolvedKind::Exact),
        };
        Resolved {
            instant: Timestamp(instant.clamp(Timestamp::MIN.0, Timestamp::MAX.0)),
            kind,
        }
    }
}

/// A zone ready to resolve local readings in.
#[derive(Clone, Debug)]
pub enum Clock {
    Utc,
    Iana(Zone),
    Custom(Arc<Table>),
}

impl Clock {
    /// An IANA zone's clock.
    pub fn iana(tz: Tz) -> Clock {
        Clock::Iana(Zone::new(tz))
    }

    /// Resolves local seconds (gap: later by the gap; fold: earlier).
    pub fn resolve(&self, local: i64) -> Resolved {
        match self {
            Clock::Utc => Resolved {
                instant: Timestamp(local.clamp(Timestamp::MIN.0, Timestamp::MAX.0)),
                kind: ResolvedKind::Exact,
            },
            Clock::Iana(z) => crate::time::resolved_from(z, local),
            Clock::Custom(t) => t.resolve(local),
        }
    }

    /// The wall-clock reading (local seconds) of an instant.
    pub fn local_of(&self, instant: i64) -> i64 {
        match self {
            Clock::Utc => instant,
            Clock::Iana(z) => z.local_of(instant),
            Clock::Custom(t) => instant + i64::from(t.offset_at(instant)),
        }
    }
}

impl Resolver for Clock {
    fn instant(&self, local: i64) -> i64 {
        self.resolve(local).instant.0
    }
}

/// The diagnostic for a custom zone whose offsets take too much work.
pub fn too_complex(zone: &CustomZone, e: TooMuchWork) -> Diagnostic {
    Diagnostic::error(
        "ical-invalid-timezone",
        zone.span,
        format!(
            "time zone `{}` changes its offset too often to evaluate ({} steps)",
            zone.tzid, e.limit
        ),
    )
    .with_help("its `STANDARD` and `DAYLIGHT` rules should recur yearly")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn iana_names_behind_paths() {
        assert_eq!(iana_zone("Europe/Berlin"), Some(chrono_tz::Europe::Berlin));
        assert_eq!(
            iana_zone("/mozilla.org/20050126_1/America/New_York"),
            Some(chrono_tz::America::New_York)
        );
        assert_eq!(
            iana_zone("/freeassociation.sourceforge.net/Tzfile/America/Argentina/Buenos_Aires"),
            Some(chrono_tz::America::Argentina::Buenos_Aires)
        );
        assert_eq!(iana_zone("W. Europe Standard Time"), None);
    }

    /// New York's rules since 2007, written as a VTIMEZONE.
    fn eastern() -> CustomZone {
        let dt = |s| {
            NaiveDate::from_ymd_opt(2007, 3, s)
                .unwrap()
                .and_hms_opt(2, 0, 0)
                .unwrap()
        };
        CustomZone::new(
            "Eastern".into(),
            Span::default(),
            vec![
                Observance {
                    daylight: true,
                    dtstart: dt(11),
                    offset_from: -5 * 3600,
                    offset_to: -4 * 3600,
                    rules: vec![
                        Recurrence::parse("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU")
                            .unwrap()
                            .rule,
                    ],
                    rdates: vec![],
                    span: Span::default(),
                },
                Observance {
                    daylight: false,
                    dtstart: NaiveDate::from_ymd_opt(2007, 11, 4)
                        .unwrap()
                        .and_hms_opt(2, 0, 0)
                        .unwrap(),
                    offset_from: -4 * 3600,
                    offset_to: -5 * 3600,
                    rules: vec![
                        Recurrence::parse("FREQ=YEARLY;BYMONTH=11;BYDAY=1SU")
                            .unwrap()
                            .rule,
                    ],
                    rdates: vec![],
                    span: Span::default(),
                },
            ],
        )
    }

    #[test]
    fn a_custom_zone_resolves_like_the_iana_one() {
        let zone = eastern();
        let table = zone.table(0).unwrap();
        let ny = Clock::iana(chrono_tz::America::New_York);
        let custom = Clock::Custom(table);
        // Every half hour of 2026, and the readings around both changes.
        let start = NaiveDate::from_ymd_opt(2026, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let s0 = local_seconds(start);
        for k in 0..(366 * 48) {
            let local = s0 + k * 1800 + 7;
            assert_eq!(
                custom.resolve(local),
                ny.resolve(local),
                "local {}",
                Timestamp(local)
            );
            let instant = local - 5 * 3600;
            assert_eq!(custom.local_of(instant), ny.local_of(instant));
        }
        // Far ahead: the table is extended on demand.
        let far = local_seconds(
            NaiveDate::from_ymd_opt(2300, 3, 11)
                .unwrap()
                .and_hms_opt(2, 30, 0)
                .unwrap(),
        );
        let t = zone.table(far).unwrap();
        assert!(t.through > far);
        let r = Clock::Custom(t).resolve(far);
        // 2300-03-11 is the second Sunday of March: 02:30 is in the gap.
        assert!(matches!(r.kind, ResolvedKind::Gap { length: 3600, .. }));
        assert_eq!(r.instant.0, far + 5 * 3600);
    }
}
