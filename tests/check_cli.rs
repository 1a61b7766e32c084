//! `escalator check` as a user runs it: the built binary on the examples.

use std::process::{Command, Output, Stdio};

fn escalator(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_escalator"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the escalator binary runs")
}

const GOOD: [&str; 6] = [
    "examples/startup-follow-the-sun.yaml",
    "examples/midsize-company.yaml",
    "examples/union-overrides.yaml",
    "examples/json/startup-follow-the-sun.json",
    "examples/json/midsize-company.json",
    "examples/json/union-overrides.json",
];

#[test]
fn good_examples_pass() {
    let out = escalator(&[&["check"][..], &GOOD[..]].concat());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(!stdout.contains("error["), "{stdout}");
}

#[test]
fn every_yaml_example_is_good_except_broken() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("examples/ exists") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let name = path.to_string_lossy().to_string();
            let out = escalator(&["check", &name]);
            let broken = name.ends_with("broken.yaml");
            assert_eq!(
                out.status.code(),
                Some(if broken { 1 } else { 0 }),
                "{name}: {}",
                String::from_utf8_lossy(&out.stdout)
            );
            checked += 1;
        }
    }
    assert!(checked >= 4);
}

#[test]
fn broken_example_prints_rustc_style_diagnostics() {
    let out = escalator(&["check", "examples/broken.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let expected = "examples/broken.yaml:6:11: error[invalid-timezone]: `Europe/Berln` is not an IANA time zone\n  |\n6 | timezone: Europe/Berln\n  |           ^^^^^^^^^^^^\n   = help: did you mean `Europe/Berlin`?\n";
    assert!(stdout.contains(expected), "{stdout}");
    // The accented id is underlined over its chars, not its bytes.
    let bjorn = "30 |         members: [alice, bjorn]\n   |                          ^^^^^\n   = help: did you mean `björn`?\n";
    assert!(stdout.contains(bjorn), "{stdout}");
    // Labels point at the first definition.
    assert!(
        stdout.contains("examples/broken.yaml:8:9: note: first used here"),
        "{stdout}"
    );
    for code in [
        "unknown-key",
        "missing-escalate-after",
        "ends-before-start",
        "multiple-documents",
    ] {
        assert!(stdout.contains(&format!("[{code}]")), "{code}");
    }
}

#[test]
fn json_output_is_exactly_the_library_shape() {
    let out = escalator(&[
        "check",
        "--json",
        "--from",
        "2026-11-30T00:00:00Z",
        "--to",
        "2026-12-28T00:00:00Z",
        "examples/broken.yaml",
        "examples/union-overrides.yaml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let files = value.as_array().expect("an array of files");
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["file"], "examples/broken.yaml");
    // A valid document gets the practice findings over the window, exactly
    // as the library computes them.
    let good = std::fs::read_to_string(format!(
        "{}/examples/union-overrides.yaml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("read");
    let from = escalator::time::Timestamp(1_795_996_800);
    let to = from.add_seconds(28 * 86_400);
    let findings = escalator::check_at(&good, from, to);
    assert!(findings
        .iter()
        .all(|d| d.severity != escalator::diagnostic::Severity::Error));
    assert_eq!(
        files[1]["diagnostics"],
        serde_json::to_value(escalator::output::diagnostics_json(&good, &findings))
            .expect("serializes")
    );
    let text = std::fs::read_to_string(format!(
        "{}/examples/broken.yaml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("read");
    let library = escalator::output::diagnostics_json(&text, &escalator::check(&text));
    assert_eq!(
        files[0]["diagnostics"],
        serde_json::to_value(&library).expect("serializes")
    );
    let first = &files[0]["diagnostics"][0];
    assert_eq!(first["code"], "unsupported-version");
    assert_eq!(first["span"]["start"]["line"], 5);
    assert_eq!(first["span"]["start"]["column"], 10);
    assert!(first["labels"].is_array());
}

#[test]
fn stdin_is_read_for_dash() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_escalator"))
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawns");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"version: 1\ntimezone: Mars/Olympus\n")
        .expect("writes");
    let out = child.wait_with_output().expect("finishes");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("<stdin>:2:11: error[invalid-timezone]")
    );
}

#[test]
fn unreadable_file_exits_2() {
    let out = escalator(&["check", "examples/does-not-exist.yaml"]);
    assert_eq!(out.status.code(), Some(2));
}
