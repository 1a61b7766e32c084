//! A [`Resolver`] over precomputed shifts and support hours.
//!
//! Coverage evaluates thousands of plans over one window; looking a shift up
//! in a sorted list is much cheaper than asking the schedule engine each
//! time. Each schedule's shifts cover the timeline's range exactly; outside
//! it a schedule has nobody (the sweep never asks there).

use std::borrow::Cow;

use crate::model::{ScheduleIdx, VendorIdx};
use crate::time::Timestamp;

use super::resolve::{OnCallState, Resolver, VendorState};

/// Shifts and support hours over `[from, to)`, for the schedules and vendors a sweep needs.
#[derive(Clone, Debug, Default)]
pub struct Timelines {
    from: Timestamp,
    to: Timestamp,
    /// Per schedule index: its shifts in order, covering `[from, to)`.
    schedules: Vec<Option<Vec<OnCallState>>>,
    /// Per vendor index: `None` always open, else the open intervals in order.
    vendors: Vec<Option<Vec<(Timestamp, Timestamp)>>>,
}

impl Timelines {
    /// Empty timelines over `[from, to)` (every vendor always open).
    pub fn new(from: Timestamp, to: Timestamp) -> Timelines {
        Timelines {
            from,
            to,
            schedules: Vec::new(),
            vendors: Vec::new(),
        }
    }

    /// The range the timelines cover.
    pub fn range(&self) -> (Timestamp, Timestamp) {
        (self.from, self.to)
    }

    /// Sets a schedule's shifts (in order, covering the range).
    pub fn set_schedule(&mut self, schedule: ScheduleIdx, shifts: Vec<OnCallState>) {
        let i = schedule.index();
        if self.schedules.len() <= i {
            self.schedules.resize(i + 1, None);
        }
        if let Some(slot) = self.schedules.get_mut(i) {
            *slot = Some(shifts);
        }
    }

    /// Whether a schedule's shifts are already set.
    pub fn has_schedule(&self, schedule: ScheduleIdx) -> bool {
        matches!(self.schedules.get(schedule.index()), Some(Some(_)))
    }

    /// Sets a vendor's open intervals (`None`: always open).
    pub fn set_vendor(&mut self, vendor: VendorIdx, open: Option<Vec<(Timestamp, Timestamp)>>) {
        let i = vendor.index();
        if self.vendors.len() <= i {
            self.vendors.resize(i + 1, None);
        }
        if let Some(slot) = self.vendors.get_mut(i) {
            *slot = open;
        }
    }

    /// A schedule's shifts, if set.
    pub fn shifts(&self, schedule: ScheduleIdx) -> &[OnCallState] {
        match self.schedules.get(schedule.index()) {
            Some(Some(shifts)) => shifts,
            _ => &[],
        }
    }
}

fn nobody(since: Timestamp, until: Timestamp) -> OnCallState {
    OnCallState {
        since,
        until,
        people: Vec::new(),
        why: Vec::new(),
    }
}

impl Resolver for Timelines {
    fn on_call(&self, schedule: ScheduleIdx, at: Timestamp) -> Cow<'_, OnCallState> {
        let shifts = self.shifts(schedule);
        // The last shift starting at or before `at`.
        let i = shifts.partition_point(|s| s.since <= at);
        match i.checked_sub(1).and_then(|i| shifts.get(i)) {
            Some(s) if at < s.until => Cow::Borrowed(s),
            Some(s) => {
                let next = shifts.get(i).map_or(Timestamp::MAX, |n| n.since);
                Cow::Owned(nobody(s.until, next))
            }
            None => Cow::Owned(nobody(
                Timestamp::MIN,
                shifts.first().map_or(Timestamp::MAX, |s| s.since),
            )),
        }
    }

    fn vendor(&self, vendor: VendorIdx, at: Timestamp) -> VendorState {
        let open = match self.vendors.get(vendor.index()) {
            Some(Some(open)) => open,
            _ => {
                return VendorState {
                    open: true,
                    until: Timestamp::MAX,
                }
            }
        };
        let i = open.partition_point(|(s, _)| *s <= at);
        if let Some((_, end)) = i.checked_sub(1).and_then(|i| open.get(i)) {
            if at < *end {
                return VendorState {
                    open: true,
                    until: *end,
                };
            }
        }
        let until = open.get(i).map_or(Timestamp::MAX, |(s, _)| *s);
        VendorState { open: false, until }
    }
}
