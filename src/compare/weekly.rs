//! Difference intervals folded into the week of a display zone.
//!
//! - [`WeekGrid`]: seconds of difference per local hour of the week (Monday
//!   00:00 first), split into worse, better and changed, for a heatmap.
//! - [`describe`]: how much and when, in words: "6 h a week" and "Sat
//!   09:00-15:00 Europe/London" when the intervals recur at the same local
//!   times every week of the window, else the instants.
//!
//! Intervals are folded on the local wall clock, so a difference at Saturday
//! 09:00 London time is the same cell in winter and in summer. An hour that
//! occurs twice (fall back) is counted once per week when asking whether a
//! time recurs; an hour that does not exist (spring forward) is not
//! expected in that week.

use chrono_tz::Tz;

use super::Effect;
use crate::time::{Timestamp, Zone};

const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;
/// Seconds in a week.
pub const WEEK: i64 = 7 * DAY;
/// Local seconds count from 1970-01-01, a Thursday: shifting by three days
/// puts Monday 00:00 on multiples of a week.
const MONDAY_SHIFT: i64 = 3 * DAY;

/// Seconds of difference in one local hour of the week, summed over the window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WeekCell {
    /// Seconds at which anything differs.
    pub changed: i64,
    /// Of those, seconds at which some difference makes NEW worse.
    pub worse: i64,
    /// Of those, seconds at which some difference makes NEW better (a
    /// second can be both: a later first page, but one more level).
    pub better: i64,
}

/// Seven rows (Monday to Sunday) of 24 local hours.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WeekGrid {
    pub cells: [[WeekCell; 24]; 7],
}

impl WeekGrid {
    /// Adds `[start, end)`, cut at the zone's local hours.
    pub fn add(
        &mut self,
        zone: &Zone,
        start: Timestamp,
        end: Timestamp,
        worse: bool,
        better: bool,
    ) {
        let mut t = start.0;
        while t < end.0 {
            let local = zone.local_of(t);
            let next_hour = t + HOUR - local.rem_euclid(HOUR);
            let mut stop = next_hour.min(end.0);
            if let Some(tr) = zone.transition_after(t) {
                stop = stop.min(tr.at);
            }
            let stop = stop.max(t + 1);
            let day = (local + MONDAY_SHIFT).div_euclid(DAY).rem_euclid(7) as usize;
            let hour = (local.rem_euclid(DAY) / HOUR) as usize;
            if let Some(cell) = self.cells.get_mut(day).and_then(|r| r.get_mut(hour)) {
                let s = stop - t;
                cell.changed += s;
                if worse {
                    cell.worse += s;
                }
                if better {
                    cell.better += s;
                }
            }
            t = stop;
        }
    }

    /// Adds an interval whose differences have these effects.
    pub(crate) fn add_effects(
        &mut self,
        zone: &Zone,
        start: Timestamp,
        end: Timestamp,
        effects: impl IntoIterator<Item = Effect>,
    ) {
        let (mut worse, mut better) = (false, false);
        for e in effects {
            worse |= e == Effect::Worse;
            better |= e == Effect::Better;
        }
        self.add(zone, start, end, worse, better);
    }

    /// Whether nothing was added.
    pub fn is_empty(&self) -> bool {
        self.cells.iter().flatten().all(|c| c.changed == 0)
    }
}

/// How much of the window differs and when, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct When {
    /// Seconds of difference in the window.
    pub total: i64,
    /// Seconds a week, when the intervals recur weekly (at least partly).
    pub per_week: Option<i64>,
    /// "6 h a week", "48 h".
    pub amount: String,
    /// "Sat 09:00-15:00 Europe/London", "2026-03-10 00:00 to 2026-03-12
    /// 00:00 Europe/London".
    pub place: String,
}

/// One piece of folded time: a week number and a range of that week.
type Piece = (i64, i64, i64);

/// `[start, end)` on the local wall clock, cut into weeks.
fn fold(zone: &Zone, start: i64, end: i64, out: &mut Vec<Piece>) {
    let mut t = start;
    while t < end {
        let offset = i64::from(zone.offset_at(t));
        let stop = zone
            .transition_after(t)
            .map_or(end, |tr| tr.at.min(end))
            .max(t + 1);
        let (mut a, b) = (t + offset + MONDAY_SHIFT, stop + offset + MONDAY_SHIFT);
        while a < b {
            let week = a.div_euclid(WEEK);
            let base = week * WEEK;
            let wb = (b - base).min(WEEK);
            out.push((week, a - base, wb));
            a = base + wb;
        }
        t = stop;
    }
}

/// How many weeks hold each stretch of the week: sorted breakpoints with
/// the count from each to the next (the union within one week counts once).
fn counts(mut pieces: Vec<Piece>) -> Vec<(i64, i64)> {
    pieces.sort_unstable();
    let mut merged: Vec<Piece> = Vec::with_capacity(pieces.len());
    for p in pieces {
        match merged.last_mut() {
            Some(last) if last.0 == p.0 && p.1 <= last.2 => last.2 = last.2.max(p.2),
            _ => merged.push(p),
        }
    }
    let mut events: Vec<(i64, i64)> = Vec::with_capacity(merged.len() * 2);
    for (_, a, b) in merged {
        events.push((a, 1));
        events.push((b, -1));
    }
    events.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::new();
    let mut level = 0;
    for (x, d) in events {
        level += d;
        match out.last_mut() {
            Some(last) if last.0 == x => last.1 = level,
            _ => out.push((x, level)),
        }
    }
    out
}

/// The count of a step function (from [`counts`]) at `x`.
fn at(steps: &[(i64, i64)], x: i64) -> i64 {
    let i = steps.partition_point(|s| s.0 <= x);
    i.checked_sub(1)
        .and_then(|i| steps.get(i))
        .map_or(0, |s| s.1)
}

/// Describes difference intervals (sorted, not overlapping) of the window
/// `[from, to)` in `zone` (see the module doc).
///
/// ```
/// use escalator::compare::weekly::describe;
/// use escalator::time::parse_instant;
/// let tz = chrono_tz::Europe::London;
/// let t = |s: &str| parse_instant(s, tz).unwrap();
/// // Every Saturday 09:00-15:00 for four weeks, across the change to summer time.
/// let spans: Vec<_> = ["2026-03-21", "2026-03-28", "2026-04-04", "2026-04-11"].iter()
///     .map(|d| (t(&format!("{d}T09:00")), t(&format!("{d}T15:00")))).collect();
/// let when = describe(&spans, t("2026-03-16"), t("2026-04-13"), tz);
/// assert_eq!((when.amount.as_str(), when.place.as_str()), ("6 h a week", "Sat 09:00-15:00 Europe/London"));
/// // Nearly always: what is left out.
/// let days: Vec<_> = (16..30).map(|d| (t(&format!("2026-03-{d}T09:00")), t(&format!("2026-03-{}T08:00", d + 1)))).collect();
/// let when = describe(&days, t("2026-03-16T09:00"), t("2026-03-30T08:00"), tz);
/// assert_eq!((when.amount.as_str(), when.place.as_str()), ("161 h a week", "all week except daily 08:00-09:00 Europe/London"));
/// // Once only: the instants.
/// let when = describe(&spans[..1], t("2026-03-16"), t("2026-04-13"), tz);
/// assert_eq!(when.place, "2026-03-21 09:00 to 15:00 Europe/London");
/// ```
pub fn describe(
    spans: &[(Timestamp, Timestamp)],
    from: Timestamp,
    to: Timestamp,
    zone: Tz,
) -> When {
    let total: i64 = spans.iter().map(|(s, e)| (e.0 - s.0).max(0)).sum();
    let z = Zone::new(zone);
    let mut diff = Vec::new();
    for (s, e) in spans {
        fold(&z, s.0, e.0, &mut diff);
    }
    let mut window = Vec::new();
    fold(&z, from.0, to.0, &mut window);
    let (diff, window) = (counts(diff), counts(window));
    let mut xs: Vec<i64> = diff.iter().chain(&window).map(|s| s.0).collect();
    xs.push(0);
    xs.push(WEEK);
    xs.sort_unstable();
    xs.dedup();
    // Stretches of the week at which the difference happens in every week
    // of the window that has them, and whether that is all of it.
    let mut every: Vec<(i64, i64)> = Vec::new();
    let mut exact = true;
    let mut repeats = false;
    // Seconds of the week's stretches that differ in some weeks only,
    // counted once per week they do.
    let mut other_seconds = 0i64;
    for w in xs.windows(2) {
        let (a, b) = (w[0], w[1]);
        if b <= a || a >= WEEK {
            continue;
        }
        let (d, n) = (at(&diff, a), at(&window, a));
        if d > 0 && d == n {
            repeats |= n >= 2;
            match every.last_mut() {
                Some(last) if last.1 == a => last.1 = b,
                _ => every.push((a, b)),
            }
        } else if d > 0 {
            exact = false;
            other_seconds += (b - a) * d;
        }
    }
    let zone_name = zone.name();
    let amount = |s: i64| format!("{} a week", duration(s));
    if repeats && !every.is_empty() {
        let per_week: i64 = every.iter().map(|(a, b)| b - a).sum();
        let ranges = if per_week > WEEK - DAY && per_week < WEEK {
            format!("all week except {}", ranges_text(&complement(&every)))
        } else {
            ranges_text(&every)
        };
        let rest = other_seconds;
        if exact || rest <= 0 {
            return When {
                total,
                per_week: Some(per_week),
                amount: amount(per_week),
                place: format!("{ranges} {zone_name}"),
            };
        }
        return When {
            total,
            per_week: Some(per_week),
            amount: format!("{} a week and {} more", duration(per_week), duration(rest)),
            place: format!("{ranges} {zone_name}, and at other times"),
        };
    }
    let place = match spans {
        [] => String::new(),
        [(s, e)] => format!("{} {zone_name}", span_text(zone, *s, *e)),
        [(s, _), .., (_, e)] => format!(
            "{} intervals from {} to {} {zone_name}",
            spans.len(),
            local_text(zone, *s),
            local_text(zone, *e)
        ),
    };
    When {
        total,
        per_week: None,
        amount: duration(total),
        place,
    }
}

/// The stretches of the week (`[0, WEEK)`) outside sorted `ranges`.
fn complement(ranges: &[(i64, i64)]) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    let mut at = 0;
    for &(a, b) in ranges {
        if a > at {
            out.push((at, a));
        }
        at = at.max(b);
    }
    if at < WEEK {
        out.push((at, WEEK));
    }
    out
}

/// `2026-03-10 09:00` (seconds when not zero) in `zone`.
pub fn local_text(zone: Tz, t: Timestamp) -> String {
    let local = crate::time::zone::local_naive(zone, t);
    if t.0.rem_euclid(60) == 0 {
        local.format("%Y-%m-%d %H:%M").to_string()
    } else {
        local.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

/// `2026-03-10 09:00 to 15:00` (the end's date only when it differs).
pub fn span_text(zone: Tz, start: Timestamp, end: Timestamp) -> String {
    let (a, b) = (local_text(zone, start), local_text(zone, end));
    match (a.split_once(' '), b.split_once(' ')) {
        (Some((da, _)), Some((db, tb))) if da == db => format!("{a} to {tb}"),
        _ => format!("{a} to {b}"),
    }
}

/// A length in words: `6 h`, `5 min`, `1 h 30 min`, `45 s`, `0 s`.
///
/// ```
/// use escalator::compare::weekly::duration;
/// assert_eq!(duration(5_400), "1 h 30 min");
/// assert_eq!(duration(300), "5 min");
/// assert_eq!(duration(50_400), "14 h");
/// assert_eq!(duration(61), "1 min 1 s");
/// ```
pub fn duration(seconds: i64) -> String {
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s % 3600 / 60, s % 60);
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(format!("{h} h"));
    }
    if m > 0 {
        parts.push(format!("{m} min"));
    }
    if sec > 0 {
        parts.push(format!("{sec} s"));
    }
    if parts.is_empty() {
        return "0 s".to_string();
    }
    parts.join(" ")
}

const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

fn clock(seconds_of_day: i64) -> String {
    let s = seconds_of_day.rem_euclid(DAY);
    if s % 60 == 0 {
        format!("{:02}:{:02}", s / 3600, s % 3600 / 60)
    } else {
        format!("{:02}:{:02}:{:02}", s / 3600, s % 3600 / 60, s % 60)
    }
}

/// Ranges of the week (Monday 00:00 = 0) in words: `Sat 09:00-15:00`,
/// `weekdays 17:00-09:00`, `Fri 17:00-Mon 09:00`.
///
/// ```
/// use escalator::compare::weekly::ranges_text;
/// let h = 3_600;
/// let nights: Vec<(i64, i64)> = (0..5).map(|d| (d * 24 * h + 17 * h, d * 24 * h + 33 * h)).collect();
/// assert_eq!(ranges_text(&nights), "weekdays 17:00-09:00");
/// assert_eq!(ranges_text(&[(5 * 24 * h + 9 * h, 5 * 24 * h + 15 * h)]), "Sat 09:00-15:00");
/// assert_eq!(ranges_text(&[(4 * 24 * h + 17 * h, 7 * 24 * h + 9 * h)]), "Fri 17:00-Mon 09:00");
/// ```
pub fn ranges_text(ranges: &[(i64, i64)]) -> String {
    // Join the range that ends the week with the one that starts it.
    let mut list: Vec<(i64, i64)> = ranges.iter().map(|&(a, b)| (a, b - a)).collect();
    if list.len() > 1 {
        let first = list.first().copied();
        let last = list.last().copied();
        if let (Some((0, l0)), Some((a, l))) = (first, last) {
            if a + l == WEEK {
                list.remove(0);
                if let Some(x) = list.last_mut() {
                    x.1 = l + l0;
                }
            }
        }
    }
    if let [(_, len)] = list.as_slice() {
        if *len >= WEEK {
            return "all week".to_string();
        }
    }
    // Group equal times of day and lengths (up to a day) over several days.
    let mut groups: Vec<(i64, i64, Vec<usize>)> = Vec::new();
    for &(a, len) in &list {
        let day = (a / DAY) as usize;
        let tod = a % DAY;
        match groups
            .iter_mut()
            .find(|g| g.0 == tod && g.1 == len && len <= DAY)
        {
            Some(g) => g.2.push(day),
            None => groups.push((tod, len, vec![day])),
        }
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|(tod, len, days)| {
            let end = tod + len;
            if *len <= DAY {
                let end_text = if end % DAY == 0 {
                    "24:00".to_string()
                } else {
                    clock(end)
                };
                let days_text = match days.as_slice() {
                    [0, 1, 2, 3, 4] => "weekdays".to_string(),
                    [5, 6] => "weekends".to_string(),
                    [0, 1, 2, 3, 4, 5, 6] => "daily".to_string(),
                    list => list
                        .iter()
                        .map(|d| DAY_NAMES.get(*d).copied().unwrap_or("?"))
                        .collect::<Vec<_>>()
                        .join(", "),
                };
                format!("{days_text} {}-{end_text}", clock(*tod))
            } else {
                let start_day = days.first().copied().unwrap_or(0);
                let end_day = ((start_day as i64 * DAY + end) / DAY).rem_euclid(7) as usize;
                format!(
                    "{} {}-{} {}",
                    DAY_NAMES.get(start_day).copied().unwrap_or("?"),
                    clock(*tod),
                    DAY_NAMES.get(end_day).copied().unwrap_or("?"),
                    clock(end)
                )
            }
        })
        .collect();
    parts.join(", ")
}
