//! Calendar arithmetic on local readings (local seconds: a naive date-time
//! counted as if it were UTC): civil dates, month lengths, and adding whole
//! months to a reading the way a month shift (`shift: 1mo`) needs it.
//!
//! Plain integer arithmetic on the proleptic Gregorian calendar (Howard
//! Hinnant's `days_from_civil`), total over the instants the engine handles
//! and saturating beyond: no `Option`s, no panics.

const DAY: i64 = 86_400;

/// What a day of the month that the target month lacks becomes (a layer's
/// `month_overflow`): the 31st in April, the 29th in a common February.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum MonthOverflow {
    /// `clamp` (default): the month's last day (January 31 + 1 month is
    /// February 28, or 29).
    #[default]
    Clamp,
    /// `normalize`: rolls over into the next month as Go's `AddDate` does
    /// (January 31 + 1 month is March 3, or March 2 in a leap year).
    Normalize,
}

/// Whether `year` is a leap year (proleptic Gregorian).
pub fn is_leap(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// Days in `month` (1..=12) of `year`.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (`month` 1..=12, `day` from 1;
/// a day past the month's end counts on into the next months).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date `(year, month, day)` of a day count since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Months since 1970-01 of a year and month (1..=12).
pub fn month_index(year: i64, month: u32) -> i64 {
    (year - 1970) * 12 + i64::from(month) - 1
}

/// The year and month (1..=12) of a month index since 1970-01.
pub fn month_of_index(index: i64) -> (i64, u32) {
    (1970 + index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

/// Readings this far from 1970 are left alone (far beyond year 9999 either
/// way): month arithmetic saturates there instead of overflowing.
const LIMIT: i64 = 400_000_000_000;

/// The local reading `months` months after `local` (before, when negative):
/// the same day of the month and time of day, with a day the target month
/// lacks clamped to its last day or rolled over into the next month.
///
/// ```
/// use escalator::time::calendar::{add_months, MonthOverflow};
/// use escalator::time::local_seconds;
/// let r = |s: &str| local_seconds(chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap());
/// let jan31 = r("2026-01-31T09:00");
/// assert_eq!(add_months(jan31, 1, MonthOverflow::Clamp), r("2026-02-28T09:00"));
/// assert_eq!(add_months(jan31, 2, MonthOverflow::Clamp), r("2026-03-31T09:00"));
/// assert_eq!(add_months(jan31, 1, MonthOverflow::Normalize), r("2026-03-03T09:00"));
/// assert_eq!(add_months(r("2028-01-31T09:00"), 1, MonthOverflow::Normalize), r("2028-03-02T09:00"));
/// ```
pub fn add_months(local: i64, months: i64, overflow: MonthOverflow) -> i64 {
    let local = local.clamp(-LIMIT, LIMIT);
    let (days, time) = (local.div_euclid(DAY), local.rem_euclid(DAY));
    let (year, month, day) = civil_from_days(days);
    // Past about 33 million years either way nothing is asked for: saturate.
    let target = month_index(year, month).saturating_add(months.clamp(-LIMIT / 30, LIMIT / 30));
    let (y, m) = month_of_index(target);
    let length = days_in_month(y, m);
    let day = match overflow {
        MonthOverflow::Clamp => day.min(length),
        // `days_from_civil` counts a day past the month's end on.
        MonthOverflow::Normalize => day,
    };
    days_from_civil(y, m, day)
        .saturating_mul(DAY)
        .saturating_add(time)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trips_and_matches_chrono() {
        for days in (-800_000i64..3_000_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
            let chrono = chrono::NaiveDate::from_ymd_opt(y as i32, m, d).unwrap();
            assert_eq!(
                chrono
                    .signed_duration_since(chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap())
                    .num_days(),
                days
            );
        }
    }

    #[test]
    fn month_lengths() {
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(2026, 4), 30);
        assert_eq!(days_in_month(2026, 12), 31);
    }

    #[test]
    fn adding_months_saturates_without_panicking() {
        for (local, months) in [(i64::MAX, i64::MAX), (i64::MIN, i64::MIN), (0, i64::MIN)] {
            for overflow in [MonthOverflow::Clamp, MonthOverflow::Normalize] {
                let _ = add_months(local, months, overflow);
            }
        }
    }
}
