//! Reading a simulation scenario (YAML or JSON) against a built model.
//!
//! ```yaml
//! incident: {service: checkout, severity: sev1, at: 2026-03-29T02:30}
//! responders:
//!   default: never            # never | unavailable | {ack_after: 5m}
//!   alice: {ack_after: 4m}
//!   carol: unavailable
//!   psp: {ack_after: 45m}     # a vendor responds
//! inject:
//!   - {after: 3m, unavailable: alice}
//!   - {after: 6m, note: "the vendor does not pick up"}
//!   - {after: 8m, override: {schedule: payments-primary, person: frank, from: 2026-03-29T02:38, to: 2026-03-30T00:00}}
//!   - {after: 10m, escalate: true}
//!   - {after: 12m, ack: bob}
//!   - {after: 40m, resolve: true}
//! ```
//!
//! The scenario's local times are read in the document's zone.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{self, Node, NodeKind};
use crate::model::scenario::{Behaviour, Incident, Inject, Injection, Route, Scenario};
use crate::model::{Model, Participant, Spanned};
use crate::suggest::did_you_mean;
use crate::time::Seconds;

use super::reader::Cx;
use super::schedules::override_;
use super::Tables;

/// The top-level keys of a scenario.
pub const SCENARIO_KEYS: [&str; 3] = ["incident", "responders", "inject"];

/// What an injection does: exactly one of these keys.
const INJECT_KINDS: [&str; 7] = [
    "unavailable",
    "available",
    "override",
    "ack",
    "resolve",
    "escalate",
    "note",
];

/// The keys of one injection: when, and what.
const INJECT_KEYS: [&str; 9] = [
    "after",
    "after_event",
    INJECT_KINDS[0],
    INJECT_KINDS[1],
    INJECT_KINDS[2],
    INJECT_KINDS[3],
    INJECT_KINDS[4],
    INJECT_KINDS[5],
    INJECT_KINDS[6],
];

/// Reads a scenario document: `Some(scenario)` when there is no error, and
/// every diagnostic either way (spans point into `text`).
///
/// With `incident`, the document's own `incident` is optional and replaced
/// (the CLI's `--service/--policy/--at` win over the scenario file).
pub fn read_scenario(
    model: &Model,
    text: &str,
    incident: Option<Incident>,
) -> (Option<Scenario>, Vec<Diagnostic>) {
    if let (true, Some(incident)) = (text.trim().is_empty(), &incident) {
        return (Some(Scenario::new(incident.clone())), Vec::new());
    }
    let doc = document::parse(text);
    let mut cx = Cx {
        diagnostics: doc.diagnostics,
        ..Cx::default()
    };
    let tables = Tables::from_model(model);
    let scenario = match doc.root.as_ref() {
        Some(root) => scenario(&mut cx, &tables, model, root, incident),
        // An empty text is an empty scenario: everything from `incident`.
        None => match incident {
            Some(incident) => Some(Scenario::new(incident)),
            None => {
                if cx.diagnostics.is_empty() {
                    cx.push(
                        Diagnostic::error(
                            "missing-key",
                            crate::diagnostic::Span::new(0, 0),
                            "the scenario is missing `incident`",
                        )
                        .with_help("add `incident: {service: ..., severity: ..., at: ...}`"),
                    );
                }
                None
            }
        },
    };
    finish(scenario, cx.diagnostics)
}

/// Reads one injection (`{unavailable: alice}`, `{override: {...}}`...) given
/// on its own, as the stepping handle takes them; `after` is not needed.
pub fn read_inject(model: &Model, text: &str) -> (Option<Inject>, Vec<Diagnostic>) {
    let doc = document::parse(text);
    let mut cx = Cx {
        diagnostics: doc.diagnostics,
        ..Cx::default()
    };
    let tables = Tables::from_model(model);
    let inject = doc
        .root
        .as_ref()
        .and_then(|root| injection(&mut cx, &tables, model, root))
        .map(|i| i.inject);
    finish(inject, cx.diagnostics)
}

fn finish<T>(value: Option<T>, diagnostics: Vec<Diagnostic>) -> (Option<T>, Vec<Diagnostic>) {
    let has_error = diagnostics.iter().any(|d| d.severity == Severity::Error);
    (if has_error { None } else { value }, diagnostics)
}

fn scenario(
    cx: &mut Cx,
    tables: &Tables,
    model: &Model,
    root: &Node,
    given: Option<Incident>,
) -> Option<Scenario> {
    if root.kind == NodeKind::Null {
        if let Some(given) = given {
            return Some(Scenario::new(given));
        }
    }
    let obj = cx.object(root, "the scenario", &SCENARIO_KEYS)?;
    let incident = match given {
        Some(given) => Some(given),
        None => obj
            .required(cx, "incident")
            .and_then(|n| incident(cx, tables, model, n)),
    };
    let mut default_behaviour = Behaviour::NeverAnswers;
    let mut behaviours = Vec::new();
    let mut ok = true;
    if let Some(node) = obj.get("responders") {
        match node.as_map() {
            Some(entries) => {
                for entry in entries {
                    let Some(b) = behaviour(cx, &entry.value) else {
                        ok = false;
                        continue;
                    };
                    if entry.key == "default" {
                        default_behaviour = b;
                        continue;
                    }
                    let id = Spanned::new(entry.key.clone(), entry.key_span);
                    match participant(cx, tables, &id) {
                        Some(who) => behaviours.push((who, b)),
                        None => ok = false,
                    }
                }
            }
            None => {
                cx.wrong_type(node, "`responders` (a mapping of ids to behaviours)");
                ok = false;
            }
        }
    }
    let mut injections = Vec::new();
    if let Some(node) = obj.get("inject") {
        match cx.list(node, "`inject` (a list of injected events)") {
            Some(items) => {
                for item in items {
                    match injection(cx, tables, model, item) {
                        Some(i) => injections.push(i),
                        None => ok = false,
                    }
                }
            }
            None => ok = false,
        }
    }
    let incident = incident?;
    ok.then_some(Scenario {
        incident,
        default_behaviour,
        behaviours,
        injections,
    })
}

fn incident(cx: &mut Cx, tables: &Tables, model: &Model, node: &Node) -> Option<Incident> {
    let obj = cx.object(
        node,
        "the incident",
        &["service", "severity", "policy", "at", "trigger"],
    )?;
    let at = obj
        .required(cx, "at")
        .and_then(|n| cx.date_time(n))
        .map(|at| crate::time::resolve(&at.value, model.timezone));
    let severity = match obj.opt_string(cx, "severity") {
        Some(id) => Some(tables.severity_ref(cx, &id)?),
        None => None,
    };
    let route = if let Some(trigger) = obj.opt_string(cx, "trigger") {
        match model
            .trigger_by_name(&trigger.value)
            .and_then(|t| model.triggers.get(t))
        {
            Some(t) => Some(Route::Service {
                service: t.service,
                severity: t.severity,
            }),
            None => {
                let ids = model.triggers.iter().map(|t| t.id.value.as_str());
                let mut d = Diagnostic::error(
                    "unknown-reference",
                    trigger.span,
                    format!("unknown trigger `{}`", trigger.value),
                );
                if let Some(help) = did_you_mean(&trigger.value, ids) {
                    d = d.with_help(help);
                }
                cx.push(d);
                None
            }
        }
    } else if let Some(policy) = obj.opt_string(cx, "policy") {
        let policy = tables.policy_ref(cx, &policy)?;
        Some(Route::Policy { policy, severity })
    } else {
        let service = obj
            .required(cx, "service")
            .and_then(|n| cx.string(n, "a service id"));
        let service = service.and_then(|s| tables.service_ref(cx, &s));
        match (service, severity) {
            (Some(service), Some(severity)) => Some(Route::Service { service, severity }),
            (Some(_), None) => {
                cx.push(
                    Diagnostic::error(
                        "missing-key",
                        obj.head_span(),
                        "the incident is missing `severity`",
                    )
                    .with_help("a service routes by severity: add `severity:`"),
                );
                None
            }
            _ => None,
        }
    };
    Some(Incident {
        route: route?,
        at: at?,
    })
}

/// `never`, `unavailable` or `{ack_after: 5m}`.
fn behaviour(cx: &mut Cx, node: &Node) -> Option<Behaviour> {
    match &node.kind {
        NodeKind::Str(_) => match cx.choice(node, "behaviour", &["never", "unavailable"])? {
            "never" => Some(Behaviour::NeverAnswers),
            _ => Some(Behaviour::Unavailable),
        },
        NodeKind::Map(_) => {
            let obj = cx.object(node, "a behaviour", &["ack_after"])?;
            let after = obj.required(cx, "ack_after").and_then(|n| cx.duration(n))?;
            Some(Behaviour::Acknowledges { after: after.value })
        }
        _ => {
            cx.wrong_type(node, "`never`, `unavailable` or `{ack_after: 5m}`");
            None
        }
    }
}

/// A person or vendor id.
fn participant(cx: &mut Cx, tables: &Tables, id: &Spanned<String>) -> Option<Participant> {
    if let Some(p) = tables.people.find(&id.value) {
        return Some(Participant::Person(crate::model::PersonIdx(p)));
    }
    if let Some(v) = tables.vendors.find(&id.value) {
        return Some(Participant::Vendor(crate::model::VendorIdx(v)));
    }
    let names: Vec<&str> = tables
        .people
        .names()
        .chain(tables.vendors.names())
        .collect();
    let mut d = Diagnostic::error(
        "unknown-reference",
        id.span,
        format!("unknown person or vendor `{}`", id.value),
    );
    if let Some(help) = did_you_mean(&id.value, names.iter().copied()) {
        d = d.with_help(help);
    }
    cx.push(d);
    None
}

fn injection(cx: &mut Cx, tables: &Tables, model: &Model, node: &Node) -> Option<Injection> {
    let obj = cx.object(node, "an injected event", &INJECT_KEYS)?;
    let after = match obj.get("after") {
        Some(n) => cx.duration(n)?.value,
        None => Seconds(0),
    };
    let at_event = match obj.get("after_event") {
        Some(n) => match n.kind {
            NodeKind::Int(i) if (0..=1_000_000).contains(&i) => Some(i as usize),
            _ => {
                cx.wrong_type(n, "`after_event` to be an event count (0 or more)");
                return None;
            }
        },
        None => None,
    };
    let present: Vec<&str> = INJECT_KINDS.into_iter().filter(|k| obj.has(k)).collect();
    let [kind] = present.as_slice() else {
        let span = present
            .get(1)
            .and_then(|k| obj.key_span(k))
            .unwrap_or_else(|| obj.head_span());
        cx.push(
            Diagnostic::error(
                "invalid-injection",
                span,
                "an injected event takes exactly one of `unavailable`, `available`, `override`, `ack`, `resolve`, `escalate` and `note`",
            )
            .with_help("split it into several injected events"),
        );
        return None;
    };
    let value = obj.get(kind);
    let inject = match *kind {
        "unavailable" | "available" => {
            let id = cx.string(value?, "a person id")?;
            let p = tables.person_ref(cx, &id)?;
            if *kind == "unavailable" {
                Inject::Unavailable(p)
            } else {
                Inject::Available(p)
            }
        }
        "ack" => match value.map(|v| &v.kind) {
            None | Some(NodeKind::Bool(true)) => Inject::Acknowledge(None),
            Some(_) => {
                let id = cx.string(value?, "a person id (or `true` for anyone)")?;
                Inject::Acknowledge(Some(tables.person_ref(cx, &id)?))
            }
        },
        "resolve" => Inject::Resolve,
        "escalate" => Inject::Escalate,
        "note" => Inject::Note(cx.string(value?, "a note (a string)")?.value),
        _ => {
            let node = value?;
            let schedule = node
                .get("schedule")
                .and_then(|s| cx.string(s, "a schedule id"))
                .and_then(|id| tables.schedule_ref(cx, &id));
            let Some(schedule) = schedule else {
                if node.get("schedule").is_none() {
                    cx.push(
                        Diagnostic::error(
                            "missing-key",
                            node.span,
                            "the override is missing `schedule`",
                        )
                        .with_help("name the schedule it changes: `schedule: payments-primary`"),
                    );
                }
                return None;
            };
            let Some(mut entries) = node.as_map().map(<[_]>::to_vec) else {
                cx.wrong_type(node, "an override (a mapping)");
                return None;
            };
            entries.retain(|e| e.key != "schedule");
            let rest = Node {
                kind: NodeKind::Map(entries),
                span: node.span,
            };
            // Local times of an override are in its schedule's zone (SPEC 2.5).
            let s = model.schedule(schedule);
            let at = super::schedules::Resolve {
                tz: s.timezone,
                gap: s.dst.gap,
            };
            let value = override_(cx, tables, at, &rest)?;
            Inject::Override { schedule, value }
        }
    };
    Some(Injection {
        after,
        at_event,
        inject,
    })
}
