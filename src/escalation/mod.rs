//! Escalation: the paging plan of a policy at an instant.
//!
//! (Routing an incident to its policy is the model's: [`Model::policy_for`],
//! [`Model::trigger_by_name`]; choosing a policy for a query is
//! `evaluator::escalation`'s.)
//!
//! - [`resolve`]: what the plan engine asks of schedules and vendors at an instant
//!   (who is on call, is the vendor open, and until when), behind the [`Resolver`] trait.
//! - [`timeline`]: a [`Resolver`] over precomputed shifts and support hours, for sweeps.
//! - [`plan`](mod@plan): the paging plan of SPEC section 3; [`model_resolver`] answers
//!   from the schedule engine for a single plan.
//! - [`step`]: one step resolved at the instant it fires (shared with the simulator).

pub mod model_resolver;
pub mod plan;
pub mod resolve;
pub mod step;
pub mod timeline;

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod tests;

pub use plan::{plan_with, Level, Page, PageReason, Plan};
pub use resolve::{Resolver, VendorState};
pub use timeline::Timelines;

use crate::model::{Model, PolicyIdx};
use crate::time::Timestamp;

/// The paging plan of `policy` for an incident opening at `at`, with every
/// page explained (SPEC section 3).
///
/// Reads each schedule's shifts over the plan's own span only (from `at`
/// to its latest possible step); should that fail (a schedule changing
/// too often), asks the schedule engine instant by instant instead.
pub fn plan(model: &Model, policy: PolicyIdx, at: Timestamp) -> Plan {
    match Timelines::for_policies(model, &[policy], at, at.add_seconds(1)) {
        Ok(timelines) => plan_with(model, policy, at, &timelines, true).0,
        Err(_) => {
            plan_with(
                model,
                policy,
                at,
                &model_resolver::ModelResolver { model },
                true,
            )
            .0
        }
    }
}
