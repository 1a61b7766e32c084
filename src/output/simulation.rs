//! The JSON shape of a simulation: the incident, its events, and the state
//! of a paused run. Ids are written as the document's ids.

use serde::Serialize;

use crate::model::Model;
use crate::simulation::{Event, EventKind, Inject, Missed, Route, Simulation, State};

/// A whole simulation: what `escalator simulate --json` prints and what the
/// JS stepping handle returns.
#[derive(Clone, Debug, Serialize)]
pub struct SimulationOutput {
    pub incident: SimulationIncident,
    /// Every event of the run, in order.
    pub events: Vec<SimulationEvent>,
    /// How many events are shown (the cursor of a paused run).
    pub shown: usize,
    pub state: SimulationState,
}

/// The incident a run opened.
#[derive(Clone, Debug, Serialize)]
pub struct SimulationIncident {
    pub policy: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    pub at: String,
}

/// One event. `kind` is snake_case; the other keys appear when they apply.
#[derive(Clone, Debug, Serialize, Default)]
pub struct SimulationEvent {
    pub index: usize,
    pub at: String,
    pub offset_seconds: i64,
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pass: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_step: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub people: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendors: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stakeholders: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub within_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manual: Option<bool>,
    /// How long a `waiting` step waits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub injected: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<ActionAvailable>>,
    pub explanation: String,
}

/// A pre-approved action available to the incident.
#[derive(Clone, Debug, Serialize)]
pub struct ActionAvailable {
    pub id: String,
    pub title: String,
    pub runbook: Option<String>,
    pub approved_by: Option<String>,
    pub approved_until: Option<String>,
}

/// Where a paused run stands.
#[derive(Clone, Debug, Serialize)]
pub struct SimulationState {
    pub at: String,
    pub elapsed_seconds: i64,
    pub paged: Vec<String>,
    pub contacting: Vec<String>,
    pub vendors: Vec<String>,
    pub current_pass: Option<u32>,
    pub current_step: Option<u32>,
    /// When the next step fires if nobody acknowledges.
    pub next_escalation_at: Option<String>,
    /// Which (pass, step) fires then; null when the incident is exhausted then.
    pub next_pass: Option<u32>,
    pub next_step: Option<u32>,
    pub acknowledged: bool,
    pub resolved: bool,
    pub exhausted: bool,
    pub missed: Vec<String>,
}

fn person(model: &Model, p: crate::model::PersonIdx) -> String {
    model.person(p).id.value.clone()
}

fn vendor(model: &Model, v: crate::model::VendorIdx) -> String {
    model.vendor(v).id.value.clone()
}

/// The stable name of a missed target.
pub fn missed_name(m: &Missed) -> &'static str {
    match m {
        Missed::AckWithin { .. } => "ack_within",
        Missed::CommsWithin { .. } => "comms_within",
        Missed::VendorSla { .. } => "vendor_sla",
    }
}

impl SimulationEvent {
    /// The JSON of one event.
    pub fn new(model: &Model, e: &Event) -> SimulationEvent {
        let mut j = SimulationEvent {
            index: e.index,
            at: e.at.to_rfc3339(),
            offset_seconds: e.offset,
            explanation: e.explanation.clone(),
            ..SimulationEvent::default()
        };
        j.kind = match &e.kind {
            EventKind::Triggered { .. } => "triggered",
            EventKind::ActionsAvailable { actions } => {
                j.actions = Some(
                    actions
                        .iter()
                        .filter_map(|&i| model.actions.get(i))
                        .map(|a| ActionAvailable {
                            id: a.id.value.clone(),
                            title: a.title.clone(),
                            runbook: a.runbook.clone(),
                            approved_by: a.approved_by.map(|p| person(model, p)),
                            approved_until: a.approved_until.as_ref().map(|u| {
                                crate::time::resolve(&u.value, model.timezone).to_rfc3339()
                            }),
                        })
                        .collect(),
                );
                "actions_available"
            }
            EventKind::StepFired {
                pass,
                step,
                role,
                owner,
                people,
                vendors,
            } => {
                j.pass = Some(*pass);
                j.step = Some(*step);
                j.role = role.clone();
                j.owner = owner.map(|p| person(model, p));
                j.people = Some(people.iter().map(|p| person(model, *p)).collect());
                j.vendors = Some(vendors.iter().map(|v| vendor(model, *v)).collect());
                "step_fired"
            }
            EventKind::LevelSkipped {
                pass,
                step,
                role,
                owner,
                vendors_closed,
            } => {
                j.pass = Some(*pass);
                j.step = Some(*step);
                j.role = role.clone();
                j.owner = owner.map(|p| person(model, p));
                j.vendors = Some(vendors_closed.iter().map(|v| vendor(model, *v)).collect());
                "level_skipped"
            }
            EventKind::Waiting {
                pass,
                step,
                role,
                owner,
                wait,
            } => {
                j.pass = Some(*pass);
                j.step = Some(*step);
                j.role = role.clone();
                j.owner = owner.map(|p| person(model, p));
                j.wait_seconds = Some(*wait);
                "waiting"
            }
            EventKind::ContactAttempt {
                person: p,
                via,
                to,
                pass,
                step,
            } => {
                j.person = Some(person(model, *p));
                j.via = Some(via.clone());
                j.to = to.clone();
                j.pass = Some(*pass);
                j.step = Some(*step);
                "contact_attempt"
            }
            EventKind::VendorEngaged {
                vendor: v,
                pass,
                step,
            } => {
                j.vendor = Some(vendor(model, *v));
                j.pass = Some(*pass);
                j.step = Some(*step);
                "vendor_engaged"
            }
            EventKind::StakeholdersInformed {
                stakeholders,
                pass,
                step,
            } => {
                j.stakeholders = Some(stakeholders.clone());
                j.pass = Some(*pass);
                j.step = Some(*step);
                "stakeholders_informed"
            }
            EventKind::Acknowledged { by, injected } => {
                j.person = by.map(|p| person(model, p));
                j.injected = Some(*injected);
                "acknowledged"
            }
            EventKind::AcknowledgedNotEssential { by, injected } => {
                j.person = Some(person(model, *by));
                j.injected = Some(*injected);
                "acknowledged_not_essential"
            }
            EventKind::VendorResponded { vendor: v } => {
                j.vendor = Some(vendor(model, *v));
                "vendor_responded"
            }
            EventKind::Escalated {
                pass,
                from_step,
                to_step,
                manual,
            } => {
                j.pass = Some(*pass);
                j.step = Some(*from_step);
                j.to_step = Some(*to_step);
                j.manual = Some(*manual);
                "escalated"
            }
            EventKind::PassRepeated { pass } => {
                j.pass = Some(*pass);
                "pass_repeated"
            }
            EventKind::Exhausted => "exhausted",
            EventKind::TargetMissed(m) => {
                j.target = Some(missed_name(m));
                match m {
                    Missed::AckWithin { within } | Missed::CommsWithin { within } => {
                        j.within_seconds = Some(*within)
                    }
                    Missed::VendorSla { vendor: v, within } => {
                        j.vendor = Some(vendor(model, *v));
                        j.within_seconds = Some(*within);
                    }
                }
                "target_missed"
            }
            EventKind::Injected(inject) => {
                j.injected = Some(true);
                match inject {
                    Inject::Unavailable(p) => {
                        j.person = Some(person(model, *p));
                        "person_unavailable"
                    }
                    Inject::Available(p) => {
                        j.person = Some(person(model, *p));
                        "person_available"
                    }
                    Inject::Override { .. } => "override_added",
                    Inject::Note(_) => "note",
                    // Acknowledge, resolve and escalate have their own kinds.
                    Inject::Acknowledge(_) | Inject::Resolve | Inject::Escalate => "injected",
                }
            }
            EventKind::Resolved => "resolved",
            EventKind::Truncated => "truncated",
        };
        j
    }
}

impl SimulationState {
    /// The JSON of a paused run's state.
    pub fn new(model: &Model, s: &State) -> SimulationState {
        SimulationState {
            at: s.at.to_rfc3339(),
            elapsed_seconds: s.elapsed,
            paged: s.paged.iter().map(|p| person(model, *p)).collect(),
            contacting: s.contacting.iter().map(|p| person(model, *p)).collect(),
            vendors: s.vendors.iter().map(|v| vendor(model, *v)).collect(),
            current_pass: s.current.map(|c| c.0),
            current_step: s.current.map(|c| c.1),
            next_escalation_at: s.next_escalation.map(|n| n.0.to_rfc3339()),
            next_pass: s.next_escalation.and_then(|n| n.1).map(|n| n.0),
            next_step: s.next_escalation.and_then(|n| n.1).map(|n| n.1),
            acknowledged: s.acknowledged,
            resolved: s.resolved,
            exhausted: s.exhausted,
            missed: s
                .missed
                .iter()
                .map(|m| missed_name(m).to_string())
                .collect(),
        }
    }
}

impl SimulationOutput {
    /// The JSON of a simulation at its cursor.
    pub fn new(sim: &Simulation) -> SimulationOutput {
        let model = sim.model();
        let scenario = sim.scenario();
        let (policy, service, severity) = match sim.events().first().map(|e| &e.kind) {
            Some(EventKind::Triggered {
                policy,
                service,
                severity,
            }) => (
                model.policy(*policy).id.value.clone(),
                service.map(|s| model.service(s).id.value.clone()),
                severity.map(|s| model.severity(s).id.value.clone()),
            ),
            _ => match &scenario.incident.route {
                Route::Policy { policy, severity } => (
                    model.policy(*policy).id.value.clone(),
                    None,
                    severity.map(|s| model.severity(s).id.value.clone()),
                ),
                Route::Service { service, severity } => (
                    String::new(),
                    Some(model.service(*service).id.value.clone()),
                    Some(model.severity(*severity).id.value.clone()),
                ),
            },
        };
        SimulationOutput {
            incident: SimulationIncident {
                policy,
                service,
                severity,
                at: scenario.incident.at.to_rfc3339(),
            },
            events: sim
                .events()
                .iter()
                .map(|e| SimulationEvent::new(model, e))
                .collect(),
            shown: sim.shown(),
            state: SimulationState::new(model, &sim.state()),
        }
    }
}

/// A scenario written back in the scenario file format (JSON), with every
/// injection made so far: a trainer saves it to replay or share the run.
/// Local times are written as UTC instants.
pub fn scenario_json(model: &Model, scenario: &crate::simulation::Scenario) -> serde_json::Value {
    use crate::model::{OverrideKind, Participant};
    use crate::simulation::Behaviour;
    use crate::time::values::format_duration;
    use serde_json::{json, Map, Value};

    let people = |ids: &[crate::model::PersonIdx]| -> Value {
        Value::from(ids.iter().map(|p| person(model, *p)).collect::<Vec<_>>())
    };
    let behaviour = |b: &Behaviour| -> Value {
        match b {
            Behaviour::Acknowledges { after } => json!({"ack_after": format_duration(*after)}),
            Behaviour::NeverAnswers => json!("never"),
            Behaviour::Unavailable => json!("unavailable"),
        }
    };
    let incident = match &scenario.incident.route {
        Route::Service { service, severity } => json!({
            "service": model.service(*service).id.value,
            "severity": model.severity(*severity).id.value,
            "at": scenario.incident.at.to_rfc3339(),
        }),
        Route::Policy { policy, severity } => {
            let mut o = Map::new();
            o.insert("policy".into(), json!(model.policy(*policy).id.value));
            if let Some(s) = severity {
                o.insert("severity".into(), json!(model.severity(*s).id.value));
            }
            o.insert("at".into(), json!(scenario.incident.at.to_rfc3339()));
            Value::Object(o)
        }
    };
    let mut responders = Map::new();
    responders.insert("default".into(), behaviour(&scenario.default_behaviour));
    for (who, b) in &scenario.behaviours {
        let id = match who {
            Participant::Person(p) => person(model, *p),
            Participant::Vendor(v) => vendor(model, *v),
        };
        responders.insert(id, behaviour(b));
    }
    let inject: Vec<Value> = scenario
        .injections
        .iter()
        .map(|i| {
            let mut o = Map::new();
            o.insert("after".into(), json!(format_duration(i.after)));
            if let Some(n) = i.at_event {
                o.insert("after_event".into(), json!(n));
            }
            let (key, value) = match &i.inject {
                Inject::Unavailable(p) => ("unavailable", json!(person(model, *p))),
                Inject::Available(p) => ("available", json!(person(model, *p))),
                Inject::Acknowledge(Some(p)) => ("ack", json!(person(model, *p))),
                Inject::Acknowledge(None) => ("ack", json!(true)),
                Inject::Resolve => ("resolve", json!(true)),
                Inject::Escalate => ("escalate", json!(true)),
                Inject::Note(text) => ("note", json!(text)),
                Inject::Override { schedule, value } => {
                    let s = model.schedule(*schedule);
                    let mut ov = Map::new();
                    ov.insert("schedule".into(), json!(s.id.value));
                    match &value.kind {
                        OverrideKind::Replace { people: p } => {
                            ov.insert("people".into(), people(p));
                        }
                        OverrideKind::Swap {
                            replaces,
                            people: p,
                        } => {
                            ov.insert("people".into(), people(p));
                            ov.insert("replaces".into(), json!(person(model, *replaces)));
                        }
                        OverrideKind::Add { people: p } => {
                            ov.insert("add".into(), people(p));
                        }
                        OverrideKind::Remove { people: p } => {
                            ov.insert("remove".into(), people(p));
                        }
                    }
                    let instant =
                        |spec| crate::time::resolve_by(spec, s.timezone, s.dst.gap).to_rfc3339();
                    ov.insert("from".into(), json!(instant(&value.from.value)));
                    ov.insert("to".into(), json!(instant(&value.to.value)));
                    ("override", Value::Object(ov))
                }
            };
            o.insert(key.into(), value);
            Value::Object(o)
        })
        .collect();
    json!({"incident": incident, "responders": responders, "inject": inject})
}
