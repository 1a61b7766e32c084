//! `escalator compare` end to end: exit codes 0, 1 and 2, `--allow`,
//! `--map`, `--json` (the same as the library's answer), and sides read
//! through `escalator import` (a folder, a vendor file).

use std::path::PathBuf;
use std::process::{Command, Output};

fn escalator(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_escalator"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A scratch folder of this test process.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("escalator-compare-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.display().to_string()
}

const OLD: &str = "examples/midsize-company.yaml";
const WINDOW: [&str; 4] = ["--from", "2026-11-02", "--to", "2026-11-30"];

/// The midsize example with web-secondary's rotation one person shorter.
fn edited() -> String {
    std::fs::read_to_string(OLD).expect("example").replacen(
        "members: [dan, carol, bob, alice]",
        "members: [dan, carol, bob]",
        1,
    )
}

fn compare(old: &str, new: &str, extra: &[&str]) -> Output {
    let mut args = vec!["compare", old, new];
    args.extend(WINDOW);
    args.extend(extra);
    escalator(&args)
}

#[test]
fn a_document_against_itself_exits_0() {
    let out = compare(OLD, OLD, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("- OLD and NEW are equivalent over the window (2026-11-02 00:00 to 2026-11-30 00:00 America/New_York)"), "{text}");
    assert!(text.ends_with("equivalent: nothing differs\n"), "{text}");
}

#[test]
fn differences_exit_1_and_allowed_kinds_exit_0() {
    let dir = scratch("allow");
    let new = write(&dir, "new.yaml", &edited());
    let out = compare(OLD, &new, &["--tz", "Europe/London"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            "- `web-secondary`: the on-call set differs for 168 h a week (all week Europe/London)"
        ),
        "{text}"
    );
    assert!(
        text.contains("- `alice` carries 42 h less a week"),
        "{text}"
    );
    assert!(text.contains("OLD and NEW differ: "), "{text}");

    let json = compare(OLD, &new, &["--json"]);
    assert_eq!(json.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(v["equivalent"], false);
    let kinds: Vec<String> = v["counts"]
        .as_object()
        .expect("counts")
        .keys()
        .cloned()
        .collect();
    assert!(kinds.contains(&"on-call-changed".to_string()), "{kinds:?}");
    // Accept every kind found, in one list and in several flags.
    let all = kinds.join(",");
    let out = compare(OLD, &new, &["--allow", &all]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("equivalent (only allowed kinds differ)"));
    let mut flags = Vec::new();
    for k in &kinds {
        flags.push("--allow");
        flags.push(k.as_str());
    }
    let out = compare(OLD, &new, &[&flags[..], &["--json"]].concat());
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["equivalent"], true);
    assert_eq!(v["allowed"].as_array().map(Vec::len), Some(kinds.len()));
    // Allowing only some of them still differs.
    let out = compare(OLD, &new, &["--allow", "on-call-changed"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn json_is_the_library_answer() {
    let dir = scratch("json");
    let new_text = edited();
    let new = write(&dir, "new.yaml", &new_text);
    let out = compare(OLD, &new, &["--json", "--tz", "Europe/London"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let old =
        escalator::Evaluator::new(&std::fs::read_to_string(OLD).expect("old")).expect("valid");
    let new = escalator::Evaluator::new(&new_text).expect("valid");
    let options = escalator::evaluator::CompareOptions {
        from: "2026-11-02".into(),
        to: "2026-11-30".into(),
        zone: Some("Europe/London".into()),
        ..Default::default()
    };
    let lib = old.compare(&new, &options).expect("compare");
    assert_eq!(serde_json::to_value(&lib).expect("json"), v);
    // The shape: intervals with instants, both sides, kinds and effects.
    // Local dates read in the display zone.
    assert_eq!(v["from"], "2026-11-02T00:00:00Z");
    assert_eq!(v["zone"], "Europe/London");
    let schedule = &v["schedules"][0];
    assert_eq!(schedule["new"], "web-secondary");
    let first = &schedule["on_call"][0];
    assert_eq!(first["kind"], "on-call-changed");
    assert_eq!(first["effect"], "changed");
    assert_eq!(first["start"], "2026-11-02T00:00:00Z");
    assert_eq!(first["end"], "2026-11-02T14:00:00Z");
    assert_eq!(first["old"]["on_call"][0], "bob");
    assert_eq!(first["new"]["on_call"][0], "dan");
    assert_eq!(first["old"]["why"][0]["layer"], "weekly");
    assert_eq!(schedule["hour_of_week"].as_array().map(Vec::len), Some(7));
    let change = &v["routes"][0]["changes"][0];
    assert!(change["old"]["plan"][0]["people"].is_array(), "{change}");
    assert_eq!(v["matched"][0]["by"], "id");
}

#[test]
fn map_pairs_renamed_objects() {
    let dir = scratch("map");
    let text = std::fs::read_to_string(OLD).expect("example");
    // Renamed with no name in common: `dan` becomes `daniel`.
    let renamed = text
        .replace("- id: dan\n    name: Dan Murphy", "- id: daniel")
        .replace("[dan,", "[daniel,")
        .replace(", dan]", ", daniel]")
        .replace("{person: dan,", "{person: daniel,")
        .replace(" dan,", " daniel,");
    let new = write(&dir, "renamed.yaml", &renamed);
    let out = compare(OLD, &new, &["--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let unmatched: Vec<String> = v["unmatched"]
        .as_array()
        .expect("unmatched")
        .iter()
        .map(|u| format!("{} {} {}", u["side"], u["object"], u["id"]))
        .collect();
    assert_eq!(
        unmatched,
        [
            "\"old\" \"person\" \"dan\"",
            "\"new\" \"person\" \"daniel\""
        ]
    );
    let out = compare(OLD, &new, &["--map", "dan=daniel"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let out = compare(OLD, &new, &["--map", "person:dan=daniel", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(v["matched"]
        .as_array()
        .expect("matched")
        .iter()
        .any(|m| m["old"] == "dan" && m["new"] == "daniel" && m["by"] == "map"));
}

#[test]
fn errors_exit_2() {
    let cases: [(&[&str], &str); 6] = [
        (
            &["--map", "dann=daniel"],
            "error[unknown-id]: `--map dann=daniel`: no object `dann` in OLD",
        ),
        (
            &["--allow", "later-first-pages"],
            "did you mean `later-first-page`?",
        ),
        (&["--tz", "Europe/Londn"], "error[invalid-timezone]"),
        (&["--map", "dan"], "error[invalid-map]"),
        (
            &["--from", "2026-11-02", "--to", "2029-01-01"],
            "error[window-too-large]",
        ),
        (
            &["--from", "2026-11-02", "--to", "2026-11-01"],
            "error[empty-window]",
        ),
    ];
    for (extra, expected) in cases {
        let out = if extra.contains(&"--from") {
            escalator(&[&["compare", OLD, OLD], extra].concat())
        } else {
            compare(OLD, OLD, extra)
        };
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
        assert!(
            stderr(&out).contains(expected),
            "{extra:?}: {}",
            stderr(&out)
        );
    }
    let out = compare(OLD, "examples/no-such-file.yaml", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("error: NEW cannot read `examples/no-such-file.yaml`"),
        "{}",
        stderr(&out)
    );
    // An invalid document: its diagnostics, then exit 2 (1 means "differ").
    let out = compare("examples/broken.yaml", OLD, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("examples/broken.yaml:6:11: error[invalid-timezone]"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("error: OLD `examples/broken.yaml` is not a valid document"));
}

#[test]
fn sides_are_read_through_import() {
    // A folder holding a document: `escalator import` reads it as is.
    let dir = scratch("folder");
    let folder = dir.join("setup");
    std::fs::create_dir_all(&folder).expect("folder");
    write(
        &folder,
        "oncall.yaml",
        &std::fs::read_to_string(OLD).expect("example"),
    );
    let out = compare(OLD, &folder.display().to_string(), &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(stderr(&out).contains("NEW `"), "{}", stderr(&out));
    // A PagerDuty export that does not import completely (users missing)
    // is an error, not a comparison.
    let incomplete = "tests/fixtures/import/pagerduty/incomplete";
    let out = compare(OLD, incomplete, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("did not import completely"),
        "{}",
        stderr(&out)
    );
    // A file in no format at all.
    let notes = write(&dir, "notes.json", "{\"a\": 1}");
    let out = compare(&notes, OLD, &[]);
    assert_eq!(out.status.code(), Some(2));
}

/// A migration: the PagerDuty API export (imported on the fly) against the
/// Escalator document meant to replace it, renamed by hand. People and
/// schedules are matched by the `source` the importer keeps.
#[test]
fn a_pagerduty_export_against_its_document() {
    let export = "tests/fixtures/import/pagerduty/api";
    let mut files = Vec::new();
    for entry in std::fs::read_dir(export).expect("fixtures") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("fixture");
        files.push(escalator::import::SourceFile::new(
            path.display().to_string(),
            text,
        ));
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let imported = escalator::import::import(&files, &Default::default()).expect("imports");
    assert!(imported.is_complete());
    let renamed = imported
        .document
        .replace("alice-example", "alice")
        .replace("id: payments-primary", "id: payments-1")
        .replace("schedule: payments-primary", "schedule: payments-1");
    let dir = scratch("pagerduty");
    let new = write(&dir, "oncall.yaml", &renamed);
    let window = ["--from", "2026-03-23", "--to", "2026-04-06"];
    let out = escalator(&[&["compare", export, &new, "--json"], &window[..]].concat());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("OLD `tests/fixtures/import/pagerduty/api`: imported PagerDuty API"),
        "{}",
        stderr(&out)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let by_source: Vec<String> = v["matched"]
        .as_array()
        .expect("matched")
        .iter()
        .filter(|m| m["by"] == "source")
        .map(|m| format!("{} {} {}", m["kind"], m["old"], m["new"]))
        .collect();
    assert_eq!(
        by_source,
        [
            "\"person\" \"alice-example\" \"alice\"",
            "\"schedule\" \"payments-primary\" \"payments-1\""
        ]
    );
    // The document drops bob from the weekly rotation: it differs, and
    // says for whom.
    let edited = renamed.replacen("members: [alice, bob-example]", "members: [alice]", 1);
    assert_ne!(edited, renamed);
    let new = write(&dir, "edited.yaml", &edited);
    let out = escalator(&[&["compare", export, &new], &window[..]].concat());
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("- `bob-example` carries"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("`payments-1`: the on-call set differs"),
        "{}",
        stdout(&out)
    );
}
