//! Structure-aware: the bytes are the choices of the document generator of
//! `tests/fuzzing` (plausible documents with DST-edge handoffs, absurd
//! durations, every override kind...), then every query over random
//! windows, as `tests/fuzz_engine.rs` does.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzzing/mod.rs"]
mod fuzzing;

fuzz_target!(|data: &[u8]| {
    let list: Vec<u32> = data
        .chunks(2)
        .map(|c| u32::from(c[0]) | u32::from(*c.get(1).unwrap_or(&0)) << 8)
        .collect();
    let mut c = fuzzing::Choices::new(&list);
    let text = fuzzing::document(&mut c);
    fuzzing::check_text(&text, &mut c);
    if let Ok(ev) = escalator::Evaluator::new(&text) {
        fuzzing::query_everything(&ev, &mut c);
    }
});
