//! The schedule queries on [`Evaluator`]: shifts, who is on call, quality.

use super::{Evaluator, QueryError};
use crate::model::{Model, ScheduleIdx};
use crate::output::{OnCallOutput, OnCallSchedule, QualityOutput, Shift, ShiftsOutput, Why};
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

/// The on-call answer for one schedule at `at`.
pub(crate) fn on_call_schedule(model: &Model, idx: ScheduleIdx, at: Timestamp) -> OnCallSchedule {
    let shift = crate::schedule::on_call_at(model, idx, at);
    let schedule = model.schedule(idx);
    let ids = |s: &crate::schedule::Shift| -> Vec<String> {
        s.on_call
            .iter()
            .filter_map(|p| model.people.get(p.index()).map(|x| x.id.value.clone()))
            .collect()
    };
    let horizon = at.add_seconds(366 * 86_400);
    let on_call = ids(&shift);
    // A shift's end is a handoff unless it is only where the search for it
    // stopped (the same people on both sides).
    let next = (shift.end > at && shift.end < horizon)
        .then(|| {
            (
                shift.end,
                ids(&crate::schedule::on_call_at(model, idx, shift.end)),
            )
        })
        .filter(|(_, next)| *next != on_call);
    let (next_handoff, next_on_call) = match next {
        Some((t, people)) => (Some(t), people),
        None => (None, Vec::new()),
    };
    OnCallSchedule {
        schedule: schedule.id.value.clone(),
        timezone: schedule.timezone.name().to_string(),
        on_call,
        // Only the turns and overrides holding at `at` (a merged shift's
        // reasons name every turn in it).
        why: shift
            .why
            .iter()
            .filter(|w| w.source.holds_at(schedule, at))
            .map(|w| Why::new(model, schedule, w))
            .collect(),
        since: shift.start,
        next_handoff,
        next_on_call,
    }
}

impl Evaluator {
    /// The shifts of a schedule over `[from, to)` (SPEC section 6 JSON, with
    /// an explanation per shift).
    pub fn shifts(
        &self,
        schedule_id: &str,
        from: Timestamp,
        to: Timestamp,
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
                .map(|s| Shift::new(&self.model, schedule, s))
                .collect(),
        })
    }

    /// Who is on call at `at` in one schedule (or every schedule), why, and
    /// the next handoff.
    pub fn on_call(
        &self,
        at: Timestamp,
        schedule_id: Option<&str>,
    ) -> Result<OnCallOutput, QueryError> {
        let indices: Vec<ScheduleIdx> = match schedule_id {
            Some(id) => vec![find_schedule(&self.model, id)?],
            None => (0..self.model.schedules.len())
                .map(|i| ScheduleIdx(i as u32))
                .collect(),
        };
        Ok(OnCallOutput {
            at,
            schedules: indices
                .into_iter()
                .map(|i| on_call_schedule(&self.model, i, at))
                .collect(),
        })
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
