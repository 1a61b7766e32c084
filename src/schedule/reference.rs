//! A slow, obviously correct reference: "who is on call at instant `t`?"
//! answered straight from SPEC section 2, with chrono-tz's own local-time
//! lookups (not the engine's transition tables), for the property test.

use chrono::{Duration, LocalResult, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;

use crate::model::{
    BeforeHandoff, Cadence, Clock, Combine, LayerEvent, Model, MonthOverflow, OverrideKind,
    PersonIdx, PointSpec, Schedule, TurnCount,
};
use crate::time::{DateTimeSpec, DstFoldClose, DstGap, DstRule, Window};

fn offset_at(tz: Tz, t: i64) -> i64 {
    let utc = chrono::DateTime::from_timestamp(t, 0).unwrap().naive_utc();
    i64::from(tz.offset_from_utc_datetime(&utc).fix().local_minus_utc())
}

fn exists(tz: Tz, local: NaiveDateTime) -> bool {
    !matches!(tz.from_local_datetime(&local), LocalResult::None)
}

/// SPEC section 1, directly: a single reading is itself; of two, the
/// earlier; in a gap, walk forward to the first reading that exists (the
/// gap's end), and move `local` by the same offset that was in force just
/// before the jump.
pub fn resolve(tz: Tz, local: NaiveDateTime) -> i64 {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(d) => d.timestamp(),
        LocalResult::Ambiguous(a, b) => a.timestamp().min(b.timestamp()),
        LocalResult::None => {
            let mut end = local;
            while !exists(tz, end) {
                end += Duration::minutes(1);
            }
            while exists(tz, end - Duration::seconds(1)) {
                end -= Duration::seconds(1);
            }
            let jump = resolve(tz, end);
            let before = offset_at(tz, jump - 1);
            local.and_utc().timestamp() - before
        }
    }
}

/// SPEC section 1 with a schedule's rules (E9): in a gap, with
/// `dst_gap: transition`, the instant of the first reading after the gap
/// (the transition); of two readings, the later one for a window's closing
/// edge (`closes`) with `dst_fold_close: later`.
pub fn resolve_by(tz: Tz, local: NaiveDateTime, rule: DstRule, closes: bool) -> i64 {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(d) => d.timestamp(),
        LocalResult::Ambiguous(a, b) if closes && rule.fold_close == DstFoldClose::Later => {
            a.timestamp().max(b.timestamp())
        }
        LocalResult::Ambiguous(a, b) => a.timestamp().min(b.timestamp()),
        LocalResult::None if rule.gap == DstGap::Transition => {
            let mut end = local;
            while !exists(tz, end) {
                end += Duration::minutes(1);
            }
            while exists(tz, end - Duration::seconds(1)) {
                end -= Duration::seconds(1);
            }
            resolve(tz, end)
        }
        LocalResult::None => resolve(tz, local),
    }
}

/// Every handoff point in `[lo, hi]` (local), sorted, each once: each day's
/// daily points, each listed weekday's weekly points, each month's monthly
/// points (a day the month lacks clamped to its last day or counted on into
/// the next month).
fn list_points(
    spec: &PointSpec,
    overflow: MonthOverflow,
    lo: NaiveDateTime,
    hi: NaiveDateTime,
) -> Vec<NaiveDateTime> {
    use chrono::Datelike;
    let mut out = Vec::new();
    let at = |d: chrono::NaiveDate, secs: u32| {
        d.and_hms_opt(0, 0, 0).unwrap() + Duration::seconds(i64::from(secs))
    };
    let mut day = lo.date() - Duration::days(40);
    while day <= hi.date() + Duration::days(40) {
        match spec {
            PointSpec::Daily(list) => out.extend(list.iter().map(|&t| at(day, t))),
            PointSpec::Weekly(list) => {
                let weekday = day.weekday().num_days_from_monday();
                out.extend(
                    list.iter()
                        .filter(|&&t| t / 86_400 == weekday)
                        .map(|&t| at(day, t % 86_400)),
                );
            }
            PointSpec::Monthly(list) if day.day() == 1 => {
                let next = day.checked_add_months(chrono::Months::new(1)).unwrap();
                let length = (next - day).num_days() as u32;
                for &(d, t) in list {
                    let d = match overflow {
                        MonthOverflow::Clamp => d.min(length),
                        MonthOverflow::Normalize => d,
                    };
                    out.push(at(day + Duration::days(i64::from(d) - 1), t));
                }
            }
            PointSpec::Monthly(_) => {}
        }
        day += Duration::days(1);
    }
    out.sort();
    out.dedup();
    out.retain(|p| lo <= *p && *p <= hi);
    out
}

/// `months` months after `local`: the same day and time, a day the target
/// month lacks clamped to its last day, or counted on into the next month
/// (as Go's `AddDate`).
fn add_months(local: NaiveDateTime, months: i64, overflow: MonthOverflow) -> NaiveDateTime {
    use chrono::Datelike;
    let index = i64::from(local.year()) * 12 + i64::from(local.month0()) + months;
    let (year, month0) = (index.div_euclid(12) as i32, index.rem_euclid(12) as u32);
    let first = chrono::NaiveDate::from_ymd_opt(year, month0 + 1, 1).unwrap();
    let next = first.checked_add_months(chrono::Months::new(1)).unwrap();
    let length = (next - first).num_days() as u32;
    let day = match overflow {
        MonthOverflow::Clamp => local.day().min(length),
        MonthOverflow::Normalize => local.day(),
    };
    (first + Duration::days(i64::from(day) - 1)).and_time(local.time())
}

fn resolve_spec(tz: Tz, spec: &DateTimeSpec, rule: DstRule) -> i64 {
    match spec {
        DateTimeSpec::Absolute(t) => t.0,
        DateTimeSpec::Local(l) => resolve_by(tz, *l, rule, false),
    }
}

/// Precomputed answers for one schedule over a window `[from, to)`.
pub struct Reference<'m> {
    model: &'m Model,
    schedule: &'m Schedule,
    /// Per layer: every turn `(k, s_k)` up to the window's end, from turn 0
    /// (or, with `before_handoff: rotate`, from a turn that starts well
    /// before the window).
    starts: Vec<Vec<(i64, i64)>>,
    /// Per layer: the number of each turn of `starts` (by instants with
    /// `turn_count: instants`).
    positions: Vec<Vec<i64>>,
    /// Per layer: every event occurrence near the window, with its people
    /// (events layers).
    occurrences: Vec<Vec<(i64, i64, Vec<PersonIdx>)>>,
    /// Per layer: every restriction occurrence near the window.
    open: Vec<Vec<(i64, i64)>>,
    bounds: Vec<(Option<i64>, Option<i64>)>,
    overrides: Vec<(i64, i64)>,
    /// Per layer, the bounds of its own overrides.
    layer_overrides: Vec<Vec<(i64, i64)>>,
}

/// The overrides active at `t` (each `[from, to)` by `bounds`), applied
/// in order to `set`: SPEC section 2.4.
fn apply_overrides(
    set: &mut Vec<PersonIdx>,
    overrides: &[crate::model::Override],
    bounds: &[(i64, i64)],
    t: i64,
) {
    for (o, &(f, u)) in overrides.iter().zip(bounds) {
        if !(f <= t && t < u) {
            continue;
        }
        match &o.kind {
            OverrideKind::Replace { people } => *set = people.clone(),
            OverrideKind::Swap { replaces, people } => {
                if set.contains(replaces) {
                    set.retain(|p| p != replaces);
                    set.extend(people);
                }
            }
            OverrideKind::Add { people } => set.extend(people),
            OverrideKind::Remove { people } => set.retain(|p| !people.contains(p)),
        }
    }
}

impl<'m> Reference<'m> {
    pub fn new(model: &'m Model, schedule: &'m Schedule, from: i64, to: i64) -> Self {
        let tz = schedule.timezone;
        let rule = schedule.dst;
        // Opening edges, handoffs and bounds; closing window edges.
        let resolve = |local| resolve_by(tz, local, rule, false);
        let mut starts = Vec::new();
        let mut positions = Vec::new();
        let mut occurrences = Vec::new();
        let mut open = Vec::new();
        let mut bounds = Vec::new();
        for layer in &schedule.layers {
            occurrences.push(
                layer
                    .events()
                    .iter()
                    .flat_map(|e| event_occurrences(e, from, to))
                    .collect(),
            );
            open.push(restriction_occurrences(tz, rule, layer, from, to));
            bounds.push((
                layer
                    .from
                    .as_ref()
                    .map(|f| resolve_spec(tz, &f.value, rule)),
                layer
                    .until
                    .as_ref()
                    .map(|u| resolve_spec(tz, &u.value, rule)),
            ));
            let Some(layer) = layer.turns() else {
                starts.push(Vec::new());
                positions.push(Vec::new());
                continue;
            };
            let first = resolve_spec(tz, &layer.handoff.value, rule);
            let base = match layer.handoff.value {
                DateTimeSpec::Local(l) => l,
                DateTimeSpec::Absolute(t) => {
                    chrono::DateTime::from_timestamp(t.0 + offset_at(tz, t.0), 0)
                        .unwrap()
                        .naive_utc()
                }
            };
            let shift = layer.shift.value.0;
            // Handoff points: every point from well before the window (or
            // the handoff) to well after it, listed day by day.
            let points = match &layer.cadence {
                Cadence::Points { points, every } => {
                    let local =
                        |t: i64| chrono::DateTime::from_timestamp(t, 0).unwrap().naive_utc();
                    let margin = Duration::days(130 * i64::from(*every));
                    let lo = base.min(local(from)) - margin;
                    let hi = base.max(local(to)) + margin;
                    let list = list_points(points, layer.month_overflow, lo, hi);
                    let forward = list.iter().filter(|p| **p <= base).count() as i64 - 1;
                    let backward = list.iter().filter(|p| **p < base).count() as i64;
                    Some((list, i64::from(*every), forward, backward))
                }
                _ => None,
            };
            let reading_of = |k: i64| match (&layer.cadence, &points) {
                (Cadence::Months(n), _) => {
                    add_months(base, k * i64::from(*n), layer.month_overflow)
                }
                (Cadence::Points { .. }, Some((list, every, forward, backward))) if k != 0 => {
                    let i = if k > 0 { forward } else { backward } + k * every;
                    *list
                        .get(usize::try_from(i).expect("points listed far enough back"))
                        .expect("points listed far enough ahead")
                }
                (Cadence::Points { .. }, _) => base,
                (Cadence::Shift, _) => base + Duration::seconds(k * shift),
            };
            // Turns before the handoff: from one whose reading is two days
            // before the window (far more than any UTC offset or DST jump).
            let before_window = |k: i64| reading_of(k).and_utc().timestamp() < from - 2 * 86_400;
            let lowest = match (layer.before_handoff, &layer.cadence) {
                (BeforeHandoff::Nobody, _) => 0,
                (BeforeHandoff::Rotate, Cadence::Shift) => {
                    ((from - 2 * 86_400) - base.and_utc().timestamp())
                        .div_euclid(shift)
                        .min(0)
                        - 1
                }
                (BeforeHandoff::Rotate, _) => {
                    let mut k = -1;
                    while !before_window(k) {
                        k -= 1;
                    }
                    k
                }
            };
            let mut s = Vec::new();
            let mut k = lowest;
            loop {
                let reading = reading_of(k);
                if reading.and_utc().timestamp() > to + 3 * 86_400 && k > 0 {
                    break;
                }
                s.push((
                    k,
                    match (k, layer.clock) {
                        (0, _) => first,
                        (_, Clock::Elapsed) => first + k * shift,
                        (_, Clock::Wall) => resolve(reading),
                    },
                ));
                k += 1;
            }
            // `turn_count: instants`: number the turns that are ever on
            // (a start below every later start), from turn 0 both ways.
            let mut live = vec![false; s.len()];
            let mut later = i64::MAX;
            for (i, &(_, start)) in s.iter().enumerate().rev() {
                live[i] = start < later;
                later = later.min(start);
            }
            let dead_in = |a: i64, b: i64| {
                s.iter()
                    .zip(&live)
                    .filter(|((k, _), on)| a <= *k && *k <= b && !**on)
                    .count() as i64
            };
            let numbered: Vec<i64> = s
                .iter()
                .map(|&(k, _)| match layer.turn_count {
                    TurnCount::Grid => k,
                    TurnCount::Instants if k >= 0 => k - dead_in(0, k),
                    TurnCount::Instants => k + dead_in(k, -1),
                })
                .collect();
            positions.push(numbered);
            starts.push(s);
        }
        let bounds_of = |list: &[crate::model::Override]| -> Vec<(i64, i64)> {
            list.iter()
                .map(|o| {
                    (
                        resolve_spec(tz, &o.from.value, rule),
                        resolve_spec(tz, &o.to.value, rule),
                    )
                })
                .collect()
        };
        let overrides = bounds_of(&schedule.overrides);
        let layer_overrides = schedule
            .layers
            .iter()
            .map(|l| bounds_of(&l.overrides))
            .collect();
        Reference {
            model,
            schedule,
            starts,
            positions,
            occurrences,
            open,
            bounds,
            overrides,
            layer_overrides,
        }
    }

    /// The layer's set at `t`: its rotation's, then its own overrides.
    fn layer_at(&self, li: usize, t: i64) -> Vec<PersonIdx> {
        let mut set = self.rotation_at(li, t);
        let layer = &self.schedule.layers[li];
        apply_overrides(&mut set, &layer.overrides, &self.layer_overrides[li], t);
        set
    }

    fn rotation_at(&self, li: usize, t: i64) -> Vec<PersonIdx> {
        let layer = &self.schedule.layers[li];
        let (from, until) = self.bounds[li];
        let Some(turns) = layer.turns() else {
            // Events: everyone of every occurrence in force, while visible.
            if from.is_some_and(|f| t < f) || until.is_some_and(|u| t >= u) {
                return Vec::new();
            }
            if !layer.restrictions.is_empty()
                && !self.open[li].iter().any(|&(a, b)| a <= t && t < b)
            {
                return Vec::new();
            }
            return self.occurrences[li]
                .iter()
                .filter(|(a, b, _)| *a <= t && t < *b)
                .flat_map(|(_, _, people)| people.iter().copied())
                .collect();
        };
        let starts = &self.starts[li];
        let first = starts.iter().find(|(k, _)| *k == 0).map(|(_, s)| *s);
        if turns.before_handoff == BeforeHandoff::Nobody && first.is_none_or(|f| t < f) {
            return Vec::new();
        }
        if from.is_some_and(|f| t < f) || until.is_some_and(|u| t >= u) {
            return Vec::new();
        }
        if !layer.restrictions.is_empty() && !self.open[li].iter().any(|&(a, b)| a <= t && t < b) {
            return Vec::new();
        }
        // The highest-numbered turn whose start is <= t.
        let i = (0..starts.len())
            .filter(|&i| starts[i].1 <= t)
            .max_by_key(|&i| starts[i].0)
            .expect("turns start before the window");
        let n = turns.members.len() as i64;
        turns.members[self.positions[li][i].rem_euclid(n) as usize].clone()
    }

    /// Every instant at which the answer may change (turn starts, window
    /// edges, layer and override bounds), within `[from, to)`.
    pub fn change_points(&self, from: i64, to: i64) -> Vec<i64> {
        let mut out: Vec<i64> = Vec::new();
        out.extend(self.starts.iter().flatten().map(|&(_, s)| s));
        out.extend(self.open.iter().flatten().flat_map(|&(a, b)| [a, b]));
        out.extend(self.bounds.iter().flat_map(|&(a, b)| [a, b]).flatten());
        out.extend(self.overrides.iter().flat_map(|&(a, b)| [a, b]));
        out.extend(
            self.layer_overrides
                .iter()
                .flatten()
                .flat_map(|&(a, b)| [a, b]),
        );
        out.extend(
            self.occurrences
                .iter()
                .flatten()
                .flat_map(|&(a, b, _)| [a, b]),
        );
        out.retain(|t| from <= *t && *t < to);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Who is on call at `t`, sorted by id.
    pub fn on_call(&self, t: i64) -> Vec<PersonIdx> {
        // Each layer's set; under `combine: top` only the layers of the
        // highest level among those with anyone count (E15).
        let sets: Vec<(i64, Vec<PersonIdx>)> = (0..self.schedule.layers.len())
            .map(|li| (self.schedule.layers[li].level, self.layer_at(li, t)))
            .filter(|(_, people)| !people.is_empty())
            .collect();
        let top = sets.iter().map(|(level, _)| *level).max();
        let mut set: Vec<PersonIdx> = Vec::new();
        for (level, people) in sets {
            if self.schedule.combine == Combine::Union || Some(level) == top {
                set.extend(people);
            }
        }
        apply_overrides(&mut set, &self.schedule.overrides, &self.overrides, t);
        set.sort_by(|a, b| {
            self.model.people[a.index()]
                .id
                .value
                .cmp(&self.model.people[b.index()].id.value)
        });
        set.dedup();
        set
    }
}

/// Every restriction window occurrence of a layer near `[from, to)`.
fn restriction_occurrences(
    tz: Tz,
    rule: DstRule,
    layer: &crate::model::Layer,
    from: i64,
    to: i64,
) -> Vec<(i64, i64)> {
    // Opening edges; closing edges (`dst_fold_close` concerns them).
    let resolve = |local| resolve_by(tz, local, rule, false);
    let resolve_close = |local| resolve_by(tz, local, rule, true);
    let mut occ = Vec::new();
    let first_day = chrono::DateTime::from_timestamp(from, 0)
        .unwrap()
        .date_naive()
        - Duration::days(9);
    let last_day = chrono::DateTime::from_timestamp(to, 0)
        .unwrap()
        .date_naive()
        + Duration::days(2);
    for w in &layer.restrictions {
        let mut day = first_day;
        while day <= last_day {
            let midnight = day.and_hms_opt(0, 0, 0).unwrap();
            let weekday = chrono::Datelike::weekday(&day);
            match w.value {
                Window::Daily {
                    days,
                    from: a,
                    to: b,
                } => {
                    if days.contains(weekday) {
                        let open_at = midnight + Duration::seconds(i64::from(a.0));
                        let mut close_at = midnight + Duration::seconds(i64::from(b.0));
                        if b.0 <= a.0 {
                            close_at += Duration::days(1);
                        }
                        occ.push((resolve(open_at), resolve_close(close_at)));
                    }
                }
                Window::Weekly {
                    from: (d1, a),
                    to: (d2, b),
                } => {
                    if weekday == d1 {
                        let open_at = midnight + Duration::seconds(i64::from(a.0));
                        // The next occurrence of (d2, b) strictly after.
                        let mut close_at = open_at;
                        for n in 0..=7 {
                            let d = day + Duration::days(n);
                            let c =
                                d.and_hms_opt(0, 0, 0).unwrap() + Duration::seconds(i64::from(b.0));
                            let cd = d;
                            if chrono::Datelike::weekday(&cd) == d2 && c > open_at {
                                close_at = c;
                                break;
                            }
                        }
                        if close_at == open_at {
                            close_at = open_at + Duration::days(7);
                        }
                        occ.push((resolve(open_at), resolve_close(close_at)));
                    }
                }
                // With `duration`: the open resolved, then that
                // much elapsed time.
                Window::DailyFor {
                    days,
                    from: a,
                    length,
                } => {
                    if days.contains(weekday) {
                        let open_at = resolve(midnight + Duration::seconds(i64::from(a.0)));
                        occ.push((open_at, open_at + length.0));
                    }
                }
                Window::WeeklyFor {
                    from: (d1, a),
                    length,
                } => {
                    if weekday == d1 {
                        let open_at = resolve(midnight + Duration::seconds(i64::from(a.0)));
                        occ.push((open_at, open_at + length.0));
                    }
                }
            }
            day += Duration::days(1);
        }
    }
    occ
}

/// The occurrences of an event near `[from, to)`, straight from the
/// rules: the literal recurrence reference gives its local starts, chrono-tz
/// resolves them, `except` drops starts, and each lasts as long as the first
/// (on the wall clock when `from` and `to` are both local).
fn event_occurrences(e: &LayerEvent, from: i64, to: i64) -> Vec<(i64, i64, Vec<PersonIdx>)> {
    let tz = e.timezone;
    let first = resolve_spec(tz, &e.from.value, DstRule::default());
    let from_local = match e.from.value {
        DateTimeSpec::Local(l) => l,
        DateTimeSpec::Absolute(t) => chrono::DateTime::from_timestamp(t.0 + offset_at(tz, t.0), 0)
            .unwrap()
            .naive_utc(),
    };
    let end_of = |local: chrono::NaiveDateTime, start: i64| match (e.from.value, e.to.value) {
        (DateTimeSpec::Local(a), DateTimeSpec::Local(b)) => resolve(tz, local + (b - a)),
        _ => start + (resolve_spec(tz, &e.to.value, DstRule::default()) - first),
    };
    let except: Vec<i64> = e
        .except
        .iter()
        .map(|x| resolve_spec(tz, &x.value, DstRule::default()))
        .collect();
    let naive = |t: i64| chrono::DateTime::from_timestamp(t, 0).unwrap().naive_utc();
    let locals = match &e.repeat {
        None => vec![from_local],
        Some(rule) => {
            // UNTIL in UTC is compared with instants below; the literal
            // reference reads it as floating, so it is taken out here.
            let mut r = rule.value.clone();
            let until = match r.until {
                Some(crate::time::recurrence::Until::Utc(u)) => {
                    r.until = None;
                    Some(u.0)
                }
                _ => None,
            };
            crate::time::recurrence::reference::expand(
                &r,
                from_local,
                naive(from - 40 * 86_400),
                naive(to + 2 * 86_400),
            )
            .into_iter()
            // DTSTART is always the first occurrence (RFC 5545 3.3.10).
            .filter(|l| *l == from_local || until.is_none_or(|u| resolve(tz, *l) <= u))
            .collect()
        }
    };
    locals
        .into_iter()
        .filter_map(|l| {
            let start = if l == from_local {
                first
            } else {
                resolve(tz, l)
            };
            let end = end_of(l, start);
            (end > start && !except.contains(&start)).then(|| (start, end, e.people.clone()))
        })
        .collect()
}
