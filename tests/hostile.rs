//! Hostile input: every document finishes with diagnostics, never a panic,
//! a hang or unbounded memory. Property tests mutate the examples and
//! generate YAML-ish noise.

use escalator::diagnostic::{LineIndex, Severity};
use escalator::Evaluator;
use proptest::prelude::*;

fn codes(text: &str) -> Vec<&'static str> {
    escalator::check(text).iter().map(|d| d.code).collect()
}

#[test]
fn alias_bomb_is_cut_off() {
    let mut text =
        String::from("version: 1\ntimezone: UTC\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let mut prev = 'a';
    for name in "bcdefghijklmnop".chars() {
        text.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 10].join(", ")
        ));
        prev = name;
    }
    assert_eq!(codes(&text), ["alias-limit"]);
}

#[test]
fn small_aliases_are_expanded() {
    let text = "version: 1\ntimezone: UTC\npeople: [{id: ana}, {id: ben}]\nschedules:\n  - id: s\n    layers:\n      - {id: a, members: [ana], shift: 1d, handoff: 2026-01-01, restrictions: &office [{from: \"09:00\", to: \"17:00\"}]}\n      - {id: b, members: [ben], shift: 1d, handoff: 2026-01-01, restrictions: *office}\n";
    let evaluator = Evaluator::new(text).unwrap_or_else(|d| panic!("{d:#?}"));
    let layers = &evaluator.model().schedules[0].layers;
    assert_eq!(
        layers[0].restrictions[0].value,
        layers[1].restrictions[0].value
    );
}

#[test]
fn ten_thousand_levels_of_nesting() {
    let flow = format!(
        "version: 1\ntimezone: UTC\npeople: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    assert_eq!(codes(&flow), ["too-deep"]);
    let unclosed = format!("people: {}\n", "{a: ".repeat(10_000));
    assert_eq!(codes(&unclosed), ["too-deep"]);
    let unclosed = format!("people: {}", "{a: ".repeat(10_000));
    assert_eq!(codes(&unclosed), ["too-deep"]);
    let mut block = String::from("version: 1\ntimezone: UTC\npeople:\n");
    for depth in 0..2_000 {
        block.push_str(&" ".repeat(depth));
        block.push_str("- \n");
    }
    let found = codes(&block);
    assert!(
        found == ["too-deep"] || found == ["syntax-error"],
        "{found:?}"
    );
}

#[test]
fn absurd_numbers() {
    let text = "version: 123456789012345678901234567890\ntimezone: UTC\n";
    assert_eq!(codes(text), ["number-out-of-range", "wrong-type"]);
    let text = "version: 1e999999\ntimezone: UTC\n";
    assert_eq!(codes(text), ["number-out-of-range", "wrong-type"]);
    let digits = format!(
        "version: 1\ntimezone: UTC\npolicies: [{{id: p, repeat: {}, steps: []}}]\n",
        "9".repeat(1_000_000)
    );
    assert!(codes(&digits).contains(&"number-out-of-range"));
    let durations =
        "version: 1\ntimezone: UTC\nreview: {every: 99999999999999999999999999999999w}\n";
    assert_eq!(codes(durations), ["invalid-duration"]);
}

#[test]
fn five_megabyte_document_parses() {
    let mut text = String::from("version: 1\ntimezone: Europe/Berlin\npeople:\n");
    let mut i = 0;
    while text.len() < 5 << 20 {
        text.push_str(&format!(
            "  - {{id: person-{i}, name: Persön Nummer {i}, timezone: Europe/Berlin}}\n"
        ));
        i += 1;
    }
    let evaluator = Evaluator::new(&text).unwrap_or_else(|d| panic!("{:?}", &d[..d.len().min(3)]));
    assert_eq!(evaluator.model().people.len(), i);
}

/// What must hold for any text: diagnostics lie inside the text on char
/// boundaries, are sorted, and an evaluator is refused exactly when there
/// is an error.
fn check_invariants(text: &str) {
    let diagnostics = escalator::check(text);
    let index = LineIndex::new(text);
    for d in &diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end as usize <= text.len(),
            "{d:?}"
        );
        assert!(
            text.is_char_boundary(d.span.start as usize)
                && text.is_char_boundary(d.span.end as usize),
            "{d:?}"
        );
        assert_ne!(d.code, "internal-error", "{text:?}");
        let p = index.position(d.span.start);
        assert!(p.line as usize <= index.line_count());
    }
    assert!(diagnostics
        .windows(2)
        .all(|w| w[0].span.start <= w[1].span.start));
    let has_error = diagnostics.iter().any(|d| d.severity == Severity::Error);
    match Evaluator::new(text) {
        Ok(_) => assert!(!has_error),
        Err(errors) => assert!(has_error && errors.iter().any(|d| d.severity == Severity::Error)),
    }
}

const EXAMPLES: [&str; 4] = [
    include_str!("../examples/startup-follow-the-sun.yaml"),
    include_str!("../examples/midsize-company.yaml"),
    include_str!("../examples/union-overrides.yaml"),
    include_str!("../examples/broken.yaml"),
];

const PIECES: [&str; 32] = [
    "version: 1\n",
    "timezone: Europe/Berlin\n",
    "people:\n",
    "  - id: ana\n",
    "  - {id: zoë, name: Zoë}\n",
    "schedules:\n",
    "  - id: s\n",
    "    layers:\n",
    "      - members: [ana, [zoë], []]\n",
    "        shift: 1w\n",
    "        handoff: 2026-03-29T02:30\n",
    "        restrictions: [{from: \"fri 17:00\", to: \"mon 09:00\"}]\n",
    "policies:\n",
    "  - id: p\n",
    "    steps:\n",
    "      - notify: [{schedule: s}]\n",
    "        escalate_after: 15m\n",
    "&a ",
    "*a",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "\"",
    "'",
    "\t",
    "? ",
    "!!str ",
    "---\n",
    "99999999999999999999",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn mutated_examples_never_panic(which in 0usize..4, edits in prop::collection::vec((any::<u32>(), 0u8..3, any::<char>()), 1..8)) {
        let mut text = EXAMPLES[which].to_string();
        for (at, kind, c) in edits {
            let mut pos = at as usize % (text.len() + 1);
            while !text.is_char_boundary(pos) { pos -= 1; }
            match kind {
                0 => text.insert(pos, c),
                1 => { if pos < text.len() { text.remove(pos); } }
                _ => { let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i); text.replace_range(pos..line_end, ""); }
            }
        }
        check_invariants(&text);
    }

    #[test]
    fn yaml_noise_never_panics(pieces in prop::collection::vec(0usize..PIECES.len(), 0..60)) {
        let text: String = pieces.iter().map(|i| PIECES[*i]).collect();
        check_invariants(&text);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        check_invariants(&text);
    }
}

#[test]
fn nested_anchors_over_a_large_tree_stay_bounded() {
    // 60 nested anchors around 300 000 values: copying each level would
    // hold 18 million nodes; only copies within the alias budget are kept.
    let mut text = String::from("version: 1\ntimezone: UTC\nbig: ");
    for i in 0..60 {
        text.push_str(&format!("&a{i} ["));
    }
    text.push_str(&vec!["x"; 300_000].join(","));
    text.push_str(&"]".repeat(60));
    text.push_str("\nagain: *a0\n");
    assert_eq!(codes(&text), ["alias-limit"]);
    let small = "version: 1\ntimezone: UTC\npeople: &crew [{id: ana}]\nx: *crew\n";
    assert_eq!(codes(small), ["unknown-key"]);
}

#[test]
fn many_duplicate_keys_are_capped() {
    let mut text = String::from("version: 1\ntimezone: UTC\n");
    for _ in 0..5_000 {
        text.push_str("timezone: UTC\n");
    }
    let diagnostics = escalator::check(&text);
    assert_eq!(
        diagnostics
            .iter()
            .filter(|d| d.code == "duplicate-key")
            .count(),
        1_000
    );
    let summary: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.code == "too-many-diagnostics")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(summary, ["4000 more problems are not shown"]);
}
