//! The Grafana OnCall importer: fixtures written here (a realistic,
//! anonymised Terraform module and public API export), the whole documents
//! they give, the diagnostics with file, line and column, and who is on
//! call and who is paged in the IMPORTED documents, each answer derived by
//! hand from OnCall's rule, named in a comment with the file of OnCall's
//! code it comes from (github.com/grafana/oncall, `engine/apps/...`) or its
//! documentation.
//!
//! Fixtures (tests/fixtures/import/grafana/):
//! - `terraform/main.tf`: users looked up by data sources; a follow-the-sun
//!   schedule of three 8-hour weekday shifts in UTC (`for_each` over a
//!   map; APAC starts from `start_rotation_from_user_index = 1`), an EMEA
//!   shadow on Mondays at the same level (a union), a Good Friday cover at
//!   a higher level; a weekly 604 800-second secondary in America/Chicago
//!   across both DST changes, its `rolling_users` built from a map (key
//!   order); a chain with explicit waits and a `repeat_escalation`; an
//!   integration with a regex route.
//! - `api/`: paginated responses: the #5247 reproduction (a weekly
//!   168-hour `rolling_users` shift in Chicago, `week_start: MO`, from index
//!   1), a weekday backup in New York with `until`, an override, two
//!   chains (one whose `repeat_escalation` is not last, with a `resolve`),
//!   routes, an integration, users.

#[path = "import_support/mod.rs"]
mod support;

use escalator::import::{Format, Vendor};
use support::*;

// ---- the whole documents -------------------------------------------------------

#[test]
fn the_terraform_module_imports_to_exactly_this_document() {
    let (_, result) = import_dir("grafana/terraform");
    let expected = fixture("grafana/terraform.expected.yaml");
    assert_eq!(result.document, expected, "\n{}", result.document);
    assert!(result.is_complete(), "{:#?}", result.diagnostics);
}

#[test]
fn the_api_export_imports_to_exactly_this_document() {
    let (_, result) = import_dir("grafana/api");
    let expected = fixture("grafana/api.expected.yaml");
    assert_eq!(result.document, expected, "\n{}", result.document);
    assert!(result.is_complete(), "{:#?}", result.diagnostics);
}

#[test]
fn every_file_is_recognised() {
    let (_, tf) = import_dir("grafana/terraform");
    assert_eq!(
        tf.summary(),
        "Grafana OnCall Terraform, 1 file: 9 people, 2 schedules, 1 policy, 1 service"
    );
    let (_, api) = import_dir("grafana/api");
    assert!(api
        .detected
        .iter()
        .all(|d| d.vendor == Some(Vendor::GrafanaOnCall) && d.format == Some(Format::Api)));
    assert_eq!(
        api.summary(),
        "Grafana OnCall API, 7 files: 4 people, 1 schedule, 2 policies, 1 service"
    );
}

#[test]
fn importing_twice_gives_the_same_bytes() {
    for dir in ["grafana/terraform", "grafana/api"] {
        let (_, a) = import_dir(dir);
        let (_, b) = import_dir(dir);
        assert_eq!(a.document, b.document);
        assert_eq!(a.diagnostics, b.diagnostics);
    }
}

#[test]
fn every_diagnostic_points_into_its_file() {
    let (files, tf) = import_dir("grafana/terraform");
    assert_eq!(
        located(&files, &tf),
        [
            "main.tf:97:19: warning[grafana-dst-gap-overlap]",
            "main.tf:124:3: info[grafana-web-overrides]",
            "main.tf:150:25: info[grafana-important]",
            "main.tf:178:25: info[grafana-route]",
        ]
    );
    let (files, api) = import_dir("grafana/api");
    assert_eq!(
        located(&files, &api),
        [
            "escalation_policies.json:8:123: info[grafana-important]",
            "escalation_policies.json:11:91: info[grafana-repeat-unrolled]",
            "escalation_policies.json:12:91: info[grafana-channel]",
            "escalation_policies.json:13:91: info[grafana-resolve]",
            "integrations.json:10:7: info[import-not-imported]",
            "integrations.json:13:88: info[import-not-imported]",
            "on_call_shifts.json:14:19: warning[grafana-dst-gap-overlap]",
            "on_call_shifts.json:48:15: info[grafana-override]",
            "routes.json:6:145: info[grafana-route]",
            "routes.json:6:206: info[import-not-imported]",
            "routes.json:7:194: info[import-not-imported]",
            "schedules.json:12:7: info[import-not-imported]",
            "schedules.json:15:7: info[import-not-imported]",
            "users.json:6:91: info[import-not-imported]",
            "users.json:7:89: info[import-not-imported]",
            "users.json:8:91: info[import-not-imported]",
            "users.json:9:91: info[import-not-imported]",
        ]
    );
}

#[test]
fn the_dst_gap_and_overlap_are_said_at_the_duration() {
    let (_, tf) = import_dir("grafana/terraform");
    assert_eq!(
        messages(&tf, "grafana-dst-gap-overlap"),
        ["shift `Secondary weekly`: its events start on America/Chicago's wall clock but last 168 elapsed hours, \
          so where the clocks change consecutive events leave a gap of 1h after the change of 2026-11-01 and an \
          overlap of 1h after the change of 2027-03-14 (OnCall's known DST gap, grafana/oncall issue 5247)"]
    );
}

#[test]
fn rolling_users_built_from_a_map_follow_its_key_order() {
    // Terraform iterates a map in lexical key order ("The keys are returned
    // in lexicographical order", terraform `keys`), so `[for name, ids in
    // local.secondary : ids]` is gina's group, then hank's.
    let (_, tf) = import_dir("grafana/terraform");
    let doc = &tf.document;
    let gina = doc.find("people: [gina]").expect("gina");
    let hank = doc.find("people: [hank]").expect("hank");
    assert!(gina < hank);
    assert!(
        doc.contains("from: \"2026-10-13T09:00\"\n            to: \"2026-10-20T14:00:00Z\""),
        "{doc}"
    );
}

#[test]
fn start_rotation_from_user_index_starts_with_that_group() {
    // custom_on_call_shift.py `get_rolling_users`:
    // `self.rolling_users[self.start_rotation_from_user_index:] +
    // self.rolling_users[:self.start_rotation_from_user_index]`.
    let (_, tf) = import_dir("grafana/terraform");
    let apac = tf.document.find("id: apac").expect("apac");
    let rest = &tf.document[apac..];
    assert!(
        rest.find("people: [bob]").expect("bob") < rest.find("people: [alice]").expect("alice")
    );
}

#[test]
fn a_start_in_a_dst_gap_cannot_be_built_by_oncall() {
    // `convert_dt_to_schedule_timezone`: `localize(start_naive, is_dst=None)`
    // raises for 02:30 on 2026-03-08 in Chicago.
    let text = r#"{"results": [
      {"id": "S1", "name": "S", "type": "calendar", "time_zone": "America/Chicago", "shifts": ["O1"]},
      {"id": "O1", "name": "Night", "type": "recurrent_event", "start": "2026-03-08T02:30:00", "duration": 3600,
       "frequency": "daily", "interval": 1, "users": ["U1"]}], "current_page_number": 1, "total_pages": 1}"#;
    let (_, result) = import_text("shifts.json", text);
    assert_eq!(messages(&result, "grafana-start-in-dst-change").len(), 1);
    assert!(!result.is_complete());
}

#[test]
fn daily_rolling_shifts_on_selected_days_follow_oncalls_weekly_series() {
    // custom_on_call_shift.py `_daily_by_day_to_ical`: "by_day: [WED, FRI]
    // users_queue: [user_group_1, user_group_2, user_group_3] will result in
    // ... user_group_1, weekly WED interval 3 / user_group_2, weekly FRI
    // interval 3 / user_group_3, weekly WED interval 3 / user_group_1, weekly
    // FRI interval 3 / ...".
    let text = r#"{"results": [
      {"id": "S1", "name": "S", "type": "calendar", "time_zone": "UTC", "shifts": ["O1"]},
      {"id": "O1", "name": "Mid-week", "type": "rolling_users", "start": "2026-03-04T09:00:00", "duration": 3600,
       "frequency": "daily", "interval": 1, "by_day": ["WE", "FR"], "week_start": "MO",
       "rolling_users": [["U1"], ["U2"], ["U3"]], "start_rotation_from_user_index": 0}],
      "current_page_number": 1, "total_pages": 1}"#;
    let (_, result) = import_text("shifts.json", text);
    let series: Vec<&str> = result
        .document
        .lines()
        .map(str::trim)
        .filter(|l| {
            l.starts_with("repeat:") || l.starts_with("- people:") || l.starts_with("from: \"")
        })
        .collect();
    assert_eq!(
        series,
        [
            "- people: [u1]",
            "from: \"2026-03-04T09:00\"",
            "repeat: \"FREQ=WEEKLY;INTERVAL=3;BYDAY=WE;WKST=MO\"",
            "- people: [u2]",
            "from: \"2026-03-06T09:00\"",
            "repeat: \"FREQ=WEEKLY;INTERVAL=3;BYDAY=FR;WKST=MO\"",
            "- people: [u3]",
            "from: \"2026-03-11T09:00\"",
            "repeat: \"FREQ=WEEKLY;INTERVAL=3;BYDAY=WE;WKST=MO\"",
            "- people: [u1]",
            "from: \"2026-03-13T09:00\"",
            "repeat: \"FREQ=WEEKLY;INTERVAL=3;BYDAY=FR;WKST=MO\"",
            "- people: [u2]",
            "from: \"2026-03-18T09:00\"",
            "repeat: \"FREQ=WEEKLY;INTERVAL=3;BYDAY=WE;WKST=MO\"",
            "- people: [u3]",
            "from: \"2026-03-20T09:00\"",
            "repeat: \"FREQ=WEEKLY;INTERVAL=3;BYDAY=FR;WKST=MO\"",
        ],
        "{}",
        result.document
    );
}

#[test]
fn a_rule_that_never_occurs_is_bounded_work() {
    // February 31st never comes: OnCall's search for the second group's
    // start would not end; the import stops after a bounded search.
    let text = r#"{"results": [
      {"id": "S1", "name": "S", "type": "calendar", "time_zone": "UTC", "shifts": ["O1"]},
      {"id": "O1", "name": "Never", "type": "rolling_users", "start": "2026-02-28T09:00:00", "duration": 3600,
       "frequency": "monthly", "interval": 1, "by_month": [2], "by_monthday": [31],
       "rolling_users": [["U1"], ["U2"]], "start_rotation_from_user_index": 0}],
      "current_page_number": 1, "total_pages": 1}"#;
    let started = std::time::Instant::now();
    let (_, result) = import_text("shifts.json", text);
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    assert_eq!(messages(&result, "import-too-much-work").len(), 1);
}

// ---- on-call answers and plans on the imported documents -----------------------

#[test]
fn follow_the_sun_has_three_8_hour_shifts_a_weekday() {
    // custom_on_call_shift.py `convert_to_ical`: one series per user group,
    // `INTERVAL = interval * len(rolling_users)`; weekly + by_day: a group
    // holds every selected day of its week ("A 12 hour shift on week days
    // with the on-call person rotating weekly", provider docs example).
    let (_, result) = import_dir("grafana/terraform");
    let ev = evaluator(&result);
    assert_eq!(
        shifts(
            &ev,
            "payments-primary",
            "2026-03-03T00:00:00Z",
            "2026-03-04T00:00:00Z"
        ),
        vec![
            shift("2026-03-03T00:00:00Z", "2026-03-03T08:00:00Z", "bob"),
            shift("2026-03-03T08:00:00Z", "2026-03-03T16:00:00Z", "carol"),
            shift("2026-03-03T16:00:00Z", "2026-03-04T00:00:00Z", "erin"),
        ]
    );
    // The next week, the other group of each region.
    assert_eq!(
        on_call(&ev, "payments-primary", "2026-03-10T03:00:00Z"),
        people(&["alice"])
    );
    assert_eq!(
        on_call(&ev, "payments-primary", "2026-03-10T10:00:00Z"),
        people(&["dan"])
    );
    assert_eq!(
        on_call(&ev, "payments-primary", "2026-03-10T20:00:00Z"),
        people(&["frank"])
    );
    // No shift on Saturdays: a gap.
    assert_eq!(
        on_call(&ev, "payments-primary", "2026-03-07T12:00:00Z"),
        people(&[])
    );
}

#[test]
fn levels_are_priorities_and_equal_levels_are_a_union() {
    // API docs, `level`: "The higher the value, the higher the priority. If
    // two events overlap in one schedule, Grafana OnCall will choose the
    // event with higher level"; on_call_schedule.py `_resolve_schedule`
    // recomputes reserved intervals only "on priority change", so events of
    // one level never block each other.
    let (_, result) = import_dir("grafana/terraform");
    let ev = evaluator(&result);
    // Monday: EMEA (carol) and the EMEA shadow (ivan), both level 1.
    assert_eq!(
        on_call(&ev, "payments-primary", "2026-03-02T10:00:00Z"),
        people(&["carol", "ivan"])
    );
    // Good Friday (2026-04-03, the week of March 30: carol's): the level-2
    // cover wins.
    assert_eq!(
        on_call(&ev, "payments-primary", "2026-04-03T10:00:00Z"),
        people(&["frank"])
    );
}

#[test]
fn a_168_hour_weekly_event_leaves_a_gap_in_autumn_and_overlaps_in_spring() {
    // Each occurrence starts on the wall clock (RRULE on a TZID DTSTART) and
    // lasts the first event's elapsed seconds (recurring_ical_events:
    // `revent_stop = revent_start + event_duration`); grafana/oncall issue
    // 5247: "there will be a one hour gap in the schedule when DST ends and a
    // one hour overlap when DST begins".
    let (_, result) = import_dir("grafana/terraform");
    let ev = evaluator(&result);
    assert_eq!(
        shifts(
            &ev,
            "payments-secondary",
            "2026-10-27T14:00:00Z",
            "2026-11-10T15:00:00Z"
        ),
        vec![
            shift("2026-10-27T14:00:00Z", "2026-11-03T14:00:00Z", "gina"),
            shift("2026-11-03T14:00:00Z", "2026-11-03T15:00:00Z", ""),
            shift("2026-11-03T15:00:00Z", "2026-11-10T15:00:00Z", "hank"),
        ]
    );
    assert_eq!(
        shifts(
            &ev,
            "payments-secondary",
            "2027-03-16T12:00:00Z",
            "2027-03-16T16:00:00Z"
        ),
        vec![
            shift("2027-03-16T12:00:00Z", "2027-03-16T14:00:00Z", "hank"),
            shift("2027-03-16T14:00:00Z", "2027-03-16T15:00:00Z", "gina hank"),
            shift("2027-03-16T15:00:00Z", "2027-03-16T16:00:00Z", "gina"),
        ]
    );
    // The findings say so too (events layers: `event-gap` between events,
    // `event-overlap` of different people).
    let findings = ev.findings(t("2026-10-01T00:00:00Z"), t("2027-04-01T00:00:00Z"));
    assert!(
        findings.iter().any(|f| f.code == "event-gap"),
        "{findings:#?}"
    );
    assert!(
        findings.iter().any(|f| f.code == "event-overlap"),
        "{findings:#?}"
    );
}

#[test]
fn the_chain_waits_explicitly_and_repeats_five_times() {
    // escalation_policy_snapshot.py: every step's default ETA is
    // `NEXT_ESCALATION_DELAY = 5` seconds; `wait` sets `now + wait_delay`;
    // `repeat_escalation` restarts from position 0 while
    // `escalation_counter < MAX_TIMES_REPEAT` (5). A pass: 5 + 900 + 5 +
    // 300 + 5 = 1215 s; the schedule is paged at (p - 1) * 1215 s and ivan
    // 905 s later, for p = 1..6; the sixth repeat step does nothing.
    let (_, result) = import_dir("grafana/terraform");
    let ev = evaluator(&result);
    let (pages, exhausted) = plan(&ev, "payments", "2026-03-03T10:00:00Z");
    let mut expected = Vec::new();
    for p in 0..6u32 {
        let base = i64::from(p) * 1215;
        expected.push((base, p + 1, 1, people(&["carol"])));
        expected.push((base + 905, p + 1, 3, people(&["ivan"])));
    }
    assert_eq!(pages, expected);
    assert_eq!(exhausted, 7290);
}

#[test]
fn the_api_weekly_shift_reproduces_issue_5247() {
    // The reproduction in grafana/oncall issue 5247: `{"type":
    // "rolling_users", "start": "2024-10-01T09:00:00", "duration": 604800,
    // "frequency": "weekly", "week_start": "MO"}` in America/Chicago. From
    // index 1 the groups are [bea, chen] (from 2024-10-01) and [alex] (from
    // 2024-10-08, the first occurrence in the week after, by `week_start`).
    let (_, result) = import_dir("grafana/api");
    let ev = evaluator(&result);
    // Tue 2024-10-29 09:00 CDT + 168 h = 2024-11-05T14:00Z; alex's next
    // event starts Tue 09:00 CST = 15:00Z; the backup opens at 10:00 EST.
    assert_eq!(
        shifts(
            &ev,
            "payments",
            "2024-11-05T13:00:00Z",
            "2024-11-05T15:30:00Z"
        ),
        vec![
            shift("2024-11-05T13:00:00Z", "2024-11-05T14:00:00Z", "bea chen"),
            shift("2024-11-05T14:00:00Z", "2024-11-05T15:00:00Z", ""),
            shift("2024-11-05T15:00:00Z", "2024-11-05T15:30:00Z", "alex dara"),
        ]
    );
    // Spring: both groups for an hour (and the backup, same level).
    assert_eq!(
        on_call(&ev, "payments", "2025-03-11T14:30:00Z"),
        people(&["alex", "bea", "chen", "dara"])
    );
    // The override wins over every level.
    assert_eq!(
        on_call(&ev, "payments", "2024-12-24T18:00:00Z"),
        people(&["alex"])
    );
    // The backup's `until` (2025-06-30T23:59:59, written as UTC in the
    // rule: `convert_dt_to_schedule_timezone(self.until, "UTC")`): on until
    // June 30, not on July 1.
    assert_eq!(
        on_call(&ev, "payments", "2025-06-30T16:00:00Z"),
        people(&["bea", "chen", "dara"])
    );
    assert_eq!(
        on_call(&ev, "payments", "2025-07-01T16:00:00Z"),
        people(&["alex"])
    );
}

#[test]
fn a_repeat_before_the_end_is_unrolled_and_resolve_ends_the_chain() {
    // `repeat_escalation` at position 1: [dara, repeat] six times (the sixth
    // repeat does nothing), then the channel; `resolve` stops the escalation
    // (`stop_escalation=True`), so the step after it never runs.
    let (_, result) = import_dir("grafana/api");
    let ev = evaluator(&result);
    let (pages, exhausted) = plan(&ev, "platform", "2024-11-05T16:00:00Z");
    let expected: Vec<Page> = (0..6)
        .map(|i| (i * 10, 1, (2 * i + 1) as u32, people(&["dara"])))
        .collect();
    assert_eq!(pages, expected);
    assert_eq!(exhausted, 65);
}

#[test]
fn the_imported_documents_pass_check_without_errors() {
    for dir in ["grafana/terraform", "grafana/api"] {
        let (_, result) = import_dir(dir);
        assert_eq!(check_errors(&result), Vec::<String>::new(), "{dir}");
    }
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
        ("main.tf", fixture("grafana/terraform/main.tf")),
        ("on_call_shifts.json", fixture("grafana/api/on_call_shifts.json")),
        ("escalation_policies.json", fixture("grafana/api/escalation_policies.json")),
        ("schedules.json", fixture("grafana/api/schedules.json")),
        ];
        let seeds: Vec<(&str, &str)> = seeds.iter().map(|(n, t)| (*n, t.as_str())).collect();
        let files = fuzzing::files_from_bytes(&data, &["main.tf", "on_call_shifts.json", "schedules.json"], &seeds);
        fuzzing::check(&files, Vendor::GrafanaOnCall, &[]);
    }
}
