//! The short human summary that comes first: one line per kind of
//! difference and subject, most serious first.
//!
//! "`checkout` `sev1`: NEW pages nobody for 6 h a week that OLD covered (Sat
//! 09:00-15:00 Europe/London)", "`carol` carries 14 h more a week". Routes
//! with the same line are named together. Lines of allowed kinds end in
//! "(allowed)".

use std::collections::BTreeMap;

use super::matching::{ObjectKind, Side, Who};
use super::routes::{Detail, Route, RouteDiff};
use super::weekly::{describe, duration, span_text, When, WEEK};
use super::{Comparison, Cx, Kind};
use crate::time::Timestamp;

/// The label of a route: "`checkout` `sev1`" or "policy `payments`", by NEW's ids.
pub fn route_label(
    cx_old: &crate::model::Model,
    cx_new: &crate::model::Model,
    route: &Route,
) -> String {
    match route {
        Route::Service {
            new, new_severity, ..
        } => format!(
            "`{}` `{}`",
            ObjectKind::Service.id(cx_new, new.0),
            ObjectKind::Severity.id(cx_new, new_severity.0)
        ),
        Route::Policy { new, old } => {
            let id = ObjectKind::Policy.id(cx_new, new.0);
            let id = if id.is_empty() {
                ObjectKind::Policy.id(cx_old, old.0)
            } else {
                id
            };
            format!("policy `{id}`")
        }
    }
}

fn when_text(when: &When) -> String {
    if when.place.is_empty() {
        format!("for {}", when.amount)
    } else {
        format!("for {} ({})", when.amount, when.place)
    }
}

/// "5 min" or "5 to 10 min"-like text for a range of seconds.
fn range_text(values: &[i64]) -> String {
    let lo = values.iter().copied().min().unwrap_or(0);
    let hi = values.iter().copied().max().unwrap_or(0);
    if lo == hi {
        duration(lo)
    } else {
        format!("{} to {}", duration(lo), duration(hi))
    }
}

/// The line of one route's changes of one kind (without its label).
fn route_line(cx: &Cx<'_>, route: &RouteDiff, kind: Kind) -> Option<String> {
    let changes: Vec<_> = route.changes.iter().filter(|c| c.kind == kind).collect();
    if changes.is_empty() {
        return None;
    }
    let mut spans: Vec<(Timestamp, Timestamp)> = Vec::new();
    for c in &changes {
        match spans.last_mut() {
            Some(last) if last.1 >= c.start => last.1 = last.1.max(c.end),
            _ => spans.push((c.start, c.end)),
        }
    }
    let when = describe(&spans, cx.from, cx.to, cx.zone);
    let amount = &when.amount;
    let place = if when.place.is_empty() {
        String::new()
    } else {
        format!(" ({})", when.place)
    };
    let first_delta: Vec<i64> = changes
        .iter()
        .filter_map(|c| match c.detail {
            Detail::FirstPage {
                old: Some(a),
                new: Some(b),
            } => Some((b - a).abs()),
            _ => None,
        })
        .collect();
    let level_delta: Vec<i64> = changes
        .iter()
        .filter_map(|c| match c.detail {
            Detail::Levels { old, new } => Some((old as i64 - new as i64).abs()),
            _ => None,
        })
        .collect();
    let ack = route.new_ack.or(route.old_ack).map(duration);
    let line = match kind {
        Kind::NobodyPaged => format!("NEW pages nobody for {amount} that OLD covered{place}"),
        Kind::SomeonePaged => format!("NEW pages someone for {amount} where OLD paged nobody{place}"),
        Kind::LaterFirstPage => format!(
            "first page is {} later for {amount}{place}",
            range_text(&first_delta)
        ),
        Kind::EarlierFirstPage => {
            format!(
                "first page is {} earlier for {amount}{place}",
                range_text(&first_delta)
            )
        }
        Kind::LevelLost => {
            let n = range_text(&level_delta).replace(" s", "");
            format!("NEW pages at {n} fewer level(s) for {amount}{place}")
        }
        Kind::LevelAdded => {
            let n = range_text(&level_delta).replace(" s", "");
            format!("NEW pages at {n} more level(s) for {amount}{place}")
        }
        Kind::SingleResponder => format!(
            "NEW reaches only one person before `ack_within` ({}) for {amount} where OLD reached more{place}",
            ack.unwrap_or_default()
        ),
        Kind::SingleResponderResolved => format!(
            "NEW reaches more than one person before `ack_within` ({}) for {amount} where OLD reached one{place}",
            ack.unwrap_or_default()
        ),
        Kind::PeopleChanged => format!("NEW pages other people for {amount}{place}"),
        Kind::PlanChanged => format!("the paging plan differs for {amount}{place}"),
        _ => return None,
    };
    Some(line)
}

/// The summary of a comparison (see the module doc).
pub(crate) fn summary(cx: &Cx<'_>, c: &Comparison) -> Vec<String> {
    let mut lines: Vec<(Kind, String)> = Vec::new();
    // Routes: lines shared by several routes name them together.
    let mut by_text: BTreeMap<(Kind, String), Vec<String>> = BTreeMap::new();
    let mut order: Vec<(Kind, String)> = Vec::new();
    for route in &c.routes {
        let label = route_label(cx.old, cx.new, &route.route);
        for kind in Kind::ALL {
            if let Some(text) = route_line(cx, route, kind) {
                let key = (kind, text);
                if !by_text.contains_key(&key) {
                    order.push(key.clone());
                }
                by_text.entry(key).or_default().push(label.clone());
            }
        }
    }
    for key in order {
        let labels = by_text.get(&key).cloned().unwrap_or_default();
        let shown = if labels.len() > 4 {
            format!(
                "{} and {} more routes",
                labels[..4].join(", "),
                labels.len() - 4
            )
        } else {
            labels.join(", ")
        };
        lines.push((key.0, format!("{shown}: {}", key.1)));
    }

    // People: on-call time over all matched schedules.
    let window = (c.to.0 - c.from.0).max(1);
    let mut carried: BTreeMap<Who, i64> = BTreeMap::new();
    for s in &c.schedules {
        for h in &s.hours {
            *carried.entry(h.person).or_default() += h.new_seconds - h.old_seconds;
        }
    }
    let mut carried: Vec<(Who, i64)> = carried.into_iter().filter(|(_, d)| *d != 0).collect();
    carried.sort_by_key(|(w, d)| (std::cmp::Reverse(d.abs()), w.id(cx.old, cx.new).to_string()));
    for (who, delta) in carried {
        let more = if delta > 0 { "more" } else { "less" };
        let text = if window >= WEEK {
            let per_week =
                ((delta.abs() as i128 * WEEK as i128 / window as i128) as i64 + 30) / 60 * 60;
            if per_week == 0 {
                format!("under a minute {more} a week")
            } else {
                format!("{} {more} a week", duration(per_week))
            }
        } else {
            format!("{} {more} over the window", duration(delta.abs()))
        };
        lines.push((
            Kind::HoursChanged,
            format!("`{}` carries {text}", who.id(cx.old, cx.new)),
        ));
    }

    // Schedules: where the on-call set differs, handoffs that moved.
    for s in &c.schedules {
        let id = ObjectKind::Schedule.id(cx.new, s.new.0);
        if !s.on_call.is_empty() {
            let spans: Vec<(Timestamp, Timestamp)> =
                s.on_call.iter().map(|x| (x.start, x.end)).collect();
            let when = describe(&spans, cx.from, cx.to, cx.zone);
            lines.push((
                Kind::OnCallChanged,
                format!("`{id}`: the on-call set differs {}", when_text(&when)),
            ));
        }
        if !s.handoffs.is_empty() {
            let moved: Vec<i64> = s.handoffs.iter().map(|h| h.moved_seconds()).collect();
            let n = moved.len();
            let handoffs = if n == 1 { "handoff" } else { "handoffs" };
            let text = if moved.iter().all(|m| *m > 0) {
                format!("{n} {handoffs} {} later", range_text(&moved))
            } else if moved.iter().all(|m| *m < 0) {
                let abs: Vec<i64> = moved.iter().map(|m| m.abs()).collect();
                format!("{n} {handoffs} {} earlier", range_text(&abs))
            } else {
                format!("{n} {handoffs} moved, earlier and later")
            };
            let example = s
                .handoffs
                .first()
                .map(|h| {
                    format!(
                        " (first: {} instead of {})",
                        super::weekly::local_text(cx.zone, h.new_at),
                        super::weekly::local_text(cx.zone, h.old_at)
                    )
                })
                .unwrap_or_default();
            lines.push((Kind::HandoffMoved, format!("`{id}`: {text}{example}")));
        }
    }

    // Findings.
    for (kind, verb) in [
        (Kind::FindingAdded, "NEW adds"),
        (Kind::FindingRemoved, "NEW no longer has"),
    ] {
        let list: Vec<String> = c
            .findings
            .iter()
            .filter(|f| f.kind == kind)
            .map(|f| {
                if f.object.kind == "document" {
                    format!("`{}`", f.diagnostic.code)
                } else {
                    format!(
                        "`{}` on {} `{}`",
                        f.diagnostic.code, f.object.kind, f.object.id
                    )
                }
            })
            .collect();
        if !list.is_empty() {
            let n = list.len();
            let shown = list.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
            let more = if n > 3 {
                format!(" and {} more", n - 3)
            } else {
                String::new()
            };
            let noun = if n == 1 { "finding" } else { "findings" };
            lines.push((kind, format!("{verb} {n} {noun}: {shown}{more}")));
        }
    }

    // Unmatched objects.
    for side in [Side::Old, Side::New] {
        let list: Vec<String> = c
            .matching
            .unmatched()
            .into_iter()
            .filter(|(_, s, _)| *s == side)
            .map(|(kind, _, i)| {
                let model = if side == Side::Old { cx.old } else { cx.new };
                format!("{} `{}`", kind.as_str(), kind.id(model, i))
            })
            .collect();
        if !list.is_empty() {
            let n = list.len();
            let shown = list.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
            let more = if n > 5 {
                format!(" and {} more", n - 5)
            } else {
                String::new()
            };
            let which = if side == Side::Old {
                "only in OLD"
            } else {
                "only in NEW"
            };
            lines.push((Kind::Unmatched, format!("{which}: {shown}{more}")));
        }
    }

    lines.sort_by_key(|(k, _)| Kind::ALL.iter().position(|x| x == k));
    let mut out: Vec<String> = lines
        .into_iter()
        .map(|(k, line)| {
            if c.allowed.contains(&k) {
                format!("{line} (allowed)")
            } else {
                line
            }
        })
        .collect();
    if out.is_empty() {
        out.push(format!(
            "OLD and NEW are equivalent over the window ({} {})",
            span_text(cx.zone, c.from, c.to),
            cx.zone.name()
        ));
    }
    out
}
