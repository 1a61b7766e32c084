//! Accountability: every policy, step and service has an owner.

use crate::diagnostic::Diagnostic;
use crate::model::Model;

/// Policies and services without an owner (warnings), steps without one (infos).
pub fn findings(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for policy in &model.policies {
        if policy.owner.is_none() {
            out.push(
                Diagnostic::warning("policy-without-owner", policy.id.span, format!("policy `{}` has no owner", policy.id.value))
                    .with_why("an escalation path nobody owns is not kept up to date when people and schedules change")
                    .with_help("add `owner: <person>`"),
            );
        }
        for (i, step) in policy.steps.iter().enumerate() {
            // A step that only waits pages nobody: nobody has to answer it.
            if step.owner.is_none() && !step.wait {
                out.push(
                    Diagnostic::info(
                        "step-without-owner",
                        step.span,
                        format!(
                            "step {} of policy `{}` has no owner",
                            i + 1,
                            policy.id.value
                        ),
                    )
                    .with_why("each escalation level needs someone accountable for it answering")
                    .with_help("add `owner: <person>` to the step"),
                );
            }
        }
    }
    for service in &model.services {
        if service.owner.is_none() {
            out.push(
                Diagnostic::warning(
                    "service-without-owner",
                    service.id.span,
                    format!("service `{}` has no owner", service.id.value),
                )
                .with_why(
                    "without an owner nobody decides how this service's incidents are escalated",
                )
                .with_help("add `owner: <person>`"),
            );
        }
    }
    out
}
