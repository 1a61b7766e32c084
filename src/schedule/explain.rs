//! Explanations: why a person is on call in a shift ([`Why`], [`Source`]),
//! and the same in words ([`detail`]) for plans and simulations.

use chrono::Timelike;

use crate::model::{LayerEvent, PersonIdx, Schedule, TurnChoice};
use crate::time::Timestamp;

/// One reason a person is on call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Why {
    pub person: PersonIdx,
    pub source: Source,
}

impl Source {
    /// Whether this source holds at instant `at`: the turn runs then, or the
    /// override is active then. (A shift merges equal on-call sets, so its
    /// reasons may name several turns one after the other.)
    pub fn holds_at(&self, schedule: &Schedule, at: Timestamp) -> bool {
        match self {
            Source::Turn { start, end, .. } | Source::Event { start, end, .. } => {
                *start <= at && at < *end
            }
            Source::Override { index, .. } => schedule
                .overrides
                .get(*index as usize)
                .is_none_or(|o| in_force(schedule, o, at)),
            Source::LayerOverride { layer, index, .. } => schedule
                .layers
                .get(*layer as usize)
                .and_then(|l| l.overrides.get(*index as usize))
                .is_none_or(|o| in_force(schedule, o, at)),
        }
    }
}

/// Whether an override of `schedule` is in force at `at` (on `[from, to)`,
/// local bounds read as the schedule reads them).
impl Source {
    /// Whether this source holds at some instant of `[a, b)`.
    pub fn overlaps(&self, schedule: &Schedule, a: Timestamp, b: Timestamp) -> bool {
        let window = |o: &crate::model::Override| {
            let (from, to) = override_window(schedule, o);
            from < b && a < to
        };
        match self {
            Source::Turn { start, end, .. } | Source::Event { start, end, .. } => {
                *start < b && a < *end
            }
            Source::Override { index, .. } => {
                schedule.overrides.get(*index as usize).is_none_or(window)
            }
            Source::LayerOverride { layer, index, .. } => schedule
                .layers
                .get(*layer as usize)
                .and_then(|l| l.overrides.get(*index as usize))
                .is_none_or(window),
        }
    }
}

fn in_force(schedule: &Schedule, o: &crate::model::Override, at: Timestamp) -> bool {
    let (from, to) = override_window(schedule, o);
    from <= at && at < to
}

/// The instants an override runs between, its local times read by the
/// schedule's DST rule.
fn override_window(schedule: &Schedule, o: &crate::model::Override) -> (Timestamp, Timestamp) {
    let (tz, gap) = (schedule.timezone, schedule.dst.gap);
    (
        crate::time::resolve_by(&o.from.value, tz, gap),
        crate::time::resolve_by(&o.to.value, tz, gap),
    )
}

/// What put a person on call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// Their turn in a layer's rotation.
    Turn {
        /// Index into the schedule's `layers`.
        layer: u32,
        /// Turn `k` (counted from 0 at the first handoff; negative before
        /// it with `before_handoff: rotate`).
        turn: i64,
        /// When the turn started and ended (ends at the next turn's start).
        start: Timestamp,
        end: Timestamp,
    },
    /// An occurrence of an event of an events layer.
    Event {
        /// Index into the schedule's `layers`.
        layer: u32,
        /// Index into the layer's events.
        event: u32,
        /// When this occurrence starts and ends.
        start: Timestamp,
        end: Timestamp,
    },
    /// An override (index into the schedule's `overrides`).
    Override { index: u32, kind: OverrideAction },
    /// An override of one layer (index into that layer's `overrides`),
    /// applied to the layer's set before the layers combine.
    LayerOverride {
        /// Index into the schedule's `layers`.
        layer: u32,
        index: u32,
        kind: OverrideAction,
    },
}

/// The kind of override that put someone on call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OverrideAction {
    /// `person:`/`people:` replaced the whole set.
    Replace,
    /// `replaces: X` swapped X out.
    Swap,
    /// `add:` joined the set.
    Add,
}

impl OverrideAction {
    /// The name used in output: `replace`, `swap`, `add`.
    pub fn as_str(self) -> &'static str {
        match self {
            OverrideAction::Replace => "replace",
            OverrideAction::Swap => "swap",
            OverrideAction::Add => "add",
        }
    }
}

/// A `turn: next` (`previous`) page in words: "next turn of layer
/// `weekly` (turn 15)".
pub fn turn_detail(schedule: &Schedule, choice: TurnChoice, source: &Source) -> String {
    match source {
        Source::Turn { layer, turn, .. } => {
            let id = schedule
                .layers
                .get(*layer as usize)
                .map_or("?", |l| l.id.value.as_str());
            format!("{} turn of layer `{id}` (turn {turn})", choice.as_str())
        }
        // Layers of events have no turns; named in case one is ever asked.
        Source::Event { .. } => detail(schedule, std::slice::from_ref(source)).unwrap_or_default(),
        Source::Override { index, kind } => {
            format!("override {} ({})", index + 1, kind.as_str())
        }
        Source::LayerOverride { layer, index, kind } => {
            layer_override(schedule, *layer, *index, *kind)
        }
    }
}

/// "override 2 of layer `weekday` (replace)" (overrides numbered from 1).
fn layer_override(schedule: &Schedule, layer: u32, index: u32, kind: OverrideAction) -> String {
    let id = schedule
        .layers
        .get(layer as usize)
        .map_or("?", |l| l.id.value.as_str());
    format!("override {} of layer `{id}` ({})", index + 1, kind.as_str())
}

/// The reasons of a schedule in words: "layer `weekly`, turn 14; override 2
/// (replace)"; "override 1 of layer `weekday` (swap)" (`None` without
/// reasons). Overrides are numbered from 1.
pub fn detail(schedule: &Schedule, why: &[Source]) -> Option<String> {
    let parts: Vec<String> = why
        .iter()
        .map(|w| match w {
            Source::Turn { layer, turn, .. } => {
                let id = schedule
                    .layers
                    .get(*layer as usize)
                    .map_or("?", |l| l.id.value.as_str());
                format!("layer `{id}`, turn {turn}")
            }
            Source::Event {
                layer,
                event,
                start,
                ..
            } => {
                let l = schedule.layers.get(*layer as usize);
                let id = l.map_or("?", |l| l.id.value.as_str());
                let e = l.and_then(|l| l.events().get(*event as usize));
                format!(
                    "layer `{id}`, {} occurrence {}",
                    event_name(e, *event),
                    occurrence_local(e.map_or(schedule.timezone, |e| e.timezone), *start)
                )
            }
            Source::Override { index, kind } => {
                format!("override {} ({})", index + 1, kind.as_str())
            }
            Source::LayerOverride { layer, index, kind } => {
                layer_override(schedule, *layer, *index, *kind)
            }
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// How an event is named in words: "event `UID`", else "event 3" (from 1).
pub fn event_name(e: Option<&LayerEvent>, index: u32) -> String {
    match e.and_then(|e| e.uid.as_ref()) {
        Some(uid) => format!("event `{}`", uid.value),
        None => format!("event {}", index + 1),
    }
}

/// An occurrence's start on its zone's wall clock: `2026-03-02T09:00`.
pub fn occurrence_local(tz: chrono_tz::Tz, start: Timestamp) -> String {
    let local = crate::time::Zone::new(tz).local_of(start.0);
    let t = crate::time::naive_of_local(local);
    // Not strftime (`format`): its machinery is ~10 KB of the wasm.
    let (date, time) = (t.date(), t.time());
    format!("{date}T{:02}:{:02}", time.hour(), time.minute())
}
