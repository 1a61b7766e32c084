//! Gaps over the window as findings: for each policy, where an incident
//! would page nobody, skip a level, reach one person only, page too late, or
//! page the same single person on every level; and each notified schedule's
//! own empty intervals.

use std::collections::HashMap;

use chrono_tz::Tz;

use crate::coverage::{coverage, GapKind, Interval};
use crate::diagnostic::Diagnostic;
use crate::model::{Model, PolicyIdx, Target};
use crate::time::Timestamp;

use super::duration;

/// Coverage gaps of every policy over `[from, to)`, one finding per policy
/// and kind (the first interval named, the rest counted).
pub fn findings(model: &Model, from: Timestamp, to: Timestamp) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if to <= from {
        return out;
    }
    let mut empty_schedules = Vec::new();
    for pi in 0..model.policies.len() {
        let policy = PolicyIdx(pi as u32);
        // The strictest severity routed here (shortest `ack_within`, then
        // the first listed) sets the targets; a policy no service routes to
        // is still checked for incidents that page nobody or skip a level.
        let severity = model
            .routes_to(policy)
            .iter()
            .map(|(_, s)| *s)
            .min_by_key(|s| (model.severity(*s).ack_within.map_or(i64::MAX, |a| a.0), *s));
        let p = model.policy(policy);
        let c = match coverage(model, policy, severity, from, to, Tz::UTC) {
            Ok(c) => c,
            Err(e) => {
                out.push(
                    Diagnostic::info(
                        "coverage-not-computed",
                        p.id.span,
                        format!(
                            "coverage of policy `{}` was not computed: {}",
                            p.id.value, e.message
                        ),
                    )
                    .with_why("gaps in this policy's coverage could not be checked"),
                );
                continue;
            }
        };
        let sev = severity.map_or("an".to_string(), |s| {
            format!("a {}", model.severity(s).id.value)
        });
        let ack = severity
            .and_then(|s| model.severity(s).ack_within)
            .map_or(0, |a| a.0);
        let mut skipped_steps: Vec<u32> = Vec::new();
        // The gaps by kind, in the order the kinds first appear (a level
        // skipped in any pass counts for its step): one pass over the gaps,
        // however many passes and steps the policy repeats.
        let group_of = |k: GapKind| match k {
            GapKind::LevelSkipped { step, .. } => GapKind::LevelSkipped { pass: 0, step },
            other => other,
        };
        let mut index: HashMap<GapKind, usize> = HashMap::new();
        let mut groups: Vec<(GapKind, Vec<(Timestamp, Timestamp)>)> = Vec::new();
        for g in &c.gaps {
            let i = *index.entry(group_of(g.kind)).or_insert_with(|| {
                groups.push((g.kind, Vec::new()));
                groups.len() - 1
            });
            if let Some((_, list)) = groups.get_mut(i) {
                list.push((g.start, g.end));
            }
        }
        for (kind, mut spans) in groups {
            spans.sort_unstable();
            spans.dedup_by(|later, earlier| {
                if later.0 <= earlier.1 {
                    earlier.1 = earlier.1.max(later.1);
                    true
                } else {
                    false
                }
            });
            let Some(&(start, end)) = spans.first() else {
                continue;
            };
            let total: i64 = spans.iter().map(|(s, e)| e.0 - s.0).sum();
            let when = if spans.len() == 1 {
                format!("for incidents opening from {start} to {end}")
            } else {
                format!(
                    "for incidents opening from {start} to {end} and {} more times ({} in all)",
                    spans.len() - 1,
                    duration(total)
                )
            };
            let name = &p.id.value;
            let (span, message, why) = match kind {
                GapKind::NobodyPaged => (
                    p.id.span,
                    format!("policy `{name}` pages nobody {when}"),
                    format!("{sev} incident in these hours would wait for someone to notice it"),
                ),
                GapKind::LevelSkipped { step, .. } => {
                    // One finding per step: its first pass's intervals.
                    if skipped_steps.contains(&step) {
                        continue;
                    }
                    skipped_steps.push(step);
                    let Some(s) = p.steps.get(step.saturating_sub(1) as usize) else { continue };
                    if s.targets.iter().all(|t| matches!(t.value, Target::Stakeholders(_))) {
                        continue; // informing stakeholders only is what such a step is for
                    }
                    (
                        s.span,
                        format!("step {step} of policy `{name}` pages nobody {when}"),
                        "a skipped level shortens the escalation path: the incident reaches the next level early or not at all".to_string(),
                    )
                }
                GapKind::SingleResponder => (
                    p.id.span,
                    format!("policy `{name}` reaches only one person within {} {when}", duration(ack)),
                    format!("{} must be acknowledged within {}; with one person paged, one missed phone misses the target", sev.trim_start_matches("a "), duration(ack)),
                ),
                GapKind::FirstPageLate => (
                    p.id.span,
                    format!("policy `{name}` pages its first person after {} {when}", duration(ack)),
                    format!("{} must be acknowledged within {}, before anyone is even paged here", sev.trim_start_matches("a "), duration(ack)),
                ),
                GapKind::ScheduleEmpty { schedule } => {
                    // Once per schedule, whichever policy notifies it.
                    if empty_schedules.contains(&schedule) {
                        continue;
                    }
                    empty_schedules.push(schedule);
                    let sc = model.schedule(schedule);
                    let when = when.replace("for incidents opening from", "from");
                    (
                        sc.id.span,
                        format!("schedule `{}` has nobody on call {when}", sc.id.value),
                        format!("a step that notifies `{}` then pages nobody through it", sc.id.value),
                    )
                }
            };
            out.push(Diagnostic::new(kind.code(), kind.severity(), span, message).with_why(why));
        }
        if let Some(i) = c.intervals.iter().find(|i| single_person(i)) {
            let person = i
                .plan
                .pages
                .first()
                .and_then(|pg| pg.people.first())
                .map_or(String::new(), |p| model.person(*p).id.value.clone());
            out.push(
                Diagnostic::warning(
                    "single-person-path",
                    p.id.span,
                    format!("every level of policy `{}` pages only `{person}` for incidents opening from {} to {}", p.id.value, i.start, i.end),
                )
                .with_why(format!("if `{person}` does not answer, nobody else is ever paged: escalation needs a second person")),
            );
        }
    }
    out
}

/// The plan pages one person in all, from at least two different steps.
fn single_person(i: &Interval) -> bool {
    let mut steps: Vec<u32> = i.plan.pages.iter().map(|p| p.step).collect();
    steps.sort_unstable();
    steps.dedup();
    i.reached_total == 1 && steps.len() >= 2 && i.plan.pages.iter().all(|p| p.vendors.is_empty())
}
