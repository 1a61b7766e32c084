//! Ids defined but never used: schedules no policy notifies, policies no
//! service routes to, vendors nobody engages, people with no part anywhere;
//! and disabled schedules that a policy notifies.

use crate::diagnostic::Diagnostic;
use crate::model::{Model, OverrideKind, Participant, PersonIdx, Target};

/// Unused schedules, policies, vendors and people; disabled schedules a
/// policy notifies (`schedule-disabled`, info).
pub fn findings(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Per schedule, the first target that notifies it.
    let mut notified_at: Vec<Option<crate::diagnostic::Span>> = vec![None; model.schedules.len()];
    let mut schedule_used = vec![false; model.schedules.len()];
    let mut vendor_used = vec![false; model.vendors.len()];
    let mut person_used = vec![false; model.people.len()];
    let mut policy_used = vec![false; model.policies.len()];
    let use_person = |p: PersonIdx, used: &mut Vec<bool>| {
        if let Some(u) = used.get_mut(p.index()) {
            *u = true;
        }
    };
    for policy in &model.policies {
        if let Some(o) = policy.owner {
            use_person(o, &mut person_used);
        }
        for step in &policy.steps {
            if let Some(o) = step.owner {
                use_person(o, &mut person_used);
            }
            for t in &step.targets {
                match t.value {
                    Target::Schedule(s) | Target::ScheduleTurn { schedule: s, .. } => {
                        set(&mut schedule_used, s.index());
                        if let Some(slot @ None) = notified_at.get_mut(s.index()) {
                            *slot = Some(t.span);
                        }
                    }
                    Target::Vendor(v) => set(&mut vendor_used, v.index()),
                    Target::Person(p) => use_person(p, &mut person_used),
                    Target::Stakeholders(_) => {}
                }
            }
        }
    }
    for schedule in &model.schedules {
        for layer in &schedule.layers {
            for p in layer.people() {
                use_person(p, &mut person_used);
            }
        }
        let layer_overrides = schedule.layers.iter().flat_map(|l| &l.overrides);
        for o in schedule.overrides.iter().chain(layer_overrides) {
            let people: &[PersonIdx] = match &o.kind {
                OverrideKind::Replace { people } | OverrideKind::Add { people } => people,
                OverrideKind::Swap { people, .. } => people,
                OverrideKind::Remove { .. } => &[],
            };
            for p in people {
                use_person(*p, &mut person_used);
            }
        }
    }
    for service in &model.services {
        if let Some(o) = service.owner {
            use_person(o, &mut person_used);
        }
        for (_, p) in &service.escalation.by_severity {
            set(&mut policy_used, p.index());
        }
        if let Some(p) = service.escalation.default {
            set(&mut policy_used, p.index());
        }
        for v in &service.vendors {
            set(&mut vendor_used, v.index());
        }
    }
    for action in &model.actions {
        if let Some(p) = action.approved_by {
            use_person(p, &mut person_used);
        }
    }
    for drill in &model.drills {
        for p in &drill.participants {
            if let Participant::Vendor(v) = p {
                set(&mut vendor_used, v.index());
            }
        }
    }
    for (i, s) in model.schedules.iter().enumerate() {
        if let (Some(disabled), Some(Some(target))) = (s.disabled, notified_at.get(i)) {
            out.push(
                Diagnostic::info(
                    "schedule-disabled",
                    disabled,
                    format!(
                        "schedule `{}` is disabled: nobody is on call in it",
                        s.id.value
                    ),
                )
                .with_label(*target, "a policy notifies it here")
                .with_why("a step that notifies a disabled schedule pages nobody through it")
                .with_help("notify another schedule, or set `enabled: true`"),
            );
        }
        // A disabled schedule is out of use on purpose.
        if !schedule_used.get(i).copied().unwrap_or(true) && s.is_enabled() {
            out.push(
                Diagnostic::warning(
                    "unused-schedule",
                    s.id.span,
                    format!("no policy notifies schedule `{}`", s.id.value),
                )
                .with_why("a schedule nobody is paged from gives a false sense of coverage")
                .with_help("add it to a policy step, or remove it"),
            );
        }
    }
    for (i, p) in model.policies.iter().enumerate() {
        if !policy_used.get(i).copied().unwrap_or(true) && !model.services.is_empty() {
            out.push(
                Diagnostic::warning("unused-policy", p.id.span, format!("no service routes incidents to policy `{}`", p.id.value))
                    .with_why("an escalation path no incident can take is never exercised, and readers may think it is live")
                    .with_help("route a service severity to it, or remove it"),
            );
        }
    }
    for (i, v) in model.vendors.iter().enumerate() {
        if !vendor_used.get(i).copied().unwrap_or(true) {
            out.push(
                Diagnostic::info(
                    "unused-vendor",
                    v.id.span,
                    format!(
                        "vendor `{}` is on no escalation path or service",
                        v.id.value
                    ),
                )
                .with_why(
                    "a third party no path engages will not be called when its service fails",
                ),
            );
        }
    }
    for (i, p) in model.people.iter().enumerate() {
        if !person_used.get(i).copied().unwrap_or(true) {
            out.push(
                Diagnostic::info("unused-person", p.id.span, format!("`{}` is on no schedule, policy or service", p.id.value))
                    .with_why("a responder listed but never paged or accountable suggests a path someone forgot to update"),
            );
        }
    }
    out
}

fn set(flags: &mut [bool], i: usize) {
    if let Some(f) = flags.get_mut(i) {
        *f = true;
    }
}
