//! Recurring local windows (layer restrictions, vendor support hours) as
//! exact intervals of instants.
//!
//! Each occurrence's ends are local times resolved independently (SPEC
//! section 1); an occurrence whose close resolves at or before its open is
//! empty. A window given with a `duration` closes that much elapsed time
//! after its open resolves. Days are counted on the local calendar, never
//! by adding 24 hours.

use chrono_tz::Tz;

use super::zone::by_rule;
use super::Window;
use super::{DstFoldClose, DstRule, Timestamp, Zone};

const DAY: i64 = 86_400;
const WEEK: i64 = 7 * DAY;

/// Too many occurrences for the window asked (see [`try_open_intervals`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooMany {
    /// The limit that was hit.
    pub limit: usize,
}

/// The instants on which any of `windows` is open, clipped to `[from, to)`:
/// sorted, disjoint, touching intervals merged. No windows means always open.
///
/// A day that does not start at midnight (Sao Paulo's 2018-11-04 began at
/// 01:00) still opens its `00:00` window, at 01:00:
///
/// ```
/// use escalator::time::{DaySet, WallTime, Window};
/// use escalator::time::{parse_instant, window::open_intervals};
/// let sp = chrono_tz::America::Sao_Paulo;
/// let w = [Window::Daily { days: DaySet::ALL, from: WallTime(0), to: WallTime(6 * 3600) }];
/// let (from, to) = (parse_instant("2018-11-04", sp).unwrap(), parse_instant("2018-11-05", sp).unwrap());
/// let open = open_intervals(&w, sp, from, to);
/// // 00:00 does not exist that day; the window opens at 01:00 (-02:00) and
/// // lasts 5 hours.
/// assert_eq!(open.len(), 1);
/// assert_eq!(open[0].0.to_rfc3339(), "2018-11-04T03:00:00Z");
/// assert_eq!(open[0].1.to_rfc3339(), "2018-11-04T08:00:00Z");
/// ```
///
/// A 23-hour day: Berlin's 2026-03-29 `{from: "00:00", to: "24:00"}` lasts
/// 23 hours:
///
/// ```
/// use escalator::time::{DaySet, WallTime, Window};
/// use escalator::time::{parse_instant, window::open_intervals};
/// use chrono::Weekday;
/// let berlin = chrono_tz::Europe::Berlin;
/// let w = [Window::Daily { days: DaySet::default().with(Weekday::Sun), from: WallTime(0), to: WallTime(86_400) }];
/// let (from, to) = (parse_instant("2026-03-28", berlin).unwrap(), parse_instant("2026-04-01", berlin).unwrap());
/// let open = open_intervals(&w, berlin, from, to);
/// assert_eq!(open.len(), 1);
/// assert_eq!(open[0].1.0 - open[0].0.0, 23 * 3600);
/// ```
pub fn open_intervals(
    windows: &[Window],
    tz: Tz,
    from: Timestamp,
    to: Timestamp,
) -> Vec<(Timestamp, Timestamp)> {
    let zone = Zone::new(tz);
    // A generous limit: windows are at most daily, so this only cuts
    // centuries-long queries.
    let limit = 4_000_000;
    match try_open_intervals(&zone, windows, from.0, to.0, limit) {
        Ok(v) => v
            .into_iter()
            .map(|(a, b)| (Timestamp(a), Timestamp(b)))
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// [`open_intervals`] in seconds with a bound on the work: fails when more
/// than `limit` occurrences would be produced.
pub fn try_open_intervals(
    zone: &Zone,
    windows: &[Window],
    from: i64,
    to: i64,
    limit: usize,
) -> Result<Vec<(i64, i64)>, TooMany> {
    let mut out = Vec::new();
    open_intervals_into(zone, windows, from, to, limit, &mut out)?;
    Ok(out)
}

/// [`try_open_intervals`] into a reused vector (cleared first).
pub fn open_intervals_into(
    zone: &Zone,
    windows: &[Window],
    from: i64,
    to: i64,
    limit: usize,
    out: &mut Vec<(i64, i64)>,
) -> Result<(), TooMany> {
    open_intervals_by(zone, windows, DstRule::default(), from, to, limit, out)
}

/// [`open_intervals_into`] with a schedule's DST rule: with
/// `dst_gap: transition` an edge in a gap is the transition instant; with
/// `dst_fold_close: later` a closing edge (a `to`) in a fold is the later
/// occurrence.
///
/// New York skips 02:00-03:00 on 2026-03-08 and repeats 01:00-02:00 on
/// 2026-11-01. A `{from: "02:30", to: "04:00"}` window opens at 03:00 EDT
/// with `transition` (at 03:30 by default); `{from: "00:00", to: "01:30"}`
/// closes at the second 01:30 (EST) with `later`:
///
/// ```
/// use escalator::time::{parse_instant, DaySet, DstFoldClose, DstGap, DstRule, WallTime, Window, Zone};
/// use escalator::time::window::open_intervals_by;
/// let ny = chrono_tz::America::New_York;
/// let zone = Zone::new(ny);
/// let rule = DstRule { gap: DstGap::Transition, fold_close: DstFoldClose::Later };
/// let w = [Window::Daily { days: DaySet::ALL, from: WallTime(9000), to: WallTime(14400) }];
/// let (a, b) = (parse_instant("2026-03-08", ny).unwrap().0, parse_instant("2026-03-09", ny).unwrap().0);
/// let mut open = Vec::new();
/// open_intervals_by(&zone, &w, rule, a, b, 100, &mut open).unwrap();
/// assert_eq!(open, vec![(parse_instant("2026-03-08T07:00:00Z", ny).unwrap().0, parse_instant("2026-03-08T08:00:00Z", ny).unwrap().0)]);
/// let w = [Window::Daily { days: DaySet::ALL, from: WallTime(0), to: WallTime(5400) }];
/// let (a, b) = (parse_instant("2026-11-01", ny).unwrap().0, parse_instant("2026-11-02", ny).unwrap().0);
/// open_intervals_by(&zone, &w, rule, a, b, 100, &mut open).unwrap();
/// // 00:00 EDT (04:00Z) to 01:30 EST (06:30Z): two and a half hours.
/// assert_eq!(open[0].1 - open[0].0, 9000);
/// ```
pub fn open_intervals_by(
    zone: &Zone,
    windows: &[Window],
    rule: DstRule,
    from: i64,
    to: i64,
    limit: usize,
    out: &mut Vec<(i64, i64)>,
) -> Result<(), TooMany> {
    out.clear();
    let from = from.clamp(Timestamp::MIN.0, Timestamp::MAX.0);
    let to = to.clamp(Timestamp::MIN.0, Timestamp::MAX.0);
    if from >= to {
        return Ok(());
    }
    if windows.is_empty() {
        out.push((from, to));
        return Ok(());
    }
    let local_from = zone.local_of(from);
    let local_to = zone.local_of(to);
    // Occurrences opening on local days [first_day, last_day] can touch
    // [from, to): a window opens within its day and closes within 8 days.
    let first_day = local_from.div_euclid(DAY) - 8;
    let last_day = local_to.div_euclid(DAY) + 1;
    let days = usize::try_from(last_day - first_day).unwrap_or(usize::MAX);
    let estimate = days.saturating_mul(windows.len());
    if estimate / 2 > limit.saturating_mul(2) {
        return Err(TooMany { limit });
    }
    let per_week: usize = windows
        .iter()
        .map(|w| match w {
            Window::Daily { days, .. } | Window::DailyFor { days, .. } => {
                days.0.count_ones() as usize
            }
            Window::Weekly { .. } | Window::WeeklyFor { .. } => 1,
        })
        .sum();
    let capacity = (days / 7 + 2).saturating_mul(per_week).min(limit);
    out.reserve(capacity);
    let mut cursor = super::zone::Cursor::default();
    // An occurrence: `close` is a local reading, or (`Err`) seconds of
    // elapsed time after the open.
    let mut push = |open_local: i64,
                    close: Result<i64, i64>,
                    out: &mut Vec<(i64, i64)>|
     -> Result<(), TooMany> {
        let open = zone.resolve_with(open_local, &mut cursor);
        let open = by_rule(open_local, open, rule.gap, DstFoldClose::Earlier);
        let close = match close {
            Ok(close_local) => {
                let close = zone.resolve_with(close_local, &mut cursor);
                by_rule(close_local, close, rule.gap, rule.fold_close)
            }
            Err(length) => open.saturating_add(length),
        };
        let (a, b) = (open.max(from), close.min(to));
        if a < b {
            if out.len() >= limit {
                return Err(TooMany { limit });
            }
            out.push((a, b));
        }
        Ok(())
    };
    let mut sorted = true;
    for (n, window) in windows.iter().enumerate() {
        if n > 0 {
            sorted = false;
        }
        match *window {
            Window::Daily {
                days,
                from: open,
                to: close,
            } => {
                let (open, close) = (i64::from(open.0), i64::from(close.0));
                let length = if close <= open {
                    close + DAY - open
                } else {
                    close - open
                };
                let mut weekday = weekday_index(first_day);
                for day in first_day..=last_day {
                    let listed = days.0 & (1 << weekday) != 0;
                    weekday = if weekday == 6 { 0 } else { weekday + 1 };
                    if listed {
                        let start = day * DAY + open;
                        push(start, Ok(start + length), out)?;
                    }
                }
            }
            Window::DailyFor {
                days,
                from: open,
                length,
            } => {
                let open = i64::from(open.0);
                let mut weekday = weekday_index(first_day);
                for day in first_day..=last_day {
                    let listed = days.0 & (1 << weekday) != 0;
                    weekday = if weekday == 6 { 0 } else { weekday + 1 };
                    if listed {
                        push(day * DAY + open, Err(length.0), out)?;
                    }
                }
            }
            Window::WeeklyFor {
                from: (open_day, open),
                length,
            } => {
                let open_at = i64::from(open_day.num_days_from_monday()) * DAY + i64::from(open.0);
                let mut monday = first_day - weekday_index(first_day) - 7;
                while monday <= last_day {
                    push(monday * DAY + open_at, Err(length.0), out)?;
                    monday += 7;
                }
            }
            Window::Weekly {
                from: (open_day, open),
                to: (close_day, close),
            } => {
                let open_at = i64::from(open_day.num_days_from_monday()) * DAY + i64::from(open.0);
                let close_at =
                    i64::from(close_day.num_days_from_monday()) * DAY + i64::from(close.0);
                let mut length = (close_at - open_at).rem_euclid(WEEK);
                if length == 0 {
                    length = WEEK;
                }
                let first_monday = first_day - weekday_index(first_day) - 7;
                let mut monday = first_monday;
                while monday <= last_day {
                    let start = monday * DAY + open_at;
                    push(start, Ok(start + length), out)?;
                    monday += 7;
                }
            }
        }
    }
    if !sorted {
        out.sort_unstable();
    }
    // Merge overlapping and touching occurrences, in place.
    let mut kept = 0usize;
    for i in 0..out.len() {
        let Some(&(a, b)) = out.get(i) else { break };
        match kept.checked_sub(1).and_then(|k| out.get_mut(k)) {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => {
                if let Some(slot) = out.get_mut(kept) {
                    *slot = (a, b);
                }
                kept += 1;
            }
        }
    }
    out.truncate(kept);
    Ok(())
}

/// Monday = 0 for a day number counted from 1970-01-01 (a Thursday).
fn weekday_index(day: i64) -> i64 {
    (day + 3).rem_euclid(7)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_instant;
    use crate::time::{DaySet, WallTime};
    use chrono::Weekday;

    fn at(text: &str, tz: Tz) -> Timestamp {
        parse_instant(text, tz).unwrap()
    }

    fn show(v: &[(Timestamp, Timestamp)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_rfc3339(), b.to_rfc3339()))
            .collect()
    }

    const H: u32 = 3600;

    #[test]
    fn over_midnight_closes_next_day() {
        let tz = chrono_tz::UTC;
        let w = [Window::Daily {
            days: DaySet::default().with(Weekday::Fri),
            from: WallTime(22 * H),
            to: WallTime(6 * H),
        }];
        let v = open_intervals(&w, tz, at("2026-01-01", tz), at("2026-01-10", tz));
        assert_eq!(
            show(&v),
            vec![
                ("2026-01-02T22:00:00Z".into(), "2026-01-03T06:00:00Z".into()),
                ("2026-01-09T22:00:00Z".into(), "2026-01-10T00:00:00Z".into()),
            ]
        );
    }

    #[test]
    fn equal_ends_daily_is_24_hours_and_merges() {
        let tz = chrono_tz::UTC;
        let w = [Window::Daily {
            days: DaySet::ALL,
            from: WallTime(9 * H),
            to: WallTime(9 * H),
        }];
        let v = open_intervals(&w, tz, at("2026-01-01", tz), at("2026-01-03", tz));
        assert_eq!(
            show(&v),
            vec![("2026-01-01T00:00:00Z".into(), "2026-01-03T00:00:00Z".into())]
        );
    }

    #[test]
    fn twenty_four_hundred_is_next_midnight() {
        let tz = chrono_tz::UTC;
        let w = [Window::Daily {
            days: DaySet::default().with(Weekday::Mon),
            from: WallTime(18 * H),
            to: WallTime(24 * H),
        }];
        let v = open_intervals(&w, tz, at("2026-01-05", tz), at("2026-01-07", tz));
        assert_eq!(
            show(&v),
            vec![("2026-01-05T18:00:00Z".into(), "2026-01-06T00:00:00Z".into())]
        );
    }

    #[test]
    fn weekly_span_form_and_equal_ends() {
        let tz = chrono_tz::UTC;
        let w = [Window::Weekly {
            from: (Weekday::Fri, WallTime(17 * H)),
            to: (Weekday::Mon, WallTime(9 * H)),
        }];
        let v = open_intervals(&w, tz, at("2026-01-01", tz), at("2026-01-08", tz));
        assert_eq!(
            show(&v),
            vec![("2026-01-02T17:00:00Z".into(), "2026-01-05T09:00:00Z".into())]
        );
        let w = [Window::Weekly {
            from: (Weekday::Fri, WallTime(17 * H)),
            to: (Weekday::Fri, WallTime(17 * H)),
        }];
        let v = open_intervals(&w, tz, at("2026-01-01", tz), at("2026-01-20", tz));
        assert_eq!(
            show(&v),
            vec![("2026-01-01T00:00:00Z".into(), "2026-01-20T00:00:00Z".into())]
        );
    }

    #[test]
    fn window_crossing_spring_forward_is_an_hour_shorter() {
        // Berlin, Sat 22:00 -> Sun 06:00 across 2026-03-29's 02:00->03:00.
        let tz = chrono_tz::Europe::Berlin;
        let w = [Window::Daily {
            days: DaySet::default().with(Weekday::Sat),
            from: WallTime(22 * H),
            to: WallTime(6 * H),
        }];
        let v = open_intervals(&w, tz, at("2026-03-28", tz), at("2026-03-30", tz));
        assert_eq!(
            show(&v),
            vec![("2026-03-28T21:00:00Z".into(), "2026-03-29T04:00:00Z".into())]
        );
    }

    #[test]
    fn window_ends_in_the_gap_and_fold_resolve_independently() {
        // New York 2026-03-08: 02:30 does not exist (-> 03:30 EDT);
        // 2026-11-01: 01:30 occurs twice (-> the EDT one).
        let tz = chrono_tz::America::New_York;
        let w = [Window::Daily {
            days: DaySet::ALL,
            from: WallTime(2 * H + 1800),
            to: WallTime(3 * H),
        }];
        let v = open_intervals(&w, tz, at("2026-03-08", tz), at("2026-03-09", tz));
        // open 03:30 EDT, close 03:00 EDT: empty.
        assert!(v.is_empty(), "{:?}", show(&v));
        let w = [Window::Daily {
            days: DaySet::ALL,
            from: WallTime(H + 1800),
            to: WallTime(2 * H),
        }];
        let v = open_intervals(&w, tz, at("2026-11-01", tz), at("2026-11-02", tz));
        // 01:30 EDT (05:30Z) to 02:00 EST (07:00Z): 1.5 hours.
        assert_eq!(
            show(&v),
            vec![("2026-11-01T05:30:00Z".into(), "2026-11-01T07:00:00Z".into())]
        );
    }

    #[test]
    fn apia_skipped_friday_moves_its_window_to_saturday() {
        // Apia skipped Friday 2011-12-30 entirely.
        let tz = chrono_tz::Pacific::Apia;
        let w = [Window::Daily {
            days: DaySet::default().with(Weekday::Fri),
            from: WallTime(9 * H),
            to: WallTime(17 * H),
        }];
        let v = open_intervals(&w, tz, at("2011-12-25", tz), at("2012-01-08", tz));
        // Fri 12-30 09:00 and 17:00 both move forward 24h to Sat 12-31: the
        // window keeps its 8 hours on the Saturday; the next is Fri 2012-01-06.
        assert_eq!(
            show(&v),
            vec![
                ("2011-12-30T19:00:00Z".into(), "2011-12-31T03:00:00Z".into()),
                ("2012-01-05T19:00:00Z".into(), "2012-01-06T03:00:00Z".into()),
            ]
        );
    }

    fn daily_for(days: DaySet, from: u32, length: i64) -> Window {
        Window::DailyFor {
            days,
            from: WallTime(from),
            length: crate::time::Seconds(length),
        }
    }

    #[test]
    fn duration_window_across_berlin_spring_change_closes_at_08_00() {
        // Sat 2026-03-28 19:00 CET + 12 elapsed hours: 2026-03-29 08:00
        // CEST (the clock jumped 02:00 -> 03:00 in between), not 07:00.
        let tz = chrono_tz::Europe::Berlin;
        let w = [daily_for(
            DaySet::default().with(Weekday::Sat),
            19 * H,
            12 * 3600,
        )];
        let v = open_intervals(&w, tz, at("2026-03-27", tz), at("2026-04-01", tz));
        assert_eq!(
            show(&v),
            vec![("2026-03-28T18:00:00Z".into(), "2026-03-29T06:00:00Z".into())]
        );
        assert_eq!(v[0].1, at("2026-03-29T08:00", tz));
    }

    #[test]
    fn duration_window_across_berlin_autumn_change_closes_at_06_00() {
        // Sat 2026-10-24 19:00 CEST + 12 elapsed hours: 2026-10-25 06:00 CET.
        let tz = chrono_tz::Europe::Berlin;
        let w = [daily_for(DaySet::ALL, 19 * H, 12 * 3600)];
        let v = open_intervals(
            &w,
            tz,
            at("2026-10-24T12:00", tz),
            at("2026-10-25T12:00", tz),
        );
        assert_eq!(
            show(&v),
            vec![("2026-10-24T17:00:00Z".into(), "2026-10-25T05:00:00Z".into())]
        );
        assert_eq!(v[0].1, at("2026-10-25T06:00", tz));
        // The same window with `to: "07:00"` closes at 07:00 local: 13 hours.
        let to = [Window::Daily {
            days: DaySet::ALL,
            from: WallTime(19 * H),
            to: WallTime(7 * H),
        }];
        let v = open_intervals(
            &to,
            tz,
            at("2026-10-24T12:00", tz),
            at("2026-10-25T12:00", tz),
        );
        assert_eq!(v[0].1 .0 - v[0].0 .0, 13 * 3600);
    }

    #[test]
    fn weekly_duration_window_opens_friday_and_closes_monday() {
        // {from: "fri 17:00", duration: 64h}: Friday 17:00 to Monday 09:00.
        let tz = chrono_tz::Europe::Berlin;
        let w = [Window::WeeklyFor {
            from: (Weekday::Fri, WallTime(17 * H)),
            length: crate::time::Seconds(64 * 3600),
        }];
        let v = open_intervals(&w, tz, at("2026-01-05", tz), at("2026-01-19", tz));
        assert_eq!(
            show(&v),
            vec![
                // The weekend before the window, from its start.
                ("2026-01-04T23:00:00Z".into(), "2026-01-05T08:00:00Z".into()),
                ("2026-01-09T16:00:00Z".into(), "2026-01-12T08:00:00Z".into()),
                ("2026-01-16T16:00:00Z".into(), "2026-01-18T23:00:00Z".into()),
            ]
        );
        assert_eq!(v[1].1, at("2026-01-12T09:00", tz));
        // Across the autumn change the weekend is 64 elapsed hours: it
        // closes at 08:00 CET on Monday 2026-10-26.
        let v = open_intervals(&w, tz, at("2026-10-23", tz), at("2026-10-27", tz));
        assert_eq!(v[0].1, at("2026-10-26T08:00", tz));
    }

    #[test]
    fn week_long_duration_window_overlaps_or_leaves_an_hour_across_dst() {
        // {from: "mon 09:00", duration: 1w} in Berlin. The week of the
        // spring change is 167 hours: the window overlaps its next
        // occurrence and the union is one interval. The week of the
        // autumn change is 169 hours: an hour is left uncovered.
        let tz = chrono_tz::Europe::Berlin;
        let w = [Window::WeeklyFor {
            from: (Weekday::Mon, WallTime(9 * H)),
            length: crate::time::Seconds(7 * 86_400),
        }];
        let v = open_intervals(
            &w,
            tz,
            at("2026-03-23T09:00", tz),
            at("2026-04-06T09:00", tz),
        );
        assert_eq!(
            show(&v),
            vec![("2026-03-23T08:00:00Z".into(), "2026-04-06T07:00:00Z".into())]
        );
        let v = open_intervals(
            &w,
            tz,
            at("2026-10-19T09:00", tz),
            at("2026-11-02T09:00", tz),
        );
        assert_eq!(
            show(&v),
            vec![
                ("2026-10-19T07:00:00Z".into(), "2026-10-26T07:00:00Z".into()),
                ("2026-10-26T08:00:00Z".into(), "2026-11-02T08:00:00Z".into()),
            ]
        );
    }

    #[test]
    fn duration_window_opening_in_a_gap_opens_after_it_and_keeps_its_length() {
        // New York 2026-03-08: 02:30 is 03:30 EDT; 1h30m later is 05:00 EDT.
        let tz = chrono_tz::America::New_York;
        let w = [daily_for(DaySet::ALL, 2 * H + 1800, 5400)];
        let v = open_intervals(&w, tz, at("2026-03-08", tz), at("2026-03-08T12:00", tz));
        assert_eq!(
            show(&v),
            vec![("2026-03-08T07:30:00Z".into(), "2026-03-08T09:00:00Z".into())]
        );
    }

    #[test]
    fn seconds_in_window_ends() {
        let tz = chrono_tz::Australia::Lord_Howe;
        let w = [Window::Daily {
            days: DaySet::default().with(Weekday::Mon),
            from: WallTime(9 * H + 30),
            to: WallTime(17 * H + 15),
        }];
        // Lord Howe is UTC+10:30 in June.
        let v = open_intervals(&w, tz, at("2026-06-01", tz), at("2026-06-02", tz));
        assert_eq!(
            show(&v),
            vec![("2026-05-31T22:30:30Z".into(), "2026-06-01T06:30:15Z".into())]
        );
    }

    #[test]
    fn bounded() {
        let zone = Zone::new(chrono_tz::UTC);
        let w = [Window::Daily {
            days: DaySet::ALL,
            from: WallTime(0),
            to: WallTime(H),
        }];
        assert_eq!(
            try_open_intervals(&zone, &w, Timestamp::MIN.0, Timestamp::MAX.0, 1000),
            Err(TooMany { limit: 1000 })
        );
    }
}
