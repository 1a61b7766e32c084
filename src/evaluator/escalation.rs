//! The escalation queries on [`Evaluator`]: which policy, and its paging plan.

use super::{Evaluator, QueryError};
use crate::model::{PolicyIdx, ServiceIdx, SeverityIdx};
use crate::output::PlanOutput;
use crate::suggest::did_you_mean;
use crate::time::Timestamp;

/// Which policy a query is about: named, or a service's route at a severity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicyChoice {
    /// A policy by id; a severity (optional) gives the targets coverage uses.
    Policy {
        policy: String,
        severity: Option<String>,
    },
    /// The policy `services[].escalation` routes this severity to.
    Service { service: String, severity: String },
    /// The incident a trigger opens (by trigger `id` or `source`).
    Trigger { trigger: String },
}

/// A [`PolicyChoice`] resolved against the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chosen {
    pub policy: PolicyIdx,
    pub service: Option<ServiceIdx>,
    pub severity: Option<SeverityIdx>,
}

impl Evaluator {
    /// Resolves a policy choice, with "did you mean" help for unknown ids.
    pub fn choose_policy(&self, choice: &PolicyChoice) -> Result<Chosen, QueryError> {
        let m = &self.model;
        let severity = |id: &str| {
            m.severity_by_id(id).ok_or_else(|| {
                unknown(
                    "unknown-severity",
                    "severity",
                    id,
                    m.severities.iter().map(|s| s.id.value.as_str()),
                )
            })
        };
        match choice {
            PolicyChoice::Policy {
                policy,
                severity: sev,
            } => {
                let idx = m.policy_by_id(policy).ok_or_else(|| {
                    unknown(
                        "unknown-policy",
                        "policy",
                        policy,
                        m.policies.iter().map(|p| p.id.value.as_str()),
                    )
                })?;
                let sev = sev.as_deref().map(severity).transpose()?;
                Ok(Chosen {
                    policy: idx,
                    service: None,
                    severity: sev,
                })
            }
            PolicyChoice::Service {
                service,
                severity: sev,
            } => {
                let s = m.service_by_id(service).ok_or_else(|| {
                    unknown(
                        "unknown-service",
                        "service",
                        service,
                        m.services.iter().map(|s| s.id.value.as_str()),
                    )
                })?;
                let v = severity(sev)?;
                let policy = m.policy_for(s, v).ok_or_else(|| {
                    QueryError::new(
                        "no-route",
                        format!("service `{service}` routes no policy for `{sev}`"),
                    )
                    .with_help("add the severity or a `default` to the service's `escalation`")
                })?;
                Ok(Chosen {
                    policy,
                    service: Some(s),
                    severity: Some(v),
                })
            }
            PolicyChoice::Trigger { trigger } => {
                let t = m.trigger_by_name(trigger).ok_or_else(|| {
                    unknown(
                        "unknown-trigger",
                        "trigger",
                        trigger,
                        m.triggers.iter().map(|t| t.id.value.as_str()),
                    )
                })?;
                let (service, severity) = match m.triggers.get(t) {
                    Some(t) => (
                        m.service(t.service).id.value.clone(),
                        m.severity(t.severity).id.value.clone(),
                    ),
                    None => {
                        return Err(QueryError::new(
                            "unknown-trigger",
                            format!("no trigger `{trigger}`"),
                        ))
                    }
                };
                self.choose_policy(&PolicyChoice::Service { service, severity })
            }
        }
    }

    /// The paging plan for an incident opening at `at` (SPEC sections 3 and 6).
    ///
    /// A schedule handing off between two steps: the second step, firing
    /// 15 minutes later, pages the next person.
    ///
    /// ```
    /// use escalator::{time::parse_instant, Evaluator, PolicyChoice};
    /// let doc = "version: 1\ntimezone: UTC\npeople: [{id: ann}, {id: bo}]\n\
    ///   schedules: [{id: s, layers: [{id: l, members: [ann, bo], shift: 1d, handoff: 2026-03-01T09:00}]}]\n\
    ///   policies: [{id: p, steps: [{notify: [{schedule: s}], escalate_after: 15m},\
    ///                              {notify: [{schedule: s}], escalate_after: 15m}]}]\n";
    /// let e = Evaluator::new(doc).unwrap();
    /// let at = parse_instant("2026-03-02T08:50", e.model().timezone).unwrap();
    /// let plan = e.plan(&PolicyChoice::Policy { policy: "p".into(), severity: None }, at).unwrap();
    /// assert_eq!(plan.plan[0].people, ["ann"]);
    /// assert_eq!((plan.plan[1].after_seconds, plan.plan[1].people.as_slice()), (900, &["bo".to_string()][..]));
    /// assert_eq!(plan.exhausted_after_seconds, 1800);
    /// ```
    pub fn plan(&self, choice: &PolicyChoice, at: Timestamp) -> Result<PlanOutput, QueryError> {
        self.plan_explained(choice, at, true)
    }

    /// [`Evaluator::plan`], with each page's `why` only when `explain`.
    pub fn plan_explained(
        &self,
        choice: &PolicyChoice,
        at: Timestamp,
        explain: bool,
    ) -> Result<PlanOutput, QueryError> {
        crate::time::check_supported(at)?;
        let chosen = self.choose_policy(choice)?;
        let plan = crate::escalation::plan(&self.model, chosen.policy, at);
        let mut out = PlanOutput::new(&self.model, &plan, explain);
        crate::output::plan::utf16_target_spans(&self.text, &mut out.plan);
        out.service = chosen
            .service
            .map(|s| self.model.service(s).id.value.clone());
        out.severity = chosen
            .severity
            .map(|s| self.model.severity(s).id.value.clone());
        Ok(out)
    }
}

fn unknown<'a>(
    code: &'static str,
    kind: &str,
    id: &str,
    ids: impl IntoIterator<Item = &'a str>,
) -> QueryError {
    let e = QueryError::new(code, format!("no {kind} `{id}` in the document"));
    match did_you_mean(id, ids) {
        Some(help) => e.with_help(help),
        None => e,
    }
}
