//! Arbitrary bytes as a document: `check` answers with diagnostics whose
//! spans lie inside the text, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzzing/mod.rs"]
mod fuzzing;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    fuzzing::assert_spans(&text, &escalator::check(&text));
});
