//! The GoAlert importer: fixtures written here (realistic, anonymised
//! GraphQL responses), the whole document they give, the diagnostics with
//! file, line and column, and who is on call and who is paged in the
//! IMPORTED document, each answer derived by hand from GoAlert's rule,
//! named in a comment with the file of GoAlert's code it comes from
//! (github.com/target/goalert).
//!
//! Fixtures (tests/fixtures/import/goalert/api/):
//! - `rotations.json` (with the `{"data": ...}` envelope and our own
//!   `exportedAt`): `Payments primary`, daily at 02:30 America/Chicago from
//!   2020-03-06, bob on call when exported (`activeUserIndex: 1`), the next
//!   handoff on the spring-forward day 2020-03-08 at 03:00 CDT;
//!   `Platform leads`, monthly from January 31 (Go's `AddDate` rolls
//!   February 31 over to March 2), used directly as a step target.
//! - `schedules.json` (no envelope): `Payments`, the rotation always on,
//!   Dan on an overnight rule Mon-Fri 17:00 -> 09:00, and a temporary
//!   schedule (erin, then nobody) on 2020-03-20/21.
//! - `overrides.json`: a replace (carol -> frank) that the temporary
//!   schedule cuts short, a remove (dan) and an add (alice).
//! - `policies.json`: `Payments` (repeat 2; a schedule, then a user and a
//!   Slack channel), `Platform` (a rotation target).
//! - `users.json`: contact methods and notification rules; one disabled
//!   method; hank is in no file.

#[path = "import_support/mod.rs"]
mod support;

use escalator::import::goalert::map::goalert_handoffs;
use escalator::import::times::instant;
use escalator::import::{Format, Vendor};
use support::*;

// ---- the whole document ------------------------------------------------------

#[test]
fn the_api_export_imports_to_exactly_this_document() {
    let (_, result) = import_dir("goalert/api");
    let expected = fixture("goalert/api.expected.yaml");
    assert_eq!(result.document, expected, "\n{}", result.document);
    assert!(result.is_complete(), "{:#?}", result.diagnostics);
    assert!(result.needed.is_empty());
}

#[test]
fn every_file_is_recognised_as_goalert_api_json() {
    let (_, result) = import_dir("goalert/api");
    assert!(result
        .detected
        .iter()
        .all(|d| d.vendor == Some(Vendor::GoAlert) && d.format == Some(Format::Api)));
    assert_eq!(
        result.summary(),
        "GoAlert API, 5 files: 8 people, 2 schedules, 2 policies"
    );
}

#[test]
fn importing_twice_gives_the_same_bytes() {
    let (_, a) = import_dir("goalert/api");
    let (_, b) = import_dir("goalert/api");
    assert_eq!(a.document, b.document);
    assert_eq!(a.diagnostics, b.diagnostics);
}

#[test]
fn every_diagnostic_points_into_its_file() {
    let (files, result) = import_dir("goalert/api");
    assert_eq!(
        located(&files, &result),
        [
            "overrides.json:5:9: info[goalert-temporary-over-override]",
            "policies.json:8:26: info[import-not-imported]",
            "policies.json:23:17: info[goalert-channel-target]",
            "policies.json:38:27: info[goalert-rotation-target]",
            "rotations.json:9:26: info[import-not-imported]",
            "rotations.json:14:30: info[goalert-anchor]",
            "rotations.json:31:30: info[goalert-anchor]",
            "rotations.json:34:13: info[import-missing-object]",
            "schedules.json:34:9: info[import-not-imported]",
            "users.json:9:11: info[import-not-imported]",
            "users.json:19:99: info[import-not-imported]",
            "users.json:22:103: info[import-not-imported]",
            "users.json:23:29: info[import-not-imported]",
            "users.json:25:99: info[import-not-imported]",
            "users.json:26:101: info[import-not-imported]",
            "users.json:27:103: info[import-not-imported]",
            "users.json:28:101: info[import-not-imported]",
        ]
    );
}

#[test]
fn the_anchor_is_said_at_active_user_index() {
    let (files, result) = import_dir("goalert/api");
    assert_eq!(
        position_of(&files, &result, "rotations.json", "goalert-anchor"),
        Some((14, 30))
    );
    assert_eq!(
        messages(&result, "goalert-anchor")[0],
        "anchored on the current turn: `userIDs[1]` (bob) is on call from 2020-03-07T08:30:00Z \
         (the handoff before `nextHandoffTimes[0]` by GoAlert's clock rule) to 2020-03-08T08:00:00Z; \
         turns before it are GoAlert's history and are not imported"
    );
}

// ---- formats ------------------------------------------------------------------

/// One rotation, for the format and DST tests: users `u0..u3`.
fn rotation(zone: &str, start: &str, kind: &str, len: i64, active: usize, next: &[&str]) -> String {
    let users: Vec<String> = (0..4).map(|i| format!("\"u{i}\"")).collect();
    let next: Vec<String> = next.iter().map(|n| format!("\"{n}\"")).collect();
    format!(
        r#"{{"id": "r1", "name": "Rota", "start": "{start}", "timeZone": "{zone}", "type": "{kind}",
  "shiftLength": {len}, "activeUserIndex": {active}, "userIDs": [{}],
  "nextHandoffTimes": [{}]}}"#,
        users.join(", "),
        next.join(", ")
    )
}

fn users_json() -> &'static str {
    r#"{"users": [{"id": "u0", "name": "u0"}, {"id": "u1", "name": "u1"}, {"id": "u2", "name": "u2"}, {"id": "u3", "name": "u3"}]}"#
}

fn import_rotation(json: &str) -> escalator::import::Import {
    let files = vec![
        escalator::import::SourceFile::new("rotation.json", json),
        escalator::import::SourceFile::new("users.json", users_json()),
    ];
    import_files(&files, &[])
}

#[test]
fn a_rotation_reads_the_same_with_or_without_the_envelope_bare_or_in_a_list() {
    let one = rotation(
        "America/Chicago",
        "2020-03-06T08:30:00Z",
        "daily",
        1,
        1,
        &["2020-03-08T08:00:00Z"],
    );
    let shapes = [
        format!(r#"{{"data": {{"rotation": {one}}}}}"#),
        format!(r#"{{"rotation": {one}}}"#),
        format!(r#"{{"data": {{"rotations": {{"nodes": [{one}]}}}}}}"#),
        format!(r#"{{"rotations": [{one}]}}"#),
        one.clone(),
        format!("[{one}]"),
    ];
    let documents: Vec<String> = shapes.iter().map(|s| import_rotation(s).document).collect();
    for d in &documents[1..] {
        assert_eq!(d, &documents[0]);
    }
    assert!(
        documents[0].contains("members: [u1, u2, u3, u0]"),
        "{}",
        documents[0]
    );
    assert!(
        documents[0].contains("handoff: \"2020-03-07T02:30\""),
        "{}",
        documents[0]
    );
}

#[test]
fn detection_recognises_goalert_with_and_without_the_envelope() {
    use escalator::import::detect::detect;
    for text in [
        r#"{"data": {"rotations": {"nodes": [{"id": "r", "shiftLength": 1}]}}}"#,
        r#"{"escalationPolicies": [{"id": "e", "steps": [{"delayMinutes": 5}]}]}"#,
        r#"{"data": {"schedule": {"id": "s", "timeZone": "UTC", "targets": [], "temporarySchedules": []}}}"#,
        r#"{"userOverrides": {"nodes": [{"id": "o", "addUserID": "a", "removeUserID": ""}]}}"#,
    ] {
        let tree = escalator::document::parse(text).root;
        let d = detect("x.json", text, tree.as_ref()).expect("recognised");
        assert_eq!(
            (d.vendor, d.format),
            (Some(Vendor::GoAlert), Format::Api),
            "{text}"
        );
    }
}

#[test]
fn without_next_handoff_times_a_value_is_needed_and_the_var_answers_it() {
    let json = r#"{"id": "r1", "name": "Rota", "start": "2020-03-06T08:30:00Z", "timeZone": "America/Chicago",
      "type": "daily", "shiftLength": 1, "activeUserIndex": 1, "userIDs": ["u0", "u1", "u2", "u3"]}"#;
    let result = import_rotation(json);
    assert!(!result.is_complete());
    assert_eq!(result.needed.len(), 1);
    assert_eq!(result.needed[0].name, "rota.next_handoff");
    assert!(!result.document.contains("members"), "{}", result.document);
    let files = vec![
        escalator::import::SourceFile::new("rotation.json", json),
        escalator::import::SourceFile::new("users.json", users_json()),
    ];
    let answered = import_files(&files, &[("rota.next_handoff", "2020-03-08T08:00:00Z")]);
    assert!(answered.needed.is_empty());
    assert!(
        answered.document.contains("members: [u1, u2, u3, u0]"),
        "{}",
        answered.document
    );
    assert!(answered.document.contains("handoff: \"2020-03-07T02:30\""));
}

#[test]
fn a_next_handoff_off_the_grid_and_a_stale_export_are_said() {
    let json = format!(
        r#"{{"exportedAt": "2020-03-09T12:00:00Z", "data": {{"rotation": {}}}}}"#,
        rotation(
            "America/Chicago",
            "2020-03-06T08:30:00Z",
            "daily",
            1,
            1,
            &["2020-03-08T08:30:00Z"]
        )
    );
    let result = import_rotation(&json);
    let off = messages(&result, "goalert-anchor-off-grid");
    assert_eq!(off.len(), 1);
    assert!(
        off[0].contains("(those around it are 2020-03-08T08:00:00Z and 2020-03-09T07:30:00Z)"),
        "{off:?}"
    );
    assert_eq!(messages(&result, "goalert-stale-export").len(), 1);
}

#[test]
fn a_rotation_in_another_zone_than_its_schedule_is_warned() {
    let json = format!(
        r#"{{"rotations": [{}], "schedules": [{{"id": "s1", "name": "S", "timeZone": "Europe/London",
          "targets": [{{"target": {{"id": "r1", "type": "rotation", "name": "Rota"}},
          "rules": [{{"start": "00:00", "end": "00:00", "weekdayFilter": [true, true, true, true, true, true, true]}}]}}]}}]}}"#,
        rotation(
            "America/Chicago",
            "2020-03-06T08:30:00Z",
            "daily",
            1,
            1,
            &["2020-03-08T08:00:00Z"]
        )
    );
    let result = import_rotation(&json);
    assert_eq!(messages(&result, "goalert-rotation-zone").len(), 1);
}

// ---- GoAlert's rules, in the importer's own statement --------------------------

/// The DST cases of GoAlert's own rotation tests
/// (`schedule/rotation/rotation_test.go`, `TestRotation_StartEnd_BruteForce`,
/// which walks in 30 s steps and asserts every shift start), as GoAlert
/// prints them, with the window they were checked over. All
/// America/Chicago unless said.
struct Case {
    name: &'static str,
    zone: &'static str,
    kind: &'static str,
    len: i64,
    start: &'static str,
    window: (&'static str, &'static str),
    handoffs: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "A hourly 24 across fall back",
        zone: "America/Chicago",
        kind: "hourly",
        len: 24,
        start: "2020-10-30T01:30:00-05:00",
        window: ("2020-10-29T00:00:00Z", "2020-11-03T12:00:00Z"),
        handoffs: &[
            "2020-10-29T01:30:00-05:00",
            "2020-10-30T01:30:00-05:00",
            "2020-10-31T01:30:00-05:00",
            "2020-11-01T01:30:00-05:00",
            "2020-11-02T01:30:00-06:00",
            "2020-11-03T01:30:00-06:00",
        ],
    },
    // "Daily & 24 hour should be identical"
    Case {
        name: "B daily across fall back",
        zone: "America/Chicago",
        kind: "daily",
        len: 1,
        start: "2020-10-30T01:30:00-05:00",
        window: ("2020-10-29T00:00:00Z", "2020-11-03T12:00:00Z"),
        handoffs: &[
            "2020-10-29T01:30:00-05:00",
            "2020-10-30T01:30:00-05:00",
            "2020-10-31T01:30:00-05:00",
            "2020-11-01T01:30:00-05:00",
            "2020-11-02T01:30:00-06:00",
            "2020-11-03T01:30:00-06:00",
        ],
    },
    Case {
        name: "C daily 02:30 on the spring-forward day",
        zone: "America/Chicago",
        kind: "daily",
        len: 1,
        start: "2020-03-06T02:30:00-06:00",
        window: ("2020-03-05T00:00:00Z", "2020-03-10T12:00:00Z"),
        handoffs: &[
            "2020-03-05T02:30:00-06:00",
            "2020-03-06T02:30:00-06:00",
            "2020-03-07T02:30:00-06:00",
            "2020-03-08T03:00:00-05:00",
            "2020-03-09T02:30:00-05:00",
            "2020-03-10T02:30:00-05:00",
        ],
    },
    Case {
        name: "D hourly :30 across spring forward",
        zone: "America/Chicago",
        kind: "hourly",
        len: 1,
        start: "2020-03-06T02:30:00-06:00",
        window: ("2020-03-08T06:00:00Z", "2020-03-08T10:00:00Z"),
        handoffs: &[
            "2020-03-08T00:30:00-06:00",
            "2020-03-08T01:30:00-06:00",
            "2020-03-08T03:00:00-05:00",
            "2020-03-08T03:30:00-05:00",
            "2020-03-08T04:30:00-05:00",
        ],
    },
    Case {
        name: "E hourly :00 across spring forward (02:00 and 03:00 collapse)",
        zone: "America/Chicago",
        kind: "hourly",
        len: 1,
        start: "2020-03-06T02:00:00-06:00",
        window: ("2020-03-08T06:30:00Z", "2020-03-08T10:30:00Z"),
        handoffs: &[
            "2020-03-08T01:00:00-06:00",
            "2020-03-08T03:00:00-05:00",
            "2020-03-08T04:00:00-05:00",
            "2020-03-08T05:00:00-05:00",
        ],
    },
    Case {
        name: "F hourly :30 across fall back",
        zone: "America/Chicago",
        kind: "hourly",
        len: 1,
        start: "2020-07-06T02:30:00-05:00",
        window: ("2020-11-01T04:00:00Z", "2020-11-01T11:00:00Z"),
        handoffs: &[
            "2020-10-31T23:30:00-05:00",
            "2020-11-01T00:30:00-05:00",
            "2020-11-01T01:30:00-05:00",
            "2020-11-01T02:30:00-06:00",
            "2020-11-01T03:30:00-06:00",
            "2020-11-01T04:30:00-06:00",
        ],
    },
    Case {
        name: "G hourly :00 across fall back",
        zone: "America/Chicago",
        kind: "hourly",
        len: 1,
        start: "2020-07-06T02:00:00-05:00",
        window: ("2020-11-01T04:30:00Z", "2020-11-01T11:30:00Z"),
        handoffs: &[
            "2020-11-01T00:00:00-05:00",
            "2020-11-01T01:00:00-05:00",
            "2020-11-01T02:00:00-06:00",
            "2020-11-01T03:00:00-06:00",
            "2020-11-01T04:00:00-06:00",
            "2020-11-01T05:00:00-06:00",
        ],
    },
    Case {
        name: "H monthly into summer time",
        zone: "America/Chicago",
        kind: "monthly",
        len: 1,
        start: "2020-01-02T01:30:00-06:00",
        window: ("2020-04-01T00:00:00Z", "2020-07-03T00:00:00Z"),
        handoffs: &[
            "2020-04-02T01:30:00-05:00",
            "2020-05-02T01:30:00-05:00",
            "2020-06-02T01:30:00-05:00",
            "2020-07-02T01:30:00-05:00",
        ],
    },
    Case {
        name: "I monthly on the fall-back night",
        zone: "America/Chicago",
        kind: "monthly",
        len: 1,
        start: "2020-10-01T01:30:00-05:00",
        window: ("2020-10-01T00:00:00Z", "2021-01-02T00:00:00Z"),
        handoffs: &[
            "2020-10-01T01:30:00-05:00",
            "2020-11-01T01:30:00-05:00",
            "2020-12-01T01:30:00-06:00",
            "2021-01-01T01:30:00-06:00",
        ],
    },
    // "clock goes back, extra 30 minutes on-call from 1:30-2", "new shift starts at 2:30"
    Case {
        name: "J Lord Howe hourly across a 30-minute fall back",
        zone: "Australia/Lord_Howe",
        kind: "hourly",
        len: 1,
        start: "2021-04-03T02:30:00+11:00",
        window: ("2021-04-03T13:00:00Z", "2021-04-03T18:30:00Z"),
        handoffs: &[
            "2021-04-04T00:30:00+11:00",
            "2021-04-04T01:30:00+11:00",
            "2021-04-04T02:30:00+10:30",
            "2021-04-04T03:30:00+10:30",
            "2021-04-04T04:30:00+10:30",
        ],
    },
    // "new offset changes 30 minutes"
    Case {
        name: "K Lord Howe daily 02:30 across fall back",
        zone: "Australia/Lord_Howe",
        kind: "daily",
        len: 1,
        start: "2021-04-01T02:30:00+11:00",
        window: ("2021-04-02T12:00:00Z", "2021-04-03T18:00:00Z"),
        handoffs: &["2021-04-03T02:30:00+11:00", "2021-04-04T02:30:00+10:30"],
    },
    // "TZ switches at start, +30 minutes on-call for this shift"
    Case {
        name: "L Lord Howe daily 02:00 across fall back",
        zone: "Australia/Lord_Howe",
        kind: "daily",
        len: 1,
        start: "2021-04-02T02:00:00+11:00",
        window: ("2021-04-02T12:00:00Z", "2021-04-03T18:00:00Z"),
        handoffs: &["2021-04-03T02:00:00+11:00", "2021-04-04T02:00:00+10:30"],
    },
    Case {
        name: "L' Lord Howe hourly 24 = daily",
        zone: "Australia/Lord_Howe",
        kind: "hourly",
        len: 24,
        start: "2021-04-02T02:00:00+11:00",
        window: ("2021-04-02T12:00:00Z", "2021-04-03T18:00:00Z"),
        handoffs: &["2021-04-03T02:00:00+11:00", "2021-04-04T02:00:00+10:30"],
    },
    // "On 10/04 02:00 clocks go forward 30 mins."
    Case {
        name: "M Lord Howe daily 01:30 across spring forward",
        zone: "Australia/Lord_Howe",
        kind: "daily",
        len: 1,
        start: "2020-10-02T01:30:00+10:30",
        window: ("2020-10-03T12:00:00Z", "2020-10-04T16:00:00Z"),
        handoffs: &["2020-10-04T01:30:00+10:30", "2020-10-05T01:30:00+11:00"],
    },
    // "2:15 time does not actually exist anymore (since 2:00 becomes 2:30). Next immediate time that exists is 2:30."
    Case {
        name: "N Lord Howe daily 02:15 in the gap",
        zone: "Australia/Lord_Howe",
        kind: "daily",
        len: 1,
        start: "2020-10-02T02:15:00+10:30",
        window: ("2020-10-02T12:00:00Z", "2020-10-04T16:00:00Z"),
        handoffs: &[
            "2020-10-03T02:15:00+10:30",
            "2020-10-04T02:30:00+11:00",
            "2020-10-05T02:15:00+11:00",
        ],
    },
];

fn utc(texts: &[&str]) -> Vec<String> {
    texts
        .iter()
        .map(|s| instant(s).unwrap_or_else(|| panic!("{s}")).to_rfc3339())
        .collect()
}

#[test]
fn the_importers_grid_reproduces_goalerts_own_rotation_tests() {
    for c in CASES {
        let tz: chrono_tz::Tz = c.zone.parse().expect("zone");
        let got = goalert_handoffs(
            tz,
            instant(c.start).expect("start"),
            c.kind,
            c.len,
            t(c.window.0),
            t(c.window.1),
        )
        .expect("handoffs");
        let got: Vec<String> = got.iter().map(|t| t.to_rfc3339()).collect();
        assert_eq!(got, utc(c.handoffs), "case {}", c.name);
    }
}

#[test]
fn imported_rotations_reproduce_goalerts_own_rotation_tests() {
    // Each case imported as a GoAlert export would give it: exported just
    // before the case's first handoff, u0 on call then. The imported layer
    // (`dst_gap: transition`, `turn_count: instants`) must hand off at
    // exactly GoAlert's instants, one user per distinct instant
    // (`engine/rotationmanager/advance.go`: "state.Position =
    // (state.Position + 1) % partCount" per handoff).
    for c in CASES {
        let expected = utc(c.handoffs);
        let first = instant(c.handoffs[0]).expect("handoff");
        let json = format!(
            r#"{{"exportedAt": "{}", "data": {{"rotation": {}}}}}"#,
            first.add_seconds(-60).to_rfc3339(),
            rotation(
                c.zone,
                &instant(c.start).expect("start").to_rfc3339(),
                c.kind,
                c.len,
                0,
                &[&expected[0]]
            )
        );
        let result = import_rotation(&json);
        assert!(
            result.is_complete(),
            "case {}: {:#?}",
            c.name,
            result.diagnostics
        );
        let ev = evaluator(&result);
        let got = shifts(
            &ev,
            "rota",
            &first.add_seconds(-60).to_rfc3339(),
            &expected[expected.len() - 1],
        );
        let starts: Vec<String> = got.iter().skip(1).map(|s| s.0.clone()).collect();
        assert_eq!(
            starts,
            expected[..expected.len() - 1].to_vec(),
            "case {}",
            c.name
        );
        for (i, s) in got.iter().enumerate() {
            assert_eq!(
                s.2,
                vec![format!("u{}", i % 4)],
                "case {}: shift {i}",
                c.name
            );
        }
    }
}

// ---- on-call answers and plans on the imported document -----------------------

#[test]
fn payments_rotation_hands_off_at_0300_on_the_spring_forward_day() {
    // schedule/rotation/rotation.go + util/timeutil/clock.go `FirstOfDay`
    // ("the first timestamp where the time matches the clock value, or the
    // first instant after, if it does not exist"): 02:30 on 2020-03-08 does
    // not exist in Chicago, so the handoff is at the transition, 03:00 CDT
    // (08:00Z), not 03:30 (the SPEC's default). The anchor: bob
    // (`activeUserIndex: 1`) holds the turn ending at `nextHandoffTimes[0]`.
    // Dan's overnight rule (Mon-Fri 17:00 -> 09:00, below) adds him from
    // Friday 17:00 CST to Saturday 09:00 and from Monday 17:00 CDT on.
    let (_, result) = import_dir("goalert/api");
    let ev = evaluator(&result);
    assert_eq!(
        shifts(
            &ev,
            "payments",
            "2020-03-07T08:30:00Z",
            "2020-03-10T07:30:00Z"
        ),
        vec![
            (
                "2020-03-07T08:30:00Z".to_string(),
                "2020-03-07T15:00:00Z".to_string(),
                people(&["bob", "dan"])
            ),
            shift("2020-03-07T15:00:00Z", "2020-03-08T08:00:00Z", "bob"),
            shift("2020-03-08T08:00:00Z", "2020-03-09T07:30:00Z", "carol"),
            shift("2020-03-09T07:30:00Z", "2020-03-09T22:00:00Z", "alice"),
            (
                "2020-03-09T22:00:00Z".to_string(),
                "2020-03-10T07:30:00Z".to_string(),
                people(&["alice", "dan"])
            ),
        ]
    );
}

#[test]
fn dans_overnight_rule_opens_on_its_weekdays_and_unions_with_the_rotation() {
    // schedule/rule/rule.go: `start > end` is overnight, "always the day
    // after the start"; the weekday filter is the day the window opens
    // (Mon-Fri 17:00 -> 09:00 covers Fri 17:00 -> Sat 09:00 but not
    // Mon 00:00 -> 09:00). engine/schedulemanager/calcupdates.go: every
    // active rule adds its user (a union).
    let (_, result) = import_dir("goalert/api");
    let ev = evaluator(&result);
    // Tue 2020-03-10 18:00 CDT = 23:00Z: alice's turn (Mar 9 -> Mar 10 is
    // alice, Mar 10 07:30Z -> Mar 11 is bob) and Dan.
    assert_eq!(
        on_call(&ev, "payments", "2020-03-10T23:00:00Z"),
        people(&["bob", "dan"])
    );
    // Sat 2020-03-14 08:00 CDT = 13:00Z: Friday's window still open; the
    // add override (alice) starts at 15:00Z.
    assert_eq!(
        on_call(&ev, "payments", "2020-03-14T13:00:00Z"),
        people(&["carol", "dan"])
    );
    // Sat 16:00Z: no window opened on Saturday; alice added by override.
    assert_eq!(
        on_call(&ev, "payments", "2020-03-14T16:00:00Z"),
        people(&["alice", "carol"])
    );
    // Mon 2020-03-16 08:00 CDT = 13:00Z: Sunday opens no window; bob's turn.
    assert_eq!(
        on_call(&ev, "payments", "2020-03-16T13:00:00Z"),
        people(&["bob"])
    );
    // Thu 2020-03-12 22:00Z -> Fri 04:00Z: Dan removed by override; alice's turn.
    assert_eq!(
        on_call(&ev, "payments", "2020-03-13T01:00:00Z"),
        people(&["alice"])
    );
}

#[test]
fn a_temporary_schedule_replaces_everything_and_overrides_are_ignored_within_it() {
    // engine/schedulemanager/calcupdates.go: "temporary schedule config
    // takes precedence over anything else" (rules and overrides), and the
    // replace override (carol -> frank, 12:00Z-20:00Z) applies only "if the
    // user to be removed is ... currently on-call": carol holds
    // 2020-03-20T07:30Z-2020-03-21T07:30Z. Dan's Thursday window closes
    // Fri 09:00 CDT (14:00Z); his Friday one opens inside the temporary
    // schedule and is ignored.
    let (_, result) = import_dir("goalert/api");
    let ev = evaluator(&result);
    assert_eq!(
        shifts(
            &ev,
            "payments",
            "2020-03-20T10:00:00Z",
            "2020-03-21T16:00:00Z"
        ),
        vec![
            shift("2020-03-20T10:00:00Z", "2020-03-20T12:00:00Z", "carol dan"),
            shift("2020-03-20T12:00:00Z", "2020-03-20T14:00:00Z", "dan frank"),
            shift("2020-03-20T14:00:00Z", "2020-03-21T02:00:00Z", "erin"),
            // Uncovered time inside a temporary schedule is a gap (schedule/data.go
            // `TempOnCall`: only its shifts count).
            shift("2020-03-21T02:00:00Z", "2020-03-21T14:00:00Z", ""),
            // Sat 09:00 CDT: the rotation (alice from 07:30Z) and nothing else.
            shift("2020-03-21T14:00:00Z", "2020-03-21T16:00:00Z", "alice"),
        ]
    );
}

#[test]
fn the_monthly_rotation_rolls_february_31_over_to_march_2() {
    // schedule/rotation/rotation.go `monthStartTime`: `r.Start.AddDate(0,
    // r.ShiftLength*n, 0)`; Go: "adding one month to October 31 yields
    // December 1". From 2020-01-31 09:00 CST: 2020-03-02 (leap year), then
    // 2020-03-31, 2020-05-01. Hank holds the turn from March 2.
    let (_, result) = import_dir("goalert/api");
    let ev = evaluator(&result);
    assert_eq!(
        shifts(
            &ev,
            "platform-leads",
            "2020-03-02T15:00:00Z",
            "2020-05-31T14:00:00Z"
        ),
        vec![
            shift("2020-03-02T15:00:00Z", "2020-03-31T14:00:00Z", "hank"),
            shift("2020-03-31T14:00:00Z", "2020-05-01T14:00:00Z", "gina"),
            shift("2020-05-01T14:00:00Z", "2020-05-31T14:00:00Z", "hank"),
        ]
    );
}

#[test]
fn payments_policy_waits_on_empty_steps_and_repeats_twice() {
    // engine/escalationmanager/db.go: `next_escalation = now() +
    // esc.delay` for the step that fired, whether or not anyone was
    // reached; `loop_count < ep.repeat` repeats (N extra passes). Steps 15 m
    // and 10 m: pages at 0, 15, 25, 40, 50, 65 minutes, exhausted at 75.
    let (_, result) = import_dir("goalert/api");
    let ev = evaluator(&result);
    // 2020-03-10T23:00Z: bob and dan on the schedule.
    let (pages, exhausted) = plan(&ev, "payments", "2020-03-10T23:00:00Z");
    assert_eq!(
        pages,
        vec![
            (0, 1, 1, people(&["bob", "dan"])),
            (900, 1, 2, people(&["gina"])),
            (1500, 2, 1, people(&["bob", "dan"])),
            (2400, 2, 2, people(&["gina"])),
            (3000, 3, 1, people(&["bob", "dan"])),
            (3900, 3, 2, people(&["gina"])),
        ]
    );
    assert_eq!(exhausted, 4500);
    // In the temporary schedule's gap the first step is empty and still
    // waits its 15 minutes (`NoOneOnCall` is only logged).
    let (pages, exhausted) = plan(&ev, "payments", "2020-03-21T03:00:00Z");
    assert_eq!(pages[0], (900, 1, 2, people(&["gina"])));
    assert_eq!(exhausted, 4500);
}

#[test]
fn the_imported_document_passes_check_without_errors() {
    let (_, result) = import_dir("goalert/api");
    assert_eq!(check_errors(&result), Vec::<String>::new());
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
        ("rotations.json", fixture("goalert/api/rotations.json")),
        ("schedules.json", fixture("goalert/api/schedules.json")),
        ("overrides.json", fixture("goalert/api/overrides.json")),
        ("policies.json", fixture("goalert/api/policies.json")),
        ("users.json", fixture("goalert/api/users.json")),
        ];
        let seeds: Vec<(&str, &str)> = seeds.iter().map(|(n, t)| (*n, t.as_str())).collect();
        let files = fuzzing::files_from_bytes(&data, &["export.json", "users.json", "policies.json"], &seeds);
        fuzzing::check(&files, Vendor::GoAlert, &[]);
    }
}
