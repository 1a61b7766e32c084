//! The next or previous turn of a schedule's layers at an instant: what a
//! `{schedule: s, turn: next}` (or `previous`) step target pages.
//!
//! For each layer within its active range at the instant (`[from, until)`,
//! `from` defaulting to the first handoff, or unbounded with
//! `before_handoff: rotate`), the people of the turn after (before) the
//! layer's turn then: before the first handoff the next turn is turn 0 and
//! there is no previous one. Restrictions and overrides are not applied:
//! they say who holds the pager at the instant, not whose turn is next. A
//! layer of events has no turns: it adds nobody.
//! Each layer's turn is computed directly, so the answer costs constant
//! work per layer, and it says until when it holds (the next handoff or
//! layer bound), so coverage stays exact.

use super::rotation::Rotation;
use super::sweep::instant_of;
use super::{Source, Why};
use crate::model::{BeforeHandoff, Model, PersonIdx, ScheduleIdx, TurnChoice, TurnCount};
use crate::time::{Timestamp, Zone};

/// The people of the adjacent turns at an instant, and why.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct AdjacentTurns {
    /// Everyone of those turns, in layer order (not deduplicated).
    pub people: Vec<PersonIdx>,
    /// For each of them, the layer and turn (with that turn's own start
    /// and end).
    pub why: Vec<Why>,
    /// The answer is the same for every instant in `[at, until)`.
    pub until: Timestamp,
}

/// The people of the turn after (`TurnChoice::Next`) or before
/// (`TurnChoice::Previous`) each layer's turn at `at`, over the layers of
/// `schedule` active then. A disabled schedule has none.
pub fn adjacent_turns(
    model: &Model,
    schedule: ScheduleIdx,
    choice: TurnChoice,
    at: Timestamp,
) -> AdjacentTurns {
    let mut out = AdjacentTurns {
        until: Timestamp::MAX,
        ..AdjacentTurns::default()
    };
    let Some(s) = model
        .schedules
        .get(schedule.index())
        .filter(|s| s.is_enabled())
    else {
        return out;
    };
    let t = at.clamp(Timestamp::MIN, Timestamp::MAX).0;
    let zone = Zone::new(s.timezone);
    let mut until = i64::MAX;
    for (li, layer) in s.layers.iter().enumerate() {
        let Some(turns) = layer.turns() else {
            continue;
        };
        let gap = s.dst.gap;
        let rotation = Rotation::new(turns, &zone, gap);
        let from = layer
            .from
            .as_ref()
            .map(|f| instant_of(&zone, &f.value, gap));
        let lo = match (turns.before_handoff, from) {
            (BeforeHandoff::Nobody, from) => from.unwrap_or(rotation.first()),
            (BeforeHandoff::Rotate, from) => from.unwrap_or(i64::MIN),
        };
        let hi = layer
            .until
            .as_ref()
            .map_or(i64::MAX, |u| instant_of(&zone, &u.value, gap));
        if t < lo {
            until = until.min(lo);
            continue;
        }
        if t >= hi {
            continue;
        }
        let (turn, change) = match (rotation.turn_at(t), choice) {
            (None, TurnChoice::Next) => (Some(0), rotation.first()),
            (None, TurnChoice::Previous) => (None, rotation.first()),
            // Turns numbered by instants: the neighbours that are on.
            (Some(k), choice) if turns.turn_count == TurnCount::Instants => {
                let (next, previous) = rotation.live_neighbours(k);
                let j = match choice {
                    TurnChoice::Next => Some(next),
                    TurnChoice::Previous => previous,
                };
                (j, rotation.handoff_after(k).0)
            }
            (Some(k), choice) => {
                let j = match choice {
                    TurnChoice::Next => k.saturating_add(1),
                    TurnChoice::Previous => k.saturating_sub(1),
                };
                let exists = j >= 0 || turns.before_handoff == BeforeHandoff::Rotate;
                (exists.then_some(j), rotation.handoff_after(k).0)
            }
        };
        until = until.min(change.max(t.saturating_add(1))).min(hi);
        let Some(j) = turn else { continue };
        let n = turns.members.len() as i64;
        let position = rotation.position(j);
        let Some(members) = usize::try_from(position.rem_euclid(n.max(1)))
            .ok()
            .and_then(|m| turns.members.get(m))
        else {
            continue;
        };
        let source = Source::Turn {
            layer: li as u32,
            turn: position,
            start: Timestamp(rotation.start(j)),
            end: Timestamp(rotation.handoff_after(j).0),
        };
        for &person in members {
            out.people.push(person);
            out.why.push(Why { person, source });
        }
    }
    out.until = Timestamp(until).clamp(Timestamp::MIN, Timestamp::MAX);
    out
}
