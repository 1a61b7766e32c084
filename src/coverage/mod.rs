//! Coverage: intervals of incident start time with the same paging plan, gaps and heatmaps.
//!
//! - [`sweep`]: the exact maximal intervals (no sampling).
//! - [`gaps`]: where the policy falls short, by cause.
//! - [`heatmap`]: the intervals folded into local hours of a display zone.

use chrono_tz::Tz;

use crate::error::QueryError;
use crate::escalation::{Plan, Timelines};
use crate::model::{Model, PolicyIdx, SeverityIdx};
use crate::time::Timestamp;

pub mod gaps;
pub mod heatmap;
pub mod sweep;

pub use gaps::{Gap, GapKind};
pub use heatmap::{Cell, DayRow, Heatmap};

/// The longest window a coverage query accepts.
pub const MAX_WINDOW_SECONDS: i64 = 731 * 86_400;

/// Coverage of one policy over `[from, to)` of incident start times.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    pub policy: PolicyIdx,
    /// The severity whose targets the figures use, if any.
    pub severity: Option<SeverityIdx>,
    pub from: Timestamp,
    pub to: Timestamp,
    /// Maximal intervals with the same plan, in order, covering `[from, to)`.
    pub intervals: Vec<Interval>,
    pub gaps: Vec<Gap>,
    pub heatmap: Heatmap,
}

/// Incident start times `[start, end)` that share one paging plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interval {
    pub start: Timestamp,
    pub end: Timestamp,
    /// Seconds to the first person paged (`None`: nobody ever is).
    pub first_page: Option<i64>,
    /// Distinct people paged strictly before the severity's `ack_within`.
    pub reached_within_target: Option<usize>,
    /// Distinct people in the whole plan.
    pub reached_total: usize,
    pub plan: Plan,
}

/// Checks a query window: non-empty and not longer than [`MAX_WINDOW_SECONDS`].
pub fn check_window(from: Timestamp, to: Timestamp) -> Result<(), QueryError> {
    crate::time::check_supported(from)?;
    crate::time::check_supported(to)?;
    if to <= from {
        return Err(QueryError::new(
            "empty-window",
            format!("the window `{from}` to `{to}` is empty"),
        )
        .with_help("`--to` must be later than `--from`"));
    }
    if to.0.saturating_sub(from.0) > MAX_WINDOW_SECONDS {
        return Err(QueryError::new(
            "window-too-large",
            format!("the window `{from}` to `{to}` is longer than 731 days"),
        )
        .with_help("ask for a shorter window"));
    }
    Ok(())
}

/// Coverage of `policy` over `[from, to)`, with targets read from
/// `timelines` (which must cover `[from, to + max_offset)`, see
/// [`crate::escalation::plan::max_offset`]). With a `severity`, figures use
/// its `ack_within`. Heatmaps are in `zone`.
pub fn coverage_with(
    model: &Model,
    policy: PolicyIdx,
    severity: Option<SeverityIdx>,
    from: Timestamp,
    to: Timestamp,
    timelines: &Timelines,
    zone: Tz,
) -> Result<Coverage, QueryError> {
    covered(model, policy, severity, (from, to), timelines, Some(zone))
}

/// [`coverage_with`] without heatmaps (`heatmap` is left empty, in the
/// document's zone): for callers that do not draw them, the hour cuts and
/// zone lookups are not made.
pub fn coverage_without_heatmap(
    model: &Model,
    policy: PolicyIdx,
    severity: Option<SeverityIdx>,
    from: Timestamp,
    to: Timestamp,
    timelines: &Timelines,
) -> Result<Coverage, QueryError> {
    covered(model, policy, severity, (from, to), timelines, None)
}

fn covered(
    model: &Model,
    policy: PolicyIdx,
    severity: Option<SeverityIdx>,
    (from, to): (Timestamp, Timestamp),
    timelines: &Timelines,
    zone: Option<Tz>,
) -> Result<Coverage, QueryError> {
    check_window(from, to)?;
    let ack_within = severity
        .and_then(|s| model.severity(s).ack_within)
        .map(|s| s.0);
    let intervals: Vec<Interval> = sweep::sweep(model, policy, from, to, timelines)?
        .into_iter()
        .map(|span| Interval {
            start: span.start,
            end: span.end,
            first_page: span.plan.first_page(),
            reached_within_target: ack_within.map(|ack| span.plan.people_before(Some(ack)).len()),
            reached_total: span.plan.people_before(None).len(),
            plan: span.plan,
        })
        .collect();
    let gaps = gaps::gaps(model, policy, &intervals, ack_within, timelines, from, to);
    let heatmap = match zone {
        Some(zone) => heatmap::heatmap(&intervals, zone),
        None => Heatmap {
            zone: model.timezone,
            week: Default::default(),
            days: Vec::new(),
        },
    };
    Ok(Coverage {
        policy,
        severity,
        from,
        to,
        intervals,
        gaps,
        heatmap,
    })
}

/// Coverage of `policy` over `[from, to)` (see [`coverage_with`]), reading
/// the schedules and vendors from the model.
pub fn coverage(
    model: &Model,
    policy: PolicyIdx,
    severity: Option<SeverityIdx>,
    from: Timestamp,
    to: Timestamp,
    zone: Tz,
) -> Result<Coverage, QueryError> {
    check_window(from, to)?;
    let timelines = Timelines::for_policies(model, &[policy], from, to)?;
    coverage_with(model, policy, severity, from, to, &timelines, zone)
}

#[cfg(test)]
mod tests;
