//! The schedule queries on [`Evaluator`]: shifts, who is on call, quality.

use super::{Evaluator, QueryError};
use crate::model::PersonIdx;
use crate::model::{LayerKind, Model, ScheduleIdx};
use crate::output::{
    OnCallOutput, OnCallSchedule, QualityOutput, Shift, ShiftsCompact, ShiftsOutput, Why,
};
use crate::schedule::{ShiftRef, Timeline};
use crate::time::Timestamp;

/// The schedule with this id, or an error suggesting the closest ids.
pub(crate) fn find_schedule(model: &Model, id: &str) -> Result<ScheduleIdx, QueryError> {
    model.schedule_by_id(id).ok_or_else(|| {
        let known: Vec<String> = model
            .schedules
            .iter()
            .map(|s| format!("`{}`", s.id.value))
            .collect();
        let err = QueryError::new("unknown-schedule", format!("no schedule `{id}`"));
        if known.is_empty() {
            err.with_help("the document has no schedules")
        } else {
            err.with_help(format!("schedules: {}", known.join(", ")))
        }
    })
}

/// The person with this id, or an error suggesting the closest id.
pub(crate) fn find_person(model: &Model, id: &str) -> Result<crate::model::PersonIdx, QueryError> {
    model.person_by_id(id).ok_or_else(|| {
        let err = QueryError::new("unknown-person", format!("no person `{id}`"));
        match crate::suggest::did_you_mean(id, model.people.iter().map(|p| p.id.value.as_str())) {
            Some(help) => err.with_help(help),
            None => err.with_help("give the id of one of the document's `people`"),
        }
    })
}

/// The on-call answer for one schedule at `at`, explained when `explain`.
pub(crate) fn on_call_schedule(
    model: &Model,
    idx: ScheduleIdx,
    at: Timestamp,
    explain: bool,
) -> OnCallSchedule {
    let shift = crate::schedule::on_call_at(model, idx, at);
    let next = |t: Timestamp| crate::schedule::on_call_at(model, idx, t).on_call;
    on_call_answer(model, idx, at, shift_ref(&shift), next, explain)
}

/// An owned shift, borrowed.
fn shift_ref(s: &crate::schedule::Shift) -> ShiftRef<'_> {
    ShiftRef {
        start: s.start,
        end: s.end,
        on_call: &s.on_call,
        why: &s.why,
    }
}

/// The on-call answer for one schedule from the shift containing `at` and
/// the set in force at an instant (`next`, asked for the shift's end).
fn on_call_answer(
    model: &Model,
    idx: ScheduleIdx,
    at: Timestamp,
    shift: ShiftRef<'_>,
    next: impl FnOnce(Timestamp) -> Vec<PersonIdx>,
    explain: bool,
) -> OnCallSchedule {
    let schedule = model.schedule(idx);
    let ids = |people: &[PersonIdx]| -> Vec<String> {
        people
            .iter()
            .filter_map(|p| model.people.get(p.index()).map(|x| x.id.value.clone()))
            .collect()
    };
    let horizon = at.add_seconds(366 * 86_400);
    // A shift's end is a handoff unless it is only where the search for it
    // stopped (the same people on both sides).
    let next = (shift.end > at && shift.end < horizon)
        .then(|| (shift.end, next(shift.end)))
        .filter(|(_, next)| next.as_slice() != shift.on_call);
    let (next_handoff, next_on_call) = match next {
        Some((t, people)) => (Some(t), ids(&people)),
        None => (None, Vec::new()),
    };
    OnCallSchedule {
        schedule: schedule.id.value.clone(),
        timezone: schedule.timezone.name().to_string(),
        on_call: ids(shift.on_call),
        // Only the turns and overrides holding at `at` (a merged shift's
        // reasons name every turn in it).
        why: explain.then(|| {
            shift
                .why
                .iter()
                .filter(|w| w.source.holds_at(schedule, at))
                .map(|w| Why::new(model, schedule, w))
                .collect()
        }),
        since: shift.start,
        next_handoff,
        next_on_call,
    }
}

/// Schedules' shifts precomputed around the instants asked about, so that
/// "who is on call at `t`" is a binary search: what a long-lived handle
/// (the JS `Evaluator`) keeps between point queries, for
/// [`Evaluator::on_call_indexed`].
///
/// The answers are exactly [`Evaluator::on_call`]'s. That one finds the
/// shift containing `t` by sweeping a window around `t` (widened while the
/// shift touches its edge, up to a year each way, and cut where too many
/// changes make it stop); a precomputed shift is used only when that first
/// window would contain it whole, so that both find the same shift, and
/// only for schedules whose first window cannot run out of work. Anything
/// else is computed directly.
#[derive(Clone, Debug, Default)]
pub struct OnCallIndex {
    schedules: Vec<Option<Indexed>>,
}

/// One schedule's shifts over `[from, to)`.
#[derive(Clone, Debug)]
struct Indexed {
    from: i64,
    to: i64,
    /// The half-width of the direct computation's first window.
    first: i64,
    shifts: Vec<crate::schedule::Shift>,
    /// Per shift, its lean answer's JSON, once asked for.
    json: Vec<Option<String>>,
}

impl OnCallIndex {
    /// How far each way of the first instant asked about a schedule's
    /// shifts are precomputed (again around a later instant outside them).
    pub const REACH_SECONDS: i64 = 400 * 86_400;

    /// An empty index (schedules are indexed when first asked about).
    pub fn new() -> OnCallIndex {
        OnCallIndex::default()
    }

    /// The bounds of the precomputed shift of schedule `idx` that answers
    /// for `at`: its lean answer ([`Evaluator::on_call_explained`] without
    /// `why`) is the same for every instant in it. `None` when the answer is
    /// computed directly.
    pub fn shift_at(
        &mut self,
        model: &Model,
        idx: ScheduleIdx,
        at: Timestamp,
    ) -> Option<(Timestamp, Timestamp)> {
        self.shift(model, idx, at.0)
            .map(|(e, k)| (e.shifts[k].start, e.shifts[k].end))
    }

    /// The precomputed shift containing `t` when it answers exactly as the
    /// direct computation, computing the schedule's shifts around `t` first
    /// when they do not reach it.
    fn shift(&mut self, model: &Model, idx: ScheduleIdx, t: i64) -> Option<(&mut Indexed, usize)> {
        let i = idx.index();
        if self.schedules.len() <= i {
            self.schedules
                .resize(model.schedules.len().max(i + 1), None);
        }
        let fresh = |e: &Indexed| t - e.first > e.from && t + e.first < e.to;
        if !self.schedules[i].as_ref().is_some_and(fresh) {
            self.schedules[i] = index_schedule(model, idx, t);
        }
        let e = self.schedules[i].as_mut()?;
        let k = e
            .shifts
            .partition_point(|s| s.start.0 <= t)
            .checked_sub(1)?;
        let s = e.shifts.get(k)?;
        let whole = s.start.0 > e.from && s.end.0 < e.to;
        (whole && t < s.end.0 && t - s.start.0 < e.first && s.end.0 - t < e.first).then_some((e, k))
    }
}

/// The answer of an indexed shift (`k` in `e`) for `at`, inside it.
fn indexed_answer(
    model: &Model,
    i: ScheduleIdx,
    at: Timestamp,
    e: &Indexed,
    k: usize,
    explain: bool,
) -> OnCallSchedule {
    let next = |t: Timestamp| match e.shifts.get(k + 1) {
        Some(n) if n.start == t => n.on_call.clone(),
        _ => crate::schedule::on_call_at(model, i, t).on_call,
    };
    on_call_answer(model, i, at, shift_ref(&e.shifts[k]), next, explain)
}

/// A schedule's shifts around `t`, when point queries can be read from them.
fn index_schedule(model: &Model, idx: ScheduleIdx, t: i64) -> Option<Indexed> {
    let schedule = model.schedule(idx);
    let first = first_look(schedule);
    // The direct computation's first window must not run out of work (turn
    // pieces, event occurrences and their segments, override work): bounded
    // from the document, generously. A repeating event is not bounded here
    // (a rule can recur every second): such schedules are answered directly.
    let pieces: i64 = schedule
        .layers
        .iter()
        .map(|l| {
            let windows = 2 * (2 * first / 86_400 + 2) * l.restrictions.len() as i64;
            let own = match &l.kind {
                LayerKind::Rotation(t) => 2 * first / t.shift.value.0.max(1) + 2,
                LayerKind::Events(events) if events.iter().all(|e| e.repeat.is_none()) => {
                    // Each event once at most, and between the occurrences'
                    // starts and ends a segment costing its events plus one.
                    let n = events.len() as i64;
                    n.saturating_add(n.saturating_mul(2).saturating_mul(n.saturating_add(1)))
                }
                LayerKind::Events(_) => i64::MAX,
            };
            own.saturating_add(windows)
        })
        .fold(0i64, i64::saturating_add);
    let overrides = schedule.overrides.len()
        + schedule
            .layers
            .iter()
            .map(|l| l.overrides.len())
            .sum::<usize>();
    if pieces > 20_000 || overrides > 40 {
        return None;
    }
    let reach = OnCallIndex::REACH_SECONDS;
    let from = Timestamp(t.saturating_sub(reach)).clamp(Timestamp::MIN, Timestamp::MAX);
    let to = Timestamp(t.saturating_add(reach)).clamp(Timestamp::MIN, Timestamp::MAX);
    let shifts = crate::schedule::shifts(model, idx, from, to).ok()?;
    Some(Indexed {
        from: from.0,
        to: to.0,
        first,
        json: vec![None; shifts.len()],
        shifts,
    })
}

/// The half-width of the first window [`crate::schedule::on_call_at`]
/// sweeps around an instant: twice the shortest layer shift (a day for an
/// events layer), from an hour to 8 days (the same formula as
/// `Sweep::containing`; the test `indexed_on_call_is_the_direct_answer`
/// holds the two together).
fn first_look(schedule: &crate::model::Schedule) -> i64 {
    let min_shift = schedule
        .layers
        .iter()
        .map(|l| l.turns().map_or(86_400, |t| t.shift.value.0.max(1)))
        .min()
        .unwrap_or(86_400);
    min_shift.saturating_mul(2).clamp(3600, 8 * 86_400)
}

impl Evaluator {
    /// The shifts of a schedule over `[from, to)` (SPEC section 6 JSON, with
    /// an explanation per shift: what `escalator shifts --json` prints).
    pub fn shifts(
        &self,
        schedule_id: &str,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<ShiftsOutput, QueryError> {
        self.shifts_explained(schedule_id, from, to, true)
    }

    /// [`Evaluator::shifts`], with each shift's `why` only when `explain`.
    pub fn shifts_explained(
        &self,
        schedule_id: &str,
        from: Timestamp,
        to: Timestamp,
        explain: bool,
    ) -> Result<ShiftsOutput, QueryError> {
        let idx = find_schedule(&self.model, schedule_id)?;
        let mut list = crate::schedule::Timeline::new();
        crate::schedule::timeline(&self.model, idx, from, to, &mut list)?;
        let schedule = self.model.schedule(idx);
        Ok(ShiftsOutput {
            schedule: schedule.id.value.clone(),
            from,
            to,
            shifts: list
                .iter()
                .map(|s| Shift::new(&self.model, schedule, s, explain))
                .collect(),
        })
    }

    /// The shifts of a schedule over `[from, to)` in columns (see
    /// [`ShiftsCompact`]), swept into `scratch` (reused between calls).
    pub fn shifts_compact(
        &self,
        schedule_id: &str,
        from: Timestamp,
        to: Timestamp,
        scratch: &mut Timeline,
    ) -> Result<ShiftsCompact, QueryError> {
        let idx = find_schedule(&self.model, schedule_id)?;
        crate::schedule::timeline(&self.model, idx, from, to, scratch)?;
        let schedule = self.model.schedule(idx);
        Ok(ShiftsCompact::new(&self.model, schedule, from, to, scratch))
    }

    /// Who is on call at `at` in one schedule (or every schedule), why, and
    /// the next handoff (what `escalator oncall --json` prints).
    pub fn on_call(
        &self,
        at: Timestamp,
        schedule_id: Option<&str>,
    ) -> Result<OnCallOutput, QueryError> {
        self.on_call_explained(at, schedule_id, true)
    }

    /// [`Evaluator::on_call`], with `why` only when `explain`.
    pub fn on_call_explained(
        &self,
        at: Timestamp,
        schedule_id: Option<&str>,
        explain: bool,
    ) -> Result<OnCallOutput, QueryError> {
        Ok(OnCallOutput {
            at,
            schedules: self
                .schedules_asked(schedule_id)?
                .into_iter()
                .map(|i| on_call_schedule(&self.model, i, at, explain))
                .collect(),
        })
    }

    /// [`Evaluator::on_call_explained`] reading the shifts precomputed in
    /// `index` (and filling it): the same answers, a binary search each
    /// once the schedule is indexed around `at`.
    pub fn on_call_indexed(
        &self,
        index: &mut OnCallIndex,
        at: Timestamp,
        schedule_id: Option<&str>,
        explain: bool,
    ) -> Result<OnCallOutput, QueryError> {
        let mut schedules = Vec::new();
        for i in self.schedules_asked(schedule_id)? {
            let answer = match index.shift(&self.model, i, at.0) {
                Some((e, k)) => indexed_answer(&self.model, i, at, e, k, explain),
                None => on_call_schedule(&self.model, i, at, explain),
            };
            schedules.push(answer);
        }
        Ok(OnCallOutput { at, schedules })
    }

    /// The JSON of [`Evaluator::on_call_indexed`]'s answer (what the JS
    /// `onCall` hands over): the same text as `serde_json` of it, with the
    /// lean answer of each indexed shift serialized once and reused.
    pub fn on_call_json(
        &self,
        index: &mut OnCallIndex,
        at: Timestamp,
        schedule_id: Option<&str>,
        explain: bool,
    ) -> Result<String, QueryError> {
        let json = |value: &OnCallSchedule| serde_json::to_string(value).unwrap_or_default();
        let mut out = String::with_capacity(256);
        out.push_str("{\"at\":\"");
        out.push_str(&at.to_rfc3339());
        out.push_str("\",\"schedules\":[");
        for (n, i) in self.schedules_asked(schedule_id)?.into_iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            match index.shift(&self.model, i, at.0) {
                Some((e, k)) if !explain => {
                    if e.json[k].is_none() {
                        let answer = indexed_answer(&self.model, i, at, e, k, false);
                        e.json[k] = Some(json(&answer));
                    }
                    out.push_str(e.json[k].as_deref().unwrap_or_default());
                }
                Some((e, k)) => {
                    out.push_str(&json(&indexed_answer(&self.model, i, at, e, k, true)))
                }
                None => out.push_str(&json(&on_call_schedule(&self.model, i, at, explain))),
            }
        }
        out.push_str("]}");
        Ok(out)
    }

    /// The schedule asked for, or every schedule.
    fn schedules_asked(&self, schedule_id: Option<&str>) -> Result<Vec<ScheduleIdx>, QueryError> {
        Ok(match schedule_id {
            Some(id) => vec![find_schedule(&self.model, id)?],
            None => (0..self.model.schedules.len())
                .map(|i| ScheduleIdx(i as u32))
                .collect(),
        })
    }

    /// An RFC 5545 calendar of exact shifts overlapping `[from, to)`: a
    /// schedule's, or with `person` that person's (in every schedule, or
    /// in `schedule` only). See [`crate::output::ics`].
    pub fn ics(
        &self,
        schedule_id: Option<&str>,
        person_id: Option<&str>,
        from: Timestamp,
        to: Timestamp,
        options: &crate::output::ics::IcsOptions,
    ) -> Result<String, QueryError> {
        let schedule = schedule_id
            .map(|id| find_schedule(&self.model, id))
            .transpose()?;
        match (person_id, schedule) {
            (Some(p), only) => {
                let who = find_person(&self.model, p)?;
                crate::output::ics::person_ics(&self.model, who, only, from, to, options)
            }
            (None, Some(s)) => crate::output::ics::schedule_ics(&self.model, s, from, to, options),
            (None, None) => Err(QueryError::new(
                "missing-argument",
                "a calendar needs a schedule or a person",
            )
            .with_help("give `--schedule ID`, `--person ID`, or both")),
        }
    }

    /// Coverage, balance and overloaded people of a schedule over `[from, to)`.
    pub fn quality(
        &self,
        schedule_id: &str,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<QualityOutput, QueryError> {
        let idx = find_schedule(&self.model, schedule_id)?;
        let q = crate::schedule::quality(&self.model, idx, from, to)?;
        Ok(QualityOutput::new(
            &self.model,
            self.model.schedule(idx),
            &q,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every example and some awkward schedules: the indexed answer is the
    /// direct one at instants all over two years, including the instants of
    /// every change (and a second before).
    #[test]
    fn indexed_on_call_is_the_direct_answer() {
        let mut docs: Vec<String> = [
            "payments",
            "midsize-company",
            "startup-follow-the-sun",
            "union-overrides",
        ]
        .iter()
        .map(|n| {
            std::fs::read_to_string(format!("{}/examples/{n}.yaml", env!("CARGO_MANIFEST_DIR")))
                .unwrap()
        })
        .collect();
        docs.push(
            "version: 1\ntimezone: Australia/Lord_Howe\npeople: [{id: a}, {id: b}]\n\
             schedules:\n  - id: hourly\n    layers: [{id: h, members: [a, b], shift: 1h, handoff: 2026-01-01T00:30}]\n  \
             - id: alone\n    layers: [{id: one, members: [a], shift: 1d, handoff: 2026-01-01T00:00}]\n  \
             - id: nights\n    layers: [{id: n, members: [a, [], b], shift: 3d, handoff: 2026-03-01T00:00, until: 2026-09-01,\n        \
             restrictions: [{from: \"22:00\", to: \"06:00\"}]}]\n"
                .to_string(),
        );
        // Layers of events (once, and repeating: answered directly), and
        // turns running back before the handoff.
        docs.push(
            "version: 1\ntimezone: America/Sao_Paulo\npeople: [{id: a}, {id: b}, {id: c}]\n\
             schedules:\n  - id: once\n    layers:\n      - id: base\n        members: [a, b]\n        \
             shift: 2d\n        handoff: 2026-06-01T09:00\n        before_handoff: rotate\n      \
             - id: cover\n        events:\n          - {person: c, from: 2026-01-05T09:00, to: 2026-01-09T18:00}\n          \
             - {uid: x, people: [a, c], from: 2026-02-01T00:00, to: 2026-02-03T00:00}\n          \
             - {person: b, from: 2026-02-02T12:00, to: 2026-02-20T12:00, timezone: Europe/Berlin}\n  \
             - id: weekly\n    layers:\n      - id: cal\n        events:\n          \
             - {person: a, from: 2026-01-05T09:00, to: 2026-01-12T09:00, repeat: \"FREQ=WEEKLY;INTERVAL=2\"}\n          \
             - {person: b, from: 2026-01-12T09:00, to: 2026-01-19T09:00, repeat: \"FREQ=WEEKLY;INTERVAL=2\",\n             \
             except: [2026-02-09T09:00]}\n        restrictions: [{from: \"08:00\", to: \"20:00\"}]\n"
                .to_string(),
        );
        // Months, handoff points, levels, layer overrides, the DST rules.
        docs.push(
            "version: 1\ntimezone: America/New_York\npeople: [{id: a}, {id: b}, {id: c}, {id: d}]\n\
             schedules:\n  - id: mixed\n    dst_gap: transition\n    dst_fold_close: later\n    layers:\n      \
             - {id: monthly, members: [a, b], shift: 1mo, handoff: 2026-01-31T02:30, level: 2}\n      \
             - id: points\n        members: [c, d, a]\n        handoff: 2026-01-05T09:00\n        \
             handoffs: {weekly: [\"mon 09:00\", \"fri 15:55\"]}\n        level: 2\n        \
             restrictions: [{from: \"20:00\", to: \"01:30\"}]\n        overrides:\n          \
             - {person: b, from: 2026-01-20T00:00, to: 2026-01-22T00:00}\n          \
             - {add: d, from: 2026-03-08T01:00, to: 2026-03-09T04:00}\n"
                .to_string(),
        );
        for doc in docs {
            let ev = Evaluator::new(&doc).unwrap();
            let mut index = OnCallIndex::new();
            let start = Timestamp(1_767_225_600); // 2026-01-01
            let mut instants: Vec<(i64, Option<&str>)> = (0..100)
                .map(|k| (start.0 + k * 7 * 86_400 + (k * 3_797) % 86_400, None))
                .collect();
            for s in &ev.model().schedules {
                let id = s.id.value.as_str();
                let idx = ev.model().schedule_by_id(id).unwrap();
                let months =
                    crate::schedule::shifts(ev.model(), idx, start, start.add_seconds(60 * 86_400))
                        .unwrap();
                let step = (months.len() / 40).max(1);
                instants.extend(
                    months
                        .iter()
                        .step_by(step)
                        .flat_map(|x| [(x.start.0, Some(id)), (x.start.0 - 1, Some(id))]),
                );
            }
            let mut hits = 0;
            for (k, (t, schedule)) in instants.into_iter().enumerate() {
                let (at, explain) = (Timestamp(t), k % 2 == 0);
                if let Some(idx) = schedule.and_then(|id| ev.model().schedule_by_id(id)) {
                    hits += usize::from(index.shift(ev.model(), idx, t).is_some());
                }
                let direct = ev.on_call_explained(at, schedule, explain).unwrap();
                assert_eq!(
                    ev.on_call_indexed(&mut index, at, schedule, explain)
                        .unwrap(),
                    direct,
                    "at {at}"
                );
                // Twice: the second reads the JSON kept from the first.
                for _ in 0..2 {
                    let json = ev.on_call_json(&mut index, at, schedule, explain).unwrap();
                    assert_eq!(json, serde_json::to_string(&direct).unwrap(), "at {at}");
                }
            }
            assert!(hits > 0, "the index answers some of the queries");
        }
    }
}
