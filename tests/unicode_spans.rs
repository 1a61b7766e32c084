//! Names with accents and emoji: machine output counts UTF-16 code units,
//! so a JavaScript editor underlines exactly the offending characters.

use escalator::output::diagnostics_json;

/// The UTF-16 slice `[start, end)` of `text`, as JavaScript's `substring`.
fn js_substring(text: &str, start: u32, end: u32) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16_lossy(&units[start as usize..end as usize])
}

#[test]
fn utf16_offsets_and_columns_underline_the_right_characters() {
    let text = "version: 1\ntimezone: UTC\npeople:\n  - {id: zoë, name: Zoë 🚒 Müller}\n  - {id: 🚒-crew}\npolicies:\n  - {id: p, steps: [{notify: [{person: \"🚒🚒 zoé\"}], escalate_after: 5m}]}\n";
    let diagnostics = escalator::check(text);
    let json = diagnostics_json(text, &diagnostics);
    let codes: Vec<&str> = json.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["invalid-id", "unknown-reference"]);
    let bad_id = &json[0];
    assert_eq!(
        js_substring(text, bad_id.span.start.offset, bad_id.span.end.offset),
        "🚒-crew"
    );
    assert_eq!((bad_id.span.start.line, bad_id.span.start.column), (5, 10));
    let reference = &json[1];
    assert_eq!(
        js_substring(text, reference.span.start.offset, reference.span.end.offset),
        "\"🚒🚒 zoé\""
    );
    // Column: `  - {id: p, steps: [{notify: [{person: ` is 39 UTF-16 units.
    assert_eq!(
        (reference.span.start.line, reference.span.start.column),
        (7, 40)
    );
    assert_eq!(
        (reference.span.end.line, reference.span.end.column),
        (7, 40 + 10)
    );
    // Byte offsets are given too, and slice the same text in Rust.
    let bytes =
        &text[reference.span.start.byte_offset as usize..reference.span.end.byte_offset as usize];
    assert_eq!(bytes, "\"🚒🚒 zoé\"");
}

#[test]
fn serialized_shape() {
    let text = "version: 1\ntimezone: Europe/Zürich\n";
    let json =
        serde_json::to_value(diagnostics_json(text, &escalator::check(text))).expect("serializes");
    assert_eq!(
        json,
        serde_json::json!([{
            "code": "invalid-timezone",
            "severity": "error",
            "message": "`Europe/Zürich` is not an IANA time zone",
            "help": "did you mean `Europe/Zurich`?",
            "why": null,
            "span": {
                "start": {"line": 2, "column": 11, "offset": 21, "byte_offset": 21},
                "end": {"line": 2, "column": 24, "offset": 34, "byte_offset": 35}
            },
            "labels": []
        }])
    );
}

#[test]
fn byte_order_mark_and_crlf_keep_positions() {
    let text = "\u{feff}version: 1\r\ntimezone: Europe/Berln\r\npeople: [{id: zoë}, {id: zoë}]\r\n";
    let json = diagnostics_json(text, &escalator::check(text));
    let at: Vec<(&str, u32, u32)> = json
        .iter()
        .map(|d| (d.code.as_str(), d.span.start.line, d.span.start.column))
        .collect();
    assert_eq!(at, [("invalid-timezone", 2, 11), ("duplicate-id", 3, 26)]);
    assert_eq!(
        js_substring(text, json[0].span.start.offset, json[0].span.end.offset),
        "Europe/Berln"
    );
}

#[test]
fn plan_target_spans_index_the_text_in_utf16() {
    let text = "version: 1\ntimezone: UTC\npeople: [{id: zoë, name: \"Zoë 😀\"}, {id: alice}]\npolicies:\n  - id: p\n    steps:\n      - {notify: [{person: alice}], escalate_after: 5m}\n";
    let ev = escalator::Evaluator::new(text).expect("valid");
    let plan = ev
        .plan(
            &escalator::PolicyChoice::Policy {
                policy: "p".into(),
                severity: None,
            },
            escalator::time::Timestamp(1_767_225_600),
        )
        .expect("plan");
    let why = &plan.plan[0].why[0];
    let [a, b] = why.target_span_bytes;
    assert_eq!(&text[a as usize..b as usize], "{person: alice}");
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let [a, b] = why.target_span;
    assert_eq!(
        String::from_utf16_lossy(&utf16[a as usize..b as usize]),
        "{person: alice}"
    );
    assert_ne!(why.target_span, why.target_span_bytes);
}
