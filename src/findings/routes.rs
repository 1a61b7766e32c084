//! Routing: every service severity reaches a policy, every severity is
//! routed somewhere, every trigger opens an incident that escalates.

use crate::diagnostic::Diagnostic;
use crate::model::{Model, ServiceIdx, SeverityIdx};

/// Services and severities with no route, and triggers that lead nowhere.
pub fn findings(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut severity_routed = vec![false; model.severities.len()];
    for (si, service) in model.services.iter().enumerate() {
        let mut missing = Vec::new();
        for (vi, severity) in model.severities.iter().enumerate() {
            if model
                .policy_for(ServiceIdx(si as u32), SeverityIdx(vi as u32))
                .is_some()
            {
                if let Some(r) = severity_routed.get_mut(vi) {
                    *r = true;
                }
            } else {
                missing.push(format!("`{}`", severity.id.value));
            }
        }
        let routing = &service.escalation;
        if routing.by_severity.is_empty() && routing.default.is_none() {
            out.push(
                Diagnostic::warning(
                    "service-without-route",
                    service.id.span,
                    format!("service `{}` has no escalation policy", service.id.value),
                )
                .with_why("an incident on this service would page nobody")
                .with_help("add `escalation: <policy>` or a policy per severity"),
            );
        } else if !missing.is_empty() {
            let span = if routing.span.end > routing.span.start {
                routing.span
            } else {
                service.id.span
            };
            out.push(
                Diagnostic::warning(
                    "severity-without-route",
                    span,
                    format!(
                        "service `{}` routes no policy for {}",
                        service.id.value,
                        missing.join(", ")
                    ),
                )
                .with_why(format!(
                    "a {} incident on `{}` would page nobody",
                    missing.join("/"),
                    service.id.value
                ))
                .with_help("add these severities or a `default` policy"),
            );
        }
    }
    if !model.services.is_empty() {
        for (vi, severity) in model.severities.iter().enumerate() {
            if !severity_routed.get(vi).copied().unwrap_or(true) {
                out.push(
                    Diagnostic::warning(
                        "severity-unrouted",
                        severity.id.span,
                        format!(
                            "no service routes `{}` incidents to a policy",
                            severity.id.value
                        ),
                    )
                    .with_why("a severity no path handles cannot be declared with any effect"),
                );
            }
        }
    }
    for trigger in &model.triggers {
        if model
            .policy_for(trigger.service, trigger.severity)
            .is_none()
        {
            let service = &model.service(trigger.service).id.value;
            let severity = &model.severity(trigger.severity).id.value;
            out.push(
                Diagnostic::warning(
                    "trigger-without-route",
                    trigger.id.span,
                    format!("trigger `{}` opens `{severity}` incidents on `{service}`, which routes them to no policy", trigger.id.value),
                )
                .with_why("the alarm fires but nobody is paged"),
            );
        }
    }
    out
}
