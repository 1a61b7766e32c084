//! The GoAlert importer on any input, never a panic: raw bytes as up to
//! three files, or a fixture with byte edits, imported twice; spans stay
//! inside their files, the result is deterministic and a document reads
//! back as YAML (the checks of `tests/import_support/fuzzing.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

use escalator::import::Vendor;

#[path = "../../tests/import_support/fuzzing.rs"]
mod fuzzing;

const SEEDS: &[(&str, &str)] = &[
    (
        "rotations.json",
        include_str!("../../tests/fixtures/import/goalert/api/rotations.json"),
    ),
    (
        "schedules.json",
        include_str!("../../tests/fixtures/import/goalert/api/schedules.json"),
    ),
    (
        "overrides.json",
        include_str!("../../tests/fixtures/import/goalert/api/overrides.json"),
    ),
    (
        "policies.json",
        include_str!("../../tests/fixtures/import/goalert/api/policies.json"),
    ),
    (
        "users.json",
        include_str!("../../tests/fixtures/import/goalert/api/users.json"),
    ),
];

fuzz_target!(|data: &[u8]| {
    let files =
        fuzzing::files_from_bytes(data, &["export.json", "users.json", "policies.json"], SEEDS);
    fuzzing::check(&files, Vendor::GoAlert, &[]);
});
