//! Gaps: the intervals of incident start time where a policy falls short.

use std::collections::HashMap;

use crate::diagnostic::Severity;
use crate::escalation::Timelines;
use crate::model::{Model, PolicyIdx, ScheduleIdx, Target};
use crate::time::Timestamp;

use super::Interval;

/// Why an interval is a gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GapKind {
    /// An incident pages no person at all (error).
    NobodyPaged,
    /// A step pages nobody and is skipped (or waited through) (warning).
    LevelSkipped { pass: u32, step: u32 },
    /// Only one person is paged before the severity's `ack_within` (warning).
    SingleResponder,
    /// The first person is paged no earlier than `ack_within` (warning).
    FirstPageLate,
    /// A schedule the policy notifies has nobody on call (info).
    ScheduleEmpty { schedule: ScheduleIdx },
}

impl GapKind {
    /// Stable kebab-case code.
    pub fn code(self) -> &'static str {
        match self {
            GapKind::NobodyPaged => "nobody-paged",
            GapKind::LevelSkipped { .. } => "level-skipped",
            GapKind::SingleResponder => "single-responder",
            GapKind::FirstPageLate => "first-page-late",
            GapKind::ScheduleEmpty { .. } => "schedule-empty",
        }
    }

    /// How bad the gap is.
    pub fn severity(self) -> Severity {
        match self {
            GapKind::NobodyPaged => Severity::Error,
            GapKind::ScheduleEmpty { .. } => Severity::Info,
            _ => Severity::Warning,
        }
    }
}

/// One gap: `[start, end)` of incident start times (or, for a schedule, of time).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    pub start: Timestamp,
    pub end: Timestamp,
    pub kind: GapKind,
}

/// The gaps of a coverage, by kind, each kind's intervals merged and in order.
pub fn gaps(
    model: &Model,
    policy: PolicyIdx,
    intervals: &[Interval],
    ack_within: Option<i64>,
    timelines: &Timelines,
    from: Timestamp,
    to: Timestamp,
) -> Vec<Gap> {
    let mut out: Vec<Gap> = Vec::new();
    // The latest gap of each kind (an index into `out`): a policy repeated
    // many times has a kind per pass and step, and looking back through
    // the others for it would cost as many steps as there are kinds.
    let mut latest: HashMap<GapKind, usize> = HashMap::new();
    let mut push = |out: &mut Vec<Gap>, start: Timestamp, end: Timestamp, kind: GapKind| {
        // Merge with the latest gap of the same kind when they touch.
        if let Some(g) = latest.get(&kind).and_then(|&k| out.get_mut(k)) {
            if g.end == start {
                g.end = end;
                return;
            }
        }
        latest.insert(kind, out.len());
        out.push(Gap { start, end, kind });
    };
    for i in intervals {
        if i.first_page.is_none() {
            push(&mut out, i.start, i.end, GapKind::NobodyPaged);
        }
        for level in i.plan.skipped() {
            push(
                &mut out,
                i.start,
                i.end,
                GapKind::LevelSkipped {
                    pass: level.pass,
                    step: level.step,
                },
            );
        }
        if let Some(ack) = ack_within {
            if i.reached_within_target == Some(1) {
                push(&mut out, i.start, i.end, GapKind::SingleResponder);
            }
            if i.first_page.is_some_and(|f| f >= ack) {
                push(&mut out, i.start, i.end, GapKind::FirstPageLate);
            }
        }
    }
    for schedule in schedules_of(model, policy) {
        for shift in timelines.shifts(schedule) {
            let (start, end) = (shift.start.max(from), shift.end.min(to));
            if shift.on_call.is_empty() && start < end {
                push(&mut out, start, end, GapKind::ScheduleEmpty { schedule });
            }
        }
    }
    out.sort_by_key(|g| (g.start, g.end, g.kind.code()));
    out
}

/// The schedules a policy notifies, each once, in order of first mention.
pub fn schedules_of(model: &Model, policy: PolicyIdx) -> Vec<ScheduleIdx> {
    let mut out = Vec::new();
    for step in &model.policy(policy).steps {
        for target in &step.targets {
            if let Target::Schedule(s) = target.value {
                if !out.contains(&s) {
                    out.push(s);
                }
            }
        }
    }
    out
}
