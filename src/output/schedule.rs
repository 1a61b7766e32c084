//! Schedule answers as JSON: shifts (SPEC section 6), who is on call, quality.

use serde::Serialize;

use crate::model::{Model, Schedule};
use crate::schedule::{self, Quality, ShiftRef, Source};
use crate::time::Timestamp;

/// `{"schedule", "from", "to", "shifts": [...]}` (SPEC section 6).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ShiftsOutput {
    pub schedule: String,
    pub from: Timestamp,
    pub to: Timestamp,
    pub shifts: Vec<Shift>,
}

/// One shift: `start`, `end`, `on_call` (ids sorted) and, when asked for,
/// the explanation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Shift {
    pub start: Timestamp,
    pub end: Timestamp,
    pub on_call: Vec<String>,
    /// Per person, what put them there (only when explanations are asked for).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<Vec<Why>>,
}

/// The shifts of a schedule in columns (`shifts` with `compact: true` in
/// JS): shift `i` is `[bounds[i], bounds[i + 1])` in epoch milliseconds, and
/// its on-call set is `sets[set[i]]`. The same shifts as [`ShiftsOutput`],
/// without a string per instant: what a page drawing a year of shifts wants.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ShiftsCompact {
    pub schedule: String,
    pub from: Timestamp,
    pub to: Timestamp,
    /// The shifts' bounds in epoch milliseconds: one more than the shifts,
    /// from `from` to `to`.
    pub bounds: Vec<f64>,
    /// The distinct on-call sets (ids sorted), in order of first use.
    pub sets: Vec<Vec<String>>,
    /// Per shift, the index of its on-call set in `sets`.
    pub set: Vec<u32>,
}

impl ShiftsCompact {
    /// The compact form of a schedule's timeline over `[from, to)`.
    pub fn new(
        model: &Model,
        schedule: &Schedule,
        from: Timestamp,
        to: Timestamp,
        timeline: &schedule::Timeline,
    ) -> ShiftsCompact {
        let mut bounds = Vec::with_capacity(timeline.len() + 1);
        let mut set = Vec::with_capacity(timeline.len());
        let mut distinct: Vec<&[crate::model::PersonIdx]> = Vec::new();
        let mut index = std::collections::HashMap::new();
        for shift in timeline.iter() {
            bounds.push(shift.start.0 as f64 * 1000.0);
            // Few distinct sets in practice: a short scan, then a map.
            let found = if distinct.len() <= 16 {
                distinct.iter().position(|s| *s == shift.on_call)
            } else {
                index.get(shift.on_call).copied()
            };
            let i = found.unwrap_or_else(|| {
                distinct.push(shift.on_call);
                if distinct.len() > 16 {
                    if index.is_empty() {
                        for (k, s) in distinct.iter().enumerate() {
                            index.insert(*s, k);
                        }
                    }
                    index.insert(shift.on_call, distinct.len() - 1);
                }
                distinct.len() - 1
            });
            set.push(i as u32);
        }
        bounds.push(to.0 as f64 * 1000.0);
        ShiftsCompact {
            schedule: schedule.id.value.clone(),
            from,
            to,
            bounds,
            sets: distinct
                .iter()
                .map(|s| s.iter().map(|&p| person_id(model, p)).collect())
                .collect(),
            set,
        }
    }
}

/// `{"person", "layer", "turn", "turn_start", "turn_end"}` for a turn of a
/// layer (turns counted from 0 at the first handoff, negative before it
/// with `before_handoff: rotate`), `{"person", "layer", "event", "uid",
/// "event_start", "event_end"}` for an occurrence of an event of an events
/// layer (`event`: its index in the layer's `events`, from 0; `uid` or
/// null), `{"person", "override", "kind"}` for an override (its index in
/// the schedule's `overrides`, from 0; kind `replace`, `swap` or `add`),
/// or `{"person", "layer", "override", "kind"}` for an override of a layer.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Why {
    Turn {
        person: String,
        layer: String,
        turn: i64,
        turn_start: Timestamp,
        turn_end: Timestamp,
    },
    Event {
        person: String,
        layer: String,
        event: u32,
        uid: Option<String>,
        event_start: Timestamp,
        event_end: Timestamp,
    },
    Override {
        person: String,
        #[serde(rename = "override")]
        index: u32,
        kind: &'static str,
    },
    /// An override of one layer: `{"person", "layer", "override", "kind"}`
    /// (its index in that layer's `overrides`, from 0).
    LayerOverride {
        person: String,
        layer: String,
        #[serde(rename = "override")]
        index: u32,
        kind: &'static str,
    },
}

fn person_id(model: &Model, p: crate::model::PersonIdx) -> String {
    model
        .people
        .get(p.index())
        .map(|x| x.id.value.clone())
        .unwrap_or_default()
}

impl Why {
    /// The JSON form of an explanation.
    pub fn new(model: &Model, schedule: &Schedule, why: &schedule::Why) -> Why {
        let person = person_id(model, why.person);
        match why.source {
            Source::Turn {
                layer,
                turn,
                start,
                end,
            } => Why::Turn {
                person,
                layer: schedule
                    .layers
                    .get(layer as usize)
                    .map(|l| l.id.value.clone())
                    .unwrap_or_default(),
                turn,
                turn_start: start,
                turn_end: end,
            },
            Source::Event {
                layer,
                event,
                start,
                end,
            } => {
                let l = schedule.layers.get(layer as usize);
                Why::Event {
                    person,
                    layer: l.map(|l| l.id.value.clone()).unwrap_or_default(),
                    event,
                    uid: l
                        .and_then(|l| l.events().get(event as usize))
                        .and_then(|e| e.uid.as_ref())
                        .map(|u| u.value.clone()),
                    event_start: start,
                    event_end: end,
                }
            }
            Source::Override { index, kind } => Why::Override {
                person,
                index,
                kind: kind.as_str(),
            },
            Source::LayerOverride { layer, index, kind } => Why::LayerOverride {
                person,
                layer: schedule
                    .layers
                    .get(layer as usize)
                    .map(|l| l.id.value.clone())
                    .unwrap_or_default(),
                index,
                kind: kind.as_str(),
            },
        }
    }
}

impl Shift {
    /// The JSON form of a shift, explained when `explain`.
    pub fn new(model: &Model, schedule: &Schedule, shift: ShiftRef<'_>, explain: bool) -> Shift {
        Shift {
            start: shift.start,
            end: shift.end,
            on_call: shift.on_call.iter().map(|&p| person_id(model, p)).collect(),
            why: explain.then(|| {
                shift
                    .why
                    .iter()
                    .map(|w| Why::new(model, schedule, w))
                    .collect()
            }),
        }
    }
}

/// Who is on call at one instant, per schedule.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OnCallOutput {
    pub at: Timestamp,
    pub schedules: Vec<OnCallSchedule>,
}

/// One schedule's on-call set at the instant asked, and the next handoff.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OnCallSchedule {
    pub schedule: String,
    /// The schedule's zone.
    pub timezone: String,
    pub on_call: Vec<String>,
    /// Why each person is on call (only when explanations are asked for).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<Vec<Why>>,
    /// When this on-call set started (looked for up to a year back).
    pub since: Timestamp,
    /// The next handoff: when the set changes (looked for up to a year
    /// ahead; null when it does not change within a year).
    pub next_handoff: Option<Timestamp>,
    /// Who is on call from the next handoff.
    pub next_on_call: Vec<String>,
}

/// Schedule quality over a window (Grafana OnCall's scores).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QualityOutput {
    pub schedule: String,
    pub from: Timestamp,
    pub to: Timestamp,
    /// Share of the window with someone on call, 0 to 1.
    pub coverage: f64,
    /// Mean over pairs of people of shorter / longer on-call time, 0 to 1.
    pub balance: f64,
    pub people: Vec<Load>,
    /// People above the average, most loaded first.
    pub overloaded: Vec<Load>,
}

/// One person's on-call time in the window.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Load {
    pub person: String,
    pub seconds: i64,
    pub above_average_seconds: i64,
    /// Share above the average (0.25: a quarter more).
    pub above_average: f64,
}

impl QualityOutput {
    /// The JSON form of a quality score.
    pub fn new(model: &Model, schedule: &Schedule, q: &Quality) -> QualityOutput {
        let load = |l: &schedule::Load| Load {
            person: person_id(model, l.person),
            seconds: l.seconds,
            above_average_seconds: l.above_average_seconds,
            above_average: l.above_average,
        };
        QualityOutput {
            schedule: schedule.id.value.clone(),
            from: q.from,
            to: q.to,
            coverage: q.coverage,
            balance: q.balance,
            people: q.people.iter().map(load).collect(),
            overloaded: q.overloaded.iter().map(load).collect(),
        }
    }
}
