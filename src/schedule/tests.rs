//! One test per rule of SPEC section 2, and DST cases in six zones.

use chrono::Weekday;
use chrono_tz::{America, Asia, Australia, Europe, Pacific};

use super::testkit::*;
use super::*;
use crate::model::{Clock, Combine, OverrideKind, ScheduleIdx};
use crate::time::{DateTimeSpec, DaySet, Window};

const H: i64 = 3600;
const D: i64 = 86_400;
const W: i64 = 7 * D;

fn check(kit: &Kit, from: &str, to: &str, rows: &[(&str, &str, &str)]) {
    let got = kit.shifts(utc(from), utc(to));
    assert_eq!(got, expect(rows));
    // on_call_at agrees with the sweep inside every shift, at both ends.
    for (a, b, who) in &got {
        for t in [utc(a), utc(b).add_seconds(-1)] {
            let s = on_call_at(&kit.model, ScheduleIdx(0), t);
            assert_eq!(&kit.names(&s.on_call), who, "on_call_at {t}");
        }
    }
}

// Rule 1: turns on the local wall clock.

#[test]
fn weekly_turns_keep_local_handoff_across_spring_forward() {
    let mut kit = Kit::new(Europe::Berlin, &["a", "b"]);
    kit.layer(&[&["a"], &["b"]], W, "2026-03-23T09:00");
    check(
        &kit,
        "2026-03-23T08:00:00Z",
        "2026-04-06T07:00:00Z",
        &[
            ("2026-03-23T08:00:00Z", "2026-03-30T07:00:00Z", "a"),
            ("2026-03-30T07:00:00Z", "2026-04-06T07:00:00Z", "b"),
        ],
    );
}

#[test]
fn twelve_hour_rotation_keeps_nine_and_twenty_one_in_new_york() {
    let mut kit = Kit::new(America::New_York, &["a", "b"]);
    kit.layer(&[&["a"], &["b"]], 12 * H, "2026-03-07T09:00");
    check(
        &kit,
        "2026-03-07T14:00:00Z",
        "2026-03-09T13:00:00Z",
        &[
            ("2026-03-07T14:00:00Z", "2026-03-08T02:00:00Z", "a"),
            ("2026-03-08T02:00:00Z", "2026-03-08T13:00:00Z", "b"),
            ("2026-03-08T13:00:00Z", "2026-03-09T01:00:00Z", "a"),
            ("2026-03-09T01:00:00Z", "2026-03-09T13:00:00Z", "b"),
        ],
    );
    // And in the fall: 21:00 EDT, then 09:00 EST (13h turn).
    check(
        &kit,
        "2026-10-31T13:00:00Z",
        "2026-11-02T02:00:00Z",
        &[
            ("2026-10-31T13:00:00Z", "2026-11-01T01:00:00Z", "a"),
            ("2026-11-01T01:00:00Z", "2026-11-01T14:00:00Z", "b"),
            ("2026-11-01T14:00:00Z", "2026-11-02T02:00:00Z", "a"),
        ],
    );
}

#[test]
fn elapsed_clock_counts_exact_seconds() {
    let mut kit = Kit::new(America::New_York, &["a", "b"]);
    kit.layer(&[&["a"], &["b"]], 12 * H, "2026-03-07T09:00")
        .turns_mut()
        .unwrap()
        .clock = Clock::Elapsed;
    check(
        &kit,
        "2026-03-07T14:00:00Z",
        "2026-03-09T13:00:00Z",
        &[
            ("2026-03-07T14:00:00Z", "2026-03-08T02:00:00Z", "a"),
            ("2026-03-08T02:00:00Z", "2026-03-08T14:00:00Z", "b"),
            ("2026-03-08T14:00:00Z", "2026-03-09T02:00:00Z", "a"),
            ("2026-03-09T02:00:00Z", "2026-03-09T13:00:00Z", "b"),
        ],
    );
}

#[test]
fn absolute_handoff_starts_there_then_counts_on_the_wall_clock() {
    let mut kit = Kit::new(America::New_York, &["a", "b"]);
    kit.layer(&[&["a"], &["b"]], D, "2026-03-07T09:00")
        .turns_mut()
        .unwrap()
        .handoff
        .value = DateTimeSpec::Absolute(utc("2026-03-07T14:20:30Z"));
    check(
        &kit,
        "2026-03-07T00:00:00Z",
        "2026-03-09T00:00:00Z",
        &[
            ("2026-03-07T00:00:00Z", "2026-03-07T14:20:30Z", ""),
            ("2026-03-07T14:20:30Z", "2026-03-08T13:20:30Z", "a"),
            ("2026-03-08T13:20:30Z", "2026-03-09T00:00:00Z", "b"),
        ],
    );
}

#[test]
fn absolute_handoff_in_the_second_occurrence_of_a_fold_can_be_overtaken() {
    // The SPEC's rules read literally: turn 0 starts at the absolute
    // handoff, 01:30 EST on New York's fall-back day (the second 01:30);
    // turn 1 counts on the wall clock to 01:45, which occurs twice and so
    // is the earlier 01:45 (EDT), before the handoff. The highest turn
    // started wins, so turn 0 (a) is never on; turn 2 starts at 02:00 EST.
    let mut kit = Kit::new(America::New_York, &["a", "b", "c", "d"]);
    kit.layer(
        &[&["a"], &["b"], &["c"], &["d"]],
        15 * 60,
        "2026-11-01T01:30",
    )
    .turns_mut()
    .unwrap()
    .handoff
    .value = DateTimeSpec::Absolute(utc("2026-11-01T06:30:00Z"));
    check(
        &kit,
        "2026-11-01T06:00:00Z",
        "2026-11-01T07:30:00Z",
        &[
            ("2026-11-01T06:00:00Z", "2026-11-01T06:30:00Z", ""),
            ("2026-11-01T06:30:00Z", "2026-11-01T07:00:00Z", "b"),
            ("2026-11-01T07:00:00Z", "2026-11-01T07:15:00Z", "c"),
            ("2026-11-01T07:15:00Z", "2026-11-01T07:30:00Z", "d"),
        ],
    );
}

#[test]
fn turn_is_empty_when_the_next_resolves_to_the_same_instant() {
    // 30-minute turns from 01:30 on New York's spring-forward day: 02:00
    // and 03:00 are both 07:00Z, 02:30 and 03:30 both 07:30Z.
    let mut kit = Kit::new(America::New_York, &["a", "b", "c", "d", "e"]);
    kit.layer(
        &[&["a"], &["b"], &["c"], &["d"], &["e"]],
        30 * 60,
        "2026-03-08T01:30",
    );
    check(
        &kit,
        "2026-03-08T06:30:00Z",
        "2026-03-08T08:00:00Z",
        &[
            ("2026-03-08T06:30:00Z", "2026-03-08T07:00:00Z", "a"),
            ("2026-03-08T07:00:00Z", "2026-03-08T07:30:00Z", "d"),
            ("2026-03-08T07:30:00Z", "2026-03-08T08:00:00Z", "e"),
        ],
    );
}

#[test]
fn turn_pushed_past_a_later_turn_by_a_gap_is_never_on() {
    // 45-minute turns from 01:15: 02:45 moves to 03:45, after 03:30's turn.
    let mut kit = Kit::new(America::New_York, &["a", "b", "c", "d"]);
    kit.layer(
        &[&["a"], &["b"], &["c"], &["d"]],
        45 * 60,
        "2026-03-08T01:15",
    );
    check(
        &kit,
        "2026-03-08T06:15:00Z",
        "2026-03-08T09:00:00Z",
        &[
            ("2026-03-08T06:15:00Z", "2026-03-08T07:00:00Z", "a"),
            ("2026-03-08T07:00:00Z", "2026-03-08T07:30:00Z", "b"),
            ("2026-03-08T07:30:00Z", "2026-03-08T08:15:00Z", "d"),
            ("2026-03-08T08:15:00Z", "2026-03-08T09:00:00Z", "a"),
        ],
    );
}

#[test]
fn multi_person_turns_and_empty_turns() {
    let mut kit = Kit::new(chrono_tz::UTC, &["a", "b", "c"]);
    kit.layer(&[&["b", "a"], &[], &["c"]], D, "2026-01-01T00:00");
    check(
        &kit,
        "2026-01-01T00:00:00Z",
        "2026-01-04T12:00:00Z",
        &[
            ("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "a,b"),
            ("2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z", ""),
            ("2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z", "c"),
            ("2026-01-04T00:00:00Z", "2026-01-04T12:00:00Z", "a,b"),
        ],
    );
}

#[test]
fn nobody_before_the_first_handoff_and_from_never_runs_backwards() {
    let mut kit = Kit::new(chrono_tz::UTC, &["a", "b"]);
    let layer = kit.layer(&[&["a"], &["b"]], D, "2026-01-03T00:00");
    layer.from = Some(sp(DateTimeSpec::Local(local("2026-01-01T00:00"))));
    check(
        &kit,
        "2026-01-01T00:00:00Z",
        "2026-01-05T00:00:00Z",
        &[
            ("2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z", ""),
            ("2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z", "a"),
            ("2026-01-04T00:00:00Z", "2026-01-05T00:00:00Z", "b"),
        ],
    );
}

#[test]
fn layer_from_and_until_cut_without_restarting_the_rotation() {
    let mut kit = Kit::new(chrono_tz::UTC, &["a", "b", "c"]);
    let layer = kit.layer(&[&["a"], &["b"], &["c"]], D, "2026-01-01T00:00");
    layer.from = Some(sp(DateTimeSpec::Local(local("2026-01-02T12:00"))));
    layer.until = Some(sp(DateTimeSpec::Local(local("2026-01-04T06:00"))));
    check(
        &kit,
        "2026-01-01T00:00:00Z",
        "2026-01-05T00:00:00Z",
        &[
            ("2026-01-01T00:00:00Z", "2026-01-02T12:00:00Z", ""),
            ("2026-01-02T12:00:00Z", "2026-01-03T00:00:00Z", "b"),
            ("2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z", "c"),
            ("2026-01-04T00:00:00Z", "2026-01-04T06:00:00Z", "a"),
            ("2026-01-04T06:00:00Z", "2026-01-05T00:00:00Z", ""),
        ],
    );
}

// Rule 2: restrictions hide the layer; the rotation keeps turning.

#[test]
fn restrictions_hide_the_layer_while_it_keeps_turning() {
    let mut kit = Kit::new(chrono_tz::UTC, &["a", "b"]);
    let layer = kit.layer(&[&["a"], &["b"]], D, "2026-01-05T00:00"); // a Monday
    layer.restrictions = vec![sp(Window::Daily {
        days: days(&[Weekday::Mon, Weekday::Wed]),
        from: hm("09:00"),
        to: hm("17:00"),
    })];
    check(
        &kit,
        "2026-01-05T00:00:00Z",
        "2026-01-08T00:00:00Z",
        &[
            ("2026-01-05T00:00:00Z", "2026-01-05T09:00:00Z", ""),
            ("2026-01-05T09:00:00Z", "2026-01-05T17:00:00Z", "a"),
            ("2026-01-05T17:00:00Z", "2026-01-07T09:00:00Z", ""),
            // Wednesday is turn 2: a again (b's Tuesday turn was hidden).
            ("2026-01-07T09:00:00Z", "2026-01-07T17:00:00Z", "a"),
            ("2026-01-07T17:00:00Z", "2026-01-08T00:00:00Z", ""),
        ],
    );
}

#[test]
fn empty_restriction_list_means_always() {
    let mut kit = Kit::new(chrono_tz::UTC, &["a"]);
    kit.layer(&[&["a"]], D, "2026-01-01T00:00").restrictions = Vec::new();
    check(
        &kit,
        "2026-01-01T00:00:00Z",
        "2026-01-03T00:00:00Z",
        &[("2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z", "a")],
    );
}

#[test]
fn restriction_window_across_spring_forward_in_berlin() {
    let mut kit = Kit::new(Europe::Berlin, &["a"]);
    let layer = kit.layer(&[&["a"]], W, "2026-03-02T00:00");
    layer.restrictions = vec![sp(Window::Daily {
        days: days(&[Weekday::Sat]),
        from: hm("22:00"),
        to: hm("06:00"),
    })];
    check(
        &kit,
        "2026-03-28T12:00:00Z",
        "2026-03-29T12:00:00Z",
        &[
            ("2026-03-28T12:00:00Z", "2026-03-28T21:00:00Z", ""),
            ("2026-03-28T21:00:00Z", "2026-03-29T04:00:00Z", "a"),
            ("2026-03-29T04:00:00Z", "2026-03-29T12:00:00Z", ""),
        ],
    );
}

// Rule 3: combining layers.

#[test]
fn combine_top_takes_the_top_most_staffed_layer() {
    let mut kit = Kit::new(chrono_tz::UTC, &["a", "b"]);
    kit.layer(&[&["a"]], W, "2026-01-05T00:00");
    let top = kit.layer(&[&["b"], &[]], D, "2026-01-05T00:00");
    top.restrictions = vec![sp(Window::Daily {
        days: DaySet::ALL,
        from: hm("09:00"),
        to: hm("17:00"),
    })];
    check(
        &kit,
        "2026-01-05T00:00:00Z",
        "2026-01-07T00:00:00Z",
        &[
            ("2026-01-05T00:00:00Z", "2026-01-05T09:00:00Z", "a"),
            ("2026-01-05T09:00:00Z", "2026-01-05T17:00:00Z", "b"),
            // Tuesday's top turn is empty: the bottom layer shows all day.
            ("2026-01-05T17:00:00Z", "2026-01-07T00:00:00Z", "a"),
        ],
    );
}

#[test]
fn combine_union_takes_everyone() {
    let mut kit = Kit::new(chrono_tz::UTC, &["a", "b"]);
    kit.layer(&[&["a"]], W, "2026-01-05T00:00");
    kit.layer(&[&["b"]], W, "2026-01-05T00:00").restrictions = vec![sp(Window::Daily {
        days: DaySet::ALL,
        from: hm("09:00"),
        to: hm("17:00"),
    })];
    kit.schedule().combine = Combine::Union;
    check(
        &kit,
        "2026-01-05T00:00:00Z",
        "2026-01-06T00:00:00Z",
        &[
            ("2026-01-05T00:00:00Z", "2026-01-05T09:00:00Z", "a"),
            ("2026-01-05T09:00:00Z", "2026-01-05T17:00:00Z", "a,b"),
            ("2026-01-05T17:00:00Z", "2026-01-06T00:00:00Z", "a"),
        ],
    );
}

// Rule 4: overrides, in order.

#[test]
fn overlapping_overrides_apply_in_the_order_listed_not_by_start() {
    let mut kit = Kit::new(chrono_tz::UTC, &["a", "x"]);
    kit.layer(&[&["a"]], W, "2026-01-01T00:00");
    // Listed first but starting later: while both are on, `remove` comes
    // before `add`, so x stays.
    kit.add_override(
        OverrideKind::Remove {
            people: vec![kit.p("x")],
        },
        "2026-01-01T10:00",
        "2026-01-01T14:00",
    );
    kit.add_override(
        OverrideKind::Add {
            people: vec![kit.p("x")],
        },
        "2026-01-01T08:00",
        "2026-01-01T12:00",
    );
    check(
        &kit,
        "2026-01-01T00:00:00Z",
        "2026-01-02T00:00:00Z",
        &[
            ("2026-01-01T00:00:00Z", "2026-01-01T08:00:00Z", "a"),
            ("2026-01-01T08:00:00Z", "2026-01-01T12:00:00Z", "a,x"),
            ("2026-01-01T12:00:00Z", "2026-01-02T00:00:00Z", "a"),
        ],
    );
}

#[test]
fn thousands_of_overrides_are_swept_once() {
    // 4 000 short overrides: the sweep keeps the active ones as it passes
    // their bounds instead of checking every override at every step.
    let mut kit = Kit::new(chrono_tz::UTC, &["a", "x"]);
    kit.layer(&[&["a"]], W, "2026-01-01T00:00");
    let start = local("2026-01-01T00:00");
    for i in 0..4_000 {
        let from = start + chrono::TimeDelta::minutes(30 * i);
        let to = from + chrono::TimeDelta::minutes(15);
        let f = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M").to_string();
        kit.add_override(
            OverrideKind::Add {
                people: vec![kit.p("x")],
            },
            &f(from),
            &f(to),
        );
    }
    // 2 000 hours of x on for 15 minutes every 30, then a alone.
    let list = kit.shifts(utc("2026-01-01T00:00:00Z"), utc("2026-04-01T00:00:00Z"));
    assert_eq!(list.len(), 8_000);
    assert_eq!(list[0].1, "2026-01-01T00:15:00Z");
    assert_eq!(list[0].2, ["a", "x"]);
    assert_eq!(list[1].2, ["a"]);
    assert_eq!(list[7_998].0, "2026-03-25T07:30:00Z");
    assert_eq!(list[7_999].0, "2026-03-25T07:45:00Z");
    assert_eq!(list[7_999].2, ["a"]);
}

#[test]
fn replace_override_fills_a_gap_and_replaces_everyone() {
    let mut kit = Kit::new(chrono_tz::UTC, &["a", "b", "x"]);
    kit.layer(&[&["a", "b"], &[]], D, "2026-01-01T00:00");
    kit.add_override(
        OverrideKind::Replace {
            people: vec![kit.p("x")],
        },
        "2026-01-01T12:00",
        "2026-01-02T12:00",
    );
    check(
        &kit,
        "2026-01-01T00:00:00Z",
        "2026-01-03T00:00:00Z",
        &[
            ("2026-01-01T00:00:00Z", "2026-01-01T12:00:00Z", "a,b"),
            ("2026-01-01T12:00:00Z", "2026-01-02T12:00:00Z", "x"),
            ("2026-01-02T12:00:00Z", "2026-01-03T00:00:00Z", ""),
        ],
    );
}

#[test]
fn swap_override_applies_only_while_the_replaced_person_is_on() {
    let mut kit = Kit::new(chrono_tz::UTC, &["a", "b", "x"]);
    kit.layer(&[&["a"], &["b"]], D, "2026-01-01T00:00");
    kit.add_override(
        OverrideKind::Swap {
            replaces: kit.p("b"),
            people: vec![kit.p("x")],
        },
        "2026-01-01T12:00",
        "2026-01-02T12:00",
    );
    check(
        &kit,
        "2026-01-01T00:00:00Z",
        "2026-01-03T00:00:00Z",
        &[
            ("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "a"),
            ("2026-01-02T00:00:00Z", "2026-01-02T12:00:00Z", "x"),
            ("2026-01-02T12:00:00Z", "2026-01-03T00:00:00Z", "b"),
        ],
    );
}

#[test]
fn add_joins_and_becomes_the_set_in_a_gap_remove_leaves() {
    let mut kit = Kit::new(chrono_tz::UTC, &["a", "b", "x"]);
    kit.layer(&[&["a", "b"], &[]], D, "2026-01-01T00:00");
    kit.add_override(
        OverrideKind::Add {
            people: vec![kit.p("x")],
        },
        "2026-01-01T12:00",
        "2026-01-02T12:00",
    );
    kit.add_override(
        OverrideKind::Remove {
            people: vec![kit.p("a"), kit.p("x")],
        },
        "2026-01-01T18:00",
        "2026-01-01T20:00",
    );
    check(
        &kit,
        "2026-01-01T00:00:00Z",
        "2026-01-03T00:00:00Z",
        &[
            ("2026-01-01T00:00:00Z", "2026-01-01T12:00:00Z", "a,b"),
            ("2026-01-01T12:00:00Z", "2026-01-01T18:00:00Z", "a,b,x"),
            ("2026-01-01T18:00:00Z", "2026-01-01T20:00:00Z", "b"),
            ("2026-01-01T20:00:00Z", "2026-01-02T00:00:00Z", "a,b,x"),
            ("2026-01-02T00:00:00Z", "2026-01-02T12:00:00Z", "x"),
            ("2026-01-02T12:00:00Z", "2026-01-03T00:00:00Z", ""),
        ],
    );
}

#[test]
fn overrides_apply_in_the_order_listed() {
    // remove then add: x ends on; add then remove: x ends off.
    let mut kit = Kit::new(chrono_tz::UTC, &["a", "x"]);
    kit.layer(&[&["a"]], D, "2026-01-01T00:00");
    kit.add_override(
        OverrideKind::Remove {
            people: vec![kit.p("x")],
        },
        "2026-01-01T00:00",
        "2026-01-01T12:00",
    );
    kit.add_override(
        OverrideKind::Add {
            people: vec![kit.p("x")],
        },
        "2026-01-01T00:00",
        "2026-01-02T00:00",
    );
    kit.add_override(
        OverrideKind::Remove {
            people: vec![kit.p("x")],
        },
        "2026-01-01T12:00",
        "2026-01-02T00:00",
    );
    check(
        &kit,
        "2026-01-01T00:00:00Z",
        "2026-01-02T00:00:00Z",
        &[
            ("2026-01-01T00:00:00Z", "2026-01-01T12:00:00Z", "a,x"),
            ("2026-01-01T12:00:00Z", "2026-01-02T00:00:00Z", "a"),
        ],
    );
}

// Rule 5: local bounds are in the schedule's zone.

#[test]
fn override_bounds_are_local_to_the_schedule_zone() {
    let mut kit = Kit::new(Asia::Kolkata, &["a", "x"]);
    kit.layer(&[&["a"]], D, "2026-01-01T00:00");
    kit.add_override(
        OverrideKind::Replace {
            people: vec![kit.p("x")],
        },
        "2026-01-02T09:00",
        "2026-01-02T21:00",
    );
    check(
        &kit,
        "2026-01-02T00:00:00Z",
        "2026-01-03T00:00:00Z",
        &[
            ("2026-01-02T00:00:00Z", "2026-01-02T03:30:00Z", "a"),
            ("2026-01-02T03:30:00Z", "2026-01-02T15:30:00Z", "x"),
            ("2026-01-02T15:30:00Z", "2026-01-03T00:00:00Z", "a"),
        ],
    );
}

// DST in six zones.

#[test]
fn hourly_rotation_across_both_berlin_changes() {
    let mut kit = Kit::new(Europe::Berlin, &["a", "b", "c"]);
    kit.layer(&[&["a"], &["b"], &["c"]], H, "2026-03-29T00:00");
    check(
        &kit,
        "2026-03-28T23:00:00Z",
        "2026-03-29T03:00:00Z",
        &[
            ("2026-03-28T23:00:00Z", "2026-03-29T00:00:00Z", "a"),
            ("2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z", "b"),
            // 02:00 does not exist: c's turn and a's 03:00 turn start together.
            ("2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z", "a"),
            ("2026-03-29T02:00:00Z", "2026-03-29T03:00:00Z", "b"),
        ],
    );
    let mut kit = Kit::new(Europe::Berlin, &["a", "b", "c"]);
    kit.layer(&[&["a"], &["b"], &["c"]], H, "2026-10-25T00:00");
    check(
        &kit,
        "2026-10-24T22:00:00Z",
        "2026-10-25T04:00:00Z",
        &[
            ("2026-10-24T22:00:00Z", "2026-10-24T23:00:00Z", "a"),
            ("2026-10-24T23:00:00Z", "2026-10-25T00:00:00Z", "b"),
            // 02:00 is the first (CEST) one; the next turn is 03:00 CET.
            ("2026-10-25T00:00:00Z", "2026-10-25T02:00:00Z", "c"),
            ("2026-10-25T02:00:00Z", "2026-10-25T03:00:00Z", "a"),
            ("2026-10-25T03:00:00Z", "2026-10-25T04:00:00Z", "b"),
        ],
    );
}

#[test]
fn handoff_inside_the_repeated_hour_in_new_york() {
    let mut kit = Kit::new(America::New_York, &["a", "b"]);
    kit.layer(&[&["a"], &["b"]], D, "2026-10-31T01:30");
    check(
        &kit,
        "2026-10-31T05:30:00Z",
        "2026-11-02T06:30:00Z",
        &[
            ("2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "a"),
            ("2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z", "b"),
        ],
    );
}

#[test]
fn handoff_inside_the_skipped_hour_in_new_york() {
    let mut kit = Kit::new(America::New_York, &["a", "b"]);
    kit.layer(&[&["a"], &["b"]], D, "2026-03-07T02:30");
    check(
        &kit,
        "2026-03-07T07:30:00Z",
        "2026-03-09T06:30:00Z",
        &[
            // 2026-03-08 02:30 happens at 03:30 EDT (07:30Z): a 24h turn,
            // then 23h to 02:30 EDT on the 9th.
            ("2026-03-07T07:30:00Z", "2026-03-08T07:30:00Z", "a"),
            ("2026-03-08T07:30:00Z", "2026-03-09T06:30:00Z", "b"),
        ],
    );
}

#[test]
fn lord_howe_thirty_minute_changes() {
    // Fold: 2026-04-05 02:00 (+11) goes back to 01:30 (+10:30).
    let mut kit = Kit::new(Australia::Lord_Howe, &["a", "b"]);
    kit.layer(&[&["a"], &["b"]], D, "2026-04-04T01:45");
    check(
        &kit,
        "2026-04-03T14:45:00Z",
        "2026-04-05T15:15:00Z",
        &[
            ("2026-04-03T14:45:00Z", "2026-04-04T14:45:00Z", "a"),
            ("2026-04-04T14:45:00Z", "2026-04-05T15:15:00Z", "b"),
        ],
    );
    // Gap: 2026-10-04 02:00 (+10:30) jumps to 02:30 (+11); 02:15 -> 02:45.
    let mut kit = Kit::new(Australia::Lord_Howe, &["a", "b"]);
    kit.layer(&[&["a"], &["b"]], D, "2026-10-03T02:15");
    check(
        &kit,
        "2026-10-02T15:45:00Z",
        "2026-10-04T15:15:00Z",
        &[
            ("2026-10-02T15:45:00Z", "2026-10-03T15:45:00Z", "a"),
            ("2026-10-03T15:45:00Z", "2026-10-04T15:15:00Z", "b"),
        ],
    );
}

#[test]
fn apia_skipped_day_empties_its_turn() {
    // 2011-12-30 did not happen in Apia: its 09:00 moves to 12-31 09:00,
    // the same instant as the 12-31 turn, which wins.
    let mut kit = Kit::new(Pacific::Apia, &["a", "b", "c"]);
    kit.layer(&[&["a"], &["b"], &["c"]], D, "2011-12-29T09:00");
    check(
        &kit,
        "2011-12-29T19:00:00Z",
        "2011-12-31T19:00:00Z",
        &[
            ("2011-12-29T19:00:00Z", "2011-12-30T19:00:00Z", "a"),
            ("2011-12-30T19:00:00Z", "2011-12-31T19:00:00Z", "c"),
        ],
    );
}

#[test]
fn sao_paulo_midnight_handoffs() {
    // 2018-11-04 00:00 did not exist (-> 01:00 -02:00): a 23-hour day.
    let mut kit = Kit::new(America::Sao_Paulo, &["a", "b"]);
    kit.layer(&[&["a"], &["b"]], D, "2018-11-03T00:00");
    check(
        &kit,
        "2018-11-03T03:00:00Z",
        "2018-11-05T02:00:00Z",
        &[
            ("2018-11-03T03:00:00Z", "2018-11-04T03:00:00Z", "a"),
            ("2018-11-04T03:00:00Z", "2018-11-05T02:00:00Z", "b"),
        ],
    );
    // 2019-02-16 23:00-24:00 happened twice: 23:30 is the first (-02:00).
    let mut kit = Kit::new(America::Sao_Paulo, &["a", "b"]);
    kit.layer(&[&["a"], &["b"]], D, "2019-02-15T23:30");
    check(
        &kit,
        "2019-02-16T01:30:00Z",
        "2019-02-18T02:30:00Z",
        &[
            ("2019-02-16T01:30:00Z", "2019-02-17T01:30:00Z", "a"),
            ("2019-02-17T01:30:00Z", "2019-02-18T02:30:00Z", "b"),
        ],
    );
}

#[test]
fn kolkata_half_hour_offset_without_dst() {
    let mut kit = Kit::new(Asia::Kolkata, &["a", "b"]);
    kit.layer(&[&["a"], &["b"]], 12 * H, "2026-03-28T09:00");
    check(
        &kit,
        "2026-03-28T03:30:00Z",
        "2026-03-29T15:30:00Z",
        &[
            ("2026-03-28T03:30:00Z", "2026-03-28T15:30:00Z", "a"),
            ("2026-03-28T15:30:00Z", "2026-03-29T03:30:00Z", "b"),
            ("2026-03-29T03:30:00Z", "2026-03-29T15:30:00Z", "a"),
        ],
    );
}

// Bounded work, explanations, the window.

#[test]
fn one_second_rotation_over_a_century_is_an_error() {
    let mut kit = Kit::new(chrono_tz::UTC, &["a", "b"]);
    kit.layer(&[&["a"], &["b"]], 1, "2000-01-01T00:00");
    let err = shifts(
        &kit.model,
        ScheduleIdx(0),
        utc("2000-01-01T00:00:00Z"),
        utc("2100-01-01T00:00:00Z"),
    )
    .unwrap_err();
    assert_eq!(err.code, "too-many-intervals");
    // Whole range of instants with restrictions: also an error, not a hang.
    let mut kit = Kit::new(chrono_tz::UTC, &["a"]);
    kit.layer(&[&["a"]], 52 * W, "0001-01-01T00:00")
        .restrictions = vec![sp(Window::Daily {
        days: DaySet::ALL,
        from: hm("09:00"),
        to: hm("10:00"),
    })];
    let err = shifts(
        &kit.model,
        ScheduleIdx(0),
        crate::time::Timestamp::MIN,
        crate::time::Timestamp::MAX,
    )
    .unwrap_err();
    assert_eq!(err.code, "too-many-intervals");
}

#[test]
fn thousands_of_overrides_in_force_at_once_are_an_error_not_a_hang() {
    // 20,000 overrides adding `b`, each starting a minute after the last
    // and running all year: every change applies every override in force
    // (about 2 * 10^8 of them in January). Refused instead of computed.
    let mut kit = Kit::new(chrono_tz::UTC, &["a", "b"]);
    kit.layer(&[&["a"]], D, "2026-01-01T00:00");
    let start = utc("2026-01-01T00:00:00Z");
    let add = |kit: &mut Kit, person: PersonIdx, from: Timestamp| {
        kit.schedule().overrides.push(crate::model::Override {
            source: None,
            kind: OverrideKind::Add {
                people: vec![person],
            },
            from: sp(DateTimeSpec::Absolute(from)),
            to: sp(DateTimeSpec::Absolute(utc("2026-12-31T00:00:00Z"))),
            span: crate::diagnostic::Span::default(),
        });
    };
    let b = kit.p("b");
    for i in 0..20_000 {
        add(&mut kit, b, start.add_seconds(60 * i));
    }
    let january = utc("2026-02-01T00:00:00Z");
    let err = shifts(&kit.model, ScheduleIdx(0), start, january).unwrap_err();
    assert_eq!(err.code, "too-many-overrides");
    // A window where few are in force is answered.
    let got = kit.shifts(start, utc("2026-01-01T02:00:00Z"));
    assert_eq!(
        got,
        expect(&[("2026-01-01T00:00:00Z", "2026-01-01T02:00:00Z", "a,b")])
    );
    // So is an on-call question while all of them are in force, also
    // where they start a minute apart (the look around it is too much
    // work; the instant itself is not).
    for at in ["2026-06-01T00:00:00Z", "2026-01-10T00:00:00Z"] {
        let now = on_call_at(&kit.model, ScheduleIdx(0), utc(at));
        assert_eq!(kit.names(&now.on_call), ["a", "b"], "at {at}");
        assert!(now.start <= utc(at) && utc(at) < now.end);
    }

    // 2,000 people added one a minute: each shift lists everyone so far,
    // two million reasons in all; refused past a million.
    let names: Vec<String> = (0..2000).map(|i| format!("p{i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut kit = Kit::new(chrono_tz::UTC, &refs);
    kit.layer(&[&["p0"]], D, "2026-01-01T00:00");
    for (i, name) in names.iter().enumerate() {
        let person = kit.p(name);
        add(&mut kit, person, start.add_seconds(60 * i as i64));
    }
    let err = shifts(&kit.model, ScheduleIdx(0), start, january).unwrap_err();
    assert_eq!(err.code, "too-many-intervals");
    assert!(err.message.contains("reasons"), "{}", err.message);
    // 20:00 is 1,200 minutes in: 1,201 people on call.
    let now = on_call_at(&kit.model, ScheduleIdx(0), utc("2026-01-01T20:00:00Z"));
    assert_eq!(now.on_call.len(), 1201);
}

#[test]
fn window_must_not_be_empty() {
    let mut kit = Kit::new(chrono_tz::UTC, &["a"]);
    kit.layer(&[&["a"]], D, "2026-01-01T00:00");
    let t = utc("2026-01-01T00:00:00Z");
    assert_eq!(
        shifts(&kit.model, ScheduleIdx(0), t, t).unwrap_err().code,
        "empty-window"
    );
    assert_eq!(
        shifts(&kit.model, ScheduleIdx(9), t, t.add_seconds(1))
            .unwrap_err()
            .code,
        "unknown-schedule"
    );
}

#[test]
fn explanations_name_layer_turn_and_override() {
    let mut kit = Kit::new(chrono_tz::UTC, &["a", "b", "x"]);
    kit.layer(&[&["a"], &["b"]], D, "2026-01-01T00:00");
    kit.add_override(
        OverrideKind::Add {
            people: vec![kit.p("x")],
        },
        "2026-01-02T06:00",
        "2026-01-02T07:00",
    );
    let list = shifts(
        &kit.model,
        ScheduleIdx(0),
        utc("2026-01-02T00:00:00Z"),
        utc("2026-01-02T12:00:00Z"),
    )
    .unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(
        list[0].why,
        vec![Why {
            person: kit.p("b"),
            source: Source::Turn {
                layer: 0,
                turn: 1,
                start: utc("2026-01-02T00:00:00Z"),
                end: utc("2026-01-03T00:00:00Z")
            }
        }]
    );
    assert!(list[1].why.contains(&Why {
        person: kit.p("x"),
        source: Source::Override {
            index: 0,
            kind: OverrideAction::Add
        }
    }));
    // Merged shifts keep every reason: a 1-person rotation of daily turns.
    let mut kit = Kit::new(chrono_tz::UTC, &["a"]);
    kit.layer(&[&["a"]], D, "2026-01-01T00:00");
    let list = shifts(
        &kit.model,
        ScheduleIdx(0),
        utc("2026-01-01T00:00:00Z"),
        utc("2026-01-04T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].why.len(), 3);
}

#[test]
fn on_call_at_finds_the_whole_shift() {
    let mut kit = Kit::new(chrono_tz::UTC, &["a", "b"]);
    kit.layer(&[&["a"], &["b"]], 2 * W, "2026-01-01T00:00");
    let s = on_call_at(&kit.model, ScheduleIdx(0), utc("2026-01-20T05:00:00Z"));
    assert_eq!(
        (s.start, s.end),
        (utc("2026-01-15T00:00:00Z"), utc("2026-01-29T00:00:00Z"))
    );
    assert_eq!(kit.names(&s.on_call), vec!["b"]);
    assert_eq!(
        next_change(&kit.model, ScheduleIdx(0), utc("2026-01-20T05:00:00Z")),
        Some(utc("2026-01-29T00:00:00Z"))
    );
}

#[test]
fn on_call_at_the_ends_of_time_does_not_overflow() {
    let mut kit = Kit::new(chrono_tz::UTC, &["a", "b"]);
    kit.layer(&[&["a"], &["b"]], W, "2026-01-01T00:00");
    for t in [
        i64::MIN,
        i64::MIN + 1,
        Timestamp::MIN.0,
        Timestamp::MAX.0,
        i64::MAX,
    ] {
        on_call_at(&kit.model, ScheduleIdx(0), Timestamp(t));
        next_change(&kit.model, ScheduleIdx(0), Timestamp(t));
    }
    // Before the first handoff nobody is on call; there is no next change
    // within a year.
    let s = on_call_at(&kit.model, ScheduleIdx(0), Timestamp(i64::MIN));
    assert!(s.on_call.is_empty(), "{s:?}");
    assert_eq!(
        next_change(&kit.model, ScheduleIdx(0), Timestamp(i64::MIN)),
        None
    );
}

#[test]
fn one_person_minute_rotation_is_one_shift_with_every_turn() {
    // 144 000 turns of the same person: one shift whose reasons are every
    // turn. Checking each reason against all earlier ones was quadratic.
    let mut kit = Kit::new(chrono_tz::UTC, &["a"]);
    kit.layer(&[&["a"]], 60, "2026-01-01T00:00");
    let (from, to) = (utc("2026-01-01T00:00:00Z"), utc("2026-04-11T00:00:00Z"));
    let list = shifts(&kit.model, ScheduleIdx(0), from, to).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].why.len(), 100 * 24 * 60);
    // A look a year either way holds more than INTERVAL_LIMIT turns: the
    // shift is cut where the last look that fitted ended, not lost.
    let s = on_call_at(&kit.model, ScheduleIdx(0), utc("2026-06-01T00:00:00Z"));
    assert_eq!(kit.names(&s.on_call), vec!["a"]);
    assert!(s.start < utc("2026-06-01T00:00:00Z") && s.end > utc("2026-06-01T00:00:00Z"));
}

#[test]
fn on_call_at_in_a_one_second_rotation_does_bounded_work() {
    // The same person every second: the search for the shift's ends stops
    // at its work budget instead of sweeping a million turns each way.
    let mut kit = Kit::new(chrono_tz::UTC, &["a"]);
    kit.layer(&[&["a"]], 1, "2026-01-01T00:00");
    let t = utc("2026-06-01T00:00:00Z");
    let s = on_call_at(&kit.model, ScheduleIdx(0), t);
    assert_eq!(kit.names(&s.on_call), vec!["a"]);
    assert!(s.start < t && t < s.end);
    assert!(
        s.end.0 - s.start.0 <= 2 * 50_000,
        "{} .. {}",
        s.start,
        s.end
    );
}

#[test]
fn windows_past_the_supported_years_are_clamped_everywhere() {
    let mut kit = Kit::new(chrono_tz::UTC, &["a"]);
    kit.layer(&[&["a"]], W, "2026-01-01T00:00");
    for (from, to) in [(i64::MIN, 0), (0, i64::MAX), (i64::MIN, i64::MAX)] {
        let list = shifts(&kit.model, ScheduleIdx(0), Timestamp(from), Timestamp(to));
        let list = list.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(list[0].start, Timestamp(from).max(Timestamp::MIN));
        assert_eq!(list[list.len() - 1].end, Timestamp(to).min(Timestamp::MAX));
        // Findings (the DST scan, long shifts) read the window clamped too.
        findings(&kit.model, Timestamp(from), Timestamp(to));
    }
}

#[test]
fn quality_scores_coverage_balance_and_overload() {
    let mut kit = Kit::new(chrono_tz::UTC, &["a", "b", "c"]);
    // a: 2 days, b: 1 day, c: never, a gap of 1 day, over 4 days.
    kit.layer(&[&["a"], &["b"], &["a"], &[]], D, "2026-01-01T00:00");
    kit.layer(&[&["c"]], D, "2030-01-01T00:00");
    let q = quality(
        &kit.model,
        ScheduleIdx(0),
        utc("2026-01-01T00:00:00Z"),
        utc("2026-01-05T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(q.coverage, 0.75);
    // pairs: a/b 0.5, a/c 0, b/c 0.
    assert!((q.balance - 0.5 / 3.0).abs() < 1e-12);
    assert_eq!(q.overloaded.len(), 1);
    assert_eq!(q.overloaded[0].person, kit.p("a"));
    assert_eq!(q.overloaded[0].above_average_seconds, 2 * D - D);
}

#[test]
fn findings_report_dst_moves_and_long_shifts() {
    let mut kit = Kit::new(America::New_York, &["a", "b"]);
    kit.layer(&[&["a"]], D, "2026-03-01T02:30");
    kit.layer(&[&["b"]], 4 * W, "2026-01-01T00:00").restrictions = vec![sp(Window::Daily {
        days: DaySet::ALL,
        from: hm("01:30"),
        to: hm("06:00"),
    })];
    kit.schedule().combine = Combine::Union;
    let list = findings(
        &kit.model,
        utc("2026-03-01T00:00:00Z"),
        utc("2026-12-01T00:00:00Z"),
    );
    let messages: Vec<&str> = list.iter().map(|d| d.message.as_str()).collect();
    assert!(messages.contains(&"handoff `02:30` does not exist on 2026-03-08 in `America/New_York`; it happens at 03:30"), "{messages:#?}");
    assert!(
        messages.contains(&"restriction start `01:30` happens twice on 2026-11-01 in `America/New_York`; the earlier one (UTC-04:00) is used"),
        "{messages:#?}"
    );
    assert!(
        list.iter()
            .any(|d| d.code == "long-shift" && d.message.starts_with("`a`")),
        "{messages:#?}"
    );
    assert!(list
        .iter()
        .filter(|d| d.code.starts_with("dst-"))
        .all(|d| d.severity == crate::diagnostic::Severity::Info));
}

// From a YAML document, through the evaluator.

#[test]
fn yaml_document_with_span_window_people_overrides_and_union() {
    let text = r#"
version: 1
timezone: Europe/Berlin
people: [{id: ann}, {id: bo}, {id: cy}, {id: dee}]
schedules:
  - id: s
    timezone: America/New_York
    combine: union
    layers:
      - id: weekdays
        members: [ann, [bo, cy]]
        shift: 1d
        handoff: 2026-03-06T09:00
      - id: weekend
        members: [dee]
        shift: 1w
        handoff: 2026-03-06T17:00
        restrictions: [{from: "fri 17:00", to: "mon 09:00"}]
    overrides:
      - {people: [cy], from: 2026-03-09T12:00, to: 2026-03-09T13:00}
      - {remove: dee, from: 2026-03-07T00:00Z, to: 2026-03-07T06:00Z}
"#;
    let ev = crate::Evaluator::new(text).unwrap_or_else(|d| panic!("{d:?}"));
    let tz = America::New_York;
    let out = ev
        .shifts("s", at("2026-03-06T09:00", tz), at("2026-03-09T14:00", tz))
        .unwrap();
    let rows: Vec<(String, String, Vec<String>)> = out
        .shifts
        .iter()
        .map(|s| (s.start.to_rfc3339(), s.end.to_rfc3339(), s.on_call.clone()))
        .collect();
    assert_eq!(
        rows,
        expect(&[
            ("2026-03-06T14:00:00Z", "2026-03-06T22:00:00Z", "ann"),
            ("2026-03-06T22:00:00Z", "2026-03-07T00:00:00Z", "ann,dee"),
            ("2026-03-07T00:00:00Z", "2026-03-07T06:00:00Z", "ann"),
            ("2026-03-07T06:00:00Z", "2026-03-07T14:00:00Z", "ann,dee"),
            ("2026-03-07T14:00:00Z", "2026-03-08T13:00:00Z", "bo,cy,dee"),
            // 09:00 EDT after the change is 13:00Z.
            ("2026-03-08T13:00:00Z", "2026-03-09T13:00:00Z", "ann,dee"),
            // Monday 09:00 EDT closes the weekend window.
            ("2026-03-09T13:00:00Z", "2026-03-09T16:00:00Z", "bo,cy"),
            ("2026-03-09T16:00:00Z", "2026-03-09T17:00:00Z", "cy"),
            ("2026-03-09T17:00:00Z", "2026-03-09T18:00:00Z", "bo,cy"),
        ])
    );
    // The JSON keys are SPEC section 6's plus `why`.
    let v = serde_json::to_value(&out).unwrap();
    let mut keys: Vec<&str> = v["shifts"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["end", "on_call", "start", "why"]);
    assert_eq!(v["shifts"][0]["why"][0]["layer"], "weekdays");
}

#[test]
fn absurd_inputs_neither_panic_nor_hang() {
    let mut kit = Kit::new(Pacific::Apia, &["a", "b"]);
    kit.layer(&[&["a"], &["b"]], i64::MAX, "2026-01-01T00:00");
    kit.layer(&[&["b"]], 1, "9999-12-31T23:00").restrictions = vec![sp(Window::Weekly {
        from: (Weekday::Sun, hm("24:00")),
        to: (Weekday::Sun, hm("24:00")),
    })];
    let (lo, hi) = (
        crate::time::Timestamp(i64::MIN),
        crate::time::Timestamp(i64::MAX),
    );
    let all = shifts(&kit.model, ScheduleIdx(0), lo, hi).unwrap();
    assert_eq!(all.last().map(|s| s.end), Some(crate::time::Timestamp::MAX));
    let list = shifts(
        &kit.model,
        ScheduleIdx(0),
        utc("2026-01-01T00:00:00Z"),
        utc("2027-01-01T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(kit.names(&list[list.len() - 1].on_call), vec!["a"]);
    let s = on_call_at(&kit.model, ScheduleIdx(0), hi);
    assert!(s.start <= s.end);
    let s = on_call_at(&kit.model, ScheduleIdx(0), lo);
    assert!(s.start <= s.end);
    let _ = findings(&kit.model, lo, hi);
}

#[test]
fn on_call_at_a_one_second_rotation_of_one_person_still_names_them() {
    // The shift is endless, the turns are 1 second: the search for its ends
    // stops at the interval limit, but the answer keeps the person.
    let mut kit = Kit::new(chrono_tz::UTC, &["a"]);
    kit.layer(&[&["a"]], 1, "2026-01-01T00:00");
    let t = utc("2026-06-01T00:00:00Z");
    let s = on_call_at(&kit.model, ScheduleIdx(0), t);
    assert_eq!(kit.names(&s.on_call), vec!["a"]);
    assert!(s.start < t && t < s.end);
}
