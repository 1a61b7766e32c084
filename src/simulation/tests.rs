//! Simulation tests on a small but complete document.

use crate::model::read::scenario::{read_inject, read_scenario};
use crate::model::Model;
use crate::time::{parse_instant, Timestamp};
use crate::Evaluator;

use super::run::Run;
use super::{EventKind, Inject, Missed, Route, Scenario, Simulation};

const DOC: &str = r#"
version: 1
timezone: Europe/Berlin
people:
  - {id: alice, name: Alice Example, contact: [{via: push, after: 0m}, {via: sms, after: 2m}, {via: phone, after: 5m}]}
  - {id: bob, name: "Bob | Ops"}
  - {id: carol}
  - {id: frank}
schedules:
  - id: primary
    layers:
      - id: weekly
        members: [alice, bob]
        shift: 1w
        handoff: 2026-03-02T09:00
policies:
  - id: payments
    repeat: 1
    steps:
      - notify: [{schedule: primary}]
        escalate_after: 10m
        role: First responder
        owner: frank
      - notify: [{person: carol}, {stakeholders: status-page}]
        escalate_after: 10m
      - notify: [{vendor: psp}]
        escalate_after: 30m
severities:
  - {id: sev1, ack_within: 5m, comms_within: 15m}
  - {id: sev2, ack_within: 15m}
services:
  - id: checkout
    owner: frank
    escalation: {sev1: payments, default: payments}
vendors:
  - id: psp
    timezone: America/New_York
    sla: {sev1: 30m}
    support_hours: [{days: [mon, tue, wed, thu, fri], from: "08:00", to: "18:00"}]
    contacts: [{via: phone, to: "+1 555 0100"}]
actions:
  - {id: rollback, title: Roll back checkout, services: [checkout], severities: [sev1], approved_by: frank, approved_until: 2027-01-01}
  - {id: failover, title: Fail over the database, services: [checkout], severities: [sev2], approved_by: frank}
"#;

fn evaluator() -> Evaluator {
    match Evaluator::new(DOC) {
        Ok(ev) => ev,
        Err(d) => panic!("test document has errors: {d:?}"),
    }
}

fn at(text: &str) -> Timestamp {
    parse_instant(text, chrono_tz::Europe::Berlin).expect("instant")
}

fn scenario(model: &Model, text: &str) -> Scenario {
    let (s, d) = read_scenario(model, text, None);
    s.unwrap_or_else(|| panic!("scenario has errors: {d:?}"))
}

fn kinds(sim: &Simulation) -> Vec<&'static str> {
    crate::output::simulation::SimulationOutput::new(sim)
        .events
        .iter()
        .map(|e| e.kind)
        .collect()
}

#[test]
fn nobody_answering_pages_exactly_the_plan() {
    let ev = evaluator();
    let m = ev.model();
    let policy = m.policy_by_id("payments").unwrap();
    // A weekday in the vendor's hours, a weekend, and across a handoff.
    for start in [
        "2026-03-04T16:00",
        "2026-03-07T12:00",
        "2026-03-09T08:55",
        "2026-03-29T02:30",
    ] {
        let t = at(start);
        let sc = Scenario::new(super::Incident {
            route: Route::Policy {
                policy,
                severity: None,
            },
            at: t,
        });
        let sim = Simulation::new(m, sc).unwrap();
        let fired: Vec<(i64, u32, u32, Vec<_>, Vec<_>)> = sim
            .events()
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::StepFired {
                    pass,
                    step,
                    people,
                    vendors,
                    ..
                } => Some((e.offset, *pass, *step, people.clone(), vendors.clone())),
                _ => None,
            })
            .collect();
        let plan = crate::escalation::plan(m, policy, t);
        let planned: Vec<(i64, u32, u32, Vec<_>, Vec<_>)> = plan
            .pages
            .iter()
            .map(|p| (p.after, p.pass, p.step, p.people.clone(), p.vendors.clone()))
            .collect();
        assert_eq!(fired, planned, "start {start}");
        let exhausted = sim
            .events()
            .iter()
            .find(|e| e.kind == EventKind::Exhausted)
            .unwrap();
        assert_eq!(exhausted.offset, plan.exhausted_after, "start {start}");
    }
}

#[test]
fn stepping_one_event_at_a_time_equals_running_to_the_end() {
    let ev = evaluator();
    let m = ev.model();
    let sc = scenario(
        m,
        "incident: {service: checkout, severity: sev1, at: 2026-03-04T16:00}\nresponders: {carol: {ack_after: 4m}}\ninject: [{after: 1m, unavailable: alice}, {after: 30m, resolve: true}]\n",
    );
    let mut whole = Run::start(m, &sc).unwrap();
    whole.run_to_end();
    let mut stepped = Run::start(m, &sc).unwrap();
    let mut count = 0;
    while stepped.advance() {
        count += 1;
        assert!(count <= whole.events.len(), "stepping emitted more events");
    }
    assert_eq!(stepped.events, whole.events);
    let mut sim = Simulation::new(m, sc.clone()).unwrap();
    let mut seen = Vec::new();
    while let Some(e) = sim.next_event() {
        seen.push(e.clone());
    }
    assert_eq!(seen, whole.events);
    assert!(sim.at_end());
    sim.previous_event();
    assert_eq!(sim.shown(), whole.events.len() - 1);
}

#[test]
fn injecting_while_paused_changes_only_the_future() {
    let ev = evaluator();
    let m = ev.model();
    let sc = scenario(
        m,
        "incident: {service: checkout, severity: sev1, at: 2026-03-04T16:00}\n",
    );
    let mut sim = Simulation::new(m, sc).unwrap();
    let before = sim.events().to_vec();
    // Pause after the first step fired (alice paged).
    let fired = before
        .iter()
        .position(|e| matches!(e.kind, EventKind::StepFired { .. }))
        .unwrap();
    sim.seek(fired);
    sim.inject(Inject::Escalate).unwrap();
    let after = sim.events().to_vec();
    assert_eq!(after[..=fired], before[..=fired], "the past changed");
    assert_ne!(after, before, "the injection changed nothing");
    // The manual escalation fires step 2 at once, at the paused instant.
    let next = &after[fired + 1..];
    let step2 = next
        .iter()
        .find(|e| matches!(e.kind, EventKind::StepFired { step: 2, .. }))
        .unwrap();
    assert_eq!(step2.at, before[fired].at);
    // The injection is kept in the scenario, so the run can be replayed.
    let replay = Simulation::new(m, sim.scenario().clone()).unwrap();
    assert_eq!(replay.events(), sim.events());
}

#[test]
fn acknowledgement_stops_escalation_and_meets_the_target() {
    let ev = evaluator();
    let m = ev.model();
    let sc = scenario(
        m,
        "incident: {service: checkout, severity: sev1, at: 2026-03-04T16:00}\nresponders: {alice: {ack_after: 3m}}\n",
    );
    let sim = Simulation::new(m, sc).unwrap();
    let k = kinds(&sim);
    let ack = k.iter().position(|k| *k == "acknowledged").unwrap();
    assert_eq!(sim.events()[ack].offset, 180);
    assert!(!k[ack..].contains(&"step_fired"), "{k:?}");
    // Alice's engagement plan: push at 0 and sms at 2m happen, phone at 5m does not.
    let contacts: Vec<&str> = crate::output::simulation::SimulationOutput::new(&sim)
        .events
        .iter()
        .filter(|e| e.kind == "contact_attempt")
        .filter_map(|e| {
            e.via.as_deref().map(|v| {
                if v == "push" {
                    "push"
                } else if v == "sms" {
                    "sms"
                } else {
                    "other"
                }
            })
        })
        .collect();
    assert_eq!(contacts, ["push", "sms"]);
    let missed: Vec<&Missed> = sim
        .events()
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::TargetMissed(m) => Some(m),
            _ => None,
        })
        .collect();
    // Acknowledged at 3m < 5m, but step 2 (stakeholders) never fired: comms missed at 15m.
    assert_eq!(missed, vec![&Missed::CommsWithin { within: 900 }]);
}

#[test]
fn unavailable_people_are_paged_but_never_answer() {
    let ev = evaluator();
    let m = ev.model();
    let sc = scenario(
        m,
        "incident: {service: checkout, severity: sev1, at: 2026-03-04T16:00}\nresponders: {alice: unavailable, carol: {ack_after: 1m}}\n",
    );
    let sim = Simulation::new(m, sc).unwrap();
    let out = crate::output::simulation::SimulationOutput::new(&sim);
    let ack = out
        .events
        .iter()
        .find(|e| e.kind == "acknowledged")
        .unwrap();
    assert_eq!(ack.person.as_deref(), Some("carol"));
    assert_eq!(ack.offset_seconds, 11 * 60);
    let missed: Vec<_> = out
        .events
        .iter()
        .filter(|e| e.kind == "target_missed")
        .map(|e| (e.target, e.offset_seconds))
        .collect();
    assert_eq!(missed, vec![(Some("ack_within"), 300)]);
}

#[test]
fn each_missed_target_kind() {
    let ev = evaluator();
    let m = ev.model();
    // Nobody answers, Wednesday 16:00 Berlin = 10:00 New York: psp engaged at 20m.
    let sc = scenario(
        m,
        "incident: {service: checkout, severity: sev1, at: 2026-03-04T16:00}\n",
    );
    let sim = Simulation::new(m, sc).unwrap();
    let out = crate::output::simulation::SimulationOutput::new(&sim);
    let missed: Vec<_> = out
        .events
        .iter()
        .filter(|e| e.kind == "target_missed")
        .map(|e| (e.target.unwrap(), e.offset_seconds, e.vendor.clone()))
        .collect();
    assert_eq!(
        missed,
        vec![
            ("ack_within", 300, None),
            ("vendor_sla", 50 * 60, Some("psp".to_string()))
        ]
    );
    // The vendor responding in time meets its SLA.
    let sc = scenario(m, "incident: {service: checkout, severity: sev1, at: 2026-03-04T16:00}\nresponders: {psp: {ack_after: 20m}}\n");
    let sim = Simulation::new(m, sc).unwrap();
    let out = crate::output::simulation::SimulationOutput::new(&sim);
    assert!(out
        .events
        .iter()
        .any(|e| e.kind == "vendor_responded" && e.offset_seconds == 40 * 60));
    assert!(!out.events.iter().any(|e| e.target == Some("vendor_sla")));
}

#[test]
fn vendor_outside_support_hours_is_a_skipped_level() {
    let ev = evaluator();
    let m = ev.model();
    // Saturday: psp is closed.
    let sc = scenario(
        m,
        "incident: {service: checkout, severity: sev1, at: 2026-03-07T12:00}\n",
    );
    let sim = Simulation::new(m, sc).unwrap();
    let out = crate::output::simulation::SimulationOutput::new(&sim);
    let skipped: Vec<_> = out
        .events
        .iter()
        .filter(|e| e.kind == "level_skipped")
        .collect();
    assert_eq!(skipped.len(), 2, "step 3 in both passes");
    assert_eq!(skipped[0].step, Some(3));
    assert_eq!(
        skipped[0].vendors.as_deref(),
        Some(&["psp".to_string()][..])
    );
    assert!(skipped[0].explanation.contains("outside support hours"));
    assert!(!out.events.iter().any(|e| e.kind == "vendor_engaged"));
}

#[test]
fn actions_available_for_the_right_service_and_severity_only() {
    let ev = evaluator();
    let m = ev.model();
    for (severity, expected) in [("sev1", "rollback"), ("sev2", "failover")] {
        let text = format!(
            "incident: {{service: checkout, severity: {severity}, at: 2026-03-04T16:00}}\n"
        );
        let sim = Simulation::new(m, scenario(m, &text)).unwrap();
        let out = crate::output::simulation::SimulationOutput::new(&sim);
        let actions: Vec<String> = out
            .events
            .iter()
            .filter_map(|e| e.actions.as_ref())
            .flatten()
            .map(|a| a.id.clone())
            .collect();
        assert_eq!(actions, vec![expected.to_string()], "{severity}");
    }
    // A policy run has no service, so no actions.
    let sim = Simulation::new(
        m,
        scenario(m, "incident: {policy: payments, at: 2026-03-04T16:00}\n"),
    )
    .unwrap();
    assert!(!kinds(&sim).contains(&"actions_available"));
}

#[test]
fn injected_override_changes_who_the_next_pass_pages() {
    let ev = evaluator();
    let m = ev.model();
    let sc = scenario(
        m,
        "incident: {policy: payments, at: 2026-03-04T16:00}\ninject:\n  - {after: 5m, override: {schedule: primary, person: frank, from: 2026-03-04T16:05, to: 2026-03-05T00:00}}\n",
    );
    let sim = Simulation::new(m, sc).unwrap();
    let firsts: Vec<Vec<String>> = crate::output::simulation::SimulationOutput::new(&sim)
        .events
        .iter()
        .filter(|e| e.kind == "step_fired" && e.step == Some(1))
        .filter_map(|e| e.people.clone())
        .collect();
    assert_eq!(
        firsts,
        vec![vec!["alice".to_string()], vec!["frank".to_string()]]
    );
}

#[test]
fn scenario_errors_point_at_the_text() {
    let ev = evaluator();
    let m = ev.model();
    let text = "incident: {service: checkout, severity: sev1, at: 2026-03-04T16:00}\nresponders: {alcie: never}\n";
    let (s, d) = read_scenario(m, text, None);
    assert!(s.is_none());
    assert_eq!(d[0].code, "unknown-reference");
    assert_eq!(
        &text[d[0].span.start as usize..d[0].span.end as usize],
        "alcie"
    );
    assert_eq!(d[0].help.as_deref(), Some("did you mean `alice`?"));
    let (i, d) = read_inject(m, "{unavailable: bob, resolve: true}");
    assert!(i.is_none());
    assert_eq!(d[0].code, "invalid-injection");
}

#[test]
fn state_of_a_paused_run() {
    let ev = evaluator();
    let m = ev.model();
    let mut sim = Simulation::new(
        m,
        scenario(
            m,
            "incident: {service: checkout, severity: sev1, at: 2026-03-04T16:00}\n",
        ),
    )
    .unwrap();
    let fired = sim
        .events()
        .iter()
        .position(|e| matches!(e.kind, EventKind::StepFired { .. }))
        .unwrap();
    sim.seek(fired);
    let s = sim.state();
    assert_eq!(s.current, Some((1, 1)));
    assert_eq!(
        s.next_escalation,
        Some((at("2026-03-04T16:10"), Some((1, 2))))
    );
    assert_eq!(s.paged.len(), 1);
    sim.seek_time(at("2026-03-04T16:12"));
    let s = sim.state();
    assert_eq!(s.current, Some((1, 2)));
    assert_eq!(s.missed, vec![Missed::AckWithin { within: 300 }]);
    sim.run_to_end();
    assert!(sim.state().exhausted);
}

#[test]
fn debrief_is_a_markdown_timeline_with_escaped_cells() {
    let ev = evaluator();
    let m = ev.model();
    let sc = scenario(
        m,
        "incident: {service: checkout, severity: sev1, at: 2026-03-11T16:00}\ninject: [{after: 1m, note: \"pager | <b>dead</b>\"}]\n",
    );
    let sim = Simulation::new(m, sc).unwrap();
    let md = crate::output::debrief::markdown(&sim, chrono_tz::Europe::Berlin, false);
    assert!(md.starts_with("# Incident simulation debrief"));
    assert!(
        md.contains("| 1 | 2026-03-11 16:00:00 CET | 0s | triggered |"),
        "{md}"
    );
    assert!(md.contains("pager \\| &lt;b&gt;dead&lt;/b&gt;"), "{md}");
    assert_eq!(
        md.lines().filter(|l| l.starts_with("| ")).count(),
        sim.events().len() + 1
    );
}

#[test]
fn exported_scenario_replays_the_same_run() {
    let ev = evaluator();
    let m = ev.model();
    let sc = scenario(
        m,
        "incident: {service: checkout, severity: sev1, at: 2026-03-04T16:00}\nresponders: {default: {ack_after: 30m}, alice: unavailable, psp: {ack_after: 5m}}\ninject:\n  - {after: 5m, override: {schedule: primary, person: frank, replaces: alice, from: 2026-03-04T16:05, to: 2026-03-05T00:00}}\n  - {after: 7m, note: \"phone | dead\"}\n",
    );
    let mut sim = Simulation::new(m, sc).unwrap();
    sim.seek(4);
    sim.inject(Inject::Escalate).unwrap();
    sim.inject(Inject::Acknowledge(None)).unwrap();
    let exported = crate::output::simulation::scenario_json(m, sim.scenario());
    let text = serde_json::to_string(&exported).unwrap();
    let replay = Simulation::new(m, scenario(m, &text)).unwrap();
    // The same run (the override reads back as UTC instants, so compare the JSON).
    let json = |s: &Simulation| {
        serde_json::to_value(crate::output::simulation::SimulationOutput::new(s).events).unwrap()
    };
    assert_eq!(json(&replay), json(&sim), "{text}");
    assert_eq!(replay.events().len(), sim.events().len());
    assert!(text.contains("\"after_event\":5"), "{text}");
}

/// Targets met exactly at their limit, and what a timeline shows at one instant.
const EDGE: &str = r#"
version: 1
timezone: UTC
people: [{id: alice}, {id: bob}]
policies:
  - id: p
    steps:
      - {notify: [{person: alice}], escalate_after: 10m}
      - {notify: [{person: bob}, {stakeholders: status-page}], escalate_after: 10m}
severities: [{id: sev1, ack_within: 5m, comms_within: 10m}]
"#;

fn edge_run(scenario_text: &str) -> Vec<(i64, &'static str)> {
    let ev = Evaluator::new(EDGE).unwrap_or_else(|d| panic!("{d:?}"));
    let m = ev.model();
    let sim = Simulation::new(m, scenario(m, scenario_text)).unwrap();
    crate::output::simulation::SimulationOutput::new(&sim)
        .events
        .iter()
        .map(|e| (e.offset_seconds, e.kind))
        .collect()
}

#[test]
fn targets_are_met_when_done_exactly_at_their_limit() {
    // Stakeholders are informed by step 2 at exactly 10m = comms_within.
    let events = edge_run("incident: {policy: p, severity: sev1, at: 2026-03-01T00:00}\n");
    let missed: Vec<i64> = events
        .iter()
        .filter(|(_, k)| *k == "target_missed")
        .map(|(o, _)| *o)
        .collect();
    assert_eq!(missed, vec![300], "only ack_within is missed: {events:?}");
    // An acknowledgement at exactly ack_within meets it too.
    let events = edge_run(
        "incident: {policy: p, severity: sev1, at: 2026-03-01T00:00}\nresponders: {alice: {ack_after: 5m}}\n",
    );
    assert!(events.contains(&(300, "acknowledged")));
    assert!(
        !events
            .iter()
            .any(|(o, k)| *k == "target_missed" && *o == 300),
        "{events:?}"
    );
}

#[test]
fn a_page_shows_its_first_contact_before_an_instant_acknowledgement() {
    let events = edge_run(
        "incident: {policy: p, severity: sev1, at: 2026-03-01T00:00}\nresponders: {alice: {ack_after: 0m}}\n",
    );
    let kinds: Vec<&str> = events.iter().map(|(_, k)| *k).collect();
    let contact = kinds.iter().position(|k| *k == "contact_attempt").unwrap();
    let ack = kinds.iter().position(|k| *k == "acknowledged").unwrap();
    assert!(contact < ack, "{kinds:?}");
}

#[test]
fn a_manual_escalation_after_exhaustion_is_recorded_and_pages_nobody() {
    let events = edge_run(
        "incident: {policy: p, severity: sev1, at: 2026-03-01T00:00}\ninject: [{after: 30m, escalate: true}]\n",
    );
    let exhausted = events.iter().filter(|(_, k)| *k == "exhausted").count();
    assert_eq!(exhausted, 1, "{events:?}");
    assert!(events.contains(&(1800, "injected")), "{events:?}");
    assert!(!events.iter().any(|(o, k)| *k == "step_fired" && *o >= 1800));
}

/// The approval rule is one rule on instants: in New York's 2026-11-01
/// fold, `approved_until: 2026-11-01T01:30` is 01:30 EDT (05:30Z, the
/// earlier occurrence). At 06:15Z (01:15 EST, after the clocks went back)
/// the wall clock still reads before 01:30, so the old findings rule (local
/// readings compared) called the approval valid while the simulator (on
/// instants) already offered no action. Both now say it has expired.
#[test]
fn approval_expiry_agrees_in_a_dst_fold() {
    let doc = "version: 1\ntimezone: America/New_York\npeople: [{id: frank}]\n\
               severities: [{id: sev1}]\nservices: [{id: checkout}]\n\
               actions: [{id: rollback, title: Roll back, services: [checkout], approved_by: frank, \
               approved_until: 2026-11-01T01:30}]\n";
    let ev = Evaluator::new(doc).unwrap_or_else(|d| panic!("{d:?}"));
    let m = ev.model();
    let action = &m.actions[0];
    let expired_by_findings = |at: Timestamp| {
        crate::findings::actions::findings(m, at)
            .iter()
            .any(|d| d.code == "approval-expired")
    };
    let offered_by_simulator = |at: Timestamp| {
        !super::run::available_actions(m, crate::model::ServiceIdx(0), None, at).is_empty()
    };
    let old_wall_clock_rule = |at: Timestamp| {
        use chrono::TimeZone;
        let local = m
            .timezone
            .from_utc_datetime(&at.to_naive_utc())
            .naive_local();
        matches!(action.approved_until.as_ref().map(|u| u.value),
            Some(crate::time::DateTimeSpec::Local(until)) if until <= local)
    };
    let utc = |s: &str| parse_instant(s, chrono_tz::UTC).unwrap_or_else(|e| panic!("{e}"));
    // 05:29:59Z is 01:29:59 EDT: valid by every rule.
    for t in [
        "2026-11-01T05:29:59Z",
        "2026-11-01T05:30:00Z",
        "2026-11-01T06:15:00Z",
        "2026-11-01T06:30:00Z",
    ] {
        let at = utc(t);
        let expired = m.approval_expired(action, at);
        assert_eq!(expired, at >= utc("2026-11-01T05:30:00Z"), "{t}");
        assert_eq!(expired_by_findings(at), expired, "findings at {t}");
        assert_eq!(offered_by_simulator(at), !expired, "simulator at {t}");
    }
    // Where the old wall-clock rule disagreed: 01:15 EST reads before 01:30.
    let fold = utc("2026-11-01T06:15:00Z");
    assert!(!old_wall_clock_rule(fold));
    assert!(m.approval_expired(action, fold));
}

const WAITS: &str = r#"
version: 1
timezone: UTC
people: [{id: carol}, {id: dan}]
policies:
  - id: p
    on_empty_step: skip
    steps:
      - {wait: 5m, name: Opsgenie delay}
      - notify: [{person: carol}]
        escalate_after: 10m
      - {wait: 2m}
      - notify: [{person: dan}]
        escalate_after: 10m
"#;

fn wait_simulation(scenario_text: &str) -> Simulation {
    let ev = Evaluator::new(WAITS).unwrap_or_else(|d| panic!("{d:?}"));
    let m = ev.model();
    let sc = scenario(m, scenario_text);
    Simulation::new(m, sc).unwrap()
}

#[test]
fn wait_steps_page_nobody_and_are_never_level_skipped() {
    let sim = wait_simulation("incident: {policy: p, at: 2026-03-02T10:00Z}\n");
    let rows: Vec<(i64, &'static str)> = crate::output::simulation::SimulationOutput::new(&sim)
        .events
        .iter()
        .map(|e| (e.offset_seconds / 60, e.kind))
        .collect();
    assert_eq!(
        rows,
        vec![
            (0, "triggered"),
            (0, "waiting"),
            (5, "escalated"),
            (5, "step_fired"),
            (5, "contact_attempt"),
            (15, "escalated"),
            (15, "waiting"),
            (17, "escalated"),
            (17, "step_fired"),
            (17, "contact_attempt"),
            (27, "exhausted"),
        ]
    );
    let out = crate::output::simulation::SimulationOutput::new(&sim);
    assert_eq!(out.events[1].wait_seconds, Some(300));
    assert_eq!(out.events[1].step, Some(1));
    assert!(
        out.events[1].explanation.contains("waits 5m before step 2"),
        "{}",
        out.events[1].explanation
    );
    // The run pages what the plan pages.
    let m = sim.model();
    let plan = crate::escalation::plan(m, m.policy_by_id("p").unwrap(), at("2026-03-02T11:00"));
    let offsets: Vec<i64> = plan.pages.iter().map(|p| p.after / 60).collect();
    assert_eq!(offsets, vec![5, 17]);
    assert_eq!(plan.exhausted_after, 27 * 60);
}

#[test]
fn paused_on_a_wait_step_the_next_escalation_is_after_the_wait() {
    let mut sim = wait_simulation("incident: {policy: p, at: 2026-03-02T10:00Z}\n");
    sim.seek(2); // triggered, waiting
    let state = sim.state();
    assert_eq!(state.current, Some((1, 1)));
    let (next_at, next) = state.next_escalation.unwrap();
    assert_eq!(next_at.to_rfc3339(), "2026-03-02T10:05:00Z");
    assert_eq!(next, Some((1, 2)));
    // An acknowledgement during the wait stops everything.
    let sim = wait_simulation(
        "incident: {policy: p, at: 2026-03-02T10:00Z}\ninject: [{after: 3m, ack: true}]\n",
    );
    let fired = sim
        .events()
        .iter()
        .filter(|e| matches!(e.kind, EventKind::StepFired { .. }))
        .count();
    assert_eq!(fired, 0);
}

#[test]
fn next_turn_targets_resolve_when_the_step_fires() {
    let doc = r#"
version: 1
timezone: Europe/Berlin
people: [{id: alice}, {id: bob}, {id: carol}]
schedules:
  - id: s
    layers:
      - {id: weekly, members: [alice, bob, carol], shift: 1w, handoff: 2026-03-02T09:00}
policies:
  - id: p
    steps:
      - {wait: 30m}
      - notify: [{schedule: s, turn: next}]
        escalate_after: 10m
"#;
    let ev = Evaluator::new(doc).unwrap_or_else(|d| panic!("{d:?}"));
    let m = ev.model();
    // Opened at 08:40 on Monday 2026-03-09 (alice's turn 0 until 09:00):
    // the step fires at 09:10, in bob's turn 1, and pages turn 2, carol.
    let sim = Simulation::new(
        m,
        scenario(m, "incident: {policy: p, at: 2026-03-09T08:40}\n"),
    )
    .unwrap();
    let fired = sim
        .events()
        .iter()
        .find(|e| matches!(e.kind, EventKind::StepFired { .. }))
        .expect("a step fires");
    assert_eq!(fired.at, at("2026-03-09T09:10"));
    match &fired.kind {
        EventKind::StepFired { people, .. } => {
            assert_eq!(people, &vec![m.person_by_id("carol").unwrap()])
        }
        _ => unreachable!(),
    }
    assert!(
        fired
            .explanation
            .contains("`carol`: next turn of layer `weekly` (turn 2) in `s`"),
        "{}",
        fired.explanation
    );
}

// E14: targets whose acknowledgement does not stop the plan.

/// AWS Incident Manager's escalation plan: stage 1 pages the on-call
/// contact (essential); stage 2 pages carol (essential) and dan
/// (`IsEssential: false`); stage 3 pages erin.
const ESSENTIAL: &str = r#"
version: 1
timezone: UTC
people:
  - {id: alice}
  - {id: carol}
  - {id: dan, contact: [{via: sms, after: 0m}, {via: phone, after: 5m}]}
  - {id: erin}
policies:
  - id: p
    steps:
      - notify: [{person: alice}]
        escalate_after: 10m
      - notify: [{person: carol}, {person: dan, essential: false}]
        escalate_after: 10m
      - notify: [{person: erin}]
        escalate_after: 10m
"#;

/// A run's events: (seconds after the start, kind, person).
type Events = Vec<(i64, &'static str, Option<String>)>;

fn essential_run(responders: &str) -> (Simulation, Events) {
    let ev = Evaluator::new(ESSENTIAL).unwrap_or_else(|d| panic!("{d:?}"));
    let m = ev.model();
    let text = format!("incident: {{policy: p, at: 2026-03-02T10:00Z}}\n{responders}");
    let sim = Simulation::new(m, scenario(m, &text)).unwrap();
    let rows = crate::output::simulation::SimulationOutput::new(&sim)
        .events
        .iter()
        .map(|e| (e.offset_seconds / 60, e.kind, e.person.clone()))
        .collect();
    (sim, rows)
}

#[test]
fn a_non_essential_acknowledgement_stops_their_contacts_not_the_escalation() {
    // dan acknowledges 2 minutes after his page (12m): his phone call at
    // 15m is not made, and erin is paged at 20m all the same.
    let (sim, rows) = essential_run("responders: {dan: {ack_after: 2m}}\n");
    let dan = Some("dan".to_string());
    assert_eq!(
        rows,
        vec![
            (0, "triggered", None),
            (0, "step_fired", None),
            (0, "contact_attempt", Some("alice".into())),
            (10, "escalated", None),
            (10, "step_fired", None),
            (10, "contact_attempt", Some("carol".into())),
            (10, "contact_attempt", dan.clone()),
            (12, "acknowledged_not_essential", dan.clone()),
            (20, "escalated", None),
            (20, "step_fired", None),
            (20, "contact_attempt", Some("erin".into())),
            (30, "exhausted", None),
        ]
    );
    let ack = &sim.events()[7];
    assert!(
        ack.explanation.contains("escalation goes on"),
        "{}",
        ack.explanation
    );
    // Paused after dan's acknowledgement: carol is still being contacted,
    // dan is not; the next escalation is still due at 20m.
    let mut paused = essential_run("responders: {dan: {ack_after: 2m}}\n").0;
    paused.seek(8);
    let state = paused.state();
    let m = paused.model();
    assert!(!state.acknowledged);
    assert_eq!(
        state.contacting,
        vec![
            m.person_by_id("alice").unwrap(),
            m.person_by_id("carol").unwrap()
        ]
    );
    assert_eq!(
        state.next_escalation.map(|n| n.0.to_rfc3339()),
        Some("2026-03-02T10:20:00Z".to_string())
    );
}

#[test]
fn an_essential_acknowledgement_stops_the_escalation() {
    // carol, on the same step through an essential target, stops it.
    let (_, rows) = essential_run("responders: {carol: {ack_after: 3m}}\n");
    assert_eq!(
        rows.iter().map(|r| (r.0, r.1)).collect::<Vec<_>>(),
        vec![
            (0, "triggered"),
            (0, "step_fired"),
            (0, "contact_attempt"),
            (10, "escalated"),
            (10, "step_fired"),
            (10, "contact_attempt"),
            (10, "contact_attempt"),
            (13, "acknowledged"),
        ]
    );
    // An injected acknowledgement by dan does not stop it either; one by
    // carol does.
    let (_, rows) = essential_run("inject: [{after: 11m, ack: dan}, {after: 21m, ack: erin}]\n");
    let tail: Vec<_> = rows.iter().skip(7).map(|r| (r.0, r.1)).collect();
    assert_eq!(
        tail,
        vec![
            (11, "acknowledged_not_essential"),
            (20, "escalated"),
            (20, "step_fired"),
            (20, "contact_attempt"),
            (21, "acknowledged"),
        ]
    );
}

#[test]
fn a_person_also_reached_through_an_essential_target_stops_it() {
    // dan named twice on one step, once essential: his acknowledgement counts.
    let doc = ESSENTIAL.replace(
        "[{person: carol}, {person: dan, essential: false}]",
        "[{person: dan, essential: false}, {person: dan}]",
    );
    let ev = Evaluator::new(&doc).unwrap_or_else(|d| panic!("{d:?}"));
    let m = ev.model();
    let sim = Simulation::new(
        m,
        scenario(
            m,
            "incident: {policy: p, at: 2026-03-02T10:00Z}\nresponders: {dan: {ack_after: 2m}}\n",
        ),
    )
    .unwrap();
    assert_eq!(kinds(&sim).last(), Some(&"acknowledged"));
}

#[test]
fn non_essential_targets_leave_the_plan_unchanged() {
    let ev = Evaluator::new(ESSENTIAL).unwrap_or_else(|d| panic!("{d:?}"));
    let all_essential = Evaluator::new(&ESSENTIAL.replace(", essential: false", "")).unwrap();
    let (m, m2) = (ev.model(), all_essential.model());
    let t = at("2026-03-02T11:00");
    let (a, b) = (
        crate::escalation::plan(m, m.policy_by_id("p").unwrap(), t),
        crate::escalation::plan(m2, m2.policy_by_id("p").unwrap(), t),
    );
    assert!(a.same_pages(&b));
    assert_eq!(a.exhausted_after, b.exhausted_after);
    // The plan's JSON says which target is not essential.
    let json = crate::output::plan::PlanOutput::new(m, &a, true);
    let why = &json.plan[1].why;
    let flags: Vec<(Option<&str>, Option<bool>)> = why
        .iter()
        .map(|w| (w.person.as_deref(), w.essential))
        .collect();
    assert_eq!(
        flags,
        vec![(Some("carol"), None), (Some("dan"), Some(false))]
    );
}
