//! `escalator shifts` and `escalator oncall` end to end.

use std::process::{Command, Output};

fn escalator(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_escalator"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs")
}

const DOC: &str = "examples/payments.yaml";

#[test]
fn shifts_json_is_the_spec_shape_and_matches_the_library() {
    let out = escalator(&[
        "shifts",
        DOC,
        "--schedule",
        "payments-primary",
        "--from",
        "2026-03-27",
        "--to",
        "2026-04-01",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["schedule"], "payments-primary");
    // Local dates in the schedule's zone (CET before, CEST after the change).
    assert_eq!(v["from"], "2026-03-26T23:00:00Z");
    assert_eq!(v["to"], "2026-03-31T22:00:00Z");
    let shifts = v["shifts"].as_array().expect("shifts");
    assert_eq!(shifts[0]["start"], v["from"]);
    assert_eq!(shifts[shifts.len() - 1]["end"], v["to"]);
    for pair in shifts.windows(2) {
        assert_eq!(pair[0]["end"], pair[1]["start"]);
        assert_ne!(pair[0]["on_call"], pair[1]["on_call"]);
    }
    // The weekly handoff stays at 09:00 local across the change: 07:00Z.
    assert!(shifts
        .iter()
        .any(|s| s["start"] == "2026-03-30T07:00:00Z" && s["on_call"][0] == "alice"));
    // Same answer as the library.
    let text = std::fs::read_to_string(DOC).expect("doc");
    let ev = escalator::Evaluator::new(&text).expect("valid");
    let tz = chrono_tz::Europe::Berlin;
    let lib = ev
        .shifts(
            "payments-primary",
            escalator::time::parse_instant("2026-03-27", tz).expect("from"),
            escalator::time::parse_instant("2026-04-01", tz).expect("to"),
        )
        .expect("shifts");
    assert_eq!(serde_json::to_value(&lib).expect("json"), v);
}

#[test]
fn shifts_table_shows_local_times_and_why() {
    let out = escalator(&[
        "shifts",
        DOC,
        "--schedule",
        "payments-primary",
        "--from",
        "2026-03-30",
        "--to",
        "2026-03-31",
        "--tz",
        "America/New_York",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("(times in America/New_York)"), "{text}");
    assert!(text.contains("Mon 2026-03-30 03:00 EDT"), "{text}");
    assert!(
        text.contains("why: alice: layer `weekly`, turn 12"),
        "{text}"
    );
}

#[test]
fn shifts_errors_are_query_errors() {
    let out = escalator(&[
        "shifts",
        DOC,
        "--schedule",
        "nope",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-02",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[unknown-schedule]"));
    let out = escalator(&[
        "shifts",
        DOC,
        "--schedule",
        "payments-primary",
        "--from",
        "soon",
        "--to",
        "2026-03-02",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[invalid-instant]"));
}

#[test]
fn oncall_names_who_why_and_the_next_handoff() {
    let out = escalator(&[
        "oncall",
        DOC,
        "--at",
        "2026-03-29T02:30",
        "--schedule",
        "payments-primary",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    // 02:30 does not exist that night in Berlin: it is read as 03:30 CEST.
    assert_eq!(v["at"], "2026-03-29T01:30:00Z");
    let s = &v["schedules"][0];
    assert_eq!(s["schedule"], "payments-primary");
    assert_eq!(s["on_call"], serde_json::json!(["bob"]));
    assert_eq!(s["why"][0]["layer"], "weekly");
    assert_eq!(s["next_handoff"], "2026-03-30T07:00:00Z");
    assert_eq!(s["next_on_call"], serde_json::json!(["alice"]));
    // Without --schedule: every schedule; without --at: now (just runs).
    let out = escalator(&["oncall", DOC]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("payments-secondary"));
}

#[test]
fn oncall_of_a_merged_shift_explains_only_the_turn_holding_now() {
    // One person on a one-minute rotation: a single shift of many turns.
    let ev = escalator::Evaluator::new(
        "version: 1\ntimezone: UTC\npeople: [{id: alice}]\nschedules:\n  - id: s\n    layers:\n      - {id: l, members: [alice], shift: 1m, handoff: 2024-01-01T00:00}\n",
    )
    .expect("valid");
    let at =
        escalator::time::parse_instant("2026-03-01T00:00:30Z", chrono_tz::UTC).expect("instant");
    let out = serde_json::to_value(ev.on_call(at, Some("s")).expect("on call")).expect("json");
    let s = &out["schedules"][0];
    assert_eq!(s["on_call"], serde_json::json!(["alice"]));
    assert_eq!(s["why"].as_array().map(Vec::len), Some(1), "{s}");
    assert_eq!(s["why"][0]["turn_start"], "2026-03-01T00:00:00Z");
    // alice to alice is no handoff.
    assert_eq!(s["next_handoff"], serde_json::Value::Null);
}

#[test]
fn every_display_zone_is_read_alike() {
    // `--tz` of shifts, coverage and simulate: one code, one "did you mean".
    let runs: [&[&str]; 3] = [
        &[
            "shifts",
            DOC,
            "--schedule",
            "payments-primary",
            "--from",
            "2026-03-27",
            "--to",
            "2026-04-01",
        ],
        &[
            "coverage",
            DOC,
            "--policy",
            "payments",
            "--from",
            "2026-03-27",
            "--to",
            "2026-04-01",
        ],
        &[
            "simulate",
            DOC,
            "--policy",
            "payments",
            "--at",
            "2026-03-27T10:00",
        ],
    ];
    for args in runs {
        let mut args = args.to_vec();
        args.extend(["--tz", "Europe/Berln"]);
        let out = escalator(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            stderr,
            "error[invalid-timezone]: `Europe/Berln` is not an IANA time zone\n   = help: did you mean `Europe/Berlin`?\n",
            "{args:?}"
        );
    }
}
