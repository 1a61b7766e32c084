//! JSON of a coverage query: intervals, gaps and heatmaps (SPEC section 6).

use serde::Serialize;

use crate::coverage::{self, Cell, Coverage, GapKind, Heatmap};
use crate::model::Model;
use crate::time::Timestamp;

use super::plan::Page;

/// `escalator coverage --json`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoverageOutput {
    pub policy: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    pub from: Timestamp,
    pub to: Timestamp,
    pub intervals: Vec<CoverageInterval>,
    pub gaps: Vec<Gap>,
    /// Only when asked for (`escalator coverage` always asks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heatmaps: Option<Heatmaps>,
}

/// A coverage in columns (`coverage` with `compact: true` in JS): interval
/// `i` is `[bounds[i], bounds[i + 1])` in epoch milliseconds and has the
/// figures and plan `plans[plan[i]]`. The same intervals as
/// [`CoverageOutput`], each distinct plan once: a large organisation's
/// coverage has thousands of intervals and a few dozen plans per policy.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoverageCompact {
    pub policy: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    pub from: Timestamp,
    pub to: Timestamp,
    /// The intervals' bounds in epoch milliseconds: one more than the
    /// intervals, from `from` to `to`.
    pub bounds: Vec<f64>,
    /// Per interval, the index of its plan in `plans`.
    pub plan: Vec<u32>,
    /// The distinct plans with their figures, in order of first use.
    pub plans: Vec<CoveragePlan>,
    /// The distinct pages the plans are made of, in order of first use.
    pub pages: Vec<Page>,
    pub gaps: Vec<Gap>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heatmaps: Option<Heatmaps>,
}

/// What an incident opening in an interval gets (a [`CoverageInterval`]
/// without its bounds), its pages by index into [`CoverageCompact::pages`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoveragePlan {
    pub first_page_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reached_within_target: Option<usize>,
    pub reached_total: usize,
    /// The plan's pages, in firing order: indices into `pages`.
    pub plan: Vec<u32>,
    pub exhausted_after_seconds: i64,
}

/// One interval of incident start times with the same plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoverageInterval {
    pub start: Timestamp,
    pub end: Timestamp,
    pub first_page_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reached_within_target: Option<usize>,
    pub reached_total: usize,
    pub plan: Vec<Page>,
    pub exhausted_after_seconds: i64,
}

/// A gap: kind (its code), severity, interval and what it concerns.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Gap {
    pub kind: &'static str,
    pub severity: &'static str,
    pub start: Timestamp,
    pub end: Timestamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pass: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<String>,
    pub message: String,
}

/// Both heatmaps in the display zone.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Heatmaps {
    pub zone: String,
    /// Seven rows, `mon` to `sun`, 24 cells each.
    pub hour_of_week: Vec<HeatmapWeekRow>,
    /// One row per local calendar day, 24 cells each.
    pub calendar: Vec<HeatmapDayRow>,
}

/// A weekday row of the hour-of-week heatmap.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HeatmapWeekRow {
    pub day: &'static str,
    pub hours: Vec<HeatmapCell>,
}

/// A calendar-day row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HeatmapDayRow {
    pub date: String,
    pub hours: Vec<HeatmapCell>,
}

/// One local hour: worst case and seconds of gap.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HeatmapCell {
    pub seconds: i64,
    pub fewest_reached: Option<usize>,
    pub longest_first_page_seconds: Option<i64>,
    pub gap_seconds: i64,
}

impl HeatmapCell {
    fn new(c: &Cell) -> HeatmapCell {
        HeatmapCell {
            seconds: c.seconds,
            fewest_reached: c.fewest_reached,
            longest_first_page_seconds: c.longest_first_page,
            gap_seconds: c.gap_seconds,
        }
    }
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl Heatmaps {
    /// The JSON form of heatmaps.
    pub fn new(h: &Heatmap) -> Heatmaps {
        Heatmaps {
            zone: h.zone.name().to_string(),
            hour_of_week: h
                .week
                .iter()
                .zip(DAYS)
                .map(|(row, day)| HeatmapWeekRow {
                    day,
                    hours: row.iter().map(HeatmapCell::new).collect(),
                })
                .collect(),
            calendar: h
                .days
                .iter()
                .map(|d| HeatmapDayRow {
                    date: d.date.to_string(),
                    hours: d.hours.iter().map(HeatmapCell::new).collect(),
                })
                .collect(),
        }
    }
}

impl Gap {
    /// The JSON form of a gap, with a one-line message.
    pub fn new(model: &Model, policy: &str, g: &coverage::Gap) -> Gap {
        let (pass, step, schedule) = match g.kind {
            GapKind::LevelSkipped { pass, step } => (Some(pass), Some(step), None),
            GapKind::ScheduleEmpty { schedule } => {
                (None, None, Some(model.schedule(schedule).id.value.clone()))
            }
            _ => (None, None, None),
        };
        Gap {
            kind: g.kind.code(),
            severity: g.kind.severity().as_str(),
            start: g.start,
            end: g.end,
            pass,
            step,
            message: gap_message(policy, g, schedule.as_deref()),
            schedule,
        }
    }
}

/// A one-line description of a gap.
pub fn gap_message(policy: &str, g: &coverage::Gap, schedule: Option<&str>) -> String {
    match g.kind {
        GapKind::NobodyPaged => format!("an incident on policy `{policy}` pages nobody"),
        GapKind::LevelSkipped { pass, step } => {
            format!("step {step} (pass {pass}) of policy `{policy}` pages nobody")
        }
        GapKind::SingleResponder => {
            format!("policy `{policy}` reaches only one person before the acknowledgement target")
        }
        GapKind::FirstPageLate => format!(
            "policy `{policy}` pages its first person too late for the acknowledgement target"
        ),
        GapKind::ScheduleEmpty { .. } => {
            format!("schedule `{}` has nobody on call", schedule.unwrap_or("?"))
        }
    }
}

impl CoverageOutput {
    /// The JSON form of a coverage, with heatmaps when `heatmaps`.
    pub fn new(model: &Model, c: &Coverage, heatmaps: bool) -> CoverageOutput {
        let policy = model.policy(c.policy).id.value.clone();
        CoverageOutput {
            service: None,
            severity: c.severity.map(|s| model.severity(s).id.value.clone()),
            from: c.from,
            to: c.to,
            intervals: c
                .intervals
                .iter()
                .map(|i| CoverageInterval {
                    start: i.start,
                    end: i.end,
                    first_page_seconds: i.first_page,
                    reached_within_target: i.reached_within_target,
                    reached_total: i.reached_total,
                    plan: i.plan.pages.iter().map(|p| Page::bare(model, p)).collect(),
                    exhausted_after_seconds: i.plan.exhausted_after,
                })
                .collect(),
            gaps: c.gaps.iter().map(|g| Gap::new(model, &policy, g)).collect(),
            heatmaps: heatmaps.then(|| Heatmaps::new(&c.heatmap)),
            policy,
        }
    }
}

impl CoverageCompact {
    /// The compact form of a coverage, with heatmaps when `heatmaps`: each
    /// distinct page once, each distinct plan once (as page indices).
    pub fn new(model: &Model, c: &Coverage, heatmaps: bool) -> CoverageCompact {
        use std::collections::hash_map::{DefaultHasher, Entry, HashMap};
        use std::hash::{Hash, Hasher};
        let policy = model.policy(c.policy).id.value.clone();
        let mut bounds = Vec::with_capacity(c.intervals.len() + 1);
        let mut plan = Vec::with_capacity(c.intervals.len());
        // Pages by what the JSON shows (borrowed from the coverage).
        type PageKey<'a> = (
            i64,
            u32,
            u32,
            &'a [crate::model::PersonIdx],
            &'a [crate::model::VendorIdx],
        );
        let mut pages: Vec<&coverage::Interval> = Vec::new();
        let mut page_at: Vec<usize> = Vec::new();
        let mut page_index: HashMap<PageKey<'_>, u32> = HashMap::new();
        // Plans: figures and page indices, flat; found by a hash of both.
        let mut plans: Vec<(&coverage::Interval, std::ops::Range<usize>)> = Vec::new();
        let mut plan_pages: Vec<u32> = Vec::new();
        let mut by_hash: HashMap<u64, Vec<u32>> = HashMap::new();
        let mut these: Vec<u32> = Vec::new();
        for i in &c.intervals {
            bounds.push(i.start.0 as f64 * 1000.0);
            these.clear();
            for (n, p) in i.plan.pages.iter().enumerate() {
                let key = (p.after, p.pass, p.step, &p.people[..], &p.vendors[..]);
                let k = *page_index.entry(key).or_insert_with(|| {
                    pages.push(i);
                    page_at.push(n);
                    pages.len() as u32 - 1
                });
                these.push(k);
            }
            let figures = (
                i.first_page,
                i.reached_within_target,
                i.reached_total,
                i.plan.exhausted_after,
            );
            let mut h = DefaultHasher::new();
            (figures, &these).hash(&mut h);
            let same = |k: &u32| {
                let (d, range) = &plans[*k as usize];
                (
                    d.first_page,
                    d.reached_within_target,
                    d.reached_total,
                    d.plan.exhausted_after,
                ) == figures
                    && plan_pages[range.clone()] == these[..]
            };
            let found = match by_hash.entry(h.finish()) {
                Entry::Occupied(e) => e.get().iter().copied().find(same),
                Entry::Vacant(_) => None,
            };
            let k = found.unwrap_or_else(|| {
                let start = plan_pages.len();
                plan_pages.extend_from_slice(&these);
                plans.push((i, start..plan_pages.len()));
                let k = plans.len() as u32 - 1;
                by_hash.entry(h.finish()).or_default().push(k);
                k
            });
            plan.push(k);
        }
        bounds.push(c.to.0 as f64 * 1000.0);
        CoverageCompact {
            service: None,
            severity: c.severity.map(|s| model.severity(s).id.value.clone()),
            from: c.from,
            to: c.to,
            bounds,
            plan,
            plans: plans
                .iter()
                .map(|(i, range)| CoveragePlan {
                    first_page_seconds: i.first_page,
                    reached_within_target: i.reached_within_target,
                    reached_total: i.reached_total,
                    plan: plan_pages[range.clone()].to_vec(),
                    exhausted_after_seconds: i.plan.exhausted_after,
                })
                .collect(),
            pages: pages
                .iter()
                .zip(&page_at)
                .map(|(i, &n)| Page::bare(model, &i.plan.pages[n]))
                .collect(),
            gaps: c.gaps.iter().map(|g| Gap::new(model, &policy, g)).collect(),
            heatmaps: heatmaps.then(|| Heatmaps::new(&c.heatmap)),
            policy,
        }
    }
}
