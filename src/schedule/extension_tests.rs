//! The model extensions of issue 12 (docs: the README's policy document
//! section): windows with seconds and `duration`, rotations that run
//! before their handoff, disabled schedules, empty replacements.

use chrono_tz::Europe;

use super::testkit::*;
use super::*;
use crate::model::ScheduleIdx;
use crate::time::{Seconds, Window};

const H: i64 = 3600;
const D: i64 = 86_400;

fn check(kit: &Kit, from: &str, to: &str, rows: &[(&str, &str, &str)]) {
    let got = kit.shifts(utc(from), utc(to));
    assert_eq!(got, expect(rows));
    for (a, b, who) in &got {
        for t in [utc(a), utc(b).add_seconds(-1)] {
            let s = on_call_at(&kit.model, ScheduleIdx(0), t);
            assert_eq!(&kit.names(&s.on_call), who, "on_call_at {t}");
        }
    }
}

/// The model of a document that must read without errors.
pub(super) fn read_model(text: &str) -> Model {
    let (model, diagnostics) = crate::model::read::read(crate::document::parse(text).root.as_ref());
    model.unwrap_or_else(|| panic!("{diagnostics:#?}"))
}

// E3: windows with `duration` and seconds.

#[test]
fn night_window_of_twelve_elapsed_hours_across_berlin_changes() {
    // {from: "19:00", duration: 12h}: 19:00 to 07:00 on ordinary nights,
    // to 08:00 CEST on the spring night (12 elapsed hours), to 06:00 CET
    // on the autumn night.
    let mut kit = Kit::new(Europe::Berlin, &["a"]);
    kit.layer(&[&["a"]], D, "2026-01-01T00:00").restrictions = vec![sp(Window::DailyFor {
        days: crate::time::DaySet::ALL,
        from: hm("19:00"),
        length: Seconds(12 * H),
    })];
    check(
        &kit,
        "2026-03-28T12:00:00Z",
        "2026-03-29T12:00:00Z",
        &[
            ("2026-03-28T12:00:00Z", "2026-03-28T18:00:00Z", ""),
            // 19:00 CET to 08:00 CEST.
            ("2026-03-28T18:00:00Z", "2026-03-29T06:00:00Z", "a"),
            ("2026-03-29T06:00:00Z", "2026-03-29T12:00:00Z", ""),
        ],
    );
    check(
        &kit,
        "2026-10-24T12:00:00Z",
        "2026-10-25T12:00:00Z",
        &[
            ("2026-10-24T12:00:00Z", "2026-10-24T17:00:00Z", ""),
            // 19:00 CEST to 06:00 CET.
            ("2026-10-24T17:00:00Z", "2026-10-25T05:00:00Z", "a"),
            ("2026-10-25T05:00:00Z", "2026-10-25T12:00:00Z", ""),
        ],
    );
    assert_eq!(
        utc("2026-03-29T06:00:00Z"),
        at("2026-03-29T08:00", Europe::Berlin)
    );
    assert_eq!(
        utc("2026-10-25T05:00:00Z"),
        at("2026-10-25T06:00", Europe::Berlin)
    );
}

#[test]
fn weekend_window_from_a_document_with_seconds() {
    let model = read_model(
        r#"version: 1
timezone: Europe/Berlin
people: [{id: a}, {id: b}]
schedules:
  - id: s
    layers:
      - id: weekdays
        members: [a]
        shift: 1w
        handoff: 2026-01-05T09:00
      - id: weekend
        members: [b]
        shift: 1w
        handoff: 2026-01-05T09:00
        restrictions: [{from: "fri 17:00:30", duration: 64h}]
"#,
    );
    let shifts = shifts(
        &model,
        ScheduleIdx(0),
        utc("2026-01-09T00:00:00Z"),
        utc("2026-01-13T00:00:00Z"),
    )
    .unwrap();
    let rows: Vec<(String, String)> = shifts
        .iter()
        .map(|s| (s.start.to_rfc3339(), s.end.to_rfc3339()))
        .collect();
    // Friday 17:00:30 CET to Monday 09:00:30 CET (64 hours later).
    assert_eq!(
        rows,
        vec![
            (
                "2026-01-09T00:00:00Z".to_string(),
                "2026-01-09T16:00:30Z".to_string()
            ),
            (
                "2026-01-09T16:00:30Z".to_string(),
                "2026-01-12T08:00:30Z".to_string()
            ),
            (
                "2026-01-12T08:00:30Z".to_string(),
                "2026-01-13T00:00:00Z".to_string()
            ),
        ]
    );
    assert_eq!(shifts[1].on_call, vec![crate::model::PersonIdx(1)]);
}

#[test]
fn duration_window_opening_in_a_gap_is_a_dst_finding_and_its_close_is_not() {
    let model = read_model(
        r#"version: 1
timezone: America/New_York
people: [{id: a}]
schedules:
  - id: s
    layers:
      - id: l
        members: [a]
        shift: 1d
        handoff: 2026-01-01T12:00
        restrictions: [{from: "02:30:15", duration: 1h}, {from: "00:30", duration: 2h}]
"#,
    );
    let found = findings(
        &model,
        utc("2026-03-01T00:00:00Z"),
        utc("2026-03-15T00:00:00Z"),
    );
    let messages: Vec<&str> = found
        .iter()
        .filter(|d| d.code == "dst-gap")
        .map(|d| d.message.as_str())
        .collect();
    // The first window opens in the gap; the second opens before it and
    // closes two elapsed hours later (no local close to move).
    assert_eq!(
        messages,
        vec!["restriction start `02:30:15` does not exist on 2026-03-08 in `America/New_York`; it happens at 03:30:15"]
    );
}

// E2: `before_handoff: rotate`.

use crate::model::BeforeHandoff;
use chrono_tz::{America, Australia};

/// The turns explaining each shift: `(layer turn, turn_start, turn_end)`.
fn turns(kit: &Kit, from: &str, to: &str) -> Vec<Vec<(i64, String, String)>> {
    shifts(&kit.model, ScheduleIdx(0), utc(from), utc(to))
        .unwrap()
        .iter()
        .map(|s| {
            s.why
                .iter()
                .filter_map(|w| match w.source {
                    Source::Turn {
                        turn, start, end, ..
                    } => Some((turn, start.to_rfc3339(), end.to_rfc3339())),
                    Source::Override { .. }
                    | Source::Event { .. }
                    | Source::LayerOverride { .. } => None,
                })
                .collect()
        })
        .collect()
}

#[test]
fn london_weekly_rotation_runs_back_across_the_spring_change_to_from() {
    // Handoff Monday 2026-04-06 09:00 BST; `from` two weeks earlier, before
    // the clocks went forward (2026-03-29). Turn -1 is the last member.
    let mut kit = Kit::new(Europe::London, &["a", "b", "c"]);
    let layer = kit.layer(&[&["a"], &["b"], &["c"]], 7 * D, "2026-04-06T09:00");
    layer.turns_mut().unwrap().before_handoff = BeforeHandoff::Rotate;
    layer.from = Some(sp(crate::time::DateTimeSpec::Local(local(
        "2026-03-23T09:00",
    ))));
    check(
        &kit,
        "2026-03-23T00:00:00Z",
        "2026-04-14T00:00:00Z",
        &[
            ("2026-03-23T00:00:00Z", "2026-03-23T09:00:00Z", ""),
            // Turn -2: 09:00 GMT to 09:00 BST, 167 hours.
            ("2026-03-23T09:00:00Z", "2026-03-30T08:00:00Z", "b"),
            // Turn -1: the last member.
            ("2026-03-30T08:00:00Z", "2026-04-06T08:00:00Z", "c"),
            ("2026-04-06T08:00:00Z", "2026-04-13T08:00:00Z", "a"),
            ("2026-04-13T08:00:00Z", "2026-04-14T00:00:00Z", "b"),
        ],
    );
    let why = turns(&kit, "2026-03-23T00:00:00Z", "2026-04-14T00:00:00Z");
    assert_eq!(
        why[1],
        vec![(
            -2,
            "2026-03-23T09:00:00Z".to_string(),
            "2026-03-30T08:00:00Z".to_string()
        )]
    );
    assert_eq!(why[2][0].0, -1);
    assert_eq!(why[3][0].0, 0);
    let s = kit.model.schedule(ScheduleIdx(0));
    let sources: Vec<Source> = on_call_at(&kit.model, ScheduleIdx(0), utc("2026-04-01T00:00:00Z"))
        .why
        .iter()
        .map(|w| w.source)
        .collect();
    assert_eq!(detail(s, &sources).as_deref(), Some("layer `l0`, turn -1"));

    // `from` after the handoff: the same turns, from `from` on.
    let layer = &mut kit.schedule().layers[0];
    layer.from = Some(sp(crate::time::DateTimeSpec::Local(local(
        "2026-04-08T00:00",
    ))));
    check(
        &kit,
        "2026-04-06T00:00:00Z",
        "2026-04-14T00:00:00Z",
        &[
            ("2026-04-06T00:00:00Z", "2026-04-07T23:00:00Z", ""),
            ("2026-04-07T23:00:00Z", "2026-04-13T08:00:00Z", "a"),
            ("2026-04-13T08:00:00Z", "2026-04-14T00:00:00Z", "b"),
        ],
    );
    // Without `rotate`, nobody before the handoff whatever `from` says.
    let layer = &mut kit.schedule().layers[0];
    layer.turns_mut().unwrap().before_handoff = BeforeHandoff::Nobody;
    layer.from = Some(sp(crate::time::DateTimeSpec::Local(local(
        "2026-03-23T09:00",
    ))));
    check(
        &kit,
        "2026-03-23T00:00:00Z",
        "2026-04-07T00:00:00Z",
        &[
            ("2026-03-23T00:00:00Z", "2026-04-06T08:00:00Z", ""),
            ("2026-04-06T08:00:00Z", "2026-04-07T00:00:00Z", "a"),
        ],
    );
}

#[test]
fn london_elapsed_rotation_runs_back_in_exact_weeks() {
    // With `clock: elapsed` turn -k starts k * 168 hours before the
    // handoff: 08:00 UTC, so 08:00 GMT before the change.
    let mut kit = Kit::new(Europe::London, &["a", "b", "c"]);
    let layer = kit.layer(&[&["a"], &["b"], &["c"]], 7 * D, "2026-04-06T09:00");
    layer.turns_mut().unwrap().before_handoff = BeforeHandoff::Rotate;
    layer.turns_mut().unwrap().clock = crate::model::Clock::Elapsed;
    check(
        &kit,
        "2026-03-23T00:00:00Z",
        "2026-04-07T00:00:00Z",
        &[
            ("2026-03-23T00:00:00Z", "2026-03-23T08:00:00Z", "a"),
            ("2026-03-23T08:00:00Z", "2026-03-30T08:00:00Z", "b"),
            ("2026-03-30T08:00:00Z", "2026-04-06T08:00:00Z", "c"),
            ("2026-04-06T08:00:00Z", "2026-04-07T00:00:00Z", "a"),
        ],
    );
}

#[test]
fn new_york_daily_rotation_runs_back_through_the_skipped_hour() {
    // Daily 02:30 handoff on 2026-03-10, no `from`: unbounded in the past.
    // 02:30 on 2026-03-08 does not exist (03:30 EDT): turn -3 lasts 24
    // hours, turn -2 23 hours.
    let mut kit = Kit::new(America::New_York, &["a", "b"]);
    kit.layer(&[&["a"], &["b"]], D, "2026-03-10T02:30")
        .turns_mut()
        .unwrap()
        .before_handoff = BeforeHandoff::Rotate;
    check(
        &kit,
        "2026-03-07T00:00:00Z",
        "2026-03-10T12:00:00Z",
        &[
            ("2026-03-07T00:00:00Z", "2026-03-07T07:30:00Z", "a"),
            ("2026-03-07T07:30:00Z", "2026-03-08T07:30:00Z", "b"),
            ("2026-03-08T07:30:00Z", "2026-03-09T06:30:00Z", "a"),
            ("2026-03-09T06:30:00Z", "2026-03-10T06:30:00Z", "b"),
            ("2026-03-10T06:30:00Z", "2026-03-10T12:00:00Z", "a"),
        ],
    );
    let why = turns(&kit, "2026-03-07T00:00:00Z", "2026-03-10T12:00:00Z");
    let numbers: Vec<i64> = why.iter().map(|w| w[0].0).collect();
    assert_eq!(numbers, vec![-4, -3, -2, -1, 0]);
    // A year back, still turning: 2025-03-10 is 365 days (turns) earlier,
    // an odd number: `b`.
    let s = on_call_at(&kit.model, ScheduleIdx(0), utc("2025-03-10T12:00:00Z"));
    assert_eq!(kit.names(&s.on_call), vec!["b"]);
    // The backward handoff in the gap is a DST finding, as forward ones are.
    let found = findings(
        &kit.model,
        utc("2026-03-01T00:00:00Z"),
        utc("2026-03-09T00:00:00Z"),
    );
    let gaps: Vec<&str> = found
        .iter()
        .filter(|d| d.code == "dst-gap")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        gaps,
        vec!["handoff `02:30` does not exist on 2026-03-08 in `America/New_York`; it happens at 03:30"]
    );
}

#[test]
fn lord_howe_twelve_hour_rotation_runs_back_through_the_half_hour_fold() {
    // Lord Howe turns 02:00 (+11) back to 01:30 (+10:30) on 2026-04-05:
    // the 01:45 handoff that day is the earlier one, and the turn from it
    // lasts 12.5 hours.
    let mut kit = Kit::new(Australia::Lord_Howe, &["a", "b", "c"]);
    kit.layer(&[&["a"], &["b"], &["c"]], 12 * H, "2026-04-06T01:45")
        .turns_mut()
        .unwrap()
        .before_handoff = BeforeHandoff::Rotate;
    check(
        &kit,
        "2026-04-04T00:00:00Z",
        "2026-04-05T20:00:00Z",
        &[
            ("2026-04-04T00:00:00Z", "2026-04-04T02:45:00Z", "c"),
            ("2026-04-04T02:45:00Z", "2026-04-04T14:45:00Z", "a"),
            ("2026-04-04T14:45:00Z", "2026-04-05T03:15:00Z", "b"),
            ("2026-04-05T03:15:00Z", "2026-04-05T15:15:00Z", "c"),
            ("2026-04-05T15:15:00Z", "2026-04-05T20:00:00Z", "a"),
        ],
    );
    let why = turns(&kit, "2026-04-04T00:00:00Z", "2026-04-05T20:00:00Z");
    let numbers: Vec<i64> = why.iter().map(|w| w[0].0).collect();
    assert_eq!(numbers, vec![-4, -3, -2, -1, 0]);
}

#[test]
fn absolute_handoff_in_the_second_occurrence_of_a_fold_runs_back_by_the_rule() {
    // New York, 15-minute turns, handoff at 01:30 EST on 2026-11-01 (the
    // second 01:30). Turn 1 is counted on the wall clock (01:45) and
    // resolves to the first 01:45 (EDT), before the handoff: it wins, so
    // turn 0 is never on; before it, turns -1, -2... hold.
    let mut kit = Kit::new(America::New_York, &["a", "b", "c"]);
    let layer = kit.layer(&[&["a"], &["b"], &["c"]], 15 * 60, "2026-11-01T00:00");
    layer.turns_mut().unwrap().handoff.value =
        crate::time::DateTimeSpec::Absolute(utc("2026-11-01T06:30:00Z"));
    layer.turns_mut().unwrap().before_handoff = BeforeHandoff::Rotate;
    check(
        &kit,
        "2026-11-01T04:45:00Z",
        "2026-11-01T07:30:00Z",
        &[
            ("2026-11-01T04:45:00Z", "2026-11-01T05:00:00Z", "a"),
            ("2026-11-01T05:00:00Z", "2026-11-01T05:15:00Z", "b"),
            ("2026-11-01T05:15:00Z", "2026-11-01T05:45:00Z", "c"),
            ("2026-11-01T05:45:00Z", "2026-11-01T07:00:00Z", "b"),
            ("2026-11-01T07:00:00Z", "2026-11-01T07:15:00Z", "c"),
            ("2026-11-01T07:15:00Z", "2026-11-01T07:30:00Z", "a"),
        ],
    );
    let why = turns(&kit, "2026-11-01T04:45:00Z", "2026-11-01T07:30:00Z");
    let numbers: Vec<i64> = why.iter().map(|w| w[0].0).collect();
    assert_eq!(numbers, vec![-3, -2, -1, 1, 2, 3]);
    // The reference agrees at every minute.
    let (from, to) = (utc("2026-11-01T04:00:00Z").0, utc("2026-11-01T08:00:00Z").0);
    let reference = super::reference::Reference::new(&kit.model, &kit.model.schedules[0], from, to);
    for t in (from..to).step_by(60) {
        let s = on_call_at(&kit.model, ScheduleIdx(0), crate::time::Timestamp(t));
        assert_eq!(s.on_call, reference.on_call(t), "at {t}");
    }
}

#[test]
fn rotate_is_bounded_like_any_rotation() {
    // A one-second rotation running back forever: a century is refused,
    // not computed.
    let mut kit = Kit::new(Europe::London, &["a", "b"]);
    kit.layer(&[&["a"], &["b"]], 1, "2026-01-01T00:00")
        .turns_mut()
        .unwrap()
        .before_handoff = BeforeHandoff::Rotate;
    let err = shifts(
        &kit.model,
        ScheduleIdx(0),
        utc("1926-01-01T00:00:00Z"),
        utc("2026-01-01T00:00:00Z"),
    )
    .unwrap_err();
    assert_eq!(err.code, "too-many-intervals");
    // One instant far back is cheap.
    let s = on_call_at(&kit.model, ScheduleIdx(0), utc("1926-01-01T00:00:01Z"));
    assert_eq!(s.on_call.len(), 1);
}

// E7: `people: []` replaces everyone with nobody.

#[test]
fn an_empty_replacement_leaves_nobody_on_call() {
    let model = read_model(
        r#"version: 1
timezone: Europe/Berlin
people: [{id: a}, {id: b}]
schedules:
  - id: s
    layers:
      - {id: l, members: [a], shift: 1w, handoff: 2026-01-05T09:00}
    overrides:
      - {people: [], from: 2026-01-06T00:00, to: 2026-01-07T00:00, source: "user: none"}
      - {add: b, from: 2026-01-06T12:00, to: 2026-01-06T13:00}
"#,
    );
    assert_eq!(
        model.schedules[0].overrides[0].kind,
        crate::model::OverrideKind::Replace { people: Vec::new() }
    );
    let list = shifts(
        &model,
        ScheduleIdx(0),
        utc("2026-01-05T23:00:00Z"),
        utc("2026-01-07T00:00:00Z"),
    )
    .unwrap();
    let rows: Vec<(String, String, usize)> = list
        .iter()
        .map(|s| (s.start.to_rfc3339(), s.end.to_rfc3339(), s.on_call.len()))
        .collect();
    // Nobody from midnight, b added over nobody at noon (an `add` in a
    // gap becomes the set), nobody again, `a` from midnight.
    assert_eq!(
        rows,
        vec![
            (
                "2026-01-05T23:00:00Z".to_string(),
                "2026-01-06T11:00:00Z".to_string(),
                0
            ),
            (
                "2026-01-06T11:00:00Z".to_string(),
                "2026-01-06T12:00:00Z".to_string(),
                1
            ),
            (
                "2026-01-06T12:00:00Z".to_string(),
                "2026-01-06T23:00:00Z".to_string(),
                0
            ),
            (
                "2026-01-06T23:00:00Z".to_string(),
                "2026-01-07T00:00:00Z".to_string(),
                1
            ),
        ]
    );
    // The other kinds still need someone.
    let (_, d) = crate::model::read::read(
        crate::document::parse(
            "version: 1\ntimezone: UTC\npeople: [{id: a}]\nschedules:\n  - id: s\n    layers: []\n    overrides:\n      - {people: [], replaces: a, from: 2026-01-01, to: 2026-01-02}\n      - {add: [], from: 2026-01-01, to: 2026-01-02}\n",
        )
        .root
        .as_ref(),
    );
    let codes: Vec<&str> = d.iter().map(|x| x.code).collect();
    assert_eq!(codes, vec!["empty-list", "empty-list"]);
}

// E8: `enabled: false`.

#[test]
fn a_disabled_schedule_has_nobody_on_call_and_no_turns() {
    let model = read_model(
        r#"version: 1
timezone: Europe/Berlin
people: [{id: a}, {id: b}]
schedules:
  - id: s
    enabled: false
    layers:
      - {id: l, members: [a, b], shift: 1d, handoff: 2026-03-01T02:30}
    overrides:
      - {person: b, from: 2026-03-02T00:00, to: 2026-03-03T00:00}
"#,
    );
    let list = shifts(
        &model,
        ScheduleIdx(0),
        utc("2026-03-01T00:00:00Z"),
        utc("2026-04-01T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(list.len(), 1);
    assert!(list[0].on_call.is_empty() && list[0].why.is_empty());
    let now = on_call_at(&model, ScheduleIdx(0), utc("2026-03-02T12:00:00Z"));
    assert!(now.on_call.is_empty());
    assert_eq!(
        next_change(&model, ScheduleIdx(0), utc("2026-03-02T12:00:00Z")),
        None
    );
    let next = adjacent_turns(
        &model,
        ScheduleIdx(0),
        crate::model::TurnChoice::Next,
        utc("2026-03-02T12:00:00Z"),
    );
    assert!(next.people.is_empty());
    // Its handoffs never happen: no DST finding (2026-03-29 02:30 would be one).
    let found = findings(
        &model,
        utc("2026-03-01T00:00:00Z"),
        utc("2026-04-01T00:00:00Z"),
    );
    assert!(found.iter().all(|d| d.code != "dst-gap"), "{found:#?}");
    // Enabled, the same schedule has turns and the finding.
    let enabled = read_model(
        "version: 1\ntimezone: Europe/Berlin\npeople: [{id: a}]\nschedules:\n  - id: s\n    enabled: true\n    layers:\n      - {id: l, members: [a], shift: 1d, handoff: 2026-03-01T02:30}\n",
    );
    let found = findings(
        &enabled,
        utc("2026-03-01T00:00:00Z"),
        utc("2026-04-01T00:00:00Z"),
    );
    assert!(found.iter().any(|d| d.code == "dst-gap"));
}
