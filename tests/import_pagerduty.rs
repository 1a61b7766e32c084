//! The PagerDuty importer: fixtures written here (realistic, anonymised
//! REST API v2 exports), the whole document they give, the diagnostics
//! with file, line and column, and who is on call and who is paged in the
//! IMPORTED document, each answer derived by hand from PagerDuty's
//! documented rule, named in a comment.
//!
//! Fixtures (tests/fixtures/import/pagerduty/):
//! - `api/`: a GET export in seven files: schedules (list response, layers
//!   top first), a single schedule (`{"schedule": ...}`), the overrides
//!   response of one schedule, escalation policies, services, teams, users
//!   with contact methods and notification rules.
//!   - `Payments Primary`: Layer 1 weekly (alice, bob) whose virtual start
//!     is a week before `start`; Layer 2 daily (carol, dan) restricted to
//!     19:00 + 12 h, a window crossing midnight, so Layer 1 shows through
//!     by day; two overlapping overrides.
//!   - `Payments Support`: 8-hour turns of four people that keep turning
//!     through weekends under Mon-Fri 09:00-17:00 restrictions, with the
//!     virtual start a week AFTER `start`.
//!   - `Platform`: daily turns anchored with a `Z` instant in a
//!     Europe/London schedule, across the 2026-03-29 DST change.
//!   - policy `Payments` (num_loops 2, a level that is empty out of
//!     hours), policy `Platform` (round robin, a user in no file);
//!     service `Checkout` with urgency rules and support hours.
//! - `post-body/`: a POST body (layers bottom first, no ids) and a bare
//!   list of users; a weekend restriction Fri 17:00 + 64 h.
//! - `terraform/`: a module of the PagerDuty provider: users by `for_each`,
//!   contact methods and notification rules as resources, team
//!   memberships, a schedule whose weekday layer starts at `var.start` (no
//!   default: a value needed) with its virtual start a week earlier
//!   (`timeadd`) and `dynamic` Mon-Fri restrictions, a night layer over it,
//!   a schedule looked up by a data source, round robin, urgency rules.

use std::path::Path;

#[path = "import_support/fuzzing.rs"]
mod fuzzing;
#[path = "import_gen/pagerduty.rs"]
mod gen;

use escalator::diagnostic::{LineIndex, Severity};
use escalator::import::{import, Import, ImportOptions, SourceFile};
use escalator::time::Timestamp;
use escalator::Evaluator;
use escalator::PolicyChoice;

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/import/pagerduty"
);

/// The files of a fixture folder, in name order (as `escalator import`
/// reads a folder), named by their file name.
fn files(dir: &str) -> Vec<SourceFile> {
    let path = Path::new(FIXTURES).join(dir);
    let mut names: Vec<_> = std::fs::read_dir(&path)
        .expect("fixture folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let text = std::fs::read_to_string(path.join(&n)).expect("fixture file");
            SourceFile::new(n, text)
        })
        .collect()
}

fn import_dir(dir: &str) -> (Vec<SourceFile>, Import) {
    let files = files(dir);
    let result = import(&files, &ImportOptions::default()).expect("recognised");
    (files, result)
}

fn import_dir_with(dir: &str, vars: &[(&str, &str)]) -> (Vec<SourceFile>, Import) {
    let files = files(dir);
    let options = ImportOptions {
        vars: vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ..ImportOptions::default()
    };
    let result = import(&files, &options).expect("recognised");
    (files, result)
}

fn import_text(name: &str, text: &str) -> (Vec<SourceFile>, Import) {
    let files = vec![SourceFile::new(name, text)];
    let result = import(&files, &ImportOptions::default()).expect("recognised");
    (files, result)
}

/// `file:line:col: severity[code]` for every diagnostic, in order.
fn located(files: &[SourceFile], result: &Import) -> Vec<String> {
    result
        .diagnostics
        .iter()
        .map(|d| {
            let f = &files[d.file];
            let p = LineIndex::new(&f.text).position(d.diagnostic.span.start);
            format!(
                "{}:{}:{}: {}[{}]",
                f.name,
                p.line,
                p.column,
                d.diagnostic.severity.as_str(),
                d.diagnostic.code
            )
        })
        .collect()
}

fn message_at<'a>(
    result: &'a Import,
    files: &[SourceFile],
    file: &str,
    code: &str,
) -> Vec<&'a str> {
    result
        .diagnostics
        .iter()
        .filter(|d| files[d.file].name == file && d.diagnostic.code == code)
        .map(|d| d.diagnostic.message.as_str())
        .collect()
}

fn t(text: &str) -> Timestamp {
    escalator::time::parse_instant(text, chrono_tz::UTC).expect("instant")
}

fn evaluator(result: &Import) -> Evaluator {
    match Evaluator::new(&result.document) {
        Ok(ev) => ev,
        Err(diagnostics) => panic!(
            "the imported document is not valid:\n{:#?}\n{}",
            diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| &d.message)
                .collect::<Vec<_>>(),
            result.document
        ),
    }
}

fn on_call(ev: &Evaluator, schedule: &str, at: &str) -> Vec<String> {
    let out = ev.on_call(t(at), Some(schedule)).expect("on call");
    out.schedules[0].on_call.clone()
}

/// Pages as `(seconds after the start, pass, step, people)`.
type Pages = Vec<(i64, u32, u32, Vec<String>)>;

/// The paging plan, and when it is exhausted.
fn plan(ev: &Evaluator, policy: &str, at: &str) -> (Pages, i64) {
    let choice = PolicyChoice::Policy {
        policy: policy.to_string(),
        severity: None,
    };
    let out = ev.plan(&choice, t(at)).expect("plan");
    (
        out.plan
            .iter()
            .map(|p| (p.after_seconds, p.pass, p.step, p.people.clone()))
            .collect(),
        out.exhausted_after_seconds,
    )
}

fn people(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

// ---- the whole document ------------------------------------------------------

#[test]
fn the_api_export_imports_to_exactly_this_document() {
    let (_, result) = import_dir("api");
    let expected = std::fs::read_to_string(Path::new(FIXTURES).join("api.expected.yaml"))
        .expect("golden file");
    assert_eq!(result.document, expected, "\n{}", result.document);
    assert!(result.is_complete());
    assert!(result.needed.is_empty());
}

#[test]
fn the_summary_line_says_what_was_read() {
    let (_, result) = import_dir("api");
    assert_eq!(
        result.summary(),
        "PagerDuty API, 7 files: 7 people, 3 schedules, 2 policies, 2 services"
    );
    let (_, post) = import_dir("post-body");
    assert_eq!(
        post.summary(),
        "PagerDuty API, 2 files: 3 people, 1 schedule"
    );
}

#[test]
fn importing_twice_gives_the_same_bytes() {
    let (_, a) = import_dir("api");
    let (_, b) = import_dir("api");
    assert_eq!(a.document, b.document);
    assert_eq!(a.diagnostics, b.diagnostics);
}

#[test]
fn every_diagnostic_points_into_its_file() {
    let (files, result) = import_dir("api");
    assert_eq!(
        located(&files, &result),
        [
            "escalation_policies.json:8:7: info[import-not-imported]",
            "escalation_policies.json:10:7: info[import-not-evaluated]",
            "escalation_policies.json:20:7: info[import-not-imported]",
            "escalation_policies.json:31:7: info[import-not-evaluated]",
            "escalation_policies.json:34:58: warning[pagerduty-round-robin]",
            "escalation_policies.json:37:19: warning[import-missing-object]",
            "overrides-PSCH001.json:11:13: warning[import-overlapping-overrides]",
            "schedule-PSCH003.json:10:5: info[import-not-imported]",
            "schedule-PSCH003.json:25:9: info[import-not-imported]",
            "schedule-PSCH003.json:28:5: info[import-not-imported]",
            "schedules.json:10:20: info[import-assumption]",
            "schedules.json:11:7: info[import-not-imported]",
            "schedules.json:12:7: info[pagerduty-layer-order]",
            "schedules.json:25:22: info[import-assumption]",
            "schedules.json:51:7: info[import-not-imported]",
            "schedules.json:62:20: info[import-assumption]",
            "schedules.json:70:37: warning[pagerduty-before-virtual-start]",
            "schedules.json:71:43: info[import-assumption]",
            "schedules.json:79:22: info[import-assumption]",
            "services.json:8:7: info[import-not-imported]",
            "services.json:9:7: info[import-not-evaluated]",
            "services.json:10:7: info[import-not-evaluated]",
            "services.json:11:7: info[import-not-evaluated]",
            "services.json:13:7: info[import-not-evaluated]",
            "services.json:14:7: warning[pagerduty-urgency-not-evaluated]",
            "services.json:19:7: warning[pagerduty-urgency-not-evaluated]",
            "services.json:26:7: warning[pagerduty-urgency-not-evaluated]",
            "services.json:29:7: info[import-not-imported]",
            "services.json:39:7: info[import-not-evaluated]",
            "teams.json:3:12: info[import-not-imported]",
            "teams.json:3:59: info[import-not-imported]",
            "users.json:10:7: info[import-not-imported]",
            "users.json:15:7: info[import-not-imported]",
            "users.json:18:127: info[import-not-imported]",
            "users.json:28:107: info[import-not-evaluated]",
            "users.json:39:16: info[import-not-imported]",
            "users.json:77:16: info[import-not-imported]",
            "users.json:79:7: warning[import-not-imported]",
            "users.json:93:16: info[import-not-imported]",
            "users.json:103:16: info[import-not-imported]",
        ]
    );
}

#[test]
fn urgency_rules_get_a_warning_at_their_span() {
    let (files, result) = import_dir("api");
    let warnings = message_at(
        &result,
        &files,
        "services.json",
        "pagerduty-urgency-not-evaluated",
    );
    assert_eq!(
        warnings,
        ["urgency rules are not evaluated: every incident is treated as high urgency"; 3]
    );
    // `Platform API` has `{type: constant, urgency: high}`: exactly what
    // the document means, so nothing to say.
    let text = &files
        .iter()
        .find(|f| f.name == "services.json")
        .expect("file")
        .text;
    let constant = text
        .find("\"incident_urgency_rule\": {\"type\": \"constant\"")
        .expect("fixture");
    assert!(!result
        .diagnostics
        .iter()
        .any(|d| files[d.file].name == "services.json"
            && d.diagnostic.span.start as usize == constant));
}

#[test]
fn what_pagerduty_leaves_unsaid_is_said_in_infos() {
    let (files, result) = import_dir("api");
    // Undocumented, and what the document says of that time may differ
    // from PagerDuty: a warning, not an info.
    let before = message_at(
        &result,
        &files,
        "schedules.json",
        "pagerduty-before-virtual-start",
    );
    assert_eq!(before, ["`rotation_virtual_start` is after `start` in layer `Layer 1` of schedule `Payments Support`: PagerDuty does not document who is on call in between; imported as the rotation counted backwards from it (`before_handoff: rotate`), which may not be who PagerDuty puts on call"]);
    assert!(result
        .diagnostics
        .iter()
        .any(|d| d.diagnostic.code == "pagerduty-before-virtual-start"
            && d.diagnostic.severity == Severity::Warning));
    let assumptions = message_at(&result, &files, "schedules.json", "import-assumption");
    assert!(assumptions.contains(&"PagerDuty does not document whether 8h turns keep their wall-clock handoff times across a DST change in `Europe/London`; imported with `clock: wall`"));
    assert!(assumptions.contains(&"PagerDuty does not document whether a restriction's `duration_seconds` counts elapsed or wall-clock time across a DST change in `Europe/London`; imported as elapsed time (`duration`)"));
    assert!(assumptions.contains(&"restriction times are read in the schedule's zone `Europe/London`: a GET renders them in the zone the request asked for (`time_zone=`), the schedule's by default"));
    let order = message_at(&result, &files, "schedules.json", "pagerduty-layer-order");
    assert_eq!(order, ["layers read top first, as PagerDuty's GET lists them, since their names run down from `Layer 2` to `Layer 1`, and it is a GET response (it has fields only PagerDuty writes, such as `id` or `html_url`); written bottom first"]);
    let overlap = message_at(
        &result,
        &files,
        "overrides-PSCH001.json",
        "import-overlapping-overrides",
    );
    assert_eq!(overlap, ["this override overlaps an earlier one from 2026-01-18T12:00:00Z to 2026-01-18T18:00:00Z: PagerDuty gives that time to the one created last, and the export has no creation times; the one listed later (this one) is taken"]);
    let round_robin = message_at(
        &result,
        &files,
        "escalation_policies.json",
        "pagerduty-round-robin",
    );
    assert_eq!(round_robin, ["rule 1 of escalation policy `Platform` assigns round robin: PagerDuty gives each new incident to the next target in turn, which depends on earlier incidents; imported as paging every target of the step"]);
    let missing = message_at(
        &result,
        &files,
        "escalation_policies.json",
        "import-missing-object",
    );
    assert_eq!(missing, ["user `PUSR099` is in no file: imported as person `grace-example` with no zone or contact rules"]);
}

#[test]
fn a_request_body_keeps_its_layers_in_order() {
    let (files, result) = import_dir("post-body");
    let order = message_at(&result, &files, "schedule.json", "pagerduty-layer-order");
    assert_eq!(order, ["layers read bottom first (Layer 1 first), as PagerDuty's POST and PUT take them, since their names run up from `Layer 1` to `Layer 2`, and it is a request body (no field only PagerDuty writes); kept in order"]);
    // No id in a request body: no `source` for the schedule.
    assert!(
        result.document.contains(
            "  - id: support-desk\n    name: Support Desk\n    timezone: America/New_York\n"
        ),
        "{}",
        result.document
    );
    assert!(result.document.contains(
        "  - {id: hana-example, name: Hana Example, source: PUSR101, timezone: America/New_York}\n"
    ));
}

// ---- on call and paged, in the imported document -------------------------------

#[test]
fn payments_primary_on_call() {
    let (_, result) = import_dir("api");
    let ev = evaluator(&result);
    let s = "payments-primary";
    // PagerDuty: turns count from rotation_virtual_start, and the layer is
    // in force from `start` (OpenAPI ScheduleLayer: rotation_virtual_start
    // "The effective start time of the layer"). The virtual start
    // 2026-01-05 09:00 is a week before `start`, so alice's turn 0 is
    // hidden and the first turn seen is bob's turn 1.
    assert_eq!(
        on_call(&ev, s, "2026-01-13T12:00:00Z"),
        people(&["bob-example"])
    );
    // Before `start` nobody (the layer is not in force; the top layer
    // starts at 19:00).
    assert_eq!(on_call(&ev, s, "2026-01-12T08:00:00Z"), people(&[]));
    // PagerDuty: "the lowest layer always takes precedence" (the last
    // layer wins) and a restriction window crossing midnight is one window
    // (KB "Setting up Restrictions": 19:00-07:00): carol's night.
    assert_eq!(
        on_call(&ev, s, "2026-01-13T02:00:00Z"),
        people(&["carol-example"])
    );
    // Layer 2 turns daily at 19:00: dan has the next night.
    assert_eq!(
        on_call(&ev, s, "2026-01-14T03:00:00Z"),
        people(&["dan-example"])
    );
    // PagerDuty: a layer with nobody lets lower layers show through
    // (support.pagerduty.com/docs/schedules: "The user on Layer 1 is
    // 'hidden' until the overlap ends"): by day Layer 1's bob.
    assert_eq!(
        on_call(&ev, s, "2026-01-14T12:00:00Z"),
        people(&["bob-example"])
    );
    // PagerDuty: an override puts its user on call in place of everyone
    // ("Only one user per schedule can be on-call at a time").
    assert_eq!(
        on_call(&ev, s, "2026-01-17T12:00:00Z"),
        people(&["erin-example"])
    );
    assert_eq!(
        on_call(&ev, s, "2026-01-17T23:00:00Z"),
        people(&["erin-example"])
    );
    // PagerDuty: "the last created override will have priority"; the
    // export has no creation time, so the one listed later is taken.
    assert_eq!(
        on_call(&ev, s, "2026-01-18T15:00:00Z"),
        people(&["frank-example"])
    );
    assert_eq!(
        on_call(&ev, s, "2026-01-18T19:00:00Z"),
        people(&["erin-example"])
    );
    // Turn 2 (alice) from Monday 2026-01-19 09:00.
    assert_eq!(
        on_call(&ev, s, "2026-01-19T10:00:00Z"),
        people(&["alice-example"])
    );
    // Across the DST change (2026-03-29): the weekly handoff stays at
    // Monday 09:00 London time, 08:00Z in summer (handoffs keep local wall
    // time: implied by PagerDuty's time-zone documentation; `clock: wall`).
    // Turn 11 (bob) until then, turn 12 (alice) after.
    assert_eq!(
        on_call(&ev, s, "2026-03-30T07:30:00Z"),
        people(&["bob-example"])
    );
    assert_eq!(
        on_call(&ev, s, "2026-03-30T08:30:00Z"),
        people(&["alice-example"])
    );
    // The night window that contains the change opens 2026-03-28 19:00
    // GMT and lasts 12 elapsed hours (our documented reading of
    // `duration_seconds`: elapsed), so it closes 07:00Z (08:00 BST): dan's
    // turn 75 still holds at 06:30Z.
    assert_eq!(
        on_call(&ev, s, "2026-03-29T06:30:00Z"),
        people(&["dan-example"])
    );
    assert_eq!(
        on_call(&ev, s, "2026-03-29T07:30:00Z"),
        people(&["bob-example"])
    );
}

#[test]
fn payments_support_turns_through_weekends_and_before_its_virtual_start() {
    let (_, result) = import_dir("api");
    let ev = evaluator(&result);
    let s = "payments-support";
    // 8-hour turns from the virtual start, Monday 2026-01-12 09:00: turn 0
    // (alice) covers Monday's 09:00-17:00 window.
    assert_eq!(
        on_call(&ev, s, "2026-01-12T10:00:00Z"),
        people(&["alice-example"])
    );
    // Three turns a day, four people: Tuesday 09:00 is turn 3 (dan).
    assert_eq!(
        on_call(&ev, s, "2026-01-13T10:00:00Z"),
        people(&["dan-example"])
    );
    // PagerDuty: restrictions only limit when the current turn is on call;
    // turns keep counting through restricted time (KB "Complex Split Shift
    // Rotation"). The weekend's six hidden turns count, so the next Monday
    // 09:00 is turn 21 (bob), not turn 15 (dan).
    assert_eq!(
        on_call(&ev, s, "2026-01-19T10:00:00Z"),
        people(&["bob-example"])
    );
    // Outside Mon-Fri 09:00-17:00 nobody: the restriction hides the layer.
    assert_eq!(on_call(&ev, s, "2026-01-17T10:00:00Z"), people(&[]));
    assert_eq!(on_call(&ev, s, "2026-01-12T20:00:00Z"), people(&[]));
    // Virtual start after `start` (undocumented by PagerDuty; issue 12's
    // reading, `before_handoff: rotate`): turns count backwards, so Monday
    // 2026-01-05 09:00 is turn -21, members[-21 mod 4] = dan.
    assert_eq!(
        on_call(&ev, s, "2026-01-05T10:00:00Z"),
        people(&["dan-example"])
    );
    // Before `start` the layer is not in force.
    assert_eq!(on_call(&ev, s, "2026-01-02T10:00:00Z"), people(&[]));
}

#[test]
fn platform_anchored_with_z_keeps_its_local_handoff_across_dst() {
    let (_, result) = import_dir("api");
    let ev = evaluator(&result);
    let s = "platform";
    // The anchor 2026-03-23T09:00:00Z is 09:00 GMT in London. Daily turns
    // keep handing off at 09:00 local (SPEC's absolute-handoff rule and the
    // assumed PagerDuty wall clock): 09:00Z before 2026-03-29, 08:00Z after.
    assert_eq!(
        on_call(&ev, s, "2026-03-28T08:30:00Z"),
        people(&["erin-example"])
    );
    assert_eq!(
        on_call(&ev, s, "2026-03-28T09:30:00Z"),
        people(&["frank-example"])
    );
    assert_eq!(
        on_call(&ev, s, "2026-03-30T07:30:00Z"),
        people(&["erin-example"])
    );
    // Turn 7 (frank) from 2026-03-30 09:00 BST = 08:00Z (elapsed time
    // would still say erin until 09:00Z).
    assert_eq!(
        on_call(&ev, s, "2026-03-30T08:30:00Z"),
        people(&["frank-example"])
    );
    let shifts = ev
        .shifts(s, t("2026-03-29T00:00:00Z"), t("2026-03-31T00:00:00Z"))
        .expect("shifts");
    let ends: Vec<(String, Vec<String>)> = shifts
        .shifts
        .iter()
        .map(|x| (x.start.to_rfc3339(), x.on_call.clone()))
        .collect();
    assert_eq!(
        ends,
        [
            (
                "2026-03-29T00:00:00Z".to_string(),
                people(&["frank-example"])
            ),
            (
                "2026-03-29T08:00:00Z".to_string(),
                people(&["erin-example"])
            ),
            (
                "2026-03-30T08:00:00Z".to_string(),
                people(&["frank-example"])
            ),
        ]
    );
}

#[test]
fn payments_policy_pages_by_pagerduty_rules() {
    let (_, result) = import_dir("api");
    let ev = evaluator(&result);
    // Tuesday noon. PagerDuty: rules fire in order, each after the
    // previous rule's escalation_delay_in_minutes ("The number of minutes
    // before an unacknowledged incident escalates away from this rule");
    // num_loops 2: "the number of times the escalation policy will repeat
    // after reaching the end", so three passes.
    let (pages, exhausted) = plan(&ev, "payments", "2026-01-13T12:00:00Z");
    assert_eq!(
        pages,
        [
            (0, 1, 1, people(&["bob-example"])),
            (900, 1, 2, people(&["dan-example"])),
            (1500, 1, 3, people(&["frank-example"])),
            (2700, 2, 1, people(&["bob-example"])),
            (3600, 2, 2, people(&["dan-example"])),
            (4200, 2, 3, people(&["frank-example"])),
            (5400, 3, 1, people(&["bob-example"])),
            (6300, 3, 2, people(&["dan-example"])),
            (6900, 3, 3, people(&["frank-example"])),
        ]
    );
    assert_eq!(exhausted, 8100);
    // Tuesday 02:00: the support schedule is empty (restricted to office
    // hours). PagerDuty: "when no one is on call on a particular schedule,
    // alerts will auto-escalate" (KB "Scheduling Gaps"): rule 3 fires at
    // once, at +15m (`on_empty_step: skip`).
    let (pages, exhausted) = plan(&ev, "payments", "2026-01-13T02:00:00Z");
    assert_eq!(
        pages,
        [
            (0, 1, 1, people(&["carol-example"])),
            (900, 1, 3, people(&["frank-example"])),
            (2100, 2, 1, people(&["carol-example"])),
            (3000, 2, 3, people(&["frank-example"])),
            (4200, 3, 1, people(&["carol-example"])),
            (5100, 3, 3, people(&["frank-example"])),
        ]
    );
    assert_eq!(exhausted, 6300);
    // Round robin is state-dependent: imported as paging every target of
    // the step (a warning says so); num_loops 0: one pass.
    let (pages, exhausted) = plan(&ev, "platform", "2026-03-30T08:30:00Z");
    assert_eq!(
        pages,
        [(0, 1, 1, people(&["frank-example", "grace-example"]))]
    );
    assert_eq!(exhausted, 1800);
}

#[test]
fn people_keep_their_high_urgency_contact_rules_in_order() {
    let (_, result) = import_dir("api");
    let ev = evaluator(&result);
    let alice = ev
        .model()
        .people
        .iter()
        .find(|p| p.id.value == "alice-example")
        .expect("alice");
    // notification_rules: "The delay before firing the rule, in minutes";
    // sorted by delay; the low-urgency rule is not imported.
    let rules: Vec<(String, i64, Option<String>)> = alice
        .contact
        .iter()
        .map(|c| (c.via.clone(), c.after.0, c.to.clone()))
        .collect();
    assert_eq!(
        rules,
        [
            ("push".to_string(), 0, Some("alice-pixel".to_string())),
            (
                "email".to_string(),
                60,
                Some("alice@example.com".to_string())
            ),
            ("phone".to_string(), 300, Some("+44 7700900123".to_string())),
        ]
    );
}

#[test]
fn a_post_body_keeps_layer_1_at_the_bottom() {
    let (_, result) = import_dir("post-body");
    let ev = evaluator(&result);
    let s = "support-desk";
    // Wednesday 10:00 New York: Layer 2 (weekends) is restricted, Layer 1's
    // turn 0 (hana) shows through.
    assert_eq!(
        on_call(&ev, s, "2026-02-04T15:00:00Z"),
        people(&["hana-example"])
    );
    // A weekly restriction of 230400 s from Friday 17:00 is one window to
    // Monday 09:00 (KB "Scheduling Gaps": Friday 17:00 through Monday
    // 09:00). Layer 2 was listed last in the POST body, so it is on top.
    assert_eq!(
        on_call(&ev, s, "2026-02-07T15:00:00Z"),
        people(&["ivan-example"])
    );
    assert_eq!(
        on_call(&ev, s, "2026-02-09T13:30:00Z"),
        people(&["ivan-example"])
    );
    // Monday 09:00 EST: the window closes and Layer 1's turn 1 (jun) shows.
    assert_eq!(
        on_call(&ev, s, "2026-02-09T14:30:00Z"),
        people(&["jun-example"])
    );
    // The window that contains New York's 2026-03-08 change lasts 64
    // elapsed hours (our documented reading): it closes Monday 10:00 EDT
    // (14:00Z), not 09:00 EDT.
    assert_eq!(
        on_call(&ev, s, "2026-03-09T13:30:00Z"),
        people(&["ivan-example"])
    );
    assert_eq!(
        on_call(&ev, s, "2026-03-09T14:30:00Z"),
        people(&["jun-example"])
    );
}

#[test]
fn imported_documents_pass_check_without_errors() {
    for dir in ["api", "post-body"] {
        let (_, result) = import_dir(dir);
        let errors: Vec<_> = escalator::check(&result.document)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{dir}: {errors:#?}");
    }
}

// ---- Terraform ------------------------------------------------------------------------

const START: (&str, &str) = ("start", "2026-03-02T09:00:00Z");

#[test]
fn the_terraform_module_imports_to_exactly_this_document() {
    let (_, result) = import_dir_with("terraform", &[START]);
    let expected = std::fs::read_to_string(Path::new(FIXTURES).join("terraform.expected.yaml"))
        .expect("golden file");
    assert_eq!(result.document, expected, "\n{}", result.document);
    assert!(result.is_complete());
    assert_eq!(
        result.summary(),
        "PagerDuty Terraform, 2 files: 3 people, 2 schedules, 1 policy, 1 service"
    );
}

#[test]
fn a_variable_without_value_is_asked_for_and_its_layer_waits() {
    let (files, result) = import_dir("terraform");
    assert!(!result.is_complete());
    assert_eq!(result.needed.len(), 1);
    assert_eq!(result.needed[0].name, "start");
    assert_eq!(
        result.needed[0].example.as_deref(),
        Some("2026-03-02T09:00:00Z")
    );
    assert_eq!(
        result.needed[0].description.as_deref(),
        Some("When the weekday rotation starts (RFC 3339)")
    );
    assert_eq!(
        result.summary(),
        "PagerDuty Terraform, 2 files: 3 people, 2 schedules, 1 policy, 1 service, 1 value needed"
    );
    let all = said(&files, &result);
    for expected in [
        "72:36 error[unknown-value] `var.start` has no value: `start` of `pagerduty_schedule.primary.layer[0]` cannot be known",
        "73:36 error[unknown-value] `var.start` has no value: `rotation_virtual_start` of `pagerduty_schedule.primary.layer[0]` cannot be known",
        "70:3 info[import-not-imported] layer `Weekdays` of schedule `Payments Primary` is left out until its values are known",
    ] {
        assert!(all.contains(&expected.to_string()), "{expected}\n{all:#?}");
    }
    // The rest is imported: the night layer is there.
    assert!(
        result.document.contains("      - name: Nights\n"),
        "{}",
        result.document
    );
}

#[test]
fn terraform_diagnostics_point_into_the_module() {
    let (files, result) = import_dir_with("terraform", &[START]);
    assert_eq!(
        located(&files, &result),
        [
            "main.tf:10:1: info[import-not-imported]",
            "main.tf:12:3: info[import-not-imported]",
            "main.tf:18:15: info[import-not-imported]",
            "main.tf:18:15: info[import-not-imported]",
            "main.tf:20:3: info[import-not-imported]",
            "main.tf:23:1: info[import-not-imported]",
            "main.tf:23:1: info[import-not-imported]",
            "main.tf:68:3: info[import-not-imported]",
            "main.tf:70:3: info[pagerduty-layer-order]",
            "main.tf:74:36: info[import-assumption]",
            "main.tf:77:5: info[import-assumption]",
            "main.tf:91:36: warning[pagerduty-before-virtual-start]",
            "main.tf:103:1: warning[import-lookup]",
            "main.tf:110:3: info[import-not-imported]",
            "main.tf:123:14: warning[pagerduty-round-robin]",
            "main.tf:139:3: info[import-not-evaluated]",
            "main.tf:140:3: info[import-not-evaluated]",
            "main.tf:141:3: info[import-not-evaluated]",
            "main.tf:143:3: warning[pagerduty-urgency-not-evaluated]",
            "main.tf:155:3: warning[pagerduty-urgency-not-evaluated]",
            "main.tf:163:3: warning[pagerduty-urgency-not-evaluated]",
            "main.tf:173:1: info[import-not-imported]",
        ]
    );
    let order = message_at(&result, &files, "main.tf", "pagerduty-layer-order");
    assert_eq!(order, ["layers read bottom first, in block order, as the provider sends them (the first `layer` block is Layer 1); the last layer wins"]);
    let lookup = message_at(&result, &files, "main.tf", "import-lookup");
    assert_eq!(lookup, ["schedule `Payments Secondary` is looked up by a data source: its layers are not in the files, so it is imported with none (nobody on call)"]);
}

#[test]
fn a_data_source_finds_its_object_in_the_api_files() {
    let mut files = files("terraform");
    files.push(SourceFile::new(
        "secondary.json",
        r#"{"schedule": {"id": "PSCH777", "type": "schedule", "name": "Payments Secondary", "time_zone": "Europe/London",
  "html_url": "https://acme.pagerduty.com/schedules/PSCH777",
  "schedule_layers": [{"id": "PL7", "name": "Layer 1", "start": "2026-03-02T09:00:00Z", "end": null,
    "rotation_virtual_start": "2026-03-02T09:00:00Z", "rotation_turn_length_seconds": 604800,
    "users": [{"user": {"id": "PUSR007", "type": "user_reference", "summary": "Gus Example"}}]}]}}"#,
    ));
    let options = ImportOptions {
        vars: vec![(START.0.to_string(), START.1.to_string())],
        ..ImportOptions::default()
    };
    let result = import(&files, &options).expect("import");
    assert_eq!(result.label(), "PagerDuty Terraform and PagerDuty API");
    let all = said(&files, &result);
    assert!(all.contains(&"103:1 info[import-lookup] `data.pagerduty_schedule.secondary` is schedule `Payments Secondary` of `secondary.json`".to_string()), "{all:#?}");
    assert!(
        result.document.contains(
            "  - id: payments-secondary\n    name: Payments Secondary\n    source: PSCH777\n"
        ),
        "{}",
        result.document
    );
    assert!(result
        .document
        .contains("          - {schedule: payments-secondary}\n"));
    assert_eq!(result.counts.schedules, 2);
}

#[test]
fn the_terraform_schedule_and_policy_answer_as_pagerduty() {
    let (_, result) = import_dir_with("terraform", &[START]);
    let ev = evaluator(&result);
    let s = "payments-primary";
    // rotation_virtual_start = timeadd(start, "-168h"): turns of 8 h from
    // Monday 2026-02-23 09:00, three a day, [alice, bob] (the for
    // expression sorts them). Turns keep counting through restricted time
    // (KB "Complex Split Shift Rotation"): day d's 09:00 turn is 3d, so
    // Monday 03-02 (d = 7) is bob's and Tuesday 03-03 (d = 8) alice's.
    assert_eq!(
        on_call(&ev, s, "2026-03-02T12:00:00Z"),
        people(&["bob-example"])
    );
    assert_eq!(
        on_call(&ev, s, "2026-03-03T12:00:00Z"),
        people(&["alice-example"])
    );
    // The second `layer` block is Layer 2, the top: its 19:00 + 12 h window
    // wins at night ("the lowest layer always takes precedence").
    assert_eq!(
        on_call(&ev, s, "2026-03-03T03:00:00Z"),
        people(&["carol-example"])
    );
    // Between the night window and the weekday window: nobody.
    assert_eq!(on_call(&ev, s, "2026-03-02T08:00:00Z"), people(&[]));
    assert_eq!(on_call(&ev, s, "2026-03-07T12:00:00Z"), people(&[]));
    // After the DST change the 09:00 handoff is 08:00Z (wall clock): turn
    // 105 (bob) at 08:30Z, where elapsed time would still give turn 104.
    assert_eq!(
        on_call(&ev, s, "2026-03-30T08:30:00Z"),
        people(&["bob-example"])
    );
    // The policy: rule 2's schedule is looked up by a data source (no
    // layers in the files: nobody), carol pages; num_loops 2 = 3 passes.
    let (pages, exhausted) = plan(&ev, "payments", "2026-03-03T12:00:00Z");
    assert_eq!(
        pages,
        [
            (0, 1, 1, people(&["alice-example"])),
            (900, 1, 2, people(&["carol-example"])),
            (1800, 2, 1, people(&["alice-example"])),
            (2700, 2, 2, people(&["carol-example"])),
            (3600, 3, 1, people(&["alice-example"])),
            (4500, 3, 2, people(&["carol-example"])),
        ]
    );
    assert_eq!(exhausted, 5400);
    let errors: Vec<_> = escalator::check(&result.document)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

// ---- shapes and problems, one by one ------------------------------------------------

/// The diagnostics as `line:col severity[code] message`, for one file.
fn said(files: &[SourceFile], result: &Import) -> Vec<String> {
    result
        .diagnostics
        .iter()
        .map(|d| {
            let p = LineIndex::new(&files[d.file].text).position(d.diagnostic.span.start);
            format!(
                "{}:{} {}[{}] {}",
                p.line,
                p.column,
                d.diagnostic.severity.as_str(),
                d.diagnostic.code,
                d.diagnostic.message
            )
        })
        .collect()
}

/// A GET schedule (ids and links) with one layer, in `zone`, layer fields
/// spliced in.
fn get_schedule(zone: &str, layer: &str) -> String {
    format!(
        r#"{{"schedule": {{"id": "PSCH900", "type": "schedule", "name": "Ops", "time_zone": "{zone}",
  "html_url": "https://acme.pagerduty.com/schedules/PSCH900",
  "schedule_layers": [{{"id": "PLAYR90", "name": "Layer 1", {layer}}}]}}}}"#
    )
}

#[test]
fn restriction_times_rendered_in_another_zone_are_suspected() {
    // Fetched with `time_zone=UTC`: every time carries +00:00 although New
    // York is at -04:00 in July.
    let text = get_schedule(
        "America/New_York",
        r#""start": "2026-07-06T13:00:00+00:00", "rotation_virtual_start": "2026-07-06T13:00:00+00:00",
  "rotation_turn_length_seconds": 604800, "users": [{"user": {"id": "PUSR001", "type": "user_reference"}}],
  "restrictions": [{"type": "daily_restriction", "start_time_of_day": "09:00:00", "duration_seconds": 28800}]"#,
    );
    let (files, result) = import_text("ops.json", &text);
    let all = said(&files, &result);
    assert!(all.contains(&"3:69 warning[pagerduty-rendered-zone] this export looks rendered in another zone: its times carry the offset +00:00 where `America/New_York` is at -04:00".to_string()), "{all:#?}");
    // Rendered in the schedule's own zone: nothing to suspect.
    let text = get_schedule(
        "America/New_York",
        r#""start": "2026-07-06T09:00:00-04:00", "rotation_virtual_start": "2026-07-06T09:00:00-04:00",
  "rotation_turn_length_seconds": 604800, "users": [{"user": {"id": "PUSR001", "type": "user_reference"}}],
  "restrictions": [{"type": "daily_restriction", "start_time_of_day": "09:00:00", "duration_seconds": 28800}]"#,
    );
    let (_, result) = import_text("ops.json", &text);
    assert!(!result
        .diagnostics
        .iter()
        .any(|d| d.diagnostic.code == "pagerduty-rendered-zone"));
}

#[test]
fn restrictions_become_windows_with_a_duration() {
    let text = get_schedule(
        "Europe/London",
        r#""start": "2026-01-05T09:00:00Z", "rotation_virtual_start": "2026-01-05T09:00:00Z",
  "rotation_turn_length_seconds": 86400, "users": [{"user": {"id": "PUSR001", "type": "user_reference"}}],
  "restrictions": [
    {"type": "daily_restriction", "start_time_of_day": "22:30:15", "duration_seconds": 30600, "start_day_of_week": 3},
    {"type": "weekly_restriction", "start_day_of_week": 5, "start_time_of_day": "17:00:00", "duration_seconds": 230400}
  ]"#,
    );
    let (files, result) = import_text("ops.json", &text);
    assert!(
        result.document.contains(
            "        restrictions:\n          - {from: \"22:30:15\", duration: 510m}\n          - {from: \"fri 17:00\", duration: 64h}\n"
        ),
        "{}",
        result.document
    );
    let all = said(&files, &result);
    assert!(all.contains(&"6:116 info[import-not-imported] `start_day_of_week: 3` is not used by a daily restriction".to_string()), "{all:#?}");
}

/// A restriction as long as its period (a day for a daily one, a week for
/// a weekly one) or longer covers all time: it limits nothing, since "by
/// default, during a shift each person is on on-call duty continuously (24
/// hours a day, 7 days a week)" and a restriction is "a limit on which
/// period of the day or week the schedule layer can accept assignments"
/// (PagerDuty KB "Setting up Restrictions for On-Call Shifts", OpenAPI
/// `Restriction`; /work/notes/pagerduty.md Q3). So the layer has no
/// restriction, and nobody loses (or gains) an hour across a DST change, as
/// a one-day window of 24 elapsed hours would make them.
#[test]
fn a_restriction_over_its_whole_period_is_no_restriction() {
    for (restrictions, all_time, unused) in [
        (
            r#"{"type": "daily_restriction", "start_time_of_day": "00:00:00", "duration_seconds": 86400}"#,
            "a daily restriction of 86400 seconds covers the whole day",
            0,
        ),
        (
            r#"{"type": "weekly_restriction", "start_day_of_week": 7, "start_time_of_day": "00:00:00", "duration_seconds": 604800},
    {"type": "daily_restriction", "start_time_of_day": "09:00:00", "duration_seconds": 3600}"#,
            "a weekly restriction of 604800 seconds covers the whole week",
            1,
        ),
        (
            r#"{"type": "daily_restriction", "start_time_of_day": "08:00:00", "duration_seconds": 90000}"#,
            "a daily restriction of 90000 seconds covers the whole day",
            0,
        ),
    ] {
        let text = get_schedule(
            "Europe/London",
            &format!(
                r#""start": "2026-10-19T09:00:00Z", "rotation_virtual_start": "2026-10-19T09:00:00Z",
  "rotation_turn_length_seconds": 604800, "users": [{{"user": {{"id": "PUSR001", "type": "user_reference"}}}}],
  "restrictions": [
    {restrictions}
  ]"#
            ),
        );
        let (files, result) = import_text("ops.json", &text);
        assert!(
            !result.document.contains("restrictions"),
            "{}",
            result.document
        );
        let all = said(&files, &result);
        assert_eq!(
            all.iter()
                .filter(|m| m.contains("info[pagerduty-unrestricted]") && m.contains(all_time))
                .count(),
            1,
            "{all:#?}"
        );
        assert_eq!(
            all.iter()
                .filter(|m| m.contains("info[pagerduty-unrestricted] this restriction of"))
                .count(),
            unused,
            "{all:#?}"
        );
        // On call without a break through the day the clocks go back
        // (2026-10-25, 25 hours long) and the week around it.
        let ev = evaluator(&result);
        let shifts = ev
            .shifts("ops", t("2026-10-19T09:00:00Z"), t("2026-10-26T09:00:00Z"))
            .unwrap();
        let on: Vec<_> = shifts
            .shifts
            .iter()
            .map(|s| (s.start.to_rfc3339(), s.end.to_rfc3339(), s.on_call.clone()))
            .collect();
        assert_eq!(
            on,
            [(
                "2026-10-19T09:00:00Z".to_string(),
                "2026-10-26T09:00:00Z".to_string(),
                vec!["pusr001".to_string()]
            )],
            "{restrictions}"
        );
    }
}

/// A GET with `since`/`until` renders the schedule's overrides layer
/// (`overrides_subschedule.rendered_schedule_entries`: PagerDuty's
/// overrides, resolved and cut to the window; notes Q5 and Q10). Without
/// an overrides file they are the overrides; with one they are the same
/// overrides again, not imported twice. Either way an info at the key.
#[test]
fn rendered_overrides_are_the_overrides_unless_a_file_lists_them() {
    let schedule = r#"{"schedule": {"id": "PSCH900", "type": "schedule", "name": "Ops", "time_zone": "UTC",
  "html_url": "https://acme.pagerduty.com/schedules/PSCH900",
  "schedule_layers": [{"id": "PLAYR90", "name": "Layer 1", "start": "2026-01-05T09:00:00Z", "end": null,
    "rotation_virtual_start": "2026-01-05T09:00:00Z", "rotation_turn_length_seconds": 604800,
    "users": [{"user": {"id": "PUSR001", "type": "user_reference"}}],
    "rendered_schedule_entries": [{"start": "2026-01-12T00:00:00Z", "end": "2026-01-26T00:00:00Z", "user": {"id": "PUSR001", "type": "user_reference"}}],
    "rendered_coverage_percentage": 100.0}],
  "overrides_subschedule": {"name": "Overrides", "rendered_coverage_percentage": 7.1,
    "rendered_schedule_entries": [
      {"start": "2026-01-17T00:00:00Z", "end": "2026-01-18T12:00:00Z", "user": {"id": "PUSR005", "type": "user_reference", "summary": "Erin Example"}},
      {"start": "2026-01-18T12:00:00Z", "end": "2026-01-18T18:00:00Z", "user": {"id": "PUSR006", "type": "user_reference", "summary": "Frank Example"}}]},
  "final_schedule": {"name": "Final Schedule", "rendered_coverage_percentage": 100.0,
    "rendered_schedule_entries": [{"start": "2026-01-12T00:00:00Z", "end": "2026-01-17T00:00:00Z", "user": {"id": "PUSR001", "type": "user_reference"}}]}}}"#;
    let overrides = r#"{"overrides": [
  {"id": "PQ1", "start": "2026-01-17T00:00:00Z", "end": "2026-01-19T00:00:00Z", "user": {"id": "PUSR005", "type": "user_reference"}}]}"#;
    // The rendered layer alone: its entries are the overrides.
    let files = vec![SourceFile::new("schedule-PSCH900.json", schedule)];
    let result = import(&files, &ImportOptions::default()).expect("recognised");
    let all = said(&files, &result);
    assert!(
        all.iter().any(|m| m.starts_with(
            "8:3 info[pagerduty-rendered-overrides] imported as the overrides of schedule `Ops`"
        )),
        "{all:#?}"
    );
    // `final_schedule` and the layer's entries stay PagerDuty's answer.
    assert!(
        all.iter().any(|m| m.contains(
            "PagerDuty's rendered entries are not imported from schedule `Ops`: `final_schedule`"
        )),
        "{all:#?}"
    );
    let ev = evaluator(&result);
    assert_eq!(
        on_call(&ev, "ops", "2026-01-17T06:00:00Z"),
        ["erin-example"]
    );
    assert_eq!(
        on_call(&ev, "ops", "2026-01-18T13:00:00Z"),
        ["frank-example"]
    );
    assert_eq!(on_call(&ev, "ops", "2026-01-18T19:00:00Z"), ["pusr001"]);
    // With the overrides file: those are the overrides, once.
    let files = vec![
        SourceFile::new("schedule-PSCH900.json", schedule),
        SourceFile::new("overrides-PSCH900.json", overrides),
    ];
    let result = import(&files, &ImportOptions::default()).expect("recognised");
    let all = said(&files, &result);
    assert!(
        all.iter().any(|m| m.starts_with("8:3 info[pagerduty-rendered-overrides] not imported: these are the overrides of schedule `Ops`")),
        "{all:#?}"
    );
    assert_eq!(
        result.document.matches("source: PQ1").count(),
        1,
        "{}",
        result.document
    );
    let ev = evaluator(&result);
    // The file's override to the 19th (the rendered Frank is not imported).
    assert_eq!(on_call(&ev, "ops", "2026-01-18T13:00:00Z"), ["pusr005"]);
}

#[test]
fn a_layer_that_cannot_be_read_is_an_error_at_its_field() {
    let text = get_schedule(
        "Europe/London",
        r#""start": "2026-01-05T09:00:00Z", "rotation_virtual_start": "next monday",
  "rotation_turn_length_seconds": 86400, "users": [{"user": {"id": "PUSR001", "type": "user_reference"}}],
  "restrictions": [{"type": "monthly_restriction", "start_time_of_day": "09:00:00", "duration_seconds": 60}]"#,
    );
    let (files, result) = import_text("ops.json", &text);
    let all = said(&files, &result);
    assert!(all.contains(&"3:119 error[import-invalid-value] `rotation_virtual_start` is `next monday`, not an RFC 3339 date-time; not imported".to_string()), "{all:#?}");
    assert!(!result.is_complete());
    assert!(result.document.contains("  - {id: ops, name: Ops, source: PSCH900, timezone: Europe/London, layers: [], combine: top}\n"), "{}", result.document);
    assert!(!result.document.contains("people:"), "{}", result.document);

    let text = get_schedule(
        "Europe/London",
        r#""start": "2026-01-05T09:00:00Z", "rotation_virtual_start": "2026-01-05T09:00:00Z",
  "rotation_turn_length_seconds": 0, "users": [{"user": {"id": "PUSR001", "type": "user_reference"}}],
  "restrictions": [{"type": "weekly_restriction", "start_day_of_week": 8, "start_time_of_day": "9am", "duration_seconds": 60}]"#,
    );
    let (files, result) = import_text("ops.json", &text);
    let all = said(&files, &result);
    assert!(all.contains(&"4:35 error[import-invalid-value] `rotation_turn_length_seconds` is 0: a turn must be positive; layer `Layer 1` of schedule `Ops` is not imported".to_string()), "{all:#?}");

    let text = get_schedule(
        "Europe/London",
        r#""start": "2026-01-05T09:00:00Z", "rotation_virtual_start": "2026-01-05T09:00:00Z",
  "rotation_turn_length_seconds": 3600, "users": [{"user": {"id": "PUSR001", "type": "user_reference"}}],
  "restrictions": [{"type": "weekly_restriction", "start_day_of_week": 8, "start_time_of_day": "09:00:00", "duration_seconds": 60}]"#,
    );
    let (files, result) = import_text("ops.json", &text);
    let all = said(&files, &result);
    assert!(all.contains(&"5:72 error[import-invalid-value] `start_day_of_week` is 8: PagerDuty counts 1 (Monday) to 7 (Sunday); layer `Layer 1` of schedule `Ops` is not imported".to_string()), "{all:#?}");
}

#[test]
fn a_layer_without_users_is_left_out_as_pagerduty_shows_through_it() {
    let text = get_schedule(
        "Europe/London",
        r#""start": "2026-01-05T09:00:00Z", "rotation_virtual_start": "2026-01-05T09:00:00Z",
  "rotation_turn_length_seconds": 86400, "users": []"#,
    );
    let (files, result) = import_text("ops.json", &text);
    let all = said(&files, &result);
    assert!(all.contains(&"4:51 warning[import-not-imported] layer `Layer 1` of schedule `Ops` has no users; left out (a layer with nobody lets the layers below show through, so nothing changes)".to_string()), "{all:#?}");
    assert!(result.is_complete());
}

#[test]
fn layer_names_that_contradict_the_shape_win_with_a_warning() {
    // A GET-shaped file (ids, links) whose layers run Layer 1, Layer 2: a
    // GET saved with its layers reversed, as public-support-scripts does.
    let text = r#"{"schedule": {"id": "PSCH901", "name": "Ops", "time_zone": "UTC",
  "html_url": "https://acme.pagerduty.com/schedules/PSCH901",
  "schedule_layers": [
    {"id": "PL1", "name": "Layer 1", "start": "2026-01-05T00:00:00Z", "rotation_virtual_start": "2026-01-05T00:00:00Z",
     "rotation_turn_length_seconds": 86400, "users": [{"user": {"id": "PUSR001", "type": "user_reference"}}]},
    {"id": "PL2", "name": "Layer 2", "start": "2026-01-05T00:00:00Z", "rotation_virtual_start": "2026-01-05T00:00:00Z",
     "rotation_turn_length_seconds": 86400, "users": [{"user": {"id": "PUSR002", "type": "user_reference"}}]}
  ]}}"#;
    let (files, result) = import_text("ops.json", text);
    let all = said(&files, &result);
    assert!(all.contains(&"3:3 warning[pagerduty-layer-order] layers read bottom first (Layer 1 first), as PagerDuty's POST and PUT take them, since their names run up from `Layer 1` to `Layer 2`, although it is a GET response (it has fields only PagerDuty writes, such as `id` or `html_url`), which lists them the other way; kept in order".to_string()), "{all:#?}");
    let layer1 = result.document.find("source: PL1").expect("layer 1");
    let layer2 = result.document.find("source: PL2").expect("layer 2");
    assert!(layer1 < layer2);
}

#[test]
fn overrides_find_their_schedule_by_file_name_or_say_they_cannot() {
    let schedule = get_schedule(
        "UTC",
        r#""start": "2026-01-05T00:00:00Z", "rotation_virtual_start": "2026-01-05T00:00:00Z",
  "rotation_turn_length_seconds": 86400, "users": [{"user": {"id": "PUSR001", "type": "user_reference"}}]"#,
    );
    let overrides = r#"{"overrides": [{"id": "PO1", "start": "2026-01-06T00:00:00Z", "end": "2026-01-07T00:00:00Z",
  "user": {"id": "PUSR002", "type": "user_reference", "summary": "Bob"}}]}"#;
    // The only schedule: given to it, with an info.
    let files = vec![
        SourceFile::new("ops.json", schedule.clone()),
        SourceFile::new("overrides.json", overrides),
    ];
    let result = import(&files, &ImportOptions::default()).expect("import");
    assert!(result.document.contains("      - {person: bob, from: \"2026-01-06T00:00:00Z\", to: \"2026-01-07T00:00:00Z\", source: PO1}\n"), "{}", result.document);
    assert!(said(&files, &result).contains(&"1:2 info[import-assumption] these overrides do not say their schedule: given to the only schedule of the import".to_string()));
    // Named after a schedule in no file: a schedule with no layers holds them.
    let files = vec![SourceFile::new("overrides-PSCH777.json", overrides)];
    let result = import(&files, &ImportOptions::default()).expect("import");
    assert!(said(&files, &result).contains(&"1:2 warning[import-missing-object] these overrides are for schedule `PSCH777` (from the file name), which is in no file: imported on a schedule with no layers".to_string()));
    assert!(result.document.contains("  - id: psch777\n    source: PSCH777\n    layers: []\n    combine: top\n    overrides:\n"), "{}", result.document);
    // Two schedules and no id in the name: an error, nothing guessed.
    let other = schedule
        .replace("PSCH900", "PSCH901")
        .replace("\"Ops\"", "\"Dev\"");
    let files = vec![
        SourceFile::new("a.json", schedule),
        SourceFile::new("b.json", other),
        SourceFile::new("overrides.json", overrides),
    ];
    let result = import(&files, &ImportOptions::default()).expect("import");
    assert!(said(&files, &result).contains(&"1:2 error[import-missing-object] cannot tell which schedule this override is for; not imported".to_string()));
    assert!(!result.is_complete());
}

#[test]
fn list_pages_unknown_fields_and_strangers_are_said() {
    let text = r#"{"services": [
  {"id": "PSVC9", "type": "service", "name": "Search", "escalation_policy": {"id": "PEP9", "type": "escalation_policy_reference"},
   "brand_new_field": {"x": 1}},
  {"hello": "world"}
], "limit": 1, "offset": 0, "more": true, "total": null}"#;
    let (files, result) = import_text("services.json", text);
    let all = said(&files, &result);
    assert_eq!(
        all,
        [
            "2:84 warning[import-missing-object] escalation policy `PEP9` is not imported (in no file, or without rules): service `Search` has no escalation",
            "3:4 info[import-unknown-field] `brand_new_field` is not a field of a PagerDuty service that Escalator knows; not imported",
            "4:3 warning[import-not-imported] this object is not a PagerDuty schedule, escalation policy, service, user, team or override; not imported",
            "5:37 warning[import-more-pages] this list continues on another page (`more: true`): objects on later pages are not in this file",
        ]
    );
    assert!(result
        .document
        .contains("  - {id: search, name: Search, source: PSVC9}\n"));
}

#[test]
fn policies_without_usable_rules_are_said_and_left_out() {
    let text = r#"{"escalation_policies": [
  {"id": "PEP1", "type": "escalation_policy", "name": "Empty", "escalation_rules": []},
  {"id": "PEP2", "type": "escalation_policy", "name": "Odd", "num_loops": 1, "escalation_rules": [
    {"id": "R1", "escalation_delay_in_minutes": 5, "targets": []},
    {"id": "R2", "escalation_delay_in_minutes": 5, "targets": [{"id": "PX", "type": "escalation_policy_reference"}]},
    {"id": "R3", "escalation_delay_in_minutes": 7, "targets": [{"id": "PUSR1", "type": "user", "summary": "Al"}]}
  ]}
]}"#;
    let (files, result) = import_text("escalation_policies.json", text);
    let all = said(&files, &result);
    assert_eq!(
        all,
        [
            "2:10 warning[import-not-imported] escalation policy `Empty` has no escalation rules; not imported",
            "4:12 warning[import-not-imported] rule 1 of escalation policy `Odd` has no target that could be imported; left out (PagerDuty escalates past an empty rule at once, so the timing is the same; later steps are numbered one less)",
            "5:12 warning[import-not-imported] rule 2 of escalation policy `Odd` has no target that could be imported; left out (PagerDuty escalates past an empty rule at once, so the timing is the same; later steps are numbered one less)",
            "5:85 warning[import-not-imported] target type `escalation_policy_reference` is neither a user nor a schedule; not imported",
            "6:71 warning[import-missing-object] user `PUSR1` is in no file: imported as person `al` with no zone or contact rules",
        ]
    );
    assert!(result.document.contains("policies:\n  - id: odd\n    name: Odd\n    source: PEP2\n    repeat: 1\n    on_empty_step: skip\n    steps:\n      - source: R3\n        notify:\n          - {person: al}\n        escalate_after: 7m\n"), "{}", result.document);
}

#[test]
fn the_same_schedule_in_two_files_keeps_the_copy_with_layers() {
    let listed = r#"{"schedules": [{"id": "PSCH900", "type": "schedule", "name": "Ops", "time_zone": "UTC",
  "html_url": "https://acme.pagerduty.com/schedules/PSCH900"}], "more": false}"#;
    let single = get_schedule(
        "UTC",
        r#""start": "2026-01-05T00:00:00Z", "rotation_virtual_start": "2026-01-05T00:00:00Z",
  "rotation_turn_length_seconds": 86400, "users": [{"user": {"id": "PUSR001", "type": "user_reference"}}]"#,
    );
    let files = vec![
        SourceFile::new("schedules.json", listed),
        SourceFile::new("schedule-PSCH900.json", single),
    ];
    let result = import(&files, &ImportOptions::default()).expect("import");
    assert_eq!(result.counts.schedules, 1);
    assert!(
        result.document.contains("members: [pusr001]"),
        "{}",
        result.document
    );
    let all = located(&files, &result);
    assert!(
        all.contains(&"schedules.json:1:23: info[import-duplicate]".to_string()),
        "{all:#?}"
    );
}

#[test]
fn contact_methods_pagerduty_does_not_use_are_not_imported() {
    let text = r#"{"user": {"id": "PUSR7", "type": "user", "name": "Zoë Example", "email": "zoe@example.com", "time_zone": "Mars/Olympus",
  "contact_methods": [
    {"id": "C1", "type": "sms_contact_method", "address": "5550100", "country_code": 1, "blacklisted": true},
    {"id": "C2", "type": "email_contact_method", "address": "zoe@example.com"}
  ],
  "notification_rules": [
    {"id": "N1", "start_delay_in_minutes": 0, "urgency": "high", "contact_method": {"id": "C1", "type": "sms_contact_method"}},
    {"id": "N2", "start_delay_in_minutes": 2, "urgency": "high", "contact_method": {"id": "C2", "type": "email_contact_method"}},
    {"id": "N3", "start_delay_in_minutes": 4, "urgency": "high", "contact_method": {"id": "C9", "type": "phone_contact_method"}}
  ]}}"#;
    let (files, result) = import_text("user.json", text);
    assert!(result.document.contains("  - id: zoë-example\n    name: Zoë Example\n    source: PUSR7\n    contact:\n      - {via: email, after: 2m, to: zoe@example.com}\n      - {via: phone, after: 4m}\n"), "{}", result.document);
    let all = said(&files, &result);
    assert!(all.contains(&"1:106 warning[import-invalid-value] `Mars/Olympus` is not an IANA time zone; the person is imported without one".to_string()), "{all:#?}");
    assert!(all.contains(&"3:104 warning[import-not-imported] this contact method of user `Zoë Example` is `blacklisted: true`: PagerDuty does not use it, so the notification rules that use it are not imported".to_string()), "{all:#?}");
    assert!(all.contains(&"9:91 warning[import-missing-object] contact method `C9` is not in the export; imported without its address".to_string()), "{all:#?}");
}

#[test]
fn broken_json_is_an_error_and_nothing_panics() {
    // Plainly a PagerDuty export, but cut short: recognised, and the
    // importer says where it breaks.
    let (files, result) = import_text(
        "schedules.json",
        r#"{"schedules": [{"id": "P1", "schedule_layers": [}"#,
    );
    assert!(!result.is_complete());
    let all = said(&files, &result);
    assert!(all.iter().any(|d| d.contains(" error[")), "{all:#?}");
    for text in [
        r#"{"schedules": 5, "more": false}"#,
        r#"{"schedule": {"schedule_layers": [1, "x", null, {"users": "nobody", "rotation_turn_length_seconds": "1w"}], "html_url": "https://x.pagerduty.com"}}"#,
        r#"{"escalation_policy": {"escalation_rules": [{"targets": [{"type": "user_reference"}], "escalation_delay_in_minutes": -5}], "escalation_rule_assignment_strategy": 3, "html_url": "https://x.pagerduty.com"}}"#,
        r#"{"overrides": [{"start": "2026-01-02T00:00:00Z", "end": "2026-01-01T00:00:00Z", "user": {"id": "P", "type": "user_reference"}}]}"#,
        r#"[{"type": "user", "html_url": "https://a.pagerduty.com/users/P", "notification_rules": [{"urgency": 3}], "contact_methods": [{}]}]"#,
    ] {
        let files = vec![SourceFile::new("x.json", text)];
        if let Ok(result) = import(&files, &ImportOptions::default()) {
            assert!(
                escalator::document::parse(&result.document)
                    .diagnostics
                    .is_empty(),
                "{text}\n{}",
                result.document
            );
        }
    }
}

#[test]
fn large_exports_take_bounded_work() {
    // 3 000 users of one name, 300 schedules, 6 000 overrides of one
    // schedule all overlapping: linear work, and the overlap warnings stop
    // at a bound.
    let users: Vec<String> = (0..3000)
        .map(|i| format!(r#"{{"id": "PU{i}", "type": "user", "name": "Alice Example", "html_url": "https://a.pagerduty.com/users/PU{i}"}}"#))
        .collect();
    let schedules: Vec<String> = (0..300)
        .map(|i| format!(r#"{{"id": "PS{i}", "type": "schedule", "name": "Ops", "time_zone": "UTC", "schedule_layers": [
            {{"id": "PL{i}", "name": "Layer 1", "start": "2026-01-05T00:00:00Z", "rotation_virtual_start": "2026-01-05T00:00:00Z",
              "rotation_turn_length_seconds": 86400, "users": [{{"user": {{"id": "PU{i}", "type": "user_reference"}}}}]}}]}}"#))
        .collect();
    let overrides: Vec<String> = (0..6_000)
        .map(|i| format!(r#"{{"id": "PO{i}", "start": "2026-01-06T00:00:00Z", "end": "2026-01-{:02}T00:00:00Z", "user": {{"id": "PU{}", "type": "user_reference"}}}}"#, 7 + i % 20, i % 3000))
        .collect();
    let files = vec![
        SourceFile::new(
            "users.json",
            format!(r#"{{"users": [{}]}}"#, users.join(",")),
        ),
        SourceFile::new(
            "schedules.json",
            format!(r#"{{"schedules": [{}]}}"#, schedules.join(",")),
        ),
        SourceFile::new(
            "overrides-PS7.json",
            format!(r#"{{"overrides": [{}]}}"#, overrides.join(",")),
        ),
    ];
    let started = std::time::Instant::now();
    let result = import(&files, &ImportOptions::default()).expect("import");
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    assert_eq!(result.counts.people, 3000);
    assert_eq!(result.counts.schedules, 300);
    assert!(result.document.contains("{id: alice-example-3000, "));
    let overlaps = result
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.code == "import-overlapping-overrides")
        .count();
    assert_eq!(overlaps, 21);
}

// ---- `escalator import`, as a user runs it ------------------------------------------

mod cli {
    use std::process::{Command, Output};

    fn escalator(args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_escalator"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("the escalator binary runs")
    }

    const API: &str = "tests/fixtures/import/pagerduty/api";

    #[test]
    fn a_complete_import_exits_0_with_the_document_on_stdout() {
        let out = escalator(&["import", API]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert!(
            stderr.starts_with(
                "detected: PagerDuty API, 7 files: 7 people, 3 schedules, 2 policies, 2 services\n"
            ),
            "{stderr}"
        );
        // check-style diagnostics: file:line:col, the line, a caret.
        let urgency = "tests/fixtures/import/pagerduty/api/services.json:14:7: warning[pagerduty-urgency-not-evaluated]: urgency rules are not evaluated: every incident is treated as high urgency\n   |\n14 |       \"incident_urgency_rule\": {\n   |       ^^^^^^^^^^^^^^^^^^^^^^^\n";
        assert!(stderr.contains(urgency), "{stderr}");
        assert!(stdout.starts_with("# Imported by `escalator import` from:\n#   tests/fixtures/import/pagerduty/api/escalation_policies.json (PagerDuty API)\n"), "{stdout}");
        // The same document as the library gives (the header names the paths).
        let golden =
            std::fs::read_to_string(format!("{API}/../api.expected.yaml")).expect("golden");
        let body = |s: &str| {
            s.lines()
                .filter(|l| !l.starts_with('#'))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(body(&stdout), body(&golden));
    }

    #[test]
    fn json_output_is_the_import_shape() {
        let out = escalator(&["import", API, "--json"]);
        assert_eq!(out.status.code(), Some(0));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(v["complete"], true);
        assert_eq!(
            v["summary"],
            "PagerDuty API, 7 files: 7 people, 3 schedules, 2 policies, 2 services"
        );
        assert_eq!(v["detected"]["label"], "PagerDuty API");
        assert_eq!(v["detected"]["files"][0]["vendor"], "pagerduty");
        assert_eq!(v["detected"]["files"][0]["format"], "api");
        assert_eq!(v["counts"]["schedules"], 3);
        let urgency = v["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .find(|d| d["code"] == "pagerduty-urgency-not-evaluated")
            .expect("urgency warning");
        assert_eq!(
            urgency["file"],
            "tests/fixtures/import/pagerduty/api/services.json"
        );
        assert_eq!(urgency["severity"], "warning");
        assert_eq!(urgency["span"]["start"]["line"], 14);
        assert_eq!(urgency["span"]["start"]["column"], 7);
        assert!(v["document"]
            .as_str()
            .expect("document")
            .contains("combine: top"));
    }

    #[test]
    fn something_not_imported_exits_1_and_still_writes_the_document() {
        let dir = std::env::temp_dir().join(format!("escalator-pd-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let out_file = dir.join("out.yaml");
        let out = escalator(&[
            "import",
            "tests/fixtures/import/pagerduty/incomplete",
            "-o",
            out_file.to_str().expect("path"),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("tests/fixtures/import/pagerduty/incomplete/overrides.json:2:3: error[import-missing-object]: cannot tell which schedule this override is for; not imported\n"), "{stderr}");
        let written = std::fs::read_to_string(&out_file).expect("written");
        assert!(written.contains("  - id: database\n"), "{written}");
        let json = escalator(&[
            "import",
            "tests/fixtures/import/pagerduty/incomplete",
            "--json",
        ]);
        assert_eq!(json.status.code(), Some(1));
        let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
        assert_eq!(v["complete"], false);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_terraform_folder_needs_its_variable() {
        let dir = "tests/fixtures/import/pagerduty/terraform";
        let out = escalator(&["import", dir]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("needed: `start` (When the weekday rotation starts (RFC 3339)): pass `--var start=2026-03-02T09:00:00Z`\n"), "{stderr}");
        let out = escalator(&["import", dir, "--var", "start=2026-03-02T09:00:00Z"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert!(stderr.starts_with("detected: PagerDuty Terraform, 2 files: 3 people, 2 schedules, 1 policy, 1 service\n"), "{stderr}");
    }

    #[test]
    fn nothing_recognised_or_unreadable_exits_2() {
        let dir = std::env::temp_dir().join(format!("escalator-pd-none-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("notes.json"), r#"{"hello": "world"}"#).expect("write");
        let out = escalator(&["import", dir.to_str().expect("path")]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("no supported format recognised"),
            "{stderr}"
        );
        assert!(stderr.contains("PagerDuty REST API v2 JSON"), "{stderr}");
        let out = escalator(&["import", "tests/fixtures/import/pagerduty/no-such-folder"]);
        assert_eq!(out.status.code(), Some(2));
        let _ = std::fs::remove_dir_all(&dir);
    }
}

// ---- generated exports ----------------------------------------------------------------

mod generated {
    use super::gen;
    use escalator::diagnostic::Severity;
    use escalator::import::{import, ImportOptions, SourceFile};
    use proptest::prelude::*;

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

    fn files(choices: &[u32]) -> Vec<SourceFile> {
        let mut c = gen::Choices::new(choices);
        gen::export(&mut c)
            .into_iter()
            .map(|(name, text)| SourceFile::new(name, text))
            .collect()
    }

    proptest! {
        #![proptest_config(config(64))]

        /// Valid PagerDuty objects import completely (no error), the
        /// document reads back as YAML, and the same input gives the same
        /// bytes.
        #[test]
        fn valid_exports_import_completely(choices in proptest::collection::vec(any::<u32>(), 0..600)) {
            let files = files(&choices);
            let result = import(&files, &ImportOptions::default()).expect("recognised");
            let errors: Vec<_> = result.diagnostics.iter().filter(|d| d.diagnostic.severity == Severity::Error).collect();
            prop_assert!(errors.is_empty(), "{errors:#?}\n{files:#?}");
            prop_assert!(result.is_complete());
            prop_assert!(escalator::document::parse(&result.document).diagnostics.is_empty());
            let again = import(&files, &ImportOptions::default()).expect("recognised");
            prop_assert_eq!(&result.document, &again.document);
        }
    }

    proptest! {
        #![proptest_config(config(64))]

        /// Edited exports (the fixtures and generated ones, bytes replaced,
        /// cut, or spliced) never make the importer panic; every diagnostic
        /// points inside its file, whatever is written reads back as YAML,
        /// and a complete import is a document `check` finds no error in.
        #[test]
        fn edited_exports_never_panic(
            choices in proptest::collection::vec(any::<u32>(), 0..400),
            edits in proptest::collection::vec((any::<u32>(), any::<u8>()), 0..8),
            cut in any::<u32>(),
        ) {
            let mut files = files(&choices);
            for dir in ["api", "post-body", "incomplete"] {
                if choices.first().copied().unwrap_or(0) % 4 == 0 {
                    files.extend(super::files(dir));
                }
            }
            for (i, (at, byte)) in edits.iter().enumerate() {
                let n = files.len();
                let f = &mut files[i % n];
                let mut bytes = f.text.clone().into_bytes();
                if !bytes.is_empty() {
                    let k = *at as usize % bytes.len();
                    bytes[k] = b"0123456789-:\"{}[],nZ \\"[*byte as usize % 22];
                }
                f.text = String::from_utf8_lossy(&bytes).into_owned();
            }
            if cut % 3 == 0 {
                let n = files.len();
                let f = &mut files[cut as usize % n];
                let mut keep = (cut as usize / 3) % (f.text.len() + 1);
                while !f.text.is_char_boundary(keep) {
                    keep -= 1;
                }
                f.text.truncate(keep);
            }
            if let Ok(result) = import(&files, &ImportOptions::default()) {
                for d in &result.diagnostics {
                    prop_assert!(d.diagnostic.span.start <= d.diagnostic.span.end);
                    prop_assert!(d.diagnostic.span.end as usize <= files[d.file].text.len());
                }
                prop_assert!(escalator::document::parse(&result.document).diagnostics.is_empty(), "{}", result.document);
                super::fuzzing::assert_complete_is_valid(&result);
            }
        }
    }

    proptest! {
        #![proptest_config(config(64))]

        /// The imported document passes `escalator::check` with no error.
        #[test]
        fn valid_exports_import_to_documents_without_errors(choices in proptest::collection::vec(any::<u32>(), 0..600)) {
            let files = files(&choices);
            let result = import(&files, &ImportOptions::default()).expect("recognised");
            let errors: Vec<_> = escalator::check(&result.document)
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            prop_assert!(errors.is_empty(), "{errors:#?}\n{}", result.document);
        }
    }
}
