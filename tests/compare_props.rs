//! Properties of `escalator compare` on generated documents (the generator
//! of `tests/fuzzing/`):
//!
//! - a document compared with itself reports no difference at all;
//! - a copy with one override added (a replacement by one person) reports
//!   exactly the override's interval where the on-call set really changes
//!   (checked against the schedule engine's own shifts, and its on-call
//!   answer at both ends of at most [`CHECKED_ON_CALL`] intervals spread
//!   over the list), no other schedule, and route changes
//!   only where the override can reach; and at random incident start times
//!   the plans differ exactly inside the reported intervals (a slow
//!   reference: each plan computed on its own, straight from the model).
//!   The reference checks both ends of at most [`CHECKED_CHANGES`] route
//!   changes per policy (the first, the last and some evenly spread
//!   between; typical documents have fewer, all checked), plus every probe.
//!
//! The cases are the same on every run (a fixed seed), so the test's cost
//! in CI is known. Other cases: `PROPTEST_RNG_SEED=7`; more:
//! `PROPTEST_CASES=500 cargo test --release --test compare_props`.

mod fuzzing;

use escalator::compare::{compare, Kind, Options};
use escalator::diagnostic::Span;
use escalator::escalation::plan::max_offset;
use escalator::escalation::{plan, Plan};
use escalator::model::{
    Model, Override, OverrideKind, PersonIdx, PolicyIdx, ScheduleIdx, Spanned, Target,
};
use escalator::schedule::{on_call_at, shifts};
use escalator::time::{DateTimeSpec, Timestamp};
use escalator::Evaluator;
use fuzzing::{document, mutate, window_of, Choices};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

/// 2026-01-01T00:00:00Z: the generated documents' handoffs cluster in 2026.
const BASE: i64 = 1_767_225_600;
const DAY: i64 = 86_400;

/// The seed of the cases, unless `PROPTEST_RNG_SEED` gives another.
const SEED: u64 = 20_260_101;

/// At most this many on-call changes are checked against the schedule
/// engine's on-call answer (all of them are checked against its shifts).
const CHECKED_ON_CALL: usize = 16;

/// At most this many route changes per policy are checked against the
/// slow reference (each check computes four plans from the model).
const CHECKED_CHANGES: usize = 6;

fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    let defaults = ProptestConfig::default();
    let rng_seed = match defaults.rng_seed {
        RngSeed::Random => RngSeed::Fixed(SEED),
        fixed => fixed,
    };
    ProptestConfig {
        cases,
        failure_persistence: None,
        rng_seed,
        ..defaults
    }
}

/// At most `n` of `list`, spread evenly: all when there are few, else the
/// first, the last and evenly spaced ones between.
fn spread<T>(list: &[T], n: usize) -> impl Iterator<Item = &T> {
    let len = list.len();
    let picks = len.min(n);
    (0..picks).filter_map(move |k| {
        let i = if picks < 2 {
            0
        } else {
            k * (len - 1) / (picks - 1)
        };
        list.get(i)
    })
}

/// A plan as the people and vendors (by id) paged at each offset.
fn pages(model: &Model, plan: &Plan) -> Vec<(i64, Vec<String>, Vec<String>)> {
    plan.pages
        .iter()
        .map(|p| {
            let mut people: Vec<String> = p
                .people
                .iter()
                .map(|x| model.person(*x).id.value.clone())
                .collect();
            people.sort();
            let vendors = p
                .vendors
                .iter()
                .map(|v| model.vendor(*v).id.value.clone())
                .collect();
            (p.after, people, vendors)
        })
        .collect()
}

/// Whether OLD and NEW (same ids) page differently for an incident at `at`.
fn plans_differ(old: &Model, new: &Model, policy: PolicyIdx, at: Timestamp) -> bool {
    pages(old, &plan(old, policy, at)) != pages(new, &plan(new, policy, at))
}

/// Merges sorted touching intervals.
fn merged(mut list: Vec<(Timestamp, Timestamp)>) -> Vec<(Timestamp, Timestamp)> {
    list.sort();
    let mut out: Vec<(Timestamp, Timestamp)> = Vec::new();
    for (s, e) in list {
        match out.last_mut() {
            Some(last) if last.1 >= s => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// The generator's choices: mostly small (plain, valid options), sometimes
/// any; the second choice (the number of schedules) is at least one.
fn choices() -> impl Strategy<Value = Vec<u32>> {
    prop::collection::vec(prop_oneof![4 => 0u32..6, 1 => any::<u32>()], 2..300).prop_map(
        |mut list| {
            with_schedules(&mut list);
            list
        },
    )
}

fn with_schedules(list: &mut [u32]) {
    if let Some(n) = list.get_mut(1) {
        *n = 1 + *n % 3;
    }
}

/// The same choices from a seed, for the vacuity check.
fn seeded(state: &mut u64) -> Vec<u32> {
    let mut list = (0..300)
        .map(|_| {
            *state ^= *state << 13;
            *state ^= *state >> 7;
            *state ^= *state << 17;
            let raw = (*state >> 32) as u32;
            if raw % 5 == 0 {
                raw
            } else {
                raw % 6
            }
        })
        .collect::<Vec<u32>>();
    with_schedules(&mut list);
    list
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn a_document_compared_with_itself_is_identical(
        list in choices(),
        start in 0i64..400,
        days in 1i64..30,
    ) {
        let text = document(&mut Choices::new(&list));
        let (Ok(a), Ok(b)) = (Evaluator::new(&text), Evaluator::new(&text)) else {
            return Ok(());
        };
        let from = Timestamp(BASE + start * DAY - 3 * 3600);
        let options = Options::new(from, from.add_seconds(days * DAY), a.model().timezone);
        let (Ok(c), Ok(d)) = (
            compare(a.model(), b.model(), &options),
            compare(a.model(), a.model(), &options),
        ) else {
            return Ok(());
        };
        prop_assert!(c.identical(), "{:?}\n{}", c.summary, text);
        prop_assert!(d.identical() && d.equivalent());
        prop_assert!(c.matching.unmatched().is_empty());
    }

    #[test]
    fn one_override_added_reports_exactly_its_interval(
        list in choices(),
        start in 0i64..360,
        days in 1i64..15,
        which in any::<prop::sample::Index>(),
        who in any::<prop::sample::Index>(),
        offset in -2 * DAY..15 * DAY,
        length in 1i64..5 * DAY,
        probes in prop::collection::vec(0.0f64..1.0, 8),
    ) {
        let text = document(&mut Choices::new(&list));
        let Ok(ev) = Evaluator::new(&text) else { return Ok(()) };
        let old = ev.model();
        if old.schedules.is_empty() || old.people.is_empty() {
            return Ok(());
        }
        let schedule = ScheduleIdx(which.index(old.schedules.len()) as u32);
        let person = PersonIdx(who.index(old.people.len()) as u32);
        let from = Timestamp(BASE + start * DAY + 1234);
        let to = from.add_seconds(days * DAY);
        let (o_from, o_to) = (from.add_seconds(offset), from.add_seconds(offset + length));
        let mut new = old.clone();
        new.schedules[schedule.index()].overrides.push(Override {
            kind: OverrideKind::Replace { people: vec![person] },
            from: Spanned::new(DateTimeSpec::Absolute(o_from), Span::default()),
            to: Spanned::new(DateTimeSpec::Absolute(o_to), Span::default()),
            source: None,
            span: Span::default(),
        });
        let options = Options::new(from, to, old.timezone);
        let Ok(c) = compare(old, &new, &options) else { return Ok(()) };
        prop_assert!(c.matching.unmatched().is_empty());

        // The schedule: exactly where OLD's set is not the override's person.
        let (a, b) = (o_from.max(from), o_to.min(to));
        // (A disabled schedule has nobody on call, overrides or not.)
        let enabled = old.schedule(schedule).is_enabled();
        let expected: Vec<(Timestamp, Timestamp)> = if a < b && enabled {
            let Ok(list) = shifts(old, schedule, a, b) else { return Ok(()) };
            merged(
                list.into_iter()
                    .filter(|s| s.on_call != [person])
                    .map(|s| (s.start, s.end))
                    .collect(),
            )
        } else {
            Vec::new()
        };
        // (The changes themselves also split where OLD's set changes.)
        let got = merged(
            c.schedules
                .iter()
                .filter(|s| s.old == schedule)
                .flat_map(|s| s.on_call.iter().map(|x| (x.start, x.end)))
                .collect(),
        );
        prop_assert_eq!(&got, &expected, "{}", text);
        for s in &c.schedules {
            prop_assert_eq!(s.old, schedule, "another schedule differs\n{}", text);
            for h in &s.handoffs {
                prop_assert!(o_from <= h.old_at && h.old_at <= o_to && o_from <= h.new_at && h.new_at <= o_to);
            }
            for x in spread(&s.on_call, CHECKED_ON_CALL) {
                // Straight from the schedule engine, at both ends.
                for t in [x.start, x.end.add_seconds(-1)] {
                    prop_assert_eq!(&on_call_at(&new, schedule, t).on_call, &vec![person], "at {}\n{}", t, text);
                    prop_assert!(on_call_at(old, schedule, t).on_call != [person], "at {}\n{}", t, text);
                }
            }
        }

        // Routes: only policies notifying the schedule, only where the
        // override can reach, and the plans differ exactly inside the changes.
        for pi in 0..old.policies.len() {
            let policy = PolicyIdx(pi as u32);
            let notifies = old.policy(policy).steps.iter().any(|s| {
                s.targets.iter().any(|t| t.value == Target::Schedule(schedule))
            });
            let changes = merged(
                c.routes
                    .iter()
                    .filter(|r| r.old_policy == Some(policy))
                    .flat_map(|r| r.changes.iter().map(|x| (x.start, x.end)))
                    .collect(),
            );
            if !notifies {
                prop_assert!(changes.is_empty(), "policy {} changed\n{}", pi, text);
                continue;
            }
            let reach = max_offset(old, policy);
            for (s, e) in &changes {
                prop_assert!(o_from.add_seconds(-reach) <= *s && *e <= o_to, "{} {} {}", s, e, text);
            }
            for (s, e) in spread(&changes, CHECKED_CHANGES) {
                prop_assert!(plans_differ(old, &new, policy, *s), "start {}\n{}", s, text);
                prop_assert!(plans_differ(old, &new, policy, e.add_seconds(-1)), "end {}\n{}", e, text);
            }
            for p in &probes {
                let t = Timestamp(from.0 + ((to.0 - from.0) as f64 * p) as i64);
                let inside = changes.iter().any(|(s, e)| *s <= t && t < *e);
                prop_assert_eq!(plans_differ(old, &new, policy, t), inside, "at {}\n{}", t, text);
            }
        }
        // Findings differ only about what the override touches: its
        // person, the schedule, the policies that notify it, the services
        // that route them (or the document, where the override has no text).
        let touched_policies: Vec<&str> = old
            .policies
            .iter()
            .filter(|p| p.steps.iter().any(|s| s.targets.iter().any(|t| t.value == Target::Schedule(schedule))))
            .map(|p| p.id.value.as_str())
            .collect();
        for f in &c.findings {
            let id = f.object.id.as_str();
            let touched = match f.object.kind {
                "person" => id == old.person(person).id.value,
                "schedule" => id == old.schedule(schedule).id.value,
                "policy" => touched_policies.contains(&id),
                "service" | "severity" | "document" => true,
                _ => false,
            };
            prop_assert!(touched, "{:?}\n{}", f, text);
        }
        for (kind, _) in c.counts() {
            prop_assert!(kind != Kind::Unmatched);
        }
    }
}

const EXAMPLES: [&str; 4] = [
    include_str!("../examples/startup-follow-the-sun.yaml"),
    include_str!("../examples/midsize-company.yaml"),
    include_str!("../examples/union-overrides.yaml"),
    include_str!("../examples/payments.yaml"),
];

proptest! {
    #![proptest_config(config(16))]

    /// An example against an edited copy of itself (lines deleted,
    /// duplicated, swapped, characters flipped) over any window, empty,
    /// reversed or huge ones included: an answer or a query error, never a
    /// panic; the JSON serializes; the equivalence agrees with the counts.
    #[test]
    fn an_example_against_an_edited_copy_never_panics(
        which in 0usize..EXAMPLES.len(),
        edits in 1usize..4,
        list in prop::collection::vec(any::<u32>(), 0..60),
        reversed in any::<bool>(),
    ) {
        let mut c = Choices::new(&list);
        let text = mutate(EXAMPLES[which], &mut c, edits);
        let Ok(new) = Evaluator::new(&text) else { return Ok(()) };
        let Ok(old) = Evaluator::new(EXAMPLES[which]) else { return Ok(()) };
        let (from, to) = window_of(&mut c);
        let (a, b) = if reversed { (&new, &old) } else { (&old, &new) };
        let options = escalator::evaluator::CompareOptions {
            from: from.to_string(),
            to: to.to_string(),
            map: vec!["alice=bob".to_string()],
            ..Default::default()
        };
        if let Ok(out) = a.compare(b, &options) {
            prop_assert!(serde_json::to_string(&out).is_ok());
            prop_assert_eq!(out.equivalent, out.counts.is_empty());
            prop_assert!(!out.summary.is_empty());
        }
    }
}

/// The properties are not vacuous: many generated documents are valid and
/// have a schedule that a policy notifies.
#[test]
fn generated_documents_have_schedules_on_paths() {
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut useful = 0;
    for _ in 0..40 {
        let list = seeded(&mut state);
        let text = document(&mut Choices::new(&list));
        if let Ok(ev) = Evaluator::new(&text) {
            let m = ev.model();
            useful += usize::from(m.policies.iter().any(|p| {
                p.steps.iter().any(|s| {
                    s.targets
                        .iter()
                        .any(|t| matches!(t.value, Target::Schedule(_)))
                })
            }));
        }
    }
    assert!(
        useful >= 12,
        "only {useful} of 40 documents page through a schedule"
    );
}
