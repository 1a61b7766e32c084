//! A layer's rotation: when each turn starts, and which turn is on at an
//! instant, computed directly (never by walking from the first handoff).
//!
//! Turn `k` starts at `s_k`: the local reading `handoff + k * shift`
//! resolved in the schedule's zone (or `k * shift` of elapsed time with
//! `clock: elapsed`). At `t` the layer is in the highest `k` with
//! `s_k <= t`. Resolution is monotone except inside a spring-forward gap,
//! where a reading moves forward by the gap's length and can overtake the
//! readings just after the gap; both [`Rotation::turn_at`] and
//! [`Rotation::handoff_after`] account for that exactly.

use std::cell::Cell;

use crate::model::{Clock, Turns};
use crate::time::zone::{Cursor, LocalHit};
use crate::time::DateTimeSpec;
use crate::time::{local_seconds, Zone};

/// The longest shift computed with (about 20,000 years: longer ones never
/// hand off within the instants the engine handles either).
const MAX_SHIFT: i64 = 20_000 * 366 * 86_400;

/// The turn clock of one layer.
#[derive(Clone, Debug)]
pub struct Rotation<'z> {
    zone: &'z Zone,
    clock: Clock,
    /// Seconds per turn (positive).
    shift: i64,
    /// The first handoff instant: turn 0 starts here; nobody before.
    first: i64,
    /// The local reading of the first handoff (wall clock turns count from it).
    base: i64,
    /// Where the last resolution was found in the zone's table (turns are
    /// mostly asked for in order).
    cursor: Cell<Cursor>,
    /// Where the last instant was found in the zone's table (the same).
    hint: Cell<usize>,
}

impl<'z> Rotation<'z> {
    /// The rotation of a layer's turns in a zone.
    pub fn new(layer: &Turns, zone: &'z Zone) -> Rotation<'z> {
        // Longer than the range of instants behaves the same: one turn.
        let shift = layer.shift.value.0.clamp(1, MAX_SHIFT);
        let (first, base) = match layer.handoff.value {
            DateTimeSpec::Local(local) => {
                let base = local_seconds(local);
                (zone.instant(base), base)
            }
            DateTimeSpec::Absolute(t) => (t.0, zone.local_of(t.0)),
        };
        Rotation {
            zone,
            clock: layer.clock,
            shift,
            first,
            base,
            cursor: Cell::new(Cursor::default()),
            hint: Cell::new(0),
        }
    }

    /// The first handoff instant.
    pub fn first(&self) -> i64 {
        self.first
    }

    /// Seconds per turn.
    pub fn shift(&self) -> i64 {
        self.shift
    }

    /// The local reading turn `k` starts at (wall clock).
    fn reading(&self, k: i64) -> i64 {
        self.base.saturating_add(k.saturating_mul(self.shift))
    }

    /// The instant turn `k` starts (`s_k`), before the "highest turn wins"
    /// rule: a turn may be overtaken by a later one and never be on.
    pub fn start(&self, k: i64) -> i64 {
        if k == 0 {
            return self.first;
        }
        match self.clock {
            Clock::Elapsed => self.first.saturating_add(k.saturating_mul(self.shift)),
            Clock::Wall => self.resolve(self.reading(k)).0,
        }
    }

    fn resolve(&self, reading: i64) -> (i64, LocalHit) {
        let mut cursor = self.cursor.get();
        let r = self.zone.resolve_with(reading, &mut cursor);
        self.cursor.set(cursor);
        r
    }

    /// The turn on at `t` (the highest `k` with `s_k <= t`), or `None`
    /// before the first handoff. Constant work.
    pub fn turn_at(&self, t: i64) -> Option<i64> {
        if t < self.first {
            return None;
        }
        let k = match self.clock {
            Clock::Elapsed => (t - self.first).div_euclid(self.shift),
            Clock::Wall => {
                let mut hint = self.hint.get();
                let by = self.zone.readings_by_hinted(t, &mut hint);
                self.hint.set(hint);
                let k3 = (by.current - self.base).div_euclid(self.shift);
                if self.reading(k3) >= by.claim_start {
                    k3
                } else {
                    let bound = by.before.min(by.claim_start - 1);
                    (bound - self.base).div_euclid(self.shift)
                }
            }
        };
        Some(k.max(0))
    }

    /// When turn `k` stops being on, and which turn is on from then: the
    /// earliest start of any later turn (`min_{j>k} s_j`) and the highest
    /// turn starting there. That is turn `k + 1`, starting at that instant,
    /// unless the reading of turn `k + 1` falls in a DST gap (the only way
    /// a later reading resolves before an earlier one). Constant work.
    pub fn handoff_after(&self, k: i64) -> (i64, i64) {
        let next = k.saturating_add(1);
        match self.clock {
            Clock::Elapsed => (self.start(next), next),
            Clock::Wall => {
                let reading = self.reading(next);
                let (s, hit) = self.resolve(reading);
                match hit {
                    LocalHit::Gap(tr) => {
                        // Readings after the gap resolve without moving and
                        // may start before this one: the first of them.
                        let gap_end = tr.at + i64::from(tr.after);
                        let j = (gap_end - self.base + self.shift - 1).div_euclid(self.shift);
                        let end = s.min(self.resolve(self.reading(j)).0);
                        let on = self.turn_at(end).unwrap_or(next).max(next);
                        (end, on)
                    }
                    _ => (s, next),
                }
            }
        }
    }
}
