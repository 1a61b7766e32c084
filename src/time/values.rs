//! The value syntax of policy documents and queries: durations,
//! date-times, dates, wall-clock times, weekdays, the two window forms
//! (SPEC section 1) and IANA zone names; the types they read into.
//!
//! Each parser takes the text of one YAML/JSON string (or one query
//! argument) and returns the typed value or a [`QueryError`] whose code names
//! the kind of value (`invalid-duration`, `invalid-date-time`...) and whose
//! message can be shown to a person as is. The model reader turns these
//! errors into diagnostics with spans. All parsers do bounded work on any
//! input and never panic.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use chrono_tz::Tz;

use super::Timestamp;
use crate::error::QueryError;
use crate::suggest::{closest, did_you_mean};

/// A length of time in whole seconds (`90s`, `15m`, `1h30m`, `2w`).
///
/// Escalation delays are elapsed time; a rotation's `shift` is counted on the
/// local wall clock (see `model::Layer::clock`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Seconds(pub i64);

/// A date-time as written in a document or a query.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateTimeSpec {
    /// No offset: a wall-clock time in the zone that applies.
    Local(NaiveDateTime),
    /// With `Z` or `±HH:MM`: an absolute instant.
    Absolute(Timestamp),
}

/// A time of day, in seconds after local midnight, `0..=86_400`
/// (`24:00` is 86 400 and means 00:00 of the next day). Written `HH:MM` or
/// `HH:MM:SS`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WallTime(pub u32);

/// A set of weekdays, bit `n` set for `Weekday::num_days_from_monday() == n`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct DaySet(pub u8);

impl DaySet {
    /// Every day of the week.
    pub const ALL: DaySet = DaySet(0b111_1111);
    /// Whether `day` is in the set.
    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }
    /// The set with `day` added.
    pub fn with(self, day: Weekday) -> DaySet {
        DaySet(self.0 | (1 << day.num_days_from_monday()))
    }
}

/// A recurring local window: a layer restriction or a vendor's support hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Window {
    /// `{days, from, to}`: opens on each listed day at `from`, closes at `to`
    /// the same day, or the next day when `to <= from`.
    Daily {
        days: DaySet,
        from: WallTime,
        to: WallTime,
    },
    /// `{from: "fri 17:00", to: "mon 09:00"}`: opens every week at `from` and
    /// closes at the next occurrence of `to` strictly after it (equal: 7 days).
    Weekly {
        from: (Weekday, WallTime),
        to: (Weekday, WallTime),
    },
    /// `{days, from, duration}`: opens on each listed day at `from` and
    /// closes `length` of elapsed time later (`0 < length <= 1d`). The close
    /// is not a local time: across a DST change the window keeps its length
    /// (PagerDuty's `start_time_of_day` + `duration_seconds`).
    DailyFor {
        days: DaySet,
        from: WallTime,
        length: Seconds,
    },
    /// `{from: "fri 17:00", duration: 64h}`: opens every week at `from` and
    /// closes `length` of elapsed time later (`0 < length <= 1w`).
    WeeklyFor {
        from: (Weekday, WallTime),
        length: Seconds,
    },
}

/// The longest `duration` of a daily window (`{from, duration}`): a day.
pub const MAX_DAILY_WINDOW: Seconds = Seconds(86_400);

/// The longest `duration` of a weekly window (`{from: "fri 17:00", duration}`): a week.
pub const MAX_WEEKLY_WINDOW: Seconds = Seconds(7 * 86_400);

/// The code of a well-formed but negative duration (`-1h`): the model
/// reader reports a negative `shift` as `non-positive-shift`.
pub const NEGATIVE_DURATION: &str = "negative-duration";

/// The longest duration the document may state: 100 years of 365 days.
///
/// Anything longer is certainly a typo, and the bound keeps every sum of
/// durations far from overflowing.
pub const MAX_DURATION: Seconds = Seconds(100 * 365 * 86_400);

/// Longest input the parsers look at; longer text is rejected at once.
const MAX_VALUE_LEN: usize = 64;

fn shown(text: &str) -> String {
    if text.chars().count() > MAX_VALUE_LEN {
        let cut: String = text.chars().take(MAX_VALUE_LEN).collect();
        format!("{cut}...")
    } else {
        text.to_string()
    }
}

/// The most months a month shift may have (100 years, like every duration).
pub const MAX_MONTHS: i64 = 1_200;

/// Reads a month shift: `1mo`, `3mo` (whole months only). `None` when the
/// text names no months (`1w`: a duration); an error when it mixes months
/// with other units (`1mo2d`), is negative or over 100 years.
///
/// ```
/// use escalator::time::values::parse_months;
/// assert_eq!(parse_months("3mo"), Some(Ok(3)));
/// assert_eq!(parse_months("0mo"), Some(Ok(0)));
/// assert_eq!(parse_months("1w"), None);
/// assert_eq!(parse_months("1mo2d").unwrap().unwrap_err().code, "invalid-duration");
/// assert_eq!(parse_months("-1mo").unwrap().unwrap_err().code, "negative-duration");
/// ```
pub fn parse_months(text: &str) -> Option<Result<i64, QueryError>> {
    if !text.contains("mo") {
        return None;
    }
    let help = "a month shift is whole months alone, like `1mo` or `3mo`";
    if let Some(rest) = text.strip_prefix('-') {
        if matches!(parse_months(rest), Some(Ok(_))) {
            return Some(Err(QueryError::new(
                NEGATIVE_DURATION,
                format!("shift `{}` is negative", shown(text)),
            )
            .with_help(help)));
        }
    }
    let digits = text.strip_suffix("mo").unwrap_or("");
    if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Err(QueryError::new(
            "invalid-duration",
            format!("`{}` is not a month shift", shown(text)),
        )
        .with_help(format!("{help}; months do not combine with other units"))));
    }
    let n: i64 = digits.parse().unwrap_or(i64::MAX);
    if n > MAX_MONTHS {
        return Some(Err(QueryError::new(
            "invalid-duration",
            format!("`{}` is longer than 100 years", shown(text)),
        )
        .with_help(help)));
    }
    Some(Ok(n))
}

/// Parses a duration: one or more `<integer><unit>` with units `s m h d w`.
///
/// `d` is 24 hours and `w` 7 days of elapsed time. A leading `-` is
/// recognised only to say that durations cannot be negative.
///
/// ```
/// use escalator::time::{Seconds, values::parse_duration};
/// assert_eq!(parse_duration("90s"), Ok(Seconds(90)));
/// assert_eq!(parse_duration("1h30m"), Ok(Seconds(5_400)));
/// assert_eq!(parse_duration("2w"), Ok(Seconds(1_209_600)));
/// assert_eq!(parse_duration("0m"), Ok(Seconds(0)));
/// assert!(parse_duration("15").is_err());          // no unit
/// assert!(parse_duration("99999999999w").is_err()); // absurd
/// assert_eq!(parse_duration("-1h").unwrap_err().code, "negative-duration");
/// ```
pub fn parse_duration(text: &str) -> Result<Seconds, QueryError> {
    let example = "write it like `90s`, `15m`, `1h30m`, `1d` or `2w`";
    if text.len() > MAX_VALUE_LEN {
        return Err(QueryError::new(
            "invalid-duration",
            format!("`{}` is not a valid duration", shown(text)),
        )
        .with_help(example));
    }
    if let Some(rest) = text.strip_prefix('-') {
        if parse_duration(rest).is_ok() {
            return Err(QueryError::new(
                NEGATIVE_DURATION,
                format!("duration `{text}` is negative"),
            )
            .with_help("durations count forward: use a positive duration"));
        }
    }
    if text.is_empty() {
        return Err(QueryError::new("invalid-duration", "empty duration").with_help(example));
    }
    let bytes = text.as_bytes();
    let mut total: i64 = 0;
    let mut i = 0;
    let mut too_long = false;
    while i < bytes.len() {
        let start = i;
        let mut number: i64 = 0;
        while let Some(&b) = bytes.get(i) {
            if !b.is_ascii_digit() {
                break;
            }
            number = number
                .saturating_mul(10)
                .saturating_add(i64::from(b - b'0'));
            i += 1;
        }
        if i == start {
            return Err(QueryError::new(
                "invalid-duration",
                format!("`{text}` is not a valid duration"),
            )
            .with_help(example));
        }
        let unit: i64 = match bytes.get(i) {
            Some(b's') => 1,
            Some(b'm') => 60,
            Some(b'h') => 3_600,
            Some(b'd') => 86_400,
            Some(b'w') => 604_800,
            None => {
                return Err(QueryError::new(
                    "invalid-duration",
                    format!("duration `{text}` has no unit"),
                )
                .with_help(format!(
                    "add a unit: `{text}m` for minutes, `{text}h` for hours"
                )));
            }
            Some(_) => {
                return Err(QueryError::new(
                    "invalid-duration",
                    format!("`{text}` is not a valid duration"),
                )
                .with_help("units are `s`, `m`, `h`, `d` and `w`; write it like `1h30m`"));
            }
        };
        i += 1;
        total = total.saturating_add(number.saturating_mul(unit));
        if total > MAX_DURATION.0 {
            too_long = true;
        }
    }
    if too_long {
        return Err(
            QueryError::new("invalid-duration", format!("duration `{text}` is too long"))
                .with_help("durations are limited to 100 years"),
        );
    }
    Ok(Seconds(total))
}

/// Formats seconds back into the shortest duration text (`5400` -> `1h30m`).
///
/// ```
/// use escalator::time::{Seconds, values::format_duration};
/// assert_eq!(format_duration(Seconds(5_400)), "1h30m");
/// assert_eq!(format_duration(Seconds(0)), "0s");
/// assert_eq!(format_duration(Seconds(1_209_600)), "2w");
/// ```
pub fn format_duration(seconds: Seconds) -> String {
    let mut rest = seconds.0.unsigned_abs();
    let mut out = String::new();
    if seconds.0 < 0 {
        out.push('-');
    }
    for (unit, name) in [
        (604_800u64, 'w'),
        (86_400, 'd'),
        (3_600, 'h'),
        (60, 'm'),
        (1, 's'),
    ] {
        if rest >= unit {
            out.push_str(&(rest / unit).to_string());
            out.push(name);
            rest %= unit;
        }
    }
    if out.is_empty() || out == "-" {
        out.push_str("0s");
    }
    out
}

fn two_digits(bytes: &[u8], at: usize) -> Option<u32> {
    let a = bytes.get(at)?;
    let b = bytes.get(at + 1)?;
    if a.is_ascii_digit() && b.is_ascii_digit() {
        Some(u32::from(a - b'0') * 10 + u32::from(b - b'0'))
    } else {
        None
    }
}

/// Parses a calendar date `YYYY-MM-DD` (years 0001 to 9999).
///
/// ```
/// use escalator::time::values::parse_date;
/// use chrono::NaiveDate;
/// assert_eq!(parse_date("2026-03-08"), Ok(NaiveDate::from_ymd_opt(2026, 3, 8).unwrap()));
/// assert!(parse_date("2026-02-30").is_err());
/// assert!(parse_date("08/03/2026").is_err());
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate, QueryError> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes.get(4) == Some(&b'-')
        && bytes.get(7) == Some(&b'-')
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return Err(QueryError::new(
            "invalid-date",
            format!("`{}` is not a valid date", shown(text)),
        )
        .with_help("write dates as `YYYY-MM-DD`, e.g. `2026-03-01`"));
    }
    let year = text
        .get(0..4)
        .and_then(|s| s.parse::<i32>().ok())
        .unwrap_or(0);
    let month = two_digits(bytes, 5).unwrap_or(0);
    let day = two_digits(bytes, 8).unwrap_or(0);
    if year < 1 {
        return Err(QueryError::new(
            "invalid-date",
            format!("`{text}` is not a valid date: year 0000 does not exist"),
        ));
    }
    if !(1..=12).contains(&month) {
        return Err(QueryError::new(
            "invalid-date",
            format!("`{text}` is not a valid date: there is no month {month}"),
        ));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        QueryError::new(
            "invalid-date",
            format!("`{text}` is not a valid date: day {day} does not exist in that month"),
        )
    })
}

/// Parses a local date-time `YYYY-MM-DDTHH:MM[:SS]`, an absolute instant
/// (the same followed by `Z` or `±HH:MM`), or a date (local midnight).
///
/// A result without offset is [`DateTimeSpec::Local`]: it is read in the
/// zone that applies (the schedule's, else the document's) by the caller.
///
/// ```
/// use escalator::time::{DateTimeSpec, values::parse_date_time};
/// use escalator::time::Timestamp;
/// use chrono::NaiveDate;
///
/// let local = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap().and_hms_opt(9, 0, 0).unwrap();
/// assert_eq!(parse_date_time("2026-01-05T09:00"), Ok(DateTimeSpec::Local(local)));
/// // A date alone is local midnight.
/// let midnight = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
/// assert_eq!(parse_date_time("2026-03-01"), Ok(DateTimeSpec::Local(midnight)));
/// // With an offset it is an instant.
/// assert_eq!(parse_date_time("1970-01-01T01:00:00+01:00"), Ok(DateTimeSpec::Absolute(Timestamp(0))));
/// assert_eq!(parse_date_time("1970-01-01T00:01Z"), Ok(DateTimeSpec::Absolute(Timestamp(60))));
/// assert!(parse_date_time("2026-01-05 09:00").is_err());
/// // JavaScript's `Date.toISOString()`: the fraction of a second is dropped.
/// assert_eq!(parse_date_time("1970-01-01T00:01:00.999Z"), Ok(DateTimeSpec::Absolute(Timestamp(60))));
/// assert_eq!(parse_date_time("1970-01-01t00:01z"), Ok(DateTimeSpec::Absolute(Timestamp(60))));
/// assert!(parse_date_time("1970-01-01T00:01:00.Z").is_err());
/// assert!(parse_date_time("2026-01-05T25:00").is_err());
/// ```
pub fn parse_date_time(text: &str) -> Result<DateTimeSpec, QueryError> {
    let help = "write `YYYY-MM-DDTHH:MM`, optionally with `:SS` and `Z` or an offset like `+02:00`, or a date `YYYY-MM-DD`";
    if text.len() > MAX_VALUE_LEN {
        return Err(QueryError::new(
            "invalid-date-time",
            format!("`{}` is not a valid date-time", shown(text)),
        )
        .with_help(help));
    }
    let (date_text, rest) = match text.find(['T', 't', ' ']) {
        Some(i) => (text.get(..i).unwrap_or(""), text.get(i..).unwrap_or("")),
        None => (text, ""),
    };
    let date = parse_date(date_text).map_err(|e| {
        if rest.is_empty() {
            e.with_code("invalid-date-time")
        } else {
            QueryError::new(
                "invalid-date-time",
                format!(
                    "`{}` is not a valid date-time: {}",
                    shown(text),
                    e.message.rsplit(": ").next().unwrap_or("bad date")
                ),
            )
            .with_help(help)
        }
    })?;
    if rest.is_empty() {
        return Ok(DateTimeSpec::Local(date.and_time(NaiveTime::MIN)));
    }
    let bad = || {
        QueryError::new(
            "invalid-date-time",
            format!("`{}` is not a valid date-time", shown(text)),
        )
        .with_help(help)
    };
    let Some(time_text) = rest.strip_prefix(['T', 't']) else {
        return Err(bad());
    };
    let bytes = time_text.as_bytes();
    let hour = two_digits(bytes, 0).ok_or_else(bad)?;
    if bytes.get(2) != Some(&b':') {
        return Err(bad());
    }
    let minute = two_digits(bytes, 3).ok_or_else(bad)?;
    let mut at = 5;
    let mut second = 0;
    if bytes.get(5) == Some(&b':') {
        second = two_digits(bytes, 6).ok_or_else(bad)?;
        at = 8;
        // RFC 3339 fractional seconds (JavaScript's `toISOString()` writes
        // `.000`): instants are whole seconds, so the fraction is dropped.
        if bytes.get(8) == Some(&b'.') {
            let digits = bytes
                .get(9..)
                .unwrap_or(&[])
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if digits == 0 {
                return Err(bad());
            }
            at = 9 + digits;
        }
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Err(QueryError::new("invalid-date-time", format!("`{text}` is not a valid date-time: {hour:02}:{minute:02}:{second:02} is not a time of day"))
            .with_help("hours run 00 to 23, minutes and seconds 00 to 59"));
    }
    let time = NaiveTime::from_hms_opt(hour, minute, second).ok_or_else(bad)?;
    let local = NaiveDateTime::new(date, time);
    let zone = time_text.get(at..).unwrap_or("");
    if zone.is_empty() {
        return Ok(DateTimeSpec::Local(local));
    }
    let offset_seconds: i64 = if zone == "Z" || zone == "z" {
        0
    } else {
        let zb = zone.as_bytes();
        let sign = match zb.first() {
            Some(b'+') => 1,
            Some(b'-') => -1,
            _ => return Err(bad()),
        };
        if zb.len() != 6 || zb.get(3) != Some(&b':') {
            return Err(bad());
        }
        let oh = two_digits(zb, 1).ok_or_else(bad)?;
        let om = two_digits(zb, 4).ok_or_else(bad)?;
        if oh > 23 || om > 59 {
            return Err(QueryError::new(
                "invalid-date-time",
                format!("`{text}` has an invalid offset `{zone}`"),
            )
            .with_help("offsets run from `-23:59` to `+23:59`"));
        }
        sign * i64::from(oh * 3_600 + om * 60)
    };
    let utc = local.and_utc().timestamp() - offset_seconds;
    let ts = Timestamp(utc);
    if ts < Timestamp::MIN || ts > Timestamp::MAX {
        return Err(QueryError::new(
            "invalid-date-time",
            format!("`{text}` is outside the years 0001 to 9999"),
        ));
    }
    Ok(DateTimeSpec::Absolute(ts))
}

/// Parses a wall-clock time `HH:MM` or `HH:MM:SS` (`24:00` and `24:00:00`
/// are allowed and mean the end of the day).
///
/// ```
/// use escalator::time::{WallTime, values::parse_wall_time};
/// assert_eq!(parse_wall_time("09:00"), Ok(WallTime(32_400)));
/// assert_eq!(parse_wall_time("09:00:30"), Ok(WallTime(32_430)));
/// assert_eq!(parse_wall_time("24:00"), Ok(WallTime(86_400)));
/// assert_eq!(parse_wall_time("24:00:00"), Ok(WallTime(86_400)));
/// assert!(parse_wall_time("24:30").is_err());
/// assert!(parse_wall_time("24:00:01").is_err());
/// assert!(parse_wall_time("9:00").is_err());
/// assert!(parse_wall_time("09:00:60").is_err());
/// ```
pub fn parse_wall_time(text: &str) -> Result<WallTime, QueryError> {
    let bytes = text.as_bytes();
    let bad = || {
        let mut err = QueryError::new(
            "invalid-time",
            format!("`{}` is not a valid time", shown(text)),
        );
        err = match (bytes.len(), bytes.get(1)) {
            (4, Some(b':')) => err.with_help(format!("write hours with two digits: `0{text}`")),
            _ => err.with_help("write times as `HH:MM` or `HH:MM:SS`, from `00:00` to `24:00`"),
        };
        err
    };
    if !matches!(bytes.len(), 5 | 8) || bytes.get(2) != Some(&b':') {
        return Err(bad());
    }
    let hour = two_digits(bytes, 0).ok_or_else(bad)?;
    let minute = two_digits(bytes, 3).ok_or_else(bad)?;
    let second = if bytes.len() == 8 {
        if bytes.get(5) != Some(&b':') {
            return Err(bad());
        }
        two_digits(bytes, 6).ok_or_else(bad)?
    } else {
        0
    };
    if minute > 59 || second > 59 || hour > 24 || (hour == 24 && (minute, second) != (0, 0)) {
        return Err(
            QueryError::new("invalid-time", format!("`{text}` is not a time of day"))
                .with_help("times run from `00:00` to `24:00`"),
        );
    }
    Ok(WallTime(hour * 3_600 + minute * 60 + second))
}

/// The weekday names the document uses, Monday first.
pub const WEEKDAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Parses a weekday `mon`..`sun`.
///
/// ```
/// use escalator::time::values::parse_weekday;
/// use chrono::Weekday;
/// assert_eq!(parse_weekday("fri"), Ok(Weekday::Fri));
/// let err = parse_weekday("friday").unwrap_err();
/// assert_eq!(err.help.as_deref(), Some("did you mean `fri`?"));
/// ```
pub fn parse_weekday(text: &str) -> Result<Weekday, QueryError> {
    const DAYS: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    if let Some(i) = WEEKDAY_NAMES.iter().position(|d| *d == text) {
        if let Some(day) = DAYS.get(i) {
            return Ok(*day);
        }
    }
    let lower = text.to_lowercase();
    let guess = WEEKDAY_NAMES
        .iter()
        .find(|d| lower.len() >= 3 && lower.starts_with(*d))
        .map(|d| format!("did you mean `{d}`?"))
        .or_else(|| did_you_mean(&lower, WEEKDAY_NAMES.iter().copied()));
    let err = QueryError::new(
        "invalid-weekday",
        format!("`{}` is not a weekday", shown(text)),
    );
    Err(match guess {
        Some(g) => err.with_help(g),
        None => err.with_help("weekdays are `mon`, `tue`, `wed`, `thu`, `fri`, `sat` and `sun`"),
    })
}

/// One end of a restriction or support-hours window, as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WindowEnd {
    /// `"09:00"`: a time on the listed days (daily form).
    Time(WallTime),
    /// `"fri 17:00"`: a weekday and a time (weekly form).
    Weekly(Weekday, WallTime),
}

/// Parses one end of a window: `HH:MM` or `ddd HH:MM`.
///
/// ```
/// use escalator::time::{WallTime, values::{parse_window_end, WindowEnd}};
/// use chrono::Weekday;
/// assert_eq!(parse_window_end("17:00"), Ok(WindowEnd::Time(WallTime(61_200))));
/// assert_eq!(parse_window_end("fri 17:00"), Ok(WindowEnd::Weekly(Weekday::Fri, WallTime(61_200))));
/// ```
pub fn parse_window_end(text: &str) -> Result<WindowEnd, QueryError> {
    match text.split_once(' ') {
        Some((day, time)) => Ok(WindowEnd::Weekly(
            parse_weekday(day)?,
            parse_wall_time(time.trim_start())?,
        )),
        None => Ok(WindowEnd::Time(parse_wall_time(text)?)),
    }
}

/// Builds a window from its written parts: `days` (daily form only), `from`
/// and `to`. Both ends must use the same form, and `24:00` is only an end.
///
/// ```
/// use escalator::time::{DaySet, WallTime, Window, values::parse_window};
/// use chrono::Weekday;
/// let office = parse_window(Some(&["mon", "fri"]), "09:00", "17:00").unwrap();
/// assert_eq!(office, Window::Daily {
///     days: DaySet::default().with(Weekday::Mon).with(Weekday::Fri),
///     from: WallTime(32_400), to: WallTime(61_200) });
/// let weekend = parse_window(None, "fri 17:00", "mon 09:00").unwrap();
/// assert!(matches!(weekend, Window::Weekly { .. }));
/// assert!(parse_window(None, "fri 17:00", "09:00").is_err()); // mixed forms
/// ```
pub fn parse_window(days: Option<&[&str]>, from: &str, to: &str) -> Result<Window, QueryError> {
    let from = parse_window_end(from)?;
    let to = parse_window_end(to)?;
    window_from_parts(days.map(parse_days).transpose()?, from, to)
}

/// Parses a list of weekdays into a set.
pub fn parse_days(days: &[&str]) -> Result<DaySet, QueryError> {
    let mut set = DaySet::default();
    for day in days {
        set = set.with(parse_weekday(day)?);
    }
    Ok(set)
}

/// Combines parsed window parts, checking the two forms are not mixed.
pub fn window_from_parts(
    days: Option<DaySet>,
    from: WindowEnd,
    to: WindowEnd,
) -> Result<Window, QueryError> {
    let start_ok = |t: WallTime| {
        if t.0 >= 86_400 {
            Err(
                QueryError::new("invalid-time", "a window cannot open at `24:00`")
                    .with_help("use `00:00` of the next day"),
            )
        } else {
            Ok(())
        }
    };
    match (from, to) {
        (WindowEnd::Time(f), WindowEnd::Time(t)) => {
            start_ok(f)?;
            Ok(Window::Daily {
                days: days.unwrap_or(DaySet::ALL),
                from: f,
                to: t,
            })
        }
        (WindowEnd::Weekly(fd, f), WindowEnd::Weekly(td, t)) => {
            if days.is_some() {
                return Err(mixed_forms_error().with_help(
                    "`days` goes with the daily form; drop it or drop the weekdays in `from`/`to`",
                ));
            }
            start_ok(f)?;
            Ok(Window::Weekly {
                from: (fd, f),
                to: (td, t),
            })
        }
        _ => Err(mixed_forms_error()),
    }
}

/// Builds a window that closes a `duration` of elapsed time after it opens
/// (`{from: "19:00", duration: 12h}`, `{from: "fri 17:00", duration: 64h}`):
/// `days` goes only with the daily form; the duration is positive and at
/// most a day (daily form) or a week (weekly form).
///
/// ```
/// use escalator::time::{DaySet, Seconds, WallTime, Window};
/// use escalator::time::values::{window_for_parts, WindowEnd};
/// use chrono::Weekday;
/// let night = window_for_parts(None, WindowEnd::Time(WallTime(19 * 3600)), Seconds(12 * 3600)).unwrap();
/// assert_eq!(night, Window::DailyFor { days: DaySet::ALL, from: WallTime(19 * 3600), length: Seconds(43_200) });
/// let weekend = WindowEnd::Weekly(Weekday::Fri, WallTime(17 * 3600));
/// assert!(window_for_parts(None, weekend, Seconds(64 * 3600)).is_ok());
/// assert_eq!(window_for_parts(None, weekend, Seconds(8 * 86_400)).unwrap_err().code, "invalid-duration");
/// assert_eq!(window_for_parts(None, WindowEnd::Time(WallTime(0)), Seconds(90_000)).unwrap_err().code, "invalid-duration");
/// assert_eq!(window_for_parts(None, WindowEnd::Time(WallTime(0)), Seconds(0)).unwrap_err().code, "invalid-duration");
/// ```
pub fn window_for_parts(
    days: Option<DaySet>,
    from: WindowEnd,
    length: Seconds,
) -> Result<Window, QueryError> {
    let (weekly, max) = match from {
        WindowEnd::Time(_) => (false, MAX_DAILY_WINDOW),
        WindowEnd::Weekly(..) => (true, MAX_WEEKLY_WINDOW),
    };
    if weekly && days.is_some() {
        return Err(mixed_forms_error()
            .with_help("`days` goes with the daily form; drop it or drop the weekday in `from`"));
    }
    let opening = match from {
        WindowEnd::Time(t) | WindowEnd::Weekly(_, t) => t,
    };
    if opening.0 >= 86_400 {
        return Err(
            QueryError::new("invalid-time", "a window cannot open at `24:00`")
                .with_help("use `00:00` of the next day"),
        );
    }
    if length.0 <= 0 {
        return Err(
            QueryError::new("invalid-duration", "a window's `duration` must be positive")
                .with_help("give how long the window stays open, like `duration: 8h`"),
        );
    }
    if length > max {
        let (form, limit) = if weekly {
            ("weekly", "1w")
        } else {
            ("daily", "1d")
        };
        return Err(QueryError::new(
            "invalid-duration",
            format!(
                "a {form} window's `duration` is at most `{limit}`; `{}` is longer",
                format_duration(length)
            ),
        )
        .with_help(if weekly {
            "a weekly window opens once a week: split a longer one in two"
        } else {
            "use the weekly form (`from: \"fri 17:00\"`) for a window longer than a day"
        }));
    }
    Ok(match from {
        WindowEnd::Time(from) => Window::DailyFor {
            days: days.unwrap_or(DaySet::ALL),
            from,
            length,
        },
        WindowEnd::Weekly(day, time) => Window::WeeklyFor {
            from: (day, time),
            length,
        },
    })
}

fn mixed_forms_error() -> QueryError {
    QueryError::new("mixed-window-forms", "this window mixes the daily form and the weekly form")
        .with_help("use `{days: [...], from: \"09:00\", to: \"17:00\"}` or `{from: \"fri 17:00\", to: \"mon 09:00\"}`")
}

/// Reads an IANA time zone name (`Europe/Berlin`): the one reader of zone
/// names, for documents, CLI flags, query arguments and the JS API alike.
///
/// Fails with `invalid-timezone` and a "did you mean" (a case-insensitive
/// match, a city without its region, or the closest name by edit distance).
///
/// ```
/// use escalator::time::values::parse_zone;
/// assert_eq!(parse_zone("America/Sao_Paulo"), Ok(chrono_tz::America::Sao_Paulo));
/// let err = parse_zone("Europe/Berln").unwrap_err();
/// assert_eq!(err.code, "invalid-timezone");
/// assert_eq!(err.message, "`Europe/Berln` is not an IANA time zone");
/// assert_eq!(err.help.as_deref(), Some("did you mean `Europe/Berlin`?"));
/// assert_eq!(parse_zone("lord howe").unwrap_err().help.as_deref(), Some("did you mean `Australia/Lord_Howe`?"));
/// ```
pub fn parse_zone(name: &str) -> Result<Tz, QueryError> {
    name.parse::<Tz>().map_err(|_| {
        let err = QueryError::new(
            "invalid-timezone",
            format!("`{name}` is not an IANA time zone"),
        );
        match suggest_zone(name) {
            Some(zone) => err.with_help(format!("did you mean `{zone}`?")),
            None => err.with_help(
                "use a name from the IANA database, like `Europe/Berlin` or `America/New_York`",
            ),
        }
    })
}

/// The IANA zone name closest to `text`.
fn suggest_zone(text: &str) -> Option<&'static str> {
    let names = || chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
    let wanted = text.trim().replace(' ', "_").to_lowercase();
    if let Some(exact) = names().find(|n| n.to_lowercase() == wanted) {
        return Some(exact);
    }
    if let Some(city) = names().find(|n| {
        n.rsplit('/')
            .next()
            .is_some_and(|c| c.to_lowercase() == wanted)
            && n.contains('/')
    }) {
        return Some(city);
    }
    closest(text, names())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("1d"), Ok(Seconds(86_400)));
        assert_eq!(
            parse_duration("1w2d3h4m5s"),
            Ok(Seconds(604_800 + 2 * 86_400 + 3 * 3_600 + 4 * 60 + 5))
        );
        assert!(parse_duration("5215w").is_err());
        assert_eq!(parse_duration("5214w"), Ok(Seconds(5214 * 604_800)));
        for bad in [
            "",
            "m",
            "1",
            "1x",
            "1h 30m",
            "h1",
            "1.5h",
            "+1h",
            "99999999999999999999999999s",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        let neg = parse_duration("-15m").unwrap_err();
        assert_eq!(neg.code, NEGATIVE_DURATION);
        assert_eq!(parse_duration("-x").unwrap_err().code, "invalid-duration");
    }

    #[test]
    fn date_times() {
        assert!(parse_date_time("2026-03-29T02:30").is_ok());
        assert!(parse_date_time("2026-02-29").is_err());
        assert!(parse_date_time("2024-02-29").is_ok());
        assert!(parse_date_time("0000-01-01").is_err());
        assert!(parse_date_time("2026-01-05T09:00+25:00").is_err());
        assert!(parse_date_time("2026-01-05T09:00+0200").is_err());
        assert!(parse_date_time("2026-01-05T09:00:60").is_err());
        assert!(parse_date_time("2026-01-05T09").is_err());
        assert!(parse_date_time("2026-01-05T").is_err());
        assert!(parse_date_time("2026-01-05T09:00Zjunk").is_err());
        assert!(parse_date_time("9999-12-31T23:59-01:00").is_err());
        assert_eq!(
            parse_date_time("2026-03-01T12:00:00-05:00"),
            Ok(DateTimeSpec::Absolute(Timestamp(1_772_384_400)))
        );
    }

    #[test]
    fn wall_times_and_windows() {
        assert_eq!(parse_wall_time("00:00"), Ok(WallTime(0)));
        assert_eq!(parse_wall_time("23:59"), Ok(WallTime(86_340)));
        assert!(parse_wall_time("12:60").is_err());
        assert!(parse_wall_time("ab:cd").is_err());
        assert!(parse_wall_time("é9:00").is_err());
        assert!(parse_window(None, "24:00", "09:00").is_err());
        assert!(parse_window(None, "22:00", "24:00").is_ok());
        assert!(parse_window(Some(&["mon"]), "sat 10:00", "sat 14:00").is_err());
        assert!(parse_window(Some(&["monday"]), "10:00", "14:00").is_err());
        assert_eq!(
            parse_weekday("Sun").unwrap_err().help.as_deref(),
            Some("did you mean `sun`?")
        );
    }

    #[test]
    fn format_round_trips() {
        for s in [0, 1, 59, 60, 3_599, 5_400, 86_400, 90_061, 1_209_600] {
            assert_eq!(parse_duration(&format_duration(Seconds(s))), Ok(Seconds(s)));
        }
    }

    proptest::proptest! {
        #[test]
        fn parsers_never_panic(text in "\\PC{0,40}") {
            let _ = parse_duration(&text);
            let _ = parse_date_time(&text);
            let _ = parse_wall_time(&text);
            let _ = parse_weekday(&text);
            let _ = parse_window_end(&text);
        }

        #[test]
        fn durations_round_trip(seconds in 0i64..=MAX_DURATION.0) {
            proptest::prop_assert_eq!(parse_duration(&format_duration(Seconds(seconds))), Ok(Seconds(seconds)));
        }

        #[test]
        fn absolute_instants_match_chrono(seconds in Timestamp::MIN.0..Timestamp::MAX.0, offset_minutes in -1439i64..=1439) {
            let utc = Timestamp(seconds).to_naive_utc();
            let local = utc + chrono::Duration::minutes(offset_minutes);
            proptest::prop_assume!(local.and_utc().timestamp() >= Timestamp::MIN.0 && local.and_utc().timestamp() <= Timestamp::MAX.0);
            let sign = if offset_minutes < 0 { '-' } else { '+' };
            let text = format!("{}{sign}{:02}:{:02}", local.format("%Y-%m-%dT%H:%M:%S"), offset_minutes.abs() / 60, offset_minutes.abs() % 60);
            proptest::prop_assert_eq!(parse_date_time(&text), Ok(DateTimeSpec::Absolute(Timestamp(seconds))));
        }
    }
}
