//! Date-time helpers the importers share: vendor timestamps in, document
//! date-times out.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use crate::time::values::parse_date_time;
use crate::time::{DateTimeSpec, Timestamp};

/// An instant written with `Z` or an offset (RFC 3339, fractions of a
/// second dropped). `None` without an offset or when it cannot be read.
///
/// ```
/// use escalator::import::times::instant;
/// assert_eq!(instant("2020-03-06T08:30:00Z").unwrap().to_rfc3339(), "2020-03-06T08:30:00Z");
/// assert_eq!(instant("2020-03-06T02:30:00.123-06:00").unwrap().to_rfc3339(), "2020-03-06T08:30:00Z");
/// assert!(instant("2020-03-06T08:30:00").is_none());
/// ```
pub fn instant(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(DateTimeSpec::Absolute(t)) = parse_date_time(text) {
        return Some(t);
    }
    chrono::DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|dt| Timestamp(dt.timestamp()))
        .filter(|t| (Timestamp::MIN..=Timestamp::MAX).contains(t))
}

/// A date-time written without an offset (`2026-01-05T09:00:00`, seconds
/// optional). `None` with an offset or when it cannot be read.
pub fn local(text: &str) -> Option<NaiveDateTime> {
    match parse_date_time(text.trim()) {
        Ok(DateTimeSpec::Local(l)) => Some(l),
        _ => None,
    }
}

/// A local date-time as a document writes it: `2026-01-05T09:00`, with
/// seconds only when there are some.
///
/// ```
/// use escalator::import::times::local_text;
/// let t = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap().and_hms_opt(9, 0, 30).unwrap();
/// assert_eq!(local_text(t), "2026-01-05T09:00:30");
/// ```
pub fn local_text(t: NaiveDateTime) -> String {
    if t.second() == 0 {
        t.format("%Y-%m-%dT%H:%M").to_string()
    } else {
        t.format("%Y-%m-%dT%H:%M:%S").to_string()
    }
}

/// A time of day as a document writes it: `09:00` (`09:00:30` with seconds).
pub fn clock_text(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if s == 0 {
        format!("{h:02}:{m:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    }
}

/// A clock time `H:MM`, `HH:MM` or `HH:MM:SS` as seconds after midnight
/// (`24:00` allowed when `end` is true).
pub fn clock(text: &str, end: bool) -> Option<u32> {
    let parts: Vec<&str> = text.trim().split(':').collect();
    let num = |s: &str, max: u32| -> Option<u32> {
        if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse::<u32>().ok().filter(|n| *n <= max)
    };
    let (h, m, s) = match parts.as_slice() {
        [h, m] => (num(h, 24)?, num(m, 59)?, 0),
        [h, m, s] => (num(h, 24)?, num(m, 59)?, num(s, 59)?),
        _ => return None,
    };
    let total = h * 3600 + m * 60 + s;
    if total > 86_400 || (total == 86_400 && !end) || (h == 24 && total != 86_400) {
        return None;
    }
    Some(total)
}

/// `months` months after `t` as Go's `AddDate` computes it: the month moves,
/// the day stays, and a day the month lacks rolls over into the next one
/// (January 31 + 1 month = March 3, or March 2 in a leap year).
///
/// ```
/// use escalator::import::times::add_months_normalized;
/// let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap().and_hms_opt(9, 0, 0).unwrap();
/// assert_eq!(add_months_normalized(d(2026, 1, 31), 1), Some(d(2026, 3, 3)));
/// assert_eq!(add_months_normalized(d(2024, 1, 31), 1), Some(d(2024, 3, 2)));
/// assert_eq!(add_months_normalized(d(2026, 1, 31), 2), Some(d(2026, 3, 31)));
/// ```
pub fn add_months_normalized(t: NaiveDateTime, months: i64) -> Option<NaiveDateTime> {
    let total = i64::from(t.year()) * 12 + i64::from(t.month0()) + months;
    let year = i32::try_from(total.div_euclid(12)).ok()?;
    let month = u32::try_from(total.rem_euclid(12)).ok()? + 1;
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let date = first.checked_add_days(chrono::Days::new(u64::from(t.day() - 1)))?;
    Some(date.and_time(t.time()))
}

/// `months` months after `t`, the day clamped to the month's last day
/// (January 31 + 1 month = February 28).
pub fn add_months_clamped(t: NaiveDateTime, months: i64) -> Option<NaiveDateTime> {
    let total = i64::from(t.year()) * 12 + i64::from(t.month0()) + months;
    let year = i32::try_from(total.div_euclid(12)).ok()?;
    let month = u32::try_from(total.rem_euclid(12)).ok()? + 1;
    let mut day = t.day();
    loop {
        if let Some(d) = NaiveDate::from_ymd_opt(year, month, day) {
            return Some(d.and_time(t.time()));
        }
        if day <= 28 {
            return None;
        }
        day -= 1;
    }
}

/// Whole months from `a` to `b` (calendar months, ignoring days).
pub fn months_between(a: NaiveDateTime, b: NaiveDateTime) -> i64 {
    (i64::from(b.year()) * 12 + i64::from(b.month0()))
        - (i64::from(a.year()) * 12 + i64::from(a.month0()))
}
