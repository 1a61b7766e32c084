//! Schedule findings: handoffs and window edges that a DST change moves
//! (info), people on call too long without a break (warning), and in
//! events layers, the gaps between events (warning) and the events that
//! overlap (info).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use chrono::Weekday;

use super::events::{Occ, Prepared};
use super::rotation::Rotation;
use super::shifts;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::{Clock, LayerEvent, Model, PersonIdx, Schedule, ScheduleIdx};
use crate::time::zone::Transition;
use crate::time::{local_seconds, naive_of_local, Timestamp, Zone};
use crate::time::{DateTimeSpec, DstFoldClose, DstGap, DstRule, Window};

/// A person continuously on call longer than this is a finding (a week,
/// plus two hours so a weekly turn across a DST change is not one).
pub const LONG_SHIFT_SECONDS: i64 = 7 * 86_400 + 2 * 3600;

const DAY: i64 = 86_400;

/// Findings about the schedules of a model over `[from, to)`: local
/// handoffs, restriction edges, layer bounds and override bounds that fall
/// in a DST gap (`dst-gap`) or fold (`dst-fold`), and people on call for
/// longer than `LONG_SHIFT_SECONDS` (a week and two hours) without a break (`long-shift`).
pub fn findings(model: &Model, from: Timestamp, to: Timestamp) -> Vec<Diagnostic> {
    // Instants outside the supported years are read as its ends.
    let from = from.clamp(Timestamp::MIN, Timestamp::MAX);
    let to = to.clamp(Timestamp::MIN, Timestamp::MAX);
    let mut out = Vec::new();
    for (i, schedule) in model.schedules.iter().enumerate() {
        let zone = Zone::new(schedule.timezone);
        // A disabled schedule's handoffs never happen.
        if schedule.is_enabled() {
            dst_findings(schedule, &zone, from.0, to.0, &mut out);
        }
        long_shifts(model, ScheduleIdx(i as u32), schedule, from, to, &mut out);
        event_findings(schedule, from.0, to.0, &mut out);
    }
    out
}

/// `HH:MM`, or `HH:MM:SS` when the seconds are not zero.
fn hhmm(local: i64) -> String {
    let format = if local.rem_euclid(60) == 0 {
        "%H:%M"
    } else {
        "%H:%M:%S"
    };
    naive_of_local(local).format(format).to_string()
}

fn offset_text(offset: i32) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let a = offset.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", a / 3600, a % 3600 / 60)
}

/// The finding for a local reading `local` that falls in transition `tr`'s
/// gap or fold (`what` names it: "handoff", "restriction start", ...;
/// `closes`: a window's closing edge, which `dst_fold_close` concerns). It
/// says which instant the schedule's rule used.
fn moved(
    what: &str,
    local: i64,
    tr: &Transition,
    schedule: &Schedule,
    span: Span,
    closes: bool,
) -> Diagnostic {
    let zone = schedule.timezone.name();
    moved_in(what, local, tr, zone, schedule.dst, span, closes)
}

/// [`moved`] in a zone named `zone`, under the DST rule `rule`.
fn moved_in(
    what: &str,
    local: i64,
    tr: &Transition,
    zone: &str,
    rule: DstRule,
    span: Span,
    closes: bool,
) -> Diagnostic {
    let day = naive_of_local(local).format("%Y-%m-%d");
    if tr.after > tr.before {
        let (to, rule) = match rule.gap {
            // The wall clock right after the jump.
            DstGap::Transition => (
                tr.at + i64::from(tr.after),
                ", when the clock jumps (`dst_gap: transition`)",
            ),
            DstGap::Shift => (local + i64::from(tr.after - tr.before), ""),
        };
        Diagnostic::info(
            "dst-gap",
            span,
            format!(
                "{what} `{}` does not exist on {day} in `{zone}`; it happens at {}{rule}",
                hhmm(local),
                hhmm(to)
            ),
        )
        .with_help(
            "the clock jumps forward; choose a time outside the skipped hour to keep turns even",
        )
    } else {
        let (which, offset, rule) = match (closes, rule.fold_close) {
            (true, DstFoldClose::Later) => ("later", tr.after, " (`dst_fold_close: later`)"),
            _ => ("earlier", tr.before, ""),
        };
        Diagnostic::info(
            "dst-fold",
            span,
            format!(
                "{what} `{}` happens twice on {day} in `{zone}`; the {which} one ({}) is used{rule}",
                hhmm(local),
                offset_text(offset)
            ),
        )
        .with_help("the clock turns back; the turn or window around it is an hour longer")
    }
}

/// The transition whose gap or fold holds `local`, if any.
fn region_of(table: &[Transition], local: i64) -> Option<&Transition> {
    let i = table.partition_point(|t| t.at + i64::from(t.before.max(t.after)) <= local);
    table
        .get(i)
        .filter(|t| local >= t.at + i64::from(t.before.min(t.after)))
}

fn dst_findings(schedule: &Schedule, zone: &Zone, from: i64, to: i64, out: &mut Vec<Diagnostic>) {
    let table = zone.table();
    let lo = table.partition_point(|t| t.at < from.saturating_sub(DAY));
    let hi = table.partition_point(|t| t.at <= to.saturating_add(DAY));
    let window: &[Transition] = table.get(lo..hi).unwrap_or(&[]);
    let spec = |what: &str, spec: &DateTimeSpec, span: Span, out: &mut Vec<Diagnostic>| {
        if let DateTimeSpec::Local(l) = spec {
            let l = local_seconds(*l);
            if let Some(tr) = region_of(table, l) {
                out.push(moved(what, l, tr, schedule, span, false));
            }
        }
    };
    for layer in &schedule.layers {
        if let Some(f) = &layer.from {
            spec("layer start", &f.value, f.span, out);
        }
        if let Some(u) = &layer.until {
            spec("layer end", &u.value, u.span, out);
        }
        let Some(turns) = layer.turns() else {
            // Events: their own starts and ends, read in their own zones.
            for e in layer.events() {
                event_dst(e, from, to, out);
            }
            for w in &layer.restrictions {
                for tr in window {
                    if let Some((what, l)) = window_edge_in(&w.value, tr, table) {
                        let closes = what == "restriction end";
                        out.push(moved(what, l, tr, schedule, w.span, closes));
                    }
                }
            }
            continue;
        };
        spec("handoff", &turns.handoff.value, turns.handoff.span, out);
        // Later wall-clock handoffs inside the window: one finding per change.
        if turns.clock == Clock::Wall {
            let rotation = Rotation::new(turns, zone, schedule.dst.gap);
            for tr in window {
                // The first turn whose reading is in or after the change.
                let start = tr.at + i64::from(tr.before.min(tr.after));
                let k = rotation.turn_below(start - 1).saturating_add(1);
                // Turn 0 is the handoff itself (reported above); turns
                // before it only happen with `before_handoff: rotate`.
                let k = match (rotation.backwards(), k) {
                    (true, 0) => continue,
                    (true, k) => k,
                    (false, k) => k.max(1),
                };
                let reading = rotation.reading(k);
                if region_of(table, reading).is_some_and(|t| t == tr) {
                    let span = turns.handoff.span;
                    out.push(moved("handoff", reading, tr, schedule, span, false));
                }
            }
        }
        for o in &layer.overrides {
            spec("layer override start", &o.from.value, o.from.span, out);
            spec("layer override end", &o.to.value, o.to.span, out);
        }
        for w in &layer.restrictions {
            for tr in window {
                if let Some((what, l)) = window_edge_in(&w.value, tr, table) {
                    let closes = what == "restriction end";
                    out.push(moved(what, l, tr, schedule, w.span, closes));
                }
            }
        }
    }
    for o in &schedule.overrides {
        spec("override start", &o.from.value, o.from.span, out);
        spec("override end", &o.to.value, o.to.span, out);
    }
}

/// An event's own `from` and `to`, and the later starts of a recurring one
/// inside the window, that fall in a gap or fold of the event's zone (one
/// finding per change of the clock).
fn event_dst(e: &LayerEvent, from: i64, to: i64, out: &mut Vec<Diagnostic>) {
    let zone = Zone::new(e.timezone);
    let table = zone.table();
    let name = e.timezone.name();
    let mut first = None;
    for (what, spec) in [("event start", &e.from), ("event end", &e.to)] {
        if let DateTimeSpec::Local(l) = spec.value {
            let l = local_seconds(l);
            if what == "event start" {
                first = Some(l);
            }
            if let Some(tr) = region_of(table, l) {
                out.push(moved_in(
                    what,
                    l,
                    tr,
                    name,
                    DstRule::default(),
                    spec.span,
                    false,
                ));
            }
        }
    }
    let Some(rule) = &e.repeat else {
        return;
    };
    let lo = table.partition_point(|t| t.at < from.saturating_sub(DAY));
    let hi = table.partition_point(|t| t.at <= to.saturating_add(DAY));
    let prepared = Prepared::new(e);
    for tr in table.get(lo..hi).unwrap_or(&[]) {
        let a = tr.at + i64::from(tr.before.min(tr.after));
        let b = tr.at + i64::from(tr.before.max(tr.after));
        let mut found = None;
        let _ = prepared.starts(e, a, b, |local, _| {
            if found.is_none() && Some(local) != first {
                found = Some(local);
            }
            Ok(())
        });
        if let Some(local) = found {
            let span = rule.span;
            out.push(moved_in(
                "event start",
                local,
                tr,
                name,
                DstRule::default(),
                span,
                false,
            ));
        }
    }
}

/// In each events layer over `[from, to)`: the stretches between two events
/// with no event (`event-gap`, the first named, the rest counted) and the
/// events of different people that overlap (`event-overlap`: both are on
/// call then, the layer holding their union).
fn event_findings(schedule: &Schedule, from: i64, to: i64, out: &mut Vec<Diagnostic>) {
    if from >= to {
        return;
    }
    for layer in &schedule.layers {
        let events = layer.events();
        if events.is_empty() {
            continue;
        }
        let mut budget = super::INTERVAL_LIMIT;
        let mut occ = Vec::new();
        if super::events::occurrences(events, from, to, &mut budget, &mut occ).is_err() {
            continue;
        }
        let name = |i: u32| super::explain::event_name(events.get(i as usize), i);
        let at = |t: i64| Timestamp(t.clamp(from, to));
        // The events by their people: events of one class have the same.
        let mut classes: HashMap<&[PersonIdx], usize> = HashMap::new();
        let class: Vec<usize> = events
            .iter()
            .map(|e| {
                let n = classes.len();
                *classes.entry(e.people.as_slice()).or_insert(n)
            })
            .collect();
        let class_of = |o: &Occ| class.get(o.event as usize).copied().unwrap_or(0);
        // Gaps: sweep the occurrences by start, tracking the latest end.
        let mut gaps: Vec<(i64, i64)> = Vec::new();
        let mut covered_to: Option<i64> = None;
        // Overlaps between occurrences of different people: the first one
        // and how many pairs. The live occurrences (started, not ended) are
        // held by end and counted per class, so thousands of occurrences
        // in force at once (a decades-long event repeated weekly) cost a
        // heap operation each, not a scan of the others. Until the first
        // overlap all live occurrences have the same people, so it pairs
        // the earliest of them with the one that meets them.
        let mut first: Option<(u32, u32, i64, i64)> = None;
        let mut overlaps = 0usize;
        let mut live: BinaryHeap<Reverse<(i64, usize)>> = BinaryHeap::new();
        let mut live_in: Vec<usize> = vec![0; classes.len().max(1)];
        for (i, o) in occ.iter().enumerate() {
            if let Some(c) = covered_to {
                if o.start > c {
                    gaps.push((c, o.start));
                }
            }
            covered_to = Some(covered_to.map_or(o.end, |c| c.max(o.end)));
            while let Some(&Reverse((end, j))) = live.peek() {
                if end > o.start {
                    break;
                }
                live.pop();
                if let Some(n) = occ.get(j).and_then(|p| live_in.get_mut(class_of(p))) {
                    *n -= 1;
                }
            }
            let others = live.len() - live_in.get(class_of(o)).copied().unwrap_or(0);
            if others > 0 {
                overlaps += others;
                if first.is_none() {
                    let earliest = live.iter().map(|r| r.0 .1).min();
                    if let Some(p) = earliest.and_then(|j| occ.get(j)) {
                        first = Some((p.event, o.event, o.start, p.end.min(o.end)));
                    }
                }
            }
            live.push(Reverse((o.end, i)));
            if let Some(n) = live_in.get_mut(class_of(o)) {
                *n += 1;
            }
        }
        let more = |n: usize, what: &str| match n {
            0 => String::new(),
            1 => format!(" (and 1 more {what})"),
            n => format!(" (and {n} more {what}s)"),
        };
        if let Some(&(a, b)) = gaps.first() {
            out.push(
                Diagnostic::warning(
                    "event-gap",
                    layer.id.span,
                    format!(
                        "layer `{}` has no event from {} to {}{}",
                        layer.id.value,
                        at(a),
                        at(b),
                        more(gaps.len() - 1, "gap")
                    ),
                )
                .with_help("add an event for that time, or a layer below to cover it")
                .with_why("between events this layer puts nobody on call"),
            );
        }
        if let Some((x, y, a, b)) = first {
            out.push(
                Diagnostic::info(
                    "event-overlap",
                    layer.id.span,
                    format!(
                        "in layer `{}`, {} and {} overlap from {} to {}{}",
                        layer.id.value,
                        name(x),
                        name(y),
                        at(a),
                        at(b),
                        more(overlaps - 1, "overlap")
                    ),
                )
                .with_help(
                    "both are on call then; end one where the other starts if that is not meant",
                ),
            );
        }
    }
}

/// A window edge (first found) that falls in `tr`'s gap or fold.
fn window_edge_in(
    w: &Window,
    tr: &Transition,
    table: &[Transition],
) -> Option<(&'static str, i64)> {
    let start = tr.at + i64::from(tr.before.min(tr.after));
    let first_day = start.div_euclid(DAY) - 7;
    for day in first_day..=first_day + 8 {
        let weekday = (day + 3).rem_euclid(7);
        let edges: [(&'static str, Option<i64>); 2] = match *w {
            Window::Daily { days, from, to } => {
                if days.0 & (1 << weekday) == 0 {
                    continue;
                }
                let open = day * DAY + i64::from(from.0);
                let mut close = day * DAY + i64::from(to.0);
                if to.0 <= from.0 {
                    close += DAY;
                }
                [
                    ("restriction start", Some(open)),
                    ("restriction end", Some(close)),
                ]
            }
            Window::Weekly { from, to } => {
                let at = |(d, t): (Weekday, crate::time::WallTime)| {
                    (i64::from(d.num_days_from_monday()) == weekday)
                        .then_some(day * DAY + i64::from(t.0))
                };
                [("restriction start", at(from)), ("restriction end", at(to))]
            }
            // A `duration` window closes in elapsed time: only its open is
            // a local time that a DST change can move.
            Window::DailyFor { days, from, .. } => {
                if days.0 & (1 << weekday) == 0 {
                    continue;
                }
                [
                    ("restriction start", Some(day * DAY + i64::from(from.0))),
                    ("restriction end", None),
                ]
            }
            Window::WeeklyFor { from: (d, t), .. } => [
                (
                    "restriction start",
                    (i64::from(d.num_days_from_monday()) == weekday)
                        .then_some(day * DAY + i64::from(t.0)),
                ),
                ("restriction end", None),
            ],
        };
        for (what, edge) in edges {
            if let Some(l) = edge {
                if region_of(table, l).is_some_and(|t| t == tr) {
                    return Some((what, l));
                }
            }
        }
    }
    None
}

fn long_shifts(
    model: &Model,
    idx: ScheduleIdx,
    schedule: &Schedule,
    from: Timestamp,
    to: Timestamp,
    out: &mut Vec<Diagnostic>,
) {
    let Ok(list) = shifts(model, idx, from, to) else {
        return;
    };
    // Per person, the continuous stretches on call.
    let mut open: Vec<(crate::model::PersonIdx, i64)> = Vec::new();
    let mut reported: Vec<crate::model::PersonIdx> = Vec::new();
    let mut check =
        |person: crate::model::PersonIdx, start: i64, end: i64, out: &mut Vec<Diagnostic>| {
            if end - start > LONG_SHIFT_SECONDS && !reported.contains(&person) {
                reported.push(person);
                let id = model
                    .people
                    .get(person.index())
                    .map(|p| p.id.value.as_str())
                    .unwrap_or("?");
                out.push(
                Diagnostic::warning(
                    "long-shift",
                    schedule.id.span,
                    format!(
                        "`{id}` is on call in `{}` for {:.1} days without a break ({} to {})",
                        schedule.id.value,
                        (end - start) as f64 / DAY as f64,
                        Timestamp(start),
                        Timestamp(end)
                    ),
                )
                .with_help(
                    "hand off at least weekly, or add a layer or overrides to give them a break",
                )
                .with_why("long stretches on call tire responders and slow the response"),
            );
            }
        };
    for shift in &list {
        // Close stretches of people no longer on call.
        let mut i = 0;
        while let Some(&(p, start)) = open.get(i) {
            if shift.on_call.contains(&p) {
                i += 1;
            } else {
                check(p, start, shift.start.0, out);
                open.swap_remove(i);
            }
        }
        for &p in &shift.on_call {
            if !open.iter().any(|(q, _)| *q == p) {
                open.push((p, shift.start.0));
            }
        }
    }
    for (p, start) in open {
        check(p, start, to.0, out);
    }
}
