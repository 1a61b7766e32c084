//! Tests of the JS binding layer, compiled to wasm32 and run by
//! wasm-bindgen-test: `tests/wasm_node.rs` runs them in Node,
//! `tests/wasm_browser.rs` in headless Chromium. Add a case here and both run it.

use escalator::wasm;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// `value[key]`, panicking (this is a test) when it is not there.
pub fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(key)).expect("property access")
}

/// `value[key]` as a string.
pub fn get_str(value: &JsValue, key: &str) -> String {
    get(value, key)
        .as_string()
        .unwrap_or_else(|| panic!("`{key}` is not a string"))
}

#[wasm_bindgen_test]
fn version_is_a_plain_object_with_the_crate_versions() {
    let v = wasm::version().expect("version");
    assert!(v.is_object());
    assert_eq!(get_str(&v, "engine"), env!("CARGO_PKG_VERSION"));
    assert_eq!(
        get(&v, "format").as_f64(),
        Some(f64::from(escalator::FORMAT_VERSION))
    );
    let tzdb = get_str(&v, "tzdb");
    assert_eq!(tzdb, chrono_tz::IANA_TZDB_VERSION);
    assert!(
        tzdb.len() == 5 && tzdb[..4].chars().all(|c| c.is_ascii_digit()),
        "tzdb `{tzdb}`"
    );
}

#[wasm_bindgen_test]
fn version_round_trips_through_json_like_the_cli_output() {
    let v = wasm::version().expect("version");
    let json = js_sys::JSON::stringify(&v)
        .expect("stringify")
        .as_string()
        .expect("string");
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(parsed["engine"], escalator::ENGINE_VERSION);
    assert_eq!(parsed.as_object().map(|o| o.len()), Some(3));
}

#[wasm_bindgen_test]
fn the_time_zone_database_works_in_wasm() {
    use chrono::{NaiveDate, TimeZone};
    let berlin: chrono_tz::Tz = "Europe/Berlin".parse().expect("zone");
    // 2026-03-29 02:30 does not exist in Berlin (clocks jump 02:00 -> 03:00).
    let gap = NaiveDate::from_ymd_opt(2026, 3, 29)
        .and_then(|d| d.and_hms_opt(2, 30, 0))
        .expect("date");
    assert!(berlin.from_local_datetime(&gap).single().is_none());
}

/// A small valid document: one weekly rotation of two people in Berlin.
const DOC: &str = "version: 1
timezone: Europe/Berlin
people: [{id: alice}, {id: bob}]
schedules:
  - id: primary
    layers:
      - {id: weekly, members: [alice, bob], shift: 1w, handoff: 2026-03-02T09:00}
";

/// The message of a thrown error, and its `kind`.
fn thrown(err: &JsValue) -> (String, String) {
    assert!(
        err.is_instance_of::<js_sys::Error>(),
        "an Error is thrown, not a bare value"
    );
    assert_eq!(get_str(err, "name"), "EscalatorError");
    (get_str(err, "kind"), get_str(err, "message"))
}

#[wasm_bindgen_test]
fn check_returns_diagnostics_with_line_and_utf16_column() {
    let text = "version: 1\ntimezone: Europe/Berlln\n";
    let list = wasm::check(JsValue::from_str(text), None, None).expect("check");
    let first = js_sys::Array::from(&list).get(0);
    assert_eq!(get_str(&first, "code"), "invalid-timezone");
    assert_eq!(get_str(&first, "severity"), "error");
    assert_eq!(get_str(&first, "help"), "did you mean `Europe/Berlin`?");
    let start = get(&get(&first, "span"), "start");
    assert_eq!(get(&start, "line").as_f64(), Some(2.0));
    assert_eq!(get(&start, "column").as_f64(), Some(11.0));
}

#[wasm_bindgen_test]
fn a_bad_document_throws_an_error_carrying_all_diagnostics() {
    let err = wasm::Evaluator::new(JsValue::from_str("version: 1\ntimezone: Europe/Berlln\n"))
        .err()
        .expect("a bad document is rejected");
    let (kind, message) = thrown(&err);
    assert_eq!(kind, "document");
    assert!(message.starts_with("2:11: "), "message `{message}`");
    let diagnostics = js_sys::Array::from(&get(&err, "diagnostics"));
    assert!(diagnostics.length() >= 1);
    assert_eq!(get_str(&diagnostics.get(0), "code"), "invalid-timezone");
}

#[wasm_bindgen_test]
fn shifts_read_local_instants_in_the_schedule_zone() {
    let ev = wasm::Evaluator::new(JsValue::from_str(DOC)).expect("valid document");
    let out = ev
        .shifts("primary", "2026-03-02T09:00", "2026-03-16T09:00")
        .expect("shifts");
    assert_eq!(get_str(&out, "from"), "2026-03-02T08:00:00Z");
    let shifts = js_sys::Array::from(&get(&out, "shifts"));
    assert_eq!(shifts.length(), 2);
    let second = shifts.get(1);
    // Berlin moves to summer time on 2026-03-29; this handoff is still CET.
    assert_eq!(get_str(&second, "start"), "2026-03-09T08:00:00Z");
    assert_eq!(
        js_sys::Array::from(&get(&second, "on_call"))
            .get(0)
            .as_string()
            .as_deref(),
        Some("bob")
    );
}

#[wasm_bindgen_test]
fn a_wrong_query_throws_a_query_error_with_code_and_help() {
    let ev = wasm::Evaluator::new(JsValue::from_str(DOC)).expect("valid document");
    let err = ev
        .shifts("primray", "2026-03-02", "2026-03-03")
        .err()
        .expect("unknown schedule");
    let (kind, _) = thrown(&err);
    assert_eq!(kind, "query");
    assert_eq!(get_str(&err, "code"), "unknown-schedule");
    assert!(get_str(&err, "help").contains("`primary`"));
    let err = ev
        .shifts("primary", "next tuesday", "2026-03-03")
        .err()
        .expect("bad instant");
    assert_eq!(get_str(&err, "code"), "invalid-instant");
}

#[wasm_bindgen_test]
fn a_parsed_object_is_accepted_as_a_document() {
    let object =
        js_sys::JSON::parse(r#"{"version": 1, "timezone": "UTC", "people": [{"id": "alice"}]}"#)
            .expect("json");
    let ev = wasm::Evaluator::new(object).expect("valid document");
    let summary = ev.summary().expect("summary");
    assert_eq!(get(&summary, "people").as_f64(), Some(1.0));
    assert_eq!(get_str(&summary, "timezone"), "UTC");
}

#[wasm_bindgen_test]
fn on_call_answers_for_every_schedule_without_an_id() {
    let ev = wasm::Evaluator::new(JsValue::from_str(DOC)).expect("valid document");
    let out = ev.on_call("2026-03-10T12:00", None).expect("on call");
    let first = js_sys::Array::from(&get(&out, "schedules")).get(0);
    assert_eq!(get_str(&first, "schedule"), "primary");
    assert_eq!(get_str(&first, "next_handoff"), "2026-03-16T08:00:00Z");
}

/// A policy over `primary` for the simulation cases.
const SIM_DOC: &str = "version: 1
timezone: Europe/Berlin
people: [{id: alice}, {id: bob}, {id: carol}]
schedules:
  - id: primary
    layers:
      - {id: weekly, members: [alice, bob], shift: 1w, handoff: 2026-03-02T09:00}
policies:
  - id: payments
    steps:
      - {notify: [{schedule: primary}], escalate_after: 10m}
      - {notify: [{person: carol}], escalate_after: 10m}
severities: [{id: sev1, ack_within: 5m}]
";

#[wasm_bindgen_test]
fn a_simulation_steps_and_injects_while_paused() {
    let ev = wasm::Evaluator::new(JsValue::from_str(SIM_DOC)).expect("valid document");
    let incident = js_sys::JSON::parse(
        r#"{"policy": "payments", "severity": "sev1", "at": "2026-03-04T16:00"}"#,
    )
    .expect("json");
    let mut sim = ev
        .simulate(JsValue::UNDEFINED, incident)
        .expect("simulation");
    assert_eq!(sim.shown(), 0);
    let first = sim.next().expect("next");
    assert_eq!(get_str(&first, "kind"), "triggered");
    assert_eq!(get_str(&first, "at"), "2026-03-04T15:00:00Z");
    let fired = sim.next().expect("next");
    assert_eq!(get_str(&fired, "kind"), "step_fired");
    let people = js_sys::Array::from(&get(&fired, "people"));
    assert_eq!(people.get(0).as_string().as_deref(), Some("alice"));
    let state = sim.state().expect("state");
    assert_eq!(
        get_str(&state, "next_escalation_at"),
        "2026-03-04T15:10:00Z"
    );
    // Inject a manual escalation while paused: carol is paged at once.
    sim.inject(JsValue::from_str("{escalate: true}"))
        .expect("inject");
    sim.run_to_end();
    let events = js_sys::Array::from(&sim.events().expect("events"));
    let carol = events
        .iter()
        .find(|e| get_str(e, "kind") == "step_fired" && get(e, "step").as_f64() == Some(2.0))
        .expect("step 2 fired");
    assert_eq!(get(&carol, "offset_seconds").as_f64(), Some(0.0));
    let debrief = sim.debrief(None, None).expect("debrief");
    assert!(debrief.starts_with("# Incident simulation debrief"));
    // A display zone is read by the engine's one zone reader.
    let err = sim
        .debrief(Some("Europe/Berln".into()), None)
        .err()
        .expect("unknown zone");
    assert_eq!(get_str(&err, "code"), "invalid-timezone");
    assert_eq!(get_str(&err, "help"), "did you mean `Europe/Berlin`?");
    // A bad injection throws the diagnostics.
    let err = sim
        .inject(JsValue::from_str("{unavailable: alcie}"))
        .err()
        .expect("unknown person");
    let (kind, _) = thrown(&err);
    assert_eq!(kind, "document");
}

#[wasm_bindgen_test]
fn plan_coverage_and_findings_answer_like_the_cli() {
    let ev = wasm::Evaluator::new(JsValue::from_str(SIM_DOC)).expect("valid document");
    let which = js_sys::JSON::parse(r#"{"policy": "payments", "severity": "sev1"}"#).expect("json");
    let plan = ev.plan(which.clone(), "2026-03-10T12:00").expect("plan");
    let first = js_sys::Array::from(&get(&plan, "plan")).get(0);
    assert_eq!(
        js_sys::Array::from(&get(&first, "people"))
            .get(0)
            .as_string()
            .as_deref(),
        Some("bob")
    );
    assert_eq!(get(&plan, "exhausted_after_seconds").as_f64(), Some(1200.0));
    let coverage = ev
        .coverage(which, "2026-03-02T09:00", "2026-03-16T09:00", None)
        .expect("coverage");
    let intervals = js_sys::Array::from(&get(&coverage, "intervals"));
    // The weekly handoff on 2026-03-09 09:00 Berlin splits the window.
    assert_eq!(intervals.length(), 2);
    assert_eq!(get_str(&intervals.get(1), "start"), "2026-03-09T08:00:00Z");
    let native = escalator::Evaluator::new(SIM_DOC)
        .expect("valid")
        .coverage(
            &escalator::PolicyChoice::Policy {
                policy: "payments".into(),
                severity: Some("sev1".into()),
            },
            escalator::time::Timestamp(1_772_438_400),
            escalator::time::Timestamp(1_773_648_000),
            None,
        )
        .expect("native coverage");
    let js = js_sys::JSON::stringify(&coverage)
        .expect("json")
        .as_string()
        .expect("string");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&js).expect("json"),
        serde_json::to_value(&native).expect("json")
    );
    let findings = js_sys::Array::from(&ev.findings("2026-03-02", "2026-03-30").expect("findings"));
    assert!(findings.length() > 0);
    assert!(findings.iter().all(|d| get(&d, "span").is_object()));
}

#[wasm_bindgen_test]
fn check_with_a_window_adds_the_findings_that_depend_on_time() {
    let text = format!("{DOC}review: {{every: 30d, last: 2026-01-01}}\n");
    let codes = |list: JsValue| -> Vec<String> {
        js_sys::Array::from(&list)
            .iter()
            .map(|d| get_str(&d, "code"))
            .collect()
    };
    let timeless = codes(wasm::check(JsValue::from_str(&text), None, None).expect("check"));
    assert!(
        !timeless.iter().any(|c| c == "review-overdue"),
        "{timeless:?}"
    );
    let dated =
        wasm::check(JsValue::from_str(&text), Some("2026-06-01".into()), None).expect("check");
    assert!(codes(dated).iter().any(|c| c == "review-overdue"));
    let err = wasm::check(JsValue::from_str(&text), Some("soon".into()), None)
        .err()
        .expect("bad instant");
    assert_eq!(get_str(&err, "code"), "invalid-instant");
}

/// A document with a service routed per severity (the playground's queries).
const ROUTED: &str = "version: 1
timezone: Europe/Berlin
people: [{id: alice, name: Alice}, {id: bob}]
schedules:
  - id: primary
    layers:
      - {id: weekly, members: [alice, bob], shift: 1w, handoff: 2026-03-02T09:00}
policies:
  - id: urgent
    steps:
      - {notify: [{schedule: primary}], escalate_after: 5m}
      - {notify: [{person: bob}], escalate_after: 5m}
  - id: normal
    steps:
      - {notify: [{schedule: primary}], escalate_after: 15m}
severities:
  - {id: sev1, ack_within: 5m}
  - {id: sev2, ack_within: 15m}
services:
  - {id: checkout, escalation: {sev1: urgent, default: normal}}
";

/// A JS value as serde JSON (to compare with the native answer).
fn json(value: &JsValue) -> serde_json::Value {
    let text = js_sys::JSON::stringify(value)
        .expect("stringify")
        .as_string()
        .expect("string");
    serde_json::from_str(&text).expect("valid JSON")
}

#[wasm_bindgen_test]
fn outline_lists_ids_and_each_service_route_per_severity() {
    let ev = wasm::Evaluator::new(JsValue::from_str(ROUTED)).expect("valid document");
    let out = json(&ev.outline().expect("outline"));
    assert_eq!(
        out["people"][0],
        serde_json::json!({"id": "alice", "name": "Alice"})
    );
    assert_eq!(out["schedules"][0]["layers"], serde_json::json!(["weekly"]));
    assert_eq!(
        out["services"][0]["routes"],
        serde_json::json!([
            {"severity": "sev1", "policy": "urgent"},
            {"severity": "sev2", "policy": "normal"}
        ])
    );
}

#[wasm_bindgen_test]
fn coverage_is_what_the_native_query_answers() {
    use escalator::PolicyChoice;
    let ev = wasm::Evaluator::new(JsValue::from_str(ROUTED)).expect("valid document");
    let choice =
        js_sys::JSON::parse(r#"{"service": "checkout", "severity": "sev1"}"#).expect("json");
    let js = ev
        .coverage(
            choice,
            "2026-03-23",
            "2026-04-06",
            Some("America/New_York".into()),
        )
        .expect("coverage");
    let native = escalator::Evaluator::new(ROUTED).expect("valid document");
    let choice = PolicyChoice::Service {
        service: "checkout".into(),
        severity: "sev1".into(),
    };
    let from =
        escalator::time::parse_instant("2026-03-23", chrono_tz::Europe::Berlin).expect("from");
    let to = escalator::time::parse_instant("2026-04-06", chrono_tz::Europe::Berlin).expect("to");
    let expected = native
        .coverage(&choice, from, to, Some("America/New_York"))
        .expect("native coverage");
    assert_eq!(
        json(&js),
        serde_json::to_value(&expected).expect("serialize")
    );
    assert_eq!(get_str(&js, "policy"), "urgent");
    assert_eq!(get_str(&get(&js, "heatmaps"), "zone"), "America/New_York");
}

#[wasm_bindgen_test]
fn coverage_rejects_a_malformed_choice_and_an_unknown_zone() {
    let ev = wasm::Evaluator::new(JsValue::from_str(ROUTED)).expect("valid document");
    let err = ev
        .coverage(
            JsValue::from_str("urgent"),
            "2026-03-23",
            "2026-03-24",
            None,
        )
        .err()
        .expect("a string is not a choice");
    assert_eq!(thrown(&err).0, "query");
    let choice = js_sys::JSON::parse(r#"{"policy": "urgent"}"#).expect("json");
    let err = ev
        .coverage(
            choice,
            "2026-03-23",
            "2026-03-24",
            Some("Europe/Berln".into()),
        )
        .err()
        .expect("unknown zone");
    assert_eq!(get_str(&err, "code"), "invalid-timezone");
}
