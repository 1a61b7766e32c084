//! A complete import is a document `escalator check` finds no error in:
//! a source value the document cannot state is an error of the importer at
//! its span (durations of at most 100 years and `repeat` up to 20, SPEC
//! section 1 and the model's limits), and a reference never points at an
//! object that was not imported. One case per importer, each from a value
//! fuzzing found; and `escalator::import_document`, which reads the
//! document back, adds nothing to an import the importers got right.

#[path = "import_support/mod.rs"]
mod support;

use escalator::diagnostic::Severity;
use escalator::import::{import, Import, ImportOptions, SourceFile, Vendor};
use support::*;

/// The source text each error diagnostic points at, as `code: text`.
fn errors_at(files: &[SourceFile], result: &Import) -> Vec<String> {
    result
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.severity == Severity::Error)
        .map(|d| {
            let s = d.diagnostic.span;
            let text = &files[d.file].text[s.start as usize..s.end as usize];
            format!("{}: {text}", d.diagnostic.code)
        })
        .collect()
}

fn import_as(vendor: Vendor, files: &[SourceFile]) -> Import {
    let options = ImportOptions {
        from: Some(vendor),
        ..ImportOptions::default()
    };
    import(files, &options).expect("recognised")
}

/// PagerDuty's `num_loops` (at most 9 in PagerDuty, 20 in a document),
/// `escalation_delay_in_minutes`, `rotation_turn_length_seconds` and a
/// contact rule's `start_delay_in_minutes` beyond 100 years.
#[test]
fn pagerduty_values_the_document_cannot_state_are_errors_at_their_span() {
    let text = r#"{"users": [{"id": "PU1", "type": "user", "name": "Ann", "email": "ann@example.com", "time_zone": "UTC",
  "contact_methods": [{"id": "PC1", "type": "email_contact_method", "address": "ann@example.com"}],
  "notification_rules": [{"id": "PN1", "type": "assignment_notification_rule", "urgency": "high", "start_delay_in_minutes": 60000000,
     "contact_method": {"id": "PC1", "type": "email_contact_method_reference"}}]}],
 "schedules": [{"id": "PSCH1", "type": "schedule", "name": "Tiny", "time_zone": "UTC",
 "schedule_layers": [
  {"id": "PL1", "name": "Layer 1", "start": "2026-01-01T00:00:00Z", "end": null,
   "rotation_virtual_start": "2026-01-01T00:00:00Z", "rotation_turn_length_seconds": 9223372036854775807,
   "users": [{"user": {"id": "PU1", "type": "user_reference"}}]},
  {"id": "PL2", "name": "Layer 2", "start": "2026-01-01T00:00:00Z", "end": null,
   "rotation_virtual_start": "2026-01-01T00:00:00Z", "rotation_turn_length_seconds": 86400,
   "users": [{"user": {"id": "PU1", "type": "user_reference"}}]}]}],
 "escalation_policies": [{"id": "PEP1", "name": "P", "num_loops": 50, "escalation_rules": [
   {"id": "R1", "escalation_delay_in_minutes": 9223372036854775807, "targets": [{"id": "PSCH1", "type": "schedule_reference"}]},
   {"id": "R2", "escalation_delay_in_minutes": 30, "targets": [{"id": "PSCH1", "type": "schedule_reference"}]}]}]}"#;
    let files = [SourceFile::new("pd.json", text)];
    let result = import_as(Vendor::PagerDuty, &files);
    assert_eq!(
        errors_at(&files, &result),
        [
            "import-invalid-value: 60000000",
            "import-invalid-value: 9223372036854775807",
            "import-invalid-value: 50",
            "import-invalid-value: 9223372036854775807",
        ]
    );
    // What is written is valid: `repeat: 20`, the other layer and rule.
    assert_eq!(check_errors(&result), Vec::<String>::new());
    assert!(
        result.document.contains("repeat: 20"),
        "{}",
        result.document
    );
}

/// Opsgenie: a turn of 9000 weeks (over 100 years) is an error; an
/// `endDate` at the end of year 9999 UTC, which is year 10000 in Berlin, is
/// written in UTC.
#[test]
fn opsgenie_turns_over_100_years_are_errors_and_far_ends_stay_writable() {
    let text = r#"{"data": [
 {"id": "u1", "username": "ann@example.com", "fullName": "Ann A"},
 {"id": "s1", "name": "sched", "timezone": "Europe/Berlin", "enabled": true, "rotations": [
   {"id": "r1", "name": "rot", "startDate": "2026-03-02T08:00:00Z", "type": "weekly", "length": 9000,
    "participants": [{"type": "user", "id": "u1"}]},
   {"id": "r2", "name": "rot2", "startDate": "2026-01-01T00:00:00Z", "endDate": "9999-12-31T23:59:59Z", "type": "hourly", "length": 1,
    "participants": [{"type": "user", "id": "u1"}]}
 ]}
], "took": 1, "requestId": "r"}"#;
    let files = [SourceFile::new("og.json", text)];
    let result = import_as(Vendor::Opsgenie, &files);
    assert_eq!(errors_at(&files, &result), ["import-invalid-value: 9000"]);
    assert_eq!(check_errors(&result), Vec::<String>::new());
    assert!(
        result.document.contains("until: \"9999-12-31T23:59:59Z\""),
        "{}",
        result.document
    );
}

/// AWS: a stage of more than 100 years is an error; the plan is left out.
#[test]
fn aws_stages_over_100_years_are_errors() {
    let text = fixture("aws/api/get-contact.json").replace(
        "{\"DurationInMinutes\": 15,",
        "{\"DurationInMinutes\": 60000000,",
    );
    let files = [SourceFile::new("get-contact.json", text)];
    let result = import_as(Vendor::AwsIncidentManager, &files);
    assert!(
        errors_at(&files, &result).contains(&"import-invalid-value: 60000000".to_string()),
        "{:#?}",
        result.diagnostics
    );
    assert_eq!(check_errors(&result), Vec::<String>::new());
}

/// Grafana OnCall: an escalation chain with no steps is not imported, and
/// the integration whose default route uses it is no service pointing at
/// a policy that is not there.
#[test]
fn grafana_references_to_chains_not_imported_are_dropped() {
    let mut files = files("grafana/api");
    for f in &mut files {
        if f.name == "escalation_policies.json" {
            f.text = f
                .text
                .lines()
                .filter(|l| !l.contains("\"escalation_chain_id\": \"F5JU6KJET33FE\""))
                .collect::<Vec<_>>()
                .join("\n")
                .replace("\"count\": 9", "\"count\": 5");
        }
    }
    let result = import_as(Vendor::GrafanaOnCall, &files);
    assert!(messages(&result, "import-empty-policy")
        .iter()
        .any(|m| m.contains("`payments`")));
    assert_eq!(check_errors(&result), Vec::<String>::new());
}

/// GoAlert: two policies without `id` are two policies, not one id twice.
#[test]
fn goalert_objects_without_ids_get_ids_of_their_own() {
    let text = fixture("goalert/api/policies.json")
        .replace("\"id\": \"e5ca1a70-0000-4000-8000-000000000001\",", "")
        .replace("\"id\": \"e5ca1a70-0000-4000-8000-000000000002\",", "");
    let files = [SourceFile::new("policies.json", text)];
    let result = import_as(Vendor::GoAlert, &files);
    assert_eq!(check_errors(&result), Vec::<String>::new());
    assert!(
        result.document.contains("id: payments\n"),
        "{}",
        result.document
    );
    assert!(
        result.document.contains("id: platform\n"),
        "{}",
        result.document
    );
}

/// Calendars: a series written as its occurrences whose occurrences last
/// no time (a date-time `DTSTART` without `DTEND` or `DURATION`, RFC 5545
/// section 3.6.1) puts nobody on call: left out with an info, never an
/// event that ends when it starts.
#[test]
fn calendar_occurrences_of_no_time_are_left_out() {
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:Acme\r\nBEGIN:STANDARD\r\n\
        DTSTART:19700101T000000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0500\r\nEND:STANDARD\r\n\
        END:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:n\r\nSUMMARY:Heidi\r\n\
        DTSTART;TZID=Acme:20260306T220000\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEND:VEVENT\r\n\
        END:VCALENDAR\r\n";
    let files = [SourceFile::new("rota.ics", text)];
    let result = import_as(Vendor::Calendar, &files);
    assert_eq!(
        messages(&result, "import-empty-event").len(),
        1,
        "{:#?}",
        result.diagnostics
    );
    assert_eq!(check_errors(&result), Vec::<String>::new());
}

/// The importers' limit on `repeat` is the model's (the import layer sits
/// below the model and keeps its own copy).
#[test]
fn the_importers_repeat_limit_is_the_models() {
    assert_eq!(
        escalator::import::MAX_REPEAT,
        escalator::model::read::MAX_REPEAT
    );
}

/// `import_document` is `import` plus the document read back: on imports
/// the importers got right it adds nothing, and an invalid document is
/// never complete.
#[test]
fn import_document_reads_the_document_back() {
    for dir in ["pagerduty/api", "grafana/api", "goalert/api", "aws/api"] {
        let files = files(dir);
        let options = ImportOptions::default();
        let a = import(&files, &options).expect("recognised");
        let b = escalator::import_document(&files, &options).expect("recognised");
        assert_eq!(a, b, "{dir}");
    }
    // An Opsgenie rotation of 9000 weeks, its error said by the importer.
    let text = r#"{"data": [{"id": "s1", "name": "sched", "timezone": "UTC", "enabled": true, "rotations": [
   {"id": "r1", "name": "rot", "startDate": "2026-03-02T08:00:00Z", "type": "weekly", "length": 9000,
    "participants": [{"type": "none"}]}]}], "took": 1, "requestId": "r"}"#;
    let files = [SourceFile::new("og.json", text)];
    let result = escalator::import_document(&files, &ImportOptions::default()).unwrap();
    assert!(!result.is_complete());
    assert!(result
        .diagnostics
        .iter()
        .all(|d| d.diagnostic.code != "import-invalid-output"));
}
