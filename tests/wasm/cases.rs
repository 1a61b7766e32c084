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

/// Whether `value` has its own property `key`.
fn has(value: &JsValue, key: &str) -> bool {
    js_sys::Reflect::has(value, &JsValue::from_str(key)).expect("has")
}

/// The value of an `{ok: true, value}` answer.
fn ok(answer: JsValue) -> JsValue {
    assert_eq!(
        get(&answer, "ok").as_bool(),
        Some(true),
        "expected a value, got {}",
        text(&answer)
    );
    get(&answer, "value")
}

/// The error of an `{ok: false, error}` answer, with its `kind`.
fn failed(answer: JsValue) -> (String, JsValue) {
    assert_eq!(
        get(&answer, "ok").as_bool(),
        Some(false),
        "expected an error, got {}",
        text(&answer)
    );
    let error = get(&answer, "error");
    (get_str(&error, "kind"), error)
}

/// A JS value as JSON text.
fn text(value: &JsValue) -> String {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// A JS value as serde JSON (to compare with a native answer).
fn json(value: &JsValue) -> serde_json::Value {
    serde_json::from_str(&text(value)).expect("valid JSON")
}

/// A JS object from JSON text.
fn js(text: &str) -> JsValue {
    js_sys::JSON::parse(text).expect("json")
}

const NONE: JsValue = JsValue::UNDEFINED;

#[wasm_bindgen_test]
fn version_is_a_plain_object_with_the_crate_versions() {
    let v = wasm::version();
    assert_eq!(get_str(&v, "engine"), env!("CARGO_PKG_VERSION"));
    assert_eq!(
        get(&v, "format").as_f64(),
        Some(f64::from(escalator::FORMAT_VERSION))
    );
    assert_eq!(get_str(&v, "tzdb"), chrono_tz::IANA_TZDB_VERSION);
    assert_eq!(
        json(&v).as_object().map(|o| o.len()),
        Some(3),
        "exactly the three versions"
    );
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

/// The evaluator of a valid document (the answer's value is the class instance).
fn load(doc: &str) -> wasm::Evaluator {
    evaluator(wasm::Evaluator::load(JsValue::from_str(doc)))
}

fn evaluator(answer: JsValue) -> wasm::Evaluator {
    use wasm_bindgen::convert::TryFromJsValue;
    wasm::Evaluator::try_from_js_value(ok(answer)).expect("an Evaluator instance")
}

#[wasm_bindgen_test]
fn check_answers_diagnostics_with_line_and_utf16_column() {
    let text = "version: 1\ntimezone: Europe/Berlln\n";
    let list = ok(wasm::check(JsValue::from_str(text), None, None));
    let first = js_sys::Array::from(&list).get(0);
    assert_eq!(get_str(&first, "code"), "invalid-timezone");
    assert_eq!(get_str(&first, "severity"), "error");
    assert_eq!(get_str(&first, "help"), "did you mean `Europe/Berlin`?");
    let start = get(&get(&first, "span"), "start");
    assert_eq!(get(&start, "line").as_f64(), Some(2.0));
    assert_eq!(get(&start, "column").as_f64(), Some(11.0));
}

#[wasm_bindgen_test]
fn a_bad_document_is_an_answer_carrying_all_diagnostics_never_a_throw() {
    let (kind, error) = failed(wasm::Evaluator::load(JsValue::from_str(
        "version: 1\ntimezone: Europe/Berlln\n",
    )));
    assert_eq!(kind, "document");
    assert!(get_str(&error, "message").starts_with("2:11: "));
    let diagnostics = js_sys::Array::from(&get(&error, "diagnostics"));
    assert_eq!(get_str(&diagnostics.get(0), "code"), "invalid-timezone");
    // Not a document at all: a query error, still answered.
    let (kind, error) = failed(wasm::Evaluator::load(JsValue::from_f64(42.0)));
    assert_eq!(
        (kind.as_str(), get_str(&error, "code").as_str()),
        ("query", "wrong-type")
    );
}

#[wasm_bindgen_test]
fn shifts_are_lean_by_default_and_explained_on_demand() {
    let ev = load(DOC);
    let out = ok(ev.shifts(
        "primary",
        "2026-03-02T09:00".into(),
        "2026-03-16T09:00".into(),
        NONE,
    ));
    assert_eq!(get_str(&out, "from"), "2026-03-02T08:00:00Z");
    let shifts = js_sys::Array::from(&get(&out, "shifts"));
    assert_eq!(shifts.length(), 2);
    let second = shifts.get(1);
    // Berlin moves to summer time on 2026-03-29; this handoff is still CET.
    assert_eq!(get_str(&second, "start"), "2026-03-09T08:00:00Z");
    assert_eq!(text(&get(&second, "on_call")), r#"["bob"]"#);
    assert!(!has(&second, "why"), "no explanation unless asked");
    let explained = ok(ev.shifts(
        "primary",
        "2026-03-02T09:00".into(),
        "2026-03-16T09:00".into(),
        js(r#"{"explain": true}"#),
    ));
    let why = get(
        &js_sys::Array::from(&get(&explained, "shifts")).get(1),
        "why",
    );
    assert_eq!(
        get_str(&js_sys::Array::from(&why).get(0), "layer"),
        "weekly"
    );
}

#[wasm_bindgen_test]
fn compact_shifts_are_the_same_shifts_in_columns() {
    let ev = load(DOC);
    let (from, to) = (
        JsValue::from_str("2026-03-01"),
        JsValue::from_str("2026-05-01"),
    );
    let full = json(&ok(ev.shifts("primary", from.clone(), to.clone(), NONE)));
    let compact = ok(ev.shifts("primary", from, to, js(r#"{"compact": true}"#)));
    let bounds: js_sys::Float64Array = get(&compact, "bounds").dyn_into().expect("Float64Array");
    let set: js_sys::Uint32Array = get(&compact, "set").dyn_into().expect("Uint32Array");
    let sets = json(&get(&compact, "sets"));
    let shifts = full["shifts"].as_array().expect("shifts");
    assert_eq!(
        (bounds.length() as usize, set.length() as usize),
        (shifts.len() + 1, shifts.len())
    );
    for (i, s) in shifts.iter().enumerate() {
        let start =
            escalator::time::parse_instant(s["start"].as_str().unwrap(), chrono_tz::UTC).unwrap();
        assert_eq!(bounds.get_index(i as u32), start.0 as f64 * 1000.0);
        assert_eq!(sets[set.get_index(i as u32) as usize], s["on_call"]);
    }
    // The compact shape has no explanations.
    let (_, e) = failed(ev.shifts(
        "primary",
        "2026-03-01".into(),
        "2026-05-01".into(),
        js(r#"{"compact": true, "explain": true}"#),
    ));
    assert_eq!(get_str(&e, "code"), "invalid-input");
}

#[wasm_bindgen_test]
fn a_wrong_query_is_an_answer_with_code_and_help() {
    let ev = load(DOC);
    let (kind, e) = failed(ev.shifts("primray", "2026-03-02".into(), "2026-03-03".into(), NONE));
    assert_eq!(kind, "query");
    assert_eq!(get_str(&e, "code"), "unknown-schedule");
    assert!(get_str(&e, "help").contains("`primary`"));
    let (_, e) = failed(ev.shifts("primary", "next tuesday".into(), "2026-03-03".into(), NONE));
    assert_eq!(get_str(&e, "code"), "invalid-instant");
    let (_, e) = failed(ev.shifts("primary", JsValue::TRUE, "2026-03-03".into(), NONE));
    assert_eq!(get_str(&e, "code"), "wrong-type");
    assert!(get_str(&e, "message").starts_with("`from` must be an instant"));
}

#[wasm_bindgen_test]
fn instants_are_text_or_epoch_milliseconds() {
    let ev = load(DOC);
    let by_text = ok(ev.on_call("2026-03-10T12:00:00Z".into(), Some("primary".into()), None));
    let by_ms = ok(ev.on_call(
        JsValue::from_f64(1_773_144_000_999.0),
        Some("primary".into()),
        None,
    ));
    assert_eq!(
        json(&by_text),
        json(&by_ms),
        "milliseconds are floored to the second"
    );
    assert_eq!(get_str(&by_ms, "at"), "2026-03-10T12:00:00Z");
}

#[wasm_bindgen_test]
fn a_parsed_object_is_accepted_as_a_document() {
    let ev = load_object(r#"{"version": 1, "timezone": "UTC", "people": [{"id": "alice"}]}"#);
    let summary = ev.summary();
    assert_eq!(get(&summary, "people").as_f64(), Some(1.0));
    assert_eq!(get_str(&summary, "timezone"), "UTC");
}

fn load_object(text: &str) -> wasm::Evaluator {
    evaluator(wasm::Evaluator::load(js(text)))
}

#[wasm_bindgen_test]
fn on_call_answers_for_every_schedule_without_an_id() {
    let ev = load(DOC);
    let out = ok(ev.on_call("2026-03-10T12:00".into(), None, None));
    let first = js_sys::Array::from(&get(&out, "schedules")).get(0);
    assert_eq!(get_str(&first, "schedule"), "primary");
    assert_eq!(get_str(&first, "next_handoff"), "2026-03-16T08:00:00Z");
    assert!(!has(&first, "why"));
    let explained = ok(ev.on_call(
        "2026-03-10T12:00".into(),
        None,
        Some(js(r#"{"explain": true}"#)),
    ));
    let first = js_sys::Array::from(&get(&explained, "schedules")).get(0);
    assert_eq!(js_sys::Array::from(&get(&first, "why")).length(), 1);
}

#[wasm_bindgen_test]
fn the_fast_point_query_names_the_answer_of_the_json_path() {
    // What npm/fast.js puts together from a slot is the JSON path's answer.
    let ev = load(DOC);
    let schedule = ev.schedule_index("primary");
    assert_eq!((schedule, ev.schedule_index("nope")), (0, -1));
    let start = 1_772_496_000_000.0; // 2026-03-03, after the first handoff
    for k in 0..60 {
        let at = start + f64::from(k) * 86_400_000.0 * 1.37;
        let slot = ev.on_call_slot(at, schedule as u32);
        assert!(slot >= 0, "the index holds the shift at {at}");
        let engine = ok(ev.on_call(
            JsValue::from_f64(at),
            Some("primary".into()),
            Some(js("{}")),
        ));
        let entry = js_sys::Array::from(&get(&engine, "schedules")).get(0);
        assert_eq!(json(&ev.on_call_entry(slot as u32)), json(&entry));
    }
    // Before the first handoff nobody has ever been on call: that shift
    // reaches back past the kept shifts, so the full path answers it.
    assert_eq!(ev.on_call_slot(1_772_323_200_000.0, 0), -1);
    assert_eq!(ev.on_call_slot(f64::NAN, 0), -1);
    assert_eq!(ev.on_call_slot(1e300, 0), -1);
    assert_eq!(ev.on_call_slot(start, 7), -1);
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

fn simulation(answer: JsValue) -> wasm::Simulation {
    use wasm_bindgen::convert::TryFromJsValue;
    wasm::Simulation::try_from_js_value(ok(answer)).expect("a Simulation instance")
}

#[wasm_bindgen_test]
fn a_simulation_steps_and_injects_while_paused() {
    let ev = load(SIM_DOC);
    let incident = js(r#"{"policy": "payments", "severity": "sev1", "at": "2026-03-04T16:00"}"#);
    let mut sim = simulation(ev.simulate(None, Some(incident)));
    assert_eq!(sim.shown(), 0);
    let first = sim.next();
    assert_eq!(get_str(&first, "kind"), "triggered");
    assert_eq!(get_str(&first, "at"), "2026-03-04T15:00:00Z");
    let fired = sim.next();
    assert_eq!(get_str(&fired, "kind"), "step_fired");
    assert_eq!(text(&get(&fired, "people")), r#"["alice"]"#);
    assert_eq!(
        get_str(&sim.state(), "next_escalation_at"),
        "2026-03-04T15:10:00Z"
    );
    // Inject a manual escalation while paused: carol is paged at once.
    ok(sim.inject(JsValue::from_str("{escalate: true}")));
    sim.run_to_end();
    let events = js_sys::Array::from(&sim.events());
    let carol = events
        .iter()
        .find(|e| get_str(e, "kind") == "step_fired" && get(e, "step").as_f64() == Some(2.0))
        .expect("step 2 fired");
    assert_eq!(get(&carol, "offset_seconds").as_f64(), Some(0.0));
    let debrief = ok(sim.debrief(None, None)).as_string().expect("markdown");
    assert!(debrief.starts_with("# Incident simulation debrief"));
    // A display zone is read by the engine's one zone reader.
    let (_, e) = failed(sim.debrief(Some("Europe/Berln".into()), None));
    assert_eq!(get_str(&e, "code"), "invalid-timezone");
    assert_eq!(get_str(&e, "help"), "did you mean `Europe/Berlin`?");
    // A bad injection answers its diagnostics.
    let (kind, _) = failed(sim.inject(JsValue::from_str("{unavailable: alcie}")));
    assert_eq!(kind, "document");
}

#[wasm_bindgen_test]
fn an_incident_is_decoded_strictly() {
    let ev = load(SIM_DOC);
    let (kind, e) = failed(ev.simulate(
        None,
        Some(js(
            r#"{"policy": "payments", "at": "2026-03-04T16:00", "sevrity": "sev1"}"#,
        )),
    ));
    assert_eq!(
        (kind.as_str(), get_str(&e, "code").as_str()),
        ("query", "unknown-key")
    );
    assert_eq!(get_str(&e, "help"), "did you mean `severity`?");
    let (_, e) = failed(ev.simulate(None, Some(js(r#"{"policy": "payments"}"#))));
    assert_eq!(get_str(&e, "message"), "`at` is missing from `incident`");
}

#[wasm_bindgen_test]
fn plan_coverage_and_findings_answer_like_the_cli() {
    let ev = load(SIM_DOC);
    let which = || js(r#"{"policy": "payments", "severity": "sev1"}"#);
    let plan = ok(ev.plan(which(), "2026-03-10T12:00".into(), None));
    let first = js_sys::Array::from(&get(&plan, "plan")).get(0);
    assert_eq!(text(&get(&first, "people")), r#"["bob"]"#);
    assert!(!has(&first, "why"));
    assert_eq!(get(&plan, "exhausted_after_seconds").as_f64(), Some(1200.0));
    // With explanations and heatmaps, exactly the native (CLI) answer.
    let native = escalator::Evaluator::new(SIM_DOC).expect("valid");
    let at = escalator::time::parse_instant("2026-03-10T12:00", chrono_tz::Europe::Berlin).unwrap();
    let choice = escalator::PolicyChoice::Policy {
        policy: "payments".into(),
        severity: Some("sev1".into()),
    };
    let explained = ok(ev.plan(
        which(),
        "2026-03-10T12:00".into(),
        Some(js(r#"{"explain": true}"#)),
    ));
    assert_eq!(
        json(&explained),
        serde_json::to_value(native.plan(&choice, at).unwrap()).unwrap()
    );
    let coverage = ok(ev.coverage(
        which(),
        "2026-03-02T09:00".into(),
        "2026-03-16T09:00".into(),
        js(r#"{"heatmaps": true}"#),
    ));
    let intervals = js_sys::Array::from(&get(&coverage, "intervals"));
    // The weekly handoff on 2026-03-09 09:00 Berlin splits the window.
    assert_eq!(intervals.length(), 2);
    assert_eq!(get_str(&intervals.get(1), "start"), "2026-03-09T08:00:00Z");
    let expected = native
        .coverage(
            &choice,
            escalator::time::Timestamp(1_772_438_400),
            escalator::time::Timestamp(1_773_648_000),
            None,
        )
        .expect("native coverage");
    assert_eq!(json(&coverage), serde_json::to_value(&expected).unwrap());
    let lean = ok(ev.coverage(
        which(),
        "2026-03-02T09:00".into(),
        "2026-03-16T09:00".into(),
        NONE,
    ));
    assert!(!has(&lean, "heatmaps"), "heatmaps only when asked");
    let findings = js_sys::Array::from(&ok(ev.findings("2026-03-02".into(), "2026-03-30".into())));
    assert!(findings.length() > 0);
    assert!(findings.iter().all(|d| get(&d, "span").is_object()));
}

#[wasm_bindgen_test]
fn check_with_a_window_adds_the_findings_that_depend_on_time() {
    let text = format!("{DOC}review: {{every: 30d, last: 2026-01-01}}\n");
    let codes = |list: JsValue| -> Vec<String> {
        js_sys::Array::from(&ok(list))
            .iter()
            .map(|d| get_str(&d, "code"))
            .collect()
    };
    let timeless = codes(wasm::check(JsValue::from_str(&text), None, None));
    assert!(
        !timeless.iter().any(|c| c == "review-overdue"),
        "{timeless:?}"
    );
    let dated = codes(wasm::check(
        JsValue::from_str(&text),
        Some("2026-06-01".into()),
        None,
    ));
    assert!(dated.iter().any(|c| c == "review-overdue"));
    let by_ms = codes(wasm::check(
        JsValue::from_str(&text),
        Some(JsValue::from_f64(1_780_272_000_000.0)),
        None,
    ));
    assert_eq!(
        by_ms, dated,
        "2026-06-01T00:00Z as milliseconds: the same findings"
    );
    let (_, e) = failed(wasm::check(
        JsValue::from_str(&text),
        Some("soon".into()),
        None,
    ));
    assert_eq!(get_str(&e, "code"), "invalid-instant");
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

#[wasm_bindgen_test]
fn outline_lists_ids_and_each_service_route_per_severity() {
    let ev = load(ROUTED);
    let out = json(&ev.outline());
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
fn coverage_is_what_the_native_query_answers_in_either_shape() {
    use escalator::PolicyChoice;
    let ev = load(ROUTED);
    let which = || js(r#"{"service": "checkout", "severity": "sev1"}"#);
    let options = r#"{"heatmaps": true, "zone": "America/New_York"}"#;
    let full = ok(ev.coverage(
        which(),
        "2026-03-23".into(),
        "2026-04-06".into(),
        js(options),
    ));
    let native = escalator::Evaluator::new(ROUTED).expect("valid document");
    let choice = PolicyChoice::Service {
        service: "checkout".into(),
        severity: "sev1".into(),
    };
    let from = escalator::time::parse_instant("2026-03-23", chrono_tz::Europe::Berlin).unwrap();
    let to = escalator::time::parse_instant("2026-04-06", chrono_tz::Europe::Berlin).unwrap();
    let expected = native
        .coverage(&choice, from, to, Some("America/New_York"))
        .expect("native coverage");
    assert_eq!(json(&full), serde_json::to_value(&expected).unwrap());
    assert_eq!(get_str(&full, "policy"), "urgent");
    // The compact shape: the same intervals, each distinct plan once.
    let compact = ok(ev.coverage(
        which(),
        "2026-03-23".into(),
        "2026-04-06".into(),
        js(r#"{"compact": true, "heatmaps": true, "zone": "America/New_York"}"#),
    ));
    let bounds: js_sys::Float64Array = get(&compact, "bounds").dyn_into().expect("Float64Array");
    let plan: js_sys::Uint32Array = get(&compact, "plan").dyn_into().expect("Uint32Array");
    let plans = json(&get(&compact, "plans"));
    let pages = json(&get(&compact, "pages"));
    let full = json(&full);
    for (i, interval) in full["intervals"].as_array().unwrap().iter().enumerate() {
        let mut figures = interval.clone();
        let start = figures.as_object_mut().unwrap().remove("start").unwrap();
        figures.as_object_mut().unwrap().remove("end");
        let start =
            escalator::time::parse_instant(start.as_str().unwrap(), chrono_tz::UTC).unwrap();
        assert_eq!(bounds.get_index(i as u32), start.0 as f64 * 1000.0);
        // The plan's pages by index into `pages`.
        let mut compact_plan = plans[plan.get_index(i as u32) as usize].clone();
        let pages: Vec<serde_json::Value> = compact_plan["plan"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| pages[k.as_u64().unwrap() as usize].clone())
            .collect();
        compact_plan["plan"] = serde_json::Value::Array(pages);
        assert_eq!(compact_plan, figures);
    }
    assert_eq!(json(&get(&compact, "gaps")), full["gaps"]);
    assert_eq!(json(&get(&compact, "heatmaps")), full["heatmaps"]);
}

#[wasm_bindgen_test]
fn js_inputs_are_decoded_strictly() {
    let ev = load(ROUTED);
    let coverage = |which: JsValue, options: JsValue| {
        failed(ev.coverage(which, "2026-03-23".into(), "2026-03-24".into(), options))
    };
    // A silently dropped field would be a wrong answer: these are errors.
    let (kind, e) = coverage(js(r#"{"policy": "urgent", "severity": 3}"#), NONE);
    assert_eq!(
        (kind.as_str(), get_str(&e, "code").as_str()),
        ("query", "wrong-type")
    );
    assert_eq!(
        get_str(&e, "message"),
        "`severity` in `which` must be a string, not the number `3`"
    );
    let (_, e) = coverage(js(r#"{"policy": "urgent", "sevrity": "sev1"}"#), NONE);
    assert_eq!(get_str(&e, "code"), "unknown-key");
    assert_eq!(get_str(&e, "help"), "did you mean `severity`?");
    let (_, e) = coverage(JsValue::from_str("urgent"), NONE);
    assert_eq!(
        get_str(&e, "message"),
        "`which` must be an object, not the text `urgent`"
    );
    let (_, e) = coverage(js(r#"{"policy": "urgent"}"#), js(r#"{"heatmap": true}"#));
    assert_eq!(get_str(&e, "help"), "did you mean `heatmaps`?");
    let (_, e) = coverage(js(r#"{"policy": "urgent"}"#), js(r#"{"heatmaps": "yes"}"#));
    assert_eq!(get_str(&e, "code"), "wrong-type");
    let (_, e) = coverage(
        js(r#"{"policy": "urgent"}"#),
        js(r#"{"heatmaps": true, "zone": "Europe/Berln"}"#),
    );
    assert_eq!(get_str(&e, "code"), "invalid-timezone");
    let (_, e) = failed(ev.shifts(
        "primary",
        "2026-03-23".into(),
        "2026-03-24".into(),
        js(r#"{"explian": true}"#),
    ));
    assert_eq!(get_str(&e, "help"), "did you mean `explain`?");
    // `undefined` is an absent key, as JSON.stringify reads it.
    let which = js(r#"{"policy": "urgent"}"#);
    js_sys::Reflect::set(&which, &"severity".into(), &JsValue::UNDEFINED).unwrap();
    let lean = ok(ev.plan(which, "2026-03-23T12:00".into(), None));
    assert_eq!(get_str(&lean, "policy"), "urgent");
}

#[wasm_bindgen_test]
fn local_times_and_instants_come_from_the_engine_time_zone_database() {
    let zones = js_sys::Array::from(&wasm::zones());
    assert!(zones
        .iter()
        .any(|z| z.as_string().as_deref() == Some("Australia/Lord_Howe")));
    // Lord Howe: 2026-04-05 02:00 LHDT (+11) falls back to 01:30 LHST (+10:30).
    let instants = js_sys::Float64Array::from(&[1_775_313_000_000.0, 1_775_316_600_000.0][..]);
    let local = json(&ok(wasm::local_times(
        "Australia/Lord_Howe",
        instants.into(),
    )));
    assert_eq!(
        (local[0]["hour"].as_u64(), local[0]["minute"].as_u64()),
        (Some(1), Some(30))
    );
    assert_eq!(local[1]["offset_seconds"], 37_800);
    // Sao Paulo had a DST gap at midnight on 2018-11-04: local midnight is 01:00.
    let t = json(&ok(wasm::instants_of(
        "America/Sao_Paulo",
        js(r#"["2018-11-04", "2018-11-04T00:30"]"#),
    )));
    assert_eq!(
        t,
        serde_json::json!([1_541_300_400_000_i64, 1_541_302_200_000_i64])
    );
    let (_, e) = failed(wasm::local_times("Europe/Berln", js("[0]")));
    assert_eq!(get_str(&e, "code"), "invalid-timezone");
}

/// The payments example and the calendars `escalator ics` writes of it
/// (tests/ics_cli.rs holds the CLI to these same bytes).
const PAYMENTS: &str = include_str!("../../examples/payments.yaml");
const PAYMENTS_PRIMARY_ICS: &str = include_str!("../fixtures/ics/payments-primary.ics");
const ALICE_ICS: &str = include_str!("../fixtures/ics/alice.ics");

/// `ev.ics`'s text, failing the test on an error answer.
fn ics(ev: &wasm::Evaluator, which: JsValue, from: &str, to: &str, options: &str) -> String {
    let options = (!options.is_empty()).then(|| js(options));
    ok(ev.ics(which, from.into(), to.into(), options))
        .as_string()
        .expect("the calendar is text")
}

#[wasm_bindgen_test]
fn ics_is_the_cli_calendar_byte_for_byte() {
    let ev = load(PAYMENTS);
    // A schedule, by id or as `{schedule}`; local dates in its zone (Berlin,
    // across the change to summer time); an alarm; a fixed DTSTAMP.
    let options = r#"{"alarm": "15m", "dtstamp": "2026-03-01T12:00:00Z"}"#;
    let by_id = ics(
        &ev,
        "payments-primary".into(),
        "2026-03-23",
        "2026-04-06",
        options,
    );
    assert_eq!(by_id, PAYMENTS_PRIMARY_ICS);
    let by_key = ics(
        &ev,
        js(r#"{"schedule": "payments-primary"}"#),
        "2026-03-23",
        "2026-04-06",
        options,
    );
    assert_eq!(by_key, PAYMENTS_PRIMARY_ICS);
    // "My on-call": a person in every schedule; instants as epoch milliseconds.
    let alice = ics(
        &ev,
        js(r#"{"person": "alice"}"#),
        "2026-03-23T00:00:00+01:00",
        "2026-04-06T00:00:00+02:00",
        r#"{"dtstamp": 1772366400000}"#,
    );
    assert_eq!(alice, ALICE_ICS);
    // The engine never reads the clock: without `dtstamp`, the window's start.
    let plain = ics(
        &ev,
        "payments-primary".into(),
        "2026-03-23",
        "2026-04-06",
        "",
    );
    assert!(plain.contains("DTSTAMP:20260322T230000Z\r\n"), "{plain}");
    assert!(!plain.contains("VALARM"));
    // And it is the native calendar (the function the CLI calls).
    let native = escalator::Evaluator::new(PAYMENTS).expect("valid");
    let utc = chrono_tz::UTC;
    let (from, to) = (
        escalator::time::parse_instant("2026-03-22T23:00:00Z", utc).unwrap(),
        escalator::time::parse_instant("2026-04-05T22:00:00Z", utc).unwrap(),
    );
    let options = escalator::output::ics::IcsOptions {
        dtstamp: from,
        alarm_before: None,
    };
    let expected = native
        .ics(Some("payments-primary"), None, from, to, &options)
        .unwrap();
    assert_eq!(plain, expected);
}

#[wasm_bindgen_test]
fn ics_bad_input_is_an_error_answer_never_a_throw() {
    let ev = load(PAYMENTS);
    let code = |which: JsValue, from: &str, to: &str, options: Option<&str>| {
        let (kind, e) = failed(ev.ics(which, from.into(), to.into(), options.map(js)));
        assert_eq!(kind, "query");
        (
            get_str(&e, "code"),
            get_str(&e, "message"),
            text(&get(&e, "help")),
        )
    };
    let (c, _, help) = code("payments-primry".into(), "2026-03-23", "2026-04-06", None);
    assert_eq!(c, "unknown-schedule");
    assert!(help.contains("payments-primary"), "{help}");
    let (c, ..) = code(
        js(r#"{"person": "alcie"}"#),
        "2026-03-23",
        "2026-04-06",
        None,
    );
    assert_eq!(c, "unknown-person");
    let (c, m, _) = code(JsValue::from_f64(3.0), "2026-03-23", "2026-04-06", None);
    assert_eq!(c, "wrong-type");
    assert!(m.starts_with("`which` must be"), "{m}");
    let (c, ..) = code(js("{}"), "2026-03-23", "2026-04-06", None);
    assert_eq!(c, "missing-key");
    let (c, _, help) = code(js(r#"{"schedul": "x"}"#), "2026-03-23", "2026-04-06", None);
    assert_eq!(
        (c.as_str(), help.as_str()),
        ("unknown-key", r#""did you mean `schedule`?""#)
    );
    let (c, ..) = code(
        js(r#"{"policy": "payments"}"#),
        "2026-03-23",
        "2026-04-06",
        None,
    );
    assert_eq!(c, "unknown-key");
    let (c, ..) = code("payments-primary".into(), "soon", "2026-04-06", None);
    assert_eq!(c, "invalid-instant");
    let (c, ..) = code("payments-primary".into(), "2026-04-06", "2026-03-23", None);
    assert_eq!(c, "empty-window");
    let (c, ..) = code(
        "payments-primary".into(),
        "2026-03-23",
        "2026-04-06",
        Some(r#"{"alarm": "soon"}"#),
    );
    assert_eq!(c, "invalid-duration");
    let (c, m, _) = code(
        "payments-primary".into(),
        "2026-03-23",
        "2026-04-06",
        Some(r#"{"alarm": 15}"#),
    );
    assert_eq!(c, "wrong-type");
    assert!(m.contains("`alarm`"), "{m}");
    let (c, _, help) = code(
        "payments-primary".into(),
        "2026-03-23",
        "2026-04-06",
        Some(r#"{"alrm": "15m"}"#),
    );
    assert_eq!(
        (c.as_str(), help.as_str()),
        ("unknown-key", r#""did you mean `alarm`?""#)
    );
    let (c, ..) = code(
        "payments-primary".into(),
        "2026-03-23",
        "2026-04-06",
        Some(r#"{"explain": true}"#),
    );
    assert_eq!(c, "unknown-key");
    let (c, ..) = code(
        "payments-primary".into(),
        "2026-03-23",
        "2026-04-06",
        Some(r#"{"dtstamp": "yesterday"}"#),
    );
    assert_eq!(c, "invalid-instant");
}
