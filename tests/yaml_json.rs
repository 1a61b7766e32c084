//! The same document in YAML and in JSON gives the same model (spans
//! aside: they point into different texts).

use escalator::Evaluator;

/// The model's debug form with every `Span { start: .., end: .. }` blanked.
fn without_spans(text: &str) -> String {
    let evaluator = Evaluator::new(text).unwrap_or_else(|d| panic!("{d:#?}"));
    let debug = format!("{:?}", evaluator.model());
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    while let Some(i) = rest.find("Span { start: ") {
        out.push_str(&rest[..i]);
        out.push_str("Span");
        let after = &rest[i..];
        let close = after.find('}').expect("span closes");
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .expect("example exists")
}

#[test]
fn each_example_gives_the_same_model_in_yaml_and_json() {
    for name in [
        "startup-follow-the-sun",
        "midsize-company",
        "union-overrides",
    ] {
        let yaml = without_spans(&read(&format!("examples/{name}.yaml")));
        let json = without_spans(&read(&format!("examples/json/{name}.json")));
        assert!(yaml.len() > 500, "{name}: the model is not trivial");
        assert_eq!(yaml, json, "{name}");
    }
}

#[test]
fn the_comparison_can_fail() {
    let yaml = without_spans("version: 1\ntimezone: UTC\npeople: [{id: ana, name: Ana}]\n");
    let json = without_spans(
        r#"{"version": 1, "timezone": "UTC", "people": [{"id": "ana", "name": "Anna"}]}"#,
    );
    assert_ne!(yaml, json);
}

#[test]
fn json_specifics_parse() {
    // Compact JSON, escapes, tabs, a `\u` escape and numbers.
    let text = "{\"version\":1,\"timezone\":\"Europe\\/Berlin\",\n\t\"people\":[{\"id\":\"zo\\u00eb\",\"name\":\"Zo\\u00eb\"}],\"policies\":[]}";
    let evaluator = Evaluator::new(text).unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(evaluator.model().people[0].id.value, "zoë");
    assert_eq!(evaluator.model().timezone, chrono_tz::Europe::Berlin);
}

#[test]
fn json_surrogate_pairs_read_as_the_character() {
    // ASCII-only JSON (Python's json.dumps default) escapes emoji as pairs.
    let text = r#"{"version": 1, "timezone": "UTC", "people": [{"id": "fire", "name": "\ud83d\ude92 crew \u00e9"}], "schedules": [{"id": "s", "layers": [{"members": ["fire"], "shift": "1d", "handoff": "2026-01-01"}]}], "policies": [{"id": "p", "steps": [{"notify": [{"person": "fir\u00e9"}], "escalate_after": "5m"}]}]}"#;
    let diagnostics = escalator::check(text);
    let unknown = diagnostics
        .iter()
        .find(|d| d.code == "unknown-reference")
        .expect("reported");
    // The span still points at the right place in the original text.
    assert_eq!(
        &text[unknown.span.start as usize..unknown.span.end as usize],
        r#""fir\u00e9""#
    );
    let fixed = text.replace(r"fir\u00e9", "fire");
    let evaluator = Evaluator::new(&fixed).unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(
        evaluator.model().people[0].name.as_deref(),
        Some("🚒 crew é")
    );
}
