//! The model extensions of issue 13 (docs: the README's policy document
//! section): DST rules per schedule (GoAlert's expectations), counting
//! turns by instants, month shifts, handoff points, layer overrides and
//! levels.

use super::extension_tests::read_model;
use super::testkit::*;
use super::*;
use crate::model::ScheduleIdx;

/// Shifts of schedule 0 of a document over `[from, to)` (UTC), as
/// `(start, end, "a,b")` rows.
fn rows(model: &Model, from: &str, to: &str) -> Vec<(String, String, String)> {
    shifts(model, ScheduleIdx(0), utc(from), utc(to))
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(|s| {
            let who: Vec<&str> = s
                .on_call
                .iter()
                .map(|p| model.people[p.index()].id.value.as_str())
                .collect();
            (s.start.to_rfc3339(), s.end.to_rfc3339(), who.join(","))
        })
        .collect()
}

fn expect_rows(rows: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    rows.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

/// A document with one GoAlert-style schedule (`dst_gap: transition`,
/// `dst_fold_close: later`) in `zone` holding `layer` (a flow mapping's
/// inside), seven people `p0`..`p6`.
fn goalert_doc(zone: &str, layer: &str) -> Model {
    read_model(&format!(
        "version: 1\ntimezone: {zone}\npeople: [{{id: p0}}, {{id: p1}}, {{id: p2}}, {{id: p3}}, {{id: p4}}, {{id: p5}}, {{id: p6}}]\nschedules:\n  - id: s\n    dst_gap: transition\n    dst_fold_close: later\n    layers:\n      - {{members: [p0, p1, p2, p3, p4, p5, p6], before_handoff: rotate, {layer}}}\n"
    ))
}

/// The handoffs of a GoAlert rotation within `[from, to)` (UTC): where its
/// shifts change (seven members, so every turn differs from the last).
fn goalert_handoffs(zone: &str, layer: &str, from: &str, to: &str) -> Vec<String> {
    let model = goalert_doc(zone, layer);
    let list = shifts(&model, ScheduleIdx(0), utc(from), utc(to)).unwrap_or_else(|e| panic!("{e}"));
    list.iter().skip(1).map(|s| s.start.to_rfc3339()).collect()
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

// E9: GoAlert's DST expectations (target/goalert
// schedule/rotation/rotation_test.go, TestRotation_StartEnd_BruteForce):
// rotations turn on the wall clock; a handoff in a gap happens at the
// transition (`Clock.FirstOfDay`), one in a fold at the first occurrence.

#[test]
fn goalert_a_and_b_hourly_24_and_daily_across_chicago_fall_back() {
    // Start 2020-10-30 01:30 CDT: the 11-01 handoff is the first 01:30
    // (-0500 CDT), then 01:30 CST. "Daily & 24 hour should be identical".
    let want = strings(&[
        "2020-10-29T06:30:00Z",
        "2020-10-30T06:30:00Z",
        "2020-10-31T06:30:00Z",
        "2020-11-01T06:30:00Z",
        "2020-11-02T07:30:00Z",
        "2020-11-03T07:30:00Z",
    ]);
    for shift in ["24h", "1d"] {
        let got = goalert_handoffs(
            "America/Chicago",
            &format!("shift: {shift}, handoff: 2020-10-30T01:30"),
            "2020-10-29T00:00:00Z",
            "2020-11-03T12:00:00Z",
        );
        assert_eq!(got, want, "shift {shift}");
    }
}

#[test]
fn goalert_c_daily_0230_across_chicago_spring_forward_hands_off_at_0300() {
    // 2020-03-08 has no 02:30: GoAlert hands off at 03:00 CDT (08:00Z), not
    // at 03:30 as the SPEC's default would.
    let got = goalert_handoffs(
        "America/Chicago",
        "shift: 1d, handoff: 2020-03-06T02:30",
        "2020-03-05T00:00:00Z",
        "2020-03-10T12:00:00Z",
    );
    assert_eq!(
        got,
        strings(&[
            "2020-03-05T08:30:00Z",
            "2020-03-06T08:30:00Z",
            "2020-03-07T08:30:00Z",
            "2020-03-08T08:00:00Z",
            "2020-03-09T07:30:00Z",
            "2020-03-10T07:30:00Z",
        ])
    );
}

#[test]
fn goalert_d_hourly_0230_gives_a_thirty_minute_shift_at_the_jump() {
    // Start 2020-03-06 02:30; window Mar 8 01:00-04:00: 00:30 CST, 01:30
    // CST, 03:00 CDT (the "02:30" turn, 30 minutes long), 03:30, 04:30.
    let got = goalert_handoffs(
        "America/Chicago",
        "shift: 1h, handoff: 2020-03-06T02:30",
        "2020-03-08T06:00:00Z",
        "2020-03-08T10:00:00Z",
    );
    assert_eq!(
        got,
        strings(&[
            "2020-03-08T06:30:00Z",
            "2020-03-08T07:30:00Z",
            "2020-03-08T08:00:00Z",
            "2020-03-08T08:30:00Z",
            "2020-03-08T09:30:00Z",
        ])
    );
}

#[test]
fn goalert_f_and_g_hourly_across_chicago_fall_back() {
    // F: start 2020-07-06 02:30; the 01:30 CDT shift lasts 2 hours.
    let got = goalert_handoffs(
        "America/Chicago",
        "shift: 1h, handoff: 2020-07-06T02:30",
        "2020-11-01T04:00:00Z",
        "2020-11-01T11:00:00Z",
    );
    assert_eq!(
        got,
        strings(&[
            "2020-11-01T04:30:00Z",
            "2020-11-01T05:30:00Z",
            "2020-11-01T06:30:00Z",
            "2020-11-01T08:30:00Z",
            "2020-11-01T09:30:00Z",
            "2020-11-01T10:30:00Z",
        ])
    );
    // G: start 2020-07-06 02:00; the 01:00 CDT shift lasts 2 hours.
    let got = goalert_handoffs(
        "America/Chicago",
        "shift: 1h, handoff: 2020-07-06T02:00",
        "2020-11-01T04:30:00Z",
        "2020-11-01T10:30:00Z",
    );
    assert_eq!(
        got,
        strings(&[
            "2020-11-01T05:00:00Z",
            "2020-11-01T06:00:00Z",
            "2020-11-01T08:00:00Z",
            "2020-11-01T09:00:00Z",
            "2020-11-01T10:00:00Z",
        ])
    );
}

#[test]
fn goalert_j_k_l_lord_howe_half_hour_fall_back() {
    // J: hourly from 2021-04-03 02:30; 2021-04-04 02:00 +11 becomes 01:30
    // +1030: "extra 30 minutes on-call from 1:30-2", "new shift starts at 2:30".
    let got = goalert_handoffs(
        "Australia/Lord_Howe",
        "shift: 1h, handoff: 2021-04-03T02:30",
        "2021-04-03T13:00:00Z",
        "2021-04-03T18:30:00Z",
    );
    assert_eq!(
        got,
        strings(&[
            "2021-04-03T13:30:00Z",
            "2021-04-03T14:30:00Z",
            "2021-04-03T16:00:00Z",
            "2021-04-03T17:00:00Z",
            "2021-04-03T18:00:00Z",
        ])
    );
    // K: daily from 2021-04-01 02:30: 04-03 02:30 +11, 04-04 02:30 +1030.
    let got = goalert_handoffs(
        "Australia/Lord_Howe",
        "shift: 1d, handoff: 2021-04-01T02:30",
        "2021-04-02T12:00:00Z",
        "2021-04-03T20:00:00Z",
    );
    assert_eq!(
        got,
        strings(&["2021-04-02T15:30:00Z", "2021-04-03T16:00:00Z"])
    );
    // L: daily (and hourly 24) from 2021-04-02 02:00: 04-03 02:00 +11,
    // 04-04 02:00 +1030 ("+30 minutes on-call for this shift").
    for shift in ["1d", "24h"] {
        let got = goalert_handoffs(
            "Australia/Lord_Howe",
            &format!("shift: {shift}, handoff: 2021-04-02T02:00"),
            "2021-04-02T12:00:00Z",
            "2021-04-03T20:00:00Z",
        );
        assert_eq!(
            got,
            strings(&["2021-04-02T15:00:00Z", "2021-04-03T15:30:00Z"]),
            "shift {shift}"
        );
    }
}

#[test]
fn goalert_m_and_n_lord_howe_half_hour_spring_forward() {
    // M: 01:30 is before the 02:00 -> 02:30 jump: 10-04 01:30 +1030, 10-05
    // 01:30 +11.
    for shift in ["24h", "1d"] {
        let got = goalert_handoffs(
            "Australia/Lord_Howe",
            &format!("shift: {shift}, handoff: 2020-10-02T01:30"),
            "2020-10-03T12:00:00Z",
            "2020-10-04T20:00:00Z",
        );
        assert_eq!(
            got,
            strings(&["2020-10-03T15:00:00Z", "2020-10-04T14:30:00Z"]),
            "shift {shift}"
        );
    }
    // N: "2:15 time does not actually exist anymore (since 2:00 becomes
    // 2:30). Next immediate time that exists is 2:30": 10-04 02:30 +11
    // (15:30Z; the SPEC's default would say 02:45, 15:45Z).
    let got = goalert_handoffs(
        "Australia/Lord_Howe",
        "shift: 1d, handoff: 2020-10-02T02:15",
        "2020-10-02T12:00:00Z",
        "2020-10-04T20:00:00Z",
    );
    assert_eq!(
        got,
        strings(&[
            "2020-10-02T15:45:00Z",
            "2020-10-03T15:30:00Z",
            "2020-10-04T15:15:00Z",
        ])
    );
}

#[test]
fn goalert_older_table_weekly_daily_and_three_hour_turns_across_chicago_changes() {
    // TestRotation_EndTime: weekly Mar 10 2017 08:00 -> Mar 17 08:00 is
    // 7x24 h - 1 h; daily Mar 11 -> Mar 12 is 23 h, Nov 4 -> Nov 5 25 h;
    // hourly len 3 from Mar 12 00:00 ends at 03:00 after 2 h, from Nov 5
    // 00:00 after 4 h.
    let length = |layer: &str, from: &str| {
        let model = goalert_doc("America/Chicago", layer);
        let s = on_call_at(
            &model,
            ScheduleIdx(0),
            at(from, chrono_tz::America::Chicago),
        );
        (s.end.0 - s.start.0) / 3600
    };
    assert_eq!(
        length("shift: 1w, handoff: 2017-03-10T08:00", "2017-03-10T08:00"),
        167
    );
    assert_eq!(
        length("shift: 1w, handoff: 2017-11-04T08:00", "2017-11-04T08:00"),
        169
    );
    assert_eq!(
        length("shift: 1d, handoff: 2017-03-11T08:00", "2017-03-11T08:00"),
        23
    );
    assert_eq!(
        length("shift: 1d, handoff: 2017-11-04T08:00", "2017-11-04T08:00"),
        25
    );
    assert_eq!(
        length("shift: 3h, handoff: 2017-03-12T00:00", "2017-03-12T00:00"),
        2
    );
    assert_eq!(
        length("shift: 3h, handoff: 2017-11-05T00:00", "2017-11-05T00:00"),
        4
    );
    // TestRotation_FutureStart: a start in the future still defines the grid
    // backwards (UTC daily from 2019-01-10: the turn holding 2019-01-05
    // ends 2019-01-06).
    let model = goalert_doc("UTC", "shift: 1d, handoff: 2019-01-10T00:00");
    let s = on_call_at(&model, ScheduleIdx(0), utc("2019-01-05T12:00:00Z"));
    assert_eq!(s.end, utc("2019-01-06T00:00:00Z"));
}

/// New York: 2026-03-08 skips 02:00-03:00, 2026-11-01 repeats 01:00-02:00.
fn new_york(dst: &str, layers: &str, overrides: &str) -> Model {
    read_model(&format!(
        "version: 1\ntimezone: America/New_York\npeople: [{{id: a}}, {{id: b}}, {{id: c}}]\nschedules:\n  - id: s\n{dst}    combine: union\n    layers:\n{layers}    overrides:\n{overrides}"
    ))
}

#[test]
fn window_edges_and_bounds_in_a_gap_happen_at_the_transition() {
    let layers = "      - {id: night, members: [a], shift: 1d, handoff: 2026-03-01T12:00, restrictions: [{from: \"01:00\", to: \"02:30\"}]}\n      - {id: early, members: [b], shift: 1d, handoff: 2026-03-01T12:00, restrictions: [{from: \"02:30\", to: \"05:00\"}]}\n";
    let overrides = "      - {add: c, from: 2026-03-08T02:15, to: 2026-03-08T06:00}\n";
    // SPEC default: 02:30 is 03:30 EDT (07:30Z); 02:15 is 03:15 EDT.
    let spec = new_york("", layers, overrides);
    assert_eq!(
        rows(&spec, "2026-03-08T05:00:00Z", "2026-03-08T11:00:00Z"),
        expect_rows(&[
            ("2026-03-08T05:00:00Z", "2026-03-08T06:00:00Z", ""),
            ("2026-03-08T06:00:00Z", "2026-03-08T07:15:00Z", "a"),
            ("2026-03-08T07:15:00Z", "2026-03-08T07:30:00Z", "a,c"),
            ("2026-03-08T07:30:00Z", "2026-03-08T09:00:00Z", "b,c"),
            ("2026-03-08T09:00:00Z", "2026-03-08T10:00:00Z", "c"),
            ("2026-03-08T10:00:00Z", "2026-03-08T11:00:00Z", ""),
        ])
    );
    // `dst_gap: transition`: both edges at 02:30 and the override's start at
    // 02:15 happen at 03:00 EDT (07:00Z).
    let goalert = new_york("    dst_gap: transition\n", layers, overrides);
    assert_eq!(
        rows(&goalert, "2026-03-08T05:00:00Z", "2026-03-08T11:00:00Z"),
        expect_rows(&[
            ("2026-03-08T05:00:00Z", "2026-03-08T06:00:00Z", ""),
            ("2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z", "a"),
            ("2026-03-08T07:00:00Z", "2026-03-08T09:00:00Z", "b,c"),
            ("2026-03-08T09:00:00Z", "2026-03-08T10:00:00Z", "c"),
            ("2026-03-08T10:00:00Z", "2026-03-08T11:00:00Z", ""),
        ])
    );
    // The findings say which instant was used.
    let messages: Vec<String> = crate::schedule::findings(
        &goalert,
        utc("2026-03-07T00:00:00Z"),
        utc("2026-03-10T00:00:00Z"),
    )
    .into_iter()
    .filter(|d| d.code == "dst-gap")
    .map(|d| d.message)
    .collect();
    assert_eq!(
        messages,
        vec![
            "restriction end `02:30` does not exist on 2026-03-08 in `America/New_York`; it happens at 03:00, when the clock jumps (`dst_gap: transition`)".to_string(),
            "restriction start `02:30` does not exist on 2026-03-08 in `America/New_York`; it happens at 03:00, when the clock jumps (`dst_gap: transition`)".to_string(),
            "override start `02:15` does not exist on 2026-03-08 in `America/New_York`; it happens at 03:00, when the clock jumps (`dst_gap: transition`)".to_string(),
        ]
    );
}

#[test]
fn a_closing_edge_in_a_fold_is_the_later_occurrence_with_dst_fold_close_later() {
    // {from: "00:00", to: "01:30"} on 2026-11-01 closes at the second 01:30
    // (EST, 06:30Z) with `later`, at the first (EDT, 05:30Z) by default; a
    // window opening at 01:30 opens at the first either way.
    let layers = "      - {id: l, members: [a], shift: 1d, handoff: 2026-10-01T12:00, restrictions: [{from: \"00:00\", to: \"01:30\"}]}\n      - {id: m, members: [b], shift: 1d, handoff: 2026-10-01T12:00, restrictions: [{from: \"01:30\", to: \"03:00\"}]}\n";
    let none = "      []\n";
    let spec = new_york("", layers, none);
    assert_eq!(
        rows(&spec, "2026-11-01T04:00:00Z", "2026-11-01T09:00:00Z"),
        expect_rows(&[
            ("2026-11-01T04:00:00Z", "2026-11-01T05:30:00Z", "a"),
            ("2026-11-01T05:30:00Z", "2026-11-01T08:00:00Z", "b"),
            ("2026-11-01T08:00:00Z", "2026-11-01T09:00:00Z", ""),
        ])
    );
    let later = new_york("    dst_fold_close: later\n", layers, none);
    assert_eq!(
        rows(&later, "2026-11-01T04:00:00Z", "2026-11-01T09:00:00Z"),
        expect_rows(&[
            ("2026-11-01T04:00:00Z", "2026-11-01T05:30:00Z", "a"),
            ("2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z", "a,b"),
            ("2026-11-01T06:30:00Z", "2026-11-01T08:00:00Z", "b"),
            ("2026-11-01T08:00:00Z", "2026-11-01T09:00:00Z", ""),
        ])
    );
    let messages: Vec<String> = crate::schedule::findings(
        &later,
        utc("2026-10-31T00:00:00Z"),
        utc("2026-11-03T00:00:00Z"),
    )
    .into_iter()
    .filter(|d| d.code == "dst-fold")
    .map(|d| d.message)
    .collect();
    assert_eq!(
        messages,
        vec![
            "restriction end `01:30` happens twice on 2026-11-01 in `America/New_York`; the later one (UTC-05:00) is used (`dst_fold_close: later`)".to_string(),
            "restriction start `01:30` happens twice on 2026-11-01 in `America/New_York`; the earlier one (UTC-04:00) is used".to_string(),
        ]
    );
}

#[test]
fn dst_rules_are_read_strictly() {
    let doc = |dst: &str| {
        format!("version: 1\ntimezone: UTC\npeople: [{{id: a}}]\nschedules:\n  - id: s\n{dst}    layers: [{{members: [a], shift: 1d, handoff: 2026-01-01}}]\n")
    };
    let codes = |text: &str| -> Vec<(&'static str, Option<String>)> {
        crate::check(text)
            .into_iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Error)
            .map(|d| (d.code, d.help))
            .collect()
    };
    assert!(codes(&doc("    dst_gap: shift\n    dst_fold_close: earlier\n")).is_empty());
    assert_eq!(
        codes(&doc("    dst_gap: transtion\n")),
        vec![(
            "invalid-value",
            Some("did you mean `transition`?".to_string())
        )]
    );
    assert_eq!(
        codes(&doc("    dst_fold_close: last\n"))
            .first()
            .map(|c| c.0),
        Some("invalid-value")
    );
    assert_eq!(
        codes(&doc("    dst_gaps: shift\n")),
        vec![("unknown-key", Some("did you mean `dst_gap`?".to_string()))]
    );
    // The layer's `turn_count` likewise.
    let layer = "version: 1\ntimezone: UTC\npeople: [{id: a}]\nschedules:\n  - id: s\n    layers: [{members: [a], shift: 1d, handoff: 2026-01-01, turn_count: instant}]\n";
    assert_eq!(
        codes(layer),
        vec![(
            "invalid-value",
            Some("did you mean `instants`?".to_string())
        )]
    );
}

// E11: month shifts.

fn month_layer(zone: &str, dst: &str, layer: &str) -> Model {
    read_model(&format!(
        "version: 1\ntimezone: {zone}\npeople: [{{id: a}}, {{id: b}}, {{id: c}}]\nschedules:\n  - id: s\n{dst}    layers:\n      - {{members: [a, b, c], {layer}}}\n"
    ))
}

#[test]
fn month_shift_clamps_the_31st_to_the_last_day_of_shorter_months() {
    // Jan 31 -> Feb 28 (Feb 29 in 2028) -> Mar 31 -> Apr 30: counted from
    // the handoff each time, so March is the 31st again.
    let model = month_layer("UTC", "", "shift: 1mo, handoff: 2027-01-31T09:00");
    assert_eq!(
        rows(&model, "2027-01-31T09:00:00Z", "2027-05-01T00:00:00Z"),
        expect_rows(&[
            ("2027-01-31T09:00:00Z", "2027-02-28T09:00:00Z", "a"),
            ("2027-02-28T09:00:00Z", "2027-03-31T09:00:00Z", "b"),
            ("2027-03-31T09:00:00Z", "2027-04-30T09:00:00Z", "c"),
            ("2027-04-30T09:00:00Z", "2027-05-01T00:00:00Z", "a"),
        ])
    );
    let leap = month_layer("UTC", "", "shift: 1mo, handoff: 2028-01-31T09:00");
    assert_eq!(
        rows(&leap, "2028-02-20T00:00:00Z", "2028-03-05T00:00:00Z"),
        expect_rows(&[
            ("2028-02-20T00:00:00Z", "2028-02-29T09:00:00Z", "a"),
            ("2028-02-29T09:00:00Z", "2028-03-05T00:00:00Z", "b"),
        ])
    );
}

#[test]
fn month_shift_normalizes_as_go_add_date() {
    // GoAlert: `r.Start.AddDate(0, n, 0)`: Jan 31 + 1 month is "Feb 31",
    // normalized to Mar 3 (Mar 2 in a leap year); + 2 months is Mar 31.
    let model = month_layer(
        "UTC",
        "",
        "shift: 1mo, handoff: 2027-01-31T09:00, month_overflow: normalize",
    );
    assert_eq!(
        rows(&model, "2027-02-27T00:00:00Z", "2027-05-02T00:00:00Z"),
        expect_rows(&[
            ("2027-02-27T00:00:00Z", "2027-03-03T09:00:00Z", "a"),
            ("2027-03-03T09:00:00Z", "2027-03-31T09:00:00Z", "b"),
            // April 31 is May 1.
            ("2027-03-31T09:00:00Z", "2027-05-01T09:00:00Z", "c"),
            ("2027-05-01T09:00:00Z", "2027-05-02T00:00:00Z", "a"),
        ])
    );
    let leap = month_layer(
        "UTC",
        "",
        "shift: 1mo, handoff: 2028-01-31T09:00, month_overflow: normalize",
    );
    assert_eq!(
        rows(&leap, "2028-02-27T00:00:00Z", "2028-03-05T00:00:00Z"),
        expect_rows(&[
            ("2028-02-27T00:00:00Z", "2028-03-02T09:00:00Z", "a"),
            ("2028-03-02T09:00:00Z", "2028-03-05T00:00:00Z", "b"),
        ])
    );
}

#[test]
fn month_shifts_across_dst_keep_the_wall_clock() {
    // Berlin, monthly from 2026-01-29 02:30 (clamped to Feb 28 in
    // February): 2026-03-29 has no 02:30 (the clock jumps 02:00 -> 03:00).
    // By default that handoff is at 03:30 CEST (01:30Z), with
    // `dst_gap: transition` at 03:00 CEST (01:00Z); the others at 02:30.
    let layer = "shift: 1mo, handoff: 2026-01-29T02:30";
    let starts = |dst: &str| -> Vec<String> {
        let m = month_layer("Europe/Berlin", dst, layer);
        shifts(
            &m,
            ScheduleIdx(0),
            utc("2026-01-29T00:00:00Z"),
            utc("2026-05-01T00:00:00Z"),
        )
        .unwrap()
        .iter()
        .skip(1)
        .map(|s| s.start.to_rfc3339())
        .collect()
    };
    assert_eq!(
        starts(""),
        strings(&[
            "2026-01-29T01:30:00Z",
            "2026-02-28T01:30:00Z",
            "2026-03-29T01:30:00Z",
            "2026-04-29T00:30:00Z",
        ])
    );
    assert_eq!(
        starts("    dst_gap: transition\n"),
        strings(&[
            "2026-01-29T01:30:00Z",
            "2026-02-28T01:30:00Z",
            "2026-03-29T01:00:00Z",
            "2026-04-29T00:30:00Z",
        ])
    );
    // The handoff in the gap is a DST finding.
    let m = month_layer("Europe/Berlin", "", layer);
    let found: Vec<String> =
        crate::schedule::findings(&m, utc("2026-03-01T00:00:00Z"), utc("2026-04-01T00:00:00Z"))
            .into_iter()
            .filter(|d| d.code == "dst-gap")
            .map(|d| d.message)
            .collect();
    assert_eq!(
        found,
        vec![
            "handoff `02:30` does not exist on 2026-03-29 in `Europe/Berlin`; it happens at 03:30"
                .to_string()
        ]
    );
}

#[test]
fn goalert_h_and_i_monthly_rotations_across_chicago_changes() {
    // H: start 2020-01-02 01:30: 04-02, 05-02, 06-02, 07-02 01:30 CDT.
    let got = goalert_handoffs(
        "America/Chicago",
        "shift: 1mo, handoff: 2020-01-02T01:30, month_overflow: normalize",
        "2020-04-01T00:00:00Z",
        "2020-07-03T00:00:00Z",
    );
    assert_eq!(
        got,
        strings(&[
            "2020-04-02T06:30:00Z",
            "2020-05-02T06:30:00Z",
            "2020-06-02T06:30:00Z",
            "2020-07-02T06:30:00Z",
        ])
    );
    // I: start 2020-10-01 01:30: 11-01 01:30 is the first (-0500 CDT)
    // occurrence, then 01:30 CST.
    let got = goalert_handoffs(
        "America/Chicago",
        "shift: 1mo, handoff: 2020-10-01T01:30, month_overflow: normalize",
        "2020-09-30T00:00:00Z",
        "2021-01-02T00:00:00Z",
    );
    assert_eq!(
        got,
        strings(&[
            "2020-10-01T06:30:00Z",
            "2020-11-01T06:30:00Z",
            "2020-12-01T07:30:00Z",
            "2021-01-01T07:30:00Z",
        ])
    );
    // TestRotation_EndTime: monthly from Mar 1 2017 00:00 ends Apr 1 after
    // 31 x 24 - 1 hours; two-monthly from Nov 1 2017 ends Jan 1 2018 after
    // 61 x 24 + 1 hours.
    let length = |layer: &str, from: &str| {
        let model = goalert_doc("America/Chicago", layer);
        let s = on_call_at(
            &model,
            ScheduleIdx(0),
            at(from, chrono_tz::America::Chicago),
        );
        (s.end.0 - s.start.0) / 3600
    };
    assert_eq!(
        length("shift: 1mo, handoff: 2017-03-01T00:00", "2017-03-01T00:00"),
        31 * 24 - 1
    );
    assert_eq!(
        length("shift: 2mo, handoff: 2017-11-01T00:00", "2017-11-01T00:00"),
        61 * 24 + 1
    );
}

#[test]
fn a_window_starting_at_a_transition_finds_the_turn_that_starts_there() {
    // Daily 02:30 in New York with `dst_gap: transition`: the 2026-03-08
    // turn (turn 7, b's) starts at the jump, 03:00 EDT (07:00Z); a window
    // starting there (or a second later) is in that turn, not in a's of the
    // day before.
    let model = new_york(
        "    dst_gap: transition\n",
        "      - {id: l, members: [a, b], shift: 1d, handoff: 2026-03-01T02:30}\n",
        "      []\n",
    );
    for from in ["2026-03-08T07:00:00Z", "2026-03-08T07:00:01Z"] {
        assert_eq!(
            rows(&model, from, "2026-03-08T08:00:00Z"),
            expect_rows(&[(from, "2026-03-08T08:00:00Z", "b")])
        );
    }
    assert_eq!(
        rows(&model, "2026-03-08T06:59:59Z", "2026-03-08T07:00:01Z"),
        expect_rows(&[
            ("2026-03-08T06:59:59Z", "2026-03-08T07:00:00Z", "a"),
            ("2026-03-08T07:00:00Z", "2026-03-08T07:00:01Z", "b"),
        ])
    );
}

// E12: handoffs at several points of a day, week or month.

fn points_layer(zone: &str, members: &str, layer: &str) -> Model {
    read_model(&format!(
        "version: 1\ntimezone: {zone}\npeople: [{{id: a}}, {{id: b}}, {{id: c}}, {{id: d}}]\nschedules:\n  - id: s\n    layers:\n      - {{members: {members}, {layer}}}\n"
    ))
}

#[test]
fn weekly_handoffs_monday_0900_and_friday_1555_make_unequal_turns() {
    // AWS Incident Manager's WeeklySettings: Mon 09:00 -> Fri 15:55 ->
    // Mon 09:00 (Europe/Berlin, CET in January: UTC+1).
    let model = points_layer(
        "Europe/Berlin",
        "[a, b, c]",
        "handoff: 2026-01-05T09:00, handoffs: {weekly: [\"mon 09:00\", \"fri 15:55\"]}",
    );
    assert_eq!(
        rows(&model, "2026-01-05T08:00:00Z", "2026-01-19T08:00:00Z"),
        expect_rows(&[
            ("2026-01-05T08:00:00Z", "2026-01-09T14:55:00Z", "a"),
            ("2026-01-09T14:55:00Z", "2026-01-12T08:00:00Z", "b"),
            ("2026-01-12T08:00:00Z", "2026-01-16T14:55:00Z", "c"),
            ("2026-01-16T14:55:00Z", "2026-01-19T08:00:00Z", "a"),
        ])
    );
    // Explanations give the turn and its own start and end.
    let s = on_call_at(&model, ScheduleIdx(0), utc("2026-01-13T00:00:00Z"));
    assert_eq!(
        s.why[0].source,
        Source::Turn {
            layer: 0,
            turn: 2,
            start: utc("2026-01-12T08:00:00Z"),
            end: utc("2026-01-16T14:55:00Z"),
        }
    );
}

#[test]
fn daily_handoffs_at_two_points_and_a_handoff_between_points() {
    // Follow the sun: 08:00 and 20:00 UTC; the first handoff at 14:00 is
    // not a point, so turn 0 runs from 14:00 to 20:00.
    let model = points_layer(
        "UTC",
        "[a, b]",
        "handoff: 2026-01-05T14:00, handoffs: {daily: [\"20:00\", \"08:00\"]}",
    );
    assert_eq!(
        rows(&model, "2026-01-05T12:00:00Z", "2026-01-07T09:00:00Z"),
        expect_rows(&[
            ("2026-01-05T12:00:00Z", "2026-01-05T14:00:00Z", ""),
            ("2026-01-05T14:00:00Z", "2026-01-05T20:00:00Z", "a"),
            ("2026-01-05T20:00:00Z", "2026-01-06T08:00:00Z", "b"),
            ("2026-01-06T08:00:00Z", "2026-01-06T20:00:00Z", "a"),
            ("2026-01-06T20:00:00Z", "2026-01-07T08:00:00Z", "b"),
            ("2026-01-07T08:00:00Z", "2026-01-07T09:00:00Z", "a"),
        ])
    );
}

#[test]
fn monthly_handoffs_every_two_points() {
    // Points on the 1st and 15th at 08:00; a turn spans two of them, so
    // the pairs hand off on the 1st of each month.
    let model = points_layer(
        "UTC",
        "[[a, b], [c, d]]",
        "handoff: 2026-01-01T08:00, handoffs: {monthly: [\"1 08:00\", \"15 08:00\"], every: 2}",
    );
    assert_eq!(
        rows(&model, "2026-01-01T08:00:00Z", "2026-04-01T08:00:00Z"),
        expect_rows(&[
            ("2026-01-01T08:00:00Z", "2026-02-01T08:00:00Z", "a,b"),
            ("2026-02-01T08:00:00Z", "2026-03-01T08:00:00Z", "c,d"),
            ("2026-03-01T08:00:00Z", "2026-04-01T08:00:00Z", "a,b"),
        ])
    );
    // A 31st clamps to the month's last day (AWS: `DayOfMonth` 31).
    let model = points_layer(
        "UTC",
        "[a, b]",
        "handoff: 2026-01-31T18:00, handoffs: {monthly: [\"31 18:00\"]}",
    );
    let starts: Vec<String> = shifts(
        &model,
        ScheduleIdx(0),
        utc("2026-01-31T18:00:00Z"),
        utc("2026-05-01T00:00:00Z"),
    )
    .unwrap()
    .iter()
    .map(|s| s.start.to_rfc3339())
    .collect();
    assert_eq!(
        starts,
        strings(&[
            "2026-01-31T18:00:00Z",
            "2026-02-28T18:00:00Z",
            "2026-03-31T18:00:00Z",
            "2026-04-30T18:00:00Z",
        ])
    );
}

#[test]
fn a_handoff_point_in_a_dst_gap_moves_like_any_local_time() {
    // Berlin, points Sunday 02:30 and Wednesday 12:00; 2026-03-29 has no
    // 02:30: that handoff happens at 03:30 CEST (01:30Z), at 03:00 (01:00Z)
    // with `dst_gap: transition`; it is a `dst-gap` finding.
    let layer = "handoff: 2026-03-25T12:00, handoffs: {weekly: [\"sun 02:30\", \"wed 12:00\"]}";
    let model = points_layer("Europe/Berlin", "[a, b]", layer);
    assert_eq!(
        rows(&model, "2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z"),
        expect_rows(&[
            ("2026-03-28T00:00:00Z", "2026-03-29T01:30:00Z", "a"),
            ("2026-03-29T01:30:00Z", "2026-03-30T00:00:00Z", "b"),
        ])
    );
    let found: Vec<String> = crate::schedule::findings(
        &model,
        utc("2026-03-20T00:00:00Z"),
        utc("2026-04-05T00:00:00Z"),
    )
    .into_iter()
    .filter(|d| d.code == "dst-gap")
    .map(|d| d.message)
    .collect();
    assert_eq!(
        found,
        vec![
            "handoff `02:30` does not exist on 2026-03-29 in `Europe/Berlin`; it happens at 03:30"
                .to_string()
        ]
    );
    let goalert = read_model(&format!(
        "version: 1\ntimezone: Europe/Berlin\npeople: [{{id: a}}, {{id: b}}]\nschedules:\n  - id: s\n    dst_gap: transition\n    layers:\n      - {{members: [a, b], {layer}}}\n"
    ));
    assert_eq!(
        rows(&goalert, "2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z"),
        expect_rows(&[
            ("2026-03-28T00:00:00Z", "2026-03-29T01:00:00Z", "a"),
            ("2026-03-29T01:00:00Z", "2026-03-30T00:00:00Z", "b"),
        ])
    );
}

#[test]
fn handoff_points_run_back_with_before_handoff_rotate() {
    // Turn -1 starts at the last point strictly before the handoff, turn -2
    // at the one before (the mirror of "the next point after").
    let model = points_layer(
        "UTC",
        "[a, b, c]",
        "handoff: 2026-01-07T12:00, handoffs: {weekly: [\"mon 09:00\", \"fri 15:55\"]}, before_handoff: rotate",
    );
    assert_eq!(
        rows(&model, "2026-01-01T00:00:00Z", "2026-01-10T00:00:00Z"),
        expect_rows(&[
            // Turn -3 (a) from Mon 2025-12-29 09:00, turn -2 (b) from Fri
            // 2026-01-02 15:55, turn -1 (c) from Mon 01-05 09:00, turn 0
            // (a) from the handoff, turn 1 (b) from Fri 01-09 15:55.
            ("2026-01-01T00:00:00Z", "2026-01-02T15:55:00Z", "a"),
            ("2026-01-02T15:55:00Z", "2026-01-05T09:00:00Z", "b"),
            ("2026-01-05T09:00:00Z", "2026-01-07T12:00:00Z", "c"),
            ("2026-01-07T12:00:00Z", "2026-01-09T15:55:00Z", "a"),
            ("2026-01-09T15:55:00Z", "2026-01-10T00:00:00Z", "b"),
        ])
    );
    let s = on_call_at(&model, ScheduleIdx(0), utc("2026-01-06T00:00:00Z"));
    assert!(matches!(s.why[0].source, Source::Turn { turn: -1, .. }));
}

// E13: overrides on one layer.

/// AWS Incident Manager: an on-call schedule unions its rotations; a
/// rotation override replaces that rotation's contacts only.
const LAYER_OVERRIDES: &str = r#"version: 1
timezone: UTC
people: [{id: ana}, {id: ben}, {id: cid}, {id: dee}, {id: eva}]
schedules:
  - id: s
    combine: union
    layers:
      - id: weekday
        members: [ana, ben]
        shift: 1d
        handoff: 2026-01-05T00:00
        overrides:
          - {person: eva, from: 2026-01-05T06:00Z, to: 2026-01-05T12:00Z}
          - {add: dee, from: 2026-01-05T10:00Z, to: 2026-01-05T14:00Z}
      - id: other
        members: [cid]
        shift: 1d
        handoff: 2026-01-05T00:00
    overrides:
      - {remove: eva, from: 2026-01-05T08:00Z, to: 2026-01-05T09:00Z}
"#;

#[test]
fn a_layer_override_leaves_the_other_layers_people_on() {
    let model = read_model(LAYER_OVERRIDES);
    assert_eq!(
        rows(&model, "2026-01-05T00:00:00Z", "2026-01-05T16:00:00Z"),
        expect_rows(&[
            ("2026-01-05T00:00:00Z", "2026-01-05T06:00:00Z", "ana,cid"),
            // The layer's replacement: eva instead of ana, cid stays.
            ("2026-01-05T06:00:00Z", "2026-01-05T08:00:00Z", "cid,eva"),
            // Then the schedule's own override, after the layers combine.
            ("2026-01-05T08:00:00Z", "2026-01-05T09:00:00Z", "cid"),
            ("2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z", "cid,eva"),
            // The layer's overrides in order: replaced, then dee added.
            (
                "2026-01-05T10:00:00Z",
                "2026-01-05T12:00:00Z",
                "cid,dee,eva"
            ),
            (
                "2026-01-05T12:00:00Z",
                "2026-01-05T14:00:00Z",
                "ana,cid,dee"
            ),
            ("2026-01-05T14:00:00Z", "2026-01-05T16:00:00Z", "ana,cid"),
        ])
    );
    // Explained as "override 1 of layer `weekday`", in JSON with the layer.
    let s = on_call_at(&model, ScheduleIdx(0), utc("2026-01-05T11:00:00Z"));
    let schedule = &model.schedules[0];
    let sources: Vec<Source> = s.why.iter().map(|w| w.source).collect();
    assert_eq!(
        detail(schedule, &sources).as_deref(),
        Some("layer `other`, turn 0; override 2 of layer `weekday` (add); override 1 of layer `weekday` (replace)")
    );
    let json: Vec<String> = s
        .why
        .iter()
        .map(|w| serde_json::to_string(&crate::output::Why::new(&model, schedule, w)).unwrap())
        .collect();
    assert!(
        json.contains(
            &r#"{"person":"eva","layer":"weekday","override":0,"kind":"replace"}"#.to_string()
        ),
        "{json:?}"
    );
    assert!(s
        .why
        .iter()
        .all(|w| w.source.holds_at(schedule, utc("2026-01-05T11:00:00Z"))));
}

#[test]
fn layer_overrides_apply_before_combine_top_and_schedule_overrides_after() {
    // combine: top. Emptying the top layer with `people: []` shows the
    // layer below; a schedule override then swaps on the combined set.
    let doc = r#"version: 1
timezone: UTC
people: [{id: ana}, {id: ben}, {id: cid}]
schedules:
  - id: s
    layers:
      - {id: base, members: [ana], shift: 1d, handoff: 2026-01-05T00:00}
      - id: top
        members: [ben]
        shift: 1d
        handoff: 2026-01-05T00:00
        overrides: [{people: [], from: 2026-01-05T06:00Z, to: 2026-01-05T12:00Z}]
    overrides:
      - {person: cid, replaces: ana, from: 2026-01-05T10:00Z, to: 2026-01-05T14:00Z}
"#;
    let model = read_model(doc);
    assert_eq!(
        rows(&model, "2026-01-05T00:00:00Z", "2026-01-05T16:00:00Z"),
        expect_rows(&[
            ("2026-01-05T00:00:00Z", "2026-01-05T06:00:00Z", "ben"),
            ("2026-01-05T06:00:00Z", "2026-01-05T10:00:00Z", "ana"),
            ("2026-01-05T10:00:00Z", "2026-01-05T12:00:00Z", "cid"),
            // ben is back on top: the swap finds no ana.
            ("2026-01-05T12:00:00Z", "2026-01-05T16:00:00Z", "ben"),
        ])
    );
    // A layer override's people are used (no `unused-person`), its bounds
    // read like any override's (`ends-before-start`).
    let findings = crate::findings::findings(
        &model,
        (utc("2026-01-01T00:00:00Z"), utc("2026-01-10T00:00:00Z")),
    );
    assert!(
        findings.iter().all(|d| d.code != "unused-person"),
        "{findings:#?}"
    );
    let bad = doc.replace("to: 2026-01-05T12:00Z}]", "to: 2026-01-05T05:00Z}]");
    let codes: Vec<&str> = crate::check(&bad).iter().map(|d| d.code).collect();
    assert!(codes.contains(&"ends-before-start"), "{codes:?}");
}

// E15: layer levels.

/// Grafana OnCall's example: "Alex is on-call from 8AM till 11AM with
/// level 1, Bob is on-call from 9AM till 11AM with level 2. At 10AM Grafana
/// OnCall will notify Bob. At 8AM OnCall will notify Alex." Plus Cid at
/// level 1 beside Alex from 10:30.
fn levels(extra: &str, combine: &str) -> Model {
    read_model(&format!(
        r#"version: 1
timezone: UTC
people: [{{id: alex}}, {{id: bob}}, {{id: cid}}, {{id: dan}}]
schedules:
  - id: s
{combine}    layers:
      - {{id: alex, members: [alex], shift: 1d, handoff: 2026-01-05T00:00, level: 1, restrictions: [{{from: "08:00", to: "11:00"}}]}}
      - {{id: bob, members: [bob], shift: 1d, handoff: 2026-01-05T00:00, level: 2, restrictions: [{{from: "09:00", to: "11:00"}}]}}
      - {{id: cid, members: [cid], shift: 1d, handoff: 2026-01-05T00:00, level: 1, restrictions: [{{from: "10:30", to: "12:00"}}]}}
{extra}"#
    ))
}

#[test]
fn equal_levels_union_and_a_higher_level_wins() {
    let model = levels("", "");
    assert_eq!(
        rows(&model, "2026-01-05T07:00:00Z", "2026-01-05T13:00:00Z"),
        expect_rows(&[
            ("2026-01-05T07:00:00Z", "2026-01-05T08:00:00Z", ""),
            ("2026-01-05T08:00:00Z", "2026-01-05T09:00:00Z", "alex"),
            // Level 2 wins over level 1 (although listed below cid).
            ("2026-01-05T09:00:00Z", "2026-01-05T11:00:00Z", "bob"),
            // Level 1 again, cid alone (alex's window has closed).
            ("2026-01-05T11:00:00Z", "2026-01-05T12:00:00Z", "cid"),
            ("2026-01-05T12:00:00Z", "2026-01-05T13:00:00Z", ""),
        ])
    );
    let at_10_45 = on_call_at(&model, ScheduleIdx(0), utc("2026-01-05T10:45:00Z"));
    assert_eq!(model.people[at_10_45.on_call[0].index()].id.value, "bob");
    // Without bob, alex and cid (both level 1) are on together.
    let mut model = levels("", "");
    model.schedules[0].layers.remove(1);
    assert_eq!(
        rows(&model, "2026-01-05T10:00:00Z", "2026-01-05T12:00:00Z"),
        expect_rows(&[
            ("2026-01-05T10:00:00Z", "2026-01-05T10:30:00Z", "alex"),
            ("2026-01-05T10:30:00Z", "2026-01-05T11:00:00Z", "alex,cid"),
            ("2026-01-05T11:00:00Z", "2026-01-05T12:00:00Z", "cid"),
        ])
    );
}

#[test]
fn an_empty_higher_level_shows_the_lower_one_through() {
    // dan's level 5 turn is `[]` on odd days: level 1 shows through then.
    let model = levels(
        "      - {id: holidays, members: [[], dan], shift: 1d, handoff: 2026-01-05T00:00, level: 5}\n",
        "",
    );
    assert_eq!(
        rows(&model, "2026-01-05T07:00:00Z", "2026-01-06T10:00:00Z"),
        expect_rows(&[
            ("2026-01-05T07:00:00Z", "2026-01-05T08:00:00Z", ""),
            ("2026-01-05T08:00:00Z", "2026-01-05T09:00:00Z", "alex"),
            ("2026-01-05T09:00:00Z", "2026-01-05T11:00:00Z", "bob"),
            ("2026-01-05T11:00:00Z", "2026-01-05T12:00:00Z", "cid"),
            ("2026-01-05T12:00:00Z", "2026-01-06T00:00:00Z", ""),
            ("2026-01-06T00:00:00Z", "2026-01-06T10:00:00Z", "dan"),
        ])
    );
    // `combine: union` ignores levels.
    let union = levels("", "    combine: union\n");
    assert_eq!(
        rows(&union, "2026-01-05T09:00:00Z", "2026-01-05T11:00:00Z"),
        expect_rows(&[
            ("2026-01-05T09:00:00Z", "2026-01-05T10:30:00Z", "alex,bob"),
            (
                "2026-01-05T10:30:00Z",
                "2026-01-05T11:00:00Z",
                "alex,bob,cid"
            ),
        ])
    );
}

#[test]
fn default_levels_are_the_positions() {
    // Without `level`, each layer's level is its position from 1: the
    // top-most staffed layer wins as SPEC section 2 says; explicit levels
    // equal to the positions change nothing.
    let doc = |levels: [&str; 2]| {
        read_model(&format!(
            "version: 1\ntimezone: UTC\npeople: [{{id: a}}, {{id: b}}]\nschedules:\n  - id: s\n    layers:\n      - {{members: [a], shift: 1d, handoff: 2026-01-05T00:00{}}}\n      - {{members: [b], shift: 1d, handoff: 2026-01-05T00:00, restrictions: [{{from: \"09:00\", to: \"17:00\"}}]{}}}\n",
            levels[0], levels[1]
        ))
    };
    let plain = doc(["", ""]);
    assert_eq!(
        plain.schedules[0]
            .layers
            .iter()
            .map(|l| l.level)
            .collect::<Vec<_>>(),
        vec![1, 2]
    );
    let want = expect_rows(&[
        ("2026-01-05T00:00:00Z", "2026-01-05T09:00:00Z", "a"),
        ("2026-01-05T09:00:00Z", "2026-01-05T17:00:00Z", "b"),
        ("2026-01-05T17:00:00Z", "2026-01-06T00:00:00Z", "a"),
    ]);
    assert_eq!(
        rows(&plain, "2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z"),
        want
    );
    let explicit = doc([", level: 1", ", level: 2"]);
    assert_eq!(
        rows(&explicit, "2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z"),
        want
    );
    // Reversed levels: the bottom layer wins.
    let reversed = doc([", level: 9", ", level: -3"]);
    assert_eq!(
        rows(&reversed, "2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z"),
        expect_rows(&[("2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z", "a")])
    );
    let wrong = "version: 1\ntimezone: UTC\npeople: [{id: a}]\nschedules:\n  - id: s\n    layers: [{members: [a], shift: 1d, handoff: 2026-01-05, level: high}]\n";
    let codes: Vec<&str> = crate::check(wrong).iter().map(|d| d.code).collect();
    assert_eq!(codes, vec!["wrong-type"]);
}

// E10: counting turns by distinct handoff instants.

#[test]
fn goalert_e_hourly_0200_collapses_into_one_handoff_and_skips_nobody() {
    // Chicago, hourly from 2020-03-06 02:00: on 03-08 the 02:00 and 03:00
    // grid points are both 03:00 CDT (08:00Z): one handoff. GoAlert's
    // `calcAdvance` moves one participant per handoff, so nobody is
    // skipped (`turn_count: instants`); the SPEC's grid count empties the
    // 02:00 turn, skipping its member.
    let layer = "shift: 1h, handoff: 2020-03-06T02:00";
    assert_eq!(
        goalert_handoffs(
            "America/Chicago",
            &format!("{layer}, turn_count: instants"),
            "2020-03-08T06:30:00Z",
            "2020-03-08T10:30:00Z"
        ),
        strings(&[
            "2020-03-08T07:00:00Z",
            "2020-03-08T08:00:00Z",
            "2020-03-08T09:00:00Z",
            "2020-03-08T10:00:00Z",
        ])
    );
    let who = |extra: &str| -> Vec<String> {
        let model = goalert_doc("America/Chicago", &format!("{layer}{extra}"));
        rows(&model, "2020-03-08T06:00:00Z", "2020-03-08T11:00:00Z")
            .into_iter()
            .map(|r| r.2)
            .collect()
    };
    // 48 turns from 03-06 02:00 to 03-08 02:00: turn 47 (01:00 CST) is
    // p5 (47 mod 7); by instants p6 follows at 08:00Z.
    assert_eq!(
        who(", turn_count: instants"),
        strings(&["p4", "p5", "p6", "p0", "p1"])
    );
    // By the grid the 02:00 turn (p6) is empty: p5, then p0.
    assert_eq!(who(""), strings(&["p4", "p5", "p0", "p1", "p2"]));
    // Turns are numbered by instants in explanations.
    let model = goalert_doc("America/Chicago", &format!("{layer}, turn_count: instants"));
    let s = on_call_at(&model, ScheduleIdx(0), utc("2020-03-08T08:30:00Z"));
    assert!(
        matches!(s.why[0].source, Source::Turn { turn: 48, start, .. } if start == utc("2020-03-08T08:00:00Z")),
        "{:?}",
        s.why
    );
}

#[test]
fn an_hourly_collapse_across_a_spring_forward_skips_no_member() {
    // New York, hourly 02:00 rotation with `dst_gap: transition`: the 02:00
    // and 03:00 handoffs of 2026-03-08 both happen at 03:00 EDT (07:00Z).
    let doc = |count: &str| {
        read_model(&format!(
            "version: 1\ntimezone: America/New_York\npeople: [{{id: a}}, {{id: b}}, {{id: c}}]\nschedules:\n  - id: s\n    dst_gap: transition\n    layers:\n      - {{members: [a, b, c], shift: 1h, handoff: 2026-03-08T00:00{count}}}\n"
        ))
    };
    let instants = doc(", turn_count: instants");
    assert_eq!(
        rows(&instants, "2026-03-08T05:00:00Z", "2026-03-08T09:00:00Z"),
        expect_rows(&[
            ("2026-03-08T05:00:00Z", "2026-03-08T06:00:00Z", "a"),
            ("2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z", "b"),
            ("2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z", "c"),
            ("2026-03-08T08:00:00Z", "2026-03-08T09:00:00Z", "a"),
        ])
    );
    // The grid (default) skips c, whose 02:00 turn is empty.
    assert_eq!(
        rows(&doc(""), "2026-03-08T05:00:00Z", "2026-03-08T09:00:00Z"),
        expect_rows(&[
            ("2026-03-08T05:00:00Z", "2026-03-08T06:00:00Z", "a"),
            ("2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z", "b"),
            ("2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z", "a"),
            ("2026-03-08T08:00:00Z", "2026-03-08T09:00:00Z", "b"),
        ])
    );
    // `turn: next` follows the instants too: at 06:30Z (b's turn 1) the
    // next turn is c's, then at 07:30Z a's.
    let s = ScheduleIdx(0);
    let next = |t: &str| {
        let turns = adjacent_turns(&instants, s, crate::model::TurnChoice::Next, utc(t));
        instants.people[turns.people[0].index()].id.value.clone()
    };
    assert_eq!(
        (next("2026-03-08T06:30:00Z"), next("2026-03-08T07:30:00Z")),
        ("c".to_string(), "a".to_string())
    );
    let previous = adjacent_turns(
        &instants,
        s,
        crate::model::TurnChoice::Previous,
        utc("2026-03-08T07:30:00Z"),
    );
    assert_eq!(instants.people[previous.people[0].index()].id.value, "b");
}

#[test]
fn turns_overtaken_in_a_gap_are_counted_by_instants_too() {
    // SPEC default (`dst_gap: shift`), half-hourly from 01:30 in New York
    // on 2026-03-08: the 02:00 turn moves to 03:00 EDT, where the 03:00
    // turn starts, and the 02:30 turn to 03:30, where the 03:30 turn
    // starts: by the grid both are never on (a's 01:30 turn runs on into
    // a's 03:00 turn); by instants nobody is skipped.
    let doc = |count: &str| {
        read_model(&format!(
            "version: 1\ntimezone: America/New_York\npeople: [{{id: a}}, {{id: b}}, {{id: c}}]\nschedules:\n  - id: s\n    layers:\n      - {{members: [a, b, c], shift: 30m, handoff: 2026-03-08T01:30{count}}}\n"
        ))
    };
    assert_eq!(
        rows(
            &doc(", turn_count: instants"),
            "2026-03-08T06:30:00Z",
            "2026-03-08T09:00:00Z"
        ),
        expect_rows(&[
            ("2026-03-08T06:30:00Z", "2026-03-08T07:00:00Z", "a"),
            ("2026-03-08T07:00:00Z", "2026-03-08T07:30:00Z", "b"),
            ("2026-03-08T07:30:00Z", "2026-03-08T08:00:00Z", "c"),
            ("2026-03-08T08:00:00Z", "2026-03-08T08:30:00Z", "a"),
            ("2026-03-08T08:30:00Z", "2026-03-08T09:00:00Z", "b"),
        ])
    );
    assert_eq!(
        rows(&doc(""), "2026-03-08T06:30:00Z", "2026-03-08T09:00:00Z"),
        expect_rows(&[
            ("2026-03-08T06:30:00Z", "2026-03-08T07:30:00Z", "a"),
            ("2026-03-08T07:30:00Z", "2026-03-08T08:00:00Z", "b"),
            ("2026-03-08T08:00:00Z", "2026-03-08T08:30:00Z", "c"),
            ("2026-03-08T08:30:00Z", "2026-03-08T09:00:00Z", "a"),
        ])
    );
}
