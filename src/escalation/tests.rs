use crate::model::{OnEmptyStep, PersonIdx, ScheduleIdx, Target, VendorIdx};
use crate::time::Timestamp;

use super::fixture::*;
use super::{plan_with, Timelines};

const A: u32 = 0;
const B: u32 = 1;
const C: u32 = 2;

/// `(minutes after, pass, step, people, vendors)`.
type Row = (i64, u32, u32, Vec<u32>, Vec<u32>);

fn pages(plan: &super::Plan) -> Vec<Row> {
    plan.pages
        .iter()
        .map(|p| {
            (
                p.after / 60,
                p.pass,
                p.step,
                p.people.iter().map(|x| x.0).collect(),
                p.vendors.iter().map(|x| x.0).collect(),
            )
        })
        .collect()
}

fn timelines(per_schedule: Vec<Vec<crate::schedule::Shift>>) -> Timelines {
    let mut t = Timelines::new(min(0), min(100_000));
    for (i, s) in per_schedule.into_iter().enumerate() {
        t.set_schedule(ScheduleIdx(i as u32), s);
    }
    t
}

#[test]
fn empty_first_level_is_skipped_or_waited() {
    for (mode, second_after) in [(OnEmptyStep::Skip, 0), (OnEmptyStep::Wait, 10)] {
        let mut m = model(2);
        let p = add_policy(
            &mut m,
            "p",
            0,
            mode,
            vec![
                step(vec![Target::Schedule(ScheduleIdx(0))], 10),
                step(vec![Target::Schedule(ScheduleIdx(1))], 20),
            ],
        );
        let t = timelines(vec![shifts(&[(0, &[])], 1000), shifts(&[(0, &[B])], 1000)]);
        let (plan, _) = plan_with(&m, p, min(5), &t, true);
        assert_eq!(
            pages(&plan),
            vec![(second_after, 1, 2, vec![B], vec![])],
            "{mode:?}"
        );
        assert_eq!(plan.skipped().count(), 1);
        assert_eq!(plan.exhausted_after, (second_after + 20) * 60);
    }
}

#[test]
fn repeat_passes_follow_the_steps_timing() {
    let mut m = model(1);
    let p = add_policy(
        &mut m,
        "p",
        2,
        OnEmptyStep::Skip,
        vec![
            step(vec![Target::Person(PersonIdx(A))], 5),
            step(vec![Target::Person(PersonIdx(B))], 15),
        ],
    );
    let (plan, stable) = plan_with(&m, p, min(0), &timelines(vec![]), false);
    assert_eq!(
        pages(&plan),
        vec![
            (0, 1, 1, vec![A], vec![]),
            (5, 1, 2, vec![B], vec![]),
            (20, 2, 1, vec![A], vec![]),
            (25, 2, 2, vec![B], vec![]),
            (40, 3, 1, vec![A], vec![]),
            (45, 3, 2, vec![B], vec![]),
        ]
    );
    assert_eq!(plan.exhausted_after, 60 * 60);
    assert_eq!(stable, i64::MAX, "direct people never change");
}

#[test]
fn vendor_outside_support_hours_is_skipped() {
    let mut m = model(1);
    let v = add_vendor(&mut m, "psp");
    let p = add_policy(
        &mut m,
        "p",
        0,
        OnEmptyStep::Skip,
        vec![
            step(vec![Target::Vendor(v)], 30),
            step(vec![Target::Person(PersonIdx(C))], 10),
        ],
    );
    let mut t = timelines(vec![]);
    // Open 09:00-17:00 on day 0 only.
    t.set_vendor(v, Some(vec![(min(9 * 60), min(17 * 60))]));
    let (closed, stable) = plan_with(&m, p, min(8 * 60), &t, false);
    assert_eq!(pages(&closed), vec![(0, 1, 2, vec![C], vec![])]);
    assert_eq!(
        closed.levels.first().map(|l| l.vendors_closed.clone()),
        Some(vec![VendorIdx(0)])
    );
    assert_eq!(stable, 60 * 60, "the vendor opens at 09:00");
    let (open, stable) = plan_with(&m, p, min(9 * 60), &t, false);
    assert_eq!(
        pages(&open),
        vec![(0, 1, 1, vec![], vec![0]), (30, 1, 2, vec![C], vec![])]
    );
    assert_eq!(stable, 8 * 60 * 60);
}

#[test]
fn second_step_sees_the_handoff() {
    let mut m = model(1);
    let s = Target::Schedule(ScheduleIdx(0));
    let p = add_policy(
        &mut m,
        "p",
        0,
        OnEmptyStep::Skip,
        vec![step(vec![s.clone()], 15), step(vec![s], 15)],
    );
    // alice until minute 100, then bob.
    let t = timelines(vec![shifts(&[(0, &[A]), (100, &[B])], 1000)]);
    let (plan, stable) = plan_with(&m, p, min(90), &t, false);
    assert_eq!(
        pages(&plan),
        vec![(0, 1, 1, vec![A], vec![]), (15, 1, 2, vec![B], vec![])]
    );
    assert_eq!(stable, 10 * 60, "step 1 changes at minute 100");
    let (plan, _) = plan_with(&m, p, min(80), &t, false);
    assert_eq!(
        pages(&plan),
        vec![(0, 1, 1, vec![A], vec![]), (15, 1, 2, vec![A], vec![])]
    );
}

#[test]
fn stakeholder_only_step_counts_as_empty() {
    let mut m = model(1);
    let p = add_policy(
        &mut m,
        "p",
        0,
        OnEmptyStep::Skip,
        vec![
            step(vec![Target::Stakeholders("status-page".into())], 10),
            step(vec![Target::Person(PersonIdx(A))], 10),
        ],
    );
    let (plan, _) = plan_with(&m, p, min(0), &timelines(vec![]), false);
    assert_eq!(pages(&plan), vec![(0, 1, 2, vec![A], vec![])]);
    assert_eq!(
        plan.levels.first().map(|l| l.stakeholders.clone()),
        Some(vec!["status-page".to_string()])
    );
}

#[test]
fn exhaustion_when_last_step_skipped_and_when_all_empty() {
    let mut m = model(1);
    let s = Target::Schedule(ScheduleIdx(0));
    let p = add_policy(
        &mut m,
        "p",
        0,
        OnEmptyStep::Skip,
        vec![
            step(vec![Target::Person(PersonIdx(A))], 10),
            step(vec![s], 20),
        ],
    );
    let t = timelines(vec![shifts(&[(0, &[])], 1000)]);
    let (plan, _) = plan_with(&m, p, min(0), &t, false);
    assert_eq!(
        plan.exhausted_after,
        10 * 60,
        "exhausted when the skipped last step fires"
    );
    let q = add_policy(
        &mut m,
        "q",
        3,
        OnEmptyStep::Wait,
        vec![step(vec![Target::Schedule(ScheduleIdx(0))], 10)],
    );
    let (plan, _) = plan_with(&m, q, min(0), &t, false);
    assert!(plan.pages.is_empty());
    assert_eq!(plan.exhausted_after, 0);
    assert_eq!(plan.levels.len(), 4);
}

#[test]
fn people_are_deduplicated_and_sorted_by_id() {
    let mut m = model(1);
    // Person ids are not in index order: rename alice to zed.
    if let Some(p) = m.people.get_mut(0) {
        p.id.value = "zed".into();
    }
    let p = add_policy(
        &mut m,
        "p",
        0,
        OnEmptyStep::Skip,
        vec![step(
            vec![
                Target::Person(PersonIdx(A)),
                Target::Schedule(ScheduleIdx(0)),
                Target::Person(PersonIdx(B)),
            ],
            10,
        )],
    );
    let t = timelines(vec![shifts(&[(0, &[A, C])], 1000)]);
    let (plan, _) = plan_with(&m, p, min(0), &t, true);
    assert_eq!(pages(&plan), vec![(0, 1, 1, vec![B, C, A], vec![])]);
    assert_eq!(plan.pages.first().map(|p| p.why.len()), Some(4));
    let _ = Timestamp(0);
}

#[test]
fn plans_and_incidents_outside_the_supported_years_are_query_errors() {
    use crate::evaluator::PolicyChoice;
    let doc = "version: 1\ntimezone: UTC\npeople: [{id: ann}]\n\
        policies: [{id: p, steps: [{notify: [{person: ann}], escalate_after: 5m}]}]\n";
    let ev = crate::Evaluator::new(doc).unwrap_or_else(|d| panic!("{d:?}"));
    let choice = PolicyChoice::Policy {
        policy: "p".into(),
        severity: None,
    };
    for at in [
        i64::MIN,
        Timestamp::MIN.0 - 1,
        Timestamp::MAX.0 + 1,
        i64::MAX,
    ] {
        let e = ev.plan(&choice, Timestamp(at)).unwrap_err();
        assert_eq!(e.code, "instant-out-of-range");
        assert_eq!(
            ev.incident(&choice, Timestamp(at)).unwrap_err().code,
            "instant-out-of-range"
        );
    }
    assert!(ev.plan(&choice, Timestamp::MAX).is_ok());
}
