//! Opsgenie's dates (`startDate`, `endDate`: `yyyy-MM-dd'T'HH:mm:ssZ`) to
//! instants, the half-hour rounding of rotation dates, and how instants,
//! wall times and durations are written in the document.

use chrono::{DateTime, FixedOffset, NaiveDateTime, Offset, TimeZone, Timelike};
use chrono_tz::Tz;

use crate::time::{resolve_local, Timestamp};

/// A date as the source wrote it: the wall time, and the offset when one
/// is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    pub local: NaiveDateTime,
    pub offset: Option<FixedOffset>,
}

/// Reads `2026-03-02T08:00:00Z`, `...+02:00`, `...+0200`, with or without
/// seconds and fractions; without an offset the date is local (`None`).
pub fn parse(text: &str) -> Option<Written> {
    let t = text.trim();
    if t.len() > 64 {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Some(Written {
            local: dt.naive_local(),
            offset: Some(*dt.offset()),
        });
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%d %H:%M:%S%z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(t, f) {
            return Some(Written {
                local: dt.naive_local(),
                offset: Some(*dt.offset()),
            });
        }
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(local) = NaiveDateTime::parse_from_str(t, f) {
            return Some(Written {
                local,
                offset: None,
            });
        }
    }
    None
}

/// Opsgenie's rotation dates: "Minutes may take 0 or 30 as value.
/// Otherwise they will be converted to nearest 0 or 30 automatically"
/// (Schedule Rotation API). The time within the hour (as written) goes to
/// the nearest of :00, :30 and the next :00; a tie (:15, :45) goes up.
/// Returns the rounded date and whether it changed.
pub fn round_half_hour(w: Written) -> (Written, bool) {
    let within = i64::from(w.local.minute()) * 60 + i64::from(w.local.second());
    let nanos = w.local.nanosecond();
    if (within == 0 || within == 1800) && nanos == 0 {
        return (w, false);
    }
    let target = ((within + 900) / 1800) * 1800;
    let base = w
        .local
        .with_minute(0)
        .and_then(|d| d.with_second(0))
        .and_then(|d| d.with_nanosecond(0))
        .unwrap_or(w.local);
    let local = base
        .checked_add_signed(chrono::TimeDelta::seconds(target))
        .unwrap_or(base);
    (
        Written {
            local,
            offset: w.offset,
        },
        true,
    )
}

/// The instant of a written date; a local one is read in `tz` (SPEC §1's
/// rule for gaps and folds).
pub fn instant(w: Written, tz: Tz) -> Timestamp {
    match w.offset {
        Some(off) => {
            let utc = w.local - chrono::TimeDelta::seconds(i64::from(off.local_minus_utc()));
            Timestamp::from_datetime(utc.and_utc())
        }
        None => resolve_local(tz, w.local).instant,
    }
}

/// An instant as the document writes it: the wall time in `tz` with its
/// offset (`2026-03-02T09:00+01:00`; `Z` when the offset is zero), seconds
/// only when not zero.
pub fn write_instant(t: Timestamp, tz: Tz) -> String {
    let utc = t.to_datetime();
    let local = tz.from_utc_datetime(&utc.naive_utc());
    // A wall time past the years a document can write (9999-12-31T23:00Z
    // is in year 10000 east of UTC): the instant in UTC.
    let year = chrono::Datelike::year(&local.naive_local());
    let local = if (1..=9999).contains(&year) {
        local.fixed_offset()
    } else {
        utc.fixed_offset()
    };
    let offset = local.offset().fix().local_minus_utc();
    let naive = local.naive_local();
    let mut s = if naive.second() == 0 {
        naive.format("%Y-%m-%dT%H:%M").to_string()
    } else {
        naive.format("%Y-%m-%dT%H:%M:%S").to_string()
    };
    if offset == 0 {
        s.push('Z');
    } else {
        let sign = if offset < 0 { '-' } else { '+' };
        let a = offset.abs();
        s.push_str(&format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60));
    }
    s
}

/// A wall time `HH:MM` (hour 24 only as `24:00`, an end).
pub fn wall(hour: i64, min: i64) -> String {
    format!("{hour:02}:{min:02}")
}

/// Minutes as a duration: `0m`, `10m`, `1h30m`, `1d`.
pub fn minutes(m: i64) -> String {
    if m <= 0 {
        return "0m".to_string();
    }
    let (d, h, mm) = (m / 1440, (m % 1440) / 60, m % 60);
    let mut s = String::new();
    if d > 0 {
        s.push_str(&format!("{d}d"));
    }
    if h > 0 {
        s.push_str(&format!("{h}h"));
    }
    if mm > 0 {
        s.push_str(&format!("{mm}m"));
    }
    s
}

/// Whether a zone changes its offset during the year of `t` (so hourly
/// turns meet a DST change).
pub fn has_dst(tz: Tz, t: Timestamp) -> bool {
    let year = t.to_datetime().naive_utc().date().format("%Y").to_string();
    let year: i32 = year.parse().unwrap_or(2026);
    let at = |m: u32| {
        chrono::NaiveDate::from_ymd_opt(year, m, 1)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .map(|n| tz.offset_from_utc_datetime(&n).fix().local_minus_utc())
    };
    at(1) != at(7)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Written {
        parse(s).unwrap()
    }

    #[test]
    fn dates_parse_with_and_without_offsets() {
        assert!(w("2026-03-02T08:00:00Z").offset.is_some());
        assert!(w("2017-01-15T08:00:00+02:00").offset.is_some());
        assert!(w("2017-01-15T08:00:00+0200").offset.is_some());
        assert!(w("2026-03-02T08:00:00.000Z").offset.is_some());
        assert!(w("2026-03-02T08:00").offset.is_none());
        assert!(parse("next week").is_none());
    }

    #[test]
    fn minutes_go_to_the_nearest_half_hour() {
        let r = |s: &str| {
            let (x, changed) = round_half_hour(w(s));
            (instant(x, chrono_tz::UTC).to_rfc3339(), changed)
        };
        assert_eq!(
            r("2026-03-02T08:00:00Z"),
            ("2026-03-02T08:00:00Z".into(), false)
        );
        assert_eq!(
            r("2026-03-02T08:30:00Z"),
            ("2026-03-02T08:30:00Z".into(), false)
        );
        assert_eq!(
            r("2026-03-02T08:14:59Z"),
            ("2026-03-02T08:00:00Z".into(), true)
        );
        assert_eq!(
            r("2026-03-02T08:15:00Z"),
            ("2026-03-02T08:30:00Z".into(), true)
        );
        assert_eq!(
            r("2026-03-02T08:44:00Z"),
            ("2026-03-02T08:30:00Z".into(), true)
        );
        assert_eq!(
            r("2026-03-02T23:45:00Z"),
            ("2026-03-03T00:00:00Z".into(), true)
        );
        // As written: 09:10+05:45 (Kathmandu) rounds to 09:00+05:45.
        assert_eq!(
            r("2026-03-02T09:10:00+05:45"),
            ("2026-03-02T03:15:00Z".into(), true)
        );
    }

    #[test]
    fn instants_are_written_in_the_zone_with_their_offset() {
        let t = instant(w("2026-03-02T08:00:00Z"), chrono_tz::UTC);
        assert_eq!(
            write_instant(t, chrono_tz::Europe::Berlin),
            "2026-03-02T09:00+01:00"
        );
        assert_eq!(write_instant(t, chrono_tz::UTC), "2026-03-02T08:00Z");
        assert_eq!(
            write_instant(t, chrono_tz::America::New_York),
            "2026-03-02T03:00-05:00"
        );
        assert_eq!(minutes(0), "0m");
        assert_eq!(minutes(90), "1h30m");
        assert_eq!(minutes(1440), "1d");
        assert!(has_dst(chrono_tz::Europe::Berlin, t));
        assert!(!has_dst(chrono_tz::UTC, t));
    }
}
