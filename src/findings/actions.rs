//! Pre-approved mitigation actions: present for each service's top severity,
//! approved by someone, and not expired (the model's one expiry rule,
//! [`Model::approval_expired`], shared with the simulator).

use crate::diagnostic::Diagnostic;
use crate::model::{Model, ServiceIdx, SeverityIdx};
use crate::time::Timestamp;

/// Missing actions for the top severity, unapproved or expired approvals (as of `as_of`).
pub fn findings(model: &Model, as_of: Timestamp) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(top) = model.severities.first() {
        let top_idx = SeverityIdx(0);
        for (si, service) in model.services.iter().enumerate() {
            let covered = model.actions.iter().any(|a| {
                a.services.contains(&ServiceIdx(si as u32))
                    && (a.severities.is_empty() || a.severities.contains(&top_idx))
            });
            if !covered {
                out.push(
                    Diagnostic::warning(
                        "no-preapproved-actions",
                        service.id.span,
                        format!("service `{}` has no pre-approved action for `{}`", service.id.value, top.id.value),
                    )
                    .with_why(format!(
                        "in a {} incident responders should mitigate at once, not wait for someone to approve a rollback",
                        top.id.value
                    ))
                    .with_help("add an action with `services`, `severities` and `approved_by`"),
                );
            }
        }
    }
    let as_of_local = crate::time::zone::local_naive(model.timezone, as_of);
    for action in &model.actions {
        if action.approved_by.is_none() {
            out.push(
                Diagnostic::warning(
                    "approval-missing",
                    action.id.span,
                    format!("action `{}` names no approver", action.id.value),
                )
                .with_why(
                    "an action nobody approved is not pre-approved: responders will stop to ask",
                )
                .with_help("add `approved_by: <person>`"),
            );
        }
        if let Some(until) = &action.approved_until {
            if model.approval_expired(action, as_of) {
                out.push(
                    Diagnostic::warning(
                        "approval-expired",
                        until.span,
                        format!("the approval of action `{}` expired before {}", action.id.value, as_of_local.date()),
                    )
                    .with_why("an expired approval means responders must ask again in the middle of an incident")
                    .with_help("review the action and renew `approved_until`"),
                );
            }
        }
    }
    out
}
