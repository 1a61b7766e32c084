//! Engine-wide fuzzing: random but plausible documents (and line-level
//! mutations of the examples) through `check`, `check_at` and, when the
//! document is valid, every query over random windows (empty, reversed,
//! huge, at and past the engine's bounds). Each answer is Ok or a query
//! error, never a panic, and keeps cheap exact invariants (see
//! `tests/fuzzing/mod.rs`).
//!
//! The default case counts keep `cargo test` quick in debug builds; run
//! more with `PROPTEST_CASES=2000 cargo test --release --test fuzz_engine`.
//! `tests/hostile.rs` covers character-level noise through `check` only.

mod fuzzing;

use escalator::Evaluator;
use fuzzing::{check_text, document, mutate, query_everything, Choices};
use proptest::prelude::*;

const EXAMPLES: [&str; 5] = [
    include_str!("../examples/startup-follow-the-sun.yaml"),
    include_str!("../examples/midsize-company.yaml"),
    include_str!("../examples/union-overrides.yaml"),
    include_str!("../examples/payments.yaml"),
    include_str!("../examples/json/midsize-company.json"),
];

/// Cases per property unless `PROPTEST_CASES` says otherwise.
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Runs the whole battery on one text.
fn everything(text: &str, c: &mut Choices) {
    check_text(text, c);
    if let Ok(ev) = Evaluator::new(text) {
        query_everything(&ev, c);
    }
}

proptest! {
    #![proptest_config(config(32))]

    #[test]
    fn generated_documents_never_panic(list in prop::collection::vec(any::<u32>(), 0..400)) {
        let mut c = Choices::new(&list);
        let text = document(&mut c);
        everything(&text, &mut c);
    }

    #[test]
    fn mutated_examples_answer_every_query(which in 0usize..EXAMPLES.len(), edits in 0usize..6, list in prop::collection::vec(any::<u32>(), 0..200)) {
        let mut c = Choices::new(&list);
        let text = mutate(EXAMPLES[which], &mut c, edits);
        everything(&text, &mut c);
    }

    #[test]
    fn mutated_generated_documents_never_panic(edits in 1usize..5, list in prop::collection::vec(any::<u32>(), 0..400)) {
        let mut c = Choices::new(&list);
        let text = document(&mut c);
        let text = mutate(&text, &mut c, edits);
        everything(&text, &mut c);
    }
}

/// The generator is not vacuous: most of its documents are valid, so the
/// queries above do run.
#[test]
fn most_generated_documents_are_valid() {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut valid = 0;
    for _ in 0..40 {
        let list: Vec<u32> = (0..300)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 32) as u32
            })
            .collect();
        let text = document(&mut Choices::new(&list));
        valid += usize::from(Evaluator::new(&text).is_ok());
    }
    assert!(
        valid >= 10,
        "only {valid} of 40 generated documents are valid"
    );
}

/// The simplest document (every choice 0) is valid and queried in full.
#[test]
fn the_simplest_generated_document_is_valid() {
    let text = document(&mut Choices::new(&[]));
    let ev = Evaluator::new(&text).unwrap_or_else(|d| panic!("{text}\n{d:#?}"));
    query_everything(&ev, &mut Choices::new(&[]));
}
