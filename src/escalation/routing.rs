//! Routing: which policy handles an incident, and which incident a trigger opens.

use crate::model::{Model, PolicyIdx, ServiceIdx, SeverityIdx};

/// The policy that handles incidents of `service` at `severity`
/// (`services[].escalation`, falling back to its `default`).
pub fn policy_for(model: &Model, service: ServiceIdx, severity: SeverityIdx) -> Option<PolicyIdx> {
    model.service(service).escalation.policy_for(severity)
}

/// The trigger (index into [`Model::triggers`]) whose `id` or `source` is `name`.
pub fn trigger_by_name(model: &Model, name: &str) -> Option<usize> {
    model
        .triggers
        .iter()
        .position(|t| t.id.value == name || t.source == name)
}

/// The service, severity and policy (if routed) of the incident a trigger opens.
pub fn route_trigger(
    model: &Model,
    trigger: usize,
) -> Option<(ServiceIdx, SeverityIdx, Option<PolicyIdx>)> {
    let t = model.triggers.get(trigger)?;
    Some((
        t.service,
        t.severity,
        policy_for(model, t.service, t.severity),
    ))
}

/// Every (service, severity) pair routed to `policy`.
pub fn routes_to(model: &Model, policy: PolicyIdx) -> Vec<(ServiceIdx, SeverityIdx)> {
    let mut out = Vec::new();
    for (si, _) in model.services.iter().enumerate() {
        let service = ServiceIdx(si as u32);
        for (vi, _) in model.severities.iter().enumerate() {
            let severity = SeverityIdx(vi as u32);
            if policy_for(model, service, severity) == Some(policy) {
                out.push((service, severity));
            }
        }
    }
    out
}
