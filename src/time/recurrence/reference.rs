//! A slow, obviously correct reference for the property test: every
//! candidate date-time from `DTSTART`'s day to the window's end is tested
//! against each part of the rule literally (RFC 5545 section 3.3.10, read
//! sentence by sentence), with chrono's own calendar (not the engine's day
//! arithmetic). `UNTIL` in UTC is read as floating (the test is floating).

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

use super::{Frequency, Recurrence, Until};

/// The occurrences of `rule` from `dtstart` in `[from, to)`.
pub fn expand(
    rule: &Recurrence,
    dtstart: NaiveDateTime,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Vec<NaiveDateTime> {
    let r = Reference {
        rule,
        dtstart,
        cache: HashMap::new(),
    };
    r.run(from, to)
}

struct Reference<'a> {
    rule: &'a Recurrence,
    dtstart: NaiveDateTime,
    cache: HashMap<i64, Vec<NaiveDateTime>>,
}

fn month_length(d: NaiveDate) -> u32 {
    let first_next = if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    }
    .unwrap();
    first_next.pred_opt().unwrap().day()
}

fn year_length(d: NaiveDate) -> u32 {
    NaiveDate::from_ymd_opt(d.year(), 12, 31).unwrap().ordinal()
}

/// The first day of the week holding `d`, weeks starting on `wkst`.
fn week_start(d: NaiveDate, wkst: Weekday) -> NaiveDate {
    let mut x = d;
    while x.weekday() != wkst {
        x = x.pred_opt().unwrap();
    }
    x
}

/// RFC 5545: week 1 is the first week (starting on `wkst`) holding at
/// least four days of the year. Returns (week number, weeks in that year).
fn week_number(d: NaiveDate, wkst: Weekday) -> (i64, i64) {
    let first_week = |y: i32| {
        // The first week-start day whose week has four days in year y.
        let mut s = week_start(NaiveDate::from_ymd_opt(y, 1, 1).unwrap(), wkst);
        loop {
            let days_in_year = (0..7)
                .filter(|i| (s + Duration::days(*i)).year() == y)
                .count();
            if days_in_year >= 4 {
                return s;
            }
            s += Duration::days(7);
        }
    };
    let mut y = d.year();
    if d < first_week(y) {
        y -= 1;
    } else if d >= first_week(y + 1) {
        y += 1;
    }
    let start = first_week(y);
    let weeks = (first_week(y + 1) - start).num_days() / 7;
    ((d - start).num_days() / 7 + 1, weeks)
}

impl Reference<'_> {
    /// Times of day a day-based rule expands to, or every time the
    /// sub-daily frequency can reach.
    fn times(&self) -> Vec<NaiveTime> {
        let r = self.rule;
        let s = self.dtstart;
        let pick = |by: &[u8], default: u32, all: u32| -> Vec<u32> {
            if !by.is_empty() {
                by.iter().map(|&x| u32::from(x)).collect()
            } else if all > 0 {
                (0..all).collect()
            } else {
                vec![default]
            }
        };
        let (h_all, m_all, s_all) = match r.freq {
            Frequency::Secondly => (24, 60, 60),
            Frequency::Minutely => (24, 60, 0),
            Frequency::Hourly => (24, 0, 0),
            _ => (0, 0, 0),
        };
        // For sub-daily rules the hour (minute, second) ranges over the
        // whole clock and the BY parts limit it (in `matches`); otherwise
        // they give the values.
        let hours = if h_all > 0 {
            (0..24).collect()
        } else {
            pick(&r.by_hour, s.hour(), 0)
        };
        let minutes = if m_all > 0 {
            (0..60).collect()
        } else {
            pick(&r.by_minute, s.minute(), 0)
        };
        let seconds = if s_all > 0 {
            (0..60).collect()
        } else {
            pick(&r.by_second, s.second(), 0)
        };
        let mut out = Vec::new();
        for h in &hours {
            for m in &minutes {
                for x in &seconds {
                    if let Some(t) = NaiveTime::from_hms_opt(*h, *m, *x) {
                        out.push(t);
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// The period of the frequency holding `c`, counted from DTSTART's.
    fn period(&self, c: NaiveDateTime) -> i64 {
        let s = self.dtstart;
        match self.rule.freq {
            Frequency::Yearly => i64::from(c.year() - s.year()),
            Frequency::Monthly => {
                i64::from(c.year() * 12 + c.month() as i32 - (s.year() * 12 + s.month() as i32))
            }
            Frequency::Weekly => {
                let w = self.rule.week_start;
                (week_start(c.date(), w) - week_start(s.date(), w)).num_days() / 7
            }
            Frequency::Daily => (c.date() - s.date()).num_days(),
            Frequency::Hourly => {
                let base = s.date().and_hms_opt(s.hour(), 0, 0).unwrap();
                (c - base).num_seconds().div_euclid(3600)
            }
            Frequency::Minutely => {
                let base = s.date().and_hms_opt(s.hour(), s.minute(), 0).unwrap();
                (c - base).num_seconds().div_euclid(60)
            }
            Frequency::Secondly => (c - s).num_seconds(),
        }
    }

    fn in_interval(&self, c: NaiveDateTime) -> bool {
        let p = self.period(c);
        p >= 0 && p % i64::from(self.rule.interval.max(1)) == 0
    }

    /// The n-th (from 1) and the n-th from the end (from -1) occurrence of
    /// `d`'s weekday in its month or year, counted day by day.
    fn nth(&self, d: NaiveDate, in_month: bool) -> (i32, i32) {
        let same_scope =
            |x: NaiveDate| x.year() == d.year() && (!in_month || x.month() == d.month());
        let mut forward = 0;
        let mut x = d;
        while same_scope(x) {
            if x.weekday() == d.weekday() {
                forward += 1;
            }
            x = x.pred_opt().unwrap();
        }
        let mut backward = 0;
        let mut x = d;
        while same_scope(x) {
            if x.weekday() == d.weekday() {
                backward -= 1;
            }
            x = x.succ_opt().unwrap();
        }
        (forward, backward)
    }

    fn day_matches(&self, d: NaiveDate) -> bool {
        let r = self.rule;
        let s = self.dtstart.date();
        if !r.by_month.is_empty() && !r.by_month.contains(&(d.month() as u8)) {
            return false;
        }
        if !r.by_week_no.is_empty() {
            let (w, weeks) = week_number(d, r.week_start);
            let ok = r
                .by_week_no
                .iter()
                .any(|&n| i64::from(n) == w || (n < 0 && weeks + 1 + i64::from(n) == w));
            if !ok {
                return false;
            }
        }
        if !r.by_year_day.is_empty() {
            let len = year_length(d) as i32;
            let ok = r.by_year_day.iter().any(|&n| {
                let n = i32::from(n);
                n == d.ordinal() as i32 || (n < 0 && len + 1 + n == d.ordinal() as i32)
            });
            if !ok {
                return false;
            }
        }
        if !r.by_month_day.is_empty() {
            let len = month_length(d) as i32;
            let ok = r.by_month_day.iter().any(|&n| {
                let n = i32::from(n);
                n == d.day() as i32 || (n < 0 && len + 1 + n == d.day() as i32)
            });
            if !ok {
                return false;
            }
        }
        if !r.by_day.is_empty() {
            let in_month = r.freq == Frequency::Monthly || !r.by_month.is_empty();
            let ok = r.by_day.iter().any(|bd| {
                if bd.weekday != d.weekday() {
                    return false;
                }
                if bd.ordinal == 0 {
                    return true;
                }
                let (f, b) = self.nth(d, in_month);
                i32::from(bd.ordinal) == f || i32::from(bd.ordinal) == b
            });
            if !ok {
                return false;
            }
        }
        let no_day_parts = r.by_week_no.is_empty()
            && r.by_year_day.is_empty()
            && r.by_month_day.is_empty()
            && r.by_day.is_empty();
        if no_day_parts {
            let default_day = match r.freq {
                Frequency::Yearly => {
                    d.day() == s.day() && (!r.by_month.is_empty() || d.month() == s.month())
                }
                Frequency::Monthly => d.day() == s.day(),
                Frequency::Weekly => d.weekday() == s.weekday(),
                _ => true,
            };
            if !default_day {
                return false;
            }
        }
        true
    }

    /// Every part but BYSETPOS and the bounds.
    fn matches(&self, c: NaiveDateTime) -> bool {
        let r = self.rule;
        let sub_daily = matches!(
            r.freq,
            Frequency::Hourly | Frequency::Minutely | Frequency::Secondly
        );
        if sub_daily {
            let limit = |by: &[u8], v: u32| by.is_empty() || by.contains(&(v as u8));
            if !limit(&r.by_hour, c.hour()) {
                return false;
            }
            // The finer parts expand (their defaults come from DTSTART) at
            // coarser frequencies and limit at finer ones.
            let minute_ok = match r.freq {
                Frequency::Hourly => {
                    if r.by_minute.is_empty() {
                        c.minute() == self.dtstart.minute()
                    } else {
                        r.by_minute.contains(&(c.minute() as u8))
                    }
                }
                _ => limit(&r.by_minute, c.minute()),
            };
            let second_ok = match r.freq {
                Frequency::Secondly => limit(&r.by_second, c.second()),
                _ => {
                    if r.by_second.is_empty() {
                        c.second() == self.dtstart.second()
                    } else {
                        r.by_second.contains(&(c.second() as u8))
                    }
                }
            };
            if !minute_ok || !second_ok {
                return false;
            }
        }
        self.in_interval(c) && self.day_matches(c.date())
    }

    /// The dates a period of the frequency covers (a superset is fine).
    fn period_dates(&self, c: NaiveDateTime) -> Vec<NaiveDate> {
        let d = c.date();
        let (a, b) = match self.rule.freq {
            Frequency::Yearly => (
                NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap(),
                NaiveDate::from_ymd_opt(d.year(), 12, 31).unwrap(),
            ),
            Frequency::Monthly => (
                NaiveDate::from_ymd_opt(d.year(), d.month(), 1).unwrap(),
                NaiveDate::from_ymd_opt(d.year(), d.month(), month_length(d)).unwrap(),
            ),
            Frequency::Weekly => {
                let s = week_start(d, self.rule.week_start);
                (s, s + Duration::days(6))
            }
            _ => (d, d),
        };
        a.iter_days().take_while(|x| *x <= b).collect()
    }

    /// The sorted set of period `p` (the one holding `c`) before BYSETPOS.
    fn period_set(&mut self, c: NaiveDateTime) -> Vec<NaiveDateTime> {
        let p = self.period(c);
        if let Some(v) = self.cache.get(&p) {
            return v.clone();
        }
        let times = self.times();
        let mut set = Vec::new();
        for d in self.period_dates(c) {
            for t in &times {
                let x = d.and_time(*t);
                if self.period(x) == p && self.matches(x) {
                    set.push(x);
                }
            }
        }
        set.sort();
        self.cache.insert(p, set.clone());
        set
    }

    fn selected(&mut self, c: NaiveDateTime) -> bool {
        if self.rule.by_set_pos.is_empty() {
            return true;
        }
        let set = self.period_set(c);
        let n = set.len() as i64;
        self.rule.by_set_pos.iter().any(|&pos| {
            let i = if pos > 0 {
                i64::from(pos) - 1
            } else {
                n + i64::from(pos)
            };
            i >= 0 && i < n && set[i as usize] == c
        })
    }

    fn before_until(&self, c: NaiveDateTime) -> bool {
        match self.rule.until {
            None => true,
            Some(Until::Date(d)) => c.date() <= d,
            Some(Until::Floating(t)) => c <= t,
            Some(Until::Utc(t)) => c <= t.to_naive_utc(),
        }
    }

    fn run(mut self, from: NaiveDateTime, to: NaiveDateTime) -> Vec<NaiveDateTime> {
        let times = self.times();
        let mut all = vec![self.dtstart];
        let mut d = self.dtstart.date();
        while d <= to.date() {
            for t in &times {
                let c = d.and_time(*t);
                if c <= self.dtstart || c >= to {
                    continue;
                }
                if self.matches(c) && self.selected(c) && self.before_until(c) {
                    all.push(c);
                }
            }
            d = d.succ_opt().unwrap();
        }
        all.sort();
        if let Some(n) = self.rule.count {
            all.truncate(n.max(1) as usize);
        }
        all.retain(|c| *c >= from && *c < to);
        all
    }
}
