//! Single points of failure: a policy whose every level pages the same one
//! person; and policies that no acknowledgement can stop (every person and
//! schedule they page is `essential: false`).

use crate::diagnostic::Diagnostic;
use crate::model::{Model, PersonIdx, Target};

/// Policies whose steps name exactly one person in total and nothing else
/// (schedules are judged over time by coverage instead).
pub fn findings(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for policy in &model.policies {
        let mut people: Vec<PersonIdx> = Vec::new();
        let mut only_people = true;
        let mut levels = 0;
        for step in &policy.steps {
            let mut pages = false;
            for t in &step.targets {
                match t.value {
                    Target::Person(p) => {
                        people.push(p);
                        pages = true;
                    }
                    Target::Stakeholders(_) => {}
                    _ => only_people = false,
                }
            }
            levels += usize::from(pages);
        }
        no_essential_target(policy, &mut out);
        people.sort_unstable();
        people.dedup();
        if let ([person], true) = (people.as_slice(), only_people) {
            if levels >= 1 {
                let name = &model.person(*person).id.value;
                out.push(
                    Diagnostic::warning(
                        "single-person-path",
                        policy.id.span,
                        format!("every level of policy `{}` pages only `{name}`", policy.id.value),
                    )
                    .with_why(format!("if `{name}` is asleep, ill or on a plane, nobody else is ever paged: escalation needs a second person"))
                    .with_help("add a schedule or a second person to a later step"),
                );
            }
        }
    }
    out
}

/// `no-essential-target`: the policy marks some target `essential: false`
/// and pages no person or schedule through an essential one, so no
/// acknowledgement stops it (AWS Incident Manager: only essential
/// acknowledgements stop a plan's stages).
fn no_essential_target(policy: &crate::model::Policy, out: &mut Vec<Diagnostic>) {
    let first_optional = policy
        .steps
        .iter()
        .find_map(|s| s.non_essential.first().map(|(_, span)| *span));
    let Some(optional) = first_optional else {
        return;
    };
    let essential = policy.steps.iter().any(|s| {
        s.targets.iter().enumerate().any(|(i, t)| {
            matches!(
                t.value,
                Target::Person(_) | Target::Schedule(_) | Target::ScheduleTurn { .. }
            ) && s.is_essential(i)
        })
    });
    if !essential {
        out.push(
            Diagnostic::warning(
                "no-essential-target",
                policy.id.span,
                format!(
                    "no acknowledgement stops policy `{}`: everyone it pages is `essential: false`",
                    policy.id.value
                ),
            )
            .with_label(optional, "not essential")
            .with_why("an acknowledged incident still escalates through every step and pass, paging people for nothing")
            .with_help("leave `essential` out (it defaults to `true`) on the first responders' target"),
        );
    }
}
