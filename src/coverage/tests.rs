use chrono_tz::Tz;
use proptest::prelude::*;

use crate::escalation::fixture::*;
use crate::escalation::{plan_with, Timelines};
use crate::model::{OnEmptyStep, PersonIdx, ScheduleIdx, SeverityIdx, Target, VendorIdx};
use crate::time::Timestamp;

use super::{coverage_with, GapKind};

fn handoff_model() -> (crate::model::Model, crate::model::PolicyIdx, Timelines) {
    let mut m = model(1);
    m.severities.push(crate::model::Severity {
        id: crate::model::Spanned::new("sev1".into(), sp()),
        ack_within: Some(crate::time::Seconds(20 * 60)),
        comms_within: None,
        span: sp(),
    });
    let s = Target::Schedule(ScheduleIdx(0));
    let p = add_policy(
        &mut m,
        "p",
        0,
        OnEmptyStep::Skip,
        vec![step(vec![s.clone()], 15), step(vec![s], 15)],
    );
    let mut t = Timelines::new(min(0), min(1000));
    // alice until 100, nobody 100..200, bob from 200.
    t.set_schedule(
        ScheduleIdx(0),
        shifts(&[(0, &[0]), (100, &[]), (200, &[1])], 1000),
    );
    (m, p, t)
}

#[test]
fn intervals_end_where_a_step_sees_a_handoff() {
    let (m, p, t) = handoff_model();
    let c = coverage_with(&m, p, Some(SeverityIdx(0)), min(0), min(400), &t, Tz::UTC)
        .unwrap_or_else(|e| panic!("{e}"));
    let ends: Vec<i64> = c.intervals.iter().map(|i| i.end.0 / 60).collect();
    // Step 2 (at +15m) leaves alice at 85; step 1 at 100; nobody until step 2 sees bob at 185
    // (then step 1 is skipped and step 2 fires at once: empty until 200), then bob everywhere.
    assert_eq!(ends, vec![85, 100, 200, 400]);
    let firsts: Vec<Option<i64>> = c.intervals.iter().map(|i| i.first_page).collect();
    assert_eq!(firsts, vec![Some(0), Some(0), None, Some(0)]);
    let within: Vec<Option<usize>> = c
        .intervals
        .iter()
        .map(|i| i.reached_within_target)
        .collect();
    assert_eq!(within, vec![Some(1), Some(1), Some(0), Some(1)]);
    let nobody: Vec<(i64, i64)> = c
        .gaps
        .iter()
        .filter(|g| g.kind == GapKind::NobodyPaged)
        .map(|g| (g.start.0 / 60, g.end.0 / 60))
        .collect();
    assert_eq!(nobody, vec![(100, 200)]);
    let sched: Vec<(i64, i64)> = c
        .gaps
        .iter()
        .filter(|g| matches!(g.kind, GapKind::ScheduleEmpty { .. }))
        .map(|g| (g.start.0 / 60, g.end.0 / 60))
        .collect();
    assert_eq!(sched, vec![(100, 200)]);
    // Step 2 pages nobody from 85 to 100 (a level gap), and every step is skipped 100..200.
    let skipped2: Vec<(i64, i64)> = c
        .gaps
        .iter()
        .filter(|g| g.kind == GapKind::LevelSkipped { pass: 1, step: 2 })
        .map(|g| (g.start.0 / 60, g.end.0 / 60))
        .collect();
    assert_eq!(skipped2, vec![(85, 200)]);
}

#[test]
fn heatmap_cells_hold_the_worst_case() {
    let (m, p, t) = handoff_model();
    let c = coverage_with(&m, p, Some(SeverityIdx(0)), min(0), min(400), &t, Tz::UTC)
        .unwrap_or_else(|e| panic!("{e}"));
    // 1970-01-01 is a Thursday; minutes 100..200 are 01:40..03:20.
    let thu = &c.heatmap.week[3];
    assert_eq!(thu[0].gap_seconds, 0);
    assert_eq!(thu[1].gap_seconds, 20 * 60);
    assert_eq!(thu[2].gap_seconds, 3600);
    assert_eq!(thu[2].fewest_reached, Some(0));
    assert_eq!(thu[2].longest_first_page, None);
    assert_eq!(thu[3].gap_seconds, 20 * 60);
    assert_eq!(thu[3].longest_first_page, Some(0));
    assert_eq!(c.heatmap.days.len(), 1);
    let total: i64 = c
        .heatmap
        .days
        .iter()
        .flat_map(|d| d.hours.iter())
        .map(|h| h.seconds)
        .sum();
    assert_eq!(total, 400 * 60);
}

#[test]
fn window_is_checked() {
    let (m, p, t) = handoff_model();
    assert_eq!(
        coverage_with(&m, p, None, min(10), min(10), &t, Tz::UTC)
            .err()
            .map(|e| e.code),
        Some("empty-window")
    );
    let far = Timestamp(800 * 86_400);
    assert_eq!(
        coverage_with(&m, p, None, min(0), far, &t, Tz::UTC)
            .err()
            .map(|e| e.code),
        Some("window-too-large")
    );
}

/// A random target: schedule, person or vendor.
fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        4 => (0u32..3).prop_map(|s| Target::Schedule(ScheduleIdx(s))),
        1 => (0u32..4).prop_map(|p| Target::Person(PersonIdx(p))),
        1 => Just(Target::Vendor(VendorIdx(0))),
        1 => Just(Target::Stakeholders("status".into())),
    ]
}

/// Random shifts over minutes 0..3000: change points and people.
fn schedule_shifts() -> impl Strategy<Value = Vec<(i64, Vec<u32>)>> {
    prop::collection::vec((1i64..3000, prop::collection::vec(0u32..4, 0..3)), 0..12).prop_map(
        |mut v| {
            v.sort_by_key(|(m, _)| *m);
            v.dedup_by_key(|(m, _)| *m);
            v.insert(0, (0, vec![0]));
            v
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// The plan at any instant is the plan of the interval holding it, and
    /// every interval end is a true change point. Every change point and delay
    /// is a whole minute, so the plan is constant within each minute and
    /// checking each minute is a complete brute-force reference.
    #[test]
    fn coverage_matches_the_plan_everywhere(
        steps in prop::collection::vec((prop::collection::vec(target(), 1..3), 0i64..40, prop::bool::weighted(0.25)), 1..4),
        repeat in 0u8..3,
        wait in any::<bool>(),
        scheds in prop::collection::vec(schedule_shifts(), 3),
        vendor_open in prop::collection::vec((0i64..3000, 1i64..300), 0..4),
        from in 0i64..500,
        len in 1i64..1500,
    ) {
        let mut m = model(3);
        add_vendor(&mut m, "v");
        let mode = if wait { OnEmptyStep::Wait } else { OnEmptyStep::Skip };
        // Some steps only wait (`{wait: d}`).
        let p = add_policy(&mut m, "p", repeat, mode, steps.into_iter().map(|(t, d, w)| if w { crate::escalation::fixture::wait(d) } else { step(t, d) }).collect());
        let mut t = Timelines::new(min(0), min(10_000));
        for (i, s) in scheds.iter().enumerate() {
            let parts: Vec<(i64, &[u32])> = s.iter().map(|(m, p)| (*m, p.as_slice())).collect();
            t.set_schedule(ScheduleIdx(i as u32), shifts(&parts, 10_000));
        }
        let mut open: Vec<(Timestamp, Timestamp)> = Vec::new();
        let mut windows = vendor_open.clone();
        windows.sort();
        for (s, l) in windows {
            let (s, e) = (min(s), min(s + l));
            match open.last_mut() {
                Some(last) if last.1 >= s => last.1 = last.1.max(e),
                _ => open.push((s, e)),
            }
        }
        t.set_vendor(VendorIdx(0), Some(open));
        let c = coverage_with(&m, p, None, min(from), min(from + len), &t, Tz::UTC).unwrap_or_else(|e| panic!("{e}"));
        // Intervals tile the window.
        prop_assert_eq!(c.intervals.first().map(|i| i.start), Some(min(from)));
        prop_assert_eq!(c.intervals.last().map(|i| i.end), Some(min(from + len)));
        // A step that only waits is never a level gap.
        for g in &c.gaps {
            if let GapKind::LevelSkipped { step, .. } = g.kind {
                prop_assert!(!m.policy(p).steps[step as usize - 1].wait, "wait step {} reported skipped", step);
            }
        }
        for w in c.intervals.windows(2) {
            prop_assert_eq!(w[0].end, w[1].start);
            // A true change point: the plans on each side differ.
            prop_assert!(!w[0].plan.same_pages(&w[1].plan));
        }
        for minute in from..from + len {
            let at = min(minute);
            let (plan, _) = plan_with(&m, p, at, &t, false);
            let holding = c.intervals.iter().find(|i| i.start <= at && at < i.end);
            prop_assert!(holding.is_some_and(|i| i.plan.same_pages(&plan)), "minute {}", minute);
            // Within the minute too (last second).
            let (late, _) = plan_with(&m, p, at.add_seconds(59), &t, false);
            prop_assert!(late.same_pages(&plan));
        }
    }
}

fn whole_window(start: Timestamp, end: Timestamp) -> super::Interval {
    let plan = crate::escalation::Plan {
        policy: crate::model::PolicyIdx(0),
        at: start,
        pages: vec![],
        levels: vec![],
        exhausted_after: 0,
    };
    super::Interval {
        start,
        end,
        first_page: Some(60),
        reached_within_target: None,
        reached_total: 2,
        plan,
    }
}

#[test]
fn heatmap_hours_follow_dst_in_the_display_zone() {
    let berlin: Tz = chrono_tz::Europe::Berlin;
    // 2026-03-29 00:00 CET (23:00Z the day before) to 2026-03-30 00:00 CEST (22:00Z): a 23-hour day.
    let spring = whole_window(Timestamp(1_774_738_800), Timestamp(1_774_821_600));
    let map = super::heatmap::heatmap(&[spring], berlin);
    assert_eq!(map.days.len(), 1);
    let day = &map.days[0];
    assert_eq!(day.date.to_string(), "2026-03-29");
    assert_eq!(day.hours[2].seconds, 0, "02:00-03:00 does not exist");
    assert_eq!(day.hours[1].seconds, 3600);
    assert_eq!(day.hours[3].seconds, 3600);
    assert_eq!(day.hours.iter().map(|h| h.seconds).sum::<i64>(), 23 * 3600);
    assert_eq!(map.week[6][3].longest_first_page, Some(60), "a Sunday");
    // 2026-10-25 00:00 CEST to 2026-10-26 00:00 CET: a 25-hour day.
    let autumn = whole_window(Timestamp(1_792_879_200), Timestamp(1_792_969_200));
    let map = super::heatmap::heatmap(&[autumn], berlin);
    assert_eq!(map.days.len(), 1);
    assert_eq!(
        map.days[0].hours[2].seconds, 7200,
        "02:00-03:00 happens twice"
    );
    assert_eq!(
        map.days[0].hours.iter().map(|h| h.seconds).sum::<i64>(),
        25 * 3600
    );
}

#[test]
fn heatmap_handles_half_hour_zones() {
    let kolkata: Tz = chrono_tz::Asia::Kolkata;
    // 1970-01-01T00:00Z is 05:30 local: the first piece is 30 minutes of hour 5.
    let map = super::heatmap::heatmap(&[whole_window(Timestamp(0), Timestamp(7200))], kolkata);
    let hours: Vec<i64> = map.days[0].hours.iter().map(|h| h.seconds).collect();
    assert_eq!(&hours[5..8], &[1800, 3600, 1800]);
}

#[test]
fn windows_outside_the_supported_years_are_query_errors() {
    for (from, to) in [(i64::MIN, 0), (0, i64::MAX), (i64::MAX - 60, i64::MAX)] {
        let e = super::check_window(Timestamp(from), Timestamp(to)).unwrap_err();
        assert_eq!(e.code, "instant-out-of-range");
    }
    assert!(super::check_window(Timestamp(Timestamp::MAX.0 - 60), Timestamp::MAX).is_ok());
}

#[test]
fn a_wait_step_is_not_a_gap_and_delays_the_first_page() {
    // {wait: 5m}, then the schedule (alice until 100, nobody, bob from 200).
    let (mut m, _, t) = handoff_model();
    let s = Target::Schedule(ScheduleIdx(0));
    let p = add_policy(
        &mut m,
        "w",
        0,
        OnEmptyStep::Skip,
        vec![crate::escalation::fixture::wait(5), step(vec![s], 15)],
    );
    let c = coverage_with(&m, p, Some(SeverityIdx(0)), min(0), min(300), &t, Tz::UTC)
        .unwrap_or_else(|e| panic!("{e}"));
    // The step fires 5 minutes after the incident opens: it sees nobody
    // from 95 (the gap) and bob from 195.
    let rows: Vec<(i64, i64, Option<i64>)> = c
        .intervals
        .iter()
        .map(|i| (i.start.0 / 60, i.end.0 / 60, i.first_page.map(|f| f / 60)))
        .collect();
    assert_eq!(
        rows,
        vec![(0, 95, Some(5)), (95, 195, None), (195, 300, Some(5))]
    );
    // The only level gap is the schedule's step (2) while it is empty; the
    // wait (step 1) never is one.
    let skipped: Vec<(u32, i64, i64)> = c
        .gaps
        .iter()
        .filter_map(|g| match g.kind {
            GapKind::LevelSkipped { step, .. } => Some((step, g.start.0 / 60, g.end.0 / 60)),
            _ => None,
        })
        .collect();
    assert_eq!(skipped, vec![(2, 95, 195)]);
}

#[test]
fn coverage_of_next_and_previous_turns_is_exact_across_a_dst_change() {
    let (model, d) = crate::model::read::read(
        crate::document::parse(
            r#"version: 1
timezone: Europe/Berlin
people: [{id: ann}, {id: bo}, {id: cy}]
schedules:
  - id: s
    layers:
      - {id: hourly, members: [ann, bo, cy], shift: 90m, handoff: 2026-03-28T20:15}
      - {id: back, members: [cy, ann], shift: 2h, handoff: 2026-03-29T05:00, before_handoff: rotate, until: 2026-03-29T04:00}
policies:
  - id: p
    steps:
      - notify: [{schedule: s, turn: next}]
        escalate_after: 10m
      - {wait: 7m}
      - notify: [{schedule: s, turn: previous}]
        escalate_after: 10m
"#,
        )
        .root
        .as_ref(),
    );
    let m = model.unwrap_or_else(|| panic!("{d:#?}"));
    let p = m.policy_by_id("p").unwrap();
    let (from, to) = (
        crate::time::parse_instant("2026-03-28T19:00", chrono_tz::Europe::Berlin).unwrap(),
        crate::time::parse_instant("2026-03-29T07:00", chrono_tz::Europe::Berlin).unwrap(),
    );
    let c = super::coverage(&m, p, None, from, to, Tz::UTC).unwrap_or_else(|e| panic!("{e}"));
    for w in c.intervals.windows(2) {
        assert!(
            !w[0].plan.same_pages(&w[1].plan),
            "no change at {}",
            w[0].end
        );
    }
    // Every minute's plan is its interval's.
    let mut t = from;
    while t < to {
        let plan = crate::escalation::plan(&m, p, t);
        let holding = c.intervals.iter().find(|i| i.start <= t && t < i.end);
        assert!(holding.is_some_and(|i| i.plan.same_pages(&plan)), "at {t}");
        t = t.add_seconds(60);
    }
    // The hourly layer hands off every 90 minutes on the wall clock (the
    // 02:15 handoff does not exist: 03:15): the next turn seen by step 1
    // changes exactly there.
    let ends: Vec<String> = c.intervals.iter().map(|i| i.end.to_rfc3339()).collect();
    assert!(
        ends.contains(&"2026-03-29T01:15:00Z".to_string()),
        "{ends:?}"
    );
}
