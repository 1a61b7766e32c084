//! The part of RFC 5545 recurrence rules that Grafana OnCall's shifts
//! write (`FREQ` hourly to monthly, `INTERVAL`, `BYDAY`, `BYMONTH`,
//! `BYMONTHDAY`, `WKST`, `UNTIL`), expanded on the wall clock: enough to
//! find where OnCall starts each user group's series (its
//! `get_rotation_date`), and to write the rules into the document, whose
//! events layers expand them.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};

/// How often a rule repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freq {
    Hourly,
    Daily,
    Weekly,
    Monthly,
}

impl Freq {
    pub fn parse(s: &str) -> Option<Freq> {
        Some(match s.to_ascii_lowercase().as_str() {
            "hourly" => Freq::Hourly,
            "daily" => Freq::Daily,
            "weekly" => Freq::Weekly,
            "monthly" => Freq::Monthly,
            _ => return None,
        })
    }

    fn text(self) -> &'static str {
        match self {
            Freq::Hourly => "HOURLY",
            Freq::Daily => "DAILY",
            Freq::Weekly => "WEEKLY",
            Freq::Monthly => "MONTHLY",
        }
    }
}

/// A recurrence rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub freq: Freq,
    /// `None`: not written (1).
    pub interval: Option<i64>,
    /// `(ordinal, day)`: ordinal 0 when absent (`MO`), else `1MO`, `-1FR`.
    pub by_day: Vec<(i32, Weekday)>,
    pub by_month: Vec<u32>,
    pub by_monthday: Vec<i32>,
    pub wkst: Option<Weekday>,
    /// `UNTIL`, as written (UTC digits).
    pub until: Option<NaiveDateTime>,
}

/// A weekday in iCalendar's two letters.
pub fn weekday(code: &str) -> Option<Weekday> {
    Some(match code.to_ascii_uppercase().as_str() {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

/// iCalendar's two letters of a weekday.
pub fn code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// A `BYDAY` entry: `MO`, `1MO`, `-2FR`.
pub fn by_day_entry(text: &str) -> Option<(i32, Weekday)> {
    let t = text.trim();
    if t.len() < 2 {
        return None;
    }
    let (n, d) = t.split_at(t.len() - 2);
    let day = weekday(d)?;
    if n.is_empty() {
        return Some((0, day));
    }
    let n: i32 = n.trim_start_matches('+').parse().ok()?;
    (n != 0 && n.abs() <= 53).then_some((n, day))
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .map_or(28, |d| d.day())
}

impl Rule {
    /// The rule as RFC 5545 text, in OnCall's order of parts.
    pub fn text(&self) -> String {
        let mut parts = vec![format!("FREQ={}", self.freq.text())];
        if let Some(i) = self.interval {
            parts.push(format!("INTERVAL={i}"));
        }
        if !self.by_day.is_empty() {
            let days: Vec<String> = self
                .by_day
                .iter()
                .map(|(n, d)| {
                    if *n == 0 {
                        code(*d).to_string()
                    } else {
                        format!("{n}{}", code(*d))
                    }
                })
                .collect();
            parts.push(format!("BYDAY={}", days.join(",")));
        }
        if !self.by_month.is_empty() {
            let m: Vec<String> = self.by_month.iter().map(u32::to_string).collect();
            parts.push(format!("BYMONTH={}", m.join(",")));
        }
        if !self.by_monthday.is_empty() {
            let m: Vec<String> = self.by_monthday.iter().map(i32::to_string).collect();
            parts.push(format!("BYMONTHDAY={}", m.join(",")));
        }
        if let Some(w) = self.wkst {
            parts.push(format!("WKST={}", code(w)));
        }
        if let Some(u) = self.until {
            parts.push(format!("UNTIL={}", u.format("%Y%m%dT%H%M%SZ")));
        }
        parts.join(";")
    }

    fn interval(&self) -> i64 {
        self.interval.unwrap_or(1).max(1)
    }

    /// Whether the day `d` passes the `BY*` limits that apply to every
    /// frequency (`BYMONTH`, and `BYDAY`/`BYMONTHDAY` as limits).
    fn month_ok(&self, d: NaiveDate) -> bool {
        self.by_month.is_empty() || self.by_month.contains(&d.month())
    }

    fn monthday_ok(&self, d: NaiveDate) -> bool {
        if self.by_monthday.is_empty() {
            return true;
        }
        let dim = days_in_month(d.year(), d.month()) as i32;
        let day = d.day() as i32;
        self.by_monthday
            .iter()
            .any(|&m| m == day || (m < 0 && dim + 1 + m == day))
    }

    /// `BYDAY` as a limit or, in a monthly rule, with ordinals in the month.
    fn weekday_ok(&self, d: NaiveDate, monthly: bool) -> bool {
        if self.by_day.is_empty() {
            return true;
        }
        let dim = days_in_month(d.year(), d.month()) as i32;
        let day = d.day() as i32;
        self.by_day.iter().any(|&(n, w)| {
            if d.weekday() != w {
                return false;
            }
            if n == 0 || !monthly {
                return true;
            }
            if n > 0 {
                (day - 1) / 7 + 1 == n
            } else {
                (dim - day) / 7 + 1 == -n
            }
        })
    }

    /// Whether day `d` holds an occurrence of the rule started on `d0`.
    fn day_matches(&self, d0: NaiveDate, d: NaiveDate) -> bool {
        if d < d0 || !self.month_ok(d) {
            return false;
        }
        let i = self.interval();
        match self.freq {
            Freq::Hourly | Freq::Daily => {
                let n = (d - d0).num_days();
                (self.freq == Freq::Hourly || n % i == 0)
                    && self.weekday_ok(d, false)
                    && self.monthday_ok(d)
            }
            Freq::Weekly => {
                let wkst = self.wkst.unwrap_or(Weekday::Mon);
                let week_start = |x: NaiveDate| {
                    let back = (7 + x.weekday().num_days_from_monday() as i64
                        - wkst.num_days_from_monday() as i64)
                        % 7;
                    x - Duration::days(back)
                };
                let weeks = (week_start(d) - week_start(d0)).num_days() / 7;
                if weeks % i != 0 {
                    return false;
                }
                if self.by_day.is_empty() {
                    d.weekday() == d0.weekday()
                } else {
                    self.weekday_ok(d, false)
                }
            }
            Freq::Monthly => {
                let months =
                    (d.year() - d0.year()) as i64 * 12 + d.month() as i64 - d0.month() as i64;
                if months % i != 0 {
                    return false;
                }
                let day_ok = if !self.by_monthday.is_empty() {
                    self.monthday_ok(d)
                } else {
                    !self.by_day.is_empty() || d.day() == d0.day()
                };
                day_ok && self.weekday_ok(d, true)
            }
        }
    }

    /// The occurrences from `dtstart` on (wall clock), in order, each given
    /// to `each` until it returns `false`; each candidate day (or hour)
    /// looked at costs one unit of `budget`, and the walk stops when it is
    /// spent. `UNTIL` is left to the caller (it compares instants).
    pub fn each(
        &self,
        dtstart: NaiveDateTime,
        budget: &mut usize,
        mut each: impl FnMut(NaiveDateTime) -> bool,
    ) {
        let d0 = dtstart.date();
        match self.freq {
            Freq::Hourly => {
                let Some(step) = Duration::try_hours(self.interval()) else {
                    return;
                };
                let mut t = dtstart;
                while *budget > 0 {
                    *budget -= 1;
                    if self.day_matches(d0, t.date()) && !each(t) {
                        return;
                    }
                    t = match t.checked_add_signed(step) {
                        Some(n) => n,
                        None => return,
                    };
                }
            }
            _ => {
                let mut d = d0;
                while *budget > 0 {
                    *budget -= 1;
                    if self.day_matches(d0, d) && !each(d.and_time(dtstart.time())) {
                        return;
                    }
                    d = match d.succ_opt() {
                        Some(n) => n,
                        None => return,
                    };
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    fn first(rule: &Rule, start: NaiveDateTime, n: usize) -> Vec<NaiveDateTime> {
        let mut out = Vec::new();
        rule.each(start, &mut 10_000, |t| {
            out.push(t);
            out.len() < n
        });
        out
    }

    #[test]
    fn weekly_rules_count_weeks_from_wkst() {
        // RFC 5545 3.8.5.3: "Every other week on Monday, Wednesday, and
        // Friday until December 24, 1997, starting on Monday, September 1, 1997".
        let r = Rule {
            freq: Freq::Weekly,
            interval: Some(2),
            by_day: vec![(0, Weekday::Mon), (0, Weekday::Wed), (0, Weekday::Fri)],
            by_month: vec![],
            by_monthday: vec![],
            wkst: Some(Weekday::Sun),
            until: None,
        };
        let got = first(&r, at(1997, 9, 1, 9), 6);
        assert_eq!(
            got,
            vec![
                at(1997, 9, 1, 9),
                at(1997, 9, 3, 9),
                at(1997, 9, 5, 9),
                at(1997, 9, 15, 9),
                at(1997, 9, 17, 9),
                at(1997, 9, 19, 9)
            ]
        );
        assert_eq!(r.text(), "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR;WKST=SU");
    }

    #[test]
    fn monthly_rules_take_ordinal_weekdays_and_month_days() {
        // RFC 5545: "Monthly on the first Friday".
        let r = Rule {
            freq: Freq::Monthly,
            interval: None,
            by_day: vec![(1, Weekday::Fri)],
            by_month: vec![],
            by_monthday: vec![],
            wkst: None,
            until: None,
        };
        assert_eq!(
            first(&r, at(1997, 9, 5, 9), 3),
            vec![at(1997, 9, 5, 9), at(1997, 10, 3, 9), at(1997, 11, 7, 9)]
        );
        let last = Rule {
            by_day: vec![],
            by_monthday: vec![-1],
            ..r.clone()
        };
        assert_eq!(
            first(&last, at(2026, 1, 31, 9), 3),
            vec![at(2026, 1, 31, 9), at(2026, 2, 28, 9), at(2026, 3, 31, 9)]
        );
        assert_eq!(by_day_entry("-1FR"), Some((-1, Weekday::Fri)));
        assert_eq!(by_day_entry("MO"), Some((0, Weekday::Mon)));
        assert_eq!(by_day_entry("X"), None);
    }
}
