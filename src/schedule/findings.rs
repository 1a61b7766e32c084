//! Schedule findings: handoffs and window edges that a DST change moves
//! (info), and people on call too long without a break (warning).

use chrono::{Timelike, Weekday};

use super::rotation::Rotation;
use super::shifts;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::{Clock, Model, Schedule, ScheduleIdx};
use crate::time::zone::Transition;
use crate::time::{local_seconds, naive_of_local, Timestamp, Zone};
use crate::time::{DateTimeSpec, Window};

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
        dst_findings(schedule, &zone, from.0, to.0, &mut out);
        long_shifts(model, ScheduleIdx(i as u32), schedule, from, to, &mut out);
    }
    out
}

fn hhmm(local: i64) -> String {
    let t = naive_of_local(local).time();
    format!("{:02}:{:02}", t.hour(), t.minute())
}

fn offset_text(offset: i32) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let a = offset.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", a / 3600, a % 3600 / 60)
}

/// The finding for a local reading `local` that falls in transition `tr`'s
/// gap or fold (`what` names it: "handoff", "restriction start", ...).
fn moved(what: &str, local: i64, tr: &Transition, schedule: &Schedule, span: Span) -> Diagnostic {
    let day = naive_of_local(local).date();
    let zone = schedule.timezone.name();
    if tr.after > tr.before {
        let to = local + i64::from(tr.after - tr.before);
        Diagnostic::info(
            "dst-gap",
            span,
            format!(
                "{what} `{}` does not exist on {day} in `{zone}`; it happens at {}",
                hhmm(local),
                hhmm(to)
            ),
        )
        .with_help(
            "the clock jumps forward; choose a time outside the skipped hour to keep turns even",
        )
    } else {
        Diagnostic::info(
            "dst-fold",
            span,
            format!(
                "{what} `{}` happens twice on {day} in `{zone}`; the earlier one ({}) is used",
                hhmm(local),
                offset_text(tr.before)
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
                out.push(moved(what, l, tr, schedule, span));
            }
        }
    };
    for layer in &schedule.layers {
        spec("handoff", &layer.handoff.value, layer.handoff.span, out);
        if let Some(f) = &layer.from {
            spec("layer start", &f.value, f.span, out);
        }
        if let Some(u) = &layer.until {
            spec("layer end", &u.value, u.span, out);
        }
        // Later wall-clock handoffs inside the window: one finding per change.
        if layer.clock == Clock::Wall {
            let rotation = Rotation::new(layer, zone);
            let base = zone.local_of(rotation.first());
            let shift = rotation.shift();
            for tr in window {
                let start = tr.at + i64::from(tr.before.min(tr.after));
                let k = (start - base + shift - 1).div_euclid(shift).max(1);
                let reading = base.saturating_add(k.saturating_mul(shift));
                if region_of(table, reading).is_some_and(|t| t == tr) {
                    out.push(moved("handoff", reading, tr, schedule, layer.handoff.span));
                }
            }
        }
        for w in &layer.restrictions {
            for tr in window {
                if let Some((what, l)) = window_edge_in(&w.value, tr, table) {
                    out.push(moved(what, l, tr, schedule, w.span));
                }
            }
        }
    }
    for o in &schedule.overrides {
        spec("override start", &o.from.value, o.from.span, out);
        spec("override end", &o.to.value, o.to.span, out);
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
