//! A [`Resolver`] over precomputed shifts and support hours.
//!
//! Coverage evaluates thousands of plans over one window; looking a shift up
//! in a sorted list is much cheaper than asking the schedule engine each
//! time. Each schedule's shifts cover the timeline's range exactly; outside
//! it a schedule has nobody (the sweep never asks there).

use std::borrow::Cow;

use crate::error::QueryError;
use crate::model::{Model, PolicyIdx, ScheduleIdx, Target, VendorIdx};
use crate::schedule;
use crate::time::window::open_intervals;
use crate::time::Timestamp;

use crate::schedule::Shift;

use super::plan::max_offset;
use super::resolve::{Resolver, VendorState};

/// Shifts and support hours over `[from, to)`, for the schedules and vendors a sweep needs.
#[derive(Clone, Debug, Default)]
pub struct Timelines {
    from: Timestamp,
    to: Timestamp,
    /// Per schedule index: its shifts in order, covering `[from, to)`.
    schedules: Vec<Option<Vec<Shift>>>,
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
    pub fn set_schedule(&mut self, schedule: ScheduleIdx, shifts: Vec<Shift>) {
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
    pub fn shifts(&self, schedule: ScheduleIdx) -> &[Shift] {
        match self.schedules.get(schedule.index()) {
            Some(Some(shifts)) => shifts,
            _ => &[],
        }
    }
}

fn nobody(start: Timestamp, end: Timestamp) -> Shift {
    Shift {
        start,
        end,
        on_call: Vec::new(),
        why: Vec::new(),
    }
}

impl Resolver for Timelines {
    fn on_call(&self, schedule: ScheduleIdx, at: Timestamp) -> Cow<'_, Shift> {
        let shifts = self.shifts(schedule);
        // The last shift starting at or before `at`.
        let i = shifts.partition_point(|s| s.start <= at);
        match i.checked_sub(1).and_then(|i| shifts.get(i)) {
            Some(s) if at < s.end => Cow::Borrowed(s),
            Some(s) => {
                let next = shifts.get(i).map_or(Timestamp::MAX, |n| n.start);
                Cow::Owned(nobody(s.end, next))
            }
            None => Cow::Owned(nobody(
                Timestamp::MIN,
                shifts.first().map_or(Timestamp::MAX, |s| s.start),
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

impl Timelines {
    /// The shifts and support hours every target of `policies` needs for
    /// incidents opening in `[from, to)`: each schedule's shifts over
    /// `[from, to + the longest plan)`.
    pub fn for_policies(
        model: &Model,
        policies: &[PolicyIdx],
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Timelines, QueryError> {
        let reach = policies
            .iter()
            .map(|p| max_offset(model, *p))
            .max()
            .unwrap_or(0);
        let end = to.add_seconds(reach).add_seconds(1);
        let mut timelines = Timelines::new(from, end);
        for policy in policies {
            for step in &model.policy(*policy).steps {
                for target in &step.targets {
                    match target.value {
                        Target::Schedule(s) if !timelines.has_schedule(s) => {
                            timelines.set_schedule(s, schedule::shifts(model, s, from, end)?);
                        }
                        Target::Vendor(v) => {
                            let vendor = model.vendor(v);
                            if !vendor.support_hours.is_empty() {
                                let windows: Vec<_> =
                                    vendor.support_hours.iter().map(|w| w.value).collect();
                                timelines.set_vendor(
                                    v,
                                    Some(open_intervals(&windows, vendor.timezone, from, end)),
                                );
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        Ok(timelines)
    }
}
