//! Stakeholder communication: each severity says how soon stakeholders hear,
//! and the policies handling it have a step that tells them.

use crate::diagnostic::Diagnostic;
use crate::model::{Model, PolicyIdx, ServiceIdx, SeverityIdx, Target};

use super::duration;

/// Severities without `comms_within`; routed policies with no stakeholder step.
pub fn findings(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut flagged: Vec<PolicyIdx> = Vec::new();
    for (vi, severity) in model.severities.iter().enumerate() {
        let Some(comms) = severity.comms_within else {
            out.push(
                Diagnostic::warning(
                    "severity-without-comms",
                    severity.id.span,
                    format!("severity `{}` sets no `comms_within`", severity.id.value),
                )
                .with_why("without a communication target, stakeholders hear about an outage from customers first")
                .with_help("add `comms_within: 15m` (or what you commit to)"),
            );
            continue;
        };
        for si in 0..model.services.len() {
            let Some(policy) = model.policy_for(ServiceIdx(si as u32), SeverityIdx(vi as u32))
            else {
                continue;
            };
            if flagged.contains(&policy) {
                continue;
            }
            let p = model.policy(policy);
            let informs = p.steps.iter().any(|s| {
                s.targets
                    .iter()
                    .any(|t| matches!(t.value, Target::Stakeholders(_)))
            });
            if !informs {
                flagged.push(policy);
                out.push(
                    Diagnostic::warning(
                        "no-stakeholder-step",
                        p.id.span,
                        format!("policy `{}` informs no stakeholders", p.id.value),
                    )
                    .with_why(format!(
                        "`{}` incidents must reach stakeholders within {}, but no step of `{}` informs them",
                        severity.id.value,
                        duration(comms.0),
                        p.id.value
                    ))
                    .with_help("add a step target such as `{stakeholders: status-page}`"),
                );
            }
        }
    }
    out
}
