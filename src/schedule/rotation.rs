//! A layer's rotation: when each turn starts, and which turn is on at an
//! instant, computed directly (never by walking from the first handoff).
//!
//! Turn `k` starts at `s_k`: the local reading `handoff + k * shift`
//! resolved in the schedule's zone (or `k * shift` of elapsed time with
//! `clock: elapsed`). At `t` the layer is in the highest `k` with
//! `s_k <= t`; `k` runs from 0, or over all integers with
//! `before_handoff: rotate` (turn -1 ends at the first handoff).
//! Resolution is monotone except inside a spring-forward gap,
//! where a reading moves forward by the gap's length and can overtake the
//! readings just after the gap; both [`Rotation::turn_at`] and
//! [`Rotation::handoff_after`] account for that exactly.

use std::cell::Cell;

use crate::model::{BeforeHandoff, Clock, Turns};
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
    /// The first handoff instant: turn 0 starts here; nobody before
    /// unless the rotation runs backwards.
    first: i64,
    /// The local reading of the first handoff (wall clock turns count from it).
    base: i64,
    /// Turns before the first handoff (`before_handoff: rotate`).
    backwards: bool,
    /// Where the local reading `base` resolves: `first`, except for an
    /// absolute handoff in the second occurrence of a repeated hour (only
    /// computed for a rotation that runs backwards; `first` otherwise).
    base_instant: i64,
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
        let backwards = layer.before_handoff == BeforeHandoff::Rotate;
        // Only turns before the handoff need it.
        let base_instant = match layer.clock {
            Clock::Wall if backwards => zone.instant(base),
            _ => first,
        };
        Rotation {
            zone,
            clock: layer.clock,
            shift,
            first,
            base,
            backwards,
            base_instant,
            cursor: Cell::new(Cursor::default()),
            hint: Cell::new(0),
        }
    }

    /// The first handoff instant.
    pub fn first(&self) -> i64 {
        self.first
    }

    /// The instant before which the layer has nobody: the first handoff,
    /// or `None` when the rotation also runs before it.
    pub fn starts(&self) -> Option<i64> {
        (!self.backwards).then_some(self.first)
    }

    /// Whether turns run before the first handoff (`before_handoff: rotate`).
    pub fn backwards(&self) -> bool {
        self.backwards
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
    /// before the first handoff (unless the rotation runs backwards: then
    /// always a turn, negative before the handoff). Constant work.
    pub fn turn_at(&self, t: i64) -> Option<i64> {
        if t < self.first && !self.backwards {
            return None;
        }
        let k = self.reading_turn_at(t);
        if !self.backwards {
            return Some(k.max(0));
        }
        if k == 0 && t < self.first {
            // Turn 0 starts at `first`, after the reading `base` resolves
            // (an absolute handoff in the second occurrence of a repeated
            // hour): before it, the last turn before 0 holds.
            return Some(self.reading_turn_at(self.base_instant - 1).min(-1));
        }
        Some(k)
    }

    /// The highest `k` whose start, counting turn 0 from where the reading
    /// `base` resolves, is at or before `t`.
    fn reading_turn_at(&self, t: i64) -> i64 {
        match self.clock {
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
        }
    }

    /// When turn `k` stops being on, and which turn is on from then: the
    /// earliest start of any later turn (`min_{j>k} s_j`) and the highest
    /// turn starting there. That is turn `k + 1`, starting at that instant,
    /// unless the reading of turn `k + 1` falls in a DST gap (the only way
    /// a later reading resolves before an earlier one). Constant work.
    pub fn handoff_after(&self, k: i64) -> (i64, i64) {
        let next = k.saturating_add(1);
        if next == 0 && self.base_instant != self.first {
            // Turn 0 starts at `first`, later than the reading `base`
            // resolves (an absolute handoff in the second occurrence of a
            // repeated hour, far from any gap): turn 1 may start first.
            let s1 = self.start(1);
            return if s1 <= self.first {
                (s1, 1)
            } else {
                (self.first, 0)
            };
        }
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
