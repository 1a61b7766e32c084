//! Plans and coverage through the evaluator and the CLI, on a YAML document.

use std::process::Command;

use escalator::time::parse_instant;
use escalator::Evaluator;
use escalator::PolicyChoice;

const DOC: &str = "\
version: 1
timezone: Europe/Berlin
people:
  - id: ana
  - id: bo
  - id: cy
schedules:
  - id: primary
    layers:
      - {id: daily, members: [ana, bo], shift: 1d, handoff: 2026-03-02T09:00}
vendors:
  - id: psp
    support_hours: [{days: [mon, tue, wed, thu, fri], from: \"08:00\", to: \"18:00\"}]
policies:
  - id: payments
    repeat: 1
    steps:
      - notify: [{schedule: primary}]
        escalate_after: 10m
        role: First responder
      - notify: [{vendor: psp}]
        escalate_after: 30m
      - notify: [{person: cy}, {stakeholders: status-page}]
        escalate_after: 15m
severities:
  - {id: sev1, ack_within: 15m, comms_within: 30m}
services:
  - {id: checkout, escalation: {sev1: payments}}
triggers:
  - {id: checkout-5xx, source: alarm checkout-5xx, service: checkout, severity: sev1}
";

fn evaluator() -> Evaluator {
    Evaluator::new(DOC).unwrap_or_else(|d| panic!("{d:?}"))
}

fn at(text: &str) -> escalator::time::Timestamp {
    parse_instant(text, chrono_tz::Europe::Berlin).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn plan_json_has_the_spec_shape() {
    let e = evaluator();
    let choice = PolicyChoice::Service {
        service: "checkout".into(),
        severity: "sev1".into(),
    };
    // Monday 2026-03-02 10:00 Berlin: ana's turn, the vendor is open.
    let plan = e
        .plan(&choice, at("2026-03-02T10:00"))
        .unwrap_or_else(|e| panic!("{e}"));
    let json = serde_json::to_value(&plan).unwrap_or_default();
    assert_eq!(json["policy"], "payments");
    assert_eq!(json["at"], "2026-03-02T09:00:00Z");
    let steps: Vec<(i64, i64, i64, String, String)> = json["plan"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|p| {
                    (
                        p["after_seconds"].as_i64().unwrap_or(-1),
                        p["pass"].as_i64().unwrap_or(-1),
                        p["step"].as_i64().unwrap_or(-1),
                        p["people"].to_string(),
                        p["vendors"].to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let s = |a: i64, p, st, people: &str, vendors: &str| {
        (a, p, st, people.to_string(), vendors.to_string())
    };
    assert_eq!(
        steps,
        vec![
            s(0, 1, 1, "[\"ana\"]", "[]"),
            s(600, 1, 2, "[]", "[\"psp\"]"),
            s(2400, 1, 3, "[\"cy\"]", "[]"),
            s(3300, 2, 1, "[\"ana\"]", "[]"),
            s(3900, 2, 2, "[]", "[\"psp\"]"),
            s(5700, 2, 3, "[\"cy\"]", "[]"),
        ]
    );
    assert_eq!(json["exhausted_after_seconds"], 6600);
    assert_eq!(json["plan"][0]["role"], "First responder");
    assert_eq!(json["plan"][0]["why"][0]["on_call"][0]["layer"], "daily");
    assert_eq!(json["levels"][2]["stakeholders"][0], "status-page");
}

#[test]
fn outside_support_hours_the_vendor_step_is_skipped() {
    let e = evaluator();
    let choice = PolicyChoice::Trigger {
        trigger: "alarm checkout-5xx".into(),
    };
    // Saturday: the vendor is closed, step 3 fires right after step 1.
    let plan = e
        .plan(&choice, at("2026-03-07T10:00"))
        .unwrap_or_else(|e| panic!("{e}"));
    let offsets: Vec<(i64, u32)> = plan
        .plan
        .iter()
        .map(|p| (p.after_seconds, p.step))
        .collect();
    assert_eq!(offsets, vec![(0, 1), (600, 3), (1500, 1), (2100, 3)]);
    assert_eq!(plan.levels[1].vendors_closed, vec!["psp".to_string()]);
    assert!(!plan.levels[1].paged);
}

#[test]
fn query_errors_name_the_problem() {
    let e = evaluator();
    let t = at("2026-03-02");
    let err = e
        .plan(
            &PolicyChoice::Policy {
                policy: "paymnts".into(),
                severity: None,
            },
            t,
        )
        .err();
    assert_eq!(err.as_ref().map(|e| e.code), Some("unknown-policy"));
    assert_eq!(
        err.and_then(|e| e.help),
        Some("did you mean `payments`?".into())
    );
    let err = e
        .plan(
            &PolicyChoice::Service {
                service: "checkout".into(),
                severity: "sev9".into(),
            },
            t,
        )
        .err();
    assert_eq!(err.map(|e| e.code), Some("unknown-severity"));
    let err = e
        .coverage(
            &PolicyChoice::Policy {
                policy: "payments".into(),
                severity: None,
            },
            t,
            t.add_seconds(3600),
            Some("Europe/Berln"),
        )
        .err();
    assert_eq!(err.as_ref().map(|e| e.code), Some("invalid-timezone"));
    assert_eq!(
        err.and_then(|e| e.help),
        Some("did you mean `Europe/Berlin`?".into())
    );
}

#[test]
fn coverage_intervals_end_at_handoffs_and_support_hours() {
    let e = evaluator();
    let choice = PolicyChoice::Service {
        service: "checkout".into(),
        severity: "sev1".into(),
    };
    let c = e
        .coverage(
            &choice,
            at("2026-03-02T00:00"),
            at("2026-03-03T00:00"),
            None,
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let ends: Vec<String> = c.intervals.iter().map(|i| i.end.to_rfc3339()).collect();
    // Berlin is UTC+1. Nobody is on call before the first handoff (08:00Z), the
    // vendor is open from 07:00Z to 17:00Z. Early on steps 1 and 2 are skipped and
    // cy is paged at once; pass 2 step 2 (at +15m) sees the vendor open from 06:45Z,
    // step 2 from 07:00Z; pass 2 step 1 (then at +45m) sees ana from 07:15Z, step 1
    // from 08:00Z. In the evening pass 2 step 2 (at +65m) finds the vendor closed
    // from 15:55Z, step 2 (at +10m) from 16:50Z.
    assert_eq!(
        ends,
        vec![
            "2026-03-02T06:45:00Z",
            "2026-03-02T07:00:00Z",
            "2026-03-02T07:15:00Z",
            "2026-03-02T08:00:00Z",
            "2026-03-02T15:55:00Z",
            "2026-03-02T16:50:00Z",
            "2026-03-02T23:00:00Z"
        ]
    );
    let figures: Vec<(Option<i64>, Option<usize>, usize)> = c
        .intervals
        .iter()
        .map(|i| {
            (
                i.first_page_seconds,
                i.reached_within_target,
                i.reached_total,
            )
        })
        .collect();
    assert_eq!(
        figures,
        vec![
            (Some(0), Some(1), 1),
            (Some(0), Some(1), 1),
            (Some(1800), Some(0), 1),
            (Some(1800), Some(0), 2),
            (Some(0), Some(1), 2),
            (Some(0), Some(1), 2),
            (Some(0), Some(2), 2),
        ]
    );
    let late: Vec<(String, String)> = c
        .gaps
        .iter()
        .filter(|g| g.kind == "first-page-late")
        .map(|g| (g.start.to_rfc3339(), g.end.to_rfc3339()))
        .collect();
    assert_eq!(
        late,
        vec![(
            "2026-03-02T07:00:00Z".to_string(),
            "2026-03-02T08:00:00Z".to_string()
        )]
    );
    assert!(c.gaps.iter().any(|g| g.kind == "single-responder"));
    let heatmaps = c
        .heatmaps
        .as_ref()
        .expect("the CLI's coverage has heatmaps");
    assert_eq!(heatmaps.hour_of_week.len(), 7);
    assert_eq!(heatmaps.calendar.len(), 1);
}

fn escalator(args: &[&str]) -> (i32, String) {
    let dir = std::env::temp_dir().join(format!("escalator-plan-test-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("doc.yaml");
    let _ = std::fs::write(&file, DOC);
    let mut full = vec![args[0], file.to_str().unwrap_or("")];
    full.extend(&args[1..]);
    let out = Command::new(env!("CARGO_BIN_EXE_escalator"))
        .args(&full)
        .output();
    let out = out.unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn cli_json_is_what_the_api_returns() {
    let (code, text) = escalator(&[
        "plan",
        "--policy",
        "payments",
        "--at",
        "2026-03-02T10:00",
        "--json",
    ]);
    assert_eq!(code, 0);
    let api = evaluator().plan(
        &PolicyChoice::Policy {
            policy: "payments".into(),
            severity: None,
        },
        at("2026-03-02T10:00"),
    );
    let api = api
        .map(|p| serde_json::to_value(p).unwrap_or_default())
        .unwrap_or_default();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&text).unwrap_or_default(),
        api
    );
    let (code, text) = escalator(&[
        "coverage",
        "--service",
        "checkout",
        "--severity",
        "sev1",
        "--from",
        "2026-03-02",
        "--to",
        "2026-03-03",
    ]);
    assert_eq!(code, 0);
    assert!(text.contains("7 intervals with the same plan"), "{text}");
    let (code, _) = escalator(&["plan", "--policy", "nope", "--at", "2026-03-02"]);
    assert_eq!(code, 2);
}

#[test]
fn check_denies_warnings_on_request() {
    let (code, text) = escalator(&["check", "--from", "2026-03-02", "--to", "2026-03-09"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("warning[single-responder]"), "{text}");
    let (code, _) = escalator(&["check", "--from", "2026-03-02", "--deny", "warnings"]);
    assert_eq!(code, 1);
}

#[test]
fn coverage_follows_a_handoff_moved_by_dst() {
    let doc = "\
version: 1
timezone: America/New_York
people:
  - id: ana
  - id: bo
schedules:
  - id: nightly
    layers:
      - {id: daily, members: [ana, bo], shift: 1d, handoff: 2026-03-01T02:30}
policies:
  - id: p
    steps:
      - {notify: [{schedule: nightly}], escalate_after: 5m}
";
    let e = Evaluator::new(doc).unwrap_or_else(|d| panic!("{d:?}"));
    let ny = chrono_tz::America::New_York;
    let from = parse_instant("2026-03-07", ny).unwrap_or_else(|e| panic!("{e}"));
    let to = parse_instant("2026-03-10", ny).unwrap_or_else(|e| panic!("{e}"));
    let choice = PolicyChoice::Policy {
        policy: "p".into(),
        severity: None,
    };
    let c = e
        .coverage(&choice, from, to, None)
        .unwrap_or_else(|e| panic!("{e}"));
    let ends: Vec<String> = c.intervals.iter().map(|i| i.end.to_rfc3339()).collect();
    // 02:30 EST on the 7th; 02:30 does not exist on the 8th and the handoff
    // happens at 03:30 EDT (also 07:30Z); 02:30 EDT on the 9th.
    assert_eq!(
        ends,
        vec![
            "2026-03-07T07:30:00Z",
            "2026-03-08T07:30:00Z",
            "2026-03-09T06:30:00Z",
            "2026-03-10T04:00:00Z"
        ]
    );
    let people: Vec<String> = c
        .intervals
        .iter()
        .map(|i| i.plan[0].people.join(","))
        .collect();
    // Turn k starts on March 1 + k: bo's turn 5 (from the 6th) runs into the 7th.
    assert_eq!(people, vec!["bo", "ana", "bo", "ana"]);
}
