//! The paging plan of a policy for an incident that opens at an instant (SPEC section 3).
//!
//! Step 1 fires at the start. Each step is resolved at the instant it fires;
//! a step that pages nobody (no person, no vendor inside support hours, or
//! only stakeholders) is a skipped level: under `skip` the next step fires at
//! once, under `wait` it still waits its `escalate_after`. A step that only
//! waits (`{wait: 5m}`) pages nobody, is not a skipped level, and the next
//! step fires its wait later. After the last step a new pass starts while
//! passes remain; after the last step of the last pass the incident is
//! exhausted.

use crate::model::{Model, OnEmptyStep, PersonIdx, PolicyIdx, ScheduleIdx, TurnChoice, VendorIdx};
use crate::schedule::{Source, Why};
use crate::time::Timestamp;

use super::resolve::Resolver;
use super::step::{resolve_step, ResolvedStep};

/// The paging plan of a policy for an incident opened at [`Plan::at`] that
/// nobody acknowledges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub policy: PolicyIdx,
    /// When the incident opens.
    pub at: Timestamp,
    /// The steps that page someone, in firing order.
    pub pages: Vec<Page>,
    /// Every step as it fired, paged or skipped, in firing order.
    pub levels: Vec<Level>,
    /// Seconds after [`Plan::at`] at which nobody else is paged: when the
    /// last step of the last pass has waited (0 for an empty plan without
    /// wait steps).
    pub exhausted_after: i64,
}

/// One step that pages someone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// Seconds after the incident opened.
    pub after: i64,
    /// Pass, from 1.
    pub pass: u32,
    /// Step, from 1.
    pub step: u32,
    /// People paged, deduplicated and sorted by id.
    pub people: Vec<PersonIdx>,
    /// Vendors engaged, deduplicated and sorted by id.
    pub vendors: Vec<VendorIdx>,
    /// Why each person or vendor is paged (empty when not asked for).
    pub why: Vec<PageReason>,
}

/// Why someone is paged by a step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageReason {
    /// The step names the person directly (`{person: frank}`).
    Direct { person: PersonIdx, target: usize },
    /// The person is on call in a schedule the step notifies.
    OnCall {
        person: PersonIdx,
        schedule: ScheduleIdx,
        target: usize,
        /// Which layer and turn, or which override, put them on call.
        why: Vec<Source>,
    },
    /// The person holds the next (previous) turn of a layer of a schedule
    /// the step notifies with `turn: next` (`previous`).
    Turn {
        person: PersonIdx,
        schedule: ScheduleIdx,
        target: usize,
        choice: TurnChoice,
        /// The layer and the turn (a [`Source::Turn`]).
        why: Source,
    },
    /// The step engages a vendor inside its support hours.
    Vendor { vendor: VendorIdx, target: usize },
}

impl PageReason {
    /// The index of the step's target that paged them.
    pub fn target(&self) -> usize {
        match self {
            PageReason::Direct { target, .. }
            | PageReason::OnCall { target, .. }
            | PageReason::Turn { target, .. }
            | PageReason::Vendor { target, .. } => *target,
        }
    }

    /// The person paged (`None` for a vendor).
    pub fn person(&self) -> Option<PersonIdx> {
        match self {
            PageReason::Direct { person, .. }
            | PageReason::OnCall { person, .. }
            | PageReason::Turn { person, .. } => Some(*person),
            PageReason::Vendor { .. } => None,
        }
    }
}

/// One step as it fired (or was skipped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Level {
    /// Seconds after the incident opened.
    pub after: i64,
    pub pass: u32,
    pub step: u32,
    /// Whether the step paged a person or a vendor.
    pub paged: bool,
    /// A step that only waits (`{wait: 5m}`): it pages nobody and is not a
    /// skipped level.
    pub wait: bool,
    /// Stakeholders informed when the step fires.
    pub stakeholders: Vec<String>,
    /// Vendors the step names that were outside their support hours.
    pub vendors_closed: Vec<VendorIdx>,
}

impl Plan {
    /// Whether two plans page the same people and vendors at the same
    /// offsets, passes and steps (explanations aside): SPEC's "same plan".
    pub fn same_pages(&self, other: &Plan) -> bool {
        self.pages.len() == other.pages.len()
            && self.pages.iter().zip(&other.pages).all(|(a, b)| {
                a.after == b.after
                    && a.pass == b.pass
                    && a.step == b.step
                    && a.people == b.people
                    && a.vendors == b.vendors
            })
    }

    /// Seconds until the first person is paged, if anyone ever is.
    pub fn first_page(&self) -> Option<i64> {
        self.pages
            .iter()
            .find(|p| !p.people.is_empty())
            .map(|p| p.after)
    }

    /// Distinct people paged strictly before `within` seconds (all when `None`).
    pub fn people_before(&self, within: Option<i64>) -> Vec<PersonIdx> {
        let mut people: Vec<PersonIdx> = self
            .pages
            .iter()
            .filter(|p| within.is_none_or(|w| p.after < w))
            .flat_map(|p| p.people.iter().copied())
            .collect();
        people.sort_unstable();
        people.dedup();
        people
    }

    /// The skipped levels (steps that paged nobody, wait steps aside), in
    /// firing order.
    pub fn skipped(&self) -> impl Iterator<Item = &Level> {
        self.levels.iter().filter(|l| !l.paged && !l.wait)
    }
}

/// The most step firings a plan can have (21 passes of every step).
pub fn positions(model: &Model, policy: PolicyIdx) -> usize {
    let p = model.policy(policy);
    p.steps.len() * (usize::from(p.repeat) + 1)
}

/// The latest offset at which any step of `policy` can fire, plus its wait:
/// an upper bound of every plan's `exhausted_after` (all steps waited).
pub fn max_offset(model: &Model, policy: PolicyIdx) -> i64 {
    let p = model.policy(policy);
    let one_pass = p.steps.iter().fold(0i64, |acc, s| {
        acc.saturating_add(s.escalate_after.value.0.max(0))
    });
    one_pass.saturating_mul(i64::from(p.repeat) + 1)
}

/// The paging plan of `policy` for an incident opening at `at`, with targets
/// resolved by `resolver`.
///
/// Returns the plan and how many seconds (at least 1) it stays the same for
/// incidents opening later: no target it resolved changes before then. With
/// `explain`, pages carry their [`PageReason`]s.
pub fn plan_with(
    model: &Model,
    policy: PolicyIdx,
    at: Timestamp,
    resolver: &dyn Resolver,
    explain: bool,
) -> (Plan, i64) {
    let p = model.policy(policy);
    let passes = u32::from(p.repeat) + 1;
    let positions = p.steps.len() * passes as usize;
    let mut pages = Vec::with_capacity(positions);
    let mut levels = Vec::with_capacity(positions);
    let mut offset: i64 = 0;
    let mut stable_for = i64::MAX;
    let mut waited = false;
    for pass in 1..=passes {
        for (i, step) in p.steps.iter().enumerate() {
            let step_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
            if step.wait {
                // Pages nobody, resolves nothing: the next step fires later.
                levels.push(Level {
                    after: offset,
                    pass,
                    step: step_no,
                    paged: false,
                    wait: true,
                    stakeholders: Vec::new(),
                    vendors_closed: Vec::new(),
                });
                waited = true;
                offset = offset.saturating_add(step.escalate_after.value.0.max(0));
                continue;
            }
            let fire = at.add_seconds(offset);
            let resolved = resolve_step(model, step, fire, resolver, explain);
            stable_for = stable_for.min(resolved.stable_for);
            let ResolvedStep {
                people,
                vendors,
                why,
                stakeholders,
                vendors_closed,
                ..
            } = resolved;
            let paged = !people.is_empty() || !vendors.is_empty();
            levels.push(Level {
                after: offset,
                pass,
                step: step_no,
                paged,
                wait: false,
                stakeholders,
                vendors_closed,
            });
            if paged {
                pages.push(Page {
                    after: offset,
                    pass,
                    step: step_no,
                    people,
                    vendors,
                    why,
                });
            }
            if paged || p.on_empty_step == OnEmptyStep::Wait {
                offset = offset.saturating_add(step.escalate_after.value.0.max(0));
            }
        }
    }
    let exhausted_after = if pages.is_empty() && !waited {
        0
    } else {
        offset
    };
    (
        Plan {
            policy,
            at,
            pages,
            levels,
            exhausted_after,
        },
        stable_for.max(1),
    )
}

/// Sorts and deduplicates people by id.
pub fn sort_people(model: &Model, people: &mut Vec<PersonIdx>) {
    people.sort_by(|a, b| model.person(*a).id.value.cmp(&model.person(*b).id.value));
    people.dedup();
}

/// Sorts and deduplicates vendors by id.
pub fn sort_vendors(model: &Model, vendors: &mut Vec<VendorIdx>) {
    vendors.sort_by(|a, b| model.vendor(*a).id.value.cmp(&model.vendor(*b).id.value));
    vendors.dedup();
}

/// The reasons `person` is on call in `schedule` at `at`: of a shift's
/// reasons (which cover the whole shift), the turns and overrides holding `at`.
pub(super) fn sources_at(
    model: &Model,
    schedule: ScheduleIdx,
    why: &[Why],
    person: PersonIdx,
    at: Timestamp,
) -> Vec<Source> {
    let s = model.schedule(schedule);
    let all: Vec<Source> = why
        .iter()
        .filter(|w| w.person == person)
        .map(|w| w.source)
        .collect();
    let holding: Vec<Source> = all
        .iter()
        .copied()
        .filter(|source| source.holds_at(s, at))
        .collect();
    if holding.is_empty() {
        all
    } else {
        holding
    }
}
