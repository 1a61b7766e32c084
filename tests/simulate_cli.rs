//! `escalator simulate` end to end: a scenario file, JSON, Markdown.

use std::process::{Command, Output};

fn escalator(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_escalator"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs")
}

const DOC: &str = "examples/midsize-company.yaml";
const SCENARIO: &str = "examples/scenarios/checkout-sev1-tabletop.yaml";

#[test]
fn scenario_file_runs_to_the_end_as_json() {
    let out = escalator(&["simulate", DOC, "--scenario", SCENARIO, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["incident"]["service"], "checkout");
    assert_eq!(v["incident"]["policy"], "payments-urgent");
    assert_eq!(v["incident"]["at"], "2026-12-06T04:40:00Z");
    let events = v["events"].as_array().expect("events");
    assert_eq!(v["shown"], events.len());
    let kinds: Vec<&str> = events.iter().filter_map(|e| e["kind"].as_str()).collect();
    assert_eq!(kinds[0], "triggered");
    // ines is unavailable; the manual escalation at 6m reaches frank, who answers 7m later.
    let ack = events
        .iter()
        .find(|e| e["kind"] == "acknowledged")
        .expect("ack");
    assert_eq!(ack["person"], "frank");
    assert_eq!(ack["offset_seconds"], 13 * 60);
    let missed: Vec<&str> = events
        .iter()
        .filter(|e| e["kind"] == "target_missed")
        .filter_map(|e| e["target"].as_str())
        .collect();
    assert_eq!(missed, ["ack_within", "vendor_sla"]);
    assert_eq!(v["state"]["acknowledged"], true);
}

#[test]
fn flags_open_the_incident_and_markdown_is_the_debrief() {
    let out = escalator(&[
        "simulate",
        DOC,
        "--service",
        "checkout",
        "--severity",
        "sev1",
        "--at",
        "2026-12-05T23:40",
        "--markdown",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.starts_with("# Incident simulation debrief"));
    assert!(md.contains("- Never acknowledged"));
    assert!(
        md.contains("| 1 | 2026-12-05 23:40:00 EST | 0s | triggered |"),
        "{md}"
    );
    assert!(md.contains("exhausted"));
}

#[test]
fn a_bad_scenario_is_reported_with_its_line() {
    let dir = std::env::temp_dir().join(format!("escalator-sim-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("bad.yaml");
    std::fs::write(&path, "incident: {service: checkout, severity: sev1, at: 2026-12-05T23:40}\nresponders:\n  frnak: never\n").expect("write");
    let out = escalator(&["simulate", DOC, "--scenario", path.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(":3:3: error[unknown-reference]: unknown person or vendor `frnak`"),
        "{err}"
    );
    assert!(err.contains("did you mean `frank`?"), "{err}");
}

#[test]
fn unknown_service_is_a_usage_error() {
    let out = escalator(&[
        "simulate",
        DOC,
        "--service",
        "chekout",
        "--severity",
        "sev1",
        "--at",
        "2026-12-05T23:40",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `checkout`?"));
}

#[test]
fn a_trigger_opens_its_service_and_severity() {
    let out = escalator(&[
        "simulate",
        DOC,
        "--trigger",
        "cloudwatch alarm checkout-5xx",
        "--at",
        "2026-12-05T23:40",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["incident"]["service"], "checkout");
    assert_eq!(v["incident"]["severity"], "sev2");
}
