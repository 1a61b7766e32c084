//! Gaps over the window as findings: for each routed policy, where an
//! incident would page nobody, skip a level, reach one person only, page too
//! late, or page the same single person on every level.

use chrono_tz::Tz;

use crate::coverage::{coverage, GapKind, Interval};
use crate::diagnostic::Diagnostic;
use crate::escalation::routing::routes_to;
use crate::model::{Model, PolicyIdx, Target};
use crate::time::Timestamp;

use super::duration;

/// Coverage gaps of every routed policy over `[from, to)`, one finding per
/// policy and kind (the first interval named, the rest counted).
pub fn findings(model: &Model, from: Timestamp, to: Timestamp) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if to <= from {
        return out;
    }
    for pi in 0..model.policies.len() {
        let policy = PolicyIdx(pi as u32);
        let routes = routes_to(model, policy);
        // The most severe severity routed here sets the targets.
        let Some(severity) = routes.iter().map(|(_, s)| *s).min() else {
            continue;
        };
        let p = model.policy(policy);
        let c = match coverage(model, policy, Some(severity), from, to, Tz::UTC) {
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
        let sev = &model.severity(severity).id.value;
        let ack = model.severity(severity).ack_within.map_or(0, |a| a.0);
        let mut kinds: Vec<GapKind> = Vec::new();
        for g in &c.gaps {
            if !kinds.contains(&g.kind) {
                kinds.push(g.kind);
            }
        }
        for kind in kinds {
            let spans: Vec<(Timestamp, Timestamp)> = c
                .gaps
                .iter()
                .filter(|g| g.kind == kind)
                .map(|g| (g.start, g.end))
                .collect();
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
                    format!("a {sev} incident in these hours would wait for someone to notice it"),
                ),
                GapKind::LevelSkipped { pass, step } => {
                    let Some(s) = p.steps.get(step.saturating_sub(1) as usize) else { continue };
                    if s.targets.iter().all(|t| matches!(t.value, Target::Stakeholders(_))) {
                        continue; // informing stakeholders only is what such a step is for
                    }
                    (
                        s.span,
                        format!("step {step} of policy `{name}` pages nobody (pass {pass}) {when}"),
                        "a skipped level shortens the escalation path: the incident reaches the next level early or not at all".to_string(),
                    )
                }
                GapKind::SingleResponder => (
                    p.id.span,
                    format!("policy `{name}` reaches only one person within {} {when}", duration(ack)),
                    format!("{sev} must be acknowledged within {}; with one person paged, one missed phone misses the target", duration(ack)),
                ),
                GapKind::FirstPageLate => (
                    p.id.span,
                    format!("policy `{name}` pages its first person after {} {when}", duration(ack)),
                    format!("{sev} must be acknowledged within {}, before anyone is even paged here", duration(ack)),
                ),
                GapKind::ScheduleEmpty { .. } => continue, // the schedule engine's own findings
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
