//! The AWS Incident Manager importer: fixtures written here (realistic,
//! anonymised API responses, CloudFormation templates in YAML and JSON, a
//! Terraform module using both the `aws` and `awscc` providers), the whole
//! document the API export gives, the diagnostics with file, line and
//! column, and who is on call and who is paged in the IMPORTED documents.
//!
//! AWS documents its plans (the API reference's `Stage` and
//! `ContactTargetInfo`) and hardly its rotations; where it is silent the
//! answers follow issue 13's reading, which the importer states in an
//! `aws-unverified` info, and each test names which it relies on.
//! (`ListPreviewRotationShifts` would settle the rotation rules; recording
//! it needs an account that still has Incident Manager.)
//!
//! Fixtures (tests/fixtures/import/aws/):
//! - `api/`: `list-contacts`, several `get-contact` outputs in one array,
//!   `list-rotations` (`payments-weekday`: two handoffs a week, Mon 09:00
//!   and Fri 15:55 Dublin, covered Mon, Tue and Fri 07:00-19:00, so the
//!   Monday coverage starts before the Monday handoff; `payments-monthly`:
//!   New York, hands off on the 1st at 04:00, covered only on Mondays),
//!   `list-rotation-overrides` (carol for a day), `list-contact-channels`
//!   (one not activated). The escalation plan's last stage lasts 0 minutes.
//! - `cloudformation-yaml/`: short-form `!GetAtt`/`!Ref`, a parameter, a
//!   separate `AWS::SSMContacts::Plan`, a `StartTime` without offset.
//! - `cloudformation-json/`: long-form `Fn::GetAtt`, two people per turn,
//!   two handoffs a day, a non-essential target.
//! - `terraform/`: contacts, channels and plans by `for_each`, the `aws`
//!   provider's rotation (blocks, `dynamic` coverages) and the `awscc`
//!   one's (attributes, `start_time` without offset), the `awscc` plan that
//!   attaches both rotations to the on-call schedule.

#[path = "import_support/mod.rs"]
mod support;

use escalator::import::{Format, Vendor};
use support::*;

// ---- the whole document ------------------------------------------------------

#[test]
fn the_api_export_imports_to_exactly_this_document() {
    let (_, result) = import_dir("aws/api");
    let expected = fixture("aws/api.expected.yaml");
    assert_eq!(result.document, expected, "\n{}", result.document);
    assert!(result.is_complete(), "{:#?}", result.diagnostics);
}

#[test]
fn every_format_is_recognised() {
    for (dir, format, files) in [
        ("aws/api", Format::Api, 5),
        ("aws/cloudformation-yaml", Format::CloudFormation, 1),
        ("aws/cloudformation-json", Format::CloudFormation, 1),
        ("aws/terraform", Format::Terraform, 2),
    ] {
        let (_, result) = import_dir(dir);
        assert_eq!(result.detected.len(), files, "{dir}");
        for d in &result.detected {
            assert_eq!(
                (d.vendor, d.format),
                (Some(Vendor::AwsIncidentManager), Some(format)),
                "{dir}"
            );
        }
    }
    let (_, api) = import_dir("aws/api");
    assert_eq!(
        api.summary(),
        "AWS Incident Manager API, 5 files: 5 people, 2 schedules, 1 policy"
    );
}

#[test]
fn importing_twice_gives_the_same_bytes() {
    for dir in [
        "aws/api",
        "aws/cloudformation-yaml",
        "aws/cloudformation-json",
        "aws/terraform",
    ] {
        let (_, a) = import_dir(dir);
        let (_, b) = import_dir(dir);
        assert_eq!(a.document, b.document, "{dir}");
        assert_eq!(a.diagnostics, b.diagnostics, "{dir}");
    }
}

#[test]
fn every_diagnostic_points_into_its_file() {
    let (files, result) = import_dir("aws/api");
    assert_eq!(
        located(&files, &result),
        [
            "get-contact.json:9:221: info[import-not-imported]",
            "get-contact.json:26:3: info[aws-zones]",
            "get-contact.json:36:3: info[aws-unverified]",
            "get-contact.json:48:31: info[aws-zero-stage]",
            "list-contact-channels.json:6:5: warning[aws-channel-not-activated]",
            "list-rotation-overrides.json:3:5: info[aws-unverified]",
            "list-rotations.json:9:21: info[aws-unverified]",
            "list-rotations.json:17:19: info[aws-unverified]",
            "list-rotations.json:19:19: info[aws-unverified]",
            "list-rotations.json:34:19: info[aws-unverified]",
        ]
    );
}

#[test]
fn what_aws_leaves_unsaid_is_said_where_it_matters() {
    let (_, result) = import_dir("aws/api");
    let unverified = messages(&result, "aws-unverified");
    assert!(
        unverified
            .iter()
            .any(|m| m.contains("hands off 2 times a period")),
        "{unverified:#?}"
    );
    assert!(unverified.iter().any(|m| m
        .contains("Coverage that starts before the day's handoff belongs to the previous shift")));
    assert!(unverified
        .iter()
        .any(|m| m.contains("when the monthly handoff day is a mon")));
    assert!(unverified
        .iter()
        .any(|m| m.contains("`on_empty_step: wait`")));
    assert!(unverified
        .iter()
        .any(|m| m.contains("whole span, covered or not")));
    // The 0-minute last stage: the API's text, not the issue's.
    assert_eq!(
        messages(&result, "aws-zero-stage"),
        ["a stage of 0 minutes: \"The time to wait until beginning the next stage\" is 0, so as the last stage the plan ends when it begins (`escalate_after: 0m`)"]
    );
}

// ---- CloudFormation -----------------------------------------------------------

#[test]
fn a_cloudformation_start_time_without_offset_asks_for_its_zone() {
    let (files, result) = import_dir("aws/cloudformation-yaml");
    assert!(!result.is_complete());
    assert_eq!(result.needed.len(), 1);
    let needed = &result.needed[0];
    assert_eq!(needed.name, "WeekdayRotation.StartTime");
    assert_eq!(needed.example.as_deref(), Some("Europe/Dublin"));
    assert_eq!(
        position_of(
            &files,
            &result,
            "payments-oncall.yaml",
            "import-value-needed"
        ),
        Some((69, 18))
    );
    // Never a guess: the rotation waits for the value.
    assert!(
        !result.document.contains("payments-weekday"),
        "{}",
        result.document
    );
    assert!(result.document.contains("layers: []"));

    // The rotation's zone: the local time is written as it is.
    let zone = import_files(&files, &[("WeekdayRotation.StartTime", "Europe/Dublin")]);
    assert!(zone.needed.is_empty());
    assert!(
        zone.document.contains("handoff: \"2026-01-05T09:00\"\n"),
        "{}",
        zone.document
    );
    // An offset: the instant.
    let offset = import_files(&files, &[("WeekdayRotation.StartTime", "+01:00")]);
    assert!(
        offset
            .document
            .contains("handoff: \"2026-01-05T08:00:00Z\"\n"),
        "{}",
        offset.document
    );
    assert_eq!(messages(&offset, "aws-start-time").len(), 1);
    // Something else: said.
    let bad = import_files(&files, &[("WeekdayRotation.StartTime", "soon")]);
    assert!(messages(&bad, "import-invalid-value")
        .iter()
        .any(|m| m.contains("is not an offset")));
}

#[test]
fn cloudformation_references_and_parameters_are_followed() {
    let (files, result) = import_dir("aws/cloudformation-yaml");
    let doc = &result.document;
    // `Alias: !Ref OnCallAlias` (a parameter's `Default`) names the schedule.
    assert!(doc.contains("- id: payments-oncall\n"), "{doc}");
    // `!GetAtt OnCall.Arn` is the on-call schedule; `!Ref Carol` the person.
    assert!(doc.contains("- {schedule: payments-oncall}"));
    assert!(doc.contains("- {person: carol}"));
    // The separate `AWS::SSMContacts::Plan` is Alice's engagement plan;
    // the channel with `DeferActivation: true` cannot be engaged yet.
    assert!(doc.contains("- {via: sms, after: 0m, to: \"+353800000001\"}"));
    assert_eq!(messages(&result, "aws-channel-not-activated").len(), 1);
    // No CloudFormation tag is reported as unsupported YAML.
    assert!(result
        .diagnostics
        .iter()
        .all(|d| d.diagnostic.code != "unsupported-tag"));
    assert_eq!(
        located(&files, &result),
        [
            "payments-oncall.yaml:31:7: warning[aws-channel-not-activated]",
            "payments-oncall.yaml:43:92: info[import-not-imported]",
            "payments-oncall.yaml:69:18: error[import-value-needed]",
            "payments-oncall.yaml:72:9: info[aws-unverified]",
            "payments-oncall.yaml:82:7: info[import-not-imported]",
            "payments-oncall.yaml:96:7: info[aws-unverified]",
            "payments-oncall.yaml:103:30: info[aws-zero-stage]",
            "payments-oncall.yaml:106:3: info[import-not-imported]",
            "payments-oncall.yaml:111:1: info[import-not-imported]",
        ]
    );
}

#[test]
fn cloudformation_json_reads_long_form_functions_and_shared_turns() {
    let (_, result) = import_dir_with(
        "aws/cloudformation-json",
        &[("TwiceDaily.StartTime", "Europe/Berlin")],
    );
    let doc = &result.document;
    // NumberOfOnCalls 2 over 3 contacts: consecutive pairs, wrapping.
    assert!(
        doc.contains("members: [[dana, eli], [fay, dana], [eli, fay]]"),
        "{doc}"
    );
    assert!(doc.contains("handoffs: {daily: [\"09:00\", \"21:00\"]}"));
    assert!(doc.contains("- {person: fay, essential: false}"));
    assert!(result.is_complete(), "{:#?}", result.diagnostics);
    assert!(messages(&result, "aws-unverified")
        .iter()
        .any(|m| m.contains("which 2 contacts share a turn")));
}

#[test]
fn the_cli_asks_for_the_start_time_and_takes_it_as_a_var() {
    // `escalator import` exits 1 while a value is needed, and says how to
    // give it; the same `--var` that answers Terraform variables answers it.
    let dir = format!("{FIXTURES}/aws/cloudformation-yaml");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_escalator"))
        .args(["import", &dir])
        .output()
        .expect("run escalator");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("needed: `WeekdayRotation.StartTime` (the UTC offset or time zone of rotation `payments_weekday`'s `StartTime` (2026-01-05T09:00)): pass `--var WeekdayRotation.StartTime=Europe/Dublin`"),
        "{stderr}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_escalator"))
        .args([
            "import",
            &dir,
            "--var",
            "WeekdayRotation.StartTime=Europe/Dublin",
        ])
        .output()
        .expect("run escalator");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("handoff: \"2026-01-05T09:00\""));
}

// ---- Terraform -------------------------------------------------------------------

#[test]
fn terraform_reads_both_providers_and_asks_for_the_awscc_start_time() {
    let (files, result) = import_dir("aws/terraform");
    assert_eq!(result.needed.len(), 1);
    assert_eq!(
        result.needed[0].name,
        "awscc_ssmcontacts_rotation.monthly.start_time"
    );
    let answered = import_files(
        &files,
        &[(
            "awscc_ssmcontacts_rotation.monthly.start_time",
            "America/New_York",
        )],
    );
    assert!(answered.is_complete(), "{:#?}", answered.diagnostics);
    let doc = &answered.document;
    // The awscc plan attaches both rotations: two zones, two schedules.
    assert!(doc.contains("- id: payments-oncall-europe-dublin"), "{doc}");
    assert!(doc.contains("- id: payments-oncall-america-new-york"));
    // The aws provider's blocks: hand-off times and `dynamic` coverages.
    assert!(doc.contains("handoffs: {weekly: [\"mon 09:00\", \"fri 15:55\"]}"));
    assert!(doc.contains("- {days: [mon, tue, fri], from: \"07:00\", to: \"19:00\"}"));
    // The awscc rotation's attributes.
    assert!(doc.contains("handoffs: {monthly: [\"1 04:00\"]}"));
    assert!(doc.contains("- {via: sms, after: 0m, to: \"+15550100004\"}"));
    assert!(doc.contains("- {person: dan, essential: false}"));
}

// ---- on-call answers and plans on the imported documents ---------------------------

#[test]
fn two_handoffs_a_week_with_coverage_before_the_monday_handoff() {
    // Turns change at each `WeeklySettings` point (issue 13: "weekly_settings
    // with several handoff days a week, which makes shifts of unequal
    // length (Mon 09:00 to Fri 15:55 to Mon 09:00)"); ContactIds order is
    // the shift order ("The order that you list the contacts in is their
    // shift order", CreateRotation); coverage only hides, so Monday's
    // 07:00-09:00 shows the turn that began on Friday (issue 13: "Coverage
    // that starts before the day's handoff belongs to the previous shift").
    // Turns from Mon 2026-01-05 09:00: alice, bob (Fri 9), carol (Mon 12),
    // alice (Fri 16). Dublin is on UTC in January.
    let (_, result) = import_dir("aws/api");
    let ev = evaluator(&result);
    assert_eq!(
        shifts(
            &ev,
            "payments-oncall-europe-dublin",
            "2026-01-12T00:00:00Z",
            "2026-01-17T00:00:00Z"
        ),
        vec![
            shift("2026-01-12T00:00:00Z", "2026-01-12T07:00:00Z", ""),
            shift("2026-01-12T07:00:00Z", "2026-01-12T09:00:00Z", "bob"),
            shift("2026-01-12T09:00:00Z", "2026-01-12T19:00:00Z", "carol"),
            shift("2026-01-12T19:00:00Z", "2026-01-13T07:00:00Z", ""),
            shift("2026-01-13T07:00:00Z", "2026-01-13T19:00:00Z", "carol"),
            shift("2026-01-13T19:00:00Z", "2026-01-16T07:00:00Z", ""),
            shift("2026-01-16T07:00:00Z", "2026-01-16T15:55:00Z", "carol"),
            shift("2026-01-16T15:55:00Z", "2026-01-16T19:00:00Z", "alice"),
            shift("2026-01-16T19:00:00Z", "2026-01-17T00:00:00Z", ""),
        ]
    );
}

#[test]
fn a_monthly_rotation_covered_only_on_mondays() {
    // `MonthlySettings` {1, 04:00} in America/New_York from 2026-01-01:
    // dan (January), erin (February), dan, erin, dan (May), erin (June);
    // `ShiftCoverages` MON 00:00-23:59 only.
    let (_, result) = import_dir("aws/api");
    let ev = evaluator(&result);
    let ny = "payments-oncall-america-new-york";
    assert_eq!(on_call(&ev, ny, "2026-01-05T17:00:00Z"), people(&["dan"])); // Mon Jan 5, 12:00 EST
    assert_eq!(on_call(&ev, ny, "2026-01-06T17:00:00Z"), people(&[])); // Tuesday
    assert_eq!(on_call(&ev, ny, "2026-02-02T17:00:00Z"), people(&["erin"]));
    assert_eq!(on_call(&ev, ny, "2026-01-06T04:59:30Z"), people(&[])); // Mon 23:59:30: after 23:59
                                                                       // Mon 2026-06-01 is a handoff day: the previous turn until 04:00 EDT.
    assert_eq!(on_call(&ev, ny, "2026-06-01T07:00:00Z"), people(&["dan"]));
    assert_eq!(on_call(&ev, ny, "2026-06-01T09:00:00Z"), people(&["erin"]));
}

#[test]
fn a_rotation_override_replaces_the_turn_for_its_whole_span() {
    // CreateRotationOverride: "The Amazon Resource Names (ARNs) of the
    // contacts to replace those in the current on-call rotation with".
    // 2026-02-09T09:00Z-2026-02-10T09:00Z is bob's turn (turn 10).
    let (_, result) = import_dir("aws/api");
    let ev = evaluator(&result);
    let dub = "payments-oncall-europe-dublin";
    assert_eq!(
        on_call(&ev, dub, "2026-02-09T08:00:00Z"),
        people(&["alice"])
    );
    assert_eq!(
        on_call(&ev, dub, "2026-02-09T10:00:00Z"),
        people(&["carol"])
    );
    // Outside coverage too (AWS does not say; the importer says so).
    assert_eq!(
        on_call(&ev, dub, "2026-02-09T20:00:00Z"),
        people(&["carol"])
    );
    assert_eq!(on_call(&ev, dub, "2026-02-10T10:00:00Z"), people(&["bob"]));
}

#[test]
fn the_escalation_plan_runs_its_stages_and_ends_with_the_0_minute_stage() {
    // Stage API: "DurationInMinutes — The time to wait until beginning the
    // next stage"; stage 1 at 0 (both zones' schedules: bob before the
    // Monday handoff in Dublin, dan in New York's January turn), stage 2
    // at 15 min (carol, and dan as a non-essential target), stage 3 at 25
    // min (erin); its 0 minutes end the plan at 25 min.
    let (_, result) = import_dir("aws/api");
    let ev = evaluator(&result);
    let (pages, exhausted) = plan(&ev, "payments-escalation", "2026-01-12T08:00:00Z");
    assert_eq!(
        pages,
        vec![
            (0, 1, 1, people(&["bob", "dan"])),
            (900, 1, 2, people(&["carol", "dan"])),
            (1500, 1, 3, people(&["erin"])),
        ]
    );
    assert_eq!(exhausted, 1500);
}

#[test]
fn only_essential_acknowledgements_stop_the_plan_in_the_simulator() {
    // ContactTargetInfo: "IsEssential — A Boolean value determining if the
    // contact's acknowledgement stops the progress of stages in the plan".
    // On Tuesday 2026-01-13 the New York schedule (Mondays only) has
    // nobody, so dan is paged at 15 min through a non-essential target
    // only: his acknowledgement does not stop stage 3; carol's does.
    let (_, result) = import_dir("aws/api");
    let ev = evaluator(&result);
    let third_stage_fires = |who: &str| {
        let text = format!(
            "incident: {{policy: payments-escalation, at: 2026-01-13T08:00:00Z}}\nresponders:\n  default: never\n  {who}: {{ack_after: 1m}}\n"
        );
        let sc = ev.scenario(&text, None).expect("scenario");
        let sim = ev.simulate(sc).expect("simulation");
        escalator::output::simulation::SimulationOutput::new(&sim)
            .events
            .iter()
            .any(|e| e.kind == "step_fired" && e.step == Some(3))
    };
    assert!(third_stage_fires("dan"));
    assert!(!third_stage_fires("carol"));
}

#[test]
fn the_cloudformation_rotation_answers_once_its_zone_is_given() {
    let (_, result) = import_dir_with(
        "aws/cloudformation-yaml",
        &[("WeekdayRotation.StartTime", "Europe/Dublin")],
    );
    let ev = evaluator(&result);
    // As the API fixture, without Tuesday's coverage.
    assert_eq!(
        on_call(&ev, "payments-oncall", "2026-01-12T08:00:00Z"),
        people(&["bob"])
    );
    assert_eq!(
        on_call(&ev, "payments-oncall", "2026-01-13T10:00:00Z"),
        people(&[])
    );
    assert_eq!(
        on_call(&ev, "payments-oncall", "2026-01-16T16:00:00Z"),
        people(&["alice"])
    );
    let (pages, exhausted) = plan(&ev, "payments-escalation", "2026-01-12T08:00:00Z");
    assert_eq!(
        pages,
        vec![(0, 1, 1, people(&["bob"])), (900, 1, 2, people(&["carol"]))]
    );
    assert_eq!(exhausted, 900);
}

#[test]
fn two_people_a_turn_twice_a_day() {
    // NumberOfOnCalls 2 of [dana, eli, fay] (consecutive contacts, the
    // importer's stated reading), DailySettings 09:00 and 21:00 Berlin.
    let (_, result) = import_dir_with(
        "aws/cloudformation-json",
        &[("TwiceDaily.StartTime", "Europe/Berlin")],
    );
    let ev = evaluator(&result);
    assert_eq!(
        shifts(
            &ev,
            "platform-oncall",
            "2026-03-02T08:00:00Z",
            "2026-03-03T20:00:00Z"
        ),
        vec![
            shift("2026-03-02T08:00:00Z", "2026-03-02T20:00:00Z", "dana eli"),
            shift("2026-03-02T20:00:00Z", "2026-03-03T08:00:00Z", "dana fay"),
            shift("2026-03-03T08:00:00Z", "2026-03-03T20:00:00Z", "eli fay"),
        ]
    );
}

#[test]
fn the_imported_documents_pass_check_without_errors() {
    let (_, api) = import_dir("aws/api");
    assert_eq!(check_errors(&api), Vec::<String>::new());
    let (_, cfn) = import_dir_with(
        "aws/cloudformation-yaml",
        &[("WeekdayRotation.StartTime", "Europe/Dublin")],
    );
    assert_eq!(check_errors(&cfn), Vec::<String>::new());
    let (_, tf) = import_dir_with(
        "aws/terraform",
        &[(
            "awscc_ssmcontacts_rotation.monthly.start_time",
            "America/New_York",
        )],
    );
    assert_eq!(check_errors(&tf), Vec::<String>::new());
}

// ---- any input ---------------------------------------------------------------------

#[path = "import_support/fuzzing.rs"]
mod fuzzing;

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48), .. proptest::prelude::ProptestConfig::default() })]
    /// Edited fixtures and raw bytes import without a panic, with spans
    /// inside their files and the same result twice (the fuzz target's checks).
    #[test]
    fn edited_exports_never_panic(data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)) {
        let seeds: Vec<(&str, String)> = vec![
        ("get-contact.json", fixture("aws/api/get-contact.json")),
        ("list-rotations.json", fixture("aws/api/list-rotations.json")),
        ("payments-oncall.yaml", fixture("aws/cloudformation-yaml/payments-oncall.yaml")),
        ("platform-oncall.json", fixture("aws/cloudformation-json/platform-oncall.json")),
        ("rotations.tf", fixture("aws/terraform/rotations.tf")),
        ];
        let seeds: Vec<(&str, &str)> = seeds.iter().map(|(n, t)| (*n, t.as_str())).collect();
        let files = fuzzing::files_from_bytes(&data, &["template.yaml", "rotations.json", "main.tf"], &seeds);
        fuzzing::check(&files, Vendor::AwsIncidentManager, &[]);
    }
}
