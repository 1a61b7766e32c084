//! Handoff points: local readings that repeat every day, week or month
//! (a layer's `handoffs:`), numbered in time order so that a rotation can
//! find the `i`-th point, or the last point at or before a reading, with
//! constant work.
//!
//! Points are local readings (local seconds); resolving them to instants is
//! the zone's job. Index 0 is the first point on or after 1970-01-01 (the
//! first Monday on or after 1969-12-29 for weekly points); indices run over
//! all integers.

use super::calendar::{
    civil_from_days, days_from_civil, days_in_month, month_index, MonthOverflow,
};

const DAY: i64 = 86_400;
const WEEK: i64 = 7 * DAY;
/// 1969-12-29, a Monday, in local seconds.
const FIRST_MONDAY: i64 = -3 * DAY;
/// Readings are kept this far from 1970 (beyond year 9999 either way).
const LIMIT: i64 = 400_000_000_000;

/// Where the points of a period are.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PointSpec {
    /// Seconds after local midnight, each day.
    Daily(Vec<u32>),
    /// Seconds after Monday 00:00, each week.
    Weekly(Vec<u32>),
    /// `(day of month 1..=31, seconds after midnight)`, each month; a day
    /// the month lacks follows the overflow rule. Two listed points that
    /// land on the same reading are one point.
    Monthly(Vec<(u32, u32)>),
}

/// The points of a [`PointSpec`], ready for indexing.
#[derive(Clone, Debug)]
pub struct Points {
    kind: Kind,
}

#[derive(Clone, Debug)]
enum Kind {
    /// Sorted, distinct offsets within a period of `period` seconds
    /// starting at `origin`.
    Periodic {
        origin: i64,
        period: i64,
        offsets: Vec<i64>,
    },
    Monthly(Monthly),
}

#[derive(Clone, Debug)]
struct Monthly {
    points: Vec<(u32, u32)>,
    overflow: MonthOverflow,
    /// Points landing in a common and in a leap year (December never
    /// overflows, so a year's points are its own).
    per_year: [i64; 2],
    /// Points landing in 400 years.
    per_400: i64,
}

impl Points {
    /// The points of `spec` (monthly ones with `overflow`). An empty spec
    /// has one point a day at midnight (never built by the reader).
    pub fn new(spec: &PointSpec, overflow: MonthOverflow) -> Points {
        let periodic = |origin, period, list: &[u32]| {
            let mut offsets: Vec<i64> = list
                .iter()
                .map(|&o| i64::from(o).rem_euclid(period))
                .collect();
            offsets.sort_unstable();
            offsets.dedup();
            if offsets.is_empty() {
                offsets.push(0);
            }
            Kind::Periodic {
                origin,
                period,
                offsets,
            }
        };
        let kind = match spec {
            PointSpec::Daily(list) => periodic(0, DAY, list),
            PointSpec::Weekly(list) => periodic(FIRST_MONDAY, WEEK, list),
            PointSpec::Monthly(list) => {
                let mut points: Vec<(u32, u32)> = list
                    .iter()
                    .map(|&(d, t)| (d.clamp(1, 31), t.min(86_399)))
                    .collect();
                if points.is_empty() {
                    points.push((1, 0));
                }
                let mut m = Monthly {
                    points,
                    overflow,
                    per_year: [0, 0],
                    per_400: 0,
                };
                let mut scratch = Vec::new();
                for (slot, year) in [(0, 2001), (1, 2004)] {
                    m.per_year[slot] = (1..=12)
                        .map(|month| m.landing(year, month, &mut scratch))
                        .sum();
                }
                m.per_400 = 303 * m.per_year[0] + 97 * m.per_year[1];
                Kind::Monthly(m)
            }
        };
        Points { kind }
    }

    /// The local reading of point `i`.
    pub fn point(&self, i: i64) -> i64 {
        match &self.kind {
            Kind::Periodic {
                origin,
                period,
                offsets,
            } => {
                let c = offsets.len() as i64;
                let q = i.div_euclid(c).clamp(-LIMIT / period, LIMIT / period);
                let r = i.rem_euclid(c) as usize;
                origin + q * period + offsets.get(r).copied().unwrap_or(0)
            }
            Kind::Monthly(m) => m.point(i),
        }
    }

    /// The index of the last point at or before `local`.
    pub fn at_or_below(&self, local: i64) -> i64 {
        let local = local.clamp(-LIMIT, LIMIT);
        match &self.kind {
            Kind::Periodic {
                origin,
                period,
                offsets,
            } => {
                let c = offsets.len() as i64;
                let q = (local - origin).div_euclid(*period);
                let within = local - origin - q * period;
                let r = offsets.partition_point(|&o| o <= within) as i64;
                q * c + r - 1
            }
            Kind::Monthly(m) => m.at_or_below(local),
        }
    }
}

/// Leap years in `[0, year)` (negative for negative years), proleptic.
fn leaps_before(year: i64) -> i64 {
    (year + 3).div_euclid(4) - (year + 99).div_euclid(100) + (year + 399).div_euclid(400)
}

impl Monthly {
    /// Points in years `[1970, 1970 + y)` (negative for `y < 0`).
    fn before_year(&self, y: i64) -> i64 {
        let leaps = leaps_before(1970 + y) - leaps_before(1970);
        y * self.per_year[0] + leaps * (self.per_year[1] - self.per_year[0])
    }

    /// The sorted, distinct readings landing in `month` of `year` (into
    /// `out`), and how many.
    fn landing(&self, year: i64, month: u32, out: &mut Vec<i64>) -> i64 {
        out.clear();
        let length = days_in_month(year, month);
        let first = days_from_civil(year, month, 1);
        for &(day, time) in &self.points {
            let day = match self.overflow {
                MonthOverflow::Clamp => day.min(length),
                MonthOverflow::Normalize if day > length => continue, // next month's
                MonthOverflow::Normalize => day,
            };
            out.push((first + i64::from(day) - 1) * DAY + i64::from(time));
        }
        if self.overflow == MonthOverflow::Normalize && month > 1 {
            // The previous month's days past its end roll over into this one.
            let before = days_in_month(year, month - 1);
            for &(day, time) in &self.points {
                if day > before {
                    let d = i64::from(day - before);
                    out.push((first + d - 1) * DAY + i64::from(time));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out.len() as i64
    }

    fn year_of(&self, i: i64) -> i64 {
        // Estimate from the 400-year average, then step to the year.
        let per_400 = self.per_400.max(1);
        let mut y = i128::from(i)
            .saturating_mul(400)
            .div_euclid(i128::from(per_400))
            .clamp(-20_000_000, 20_000_000) as i64;
        while self.before_year(y) > i {
            y -= 1;
        }
        while self.before_year(y + 1) <= i {
            y += 1;
        }
        y
    }

    fn point(&self, i: i64) -> i64 {
        let i = i.clamp(-LIMIT / 100, LIMIT / 100);
        let y = self.year_of(i);
        let mut rest = i - self.before_year(y);
        let mut list = Vec::new();
        for month in 1..=12 {
            let n = self.landing(1970 + y, month, &mut list);
            if rest < n {
                return list.get(rest as usize).copied().unwrap_or(0);
            }
            rest -= n;
        }
        // Not reached: a year holds `before_year(y + 1) - before_year(y)`.
        days_from_civil(1971 + y, 1, 1) * DAY
    }

    fn at_or_below(&self, local: i64) -> i64 {
        let days = local.div_euclid(DAY);
        let (year, month, _) = civil_from_days(days);
        let mut i = self.before_year(year - 1970);
        let mut list = Vec::new();
        for m in 1..month {
            i += self.landing(year, m, &mut list);
        }
        self.landing(year, month, &mut list);
        i + list.partition_point(|&p| p <= local) as i64 - 1
    }
}

/// The month index of a local reading (months since 1970-01).
pub fn month_of(local: i64) -> i64 {
    let (y, m, _) = civil_from_days(local.clamp(-LIMIT, LIMIT).div_euclid(DAY));
    month_index(y, m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> i64 {
        crate::time::local_seconds(
            chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap(),
        )
    }

    /// Every point from index `a` to `b` by brute force: each day of each
    /// month, in order.
    fn check(points: &Points, from: &str, to: &str, expected: &[&str]) {
        let i = points.at_or_below(r(from) - 1) + 1;
        let got: Vec<i64> = (i..)
            .map(|j| points.point(j))
            .take_while(|&p| p < r(to))
            .collect();
        let want: Vec<i64> = expected.iter().map(|s| r(s)).collect();
        assert_eq!(got, want);
        for (k, &p) in got.iter().enumerate() {
            assert_eq!(points.at_or_below(p), i + k as i64);
            assert_eq!(points.at_or_below(p - 1), i + k as i64 - 1);
        }
    }

    #[test]
    fn weekly_points() {
        let p = Points::new(
            &PointSpec::Weekly(vec![4 * 86_400 + 15 * 3600 + 55 * 60, 9 * 3600]),
            MonthOverflow::Clamp,
        );
        check(
            &p,
            "2026-01-05T00:00",
            "2026-01-20T00:00",
            &[
                "2026-01-05T09:00",
                "2026-01-09T15:55",
                "2026-01-12T09:00",
                "2026-01-16T15:55",
                "2026-01-19T09:00",
            ],
        );
    }

    #[test]
    fn monthly_points_clamp_and_normalize() {
        let spec = PointSpec::Monthly(vec![(1, 8 * 3600), (31, 18 * 3600), (30, 18 * 3600)]);
        let clamp = Points::new(&spec, MonthOverflow::Clamp);
        check(
            &clamp,
            "2027-01-15T00:00",
            "2027-05-02T00:00",
            &[
                "2027-01-30T18:00",
                "2027-01-31T18:00",
                "2027-02-01T08:00",
                // 30 and 31 both clamp to the 28th: one point.
                "2027-02-28T18:00",
                "2027-03-01T08:00",
                "2027-03-30T18:00",
                "2027-03-31T18:00",
                "2027-04-01T08:00",
                "2027-04-30T18:00",
                "2027-05-01T08:00",
            ],
        );
        let normalize = Points::new(&spec, MonthOverflow::Normalize);
        check(
            &normalize,
            "2028-02-01T00:00",
            "2028-05-02T00:00",
            &[
                "2028-02-01T08:00",
                // February 2028 has 29 days: 30 -> March 1, 31 -> March 2.
                "2028-03-01T08:00",
                "2028-03-01T18:00",
                "2028-03-02T18:00",
                "2028-03-30T18:00",
                "2028-03-31T18:00",
                "2028-04-01T08:00",
                "2028-04-30T18:00",
                // April 31 -> May 1, after May 1's own 08:00.
                "2028-05-01T08:00",
                "2028-05-01T18:00",
            ],
        );
    }

    #[test]
    fn indices_far_away_stay_consistent() {
        let spec = PointSpec::Monthly(vec![(29, 0), (15, 3600)]);
        for overflow in [MonthOverflow::Clamp, MonthOverflow::Normalize] {
            let p = Points::new(&spec, overflow);
            for i in [-100_000i64, -1, 0, 1, 12_345, 190_000] {
                let at = p.point(i);
                assert_eq!(p.at_or_below(at), i, "{overflow:?} {i}");
                assert!(p.point(i + 1) > at);
            }
            assert_eq!(month_of(0), 0);
        }
    }
}
