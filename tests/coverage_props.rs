//! Property: on random documents (rotations, restrictions, overrides, empty
//! turns, vendors with support hours, skip and wait, repeats, DST in the
//! window), the plan of an incident at any instant — computed on its own,
//! straight from the schedule engine — is the plan of the coverage interval
//! holding that instant, and every interval end is a true change point.

use std::fmt::Write;

use chrono_tz::Tz;
use proptest::prelude::*;

use escalator::coverage::coverage;
use escalator::escalation::plan;
use escalator::model::PolicyIdx;
use escalator::time::{parse_instant, Timestamp};
use escalator::Evaluator;

#[derive(Debug, Clone)]
struct Layer {
    members: Vec<Vec<usize>>,
    shift: &'static str,
    handoff_hour: u32,
    restriction: Option<(u32, u32)>,
}

#[derive(Debug, Clone)]
struct Doc {
    zone: &'static str,
    schedules: Vec<(Vec<Layer>, Option<(usize, u32, u32)>)>,
    steps: Vec<(Vec<u8>, &'static str)>,
    repeat: u8,
    wait: bool,
    vendor_hours: Option<(u32, u32)>,
}

const PEOPLE: [&str; 4] = ["ann", "ben", "cat", "dov"];

fn layer() -> impl Strategy<Value = Layer> {
    (
        prop::collection::vec(prop::collection::vec(0usize..4, 0..3), 1..4),
        prop::sample::select(vec!["90m", "4h", "12h", "1d", "3d", "1w"]),
        0u32..24,
        prop::option::of((0u32..24, 0u32..24)),
    )
        .prop_map(|(members, shift, handoff_hour, restriction)| Layer {
            members,
            shift,
            handoff_hour,
            restriction,
        })
}

fn doc() -> impl Strategy<Value = Doc> {
    (
        prop::sample::select(vec!["UTC", "Europe/Berlin", "America/New_York"]),
        prop::collection::vec(
            (
                prop::collection::vec(layer(), 1..3),
                prop::option::of((0usize..4, 0u32..20, 1u32..60)),
            ),
            1..4,
        ),
        prop::collection::vec(
            (
                prop::collection::vec(0u8..7, 1..3),
                prop::sample::select(vec!["0m", "5m", "15m", "30m", "1h"]),
            ),
            1..4,
        ),
        0u8..3,
        any::<bool>(),
        prop::option::of((0u32..24, 0u32..24)),
    )
        .prop_map(|(zone, schedules, steps, repeat, wait, vendor_hours)| Doc {
            zone,
            schedules,
            steps,
            repeat,
            wait,
            vendor_hours,
        })
}

fn hhmm(h: u32) -> String {
    format!("\"{h:02}:00\"")
}

fn yaml(d: &Doc) -> String {
    let mut y = format!("version: 1\ntimezone: {}\npeople:\n", d.zone);
    for p in PEOPLE {
        let _ = writeln!(y, "  - {{id: {p}}}");
    }
    y.push_str("vendors:\n  - id: psp\n");
    if let Some((from, to)) = d.vendor_hours {
        let _ = writeln!(
            y,
            "    support_hours: [{{from: {}, to: {}}}]",
            hhmm(from),
            hhmm(to)
        );
    }
    y.push_str("schedules:\n");
    for (i, (layers, over)) in d.schedules.iter().enumerate() {
        let _ = writeln!(y, "  - id: s{i}\n    layers:");
        for (j, l) in layers.iter().enumerate() {
            let members: Vec<String> = l
                .members
                .iter()
                .map(|turn| {
                    format!(
                        "[{}]",
                        turn.iter()
                            .map(|p| PEOPLE[*p])
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })
                .collect();
            let _ = write!(
                y,
                "      - {{id: l{j}, members: [{}], shift: {}, handoff: 2026-03-01T{:02}:00",
                members.join(", "),
                l.shift,
                l.handoff_hour
            );
            if let Some((from, to)) = l.restriction {
                let _ = write!(
                    y,
                    ", restrictions: [{{from: {}, to: {}}}]",
                    hhmm(from),
                    hhmm(to)
                );
            }
            y.push_str("}\n");
        }
        if let Some((p, day, hours)) = over {
            let _ = writeln!(
                y,
                "    overrides:\n      - {{person: {}, from: 2026-03-{:02}T05:00, to: 2026-03-{:02}T{:02}:00}}",
                PEOPLE[*p],
                day + 1,
                day + 1 + (5 + hours) / 24,
                (5 + hours) % 24
            );
        }
    }
    let _ = writeln!(
        y,
        "policies:\n  - id: p\n    repeat: {}\n    on_empty_step: {}\n    steps:",
        d.repeat,
        if d.wait { "wait" } else { "skip" }
    );
    for (targets, after) in &d.steps {
        let t: Vec<String> = targets
            .iter()
            .map(|t| match *t as usize {
                n if n < d.schedules.len() => format!("{{schedule: s{n}}}"),
                4 => "{person: ann}".to_string(),
                5 => "{vendor: psp}".to_string(),
                _ => "{stakeholders: status}".to_string(),
            })
            .collect();
        let _ = writeln!(
            y,
            "      - {{notify: [{}], escalate_after: {after}}}",
            t.join(", ")
        );
    }
    y
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn plans_agree_with_coverage(d in doc(), start_hour in 0i64..(30 * 24), hours in 1i64..(6 * 24), probes in prop::collection::vec(0.0f64..1.0, 12)) {
        let text = yaml(&d);
        let evaluator = Evaluator::new(&text).unwrap_or_else(|e| panic!("{text}\n{e:?}"));
        let m = evaluator.model();
        let base = parse_instant("2026-03-01", m.timezone).unwrap_or_else(|e| panic!("{e}"));
        let from = base.add_seconds(start_hour * 3600 + 17);
        let to = from.add_seconds(hours * 3600);
        let policy = PolicyIdx(0);
        let c = coverage(m, policy, None, from, to, Tz::UTC).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(c.intervals.first().map(|i| i.start), Some(from));
        prop_assert_eq!(c.intervals.last().map(|i| i.end), Some(to));
        for w in c.intervals.windows(2) {
            prop_assert_eq!(w[0].end, w[1].start);
            prop_assert!(!w[0].plan.same_pages(&w[1].plan));
        }
        for i in &c.intervals {
            // Both ends of the interval, computed independently.
            prop_assert!(plan(m, policy, i.start).same_pages(&i.plan), "start {}\n{}", i.start, text);
            prop_assert!(plan(m, policy, i.end.add_seconds(-1)).same_pages(&i.plan), "end {}\n{}", i.end, text);
            if i.end < to {
                // A true change point: the plan just after differs.
                prop_assert!(!plan(m, policy, i.end).same_pages(&i.plan));
            }
        }
        for p in probes {
            let at = Timestamp(from.0 + ((to.0 - from.0) as f64 * p) as i64);
            let holding = c.intervals.iter().find(|i| i.start <= at && at < i.end);
            prop_assert!(holding.is_some_and(|i| plan(m, policy, at).same_pages(&i.plan)), "at {}\n{}", at, text);
        }
    }
}
