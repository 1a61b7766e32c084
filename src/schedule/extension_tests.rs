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
