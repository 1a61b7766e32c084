//! The AwsIncidentManager importer on any input, never a panic: raw bytes as up to
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
        "get-contact.json",
        include_str!("../../tests/fixtures/import/aws/api/get-contact.json"),
    ),
    (
        "list-rotations.json",
        include_str!("../../tests/fixtures/import/aws/api/list-rotations.json"),
    ),
    (
        "payments-oncall.yaml",
        include_str!("../../tests/fixtures/import/aws/cloudformation-yaml/payments-oncall.yaml"),
    ),
    (
        "platform-oncall.json",
        include_str!("../../tests/fixtures/import/aws/cloudformation-json/platform-oncall.json"),
    ),
    (
        "rotations.tf",
        include_str!("../../tests/fixtures/import/aws/terraform/rotations.tf"),
    ),
];

fuzz_target!(|data: &[u8]| {
    let files =
        fuzzing::files_from_bytes(data, &["template.yaml", "rotations.json", "main.tf"], SEEDS);
    fuzzing::check(&files, Vendor::AwsIncidentManager, &[]);
});
