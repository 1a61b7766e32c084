//! The GrafanaOnCall importer on any input, never a panic: raw bytes as up to
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
        "main.tf",
        include_str!("../../tests/fixtures/import/grafana/terraform/main.tf"),
    ),
    (
        "on_call_shifts.json",
        include_str!("../../tests/fixtures/import/grafana/api/on_call_shifts.json"),
    ),
    (
        "escalation_policies.json",
        include_str!("../../tests/fixtures/import/grafana/api/escalation_policies.json"),
    ),
    (
        "schedules.json",
        include_str!("../../tests/fixtures/import/grafana/api/schedules.json"),
    ),
];

fuzz_target!(|data: &[u8]| {
    let files = fuzzing::files_from_bytes(
        data,
        &["main.tf", "on_call_shifts.json", "schedules.json"],
        SEEDS,
    );
    fuzzing::check(&files, Vendor::GrafanaOnCall, &[]);
});
