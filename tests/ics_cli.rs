//! `escalator ics` end to end: the calendars it writes of the payments
//! example are exactly the bytes in `tests/fixtures/ics/`, which the JS
//! `ev.ics` is held to as well (`tests/wasm/cases.rs`, in Node and
//! Chromium): one writer, the same text from the CLI and from JS.
//! `ESCALATOR_BLESS=1 cargo test --test ics_cli` rewrites the fixtures.

use std::process::Command;

fn escalator(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_escalator"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "escalator {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The CLI's output is the fixture `name`, byte for byte.
fn assert_fixture(name: &str, args: &[&str]) {
    let out = escalator(args);
    let path = format!("{}/tests/fixtures/ics/{name}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("ESCALATOR_BLESS").is_some() {
        std::fs::write(&path, &out).expect("write the fixture");
    }
    let want = std::fs::read(&path).expect("the fixture");
    assert!(
        out == want,
        "escalator {args:?} differs from {path}:\n{}",
        String::from_utf8_lossy(&out)
    );
}

const DOC: &str = "examples/payments.yaml";

#[test]
fn a_schedule_calendar_with_an_alarm_is_the_fixture() {
    // Local dates in the schedule's zone (Berlin), across the change to summer time.
    assert_fixture(
        "payments-primary.ics",
        &[
            "ics",
            DOC,
            "--schedule",
            "payments-primary",
            "--from",
            "2026-03-23",
            "--to",
            "2026-04-06",
            "--alarm",
            "15m",
            "--dtstamp",
            "2026-03-01T12:00:00Z",
        ],
    );
}

#[test]
fn a_person_calendar_is_the_fixture() {
    assert_fixture(
        "alice.ics",
        &[
            "ics",
            DOC,
            "--person",
            "alice",
            "--from",
            "2026-03-23",
            "--to",
            "2026-04-06",
            "--dtstamp",
            "2026-03-01T12:00:00Z",
        ],
    );
}

#[test]
fn dtstamp_is_now_unless_given() {
    let text = String::from_utf8(escalator(&[
        "ics",
        DOC,
        "--schedule",
        "payments-primary",
        "--from",
        "2026-03-23",
        "--to",
        "2026-03-30",
    ]))
    .unwrap();
    let stamp = text
        .lines()
        .find_map(|l| l.strip_prefix("DTSTAMP:"))
        .expect("a DTSTAMP");
    assert!(
        stamp.starts_with("20") && stamp.ends_with('Z') && stamp > "20260101",
        "{stamp}"
    );
}
