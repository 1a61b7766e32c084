//! Matched schedules compared: where the on-call set differs, hours per
//! person, handoffs that moved.
//!
//! Both sides' shifts (maximal intervals of a constant on-call set) are
//! walked together; each stretch where neither changes is compared once,
//! people read through the matching (so OLD's `alice` and NEW's
//! `alice.nguyen`, matched, are the same person).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::matching::Who;
use super::weekly::WeekGrid;
use super::Cx;
use crate::model::{PersonIdx, Schedule, ScheduleIdx};
use crate::schedule::{Shift, Why};
use crate::time::{Timestamp, Zone};

/// A handoff moved by more than this is not paired with its old instant
/// (the on-call changes still say what happened).
pub const HANDOFF_PAIR_LIMIT: i64 = 7 * 86_400;

/// What differs in one matched schedule over the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScheduleDiff {
    pub old: ScheduleIdx,
    pub new: ScheduleIdx,
    /// Maximal intervals where the on-call sets differ, in order.
    pub on_call: Vec<OnCallChange>,
    /// People whose on-call time in the window differs, by NEW's id.
    pub hours: Vec<HoursChange>,
    /// Handoffs between the same people at another instant, in OLD's order.
    pub handoffs: Vec<HandoffMove>,
    /// The on-call changes folded into the display zone's week.
    pub week: WeekGrid,
}

impl ScheduleDiff {
    /// Whether nothing differs.
    pub fn is_empty(&self) -> bool {
        self.on_call.is_empty() && self.hours.is_empty() && self.handoffs.is_empty()
    }
}

/// An interval `[start, end)` on which OLD's and NEW's on-call sets differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnCallChange {
    pub start: Timestamp,
    pub end: Timestamp,
    /// OLD's on-call set, people as the comparison sees them (sorted).
    pub old: Vec<Who>,
    /// NEW's on-call set.
    pub new: Vec<Who>,
    /// Why OLD's people are on call then (OLD's layers, turns, overrides
    /// that hold during the interval).
    pub old_why: Vec<Why>,
    /// Why NEW's people are on call then.
    pub new_why: Vec<Why>,
}

/// One person's on-call time in the window, before and after.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HoursChange {
    pub person: Who,
    pub old_seconds: i64,
    pub new_seconds: i64,
}

/// A handoff from `before` to `after` that OLD makes at `old_at` and NEW at `new_at`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandoffMove {
    pub old_at: Timestamp,
    pub new_at: Timestamp,
    /// Who is on call just before (sorted).
    pub before: Vec<Who>,
    /// Who is on call from the handoff on (sorted).
    pub after: Vec<Who>,
}

impl HandoffMove {
    /// Seconds NEW's handoff is later than OLD's (negative: earlier).
    pub fn moved_seconds(&self) -> i64 {
        self.new_at.0 - self.old_at.0
    }
}

/// Whether OLD's set `old` and NEW's set `new` are the same people.
fn same_set(cx: &Cx<'_>, old: &[PersonIdx], new: &[PersonIdx]) -> bool {
    old.len() == new.len()
        && old.iter().all(|&o| {
            cx.matching
                .people
                .new_of(o.0)
                .is_some_and(|n| new.contains(&PersonIdx(n)))
        })
}

fn old_set(cx: &Cx<'_>, set: &[PersonIdx]) -> Vec<Who> {
    let mut out: Vec<Who> = set.iter().map(|&p| cx.matching.who_old(p)).collect();
    out.sort_unstable();
    out
}

fn new_set(cx: &Cx<'_>, set: &[PersonIdx]) -> Vec<Who> {
    let mut out: Vec<Who> = set.iter().map(|&p| cx.matching.who_new(p)).collect();
    out.sort_unstable();
    out
}

/// Adds a shift's reasons that hold during `[a, b)`, once each (`seen`:
/// those `out` has, so a change spanning a one-second rotation's many
/// turns costs a look-up per reason, not a scan of the list).
fn add_why(
    out: &mut Vec<Why>,
    seen: &mut HashSet<Why>,
    schedule: &Schedule,
    shift: Option<&Shift>,
    a: Timestamp,
    b: Timestamp,
) {
    let Some(shift) = shift else { return };
    for w in &shift.why {
        if w.source.overlaps(schedule, a, b) && seen.insert(*w) {
            out.push(*w);
        }
    }
}

/// The shift of a sorted, non-overlapping list holding `at` (advancing
/// `i`), and the end of the stretch it gives (the next shift's start when
/// none holds `at`).
fn holding<'s>(
    shifts: &'s [Shift],
    i: &mut usize,
    at: Timestamp,
    to: Timestamp,
) -> (Option<&'s Shift>, Timestamp) {
    while shifts.get(*i).is_some_and(|s| s.end <= at) {
        *i += 1;
    }
    match shifts.get(*i) {
        Some(s) if s.start <= at => (Some(s), s.end.min(to)),
        Some(s) => (None, s.start.min(to)),
        None => (None, to),
    }
}

/// Compares a matched schedule pair over the window; `old_shifts` and
/// `new_shifts` are each side's shifts in order (they may reach past the
/// window: they are clipped).
pub(crate) fn compare_schedule(
    cx: &Cx<'_>,
    os: ScheduleIdx,
    ns: ScheduleIdx,
    old_shifts: &[Shift],
    new_shifts: &[Shift],
) -> ScheduleDiff {
    let (from, to) = (cx.from, cx.to);
    let old_schedule = cx.old.schedule(os);
    let new_schedule = cx.new.schedule(ns);
    let mut on_call: Vec<OnCallChange> = Vec::new();
    // The reasons the last change has, per side.
    let (mut old_seen, mut new_seen) = (HashSet::new(), HashSet::new());
    let (mut i, mut j) = (0usize, 0usize);
    let mut at = from;
    while at < to {
        let (o, o_end) = holding(old_shifts, &mut i, at, to);
        let (n, n_end) = holding(new_shifts, &mut j, at, to);
        let end = o_end.min(n_end).max(at.add_seconds(1)).min(to);
        let o_set = o.map_or(&[][..], |s| s.on_call.as_slice());
        let n_set = n.map_or(&[][..], |s| s.on_call.as_slice());
        if !same_set(cx, o_set, n_set) {
            let (old, new) = (old_set(cx, o_set), new_set(cx, n_set));
            let extend = on_call
                .last()
                .is_some_and(|last| last.end == at && last.old == old && last.new == new);
            if !extend {
                old_seen.clear();
                new_seen.clear();
                on_call.push(OnCallChange {
                    start: at,
                    end,
                    old,
                    new,
                    old_why: Vec::new(),
                    new_why: Vec::new(),
                });
            }
            if let Some(last) = on_call.last_mut() {
                last.end = end;
                add_why(&mut last.old_why, &mut old_seen, old_schedule, o, at, end);
                add_why(&mut last.new_why, &mut new_seen, new_schedule, n, at, end);
            }
        }
        at = end;
    }
    let zone = Zone::new(cx.zone);
    let mut week = WeekGrid::default();
    for c in &on_call {
        week.add(&zone, c.start, c.end, false, false);
    }
    ScheduleDiff {
        old: os,
        new: ns,
        hours: hours(cx, old_shifts, new_shifts),
        handoffs: if on_call.is_empty() {
            Vec::new()
        } else {
            handoffs(cx, old_shifts, new_shifts)
        },
        on_call,
        week,
    }
}

/// Each person's on-call seconds in the window on both sides; those that differ.
fn hours(cx: &Cx<'_>, old_shifts: &[Shift], new_shifts: &[Shift]) -> Vec<HoursChange> {
    let mut totals: BTreeMap<Who, [i64; 2]> = BTreeMap::new();
    let clip = |s: &Shift| (s.end.min(cx.to).0 - s.start.max(cx.from).0).max(0);
    for s in old_shifts {
        let len = clip(s);
        for &p in &s.on_call {
            totals.entry(cx.matching.who_old(p)).or_default()[0] += len;
        }
    }
    for s in new_shifts {
        let len = clip(s);
        for &p in &s.on_call {
            totals.entry(cx.matching.who_new(p)).or_default()[1] += len;
        }
    }
    let mut out: Vec<HoursChange> = totals
        .into_iter()
        .filter(|(_, [a, b])| a != b)
        .map(|(person, [a, b])| HoursChange {
            person,
            old_seconds: a,
            new_seconds: b,
        })
        .collect();
    out.sort_by(|a, b| a.person.id(cx.old, cx.new).cmp(b.person.id(cx.old, cx.new)));
    out
}

/// One side's handoffs inside the window: instant, set before, set after.
fn side_handoffs(
    shifts: &[Shift],
    from: Timestamp,
    to: Timestamp,
) -> Vec<(Timestamp, &[PersonIdx], &[PersonIdx])> {
    shifts
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if from < b.start && b.start < to && a.end == b.start => {
                Some((b.start, a.on_call.as_slice(), b.on_call.as_slice()))
            }
            _ => None,
        })
        .collect()
}

/// How far a handoff is from its nearest neighbours in its own list.
fn room(list: &[(Timestamp, &[PersonIdx], &[PersonIdx])], i: usize) -> i64 {
    let t = list.get(i).map_or(0, |h| h.0 .0);
    let before = i
        .checked_sub(1)
        .and_then(|p| list.get(p))
        .map_or(i64::MAX, |h| t - h.0 .0);
    let after = list.get(i + 1).map_or(i64::MAX, |h| h.0 .0 - t);
    before.min(after)
}

/// Handoffs that one side makes and the other makes at another instant:
/// those of the same people (before and after), paired with the nearest
/// when the move is shorter than the turns around both (a rotation that
/// changed its members is not a moved handoff) and than
/// [`HANDOFF_PAIR_LIMIT`].
fn handoffs(cx: &Cx<'_>, old_shifts: &[Shift], new_shifts: &[Shift]) -> Vec<HandoffMove> {
    let old = side_handoffs(old_shifts, cx.from, cx.to);
    let new = side_handoffs(new_shifts, cx.from, cx.to);
    // Drop the handoffs both sides make at the same instant between the
    // same people; keep the others' positions.
    let mut old_left: Vec<usize> = Vec::new();
    let mut new_left: Vec<usize> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        match (old.get(i), new.get(j)) {
            (Some(o), Some(n)) if o.0 == n.0 => {
                if !(same_set(cx, o.1, n.1) && same_set(cx, o.2, n.2)) {
                    old_left.push(i);
                    new_left.push(j);
                }
                i += 1;
                j += 1;
            }
            (Some(o), Some(n)) if o.0 < n.0 => {
                old_left.push(i);
                i += 1;
            }
            (Some(_), None) => {
                old_left.push(i);
                i += 1;
            }
            (_, Some(_)) => {
                new_left.push(j);
                j += 1;
            }
            (None, None) => break,
        }
    }
    if old_left.is_empty() || new_left.is_empty() {
        return Vec::new();
    }
    // Group by the people on both sides of the handoff: (instant, is NEW's, room).
    type Key = (Vec<Who>, Vec<Who>);
    let mut groups: HashMap<Key, Vec<(Timestamp, bool, i64)>> = HashMap::new();
    for &k in &old_left {
        if let Some((t, before, after)) = old.get(k) {
            groups
                .entry((old_set(cx, before), old_set(cx, after)))
                .or_default()
                .push((*t, false, room(&old, k)));
        }
    }
    for &k in &new_left {
        if let Some((t, before, after)) = new.get(k) {
            groups
                .entry((new_set(cx, before), new_set(cx, after)))
                .or_default()
                .push((*t, true, room(&new, k)));
        }
    }
    let mut out = Vec::new();
    for ((before, after), mut list) in groups {
        list.sort_unstable();
        let mut k = 0;
        while let (Some(&a), Some(&b)) = (list.get(k), list.get(k + 1)) {
            let gap = b.0 .0 - a.0 .0;
            let near = a.1 != b.1 && gap <= HANDOFF_PAIR_LIMIT && gap < a.2 && gap < b.2;
            // Leave `a` alone when `b` is nearer to the one after it.
            let better_next = list
                .get(k + 2)
                .is_some_and(|c| c.1 != b.1 && c.0 .0 - b.0 .0 < gap);
            if near && !better_next {
                let (old_at, new_at) = if a.1 { (b.0, a.0) } else { (a.0, b.0) };
                out.push(HandoffMove {
                    old_at,
                    new_at,
                    before: before.clone(),
                    after: after.clone(),
                });
                k += 2;
            } else {
                k += 1;
            }
        }
    }
    out.sort_by_key(|h| (h.old_at, h.new_at));
    out
}
