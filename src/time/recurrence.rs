//! RFC 5545 recurrence rules (`RRULE`) and recurrence sets
//! (`DTSTART` + `RRULE` + `RDATE` - `EXDATE`), expanded exactly, lazily and
//! with bounded work.
//!
//! # Our own implementation, not the `rrule` crate
//!
//! The `rrule` crate (0.14, 2025) was considered and rejected: it pulls
//! `regex`, `lazy_static`, `log` and `thiserror` into the wasm module for a
//! grammar of a dozen `NAME=VALUE` parts; it works on its own `Tz` wrapper
//! rather than local date-times, so our gap and fold rule (SPEC section 1)
//! and our custom `VTIMEZONE` zones could not be applied; its iteration
//! bound is a count of loop turns per occurrence (`MAX_ITER_LOOP`), not of
//! the work a query does, and a `COUNT` rule is always walked from
//! `DTSTART`; and its errors carry no positions. This module is about the
//! size of its core and answers with [`Diagnostic`]s at spans.
//!
//! # Semantics
//!
//! Expansion works on local date-times (`chrono::NaiveDateTime`): the rule
//! is applied on the wall clock and the caller resolves each occurrence in
//! its zone (a time in a DST gap moves forward by the gap, RFC 5545 section
//! 3.3.5 and SPEC section 1). Each period of the frequency (a year, a month,
//! a week starting on `WKST`, a day, an hour, a minute, a second), counted
//! from the one holding `DTSTART` in steps of `INTERVAL`, gives the sorted
//! set of its days that pass every `BY*` part (RFC 5545's table of "expand"
//! and "limit": on the days of a period, both are the same test) at the
//! times of day the `BYHOUR`/`BYMINUTE`/`BYSECOND` parts give, then
//! `BYSETPOS` picks from that set. Parts left out take `DTSTART`'s value
//! where RFC 5545 says so (a monthly rule with no day recurs on `DTSTART`'s
//! day of the month). Dates that do not exist (February 30, the 31st of a
//! 30-day month) are skipped, never moved. `DTSTART` is always the first
//! occurrence and counts towards `COUNT` (RFC 5545 section 3.3.10), even
//! when the rule would not produce it. `UNTIL` is inclusive: a date-time in
//! UTC is compared with each occurrence's instant (see [`Resolver`]), a
//! floating one with its local time, a date with its local date. Week
//! numbers (`BYWEEKNO`) follow RFC 5545: week 1 is the first week, starting
//! on `WKST`, with at least four days in the year; a yearly rule's period
//! is the calendar year, so week 1's days in the previous December belong
//! to the previous year's period.
//!
//! # Bounded work
//!
//! [`Recurrence::occurrences`] expands only over a window `[from, to)`. A
//! rule without `COUNT` jumps straight to the period holding `from`. A rule
//! with `COUNT` must count the occurrences before the window: periods are
//! counted without building their occurrences, and whole cycles of periods
//! are skipped at once where the calendar repeats (every 400 Gregorian years
//! share weekdays and leap days; a rule without day parts repeats every
//! day, one with weekdays only every week). Work is counted as periods,
//! days and candidate date-times examined; past [`WORK_LIMIT`] (one
//! million) the expansion stops with [`TooMuchWork`]: a 1-second rule over
//! a few weeks, let alone a century, is refused rather than computed.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike, Weekday};

use crate::diagnostic::{Diagnostic, Span};
use crate::time::Timestamp;

pub(crate) mod parse;
#[cfg(test)]
mod proptests;
#[cfg(test)]
pub(crate) mod reference;
#[cfg(test)]
mod rfc_examples;
#[cfg(test)]
mod tests;

pub use parse::CODES;

/// The most work one expansion may do: periods, days and candidate
/// date-times examined, together. About a second of work natively at
/// worst; a `FREQ=SECONDLY` rule expanded over more than about 11 days
/// hits it.
pub const WORK_LIMIT: u64 = 1_000_000;

const DAY: i64 = 86_400;
/// Local seconds of 0001-01-01T00:00:00 and 10000-01-01T00:00:00: the
/// years the engine handles.
const FIRST_LOCAL: i64 = -62_135_596_800;
const END_LOCAL: i64 = 253_402_300_800;

/// How often a rule repeats (`FREQ`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Frequency {
    Secondly,
    Minutely,
    Hourly,
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

impl Frequency {
    /// The RFC 5545 name: `DAILY`.
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Secondly => "SECONDLY",
            Frequency::Minutely => "MINUTELY",
            Frequency::Hourly => "HOURLY",
            Frequency::Daily => "DAILY",
            Frequency::Weekly => "WEEKLY",
            Frequency::Monthly => "MONTHLY",
            Frequency::Yearly => "YEARLY",
        }
    }

    /// Every frequency, finest first.
    pub const ALL: [Frequency; 7] = [
        Frequency::Secondly,
        Frequency::Minutely,
        Frequency::Hourly,
        Frequency::Daily,
        Frequency::Weekly,
        Frequency::Monthly,
        Frequency::Yearly,
    ];
}

/// One `BYDAY` entry: a weekday, and for monthly and yearly rules an
/// optional ordinal (`1MO` the first Monday, `-1FR` the last Friday).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ByDay {
    /// 0 for every such weekday; otherwise 1..=53 or -53..=-1.
    pub ordinal: i8,
    pub weekday: Weekday,
}

/// The end of a rule (`UNTIL`), inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Until {
    /// A date: occurrences on that local date or before.
    Date(NaiveDate),
    /// A UTC date-time (`19971224T000000Z`): occurrences whose instant is at
    /// or before it.
    Utc(Timestamp),
    /// A floating date-time: occurrences whose local time is at or before it.
    Floating(NaiveDateTime),
}

/// A recurrence rule (RFC 5545 section 3.3.10), as parsed from `RRULE`
/// text with [`Recurrence::parse`] or built by hand.
///
/// Values out of their ranges in a hand-built rule (an hour of 25) never
/// match; an `interval` of 0 counts as 1.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Recurrence {
    pub freq: Frequency,
    /// Every `interval` periods (at least 1).
    pub interval: u32,
    /// At most this many occurrences, counting `DTSTART`.
    pub count: Option<u32>,
    pub until: Option<Until>,
    /// 0..=60 (60, a leap second, never exists here and is skipped).
    pub by_second: Vec<u8>,
    /// 0..=59.
    pub by_minute: Vec<u8>,
    /// 0..=23.
    pub by_hour: Vec<u8>,
    pub by_day: Vec<ByDay>,
    /// 1..=31 or -31..=-1 (from the end of the month).
    pub by_month_day: Vec<i8>,
    /// 1..=366 or -366..=-1.
    pub by_year_day: Vec<i16>,
    /// 1..=53 or -53..=-1 (yearly rules only).
    pub by_week_no: Vec<i8>,
    /// 1..=12.
    pub by_month: Vec<u8>,
    /// 1..=366 or -366..=-1: positions in each period's sorted set.
    pub by_set_pos: Vec<i16>,
    /// The first day of the week (`WKST`, default Monday).
    pub week_start: Weekday,
}

impl Recurrence {
    /// A rule of this frequency with every other part left out.
    pub fn new(freq: Frequency) -> Recurrence {
        Recurrence {
            freq,
            interval: 1,
            count: None,
            until: None,
            by_second: Vec::new(),
            by_minute: Vec::new(),
            by_hour: Vec::new(),
            by_day: Vec::new(),
            by_month_day: Vec::new(),
            by_year_day: Vec::new(),
            by_week_no: Vec::new(),
            by_month: Vec::new(),
            by_set_pos: Vec::new(),
            week_start: Weekday::Mon,
        }
    }

    /// Reads `RRULE` text (`FREQ=WEEKLY;BYDAY=MO,WE`; a leading `RRULE:` is
    /// allowed). Every malformed part is a diagnostic whose span is a byte
    /// range into `text`; warnings (`COUNT` and `UNTIL` together) come with
    /// the rule in [`Parsed::diagnostics`].
    ///
    /// ```
    /// use escalator::time::recurrence::{Frequency, Recurrence};
    /// let rule = Recurrence::parse("FREQ=MONTHLY;BYDAY=-1FR;COUNT=3").unwrap().rule;
    /// assert_eq!(rule.freq, Frequency::Monthly);
    /// let errors = Recurrence::parse("FREQ=DAYLY").unwrap_err();
    /// assert_eq!(errors[0].code, "rrule-invalid-value");
    /// assert_eq!(errors[0].message, "`DAYLY` is not a frequency");
    /// assert_eq!(errors[0].help.as_deref(), Some("did you mean `DAILY`?"));
    /// assert_eq!((errors[0].span.start, errors[0].span.end), (5, 10));
    /// ```
    pub fn parse(text: &str) -> Result<Parsed, Vec<Diagnostic>> {
        parse::parse(text, &|a, b| Span::new(a as u32, b as u32))
    }

    /// [`Recurrence::parse`] with spans placed by `span_of(start, end)`
    /// (byte offsets into `text`), for text cut out of a larger one (an
    /// unfolded calendar line).
    pub fn parse_spanned(
        text: &str,
        span_of: &dyn Fn(usize, usize) -> Span,
    ) -> Result<Parsed, Vec<Diagnostic>> {
        parse::parse(text, span_of)
    }

    /// The occurrences in `[from, to)` (local date-times) of this rule
    /// started at `dtstart`, in order, lazily. `resolver` turns local times
    /// into instants, for an `UNTIL` given in UTC (pass [`Floating`] when
    /// there is none, or the occurrences' zone).
    ///
    /// Each item is an occurrence, or once [`TooMuchWork`] and then nothing.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use escalator::time::recurrence::{Floating, Recurrence};
    /// let rule = Recurrence::parse("FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5").unwrap().rule;
    /// let at = |m, d| NaiveDate::from_ymd_opt(2007, m, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// let got: Vec<_> = rule
    ///     .occurrences(at(1, 15), at(1, 1), at(12, 31), &Floating)
    ///     .collect::<Result<_, _>>()
    ///     .unwrap();
    /// // February 30 does not exist: it is skipped, not moved.
    /// assert_eq!(got, [at(1, 15), at(1, 30), at(2, 15), at(3, 15), at(3, 30)]);
    /// ```
    pub fn occurrences<'a>(
        &self,
        dtstart: NaiveDateTime,
        from: NaiveDateTime,
        to: NaiveDateTime,
        resolver: &'a dyn Resolver,
    ) -> Occurrences<'a> {
        Occurrences::new(self, dtstart, from, to, resolver)
    }
}

/// A rule read from text, with its warnings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub rule: Recurrence,
    /// Warnings only (errors make [`Recurrence::parse`] fail).
    pub diagnostics: Vec<Diagnostic>,
}

/// Turns local seconds (a naive date-time counted as if it were UTC, see
/// [`crate::time::local_seconds`]) into an instant (seconds since the
/// epoch), to compare occurrences with an `UNTIL` given in UTC.
///
/// It must not decrease as the local time increases (a zone resolved with
/// SPEC section 1's rule never does).
pub trait Resolver {
    /// The instant of a local reading.
    fn instant(&self, local: i64) -> i64;
}

/// Local times read as UTC: for floating rules (and rules without a UTC
/// `UNTIL`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Floating;

impl Resolver for Floating {
    fn instant(&self, local: i64) -> i64 {
        local
    }
}

/// Local times at a fixed offset from UTC (seconds east).
#[derive(Clone, Copy, Debug)]
pub struct FixedOffset(pub i32);

impl Resolver for FixedOffset {
    fn instant(&self, local: i64) -> i64 {
        local - i64::from(self.0)
    }
}

impl Resolver for crate::time::Zone {
    fn instant(&self, local: i64) -> i64 {
        crate::time::Zone::instant(self, local)
    }
}

/// An expansion did more than its work limit allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooMuchWork {
    /// The limit that was hit (see [`WORK_LIMIT`]).
    pub limit: u64,
}

impl TooMuchWork {
    /// The diagnostic for a rule at `span`: `recurrence-too-much-work`.
    pub fn diagnostic(self, span: Span) -> Diagnostic {
        Diagnostic::error(
            "recurrence-too-much-work",
            span,
            format!(
                "expanding this recurrence over the window takes more than {} steps",
                self.limit
            ),
        )
        .with_help("ask for a shorter window, or use a coarser rule")
    }
}

impl std::fmt::Display for TooMuchWork {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "recurrence expansion over {} steps", self.limit)
    }
}

// ---------------------------------------------------------------------------
// Civil calendar arithmetic on days since 1970-01-01 (Howard Hinnant's
// algorithms): exact for every proleptic Gregorian date, no failure modes.

pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

pub(crate) fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

pub(crate) fn month_len(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn year_len(y: i64) -> u32 {
    if is_leap(y) {
        366
    } else {
        365
    }
}

/// Monday = 0 .. Sunday = 6.
fn weekday_of(day: i64) -> u32 {
    (day + 3).rem_euclid(7) as u32
}

fn weekday_index(w: Weekday) -> u32 {
    w.num_days_from_monday()
}

/// The first day of week 1 of year `y` for weeks starting on `wkst`: the
/// week holding January 4 (the first week with four days in the year).
fn week1_start(y: i64, wkst: u32) -> i64 {
    let jan4 = days_from_civil(y, 1, 4);
    jan4 - i64::from((weekday_of(jan4) + 7 - wkst) % 7)
}

/// The week number of a day (1-based) and the number of weeks in its
/// week-numbering year.
fn week_number(day: i64, y: i64, wkst: u32) -> (i64, i64) {
    let mut wy = y;
    if day < week1_start(y, wkst) {
        wy = y - 1;
    } else if day >= week1_start(y + 1, wkst) {
        wy = y + 1;
    }
    let start = week1_start(wy, wkst);
    let weeks = (week1_start(wy + 1, wkst) - start) / 7;
    ((day - start) / 7 + 1, weeks)
}

/// The civil facts of one day the filters look at.
#[derive(Clone, Copy, Debug)]
struct DayFacts {
    day: i64,
    year: i64,
    month: u32,
    dom: u32,
    month_len: u32,
    /// 1-based day of the year.
    yday: u32,
    year_len: u32,
    weekday: u32,
}

impl DayFacts {
    fn of(day: i64) -> DayFacts {
        let (year, month, dom) = civil_from_days(day);
        let yday = (day - days_from_civil(year, 1, 1)) as u32 + 1;
        DayFacts {
            day,
            year,
            month,
            dom,
            month_len: month_len(year, month),
            yday,
            year_len: year_len(year),
            weekday: weekday_of(day),
        }
    }
}

// ---------------------------------------------------------------------------
// A rule compiled for one DTSTART: bit masks, with DTSTART's defaults filled in.

#[derive(Clone, Debug)]
struct Compiled {
    freq: Frequency,
    interval: i64,
    /// Bit m (1..=12); 0 = every month.
    months: u16,
    /// Bit d for day d of the month; `monthdays_neg` bit n for day -n.
    monthdays: u32,
    monthdays_neg: u32,
    has_monthdays: bool,
    /// Bits 1..=366 and -1..=-366.
    yeardays: [u64; 6],
    yeardays_neg: [u64; 6],
    has_yeardays: bool,
    weeknos: u64,
    weeknos_neg: u64,
    has_weeknos: bool,
    /// Weekdays without an ordinal (bit 0 = Monday).
    weekdays: u8,
    /// (ordinal, weekday) pairs.
    ordinals: Vec<(i32, u32)>,
    has_byday: bool,
    /// Ordinals count within the month (else within the year).
    ordinal_in_month: bool,
    /// Limits for the period's own hour/minute/second (sub-daily rules);
    /// all bits set when not limited.
    hour_mask: u32,
    minute_mask: u64,
    second_mask: u64,
    /// Seconds of the day (day-based rules) or of the period (sub-daily
    /// rules) each day or period expands to, sorted.
    times: Vec<i64>,
    set_pos: Vec<i32>,
    wkst: u32,
    /// Days of the period pass without any test (no day parts at all).
    any_day: bool,
    /// The only day part is plain weekdays.
    weekdays_only: bool,
}

fn bit_set(bits: &mut [u64; 6], n: usize) {
    if let Some(word) = bits.get_mut(n / 64) {
        *word |= 1 << (n % 64);
    }
}

fn bit_get(bits: &[u64; 6], n: usize) -> bool {
    bits.get(n / 64).is_some_and(|w| w & (1 << (n % 64)) != 0)
}

impl Compiled {
    fn new(rule: &Recurrence, dtstart: i64) -> Compiled {
        let start_day = dtstart.div_euclid(DAY);
        let start_sod = dtstart.rem_euclid(DAY);
        let facts = DayFacts::of(start_day);
        let (sh, sm, ss) = (start_sod / 3600, start_sod / 60 % 60, start_sod % 60);

        let mut months = 0u16;
        for &m in &rule.by_month {
            if (1..=12).contains(&m) {
                months |= 1 << m;
            }
        }
        let mut c = Compiled {
            freq: rule.freq,
            interval: i64::from(rule.interval.max(1)),
            months,
            monthdays: 0,
            monthdays_neg: 0,
            has_monthdays: !rule.by_month_day.is_empty(),
            yeardays: [0; 6],
            yeardays_neg: [0; 6],
            has_yeardays: !rule.by_year_day.is_empty(),
            weeknos: 0,
            weeknos_neg: 0,
            has_weeknos: !rule.by_week_no.is_empty(),
            weekdays: 0,
            ordinals: Vec::new(),
            has_byday: !rule.by_day.is_empty(),
            ordinal_in_month: rule.freq == Frequency::Monthly || months != 0,
            hour_mask: u32::MAX,
            minute_mask: u64::MAX,
            second_mask: u64::MAX,
            times: Vec::new(),
            set_pos: rule
                .by_set_pos
                .iter()
                .map(|&p| i32::from(p))
                .filter(|&p| p != 0)
                .collect(),
            wkst: weekday_index(rule.week_start),
            any_day: false,
            weekdays_only: false,
        };
        for &d in &rule.by_month_day {
            match d {
                1..=31 => c.monthdays |= 1 << d,
                -31..=-1 => c.monthdays_neg |= 1 << (-i32::from(d)),
                _ => {}
            }
        }
        for &d in &rule.by_year_day {
            match d {
                1..=366 => bit_set(&mut c.yeardays, d as usize),
                -366..=-1 => bit_set(&mut c.yeardays_neg, (-d) as usize),
                _ => {}
            }
        }
        for &w in &rule.by_week_no {
            match w {
                1..=53 => c.weeknos |= 1 << w,
                -53..=-1 => c.weeknos_neg |= 1 << (-i32::from(w)),
                _ => {}
            }
        }
        for bd in &rule.by_day {
            let w = weekday_index(bd.weekday);
            if bd.ordinal == 0 {
                c.weekdays |= 1 << w;
            } else {
                c.ordinals.push((i32::from(bd.ordinal), w));
            }
        }
        // DTSTART's defaults (RFC 5545 section 3.3.10): only when no day part
        // is given at all.
        let no_day_parts = !c.has_weeknos && !c.has_yeardays && !c.has_monthdays && !c.has_byday;
        if no_day_parts {
            match c.freq {
                Frequency::Yearly => {
                    if c.months == 0 {
                        c.months = 1 << facts.month;
                    }
                    c.monthdays = 1 << facts.dom;
                    c.has_monthdays = true;
                }
                Frequency::Monthly => {
                    c.monthdays = 1 << facts.dom;
                    c.has_monthdays = true;
                }
                Frequency::Weekly => {
                    c.weekdays = 1 << facts.weekday;
                    c.has_byday = true;
                }
                _ => {}
            }
        }
        c.any_day =
            c.months == 0 && !c.has_weeknos && !c.has_yeardays && !c.has_monthdays && !c.has_byday;
        c.weekdays_only = c.months == 0
            && !c.has_weeknos
            && !c.has_yeardays
            && !c.has_monthdays
            && c.has_byday
            && c.ordinals.is_empty();

        let mask32 = |v: &[u8], max: u8| -> u32 {
            v.iter()
                .filter(|&&x| x <= max)
                .fold(0u32, |m, &x| m | (1 << x))
        };
        let mask64 = |v: &[u8], max: u8| -> u64 {
            v.iter()
                .filter(|&&x| x <= max)
                .fold(0u64, |m, &x| m | (1 << x))
        };
        let list = |v: &[u8], max: u8, default: i64| -> Vec<i64> {
            if v.is_empty() {
                vec![default]
            } else {
                let mut out: Vec<i64> = v
                    .iter()
                    .filter(|&&x| x <= max)
                    .map(|&x| i64::from(x))
                    .collect();
                out.sort_unstable();
                out.dedup();
                out
            }
        };
        // Second 60 (a leap second) never exists on our clocks.
        let seconds = list(&rule.by_second, 59, ss);
        match c.freq {
            Frequency::Secondly => {
                if !rule.by_hour.is_empty() {
                    c.hour_mask = mask32(&rule.by_hour, 23);
                }
                if !rule.by_minute.is_empty() {
                    c.minute_mask = mask64(&rule.by_minute, 59);
                }
                if !rule.by_second.is_empty() {
                    c.second_mask = mask64(&rule.by_second, 59);
                }
                c.times = vec![0];
            }
            Frequency::Minutely => {
                if !rule.by_hour.is_empty() {
                    c.hour_mask = mask32(&rule.by_hour, 23);
                }
                if !rule.by_minute.is_empty() {
                    c.minute_mask = mask64(&rule.by_minute, 59);
                }
                c.times = seconds;
            }
            Frequency::Hourly => {
                if !rule.by_hour.is_empty() {
                    c.hour_mask = mask32(&rule.by_hour, 23);
                }
                let minutes = list(&rule.by_minute, 59, sm);
                c.times = minutes
                    .iter()
                    .flat_map(|m| seconds.iter().map(move |s| m * 60 + s))
                    .collect();
            }
            _ => {
                let hours = list(&rule.by_hour, 23, sh);
                let minutes = list(&rule.by_minute, 59, sm);
                let mut times = Vec::with_capacity(hours.len() * minutes.len() * seconds.len());
                for h in &hours {
                    for m in &minutes {
                        for s in &seconds {
                            times.push(h * 3600 + m * 60 + s);
                        }
                    }
                }
                c.times = times;
            }
        }
        c
    }

    /// Does a day pass every day part?
    fn day_ok(&self, f: &DayFacts) -> bool {
        if self.any_day {
            return true;
        }
        if self.months != 0 && self.months & (1 << f.month) == 0 {
            return false;
        }
        if self.has_weeknos {
            let (w, weeks) = week_number(f.day, f.year, self.wkst);
            let neg = weeks + 1 - w;
            let pos_ok = (1..=53).contains(&w) && self.weeknos & (1 << w) != 0;
            let neg_ok = (1..=53).contains(&neg) && self.weeknos_neg & (1 << neg) != 0;
            if !pos_ok && !neg_ok {
                return false;
            }
        }
        if self.has_yeardays {
            let neg = f.year_len + 1 - f.yday;
            if !bit_get(&self.yeardays, f.yday as usize)
                && !bit_get(&self.yeardays_neg, neg as usize)
            {
                return false;
            }
        }
        if self.has_monthdays {
            let neg = f.month_len + 1 - f.dom;
            if self.monthdays & (1 << f.dom) == 0 && self.monthdays_neg & (1 << neg) == 0 {
                return false;
            }
        }
        if self.has_byday {
            let mut ok = self.weekdays & (1 << f.weekday) != 0;
            if !ok && !self.ordinals.is_empty() {
                let (index, len) = if self.ordinal_in_month {
                    (f.dom - 1, f.month_len)
                } else {
                    (f.yday - 1, f.year_len)
                };
                let forward = (index / 7 + 1) as i32;
                let backward = -(((len - 1 - index) / 7 + 1) as i32);
                ok = self
                    .ordinals
                    .iter()
                    .any(|&(n, w)| w == f.weekday && (n == forward || n == backward));
            }
            if !ok {
                return false;
            }
        }
        true
    }

    /// The number of periods after which the rule's periods repeat with
    /// the same occurrences (shifted): see the module documentation.
    fn cycle(&self) -> i64 {
        fn gcd(a: i64, b: i64) -> i64 {
            if b == 0 {
                a
            } else {
                gcd(b, a % b)
            }
        }
        let per_day = match self.freq {
            Frequency::Secondly => DAY,
            Frequency::Minutely => 1440,
            Frequency::Hourly => 24,
            _ => 1,
        };
        let base = match self.freq {
            Frequency::Yearly => 400,
            Frequency::Monthly => 4800,
            Frequency::Weekly if self.any_day || self.weekdays_only => 1,
            Frequency::Weekly => 20_871,
            _ if self.any_day => per_day,
            _ if self.weekdays_only => 7 * per_day,
            _ => 146_097 * per_day,
        };
        base / gcd(self.interval, base)
    }

    /// Days one period of this rule covers (for work estimates).
    fn days_per_period(&self) -> i64 {
        match self.freq {
            Frequency::Yearly => 366,
            Frequency::Monthly => 31,
            Frequency::Weekly => 7,
            _ => 1,
        }
    }
}

/// Applies `BYSETPOS` to a sorted list.
fn select_positions(list: &[i64], set_pos: &[i32]) -> Vec<i64> {
    let n = list.len() as i64;
    let mut picked: Vec<i64> = set_pos
        .iter()
        .filter_map(|&p| {
            let i = if p > 0 {
                i64::from(p) - 1
            } else {
                n + i64::from(p)
            };
            (0..n).contains(&i).then(|| list[i as usize])
        })
        .collect();
    picked.sort_unstable();
    picked.dedup();
    picked
}

/// How many distinct positions `BYSETPOS` picks from a list of `n`.
fn count_positions(n: i64, set_pos: &[i32]) -> i64 {
    let mut picked: Vec<i64> = set_pos
        .iter()
        .filter_map(|&p| {
            let i = if p > 0 {
                i64::from(p) - 1
            } else {
                n + i64::from(p)
            };
            (0..n).contains(&i).then_some(i)
        })
        .collect();
    picked.sort_unstable();
    picked.dedup();
    picked.len() as i64
}

/// The end of a rule, ready to compare.
#[derive(Clone, Copy)]
enum UntilBound<'a> {
    None,
    /// Local seconds, inclusive.
    Local(i64),
    /// An instant, inclusive, and how to resolve local times.
    Instant(i64, &'a dyn Resolver),
}

impl UntilBound<'_> {
    fn passed(&self, local: i64) -> bool {
        match *self {
            UntilBound::None => false,
            UntilBound::Local(u) => local > u,
            UntilBound::Instant(u, r) => r.instant(local) > u,
        }
    }
}

/// The occurrences of a rule in a window, in order (see
/// [`Recurrence::occurrences`]).
pub struct Occurrences<'a> {
    rule: Compiled,
    dtstart: i64,
    from: i64,
    to: i64,
    until: UntilBound<'a>,
    count: Option<i64>,
    /// Occurrences so far, those before the window included.
    seen: i64,
    /// The next period to build.
    k: i64,
    /// Period 0's first day/hour and the first period's start.
    first_day: i64,
    first_month: i64,
    first_year: i64,
    first_local: i64,
    buf: Vec<i64>,
    pos: usize,
    /// `buf[0]` is DTSTART itself (exempt from `UNTIL`).
    dtstart_in_buf: bool,
    started: bool,
    done: bool,
    work: u64,
    limit: u64,
}

impl<'a> Occurrences<'a> {
    fn new(
        rule: &Recurrence,
        dtstart: NaiveDateTime,
        from: NaiveDateTime,
        to: NaiveDateTime,
        resolver: &'a dyn Resolver,
    ) -> Occurrences<'a> {
        let dtstart = crate::time::local_seconds(dtstart);
        let compiled = Compiled::new(rule, dtstart);
        let until = match rule.until {
            None => UntilBound::None,
            Some(Until::Date(d)) => UntilBound::Local(
                days_from_civil(
                    i64::from(chrono::Datelike::year(&d)),
                    chrono::Datelike::month(&d),
                    chrono::Datelike::day(&d),
                ) * DAY
                    + DAY
                    - 1,
            ),
            Some(Until::Floating(t)) => UntilBound::Local(crate::time::local_seconds(t)),
            Some(Until::Utc(t)) => UntilBound::Instant(t.0, resolver),
        };
        let start_day = dtstart.div_euclid(DAY);
        let (y, m, _) = civil_from_days(start_day);
        let (first_day, first_local) = match compiled.freq {
            Frequency::Weekly => {
                let back = (weekday_of(start_day) + 7 - compiled.wkst) % 7;
                let d = start_day - i64::from(back);
                (d, d * DAY)
            }
            Frequency::Hourly => (start_day, dtstart - dtstart.rem_euclid(3600)),
            Frequency::Minutely => (start_day, dtstart - dtstart.rem_euclid(60)),
            Frequency::Secondly => (start_day, dtstart),
            _ => (start_day, start_day * DAY),
        };
        let in_range = (FIRST_LOCAL..END_LOCAL).contains(&dtstart);
        Occurrences {
            rule: compiled,
            dtstart,
            from: crate::time::local_seconds(from),
            to: crate::time::local_seconds(to).min(END_LOCAL),
            until,
            count: rule.count.map(|c| i64::from(c.max(1))),
            seen: 0,
            k: 0,
            first_day,
            first_month: y * 12 + i64::from(m) - 1,
            first_year: y,
            first_local,
            buf: Vec::new(),
            pos: 0,
            dtstart_in_buf: false,
            started: false,
            done: !in_range,
            work: 0,
            limit: WORK_LIMIT,
        }
    }

    /// The same expansion with another work limit.
    pub fn with_work_limit(mut self, limit: u64) -> Self {
        self.limit = limit;
        self
    }

    /// The work done so far (see [`WORK_LIMIT`]).
    pub fn work(&self) -> u64 {
        self.work
    }

    fn spend(&mut self, n: u64) -> Result<(), TooMuchWork> {
        self.work = self.work.saturating_add(n);
        if self.work > self.limit {
            self.done = true;
            return Err(TooMuchWork { limit: self.limit });
        }
        Ok(())
    }

    /// Sub-daily period length in seconds times the interval.
    fn step(&self) -> i64 {
        let unit = match self.rule.freq {
            Frequency::Hourly => 3600,
            Frequency::Minutely => 60,
            _ => 1,
        };
        unit * self.rule.interval
    }

    /// Period `k`: its first day and the day after its last (day-based
    /// rules), or its start in local seconds (sub-daily); `None` past year
    /// 9999.
    fn period_days(&self, k: i64) -> Option<(i64, i64)> {
        let i = self.rule.interval;
        let n = k.checked_mul(i)?;
        let (a, b) = match self.rule.freq {
            Frequency::Yearly => {
                let y = self.first_year.checked_add(n)?;
                if y > 9999 {
                    return None;
                }
                (days_from_civil(y, 1, 1), days_from_civil(y + 1, 1, 1))
            }
            Frequency::Monthly => {
                let mi = self.first_month.checked_add(n)?;
                let (y, m) = (mi.div_euclid(12), (mi.rem_euclid(12) + 1) as u32);
                if y > 9999 {
                    return None;
                }
                let a = days_from_civil(y, m, 1);
                (a, a + i64::from(month_len(y, m)))
            }
            Frequency::Weekly => {
                let a = self.first_day.checked_add(n.checked_mul(7)?)?;
                (a, a + 7)
            }
            Frequency::Daily => {
                let a = self.first_day.checked_add(n)?;
                (a, a + 1)
            }
            _ => {
                let s = self.first_local.checked_add(k.checked_mul(self.step())?)?;
                (s.div_euclid(DAY), s.div_euclid(DAY) + 1)
            }
        };
        (a.checked_mul(DAY)? < END_LOCAL).then_some((a, b))
    }

    /// The start of period `k` in local seconds.
    fn period_start(&self, k: i64) -> Option<i64> {
        match self.rule.freq {
            Frequency::Hourly | Frequency::Minutely | Frequency::Secondly => {
                let s = self.first_local.checked_add(k.checked_mul(self.step())?)?;
                (s < END_LOCAL).then_some(s)
            }
            _ => self.period_days(k).map(|(a, _)| a * DAY),
        }
    }

    /// The period holding local time `t` (never before period 0).
    fn period_of(&self, t: i64) -> i64 {
        let i = self.rule.interval;
        let k = match self.rule.freq {
            Frequency::Yearly => {
                (civil_from_days(t.div_euclid(DAY)).0 - self.first_year).div_euclid(i)
            }
            Frequency::Monthly => {
                let (y, m, _) = civil_from_days(t.div_euclid(DAY));
                (y * 12 + i64::from(m) - 1 - self.first_month).div_euclid(i)
            }
            Frequency::Weekly => (t.div_euclid(DAY) - self.first_day).div_euclid(7 * i),
            Frequency::Daily => (t.div_euclid(DAY) - self.first_day).div_euclid(i),
            _ => (t - self.first_local).div_euclid(self.step()),
        };
        k.max(0)
    }

    /// The first period whose start is at or after local time `t`.
    fn first_period_from(&self, t: i64) -> i64 {
        let step = self.step();
        let d = t - self.first_local;
        d.div_euclid(step) + i64::from(d.rem_euclid(step) != 0)
    }

    /// The days of period `k` that pass every day part (work: one per day).
    fn matching_days(&mut self, a: i64, b: i64) -> Result<Vec<DayFacts>, TooMuchWork> {
        self.spend((b - a) as u64)?;
        let mut out = Vec::new();
        for day in a..b {
            let f = DayFacts::of(day);
            if self.rule.day_ok(&f) {
                out.push(f);
            }
        }
        Ok(out)
    }

    /// Tests a sub-daily period starting at local `s`: `None` when it
    /// passes, else the local time from which to look again (its whole
    /// day, hour or minute fails a test).
    fn sub_daily(&mut self, s: i64) -> Result<Option<i64>, TooMuchWork> {
        self.spend(1)?;
        let day = s.div_euclid(DAY);
        if !self.rule.any_day && !self.rule.day_ok(&DayFacts::of(day)) {
            return Ok(Some((day + 1) * DAY));
        }
        let sod = s.rem_euclid(DAY);
        let (h, m, sec) = (sod / 3600, sod / 60 % 60, sod % 60);
        if self.rule.hour_mask & (1 << h) == 0 {
            return Ok(Some(s - sod % 3600 + 3600));
        }
        if self.rule.freq != Frequency::Hourly && self.rule.minute_mask & (1 << m) == 0 {
            return Ok(Some(s - sod % 60 + 60));
        }
        if self.rule.freq == Frequency::Secondly && self.rule.second_mask & (1 << sec) == 0 {
            return Ok(Some(s + 1));
        }
        Ok(None)
    }

    /// The sorted occurrences of period `k` (after `BYSETPOS`), and the next
    /// period worth building.
    fn build(&mut self, k: i64) -> Result<(Vec<i64>, i64), TooMuchWork> {
        let mut list = Vec::new();
        match self.rule.freq {
            Frequency::Hourly | Frequency::Minutely | Frequency::Secondly => {
                let Some(s) = self.period_start(k) else {
                    return Ok((list, i64::MAX));
                };
                if let Some(again) = self.sub_daily(s)? {
                    let next = self.first_period_from(again).max(k + 1);
                    return Ok((list, next));
                }
                self.spend(self.rule.times.len() as u64)?;
                list.extend(self.rule.times.iter().map(|t| s + t));
            }
            _ => {
                let Some((a, b)) = self.period_days(k) else {
                    return Ok((list, i64::MAX));
                };
                let days = self.matching_days(a, b)?;
                let n = days.len() as u64 * self.rule.times.len() as u64;
                self.spend(n)?;
                list.reserve(n as usize);
                for f in &days {
                    list.extend(self.rule.times.iter().map(|t| f.day * DAY + t));
                }
            }
        }
        if !self.rule.set_pos.is_empty() {
            list = select_positions(&list, &self.rule.set_pos);
        }
        Ok((list, k + 1))
    }

    /// How many occurrences period `k` (not period 0) has, without building
    /// them, and the next period worth counting.
    fn count_period(&mut self, k: i64) -> Result<(i64, i64), TooMuchWork> {
        let n = match self.rule.freq {
            Frequency::Hourly | Frequency::Minutely | Frequency::Secondly => {
                let Some(s) = self.period_start(k) else {
                    return Ok((0, i64::MAX));
                };
                if let Some(again) = self.sub_daily(s)? {
                    return Ok((0, self.first_period_from(again).max(k + 1)));
                }
                self.rule.times.len() as i64
            }
            _ => {
                let Some((a, b)) = self.period_days(k) else {
                    return Ok((0, i64::MAX));
                };
                self.spend((b - a) as u64)?;
                let mut days = 0i64;
                for day in a..b {
                    if self.rule.day_ok(&DayFacts::of(day)) {
                        days += 1;
                    }
                }
                days * self.rule.times.len() as i64
            }
        };
        let n = if self.rule.set_pos.is_empty() {
            n
        } else {
            count_positions(n, &self.rule.set_pos)
        };
        Ok((n, k + 1))
    }

    /// Loads period 0 (DTSTART first, then the rule's occurrences after it).
    fn load_first(&mut self) -> Result<(), TooMuchWork> {
        let (list, next) = self.build(0)?;
        self.buf.clear();
        self.buf.push(self.dtstart);
        self.buf
            .extend(list.into_iter().filter(|&t| t > self.dtstart));
        self.pos = 0;
        self.dtstart_in_buf = true;
        self.k = next;
        Ok(())
    }

    /// Positions the expansion at the window: jumps to the period holding
    /// `from`, counting the occurrences before it when there is a `COUNT`.
    fn start(&mut self) -> Result<(), TooMuchWork> {
        let target = self.period_of(self.from);
        if target > 0 && self.count.is_none() && self.until.passed(self.from) {
            // Everything at or after `from` is past UNTIL (and DTSTART is
            // before `from`).
            self.done = true;
            return Ok(());
        }
        if target == 0 {
            return self.load_first();
        }
        let Some(count) = self.count else {
            self.k = target;
            return Ok(());
        };
        if !matches!(self.until, UntilBound::None) {
            // COUNT and UNTIL together (a warning when parsed): count period
            // by period, each occurrence checked against UNTIL.
            return self.load_first();
        }
        // Period 0, then whole periods before the window.
        self.load_first()?;
        let mut seen = self.buf.len() as i64;
        self.buf.clear();
        let mut k = self.k;
        let cycle = self.rule.cycle();
        if cycle.saturating_mul(self.rule.days_per_period()) <= 200_000 && target - k >= cycle {
            let start = k;
            let mut per_cycle = 0i64;
            while k < start + cycle {
                let (n, next) = self.count_period(k)?;
                per_cycle += n;
                k = next;
            }
            let cycles = (target - start) / cycle;
            seen = seen.saturating_add(per_cycle.saturating_mul(cycles));
            k = start + cycles * cycle;
        }
        while k < target && seen < count {
            let (n, next) = self.count_period(k)?;
            seen = seen.saturating_add(n);
            k = next;
        }
        self.seen = seen;
        self.k = k;
        if seen >= count {
            self.done = true;
        }
        Ok(())
    }
}

impl Iterator for Occurrences<'_> {
    type Item = Result<NaiveDateTime, TooMuchWork>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            if !self.started {
                self.started = true;
                if let Err(e) = self.start() {
                    return Some(Err(e));
                }
                continue;
            }
            if let Some(&t) = self.buf.get(self.pos) {
                let is_dtstart = self.dtstart_in_buf && self.pos == 0;
                self.pos += 1;
                if !is_dtstart && self.until.passed(t) {
                    self.done = true;
                    return None;
                }
                self.seen += 1;
                if self.count.is_some_and(|c| self.seen >= c) {
                    self.done = true;
                }
                if t >= self.to {
                    self.done = true;
                    return None;
                }
                if t < self.from {
                    continue;
                }
                return Some(Ok(crate::time::naive_of_local(t)));
            }
            // Build the next period with occurrences.
            self.dtstart_in_buf = false;
            match self.period_start(self.k) {
                Some(s) if s < self.to => {}
                _ => {
                    self.done = true;
                    return None;
                }
            }
            if let Some(s) = self.period_start(self.k) {
                if self.until.passed(s) {
                    self.done = true;
                    return None;
                }
            }
            match self.build(self.k) {
                Ok((list, next)) => {
                    self.buf = list;
                    self.pos = 0;
                    self.k = next;
                }
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Recurrence sets.

/// A recurrence set (RFC 5545 section 3.8.5): `DTSTART`, its rules, extra
/// dates (`RDATE`) and excluded ones (`EXDATE`), all local date-times in one
/// zone (or floating).
///
/// Its occurrences are `DTSTART`, every rule's occurrences and every
/// `RDATE`, minus every `EXDATE` (exclusions win), each once, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecurrenceSet {
    pub dtstart: NaiveDateTime,
    pub rules: Vec<Recurrence>,
    pub rdates: Vec<NaiveDateTime>,
    pub exdates: Vec<NaiveDateTime>,
}

impl RecurrenceSet {
    /// A set of `DTSTART` alone.
    pub fn new(dtstart: NaiveDateTime) -> RecurrenceSet {
        RecurrenceSet {
            dtstart,
            rules: Vec::new(),
            rdates: Vec::new(),
            exdates: Vec::new(),
        }
    }

    /// The occurrences in `[from, to)`, in order, lazily; the work of all
    /// rules together is bounded by [`WORK_LIMIT`] (or `limit`).
    ///
    /// A time in the set that a DST gap skips is still an occurrence: the
    /// caller resolves it (moved forward by the gap's length):
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use escalator::time::recurrence::{Recurrence, RecurrenceSet};
    /// use escalator::time::{resolve_local, Zone};
    /// let ny = chrono_tz::America::New_York;
    /// let zone = Zone::new(ny);
    /// let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    /// let mut set = RecurrenceSet::new(day(7).and_hms_opt(2, 30, 0).unwrap());
    /// set.rules.push(Recurrence::parse("FREQ=DAILY;COUNT=3").unwrap().rule);
    /// set.exdates.push(day(9).and_hms_opt(2, 30, 0).unwrap());
    /// let got: Vec<_> = set
    ///     .occurrences(day(1).into(), day(31).into(), &zone, None)
    ///     .map(|t| resolve_local(ny, t.unwrap()).instant.to_rfc3339())
    ///     .collect();
    /// // 02:30 does not exist on 2026-03-08: it happens at 03:30 EDT.
    /// assert_eq!(got, ["2026-03-07T07:30:00Z", "2026-03-08T07:30:00Z"]);
    /// ```
    pub fn occurrences<'a>(
        &self,
        from: NaiveDateTime,
        to: NaiveDateTime,
        resolver: &'a dyn Resolver,
        limit: Option<u64>,
    ) -> SetOccurrences<'a> {
        let limit = limit.unwrap_or(WORK_LIMIT);
        let rules: Vec<_> = self
            .rules
            .iter()
            .map(|r| {
                r.occurrences(self.dtstart, from, to, resolver)
                    .with_work_limit(limit)
            })
            .collect();
        let mut extra: Vec<NaiveDateTime> = self
            .rdates
            .iter()
            .copied()
            .chain(std::iter::once(self.dtstart))
            .filter(|t| *t >= from && *t < to)
            .collect();
        extra.sort_unstable();
        extra.dedup();
        let mut exdates = self.exdates.clone();
        exdates.sort_unstable();
        exdates.dedup();
        SetOccurrences {
            heads: vec![None; rules.len()],
            rules,
            extra,
            extra_pos: 0,
            exdates,
            last: None,
            limit,
            failed: false,
        }
    }
}

/// The occurrences of a [`RecurrenceSet`] in a window, in order.
pub struct SetOccurrences<'a> {
    rules: Vec<Occurrences<'a>>,
    heads: Vec<Option<NaiveDateTime>>,
    extra: Vec<NaiveDateTime>,
    extra_pos: usize,
    exdates: Vec<NaiveDateTime>,
    last: Option<NaiveDateTime>,
    limit: u64,
    failed: bool,
}

impl SetOccurrences<'_> {
    /// The work done so far by all rules (see [`WORK_LIMIT`]).
    pub fn work(&self) -> u64 {
        self.rules.iter().map(|r| r.work()).sum()
    }
}

impl Iterator for SetOccurrences<'_> {
    type Item = Result<NaiveDateTime, TooMuchWork>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        loop {
            // Refill each rule's head.
            for (i, rule) in self.rules.iter_mut().enumerate() {
                if self.heads[i].is_none() {
                    match rule.next() {
                        Some(Ok(t)) => self.heads[i] = Some(t),
                        Some(Err(e)) => {
                            self.failed = true;
                            return Some(Err(e));
                        }
                        None => {}
                    }
                }
            }
            let work: u64 = self.rules.iter().map(|r| r.work()).sum();
            if work > self.limit {
                self.failed = true;
                return Some(Err(TooMuchWork { limit: self.limit }));
            }
            let mut best: Option<NaiveDateTime> = self.extra.get(self.extra_pos).copied();
            for h in self.heads.iter().flatten() {
                if best.is_none_or(|b| *h < b) {
                    best = Some(*h);
                }
            }
            let t = best?;
            if self.extra.get(self.extra_pos) == Some(&t) {
                self.extra_pos += 1;
            }
            for h in &mut self.heads {
                if *h == Some(t) {
                    *h = None;
                }
            }
            if self.last == Some(t) {
                continue;
            }
            self.last = Some(t);
            if self.exdates.binary_search(&t).is_ok() {
                continue;
            }
            return Some(Ok(t));
        }
    }
}

impl std::fmt::Display for Recurrence {
    /// The rule as `RRULE` text, parts in RFC 5545's order:
    /// `FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;BYDAY=MO,WE,FR`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fn list<T: std::fmt::Display>(
            f: &mut std::fmt::Formatter<'_>,
            name: &str,
            v: &[T],
        ) -> std::fmt::Result {
            if v.is_empty() {
                return Ok(());
            }
            write!(f, ";{name}=")?;
            for (i, x) in v.iter().enumerate() {
                if i > 0 {
                    f.write_str(",")?;
                }
                write!(f, "{x}")?;
            }
            Ok(())
        }
        write!(f, "FREQ={}", self.freq.as_str())?;
        if self.interval > 1 {
            write!(f, ";INTERVAL={}", self.interval)?;
        }
        if let Some(c) = self.count {
            write!(f, ";COUNT={c}")?;
        }
        // Basic ISO 8601 forms, written by hand: strftime (`format`) costs
        // the wasm ~10 KB.
        let date = |d: NaiveDate| format!("{:04}{:02}{:02}", d.year(), d.month(), d.day());
        let date_time = |t: NaiveDateTime| {
            let time = t.time();
            let (h, m, s) = (time.hour(), time.minute(), time.second());
            format!("{}T{h:02}{m:02}{s:02}", date(t.date()))
        };
        match self.until {
            Some(Until::Date(d)) => write!(f, ";UNTIL={}", date(d))?,
            Some(Until::Utc(t)) => write!(f, ";UNTIL={}Z", date_time(t.to_naive_utc()))?,
            Some(Until::Floating(t)) => write!(f, ";UNTIL={}", date_time(t))?,
            None => {}
        }
        list(f, "BYSECOND", &self.by_second)?;
        list(f, "BYMINUTE", &self.by_minute)?;
        list(f, "BYHOUR", &self.by_hour)?;
        let days: Vec<String> = self
            .by_day
            .iter()
            .map(|d| {
                let w = parse::WEEKDAYS[d.weekday.num_days_from_monday() as usize];
                if d.ordinal == 0 {
                    w.to_string()
                } else {
                    format!("{}{w}", d.ordinal)
                }
            })
            .collect();
        list(f, "BYDAY", &days)?;
        list(f, "BYMONTHDAY", &self.by_month_day)?;
        list(f, "BYYEARDAY", &self.by_year_day)?;
        list(f, "BYWEEKNO", &self.by_week_no)?;
        list(f, "BYMONTH", &self.by_month)?;
        list(f, "BYSETPOS", &self.by_set_pos)?;
        if self.week_start != Weekday::Mon {
            write!(
                f,
                ";WKST={}",
                parse::WEEKDAYS[self.week_start.num_days_from_monday() as usize]
            )?;
        }
        Ok(())
    }
}
