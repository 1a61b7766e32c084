//! A layer's rotation: when each turn starts, and which turn is on at an
//! instant, computed directly (never by walking from the first handoff).
//!
//! Turn `k` starts at `s_k`: a local reading resolved in the schedule's
//! zone (or `k * shift` of elapsed time with `clock: elapsed`). The reading
//! of turn `k` is `handoff + k * shift`, or `handoff` plus `k * n` months
//! (`shift: 3mo`), or the `k * every`-th handoff point after the handoff
//! (`handoffs:`): readings increase with `k` in every case, so the turn on
//! at a reading is found by arithmetic ([`Grid`]). At `t` the layer is in the highest `k` with
//! `s_k <= t`; `k` runs from 0, or over all integers with
//! `before_handoff: rotate` (turn -1 ends at the first handoff).
//! Resolution is monotone except inside a spring-forward gap,
//! where a reading moves forward by the gap's length and can overtake the
//! readings just after the gap; both [`Rotation::turn_at`] and
//! [`Rotation::handoff_after`] account for that exactly. With the
//! schedule's `dst_gap: transition` a reading in a gap happens at the
//! transition: resolution is monotone, and readings in one gap collapse
//! onto one instant (the highest turn wins).

use std::cell::{Cell, OnceCell};

use crate::model::{BeforeHandoff, Cadence, Clock, MonthOverflow, TurnCount, Turns};
use crate::time::calendar::add_months;
use crate::time::points::{month_of, Points};
use crate::time::zone::{by_rule, Cursor, LocalHit};
use crate::time::{local_seconds, Zone};
use crate::time::{DateTimeSpec, DstFoldClose, DstGap};

/// The longest shift computed with (about 20,000 years: longer ones never
/// hand off within the instants the engine handles either).
const MAX_SHIFT: i64 = 20_000 * 366 * 86_400;

/// Where turn readings are: `reading(k)` increases with `k`, and
/// `turn_below(x)` is the highest `k` whose reading is at or before `x`.
#[derive(Clone, Debug)]
enum Grid {
    /// `handoff + k * shift` (seconds).
    Shift(i64),
    /// `handoff` plus `k * months` months.
    Months {
        months: i64,
        overflow: MonthOverflow,
        /// The handoff's month index (since 1970-01).
        month: i64,
    },
    /// Handoff points: turn `k >= 1` starts at point `forward + k * every`,
    /// turn `k <= -1` at point `backward + k * every`.
    Points {
        points: Points,
        every: i64,
        /// The last point at or before the handoff.
        forward: i64,
        /// One past the last point strictly before the handoff.
        backward: i64,
    },
}

/// The grid turns that are never on, as sorted disjoint inclusive ranges,
/// with the running count of turns before each range.
#[derive(Clone, Debug, Default)]
struct Dead {
    ranges: Vec<(i64, i64)>,
    before: Vec<i64>,
}

impl Dead {
    /// How many dead turns are at or below `k`.
    fn up_to(&self, k: i64) -> i64 {
        let i = self.ranges.partition_point(|r| r.1 <= k);
        let full = self.before.get(i).copied().unwrap_or_else(|| {
            // Past the last range: all of them.
            self.before.last().copied().unwrap_or(0)
                + self.ranges.last().map_or(0, |r| r.1 - r.0 + 1)
        });
        match self.ranges.get(i) {
            Some(&(lo, _)) if lo <= k => full + (k - lo + 1),
            _ => full,
        }
    }

    /// How many dead turns are in `[a, b]`.
    fn within(&self, a: i64, b: i64) -> i64 {
        if a > b {
            return 0;
        }
        self.up_to(b) - self.up_to(a.saturating_sub(1))
    }
}

/// The turn clock of one layer.
#[derive(Clone, Debug)]
pub struct Rotation<'z> {
    zone: &'z Zone,
    clock: Clock,
    /// Seconds per turn (positive); the average for months and points.
    shift: i64,
    grid: Grid,
    /// The first handoff instant: turn 0 starts here; nobody before
    /// unless the rotation runs backwards.
    first: i64,
    /// The local reading of the first handoff (wall clock turns count from it).
    base: i64,
    /// Turns before the first handoff (`before_handoff: rotate`).
    backwards: bool,
    /// Where a reading in a DST gap happens (the schedule's `dst_gap`).
    gap: DstGap,
    /// Where the local reading `base` resolves: `first`, except for an
    /// absolute handoff in the second occurrence of a repeated hour (only
    /// computed for a rotation that runs backwards; `first` otherwise).
    base_instant: i64,
    /// `turn_count: instants`: turns are numbered by distinct handoff
    /// instants ([`Rotation::position`]).
    instants: bool,
    /// The grid turns that are never on (overtaken at a DST gap), found
    /// on first use with `turn_count: instants`.
    dead: OnceCell<Dead>,
    /// Where the last resolution was found in the zone's table (turns are
    /// mostly asked for in order).
    cursor: Cell<Cursor>,
    /// Where the last instant was found in the zone's table (the same).
    hint: Cell<usize>,
}

impl<'z> Rotation<'z> {
    /// The rotation of a layer's turns in a zone, its readings in a DST
    /// gap resolved as the schedule's `dst_gap` says.
    pub fn new(layer: &Turns, zone: &'z Zone, gap: DstGap) -> Rotation<'z> {
        // Longer than the range of instants behaves the same: one turn.
        let shift = layer.shift.value.0.clamp(1, MAX_SHIFT);
        let (first, base) = match layer.handoff.value {
            DateTimeSpec::Local(local) => {
                let base = local_seconds(local);
                (zone.instant_by(base, gap), base)
            }
            DateTimeSpec::Absolute(t) => (t.0, zone.local_of(t.0)),
        };
        let backwards = layer.before_handoff == BeforeHandoff::Rotate;
        let grid = match &layer.cadence {
            Cadence::Shift => Grid::Shift(shift),
            Cadence::Months(n) => Grid::Months {
                months: i64::from(*n).max(1),
                overflow: layer.month_overflow,
                month: month_of(base),
            },
            Cadence::Points { points, every } => {
                let points = Points::new(points, layer.month_overflow);
                let forward = points.at_or_below(base);
                let backward = points.at_or_below(base.saturating_sub(1)) + 1;
                Grid::Points {
                    points,
                    every: i64::from(*every).max(1),
                    forward,
                    backward,
                }
            }
        };
        // Months and points count on the wall clock only.
        let clock = match grid {
            Grid::Shift(_) => layer.clock,
            _ => Clock::Wall,
        };
        // Only turns before the handoff need it.
        let base_instant = match clock {
            Clock::Wall if backwards => zone.instant_by(base, gap),
            _ => first,
        };
        Rotation {
            zone,
            clock,
            shift,
            grid,
            first,
            base,
            backwards,
            gap,
            base_instant,
            instants: layer.turn_count == TurnCount::Instants,
            dead: OnceCell::new(),
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
    pub(crate) fn reading(&self, k: i64) -> i64 {
        match &self.grid {
            Grid::Shift(shift) => self.base.saturating_add(k.saturating_mul(*shift)),
            _ if k == 0 => self.base,
            Grid::Months {
                months, overflow, ..
            } => add_months(self.base, k.saturating_mul(*months), *overflow),
            Grid::Points {
                points,
                every,
                forward,
                backward,
            } => {
                let from = if k > 0 { forward } else { backward };
                points.point(from.saturating_add(k.saturating_mul(*every)))
            }
        }
    }

    /// The highest turn whose reading is at or before the reading `x`.
    pub(crate) fn turn_below(&self, x: i64) -> i64 {
        match &self.grid {
            Grid::Shift(shift) => (x - self.base).div_euclid(*shift),
            Grid::Months { months, month, .. } => {
                // Months from the handoff's, then the exact turn nearby
                // (readings increase; a month is never shorter than 28 days).
                let mut k = (month_of(x) - month).div_euclid(*months);
                while self.reading(k.saturating_add(1)) <= x && k < i64::MAX / 2 {
                    k += 1;
                }
                while self.reading(k) > x && k > i64::MIN / 2 {
                    k -= 1;
                }
                k
            }
            Grid::Points {
                points,
                every,
                forward,
                backward,
            } => {
                let i = points.at_or_below(x);
                if x >= self.base {
                    (i - forward).div_euclid(*every)
                } else {
                    (i - backward).div_euclid(*every)
                }
            }
        }
    }

    /// How many turns start in `[lo, hi)`, or a little more: what the
    /// sweep checks against its budget before computing them.
    pub(crate) fn turns_within(&self, lo: i64, hi: i64) -> i64 {
        match (&self.grid, self.clock) {
            (Grid::Shift(shift), _) => ((hi - lo) / shift).saturating_add(1),
            _ => {
                // Readings within a day of the instants' own readings.
                let a = self.zone.local_of(lo).saturating_sub(2 * 86_400);
                let b = self.zone.local_of(hi).saturating_add(2 * 86_400);
                (self.turn_below(b) - self.turn_below(a)).saturating_add(1)
            }
        }
    }

    /// The number of grid turn `k` as shown and rotated through: `k` itself,
    /// or with `turn_count: instants` its place among the turns that are
    /// ever on (turn 0, or the first after it that is on, is 0), so that
    /// the rotation advances one member per distinct handoff instant.
    /// Meaningful for turns that are on.
    pub fn position(&self, k: i64) -> i64 {
        if !self.instants {
            return k;
        }
        let dead = self.dead.get_or_init(|| self.dead_turns());
        if k >= 0 {
            k - dead.within(0, k)
        } else {
            k + dead.within(k, -1)
        }
    }

    /// The grid turn after `k` that is on (its [`Rotation::position`] is
    /// one more), and the one before it (one less; `None` before the
    /// first handoff without `before_handoff: rotate`). For turn `k` on.
    pub fn live_neighbours(&self, k: i64) -> (i64, Option<i64>) {
        let next = self.handoff_after(k).1;
        let previous = self.turn_at(self.start(k).saturating_sub(1));
        (next, previous)
    }

    /// The grid turns that are never on: at each DST gap of the zone, the
    /// turns whose start a later turn's start reaches (with
    /// `dst_gap: transition` the readings in the gap and at its end all
    /// happen at the transition; otherwise a reading in the gap moves
    /// forward by its length, past readings just after it). Turn 0 too,
    /// when an absolute handoff lies after turn 1's start.
    fn dead_turns(&self) -> Dead {
        let mut ranges: Vec<(i64, i64)> = Vec::new();
        if self.clock == Clock::Wall {
            for tr in self.zone.table() {
                if tr.after <= tr.before {
                    continue;
                }
                let length = i64::from(tr.after - tr.before);
                // Readings in the gap, and the first at or after its end.
                let (start, end) = (tr.at + i64::from(tr.before), tr.at + i64::from(tr.after));
                let first_in = self.turn_below(start - 1).saturating_add(1);
                let last_in = self.turn_below(end - 1);
                if last_in < first_in {
                    continue;
                }
                let range = match self.gap {
                    // All of [start, end] happen at the transition; the
                    // highest of them is on.
                    DstGap::Transition => (first_in, self.turn_below(end) - 1),
                    // A reading r in the gap is overtaken when a reading
                    // at or after the end is at most r + length.
                    DstGap::Shift => {
                        let after = last_in.saturating_add(1);
                        let lowest = self.turn_below(self.reading(after) - length - 1) + 1;
                        (lowest.max(first_in), last_in)
                    }
                };
                if range.0 <= range.1 {
                    ranges.push(range);
                }
            }
        }
        if self.first != self.resolve(self.base).0 && self.start(1) <= self.first {
            ranges.push((0, 0));
        }
        ranges.sort_unstable();
        let mut merged: Vec<(i64, i64)> = Vec::new();
        for r in ranges {
            match merged.last_mut() {
                Some(last) if r.0 <= last.1.saturating_add(1) => last.1 = last.1.max(r.1),
                _ => merged.push(r),
            }
        }
        let mut before = Vec::with_capacity(merged.len());
        let mut total = 0i64;
        for r in &merged {
            before.push(total);
            total = total.saturating_add(r.1 - r.0 + 1);
        }
        Dead {
            ranges: merged,
            before,
        }
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

    /// Where a reading happens (by the schedule's `dst_gap`), and how it
    /// resolved.
    fn resolve(&self, reading: i64) -> (i64, LocalHit) {
        let mut cursor = self.cursor.get();
        let r = self.zone.resolve_with(reading, &mut cursor);
        self.cursor.set(cursor);
        (by_rule(reading, r, self.gap, DstFoldClose::Earlier), r.1)
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
                let k3 = self.turn_below(by.current);
                if self.reading(k3) >= by.claim_start {
                    k3
                } else {
                    // Readings before the latest transition: those in its
                    // gap happen at it with `dst_gap: transition` (at or
                    // before `t`), else `before` the jump's offset later.
                    let gap = by.current > by.before;
                    let bound = if gap && self.gap == DstGap::Transition {
                        by.claim_start - 1
                    } else {
                        by.before.min(by.claim_start - 1)
                    };
                    self.turn_below(bound)
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
                        let j = self.turn_below(gap_end - 1) + 1;
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
