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
    BeforeHandoff, Cadence, Clock, Combine, LayerEvent, LayerKind, MonthOverflow, Override,
    OverrideKind, PointSpec, ScheduleIdx, TurnCount,
};
use crate::time::recurrence::{Floating, Frequency, Recurrence, Until};
use crate::time::Timestamp;
use crate::time::{DateTimeSpec, DaySet, DstFoldClose, DstGap, DstRule, Seconds, WallTime, Window};

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

/// How a layer's turns are laid out (the model's `Cadence`).
#[derive(Clone, Debug)]
enum CadenceSpec {
    /// `shift_minutes`.
    Shift,
    /// `shift: {n}mo`, handing off on `day` (clamped to its month) `n`
    /// months before the zone's interesting day, so that turn `n` starts
    /// around it (exactly on it when `day` is 0).
    Months { n: u32, normalize: bool, day: u32 },
    /// `handoffs:` of `kind` (0 daily, 1 weekly, 2 monthly) at `(day,
    /// quarter hour, seconds)` points (a monthly day 0 is the interesting
    /// day's), `every` points a turn.
    Points {
        kind: u8,
        points: Vec<(u8, u32, u32)>,
        every: u32,
        normalize: bool,
    },
}

/// A handoff point's `(day, quarter, seconds)`.
type PointSpecs = Vec<(u8, u32, u32)>;

fn point_specs() -> impl Strategy<Value = PointSpecs> {
    prop::collection::vec(
        (
            0u8..7,
            0u32..96,
            prop_oneof![3 => Just(0u32), 1 => 0u32..60],
        ),
        1..4,
    )
}

fn cadence_spec() -> impl Strategy<Value = CadenceSpec> {
    prop_oneof![
        6 => Just(CadenceSpec::Shift),
        2 => (1u32..=3, any::<bool>(), prop_oneof![Just(0u32), 25u32..=31])
            .prop_map(|(n, normalize, day)| CadenceSpec::Months { n, normalize, day }),
        2 => (0u8..3, point_specs(), 1u32..=3, any::<bool>()).prop_map(
            |(kind, points, every, normalize)| CadenceSpec::Points {
                kind,
                points,
                every,
                normalize,
            }
        ),
    ]
}

#[derive(Clone, Debug)]
struct LayerSpec {
    cadence: CadenceSpec,
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
    /// The layer's own overrides (E13), as the schedule's.
    overrides: Vec<OverrideSpec>,
    /// `level:` (E15); `None`: the layer's position.
    level: Option<i64>,
    /// `turn_count: instants` (E10).
    instants: bool,
    /// An events layer instead of a rotation.
    events: Option<Vec<EventSpec>>,
}

/// `(kind, people, replaced, start hour, hours, absolute)` of an override.
type OverrideSpec = (u8, Vec<u32>, u32, i64, i64, bool);

fn override_spec() -> impl Strategy<Value = OverrideSpec> {
    (
        0u8..4,
        // Empty lists too: `people: []` replaces everyone with nobody.
        prop::collection::vec(0u32..5, 0..3),
        0u32..5,
        -48i64..48,
        1i64..48,
        prop::bool::weighted(0.25),
    )
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
    /// `dst_gap: transition`, `dst_fold_close: later` (E9).
    dst: (bool, bool),
    layers: Vec<LayerSpec>,
    overrides: Vec<OverrideSpec>,
}

fn layer_spec() -> impl Strategy<Value = LayerSpec> {
    (
        cadence_spec(),
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
        (
            prop_oneof![3 => Just(Vec::new()), 1 => prop::collection::vec(override_spec(), 1..3)],
            prop::option::weighted(0.3, -1i64..4),
            prop::bool::weighted(0.4),
        ),
        prop::option::weighted(0.35, prop::collection::vec(event_spec(), 1..5)),
    )
        .prop_map(
            |(
                cadence,
                shift_minutes,
                handoff_quarters,
                elapsed,
                absolute,
                rotate,
                members,
                from_hours,
                until_hours,
                windows,
                (overrides, level, instants),
                events,
            )| {
                LayerSpec {
                    cadence,
                    shift_minutes,
                    handoff_quarters,
                    elapsed,
                    absolute,
                    rotate,
                    members,
                    from_hours,
                    until_hours,
                    windows,
                    overrides,
                    level,
                    instants,
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
        (prop::bool::weighted(0.4), prop::bool::weighted(0.4)),
        prop::collection::vec(layer_spec(), 1..4),
        prop::collection::vec(override_spec(), 0..4),
    )
        .prop_map(
            |(zone, day, start_minutes, length_minutes, union, dst, layers, overrides)| Case {
                zone,
                day,
                start_minutes,
                length_minutes,
                union,
                dst,
                layers,
                overrides,
            },
        )
}

const NAMES: [&str; 5] = ["ann", "bo", "cy", "dee", "eve"];

impl Case {
    /// The interesting day of the case's zone.
    fn day_of(&self, days: &[&str]) -> NaiveDate {
        NaiveDate::parse_from_str(days[self.day % days.len()], "%Y-%m-%d").unwrap()
    }
}

/// The handoff date of a month layer: `n` months before `day`, on day
/// `on` of that month (clamped to it), or on `day`'s own day of the month.
fn month_handoff(on: u32, n: u32, day: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    let month = day - chrono::Months::new(n);
    let on = if on == 0 { day.day() } else { on };
    (28..=on.max(28))
        .rev()
        .find_map(|d| NaiveDate::from_ymd_opt(month.year(), month.month(), d.min(on)))
        .unwrap_or(month)
}

/// An override from its spec: local bounds from the day's midnight, or
/// absolute ones (a quarter of an hour and a half later) from the anchor.
fn override_of(o: &OverrideSpec, midnight: chrono::NaiveDateTime, anchor: i64) -> Override {
    let (kind, people, x, start_h, len_h, absolute) = o;
    let person = |i: u32| crate::model::PersonIdx(i);
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
    let (from, to) = if *absolute {
        (
            DateTimeSpec::Absolute(Timestamp(anchor + start_h * 3600 + 450)),
            DateTimeSpec::Absolute(Timestamp(anchor + (start_h + len_h) * 3600 + 450)),
        )
    } else {
        (DateTimeSpec::Local(a), DateTimeSpec::Local(b))
    };
    Override {
        kind,
        source: None,
        from: sp(from),
        to: sp(to),
        span: Default::default(),
    }
}

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
    kit.schedule().dst = DstRule {
        gap: if c.dst.0 {
            DstGap::Transition
        } else {
            DstGap::Shift
        },
        fold_close: if c.dst.1 {
            DstFoldClose::Later
        } else {
            DstFoldClose::Earlier
        },
    };
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
        if let CadenceSpec::Months { n, normalize, day } = l.cadence {
            let turns = layer.turns_mut().unwrap();
            turns.cadence = Cadence::Months(n);
            turns.month_overflow = if normalize {
                MonthOverflow::Normalize
            } else {
                MonthOverflow::Clamp
            };
            let date = month_handoff(day, n, c.day_of(days));
            let time = Duration::minutes(15 * l.handoff_quarters.rem_euclid(96));
            turns.handoff.value = DateTimeSpec::Local(date.and_hms_opt(0, 0, 0).unwrap() + time);
        } else if let CadenceSpec::Points {
            kind,
            points,
            every,
            normalize,
        } = &l.cadence
        {
            use chrono::Datelike;
            let time = |q: u32, secs: u32| q * 900 + secs;
            let month_day = |d: u8| match d {
                0 => c.day_of(days).day(),
                1 => 1,
                2 => 15,
                d => 25 + u32::from(d),
            };
            let spec = match kind {
                0 => PointSpec::Daily(points.iter().map(|&(_, q, s)| time(q, s)).collect()),
                1 => PointSpec::Weekly(
                    points
                        .iter()
                        .map(|&(d, q, s)| u32::from(d) * 86_400 + time(q, s))
                        .collect(),
                ),
                _ => PointSpec::Monthly(
                    points
                        .iter()
                        .map(|&(d, q, s)| (month_day(d), time(q, s)))
                        .collect(),
                ),
            };
            let turns = layer.turns_mut().unwrap();
            turns.cadence = Cadence::Points {
                points: spec,
                every: *every,
            };
            turns.month_overflow = if *normalize {
                MonthOverflow::Normalize
            } else {
                MonthOverflow::Clamp
            };
        } else if l.elapsed {
            layer.turns_mut().unwrap().clock = Clock::Elapsed;
        }
        if l.rotate {
            layer.turns_mut().unwrap().before_handoff = BeforeHandoff::Rotate;
        }
        if l.absolute && matches!(l.cadence, CadenceSpec::Shift) {
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
    let schedule_overrides = c
        .overrides
        .iter()
        .map(|o| override_of(o, midnight, anchor))
        .collect();
    kit.schedule().overrides = schedule_overrides;
    for (layer, spec) in kit.schedule().layers.iter_mut().zip(&c.layers) {
        if let Some(level) = spec.level {
            layer.level = level;
        }
        if let (true, Some(turns)) = (spec.instants, layer.turns_mut()) {
            turns.turn_count = TurnCount::Instants;
        }
        layer.overrides = spec
            .overrides
            .iter()
            .map(|o| override_of(o, midnight, anchor))
            .collect();
    }
    (kit, from, to)
}

/// The sweep against the reference on one case: every shift's both
/// sides, every `step` seconds of the window, and the direct query.
fn check_case(c: &Case, step: i64) -> Result<(), TestCaseError> {
    let (kit, from, to) = build(c);
    let list = shifts(&kit.model, ScheduleIdx(0), Timestamp(from), Timestamp(to)).unwrap();
    let reference = Reference::new(&kit.model, &kit.model.schedules[0], from, to);
    // Covers [from, to) exactly, in order; adjacent shifts differ.
    prop_assert_eq!(list.first().map(|s| s.start.0), Some(from));
    prop_assert_eq!(list.last().map(|s| s.end.0), Some(to));
    for pair in list.windows(2) {
        prop_assert_eq!(pair[0].end, pair[1].start);
        prop_assert!(
            pair[0].on_call != pair[1].on_call,
            "adjacent shifts with the same set at {}",
            pair[0].end
        );
    }
    for s in &list {
        prop_assert!(s.start < s.end);
        // Both sides of each reported change.
        prop_assert_eq!(
            &reference.on_call(s.start.0),
            &s.on_call,
            "at start {}",
            s.start
        );
        prop_assert_eq!(
            &reference.on_call(s.end.0 - 1),
            &s.on_call,
            "just before end {}",
            s.end
        );
        // Every person has a reason.
        for p in &s.on_call {
            prop_assert!(s.why.iter().any(|w| w.person == *p));
        }
    }
    // Every instant where the reference may change, and just before it.
    for t in reference.change_points(from, to) {
        for t in [t, (t - 1).max(from)] {
            let s = list.iter().find(|s| s.start.0 <= t && t < s.end.0).unwrap();
            prop_assert_eq!(
                &reference.on_call(t),
                &s.on_call,
                "at change point {}",
                Timestamp(t)
            );
            // A window starting there finds each layer's turn directly.
            let one = shifts(&kit.model, ScheduleIdx(0), Timestamp(t), Timestamp(t + 1)).unwrap();
            prop_assert_eq!(
                &one[0].on_call,
                &s.on_call,
                "a window starting at {}",
                Timestamp(t)
            );
        }
    }
    // Every `step` of the window.
    let mut i = 0;
    let mut t = from;
    while t < to {
        while list[i].end.0 <= t {
            i += 1;
        }
        prop_assert_eq!(
            &reference.on_call(t),
            &list[i].on_call,
            "at {}",
            Timestamp(t)
        );
        t += step;
    }
    // The direct query agrees at a few instants.
    for t in [from, (from + to) / 2, to - 1] {
        let s = on_call_at(&kit.model, ScheduleIdx(0), Timestamp(t));
        prop_assert_eq!(
            &s.on_call,
            &reference.on_call(t),
            "on_call_at {}",
            Timestamp(t)
        );
        prop_assert!(s.start.0 <= t && t < s.end.0);
    }
    Ok(())
}

/// Cases over up to 400 days whose layers all turn by months or at
/// handoff points (few turns, so the reference stays quick), with the
/// window starting up to a year before the zone's interesting day.
fn long_case() -> impl Strategy<Value = Case> {
    (
        case(),
        -365 * 24 * 60i64..0,
        30 * 24 * 60i64..400 * 24 * 60,
        prop::collection::vec(
            (1u32..=3, any::<bool>(), prop_oneof![Just(0u32), 28u32..=31]),
            3,
        ),
    )
        .prop_map(|(mut c, start, length, months)| {
            c.start_minutes = start;
            c.length_minutes = length;
            for (i, (l, (n, normalize, day))) in c.layers.iter_mut().zip(months).enumerate() {
                // Rotations only: events recurring hourly over a year would
                // make the reference slow.
                l.events = None;
                match l.cadence {
                    // Weekly or monthly points, or months.
                    CadenceSpec::Shift if i % 2 == 1 => {
                        l.cadence = CadenceSpec::Points {
                            kind: 1 + (n % 2) as u8,
                            points: vec![(day as u8 % 7, n * 31 % 96, 0), (3, 40, 0)],
                            every: n,
                            normalize,
                        }
                    }
                    CadenceSpec::Shift => l.cadence = CadenceSpec::Months { n, normalize, day },
                    // Daily points over a year: every 6 hours is too
                    // coarse to see them; keep weekly ones at most.
                    CadenceSpec::Points { ref mut kind, .. } if *kind == 0 => *kind = 1,
                    _ => {}
                }
            }
            c
        })
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
        check_case(&c, 60)?;
    }

    #[test]
    fn month_and_point_turns_over_long_windows_equal_the_reference(c in long_case()) {
        check_case(&c, 6 * 3600 + 17)?;
    }
}
