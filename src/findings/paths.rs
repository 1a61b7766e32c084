//! Single points of failure: a policy whose every level pages the same one person.

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
