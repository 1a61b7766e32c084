//! One test per diagnostic code: each is produced at an exact line and
//! column (1-based, in chars), from `examples/broken.yaml`, the fatal cases
//! in `examples/broken/` or small inline documents.

use escalator::diagnostic::{Diagnostic, LineIndex};
use escalator::document::{parse_with_limits, Limits};
use escalator::model::read::CODES;

fn positions(text: &str, diagnostics: &[Diagnostic], code: &str) -> Vec<(u32, u32)> {
    let index = LineIndex::new(text);
    diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            let p = index.position(d.span.start);
            (p.line, p.column)
        })
        .collect()
}

fn example(path: &str) -> String {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// Asserts that `code` is reported exactly at these positions in the text.
fn assert_at(text: &str, code: &str, expected: &[(u32, u32)]) {
    let diagnostics = escalator::check(text);
    let found = positions(text, &diagnostics, code);
    assert_eq!(
        found,
        expected,
        "`{code}`; all: {:#?}",
        diagnostics
            .iter()
            .map(|d| (d.code, &d.message))
            .collect::<Vec<_>>()
    );
}

/// `(code, [(line, column)])` as reported on `examples/broken.yaml`.
const BROKEN: &[(&str, &[(u32, u32)])] = &[
    ("unsupported-version", &[(5, 10)]),
    ("invalid-timezone", &[(6, 11), (16, 43)]),
    ("duplicate-key", &[(13, 5)]),
    ("duplicate-id", &[(14, 9)]),
    ("invalid-id", &[(15, 10)]),
    ("unsupported-tag", &[(16, 21)]),
    ("invalid-duration", &[(18, 33), (56, 25), (80, 17)]),
    ("missing-key", &[(19, 6), (72, 17)]),
    ("unknown-key", &[(19, 6), (43, 9)]),
    ("wrong-type", &[(20, 22), (58, 13)]),
    ("invalid-value", &[(23, 14)]),
    ("empty-rotation", &[(26, 18)]),
    (
        "unknown-reference",
        &[(30, 26), (52, 29), (62, 34), (79, 68)],
    ),
    ("non-positive-shift", &[(31, 16), (40, 16)]),
    ("invalid-date-time", &[(32, 18), (77, 21)]),
    ("invalid-weekday", &[(35, 26)]),
    ("mixed-window-forms", &[(36, 37)]),
    ("invalid-time", &[(37, 20), (71, 41)]),
    ("from-before-handoff", &[(42, 15)]),
    ("ends-before-start", &[(45, 52)]),
    ("invalid-override", &[(46, 21)]),
    ("empty-list", &[(47, 18), (55, 17), (59, 12)]),
    ("repeat-out-of-range", &[(50, 13)]),
    ("missing-escalate-after", &[(52, 9)]),
    ("invalid-target", &[(53, 18)]),
    ("number-out-of-range", &[(58, 13)]),
    ("invalid-date", &[(79, 12)]),
    ("complex-key", &[(81, 3)]),
    ("multiple-documents", &[(83, 1)]),
];

#[test]
fn broken_example_reports_each_code_at_its_position() {
    let text = example("examples/broken.yaml");
    let diagnostics = escalator::check(&text);
    for (code, expected) in BROKEN {
        assert_eq!(
            &positions(&text, &diagnostics, code),
            expected,
            "code `{code}`"
        );
    }
    // Nothing else is reported.
    let listed: usize = BROKEN.iter().map(|(_, at)| at.len()).sum();
    assert_eq!(diagnostics.len(), listed, "{diagnostics:#?}");
}

#[test]
fn fatal_examples_report_one_diagnostic_each() {
    for (path, code, at) in [
        ("examples/broken/syntax-error.yaml", "syntax-error", (5, 11)),
        ("examples/broken/alias-bomb.yaml", "alias-limit", (8, 36)),
        ("examples/broken/deep-nesting.yaml", "too-deep", (4, 72)),
        ("examples/broken/empty.yaml", "empty-document", (1, 1)),
    ] {
        let text = example(path);
        let diagnostics = escalator::check(&text);
        assert_eq!(diagnostics.len(), 1, "{path}: {diagnostics:#?}");
        assert_at(&text, code, &[at]);
    }
}

#[test]
fn syntax_error_points_at_the_bad_character() {
    assert_at(
        "version: 1\ntimezone: UTC\npeople: [alice, bob\nschedules: []\n",
        "syntax-error",
        &[(4, 10)],
    );
}

#[test]
fn limits_on_size_and_nodes() {
    let small = Limits {
        max_bytes: 20,
        ..Limits::default()
    };
    let doc = parse_with_limits("version: 1\ntimezone: Europe/Berlin\n", small);
    assert_eq!(doc.diagnostics[0].code, "document-too-large");
    assert!(doc.root.is_none());
    let few = Limits {
        max_nodes: 10,
        ..Limits::default()
    };
    let doc = parse_with_limits("people: [a, b, c, d, e, f, g, h, i, j, k]\n", few);
    assert_eq!(doc.diagnostics.len(), 1);
    assert_eq!(doc.diagnostics[0].code, "too-many-nodes");
    let index = LineIndex::new("people: [a, b, c, d, e, f, g, h, i, j, k]\n");
    assert_eq!(index.position(doc.diagnostics[0].span.start).column, 31);
}

#[test]
fn layer_that_ends_before_it_starts() {
    let text = "version: 1\ntimezone: UTC\npeople: [{id: ana}]\nschedules:\n  - id: s\n    layers:\n      - {members: [ana], shift: 1d, handoff: 2026-03-01, until: 2026-02-01}\n";
    assert_at(text, "ends-before-start", &[(7, 65)]);
}

#[test]
fn missing_required_keys_point_at_the_object() {
    assert_at("timezone: UTC\n", "missing-key", &[(1, 1)]);
    let text = "version: 1\ntimezone: UTC\nseverities: [{id: sev1}]\nservices: [{id: web}]\ntriggers:\n  - {id: t, service: web}\n";
    assert_at(text, "missing-key", &[(6, 6), (6, 6)]);
}

#[test]
fn too_many_diagnostics_are_counted() {
    let mut text = String::from("version: 1\ntimezone: UTC\n");
    for i in 0..1_100 {
        text.push_str(&format!("k{i}: 1\n"));
    }
    assert_at(&text, "too-many-diagnostics", &[(1002, 1)]);
    let diagnostics = escalator::check(&text);
    assert_eq!(diagnostics.len(), 1_001);
    let last = diagnostics
        .iter()
        .find(|d| d.code == "too-many-diagnostics")
        .expect("reported");
    assert_eq!(last.message, "100 more problems are not shown");
}

#[test]
fn every_code_has_a_test() {
    let tested: Vec<&str> = BROKEN
        .iter()
        .map(|(c, _)| *c)
        .chain([
            "syntax-error",
            "alias-limit",
            "too-deep",
            "empty-document",
            "document-too-large",
            "too-many-nodes",
            "too-many-diagnostics",
            "ends-before-start",
            "missing-key",
            "invalid-window",
            "invalid-step",
            "invalid-rotation",
            "invalid-handoffs",
        ])
        .chain(EVENTS.iter().map(|(c, _)| *c))
        .collect();
    for (code, _) in CODES {
        if *code == "internal-error" {
            continue; // never produced: a guard against a builder bug
        }
        assert!(tested.contains(code), "no position test for `{code}`");
    }
}

#[test]
fn a_window_with_no_days_never_opens_and_is_an_error() {
    let text = "version: 1\ntimezone: UTC\npeople: [{id: a}]\nschedules:\n  - id: s\n    layers:\n      - id: l\n        members: [a]\n        shift: 1d\n        handoff: 2026-01-01\n        restrictions: [{days: [], from: \"09:00\", to: \"17:00\"}]\n";
    assert_at(text, "empty-list", &[(11, 31)]);
}

/// A document with one schedule whose layer has these restrictions.
fn with_restrictions(restrictions: &str) -> String {
    format!("version: 1\ntimezone: UTC\npeople: [{{id: a}}]\nschedules:\n  - id: s\n    layers:\n      - id: l\n        members: [a]\n        shift: 1d\n        handoff: 2026-01-01\n        restrictions:\n{restrictions}")
}

#[test]
fn window_with_to_and_duration() {
    let text = with_restrictions("          - {from: \"19:00\", to: \"07:00\", duration: 12h}\n");
    assert_at(&text, "invalid-window", &[(12, 42)]);
}

#[test]
fn window_durations_out_of_range_or_missing() {
    let text = with_restrictions(
        "          - {from: \"19:00\", duration: 25h}\n          - {from: \"fri 17:00\", duration: 8d}\n          - {from: \"19:00\", duration: 0m}\n          - {from: \"19:00\"}\n          - {days: [mon], from: \"fri 17:00\", duration: 1h}\n          - {from: \"24:00:00\", duration: 1h}\n          - {from: \"09:00:30\", to: \"17:00:60\"}\n",
    );
    assert_at(&text, "invalid-duration", &[(12, 39), (13, 43), (14, 39)]);
    assert_at(&text, "missing-key", &[(15, 14)]);
    assert_at(&text, "mixed-window-forms", &[(16, 14)]);
    assert_at(&text, "invalid-time", &[(17, 20), (18, 36)]);
    // Seconds are fine; `24:00:00` only as an end.
    let fine = with_restrictions(
        "          - {from: \"09:00:30\", to: \"24:00:00\"}\n          - {from: \"fri 17:00:30\", duration: 64h}\n          - {days: [sat], from: \"22:00\", duration: 1d}\n",
    );
    let diagnostics = escalator::check(&fine);
    assert!(
        diagnostics
            .iter()
            .all(|d| d.severity != escalator::diagnostic::Severity::Error),
        "{diagnostics:#?}"
    );
}

#[test]
fn wait_step_with_notify_or_escalate_after() {
    let text = "version: 1\ntimezone: UTC\npeople: [{id: a}]\npolicies:\n  - id: p\n    steps:\n      - {wait: 5m, escalate_after: 5m}\n      - wait: 1m\n        notify: [{person: a}]\n      - {wait: -5m}\n      - {wait: 0m, name: Delay, role: Hold, owner: a, source: rule-0}\n";
    assert_at(text, "invalid-step", &[(7, 20), (9, 9)]);
    assert_at(text, "invalid-duration", &[(10, 16)]);
}

#[test]
fn turn_goes_with_schedules_only() {
    let text = "version: 1\ntimezone: UTC\npeople: [{id: a}]\nschedules:\n  - {id: s, layers: [{members: [a], shift: 1d, handoff: 2026-01-01}]}\npolicies:\n  - id: p\n    steps:\n      - notify: [{person: a, turn: next}, {schedule: s, turn: nxt}, {schedule: s, turn: previous}]\n        escalate_after: 5m\n";
    assert_at(text, "invalid-target", &[(9, 30)]);
    assert_at(text, "invalid-value", &[(9, 63)]);
    let diagnostics = escalator::check(text);
    let help = diagnostics
        .iter()
        .find(|d| d.code == "invalid-value")
        .and_then(|d| d.help.clone());
    assert_eq!(help.as_deref(), Some("did you mean `next`?"));
}

#[test]
fn repeat_is_at_most_twenty() {
    let doc = |repeat: &str| {
        format!("version: 1\ntimezone: UTC\npeople: [{{id: a}}]\npolicies:\n  - id: p\n    repeat: {repeat}\n    steps: [{{notify: [{{person: a}}], escalate_after: 1m}}]\n")
    };
    let errors = |text: &str| {
        escalator::check(text)
            .into_iter()
            .filter(|d| d.severity == escalator::diagnostic::Severity::Error)
            .count()
    };
    assert_eq!(errors(&doc("20")), 0);
    assert_eq!(errors(&doc("0")), 0);
    assert_at(&doc("21"), "repeat-out-of-range", &[(6, 13)]);
    assert_at(&doc("-1"), "repeat-out-of-range", &[(6, 13)]);
    // Twenty repeats are 21 passes.
    let ev = escalator::Evaluator::new(&doc("20")).unwrap();
    let choice = escalator::PolicyChoice::Policy {
        policy: "p".into(),
        severity: None,
    };
    let plan = ev.plan(&choice, escalator::time::Timestamp(0)).unwrap();
    assert_eq!(plan.plan.len(), 21);
    assert_eq!(
        plan.plan.last().map(|p| (p.pass, p.after_seconds)),
        Some((21, 1200))
    );
    assert_eq!(plan.exhausted_after_seconds, 21 * 60);
}

#[test]
fn essential_goes_with_people_and_schedules_only() {
    let text = "version: 1\ntimezone: UTC\npeople: [{id: a}]\nvendors: [{id: v}]\npolicies:\n  - id: p\n    steps:\n      - notify: [{person: a, essential: false}, {vendor: v, essential: false}, {person: a, essential: 0}]\n        escalate_after: 5m\n";
    assert_at(text, "invalid-target", &[(8, 61)]);
    assert_at(text, "wrong-type", &[(8, 103)]);
}

#[test]
fn month_shifts_are_whole_months_on_the_wall_clock() {
    let text = "version: 1\ntimezone: UTC\npeople: [{id: a}]\nschedules:\n  - id: s\n    layers:\n      - {members: [a], shift: 1mo, handoff: 2026-01-31, clock: elapsed}\n      - {members: [a], shift: 1mo2d, handoff: 2026-01-31}\n      - {members: [a], shift: 0mo, handoff: 2026-01-31}\n      - {members: [a], shift: -2mo, handoff: 2026-01-31}\n      - {members: [a], shift: 1201mo, handoff: 2026-01-31}\n      - {members: [a], shift: 3mo, handoff: 2026-01-31, month_overflow: roll}\n      - {members: [a], shift: 3mo, handoff: 2026-01-31, month_overflow: normalize}\n";
    assert_at(text, "invalid-rotation", &[(7, 64)]);
    assert_at(text, "invalid-duration", &[(8, 31), (11, 31)]);
    assert_at(text, "non-positive-shift", &[(9, 31), (10, 31)]);
    assert_at(text, "invalid-value", &[(12, 73)]);
}

#[test]
fn handoff_points_are_read_strictly() {
    let layer =
        |keys: &str| format!("      - {{members: [a], handoff: 2026-01-05T09:00, {keys}}}\n");
    let text = format!(
        "version: 1\ntimezone: UTC\npeople: [{{id: a}}]\nschedules:\n  - id: s\n    layers:\n{}{}{}{}{}{}{}{}{}{}{}",
        layer("shift: 1w, handoffs: {daily: [\"09:00\"]}"),
        layer("clock: elapsed, handoffs: {daily: [\"09:00\"]}"),
        layer("handoffs: {daily: [\"09:00\"], weekly: [\"mon 09:00\"]}"),
        layer("handoffs: {daily: [\"mon 09:00\"]}"),
        layer("handoffs: {monthly: [\"32 08:00\", \"1 8:00\"]}"),
        layer("handoffs: {weekly: [\"mun 09:00\"], every: 0}"),
        layer("handoffs: {daily: [], every: x}"),
        layer("handoffs: {every: 2}"),
        layer("handoffs: {daily: [\"24:00\"]}"),
        layer("clock: wall"),
        layer("handoffs: {weekly: [\"fri 15:55\", \"mon 09:00\", \"fri 15:55\"]}"),
    );
    assert_at(&text, "invalid-rotation", &[(7, 62), (8, 58)]);
    assert_at(
        &text,
        "invalid-handoffs",
        &[(9, 80), (10, 70), (11, 72), (12, 92), (14, 62), (17, 97)],
    );
    assert_at(&text, "invalid-time", &[(11, 84), (15, 70)]);
    assert_at(&text, "invalid-weekday", &[(12, 71)]);
    assert_at(&text, "empty-list", &[(13, 69)]);
    assert_at(&text, "wrong-type", &[(13, 80)]);
    assert_at(&text, "missing-key", &[(16, 10)]);
}

/// The events layer's codes, in `EVENTS_DOC`.
const EVENTS: &[(&str, &[(u32, u32)])] = &[
    ("invalid-layer", &[(6, 27)]),
    ("invalid-event", &[(8, 25), (9, 57)]),
    ("rrule-invalid-part", &[(10, 77)]),
    ("rrule-unknown-part", &[(11, 77)]),
    ("rrule-duplicate-part", &[(12, 85)]),
    ("rrule-missing-freq", &[(13, 66)]),
    ("rrule-invalid-value", &[(14, 84)]),
    ("rrule-part-not-allowed", &[(15, 77)]),
    ("rrule-count-and-until", &[(16, 77)]),
];

const EVENTS_DOC: &str = "version: 1
timezone: UTC
people: [{id: ann}]
schedules:
  - id: s
    layers: [{events: [], shift: 1d}]
  - id: t
    layers: [{events: [{from: 2026-03-01, to: 2026-03-02},
        {person: ann, from: 2026-03-01, to: 2026-03-02, except: [2026-03-01]},
        {person: ann, from: 2026-03-01, to: 2026-03-02, repeat: \"FREQ=DAILY;COUNT\"},
        {person: ann, from: 2026-03-01, to: 2026-03-02, repeat: \"FREQ=DAILY;BYDAYS=MO\"},
        {person: ann, from: 2026-03-01, to: 2026-03-02, repeat: \"FREQ=DAILY;COUNT=1;COUNT=2\"},
        {person: ann, from: 2026-03-01, to: 2026-03-02, repeat: \"INTERVAL=2\"},
        {person: ann, from: 2026-03-01, to: 2026-03-02, repeat: \"FREQ=DAILY;BYHOUR=25\"},
        {person: ann, from: 2026-03-01, to: 2026-03-02, repeat: \"FREQ=DAILY;BYWEEKNO=3\"},
        {person: ann, from: 2026-03-01, to: 2026-03-02, repeat: \"FREQ=DAILY;COUNT=3;UNTIL=20260401\"}]}]
";

#[test]
fn events_layer_codes_at_their_positions() {
    let diagnostics = escalator::check(EVENTS_DOC);
    for (code, expected) in EVENTS {
        assert_eq!(
            &positions(EVENTS_DOC, &diagnostics, code),
            expected,
            "code `{code}`: {diagnostics:#?}"
        );
    }
}
