//! Property test: on random schedules around DST changes, the sweep's shifts
//! equal the brute-force reference at every minute of the window and at
//! both sides of every interval end; adjacent shifts differ.

use chrono::{Duration, NaiveDate, Weekday};
use chrono_tz::Tz;
use proptest::prelude::*;

use super::reference::{self, Reference};
use super::testkit::*;
use super::{on_call_at, shifts};
use crate::model::{
    BeforeHandoff, Clock, Combine, LayerEvent, LayerKind, OverrideKind, ScheduleIdx,
};
use crate::time::recurrence::{Floating, Frequency, Recurrence, Until};
use crate::time::Timestamp;
use crate::time::{DateTimeSpec, DaySet, Seconds, WallTime, Window};

/// Zones with their interesting days (DST changes, a skipped day).
const ZONES: &[(&str, &[&str])] = &[
    ("Europe/Berlin", &["2026-03-29", "2026-10-25"]),
    ("America/New_York", &["2026-03-08", "2026-11-01"]),
    ("Australia/Lord_Howe", &["2026-04-05", "2026-10-04"]),
    ("Pacific/Apia", &["2011-12-30", "2011-09-24", "2012-04-01"]),
    ("America/Sao_Paulo", &["2018-11-04", "2019-02-16"]),
    ("Asia/Kolkata", &["2026-03-29"]),
    ("UTC", &["2026-01-01"]),
];

const SHIFTS_MIN: &[i64] = &[15, 30, 45, 60, 90, 120, 180, 480, 720, 1440, 2880, 10080];

/// `(form, days, from, to, from day, to day, seconds, duration)`: form 0
/// daily, 1 weekly, 2 daily with `duration`, 3 weekly with `duration`.
type WindowSpec = (u8, u8, u32, u32, u8, u8, u32, i64);

#[derive(Clone, Debug)]
struct LayerSpec {
    shift_minutes: i64,
    handoff_quarters: i64,
    elapsed: bool,
    absolute: bool,
    /// `before_handoff: rotate`.
    rotate: bool,
    members: Vec<Vec<u32>>,
    from_hours: Option<i64>,
    until_hours: Option<i64>,
    windows: Vec<WindowSpec>,
    /// An events layer instead of a rotation.
    events: Option<Vec<EventSpec>>,
}

/// One event: people, start (quarter hours from the day's midnight),
/// length (minutes), an optional rule (frequency, interval, COUNT, UNTIL
/// hours), an exception (the n-th start), ends given as absolute instants,
/// another zone.
#[derive(Clone, Debug)]
struct EventSpec {
    people: Vec<u32>,
    start_quarters: i64,
    length_minutes: i64,
    repeat: Option<(u8, u32, Option<u32>, Option<i64>)>,
    except: Option<u8>,
    absolute: bool,
    zone: Option<usize>,
}

fn event_spec() -> impl Strategy<Value = EventSpec> {
    (
        prop::collection::vec(0u32..5, 1..3),
        -4 * 96i64..2 * 96,
        prop_oneof![15i64..180, 180i64..3 * 1440],
        prop::option::weighted(
            0.6,
            (
                0u8..4,
                1u32..4,
                prop::option::weighted(0.4, 1u32..12),
                prop::option::weighted(0.3, -24i64..96),
            ),
        ),
        prop::option::weighted(0.3, 0u8..6),
        prop::bool::weighted(0.2),
        prop::option::weighted(0.3, 0..ZONES.len()),
    )
        .prop_map(
            |(people, start_quarters, length_minutes, repeat, except, absolute, zone)| EventSpec {
                people,
                start_quarters,
                length_minutes,
                repeat,
                except,
                absolute,
                zone,
            },
        )
}

#[derive(Clone, Debug)]
struct Case {
    zone: usize,
    day: usize,
    start_minutes: i64,
    length_minutes: i64,
    union: bool,
    layers: Vec<LayerSpec>,
    overrides: Vec<(u8, Vec<u32>, u32, i64, i64, bool)>,
}

fn layer_spec() -> impl Strategy<Value = LayerSpec> {
    (
        prop_oneof![prop::sample::select(SHIFTS_MIN.to_vec()), 10i64..3000],
        -7 * 96i64..2 * 96,
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.15),
        prop::bool::weighted(0.35),
        prop::collection::vec(prop::collection::vec(0u32..5, 0..3), 1..5),
        prop::option::weighted(0.3, -72i64..48),
        prop::option::weighted(0.3, -24i64..96),
        prop::collection::vec(
            (
                0u8..4,
                any::<u8>(),
                0u32..=48,
                0u32..=48,
                0u8..7,
                0u8..7,
                prop_oneof![Just(0u32), 0u32..60],
                prop_oneof![
                    prop::sample::select(vec![60i64, 480, 720, 1440, 3840, 10080]),
                    1i64..=10080
                ],
            ),
            0..3,
        ),
        prop::option::weighted(0.35, prop::collection::vec(event_spec(), 1..5)),
    )
        .prop_map(
            |(
                shift_minutes,
                handoff_quarters,
                elapsed,
                absolute,
                rotate,
                members,
                from_hours,
                until_hours,
                windows,
                events,
            )| {
                LayerSpec {
                    shift_minutes,
                    handoff_quarters,
                    elapsed,
                    absolute,
                    rotate,
                    members,
                    from_hours,
                    until_hours,
                    windows,
                    events,
                }
            },
        )
}

fn case() -> impl Strategy<Value = Case> {
    (
        0..ZONES.len(),
        0usize..3,
        -36 * 60i64..12 * 60,
        60i64..72 * 60,
        any::<bool>(),
        prop::collection::vec(layer_spec(), 1..4),
        prop::collection::vec(
            (
                0u8..4,
                // Empty lists too: `people: []` replaces everyone with nobody.
                prop::collection::vec(0u32..5, 0..3),
                0u32..5,
                -48i64..48,
                1i64..48,
                prop::bool::weighted(0.25),
            ),
            0..4,
        ),
    )
        .prop_map(
            |(zone, day, start_minutes, length_minutes, union, layers, overrides)| Case {
                zone,
                day,
                start_minutes,
                length_minutes,
                union,
                layers,
                overrides,
            },
        )
}

const NAMES: [&str; 5] = ["ann", "bo", "cy", "dee", "eve"];

/// Builds the model and the window `[from, to)` of a case.
fn build(c: &Case) -> (Kit, i64, i64) {
    let (zone_name, days) = ZONES[c.zone];
    let tz: Tz = zone_name.parse().unwrap();
    let day = NaiveDate::parse_from_str(days[c.day % days.len()], "%Y-%m-%d").unwrap();
    let midnight = day.and_hms_opt(0, 0, 0).unwrap();
    // The anchor: the day's local midnight read as if at its noon offset.
    let anchor = reference::resolve(tz, midnight + Duration::hours(12)) - 12 * 3600;
    let from = anchor + c.start_minutes * 60;
    let to = from + c.length_minutes * 60;
    let mut kit = Kit::new(tz, &NAMES);
    let person = |i: u32| crate::model::PersonIdx(i);
    for l in &c.layers {
        let handoff = midnight + Duration::minutes(15 * l.handoff_quarters);
        let members: Vec<Vec<&str>> = l
            .members
            .iter()
            .map(|m| m.iter().map(|&i| NAMES[i as usize]).collect())
            .collect();
        let refs: Vec<&[&str]> = members.iter().map(|m| m.as_slice()).collect();
        let layer = kit.layer(
            &refs,
            l.shift_minutes * 60,
            &handoff.format("%Y-%m-%dT%H:%M").to_string(),
        );
        if l.elapsed {
            layer.turns_mut().unwrap().clock = Clock::Elapsed;
        }
        if l.rotate {
            layer.turns_mut().unwrap().before_handoff = BeforeHandoff::Rotate;
        }
        if l.absolute {
            layer.turns_mut().unwrap().handoff.value =
                DateTimeSpec::Absolute(Timestamp(anchor + l.handoff_quarters * 15 * 60 + 17));
        }
        if let Some(specs) = &l.events {
            layer.kind = LayerKind::Events(
                specs
                    .iter()
                    .map(|e| event(e, tz, midnight, anchor))
                    .collect(),
            );
        }
        layer.from = l
            .from_hours
            .map(|h| sp(DateTimeSpec::Local(midnight + Duration::hours(h))));
        layer.until = l
            .until_hours
            .map(|h| sp(DateTimeSpec::Local(midnight + Duration::hours(h))));
        layer.restrictions = l
            .windows
            .iter()
            .map(|&(form, bits, a, b, d1, d2, secs, minutes)| {
                let wall = |half_hours: u32| WallTime(half_hours * 1800);
                // An opening with seconds (never at 24:00).
                let open = WallTime((a.min(47) * 1800 + secs).min(86_399));
                let weekday = |d: u8| Weekday::try_from(d).unwrap_or(Weekday::Mon);
                sp(match form {
                    0 => Window::Daily {
                        days: DaySet(bits & 0x7f),
                        from: wall(a),
                        to: wall(b),
                    },
                    1 => Window::Weekly {
                        from: (weekday(d1), wall(a)),
                        to: (weekday(d2), wall(b)),
                    },
                    2 => Window::DailyFor {
                        days: DaySet(bits & 0x7f),
                        from: open,
                        length: Seconds(minutes.min(1440) * 60 - i64::from(secs)),
                    },
                    _ => Window::WeeklyFor {
                        from: (weekday(d1), open),
                        length: Seconds((minutes * 60 + i64::from(secs)).min(7 * 86_400)),
                    },
                })
            })
            .collect();
    }
    kit.schedule().combine = if c.union {
        Combine::Union
    } else {
        Combine::Top
    };
    for (kind, people, x, start_h, len_h, absolute) in &c.overrides {
        let people: Vec<_> = people.iter().map(|&i| person(i)).collect();
        let kind = match kind {
            0 => OverrideKind::Replace { people },
            1 => OverrideKind::Swap {
                replaces: person(*x),
                people,
            },
            2 => OverrideKind::Add { people },
            _ => OverrideKind::Remove { people },
        };
        let a = midnight + Duration::hours(*start_h);
        let b = a + Duration::hours(*len_h);
        let fmt = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M").to_string();
        kit.add_override(kind, &fmt(a), &fmt(b));
        if *absolute {
            let last = kit.schedule().overrides.len() - 1;
            let o = &mut kit.schedule().overrides[last];
            o.from.value = DateTimeSpec::Absolute(Timestamp(anchor + start_h * 3600 + 450));
            o.to.value = DateTimeSpec::Absolute(Timestamp(anchor + (start_h + len_h) * 3600 + 450));
        }
    }
    (kit, from, to)
}

/// The model event of an [`EventSpec`] (its zone's midnight is read near
/// the case's day).
fn event(e: &EventSpec, tz: Tz, midnight: chrono::NaiveDateTime, anchor: i64) -> LayerEvent {
    let zone: Tz = e.zone.map_or(tz, |z| ZONES[z].0.parse().unwrap());
    let from = midnight + Duration::minutes(15 * e.start_quarters);
    let to = from + Duration::minutes(e.length_minutes);
    let (from, to) = if e.absolute {
        let a = anchor + e.start_quarters * 15 * 60 + 7;
        (
            DateTimeSpec::Absolute(Timestamp(a)),
            DateTimeSpec::Absolute(Timestamp(a + e.length_minutes * 60)),
        )
    } else {
        (DateTimeSpec::Local(from), DateTimeSpec::Local(to))
    };
    let repeat = e.repeat.map(|(f, interval, count, until_hours)| {
        let freq = [
            Frequency::Hourly,
            Frequency::Daily,
            Frequency::Weekly,
            Frequency::Monthly,
        ][f as usize % 4];
        let mut r = Recurrence::new(freq);
        r.interval = interval;
        r.count = count;
        if count.is_none() {
            r.until = until_hours.map(|h| Until::Utc(Timestamp(anchor + h * 3600)));
        }
        sp(r)
    });
    // An exception at the n-th start of the rule (read from its local start).
    let except = match (&repeat, e.except, from) {
        (Some(r), Some(n), DateTimeSpec::Local(l)) => r
            .value
            .occurrences(l, l, l + Duration::days(400), &Floating)
            .nth(n as usize)
            .and_then(|x| x.ok())
            .map(|x| vec![sp(DateTimeSpec::Local(x))])
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    LayerEvent {
        uid: None,
        name: None,
        people: e
            .people
            .iter()
            .map(|&i| crate::model::PersonIdx(i))
            .collect(),
        from: sp(from),
        to: sp(to),
        timezone: zone,
        repeat,
        except,
        span: Default::default(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn sweep_equals_brute_force_reference(c in case()) {
        let (kit, from, to) = build(&c);
        let list = shifts(&kit.model, ScheduleIdx(0), Timestamp(from), Timestamp(to)).unwrap();
        let reference = Reference::new(&kit.model, &kit.model.schedules[0], from, to);
        // Covers [from, to) exactly, in order; adjacent shifts differ.
        prop_assert_eq!(list.first().map(|s| s.start.0), Some(from));
        prop_assert_eq!(list.last().map(|s| s.end.0), Some(to));
        for pair in list.windows(2) {
            prop_assert_eq!(pair[0].end, pair[1].start);
            prop_assert!(pair[0].on_call != pair[1].on_call, "adjacent shifts with the same set at {}", pair[0].end);
        }
        for s in &list {
            prop_assert!(s.start < s.end);
            // Both sides of each reported change.
            prop_assert_eq!(&reference.on_call(s.start.0), &s.on_call, "at start {}", s.start);
            prop_assert_eq!(&reference.on_call(s.end.0 - 1), &s.on_call, "just before end {}", s.end);
            // Every person has a reason.
            for p in &s.on_call {
                prop_assert!(s.why.iter().any(|w| w.person == *p));
            }
        }
        // Every minute of the window.
        let mut i = 0;
        let mut t = from;
        while t < to {
            while list[i].end.0 <= t {
                i += 1;
            }
            prop_assert_eq!(&reference.on_call(t), &list[i].on_call, "at {}", Timestamp(t));
            t += 60;
        }
        // The direct query agrees at a few instants.
        for t in [from, (from + to) / 2, to - 1] {
            let s = on_call_at(&kit.model, ScheduleIdx(0), Timestamp(t));
            prop_assert_eq!(&s.on_call, &reference.on_call(t), "on_call_at {}", Timestamp(t));
            prop_assert!(s.start.0 <= t && t < s.end.0);
        }
    }
}
