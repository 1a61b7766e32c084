//! Overrides during the sweep: which are in force at each change point
//! ([`InForce`]), and applying them in the order listed to the working set
//! of the layers' reasons ([`Present`], [`apply_override`]).

use std::collections::BTreeSet;

use super::{OverrideAction, Source, Why};
use crate::model::{Override, OverrideKind, PersonIdx};

/// The overrides in force at the sweep's current instant, kept as the sweep
/// passes their bounds (checking every override at every step was
/// quadratic).
pub(crate) struct InForce {
    /// `(from, index)` of each override touching the window, by `from`.
    starts: Vec<(i64, u32)>,
    /// `(to, index)` of the same, by `to`.
    ends: Vec<(i64, u32)>,
    next_start: usize,
    next_end: usize,
    /// In force now, by index (so applied in the order listed).
    active: BTreeSet<u32>,
    /// The next bound: the set changes only there.
    bound: i64,
}

impl InForce {
    /// The overrides with instants `bounds` (`[from, to)` each, by index)
    /// that touch the window `[a, b)`; none in force yet.
    pub(crate) fn new(bounds: &[(i64, i64)], a: i64, b: i64) -> InForce {
        let mut starts: Vec<(i64, u32)> = Vec::new();
        let mut ends: Vec<(i64, u32)> = Vec::new();
        for (i, &(f, t)) in bounds.iter().enumerate() {
            if f < t && f < b && t > a {
                starts.push((f, i as u32));
                ends.push((t, i as u32));
            }
        }
        starts.sort_unstable();
        ends.sort_unstable();
        let mut in_force = InForce {
            starts,
            ends,
            next_start: 0,
            next_end: 0,
            active: BTreeSet::new(),
            bound: i64::MAX,
        };
        in_force.bound = in_force.first_bound();
        in_force
    }

    /// How many overrides touch the window.
    pub(crate) fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether none is in force now.
    pub(crate) fn is_empty(&self) -> bool {
        self.active.is_empty()
    }

    fn first_bound(&self) -> i64 {
        let start = self.starts.get(self.next_start).map_or(i64::MAX, |s| s.0);
        let end = self.ends.get(self.next_end).map_or(i64::MAX, |e| e.0);
        start.min(end)
    }

    /// Moves to instant `cur` (never backwards) and returns the next instant
    /// at which the set in force changes (`i64::MAX`: never).
    #[inline]
    pub(crate) fn advance(&mut self, cur: i64) -> i64 {
        if self.bound <= cur {
            while let Some(&(_, i)) = self.starts.get(self.next_start).filter(|s| s.0 <= cur) {
                self.active.insert(i);
                self.next_start += 1;
            }
            while let Some(&(_, i)) = self.ends.get(self.next_end).filter(|e| e.0 <= cur) {
                self.active.remove(&i);
                self.next_end += 1;
            }
            self.bound = self.first_bound();
        }
        self.bound
    }

    /// Applies the overrides in force, in the order listed, to the reasons
    /// `entries` of the layers (`present` is the scratch set of a model of
    /// `people` people): the schedule's overrides, or with `layer` those of
    /// that layer (to its own reasons). Returns the work done, in people
    /// looked at (at least 1 per override), for the sweep's budget.
    pub(crate) fn apply(
        &self,
        overrides: &[Override],
        layer: Option<u32>,
        entries: &mut Vec<Why>,
        present: &mut Present,
        people: usize,
    ) -> usize {
        present.clear(people);
        for e in entries.iter() {
            present.mark(e.person);
        }
        let mut work = 0usize;
        for &i in &self.active {
            if let Some(o) = overrides.get(i as usize) {
                let source = |kind| match layer {
                    None => Source::Override { index: i, kind },
                    Some(layer) => Source::LayerOverride {
                        layer,
                        index: i,
                        kind,
                    },
                };
                work = work.saturating_add(
                    apply_override(source, &o.kind, entries, present, people).max(1),
                );
            }
        }
        work
    }
}

/// Who is in the working set while overrides apply, so that each
/// membership test is one lookup (a generation stamp per person) and
/// thousands of overrides in force at once stay linear.
#[derive(Clone, Debug, Default)]
pub(crate) struct Present {
    marks: Vec<u32>,
    generation: u32,
}

impl Present {
    /// Empties the set, for a model of `people` people.
    fn clear(&mut self, people: usize) {
        if self.marks.len() < people {
            self.marks.resize(people, 0);
        }
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.marks.fill(0);
            self.generation = 1;
        }
    }

    fn has(&self, person: PersonIdx) -> bool {
        self.marks.get(person.index()) == Some(&self.generation)
    }

    fn mark(&mut self, person: PersonIdx) {
        if let Some(m) = self.marks.get_mut(person.index()) {
            *m = self.generation;
        }
    }

    fn unmark(&mut self, person: PersonIdx) {
        if let Some(m) = self.marks.get_mut(person.index()) {
            *m = 0;
        }
    }
}

/// Applies one active override to the working set `entries`, whose people
/// `present` holds. Returns the work done (people looked at).
fn apply_override(
    source: impl Fn(OverrideAction) -> Source,
    kind: &OverrideKind,
    entries: &mut Vec<Why>,
    present: &mut Present,
    people_count: usize,
) -> usize {
    let push = |entries: &mut Vec<Why>, present: &mut Present, person, kind| {
        present.mark(person);
        entries.push(Why {
            person,
            source: source(kind),
        });
    };
    match kind {
        OverrideKind::Replace { people } => {
            entries.clear();
            present.clear(people_count);
            for &person in people {
                push(entries, present, person, OverrideAction::Replace);
            }
            people.len()
        }
        OverrideKind::Swap { replaces, people } => {
            if !present.has(*replaces) {
                return 1;
            }
            present.unmark(*replaces);
            let before = entries.len();
            entries.retain(|e| present.has(e.person));
            for &person in people {
                if !present.has(person) {
                    push(entries, present, person, OverrideAction::Swap);
                }
            }
            before + people.len()
        }
        OverrideKind::Add { people } => {
            for &person in people {
                if !present.has(person) {
                    push(entries, present, person, OverrideAction::Add);
                }
            }
            people.len()
        }
        OverrideKind::Remove { people } => {
            let mut removed = false;
            for &person in people {
                if present.has(person) {
                    present.unmark(person);
                    removed = true;
                }
            }
            if removed {
                let before = entries.len();
                entries.retain(|e| present.has(e.person));
                return before + people.len();
            }
            people.len()
        }
    }
}
