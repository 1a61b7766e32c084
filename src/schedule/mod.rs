//! Schedules: exact shifts, who is on call at an instant, and why.
//!
//! [`shifts`] sweeps the change points of a schedule (turn starts,
//! restriction edges, layer bounds, override bounds) over a window: its work
//! grows with the number of changes, never with the window's length, and the
//! intervals it returns end on the true change instants, to the second.
//! Every interval carries an explanation ([`Why`]): which layer and turn, or
//! which override, put each person there.

use crate::error::QueryError;
use crate::model::{Model, PersonIdx, Schedule, ScheduleIdx};
use crate::time::Timestamp;

mod events;
mod explain;
mod findings;
mod overrides;
pub mod quality;
pub mod rotation;
mod sweep;
mod timeline;
pub mod turns;

#[cfg(test)]
mod event_tests;
#[cfg(test)]
mod extension_tests;
#[cfg(test)]
mod issue13_tests;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod reference;
#[cfg(test)]
mod testkit;
#[cfg(test)]
mod tests;

pub use explain::{detail, turn_detail, OverrideAction, Source, Why};
pub use findings::findings;
pub use quality::{quality, Load, Quality};
pub use timeline::{timeline, ShiftRef, Timeline};
pub use turns::{adjacent_turns, AdjacentTurns};

/// The most intervals (turns, window occurrences, shifts) one query may
/// produce; beyond it the query fails instead of running for ever.
pub const INTERVAL_LIMIT: usize = 1_000_000;

/// The most work applying overrides may take in one query, counted as
/// people looked at (each change applies every override in force then, in
/// order); beyond it the query fails with `too-many-overrides`. Thousands
/// of overrides in force at once over thousands of changes reach it.
pub const OVERRIDE_WORK_LIMIT: usize = 20_000_000;

/// A maximal interval `[start, end)` on which a schedule's on-call set is
/// constant (`on_call` empty: a gap).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shift {
    pub start: Timestamp,
    pub end: Timestamp,
    /// Sorted by person id, no duplicates.
    pub on_call: Vec<PersonIdx>,
    /// Why each person is on call (several entries for one person when
    /// consecutive turns, several layers or overrides keep them there).
    pub why: Vec<Why>,
}

fn schedule_of(model: &Model, idx: ScheduleIdx) -> Result<&Schedule, QueryError> {
    model
        .schedules
        .get(idx.index())
        .ok_or_else(|| QueryError::new("unknown-schedule", format!("no schedule number {}", idx.0)))
}

/// The window in seconds, clamped to the instants the engine handles;
/// fails when it is empty.
fn check_window(from: Timestamp, to: Timestamp) -> Result<(i64, i64), QueryError> {
    let clamp = |t: Timestamp| t.clamp(Timestamp::MIN, Timestamp::MAX);
    let (from, to) = (clamp(from), clamp(to));
    if to <= from {
        return Err(QueryError::new(
            "empty-window",
            format!("the window ends (`{to}`) at or before it starts (`{from}`)"),
        ));
    }
    Ok((from.0, to.0))
}

/// The shifts of a schedule over `[from, to)`: maximal intervals with a
/// constant on-call set, gaps included, in order, covering the window
/// exactly.
///
/// Fails when `to <= from`; when the window holds more than
/// [`INTERVAL_LIMIT`] changes (a 1-second rotation over a century, say) or
/// its shifts would list more than [`INTERVAL_LIMIT`] reasons
/// (`too-many-intervals`); or when applying the overrides in force would
/// take more than [`OVERRIDE_WORK_LIMIT`] work (`too-many-overrides`).
pub fn shifts(
    model: &Model,
    schedule: ScheduleIdx,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<Shift>, QueryError> {
    let s = schedule_of(model, schedule)?;
    let (from, to) = check_window(from, to)?;
    sweep::Sweep::new(model, s).run(from, to)
}

/// Who is on call in a schedule at `at`, and why: the shift containing `at`.
///
/// Cheap: the turn of each layer is computed directly. The shift's `start`
/// and `end` are looked for at most a year before and after `at`, within
/// a bounded amount of work (the shift is cut there when it is longer).
pub fn on_call_at(model: &Model, schedule: ScheduleIdx, at: Timestamp) -> Shift {
    let fallback = Shift {
        start: at,
        end: at.add_seconds(1),
        on_call: Vec::new(),
        why: Vec::new(),
    };
    let Ok(s) = schedule_of(model, schedule) else {
        return fallback;
    };
    let at = at.clamp(Timestamp::MIN, Timestamp::MAX.add_seconds(-1));
    sweep::Sweep::new(model, s)
        .containing(at.0)
        .unwrap_or(fallback)
}

/// The first instant after `at` when the schedule's on-call set changes,
/// looked for within a year (`None`: no change within a year).
pub fn next_change(model: &Model, schedule: ScheduleIdx, at: Timestamp) -> Option<Timestamp> {
    let shift = on_call_at(model, schedule, at);
    let horizon = at.add_seconds(366 * 86_400);
    (shift.end < horizon && shift.end > at).then_some(shift.end)
}
