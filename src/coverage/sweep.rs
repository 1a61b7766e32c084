//! The sweep: maximal intervals of incident start time with the same plan.
//!
//! Exact, never sampled. A plan at `T` fires its steps at offsets that only
//! depend on which earlier steps were empty; each step resolved its targets
//! inside some shift (or support-hours state). Moving `T` forward keeps the
//! plan until the first of those states ends, shifted back by the offset at
//! which it was read. So from each `T` the sweep jumps straight to the next
//! instant at which some target a step could read changes (a schedule change
//! point minus a firing offset), evaluates the plan there, and merges equal
//! neighbours. Every candidate the fixed "change point minus every possible
//! offset" set would give that matters is visited; the others are skipped.

use crate::error::QueryError;
use crate::model::{Model, PolicyIdx};
use crate::time::Timestamp;

use crate::escalation::{plan_with, Plan, Resolver};

/// The most step firings one coverage query may evaluate.
pub const MAX_FIRINGS: usize = 5_000_000;

/// An interval `[start, end)` of incident start times sharing one plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: Timestamp,
    pub end: Timestamp,
    /// The plan of an incident opening at `start` (the same for any start in the interval).
    pub plan: Plan,
}

/// The maximal intervals of `[from, to)` on which `policy`'s plan is the same.
pub fn sweep(
    model: &Model,
    policy: PolicyIdx,
    from: Timestamp,
    to: Timestamp,
    resolver: &dyn Resolver,
) -> Result<Vec<Span>, QueryError> {
    let positions = crate::escalation::plan::positions(model, policy).max(1);
    let budget = MAX_FIRINGS / positions;
    let mut out: Vec<Span> = Vec::new();
    let mut at = from;
    let mut evaluations = 0usize;
    while at < to {
        evaluations += 1;
        if evaluations > budget {
            return Err(QueryError::new(
                "coverage-too-large",
                format!(
                    "coverage of policy `{}` changes too often to compute over this window",
                    model.policy(policy).id.value
                ),
            )
            .with_help("ask for a shorter window"));
        }
        let (plan, stable_for) = plan_with(model, policy, at, resolver, false);
        let next = at.add_seconds(stable_for.max(1)).min(to);
        match out.last_mut() {
            Some(last) if last.plan.same_pages(&plan) => last.end = next,
            _ => out.push(Span {
                start: at,
                end: next,
                plan,
            }),
        }
        at = next;
    }
    Ok(out)
}
