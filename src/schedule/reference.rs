//! A slow, obviously correct reference: "who is on call at instant `t`?"
//! answered straight from SPEC section 2, with chrono-tz's own local-time
//! lookups (not the engine's transition tables), for the property test.

use chrono::{Duration, LocalResult, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;

use crate::model::{
    BeforeHandoff, Clock, Combine, LayerEvent, Model, OverrideKind, PersonIdx, Schedule,
};
use crate::time::{DateTimeSpec, Window};

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

fn resolve_spec(tz: Tz, spec: &DateTimeSpec) -> i64 {
    match spec {
        DateTimeSpec::Absolute(t) => t.0,
        DateTimeSpec::Local(l) => resolve(tz, *l),
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
    /// Per layer: every event occurrence near the window, with its people
    /// (events layers).
    occurrences: Vec<Vec<(i64, i64, Vec<PersonIdx>)>>,
    /// Per layer: every restriction occurrence near the window.
    open: Vec<Vec<(i64, i64)>>,
    bounds: Vec<(Option<i64>, Option<i64>)>,
    overrides: Vec<(i64, i64)>,
}

impl<'m> Reference<'m> {
    pub fn new(model: &'m Model, schedule: &'m Schedule, from: i64, to: i64) -> Self {
        let tz = schedule.timezone;
        let mut starts = Vec::new();
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
            open.push(restriction_occurrences(tz, layer, from, to));
            bounds.push((
                layer.from.as_ref().map(|f| resolve_spec(tz, &f.value)),
                layer.until.as_ref().map(|u| resolve_spec(tz, &u.value)),
            ));
            let Some(turns) = layer.turns() else {
                starts.push(Vec::new());
                continue;
            };
            let first = resolve_spec(tz, &turns.handoff.value);
            let base = match turns.handoff.value {
                DateTimeSpec::Local(l) => l,
                DateTimeSpec::Absolute(t) => {
                    chrono::DateTime::from_timestamp(t.0 + offset_at(tz, t.0), 0)
                        .unwrap()
                        .naive_utc()
                }
            };
            let shift = turns.shift.value.0;
            // Turns before the handoff: from one whose reading is two days
            // before the window (far more than any UTC offset or DST jump).
            let lowest = match turns.before_handoff {
                BeforeHandoff::Nobody => 0,
                BeforeHandoff::Rotate => {
                    ((from - 2 * 86_400) - base.and_utc().timestamp())
                        .div_euclid(shift)
                        .min(0)
                        - 1
                }
            };
            let mut s = Vec::new();
            let mut k = lowest;
            loop {
                let reading = base + Duration::seconds(k * shift);
                if reading.and_utc().timestamp() > to + 3 * 86_400 {
                    break;
                }
                s.push((
                    k,
                    match (k, turns.clock) {
                        (0, _) => first,
                        (_, Clock::Elapsed) => first + k * shift,
                        (_, Clock::Wall) => resolve(tz, reading),
                    },
                ));
                k += 1;
            }
            starts.push(s);
        }
        let overrides = schedule
            .overrides
            .iter()
            .map(|o| {
                (
                    resolve_spec(tz, &o.from.value),
                    resolve_spec(tz, &o.to.value),
                )
            })
            .collect();
        Reference {
            model,
            schedule,
            starts,
            occurrences,
            open,
            bounds,
            overrides,
        }
    }

    fn layer_at(&self, li: usize, t: i64) -> Vec<PersonIdx> {
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
        let k = starts
            .iter()
            .filter(|(_, s)| *s <= t)
            .map(|(k, _)| *k)
            .max()
            .expect("turns start before the window");
        let n = turns.members.len() as i64;
        turns.members[k.rem_euclid(n) as usize].clone()
    }

    /// Who is on call at `t`, sorted by id.
    pub fn on_call(&self, t: i64) -> Vec<PersonIdx> {
        let mut set: Vec<PersonIdx> = Vec::new();
        for li in (0..self.schedule.layers.len()).rev() {
            let people = self.layer_at(li, t);
            if people.is_empty() {
                continue;
            }
            set.extend(people);
            if self.schedule.combine == Combine::Top {
                break;
            }
        }
        for (o, &(f, u)) in self.schedule.overrides.iter().zip(&self.overrides) {
            if !(f <= t && t < u) {
                continue;
            }
            match &o.kind {
                OverrideKind::Replace { people } => set = people.clone(),
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
    layer: &crate::model::Layer,
    from: i64,
    to: i64,
) -> Vec<(i64, i64)> {
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
                        occ.push((resolve(tz, open_at), resolve(tz, close_at)));
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
                        occ.push((resolve(tz, open_at), resolve(tz, close_at)));
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
                        let open_at = resolve(tz, midnight + Duration::seconds(i64::from(a.0)));
                        occ.push((open_at, open_at + length.0));
                    }
                }
                Window::WeeklyFor {
                    from: (d1, a),
                    length,
                } => {
                    if weekday == d1 {
                        let open_at = resolve(tz, midnight + Duration::seconds(i64::from(a.0)));
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
    let first = resolve_spec(tz, &e.from.value);
    let from_local = match e.from.value {
        DateTimeSpec::Local(l) => l,
        DateTimeSpec::Absolute(t) => chrono::DateTime::from_timestamp(t.0 + offset_at(tz, t.0), 0)
            .unwrap()
            .naive_utc(),
    };
    let end_of = |local: chrono::NaiveDateTime, start: i64| match (e.from.value, e.to.value) {
        (DateTimeSpec::Local(a), DateTimeSpec::Local(b)) => resolve(tz, local + (b - a)),
        _ => start + (resolve_spec(tz, &e.to.value) - first),
    };
    let except: Vec<i64> = e
        .except
        .iter()
        .map(|x| resolve_spec(tz, &x.value))
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
