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

#[test]
fn wait_steps_delay_the_next_step_and_are_not_skipped() {
    // {wait: 5m}, schedule (empty), person bob, {wait: 0m}; under both
    // `skip` and `wait` a wait step waits and is never a skipped level.
    for (mode, bob_after) in [(OnEmptyStep::Skip, 5), (OnEmptyStep::Wait, 15)] {
        let mut m = model(1);
        let p = add_policy(
            &mut m,
            "p",
            1,
            mode,
            vec![
                wait(5),
                step(vec![Target::Schedule(ScheduleIdx(0))], 10),
                step(vec![Target::Person(PersonIdx(B))], 20),
                wait(0),
            ],
        );
        let t = timelines(vec![shifts(&[(0, &[])], 100_000)]);
        let (plan, _) = plan_with(&m, p, min(0), &t, true);
        let pass2 = bob_after + 20 + 5;
        assert_eq!(
            pages(&plan),
            vec![
                (bob_after, 1, 3, vec![B], vec![]),
                (pass2 + bob_after - 5, 2, 3, vec![B], vec![]),
            ],
            "{mode:?}"
        );
        let levels: Vec<(i64, u32, u32, bool, bool)> = plan
            .levels
            .iter()
            .map(|l| (l.after / 60, l.pass, l.step, l.paged, l.wait))
            .collect();
        let second = bob_after - 5;
        assert_eq!(
            levels,
            vec![
                (0, 1, 1, false, true),
                (5, 1, 2, false, false),
                (bob_after, 1, 3, true, false),
                (bob_after + 20, 1, 4, false, true),
                (bob_after + 20, 2, 1, false, true),
                (bob_after + 25, 2, 2, false, false),
                (bob_after + 25 + second, 2, 3, true, false),
                (bob_after + 45 + second, 2, 4, false, true),
            ],
            "{mode:?}"
        );
        // Only the empty schedule's step is a skipped level, once per pass.
        let skipped: Vec<(u32, u32)> = plan.skipped().map(|l| (l.pass, l.step)).collect();
        assert_eq!(skipped, vec![(1, 2), (2, 2)]);
        assert_eq!(plan.exhausted_after, (bob_after + 45 + second) * 60);
    }
}

#[test]
fn a_policy_of_waits_only_pages_nobody_and_is_exhausted_when_they_are_done() {
    let mut m = model(0);
    let p = add_policy(&mut m, "p", 2, OnEmptyStep::Skip, vec![wait(5), wait(10)]);
    let (plan, stable) = plan_with(&m, p, min(0), &timelines(vec![]), true);
    assert!(plan.pages.is_empty());
    assert_eq!(plan.skipped().count(), 0);
    assert_eq!(plan.levels.len(), 6);
    assert_eq!(plan.exhausted_after, 3 * 15 * 60);
    assert_eq!(stable, i64::MAX);
}

// E5: `turn: next|previous`.

/// A weekly rotation in Berlin (alice, bob, carol; first handoff Monday
/// 2026-03-02 09:00) and a policy paging its current, next and previous
/// turns 30 minutes apart.
const TURNS: &str = r#"
version: 1
timezone: Europe/Berlin
people: [{id: alice}, {id: bob}, {id: carol}, {id: dan}]
schedules:
  - id: s
    layers:
      - id: weekly
        members: [alice, bob, carol]
        shift: 1w
        handoff: 2026-03-02T09:00
        from: 2026-02-23T09:00
        restrictions: [{days: [mon, tue, wed, thu, fri], from: "09:00", to: "17:00"}]
    overrides:
      - {person: dan, from: 2026-03-09T00:00, to: 2026-03-10T00:00}
policies:
  - id: p
    steps:
      - notify: [{schedule: s}]
        escalate_after: 30m
      - notify: [{schedule: s, turn: next}]
        escalate_after: 30m
      - notify: [{schedule: s, turn: previous}]
        escalate_after: 30m
"#;

fn read(text: &str) -> crate::model::Model {
    let (model, d) = crate::model::read::read(crate::document::parse(text).root.as_ref());
    model.unwrap_or_else(|| panic!("{d:#?}"))
}

fn berlin(text: &str) -> Timestamp {
    crate::time::parse_instant(text, chrono_tz::Europe::Berlin).unwrap()
}

/// `(minutes after, step, people ids, explanations in words)` of a plan.
fn named(m: &crate::model::Model, plan: &super::Plan) -> Vec<(i64, u32, Vec<String>, Vec<String>)> {
    plan.pages
        .iter()
        .map(|p| {
            let out = crate::output::plan::Page::new(m, plan, p);
            (
                p.after / 60,
                p.step,
                out.people.clone(),
                out.why.iter().filter_map(|w| w.detail.clone()).collect(),
            )
        })
        .collect()
}

#[test]
fn next_turn_is_read_when_the_step_fires_across_a_handoff() {
    let m = read(TURNS);
    let p = m.policy_by_id("p").unwrap();
    // 08:40 on Monday 2026-03-09: alice's turn (0) ends at 09:00. Step 1
    // sees dan (the override replaces everyone); step 2 fires at 09:10,
    // after the handoff: bob's turn (1) holds, its next is carol's (2);
    // step 3 at 09:40: the previous turn is alice's (0). Neither the
    // override nor the restriction (closed before 09:00) changes turns.
    let plan = super::plan(&m, p, berlin("2026-03-09T08:40"));
    assert_eq!(
        named(&m, &plan),
        vec![
            (
                0,
                1,
                vec!["dan".to_string()],
                vec!["override 1 (replace)".to_string()]
            ),
            (
                30,
                2,
                vec!["carol".to_string()],
                vec!["next turn of layer `weekly` (turn 2)".to_string()]
            ),
            (
                60,
                3,
                vec!["alice".to_string()],
                vec!["previous turn of layer `weekly` (turn 0)".to_string()]
            ),
        ]
    );
    // The same incident 30 minutes earlier: step 2 fires at 08:40, before
    // the handoff: the next turn is bob's (1).
    let plan = super::plan(&m, p, berlin("2026-03-09T08:10"));
    assert_eq!(plan.pages[1].step, 2);
    assert_eq!(named(&m, &plan)[1].2, vec!["bob".to_string()]);
    assert_eq!(
        named(&m, &plan)[1].3,
        vec!["next turn of layer `weekly` (turn 1)".to_string()]
    );
    let json = crate::output::plan::PlanOutput::new(&m, &plan, true);
    let why = &json.plan[1].why[0];
    assert_eq!((why.via, why.turn), ("schedule", Some("next")));
    assert_eq!(
        serde_json::to_value(&why.on_call[0]).unwrap(),
        serde_json::json!({"person": "bob", "layer": "weekly", "turn": 1,
            "turn_start": "2026-03-09T08:00:00Z", "turn_end": "2026-03-16T08:00:00Z"})
    );
}

#[test]
fn before_the_first_handoff_next_is_turn_zero_and_previous_is_nobody() {
    let m = read(TURNS);
    let p = m.policy_by_id("p").unwrap();
    // Wednesday 2026-02-25 10:00: within `from` but before the first
    // handoff: nobody is on call (step 1 is skipped, step 2 fires at
    // once), the next turn is alice's (0), and there is no previous one.
    let plan = super::plan(&m, p, berlin("2026-02-25T10:00"));
    assert_eq!(
        named(&m, &plan),
        vec![(
            0,
            2,
            vec!["alice".to_string()],
            vec!["next turn of layer `weekly` (turn 0)".to_string()]
        )]
    );
    let skipped: Vec<u32> = plan.skipped().map(|l| l.step).collect();
    assert_eq!(skipped, vec![1, 3]);
    // Before `from` the layer is not active: nobody at all.
    let plan = super::plan(&m, p, berlin("2026-02-20T10:00"));
    assert!(plan.pages.is_empty());
    // With `before_handoff: rotate` the previous turn of turn 0 is turn -1,
    // the last member.
    let rotate = read(&TURNS.replace(
        "        from: 2026-02-23T09:00\n",
        "        before_handoff: rotate\n",
    ));
    let plan = super::plan(&rotate, p, berlin("2026-03-02T10:00"));
    let rows = named(&rotate, &plan);
    assert_eq!(rows[2].2, vec!["carol".to_string()]);
    assert_eq!(
        rows[2].3,
        vec!["previous turn of layer `weekly` (turn -1)".to_string()]
    );
}

#[test]
fn next_turn_of_the_union_of_layers_is_sorted_and_stable_until_a_handoff() {
    let m = read(
        r#"version: 1
timezone: UTC
people: [{id: ann}, {id: bo}, {id: cy}]
schedules:
  - id: s
    combine: top
    layers:
      - {id: daily, members: [cy, ann], shift: 1d, handoff: 2026-01-01T00:00}
      - {id: hourly, members: [bo, ann, cy], shift: 1h, handoff: 2026-01-01T00:00, until: 2026-01-03}
policies:
  - id: p
    steps:
      - notify: [{schedule: s, turn: next}]
        escalate_after: 5m
"#,
    );
    let p = m.policy_by_id("p").unwrap();
    let at = crate::time::parse_instant("2026-01-01T10:20:00Z", chrono_tz::UTC).unwrap();
    let t = Timelines::new(at, at.add_seconds(1));
    let (plan, stable) = plan_with(&m, p, at, &t, true);
    // Daily turn 0 (cy): next is ann; hourly turn 10: next is turn 11, cy.
    // The union of both layers, whatever `combine` says, sorted by id.
    assert_eq!(
        named(&m, &plan)[0].2,
        vec!["ann".to_string(), "cy".to_string()]
    );
    assert_eq!(plan.pages[0].why.len(), 2);
    // The next change is the hourly handoff at 11:00.
    assert_eq!(stable, 40 * 60);
    // After the hourly layer's `until`, only the daily one counts: turn 2
    // (cy), next turn 3 (ann), until the handoff at midnight.
    let late = crate::time::parse_instant("2026-01-03T10:00:00Z", chrono_tz::UTC).unwrap();
    let (plan, stable) = plan_with(&m, p, late, &t, true);
    assert_eq!(named(&m, &plan)[0].2, vec!["ann".to_string()]);
    assert_eq!(stable, 14 * 3600);
}
