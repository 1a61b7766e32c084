//! Shifts in flat arrays: a [`Timeline`] is filled by [`timeline`] and can
//! be reused from query to query without allocating (for callers that sweep
//! many schedules or windows: coverage, benchmarks, the playground).

use super::sweep::{Piece, Sweep};
use super::{schedule_of, Shift, Why};
use crate::error::QueryError;
use crate::model::{Model, PersonIdx, ScheduleIdx};
use crate::time::Timestamp;
use crate::time::Window;

/// One shift's place in the timeline's arrays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    pub start: i64,
    pub end: i64,
    /// Range in `people`.
    pub people: (u32, u32),
    /// Range in `why`.
    pub why: (u32, u32),
}

/// Buffers the sweep reuses.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scratch {
    pub pieces: Vec<Vec<Piece>>,
    pub open: Vec<(i64, i64)>,
    pub windows: Vec<Window>,
    pub overrides: Vec<(i64, i64)>,
    pub cursors: Vec<usize>,
    pub entries: Vec<Why>,
    pub people: Vec<PersonIdx>,
    /// Who is in the working set while overrides apply.
    pub present: super::overrides::Present,
    /// The reasons of the current shift, once it has many.
    pub seen: std::collections::HashSet<Why>,
    /// Per events layer, its segments in the window.
    pub events: Vec<super::events::Segments>,
}

/// The shifts of one query, stored flat. Read them with [`Timeline::iter`].
#[derive(Clone, Debug, Default)]
pub struct Timeline {
    pub(crate) entries: Vec<Entry>,
    pub(crate) people: Vec<PersonIdx>,
    pub(crate) why: Vec<Why>,
    pub(crate) scratch: Scratch,
}

/// A shift borrowed from a [`Timeline`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShiftRef<'a> {
    pub start: Timestamp,
    pub end: Timestamp,
    /// Sorted by person id.
    pub on_call: &'a [PersonIdx],
    pub why: &'a [Why],
}

impl ShiftRef<'_> {
    /// An owned copy.
    pub fn to_shift(&self) -> Shift {
        Shift {
            start: self.start,
            end: self.end,
            on_call: self.on_call.to_vec(),
            why: self.why.to_vec(),
        }
    }
}

impl Timeline {
    /// An empty timeline.
    pub fn new() -> Timeline {
        Timeline::default()
    }

    /// Empties it, keeping the memory.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.people.clear();
        self.why.clear();
    }

    /// How many shifts.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn get(&self, e: &Entry) -> ShiftRef<'_> {
        let slice = |r: (u32, u32)| r.0 as usize..r.1 as usize;
        ShiftRef {
            start: Timestamp(e.start),
            end: Timestamp(e.end),
            on_call: self.people.get(slice(e.people)).unwrap_or(&[]),
            why: self.why.get(slice(e.why)).unwrap_or(&[]),
        }
    }

    /// The shifts in order.
    pub fn iter(&self) -> impl Iterator<Item = ShiftRef<'_>> + '_ {
        self.entries.iter().map(|e| self.get(e))
    }

    /// Owned shifts.
    pub fn to_shifts(&self) -> Vec<Shift> {
        self.iter().map(|s| s.to_shift()).collect()
    }
}

/// [`super::shifts`] into a reusable [`Timeline`] (cleared first): the same
/// shifts, without allocating once the timeline has grown to size.
pub fn timeline(
    model: &Model,
    schedule: ScheduleIdx,
    from: Timestamp,
    to: Timestamp,
    out: &mut Timeline,
) -> Result<(), QueryError> {
    let s = schedule_of(model, schedule)?;
    let (from, to) = super::check_window(from, to)?;
    Sweep::new(model, s).run_into(from, to, out)
}
