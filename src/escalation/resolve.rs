//! What the plan engine needs to know about a target at an instant.
//!
//! A step is resolved at the instant it fires. The engine asks a [`Resolver`]
//! for a schedule's on-call set (and until when it stays the same) and for a
//! vendor's support state. Knowing "until when" is what makes coverage exact:
//! a plan cannot change before some target it resolved changes.

use std::borrow::Cow;

use crate::model::{ScheduleIdx, VendorIdx};
use crate::schedule::Shift;
use crate::time::Timestamp;

/// A vendor's support state at an instant, constant until `until`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VendorState {
    /// Inside its support hours.
    pub open: bool,
    /// When the state may next change (exclusive end).
    pub until: Timestamp,
}

/// Answers "who is on call" and "is the vendor open" at instants.
pub trait Resolver {
    /// The shift of schedule `schedule` holding instant `at`.
    fn on_call(&self, schedule: ScheduleIdx, at: Timestamp) -> Cow<'_, Shift>;
    /// Whether vendor `vendor` is inside its support hours at `at`.
    fn vendor(&self, vendor: VendorIdx, at: Timestamp) -> VendorState;
}
