//! JSON of what a document defines, by id: the menus of the playground (which
//! schedules to draw, which service and severity to cover) and the counts.

use serde::Serialize;

use crate::model::Model;

/// `Evaluator::outline`: every person, schedule, policy, service and severity
/// by id, in document order, with each service's route per severity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutlineOutput {
    pub timezone: String,
    pub people: Vec<PersonOutline>,
    pub schedules: Vec<ScheduleOutline>,
    pub policies: Vec<PolicyOutline>,
    pub services: Vec<ServiceOutline>,
    pub severities: Vec<SeverityOutline>,
}

/// A responder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PersonOutline {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where it came from, as the source wrote it (`source:`), when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A schedule with its zone and its layers' ids, bottom to top.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScheduleOutline {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where it came from, as the source wrote it (`source:`), when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub timezone: String,
    pub layers: Vec<String>,
    pub overrides: usize,
}

/// A policy and its number of steps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PolicyOutline {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where it came from, as the source wrote it (`source:`), when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub steps: usize,
}

/// A service and the policy that handles each severity (the default
/// applied), in the order of `severities`; severities with no route are left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServiceOutline {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where it came from, as the source wrote it (`source:`), when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub routes: Vec<RouteOutline>,
}

/// `severity` incidents of a service go to `policy`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RouteOutline {
    pub severity: String,
    pub policy: String,
}

/// An incident level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SeverityOutline {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ack_within_seconds: Option<i64>,
}

impl OutlineOutput {
    /// The outline of a validated model.
    pub fn new(model: &Model) -> OutlineOutput {
        let policy_id =
            |p: crate::model::PolicyIdx| model.policies.get(p.index()).map(|p| p.id.value.clone());
        OutlineOutput {
            timezone: model.timezone.name().to_string(),
            people: model
                .people
                .iter()
                .map(|p| PersonOutline {
                    id: p.id.value.clone(),
                    name: p.name.clone(),
                    source: p.source.clone(),
                })
                .collect(),
            schedules: model
                .schedules
                .iter()
                .map(|s| ScheduleOutline {
                    id: s.id.value.clone(),
                    name: s.name.clone(),
                    source: s.source.clone(),
                    timezone: s.timezone.name().to_string(),
                    layers: s.layers.iter().map(|l| l.id.value.clone()).collect(),
                    overrides: s.overrides.len(),
                })
                .collect(),
            policies: model
                .policies
                .iter()
                .map(|p| PolicyOutline {
                    id: p.id.value.clone(),
                    name: p.name.clone(),
                    source: p.source.clone(),
                    steps: p.steps.len(),
                })
                .collect(),
            services: model
                .services
                .iter()
                .map(|s| ServiceOutline {
                    id: s.id.value.clone(),
                    name: s.name.clone(),
                    source: s.source.clone(),
                    routes: model
                        .severities
                        .iter()
                        .enumerate()
                        .filter_map(|(i, sev)| {
                            let policy = s
                                .escalation
                                .policy_for(crate::model::SeverityIdx(i as u32))?;
                            Some(RouteOutline {
                                severity: sev.id.value.clone(),
                                policy: policy_id(policy)?,
                            })
                        })
                        .collect(),
                })
                .collect(),
            severities: model
                .severities
                .iter()
                .map(|s| SeverityOutline {
                    id: s.id.value.clone(),
                    ack_within_seconds: s.ack_within.map(|a| a.0),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;
    use crate::model::{Person, PolicyIdx, Routing, Service, Severity, SeverityIdx, Spanned};

    fn id(s: &str) -> Spanned<String> {
        Spanned::new(s.to_string(), Span::default())
    }

    #[test]
    fn routes_apply_the_default_per_severity() {
        let model = Model {
            timezone: chrono_tz::Europe::Berlin,
            people: vec![Person {
                source: None,
                id: id("alice"),
                name: Some("Alice".into()),
                timezone: None,
                contact: vec![],
                span: Span::default(),
            }],
            schedules: vec![],
            policies: vec![],
            services: vec![Service {
                source: None,
                id: id("checkout"),
                name: None,
                owner: None,
                escalation: Routing {
                    by_severity: vec![(SeverityIdx(0), PolicyIdx(1))],
                    default: Some(PolicyIdx(0)),
                    span: Span::default(),
                },
                vendors: vec![],
                span: Span::default(),
            }],
            severities: ["sev1", "sev2"]
                .iter()
                .map(|s| Severity {
                    id: id(s),
                    ack_within: None,
                    comms_within: None,
                    span: Span::default(),
                })
                .collect(),
            triggers: vec![],
            vendors: vec![],
            actions: vec![],
            drills: vec![],
            review: None,
        };
        // No policies in the model: routes to unknown indices are left out, never a panic.
        let out = OutlineOutput::new(&model);
        assert_eq!(
            out.people,
            vec![PersonOutline {
                id: "alice".into(),
                name: Some("Alice".into()),
                source: None,
            }]
        );
        assert_eq!(out.services[0].routes, vec![]);
        assert_eq!(out.timezone, "Europe/Berlin");
    }
}
