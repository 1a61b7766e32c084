//! The sweep: per layer, the visible turns as pieces; then one pass over
//! every change point of all layers and overrides, building maximal shifts.
//! (The overrides in force and their working set are in `overrides`.)

use super::events::{self, Segments};
use super::overrides::InForce;
use super::rotation::Rotation;
use super::timeline::{Entry, Scratch, Timeline};
use super::{Shift, Source, Why, INTERVAL_LIMIT, OVERRIDE_WORK_LIMIT};
use crate::error::QueryError;
use crate::model::{Combine, Layer, LayerEvent, LayerKind, Model, PersonIdx, Schedule, Turns};
use crate::time::window::open_intervals_by;
use crate::time::{local_seconds, Timestamp, Zone};
use crate::time::{DateTimeSpec, DstGap};

/// One stretch of one layer's turn while the layer is visible (inside its
/// active range and restriction windows) and the turn has people.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Piece {
    start: i64,
    end: i64,
    turn: i64,
    turn_start: i64,
    turn_end: i64,
    /// Index into the layer's `members`: whose turn it is.
    member: u32,
}

/// A schedule ready to be swept in its zone.
pub(crate) struct Sweep<'m> {
    model: &'m Model,
    schedule: &'m Schedule,
    zone: Zone,
    /// The most turn pieces one run may compute.
    budget: usize,
    /// The most override work (people looked at) one run may do.
    override_budget: usize,
}

/// The work one [`Sweep::containing`] look may do: a single on-call
/// question stays cheap even when a one-second rotation keeps one person
/// on for a year (the shift is then cut where the look ended).
const CONTAINING_BUDGET: usize = 50_000;
/// The override work one [`Sweep::containing`] look may do.
const CONTAINING_OVERRIDE_BUDGET: usize = 2_000_000;

/// The instant a document date-time means in the schedule's zone, a local
/// one in a DST gap resolved as the schedule's `dst_gap` says.
pub(crate) fn instant_of(zone: &Zone, spec: &DateTimeSpec, gap: DstGap) -> i64 {
    match spec {
        DateTimeSpec::Absolute(t) => t.0,
        DateTimeSpec::Local(local) => zone.instant_by(local_seconds(*local), gap),
    }
}

fn too_many(schedule: &Schedule) -> QueryError {
    QueryError::new(
        "too-many-intervals",
        format!(
            "schedule `{}` changes more than {INTERVAL_LIMIT} times in the window asked",
            schedule.id.value
        ),
    )
    .with_help("ask for a shorter window, or check the layers' `shift` lengths")
}

fn too_many_reasons(schedule: &Schedule) -> QueryError {
    QueryError::new(
        "too-many-intervals",
        format!(
            "the shifts of schedule `{}` in the window asked give more than \
             {INTERVAL_LIMIT} reasons for people to be on call",
            schedule.id.value
        ),
    )
    .with_help("ask for a shorter window")
}

fn too_many_overrides(schedule: &Schedule) -> QueryError {
    QueryError::new(
        "too-many-overrides",
        format!(
            "schedule `{}` has too many overrides in force at once in the window asked \
             (applying them would look at more than {OVERRIDE_WORK_LIMIT} people)",
            schedule.id.value
        ),
    )
    .with_help("ask for a shorter window, or merge overrides that overlap")
}

impl<'m> Sweep<'m> {
    pub(crate) fn new(model: &'m Model, schedule: &'m Schedule) -> Self {
        Sweep {
            model,
            schedule,
            zone: Zone::new(schedule.timezone),
            budget: INTERVAL_LIMIT,
            override_budget: OVERRIDE_WORK_LIMIT,
        }
    }

    /// The visible pieces of layer `li` over `[a, b)`: its turns, or its
    /// events' segments.
    fn layer_pieces(
        &self,
        li: usize,
        a: i64,
        b: i64,
        budget: &mut usize,
        scratch: &mut Scratch,
        pieces: &mut Vec<Piece>,
    ) -> Result<(), QueryError> {
        pieces.clear();
        let Some(layer) = self.schedule.layers.get(li) else {
            return Ok(());
        };
        match &layer.kind {
            LayerKind::Rotation(turns) => {
                self.turn_pieces(layer, turns, a, b, budget, scratch, pieces)
            }
            LayerKind::Events(events) => {
                self.event_pieces(li, layer, events, a, b, budget, scratch, pieces)
            }
        }
    }

    /// The visible segments of an events layer over `[a, b)`: each piece's
    /// `member` is its segment's index in `scratch.events[li]`.
    #[allow(clippy::too_many_arguments)]
    fn event_pieces(
        &self,
        li: usize,
        layer: &Layer,
        events: &[LayerEvent],
        a: i64,
        b: i64,
        budget: &mut usize,
        scratch: &mut Scratch,
        pieces: &mut Vec<Piece>,
    ) -> Result<(), QueryError> {
        while scratch.events.len() <= li {
            scratch.events.push(Segments::default());
        }
        let mut lo = a;
        if let Some(from) = &layer.from {
            lo = lo.max(instant_of(&self.zone, &from.value, self.schedule.dst.gap));
        }
        let mut hi = b;
        if let Some(until) = &layer.until {
            hi = hi.min(instant_of(&self.zone, &until.value, self.schedule.dst.gap));
        }
        let mut seg = std::mem::take(&mut scratch.events[li]);
        seg.occ.clear();
        seg.list.clear();
        let result = (|| {
            if lo >= hi {
                return Ok(());
            }
            events::occurrences(events, lo, hi, budget, &mut seg.occ)
                .and_then(|()| seg.build(lo, hi, budget))
                .map_err(|l| self.limit(l))?;
            scratch.windows.clear();
            scratch
                .windows
                .extend(layer.restrictions.iter().map(|w| w.value));
            open_intervals_by(
                &self.zone,
                &scratch.windows,
                self.schedule.dst,
                lo,
                hi,
                *budget,
                &mut scratch.open,
            )
            .map_err(|_| too_many(self.schedule))?;
            *budget = budget.saturating_sub(scratch.open.len());
            let open = &scratch.open;
            let mut w = 0usize;
            for (i, &(s, e, _, _)) in seg.list.iter().enumerate() {
                while open.get(w).is_some_and(|o| o.1 <= s) {
                    w += 1;
                }
                let mut j = w;
                while let Some(&(oa, ob)) = open.get(j) {
                    if oa >= e {
                        break;
                    }
                    let (pa, pb) = (oa.max(s), ob.min(e));
                    if pa < pb {
                        if *budget == 0 {
                            return Err(too_many(self.schedule));
                        }
                        *budget -= 1;
                        pieces.push(Piece {
                            start: pa,
                            end: pb,
                            turn: 0,
                            turn_start: pa,
                            turn_end: pb,
                            member: i as u32,
                        });
                    }
                    j += 1;
                }
            }
            Ok(())
        })();
        scratch.events[li] = seg;
        result
    }

    fn limit(&self, l: events::Limit) -> QueryError {
        match l {
            events::Limit::Intervals => too_many(self.schedule),
            events::Limit::Recurrence(e) => QueryError::new(
                "too-many-intervals",
                format!(
                    "an event of schedule `{}` recurs more often than can be computed in the window asked (over {} steps)",
                    self.schedule.id.value, e.limit
                ),
            )
            .with_help("ask for a shorter window, or check the events' `repeat` rules"),
        }
    }

    /// The visible turns of a rotation layer over `[a, b)`.
    #[allow(clippy::too_many_arguments)]
    fn turn_pieces(
        &self,
        layer: &Layer,
        turns: &Turns,
        a: i64,
        b: i64,
        budget: &mut usize,
        scratch: &mut Scratch,
        pieces: &mut Vec<Piece>,
    ) -> Result<(), QueryError> {
        let gap = self.schedule.dst.gap;
        let rotation = Rotation::new(turns, &self.zone, gap);
        // Nobody before the first handoff, unless the rotation runs backwards.
        let mut lo = a.max(rotation.starts().unwrap_or(a));
        if let Some(from) = &layer.from {
            lo = lo.max(instant_of(&self.zone, &from.value, gap));
        }
        let mut hi = b;
        if let Some(until) = &layer.until {
            hi = hi.min(instant_of(&self.zone, &until.value, gap));
        }
        if lo >= hi || turns.members.is_empty() {
            return Ok(());
        }
        // Fail fast when the turns alone exceed the budget.
        let estimate = rotation.turns_within(lo, hi);
        if usize::try_from(estimate).unwrap_or(usize::MAX) > *budget {
            return Err(too_many(self.schedule));
        }
        scratch.windows.clear();
        scratch
            .windows
            .extend(layer.restrictions.iter().map(|w| w.value));
        open_intervals_by(
            &self.zone,
            &scratch.windows,
            self.schedule.dst,
            lo,
            hi,
            *budget,
            &mut scratch.open,
        )
        .map_err(|_| too_many(self.schedule))?;
        let open = &scratch.open;
        *budget = budget.saturating_sub(open.len());

        let n = turns.members.len() as i64;
        pieces.reserve(open.len().max(4));
        let mut w = 0usize;
        let Some(mut k) = rotation.turn_at(lo) else {
            return Ok(());
        };
        let mut cur = lo;
        // Turn `k`'s start when the last handoff gave it.
        let mut known_start = None;
        while cur < hi {
            if *budget == 0 {
                return Err(too_many(self.schedule));
            }
            *budget -= 1;
            let (end, next) = rotation.handoff_after(k);
            let seg_end = end.min(hi);
            // The turn's number (by instants with `turn_count: instants`).
            let turn = rotation.position(k);
            let member = turn.rem_euclid(n) as usize;
            let staffed = turns.members.get(member).is_some_and(|m| !m.is_empty());
            if staffed && seg_end > cur {
                let turn_start = known_start.unwrap_or_else(|| rotation.start(k));
                // Intersect [cur, seg_end) with the open windows.
                while open.get(w).is_some_and(|o| o.1 <= cur) {
                    w += 1;
                }
                let mut j = w;
                while let Some(&(oa, ob)) = open.get(j) {
                    if oa >= seg_end {
                        break;
                    }
                    let (pa, pb) = (oa.max(cur), ob.min(seg_end));
                    if pa < pb {
                        pieces.push(Piece {
                            start: pa,
                            end: pb,
                            turn,
                            turn_start,
                            turn_end: end,
                            member: member as u32,
                        });
                    }
                    j += 1;
                }
            }
            if end >= hi {
                break;
            }
            // The next turn starts at `end` when it is turn k + 1; one
            // overtaking it after a DST gap is asked for its start.
            known_start = (next == k + 1).then_some(end);
            cur = end;
            k = next;
        }
        Ok(())
    }

    /// Shifts over `[a, b)` (`a < b`) as a list.
    pub(crate) fn run(&self, a: i64, b: i64) -> Result<Vec<Shift>, QueryError> {
        let mut timeline = Timeline::default();
        self.run_into(a, b, &mut timeline)?;
        Ok(timeline.to_shifts())
    }

    /// Shifts over `[a, b)` (`a < b`) into a reusable timeline.
    pub(crate) fn run_into(&self, a: i64, b: i64, out: &mut Timeline) -> Result<(), QueryError> {
        out.clear();
        if !self.schedule.is_enabled() {
            // `enabled: false`: one gap over the whole window.
            let Timeline {
                entries,
                people,
                why,
                scratch,
            } = out;
            let flat = Flat {
                shifts: entries,
                people,
                why,
            };
            let _ = emit(flat, &mut scratch.seen, &mut scratch.people, a, b, &[]);
            return Ok(());
        }
        let mut budget = self.budget;
        let mut override_budget = self.override_budget;
        let layers = &self.schedule.layers;
        let Timeline {
            entries: shifts,
            people: all_people,
            why: all_why,
            scratch,
        } = out;
        while scratch.pieces.len() < layers.len() {
            scratch.pieces.push(Vec::new());
        }
        let mut pieces = std::mem::take(&mut scratch.pieces);
        for (li, list) in pieces.iter_mut().enumerate().take(layers.len()) {
            if let Err(e) = self.layer_pieces(li, a, b, &mut budget, scratch, list) {
                scratch.pieces = pieces;
                return Err(e);
            }
        }
        scratch.overrides.clear();
        scratch
            .overrides
            .extend(self.schedule.overrides.iter().map(|o| {
                (
                    instant_of(&self.zone, &o.from.value, self.schedule.dst.gap),
                    instant_of(&self.zone, &o.to.value, self.schedule.dst.gap),
                )
            }));
        let mut in_force = InForce::new(&scratch.overrides, a, b);
        // Each layer's own overrides (none for most layers: no allocation).
        let mut layer_force: Vec<Option<InForce>> = Vec::new();
        if layers.iter().any(|l| !l.overrides.is_empty()) {
            let gap = self.schedule.dst.gap;
            layer_force.extend(layers.iter().map(|l| {
                (!l.overrides.is_empty()).then(|| {
                    let bounds: Vec<(i64, i64)> = l
                        .overrides
                        .iter()
                        .map(|o| {
                            (
                                instant_of(&self.zone, &o.from.value, gap),
                                instant_of(&self.zone, &o.to.value, gap),
                            )
                        })
                        .collect();
                    InForce::new(&bounds, a, b)
                })
            }));
        }
        let mut layer_entries: Vec<Why> = Vec::new();
        // The order layers are looked at: by level, highest first (ties: the
        // top-most first); empty when levels are the positions (top down).
        let mut order: Vec<usize> = Vec::new();
        if layers
            .iter()
            .enumerate()
            .any(|(i, l)| l.level != i as i64 + 1)
        {
            order.extend((0..layers.len()).rev());
            order.sort_by_key(|&i| std::cmp::Reverse(layers.get(i).map_or(0, |l| l.level)));
        }

        scratch.cursors.clear();
        scratch.cursors.resize(layers.len(), 0);
        let changes: usize = pieces
            .iter()
            .take(layers.len())
            .map(Vec::len)
            .sum::<usize>()
            * 2
            + in_force.len() * 2
            + layer_force
                .iter()
                .flatten()
                .map(|f| f.len() * 2)
                .sum::<usize>();
        shifts.reserve((changes + 1).min(INTERVAL_LIMIT));
        let entries = &mut scratch.entries;
        let people = &mut scratch.people;
        let mut cur = a;
        let mut result = Ok(());
        while cur < b {
            let mut next = b;
            entries.clear();
            // The level of the layers that won (`combine: top`).
            let mut found_top: Option<i64> = None;
            // Highest level (top-most layer) first, so `combine: top` stops
            // after the first staffed level.
            for i in 0..layers.len() {
                let li = order.get(i).copied().unwrap_or(layers.len() - 1 - i);
                let level = layers.get(li).map_or(0, |l| l.level);
                let (Some(list), Some(c)) = (pieces.get(li), scratch.cursors.get_mut(li)) else {
                    continue;
                };
                while list.get(*c).is_some_and(|p| p.end <= cur) {
                    *c += 1;
                }
                // The layer's turn now, if it shows.
                let piece = match list.get(*c) {
                    Some(p) if p.start > cur => {
                        next = next.min(p.start);
                        None
                    }
                    Some(p) => {
                        next = next.min(p.end);
                        Some(p)
                    }
                    None => None,
                };
                let skip = found_top.is_some_and(|top| level < top)
                    && self.schedule.combine == Combine::Top;
                // The layer's own overrides in force apply to its set first.
                let force = layer_force.get_mut(li).and_then(Option::as_mut);
                if let Some(force) = force {
                    next = next.min(force.advance(cur));
                    if !force.is_empty() {
                        layer_entries.clear();
                        if let Some(p) = piece {
                            self.push_turn(li, p, &scratch.events, &mut layer_entries);
                        }
                        let overrides = layers.get(li).map_or(&[][..], |l| &l.overrides);
                        let work = force.apply(
                            overrides,
                            Some(li as u32),
                            &mut layer_entries,
                            &mut scratch.present,
                            self.model.people.len(),
                        );
                        override_budget = override_budget.saturating_sub(work);
                        if !layer_entries.is_empty() && !skip {
                            found_top = Some(level);
                            entries.append(&mut layer_entries);
                        }
                        continue;
                    }
                }
                if let (Some(p), false) = (piece, skip) {
                    found_top = Some(level);
                    self.push_turn(li, p, &scratch.events, entries);
                }
            }
            if override_budget == 0 {
                result = Err(too_many_overrides(self.schedule));
                break;
            }
            next = next.min(in_force.advance(cur));
            if !in_force.is_empty() {
                let work = in_force.apply(
                    &self.schedule.overrides,
                    None,
                    entries,
                    &mut scratch.present,
                    self.model.people.len(),
                );
                override_budget = override_budget.saturating_sub(work);
                if override_budget == 0 {
                    result = Err(too_many_overrides(self.schedule));
                    break;
                }
            }
            self.sort_entries(entries);
            let flat = Flat {
                shifts: &mut *shifts,
                people: &mut *all_people,
                why: &mut *all_why,
            };
            if emit(flat, &mut scratch.seen, people, cur, next, entries).is_err() {
                result = Err(if shifts.len() >= INTERVAL_LIMIT {
                    too_many(self.schedule)
                } else {
                    too_many_reasons(self.schedule)
                });
                break;
            }
            cur = next;
        }
        scratch.pieces = pieces;
        result
    }

    fn push_turn(&self, li: usize, p: &Piece, segments: &[Segments], entries: &mut Vec<Why>) {
        let Some(layer) = self.schedule.layers.get(li) else {
            return;
        };
        match &layer.kind {
            LayerKind::Rotation(turns) => {
                let Some(members) = turns.members.get(p.member as usize) else {
                    return;
                };
                let source = Source::Turn {
                    layer: li as u32,
                    turn: p.turn,
                    start: Timestamp(p.turn_start),
                    end: Timestamp(p.turn_end),
                };
                for &person in members {
                    entries.push(Why { person, source });
                }
            }
            LayerKind::Events(events) => {
                let Some(seg) = segments.get(li) else {
                    return;
                };
                let Some(&(_, _, first, last)) = seg.list.get(p.member as usize) else {
                    return;
                };
                for &i in seg.active.get(first as usize..last as usize).unwrap_or(&[]) {
                    let Some(o) = seg.occ.get(i as usize) else {
                        continue;
                    };
                    let Some(event) = events.get(o.event as usize) else {
                        continue;
                    };
                    let source = Source::Event {
                        layer: li as u32,
                        event: o.event,
                        start: Timestamp(o.start),
                        end: Timestamp(o.end),
                    };
                    for &person in &event.people {
                        entries.push(Why { person, source });
                    }
                }
            }
        }
    }

    /// Sorts by person id (then keeps the order of reasons), dropping
    /// repeated identical reasons.
    fn sort_entries(&self, entries: &mut Vec<Why>) {
        if entries.len() > 1 {
            let people = &self.model.people;
            let id = |p: PersonIdx| {
                people
                    .get(p.index())
                    .map(|x| x.id.value.as_str())
                    .unwrap_or("")
            };
            entries.sort_by(|x, y| id(x.person).cmp(id(y.person)));
            entries.dedup();
        }
    }

    /// The shift containing `t`, looking at most a year either way and
    /// computing at most [`CONTAINING_BUDGET`] turn pieces per look (the
    /// shift is cut where the widest look that fitted ended).
    pub(crate) fn containing(&self, t: i64) -> Option<Shift> {
        const YEAR: i64 = 366 * 86_400;
        let limited = Sweep {
            model: self.model,
            schedule: self.schedule,
            zone: self.zone.clone(),
            budget: self.budget.min(CONTAINING_BUDGET),
            override_budget: self.override_budget.min(CONTAINING_OVERRIDE_BUDGET),
        };
        let min_shift = self
            .schedule
            .layers
            .iter()
            .map(|l| l.turns().map_or(86_400, |t| t.shift.value.0.max(1)))
            .min()
            .unwrap_or(86_400);
        let first = (min_shift.saturating_mul(2)).clamp(3600, 8 * 86_400);
        let (mut back, mut fwd) = (first, first);
        let clamp = |x: i64| x.clamp(Timestamp::MIN.0, Timestamp::MAX.0);
        // The shift found in the widest window computed so far: returned,
        // cut at that window, when a wider one has too many changes.
        let mut best = None;
        loop {
            let (a, b) = (clamp(t.saturating_sub(back)), clamp(t.saturating_add(fwd)));
            if a >= b || t < a || t >= b {
                return best;
            }
            let Ok(shifts) = limited.run(a, b) else {
                // Even the first look was too much for the quick budget
                // (thousands of overrides or event occurrences in force):
                // this window with the query's own budget, else the
                // instant itself (never "nobody" for want of budget).
                return best.or_else(|| {
                    let holds = |s: &Shift| s.start.0 <= t && t < s.end.0;
                    if let Some(s) = self.run(a, b).ok().and_then(|l| l.into_iter().find(holds)) {
                        return Some(s);
                    }
                    let at = self.run(t, t.saturating_add(1)).ok()?;
                    at.into_iter().next()
                });
            };
            let Some(shift) = shifts.into_iter().find(|s| s.start.0 <= t && t < s.end.0) else {
                return best;
            };
            let grow_back = shift.start.0 == a && back < YEAR && a > Timestamp::MIN.0;
            let grow_fwd = shift.end.0 == b && fwd < YEAR && b < Timestamp::MAX.0;
            if !grow_back && !grow_fwd {
                return Some(shift);
            }
            best = Some(shift);
            if grow_back {
                back = (back * 4).min(YEAR);
            }
            if grow_fwd {
                fwd = (fwd * 4).min(YEAR);
            }
        }
    }
}

/// The timeline's arrays being filled.
struct Flat<'a> {
    shifts: &'a mut Vec<Entry>,
    people: &'a mut Vec<PersonIdx>,
    why: &'a mut Vec<Why>,
}

/// Appends `[start, end)` with the reasons `entries` (sorted by person id),
/// extending the last shift instead when its set is the same. Fails past
/// [`INTERVAL_LIMIT`] shifts or reasons.
fn emit(
    out: Flat<'_>,
    seen: &mut std::collections::HashSet<Why>,
    people: &mut Vec<PersonIdx>,
    start: i64,
    end: i64,
    entries: &[Why],
) -> Result<(), ()> {
    // The set: the people of `entries`, once each (one reason: no copy).
    let single;
    let people: &[PersonIdx] = match entries {
        [] => &[],
        [one] => {
            single = [one.person];
            &single
        }
        _ => {
            people.clear();
            people.extend(entries.iter().map(|e| e.person));
            people.dedup();
            people
        }
    };
    let Flat {
        shifts,
        people: all_people,
        why: all_why,
    } = out;
    let same = shifts.last().is_some_and(|last| {
        all_people.get(last.people.0 as usize..last.people.1 as usize) == Some(people)
    });
    match shifts.last_mut() {
        Some(last) if same => {
            last.end = end;
            let from = last.why.0 as usize;
            // Keep reasons distinct: a short list is searched, a long one (a
            // merged run of many turns) is hashed.
            for e in entries {
                let known = match all_why.get(from..) {
                    Some(w) if w.len() <= 16 => w.contains(e),
                    Some(w) => {
                        if seen.is_empty() {
                            seen.extend(w.iter().copied());
                        }
                        seen.contains(e)
                    }
                    None => false,
                };
                if !known {
                    all_why.push(*e);
                    if !seen.is_empty() {
                        seen.insert(*e);
                    }
                }
            }
            last.why.1 = all_why.len() as u32;
            if all_why.len() >= INTERVAL_LIMIT {
                return Err(());
            }
        }
        _ => {
            seen.clear();
            if shifts.len() >= INTERVAL_LIMIT || all_why.len() >= INTERVAL_LIMIT {
                return Err(());
            }
            let p0 = all_people.len() as u32;
            for &p in people.iter() {
                all_people.push(p);
            }
            let w0 = all_why.len() as u32;
            for &e in entries {
                all_why.push(e);
            }
            shifts.push(Entry {
                start,
                end,
                people: (p0, all_people.len() as u32),
                why: (w0, all_why.len() as u32),
            });
        }
    }
    Ok(())
}
