//! One step resolved at the instant it fires: who it pages, which vendors it
//! engages, which stakeholders it informs. The plan engine and the simulator
//! both resolve steps here, so they cannot disagree.

use crate::model::{Model, PersonIdx, Spanned, Step, Target, VendorIdx};
use crate::time::Timestamp;

use super::plan::{sort_people, sort_vendors, sources_at, PageReason};
use super::resolve::Resolver;

/// What a step does when it fires at an instant.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ResolvedStep {
    /// People paged, deduplicated and sorted by id.
    pub people: Vec<PersonIdx>,
    /// Vendors engaged (inside support hours), deduplicated and sorted by id.
    pub vendors: Vec<VendorIdx>,
    /// Why each person or vendor is there (empty unless asked for).
    pub why: Vec<PageReason>,
    /// Stakeholders informed.
    pub stakeholders: Vec<String>,
    /// Vendors named by the step but outside their support hours.
    pub vendors_closed: Vec<VendorIdx>,
    /// Seconds (at least 1) for which the same step fired later resolves the same.
    pub stable_for: i64,
}

impl ResolvedStep {
    /// Whether `person` was paged through a target of `step` that is
    /// essential (the default): their acknowledgement stops the escalation.
    /// Needs the explanations ([`ResolvedStep::why`]).
    pub fn essential_for(&self, step: &Step, person: PersonIdx) -> bool {
        self.why
            .iter()
            .any(|w| w.person() == Some(person) && step.is_essential(w.target()))
    }

    /// Whether the step pages a person or engages a vendor (else it is a
    /// skipped level, even if it informs stakeholders).
    pub fn pages_anyone(&self) -> bool {
        !self.people.is_empty() || !self.vendors.is_empty()
    }
}

/// Resolves `step` at instant `fire`, reading schedules and vendors from
/// `resolver`. With `explain`, [`ResolvedStep::why`] is filled.
pub fn resolve_step(
    model: &Model,
    step: &Step,
    fire: Timestamp,
    resolver: &dyn Resolver,
    explain: bool,
) -> ResolvedStep {
    let mut out = ResolvedStep {
        stable_for: i64::MAX,
        ..ResolvedStep::default()
    };
    for (t, target) in step.targets.iter().enumerate() {
        match &target.value {
            Target::Person(person) => {
                out.people.push(*person);
                // Named once, unless named again with the other `essential`.
                let essential = step.is_essential(t);
                let named = out.why.iter().any(|w| {
                    matches!(w, PageReason::Direct { person: p, target }
                        if p == person && step.is_essential(*target) == essential)
                });
                if explain && !named {
                    out.why.push(PageReason::Direct {
                        person: *person,
                        target: t,
                    });
                }
            }
            Target::Schedule(schedule) => {
                let state = resolver.on_call(*schedule, fire);
                out.stable_for = out.stable_for.min(state.end.0.saturating_sub(fire.0));
                out.people.extend(state.on_call.iter().copied());
                if explain {
                    for &person in &state.on_call {
                        let sources = sources_at(model, *schedule, &state.why, person, fire);
                        out.why.push(PageReason::OnCall {
                            person,
                            schedule: *schedule,
                            target: t,
                            why: sources,
                        });
                    }
                }
            }
            Target::ScheduleTurn { schedule, turn } => {
                let turns = crate::schedule::adjacent_turns(model, *schedule, *turn, fire);
                out.stable_for = out.stable_for.min(turns.until.0.saturating_sub(fire.0));
                out.people.extend(turns.people.iter().copied());
                if explain {
                    for w in &turns.why {
                        let named = out.why.iter().any(|r| {
                            matches!(r, PageReason::Turn { person, why, target, .. }
                                if *person == w.person && *why == w.source && *target == t)
                        });
                        if !named {
                            out.why.push(PageReason::Turn {
                                person: w.person,
                                schedule: *schedule,
                                target: t,
                                choice: *turn,
                                why: w.source,
                            });
                        }
                    }
                }
            }
            Target::Vendor(vendor) => {
                let state = resolver.vendor(*vendor, fire);
                out.stable_for = out.stable_for.min(state.until.0.saturating_sub(fire.0));
                if state.open {
                    out.vendors.push(*vendor);
                    if explain {
                        out.why.push(PageReason::Vendor {
                            vendor: *vendor,
                            target: t,
                        });
                    }
                } else {
                    out.vendors_closed.push(*vendor);
                }
            }
            Target::Stakeholders(name) => out.stakeholders.push(name.clone()),
        }
    }
    // One target is already in order: a schedule's on-call set is sorted by
    // id, a person or vendor is alone; a schedule's turns are not.
    let turns = |t: Option<&Spanned<Target>>| {
        matches!(t.map(|t| &t.value), Some(Target::ScheduleTurn { .. }))
    };
    if step.targets.len() > 1 || turns(step.targets.first()) {
        sort_people(model, &mut out.people);
        sort_vendors(model, &mut out.vendors);
    }
    out.stable_for = out.stable_for.max(1);
    out
}
