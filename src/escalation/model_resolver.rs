//! A [`Resolver`] that asks the schedule engine directly: for one plan.

use std::borrow::Cow;

use crate::model::{Model, ScheduleIdx, VendorIdx};
use crate::schedule::{self, Shift};
use crate::time::window::open_intervals;
use crate::time::Timestamp;

use super::resolve::{Resolver, VendorState};

/// How far ahead a vendor's support state is looked at (weekly windows repeat).
const VENDOR_HORIZON: i64 = 8 * 86_400;

/// Resolves targets against the model's schedules and vendors.
pub struct ModelResolver<'a> {
    pub model: &'a Model,
}

impl Resolver for ModelResolver<'_> {
    fn on_call(&self, schedule: ScheduleIdx, at: Timestamp) -> Cow<'_, Shift> {
        Cow::Owned(schedule::on_call_at(self.model, schedule, at))
    }

    fn vendor(&self, vendor: VendorIdx, at: Timestamp) -> VendorState {
        let v = self.model.vendor(vendor);
        if v.support_hours.is_empty() {
            return VendorState {
                open: true,
                until: Timestamp::MAX,
            };
        }
        let windows: Vec<_> = v.support_hours.iter().map(|w| w.value).collect();
        let horizon = at.add_seconds(VENDOR_HORIZON);
        let open = open_intervals(&windows, v.timezone, at, horizon);
        match open.first() {
            Some((start, end)) if *start <= at => VendorState {
                open: true,
                until: *end,
            },
            Some((start, _)) => VendorState {
                open: false,
                until: *start,
            },
            None => VendorState {
                open: false,
                until: horizon,
            },
        }
    }
}
