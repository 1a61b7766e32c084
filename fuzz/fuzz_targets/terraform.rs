//! Arbitrary bytes as a Terraform module of one or two files (the first
//! byte picks where to cut and the second file's name): the reader answers
//! with diagnostics and values whose spans lie inside the texts, never a
//! panic (the checks of `tests/fuzzing_terraform`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzzing_terraform/mod.rs"]
mod fuzzing_terraform;

fuzz_target!(|data: &[u8]| {
    let files = fuzzing_terraform::files_from_bytes(data);
    fuzzing_terraform::check(&files, &[]);
});
