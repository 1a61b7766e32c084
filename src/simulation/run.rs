//! The discrete-event run of one incident.
//!
//! A run is a queue of pending happenings ordered by instant; at one instant,
//! injected events come first, then contact attempts, acknowledgements,
//! escalation timers, steps firing, and last the response targets. The run is
//! deterministic: the same document and scenario always give the same events.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::error::QueryError;
use crate::escalation::model_resolver::ModelResolver;
use crate::escalation::plan::PageReason;
use crate::escalation::step::resolve_step;
use crate::escalation::Timelines;
use crate::model::{
    Model, OnEmptyStep, Participant, PersonIdx, PolicyIdx, ServiceIdx, SeverityIdx, VendorIdx,
};
use crate::time::Timestamp;

use super::event::{Event, EventKind, Missed};
use crate::model::scenario::{Behaviour, Inject, Route, Scenario};

/// The most events one run emits before it stops with [`EventKind::Truncated`].
pub const MAX_EVENTS: usize = 10_000;

/// The channel tried when a person has no engagement plan.
pub const DEFAULT_CHANNEL: &str = "page";

#[derive(Clone, Debug, PartialEq, Eq)]
enum Pending {
    Inject(Inject),
    Ack(Participant),
    Deadline(Missed),
    StepDone {
        pass: u32,
        step: usize,
        gen: u64,
    },
    Fire {
        pass: u32,
        step: usize,
        gen: u64,
    },
    Contact {
        person: PersonIdx,
        via: String,
        to: Option<String>,
        pass: u32,
        step: u32,
        /// Which page of this person it belongs to (from 1).
        page: u32,
    },
}

impl Pending {
    /// Order of happenings at one instant.
    ///
    /// Contact attempts are logged as soon as they are due (a page shows its
    /// first channel before anyone answers it); an acknowledgement at the
    /// instant a step times out stops the escalation; targets are checked
    /// last, so anything done exactly at a target's limit meets it
    /// (`ack_within`, `comms_within` and vendor SLAs alike).
    fn rank(&self) -> u8 {
        match self {
            Pending::Inject(_) => 0,
            Pending::Contact { .. } => 1,
            Pending::Ack(_) => 2,
            Pending::StepDone { .. } => 3,
            Pending::Fire { .. } => 4,
            Pending::Deadline(_) => 5,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Queued {
    at: Timestamp,
    rank: u8,
    seq: u64,
    what: Pending,
}

impl Ord for Queued {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.at, self.rank, self.seq).cmp(&(other.at, other.rank, other.seq))
    }
}
impl PartialOrd for Queued {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The policy, service and severity an incident runs on.
pub fn route(
    model: &Model,
    route: &Route,
) -> Result<(PolicyIdx, Option<ServiceIdx>, Option<SeverityIdx>), QueryError> {
    match route {
        Route::Service { service, severity } => match model.policy_for(*service, *severity) {
            Some(policy) => Ok((policy, Some(*service), Some(*severity))),
            None => Err(QueryError::new(
                "no-route",
                format!(
                    "service `{}` has no escalation policy for severity `{}`",
                    model.service(*service).id.value,
                    model.severity(*severity).id.value
                ),
            )
            .with_help("add the severity or a `default` to the service's `escalation`")),
        },
        Route::Policy { policy, severity } => Ok((*policy, None, *severity)),
    }
}

/// A run in progress: the state of one incident between events.
pub(crate) struct Run<'m> {
    model: Cow<'m, Model>,
    scenario: &'m Scenario,
    /// Shifts and support hours over the run's span, as the paging plan
    /// reads them (`None`: too many changes; the schedule engine is asked
    /// instant by instant instead). Rebuilt when an override is injected.
    timelines: Option<Timelines>,
    policy: PolicyIdx,
    service: Option<ServiceIdx>,
    severity: Option<SeverityIdx>,
    start: Timestamp,
    now: Timestamp,
    queue: BinaryHeap<Reverse<Queued>>,
    seq: u64,
    gen: u64,
    /// The step that fired last, as (pass, step index).
    position: Option<(u32, usize)>,
    /// Whether that step paged nobody (a skipped level).
    last_skipped: bool,
    acked: bool,
    resolved: bool,
    /// Nobody else will be paged (until a manual escalation could change it: it cannot).
    exhausted: bool,
    informed: bool,
    unavailable: Vec<bool>,
    paged_at: Vec<Option<Timestamp>>,
    /// Per person, how many times they were paged.
    pages: Vec<u32>,
    /// Per person, whether a page reached them through an essential target
    /// (the default): their acknowledgement stops the escalation.
    essential: Vec<bool>,
    /// Per person, the pages (up to this count) whose contact attempts
    /// stopped: they acknowledged, reached only through `essential: false`
    /// targets.
    stopped_through: Vec<u32>,
    ack_queued: Vec<bool>,
    vendor_responded: Vec<bool>,
    vendor_queued: Vec<bool>,
    /// Injections that wait for an event count, sorted by it.
    waiting: Vec<(usize, Inject)>,
    pub(crate) events: Vec<Event>,
}

impl<'m> Run<'m> {
    /// Starts a run: the incident is triggered, nothing has happened yet.
    pub(crate) fn start(model: &'m Model, scenario: &'m Scenario) -> Result<Run<'m>, QueryError> {
        let (policy, service, severity) = route(model, &scenario.incident.route)?;
        let start = scenario.incident.at;
        let timelines = Timelines::for_policies(model, &[policy], start, start.add_seconds(1)).ok();
        let people = model.people.len();
        let vendors = model.vendors.len();
        let mut run = Run {
            model: Cow::Borrowed(model),
            scenario,
            timelines,
            policy,
            service,
            severity,
            start,
            now: start,
            queue: BinaryHeap::new(),
            seq: 0,
            gen: 0,
            position: None,
            last_skipped: false,
            acked: false,
            resolved: false,
            exhausted: false,
            informed: false,
            unavailable: vec![false; people],
            paged_at: vec![None; people],
            pages: vec![0; people],
            essential: vec![false; people],
            stopped_through: vec![0; people],
            ack_queued: vec![false; people],
            vendor_responded: vec![false; vendors],
            vendor_queued: vec![false; vendors],
            waiting: Vec::new(),
            events: Vec::new(),
        };
        for (i, slot) in run.unavailable.iter_mut().enumerate() {
            let who = Participant::Person(PersonIdx(i as u32));
            *slot = scenario.behaviour(who) == Behaviour::Unavailable;
        }
        for injection in &scenario.injections {
            match injection.at_event {
                Some(count) => run.waiting.push((count, injection.inject.clone())),
                None => {
                    let at = start.add_seconds(injection.after.0.max(0));
                    run.push(at, Pending::Inject(injection.inject.clone()));
                }
            }
        }
        run.waiting.sort_by_key(|(count, _)| *count);
        run.trigger();
        Ok(run)
    }

    fn push(&mut self, at: Timestamp, what: Pending) {
        self.seq += 1;
        let rank = what.rank();
        self.queue.push(Reverse(Queued {
            at,
            rank,
            seq: self.seq,
            what,
        }));
    }

    fn emit(&mut self, kind: EventKind, explanation: String) {
        let index = self.events.len();
        self.events.push(Event {
            index,
            at: self.now,
            offset: self.now.0 - self.start.0,
            kind,
            explanation,
        });
    }

    fn person_id(&self, p: PersonIdx) -> String {
        self.model.person(p).id.value.clone()
    }

    fn vendor_id(&self, v: VendorIdx) -> String {
        self.model.vendor(v).id.value.clone()
    }

    fn trigger(&mut self) {
        let policy = self.model.policy(self.policy);
        let mut why = format!("incident opens on policy `{}`", policy.id.value);
        if let (Some(service), Some(severity)) = (self.service, self.severity) {
            why = format!(
                "incident on service `{}` at `{}` opens; routed to policy `{}`",
                self.model.service(service).id.value,
                self.model.severity(severity).id.value,
                policy.id.value
            );
        }
        self.emit(
            EventKind::Triggered {
                policy: self.policy,
                service: self.service,
                severity: self.severity,
            },
            why,
        );
        if let Some(service) = self.service {
            let actions = available_actions(&self.model, service, self.severity, self.start);
            if !actions.is_empty() {
                let names: Vec<String> = actions
                    .iter()
                    .filter_map(|&a| self.model.actions.get(a))
                    .map(|a| format!("`{}`", a.id.value))
                    .collect();
                self.emit(
                    EventKind::ActionsAvailable { actions },
                    format!(
                        "pre-approved actions for this service and severity: {}",
                        names.join(", ")
                    ),
                );
            }
        }
        if let Some(severity) = self.severity {
            let sev = self.model.severity(severity);
            let (ack_within, comms_within) = (sev.ack_within, sev.comms_within);
            if let Some(within) = ack_within {
                self.push(
                    self.start.add_seconds(within.0),
                    Pending::Deadline(Missed::AckWithin { within: within.0 }),
                );
            }
            if let Some(within) = comms_within {
                self.push(
                    self.start.add_seconds(within.0),
                    Pending::Deadline(Missed::CommsWithin { within: within.0 }),
                );
            }
        }
        if self.model.policy(self.policy).steps.is_empty() {
            self.exhausted = true;
            self.emit(
                EventKind::Exhausted,
                "the policy has no steps: nobody is paged".into(),
            );
        } else {
            let gen = self.gen;
            self.push(
                self.start,
                Pending::Fire {
                    pass: 1,
                    step: 0,
                    gen,
                },
            );
        }
    }

    /// Runs until at least one more event has been emitted, or the run ends.
    /// Returns whether an event was emitted.
    pub(crate) fn advance(&mut self) -> bool {
        let before = self.events.len();
        while self.events.len() == before {
            if self.events.len() >= MAX_EVENTS {
                return false;
            }
            if let Some(pos) = self
                .waiting
                .iter()
                .position(|(count, _)| *count <= self.events.len())
            {
                let (_, inject) = self.waiting.remove(pos);
                self.push(self.now, Pending::Inject(inject));
            }
            if self.resolved {
                return false;
            }
            let Some(Reverse(next)) = self.queue.pop() else {
                return false;
            };
            self.now = next.at;
            self.handle(next.what);
        }
        if self.events.len() >= MAX_EVENTS {
            self.emit(
                EventKind::Truncated,
                format!("the run stopped after {MAX_EVENTS} events"),
            );
        }
        true
    }

    /// Runs to the end.
    pub(crate) fn run_to_end(&mut self) {
        while self.advance() {}
    }

    fn handle(&mut self, what: Pending) {
        match what {
            Pending::Fire { pass, step, gen } => self.fire(pass, step, gen),
            Pending::StepDone { pass, step, gen } => {
                if gen == self.gen && !self.acked {
                    self.next_step(pass, step, false);
                }
            }
            Pending::Contact {
                person,
                via,
                to,
                pass,
                step,
                page,
            } => {
                let stopped = self
                    .stopped_through
                    .get(person.index())
                    .is_some_and(|&s| page <= s);
                if !self.acked && !stopped {
                    let why = format!(
                        "`{}` is contacted by {via} (engagement plan), paged by step {step} of pass {pass}",
                        self.person_id(person)
                    );
                    self.emit(
                        EventKind::ContactAttempt {
                            person,
                            via,
                            to,
                            pass,
                            step,
                        },
                        why,
                    );
                }
            }
            Pending::Ack(Participant::Person(p)) => {
                if let Some(slot) = self.ack_queued.get_mut(p.index()) {
                    *slot = false;
                }
                let unavailable = self.unavailable.get(p.index()).copied().unwrap_or(false);
                if !self.acked && !unavailable && !self.is_essential(p) {
                    self.ack_not_essential(p, false);
                } else if !self.acked && !unavailable {
                    self.acked = true;
                    let why = format!("`{}` acknowledges; escalation stops", self.person_id(p));
                    self.emit(
                        EventKind::Acknowledged {
                            by: Some(p),
                            injected: false,
                        },
                        why,
                    );
                }
            }
            Pending::Ack(Participant::Vendor(v)) => {
                if let Some(slot) = self.vendor_responded.get_mut(v.index()) {
                    *slot = true;
                }
                let why = format!("vendor `{}` responds", self.vendor_id(v));
                self.emit(EventKind::VendorResponded { vendor: v }, why);
            }
            Pending::Deadline(missed) => self.deadline(missed),
            Pending::Inject(inject) => self.inject(inject),
        }
    }

    fn fire(&mut self, pass: u32, step: usize, gen: u64) {
        if gen != self.gen || self.acked {
            return;
        }
        self.position = Some((pass, step));
        let policy = self.model.policy(self.policy);
        let Some(s) = policy.steps.get(step) else {
            return;
        };
        let wait = policy.on_empty_step == OnEmptyStep::Wait;
        let escalate_after = s.escalate_after.value.0.max(0);
        let role = s.role.clone();
        let owner = s.owner;
        if s.wait {
            // Nothing to resolve, nobody to page: the next step fires later.
            let step_no = step as u32 + 1;
            let why = format!(
                "step {step_no} of pass {pass} of policy `{}` waits {} before step {}: it pages nobody",
                policy.id.value,
                human(escalate_after),
                step_no + 1
            );
            self.last_skipped = false;
            self.emit(
                EventKind::Waiting {
                    pass,
                    step: step_no,
                    role,
                    owner,
                    wait: escalate_after,
                },
                why,
            );
            let gen = self.gen;
            self.push(
                self.now.add_seconds(escalate_after),
                Pending::StepDone { pass, step, gen },
            );
            return;
        }
        let resolved = match &self.timelines {
            Some(timelines) => resolve_step(&self.model, s, self.now, timelines, true),
            None => {
                let resolver = ModelResolver { model: &self.model };
                resolve_step(&self.model, s, self.now, &resolver, true)
            }
        };
        // Per person paged, whether an essential target reached them.
        let essential: Vec<bool> = resolved
            .people
            .iter()
            .map(|&p| resolved.essential_for(s, p))
            .collect();
        let step_no = step as u32 + 1;
        let mut label = format!(
            "step {step_no} of pass {pass} of policy `{}`",
            policy.id.value
        );
        if let Some(role) = &role {
            label.push_str(&format!(" ({role})"));
        }
        if let Some(owner) = owner {
            label.push_str(&format!(", owned by `{}`", self.person_id(owner)));
        }
        self.last_skipped = !resolved.pages_anyone();
        if resolved.pages_anyone() {
            let reasons: Vec<String> = resolved.why.iter().map(|r| self.reason(r)).collect();
            self.emit(
                EventKind::StepFired {
                    pass,
                    step: step_no,
                    role: role.clone(),
                    owner,
                    people: resolved.people.clone(),
                    vendors: resolved.vendors.clone(),
                },
                format!("{label} fires: {}", reasons.join("; ")),
            );
        } else {
            let mut why = format!("{label} resolves to nobody: a level gap");
            if !resolved.vendors_closed.is_empty() {
                let closed: Vec<String> = resolved
                    .vendors_closed
                    .iter()
                    .map(|v| format!("`{}`", self.vendor_id(*v)))
                    .collect();
                why.push_str(&format!(" (outside support hours: {})", closed.join(", ")));
            }
            if !wait {
                why.push_str("; the next step fires at once");
            }
            self.emit(
                EventKind::LevelSkipped {
                    pass,
                    step: step_no,
                    role: role.clone(),
                    owner,
                    vendors_closed: resolved.vendors_closed.clone(),
                },
                why,
            );
        }
        if !resolved.stakeholders.is_empty() {
            self.informed = true;
            let names: Vec<String> = resolved
                .stakeholders
                .iter()
                .map(|s| format!("`{s}`"))
                .collect();
            self.emit(
                EventKind::StakeholdersInformed {
                    stakeholders: resolved.stakeholders.clone(),
                    pass,
                    step: step_no,
                },
                format!("{label} informs {}", names.join(", ")),
            );
        }
        for (&person, essential) in resolved.people.iter().zip(essential) {
            self.page(person, pass, step_no, essential);
        }
        for &vendor in &resolved.vendors {
            self.engage(vendor, pass, step_no);
        }
        let done_at = if resolved.pages_anyone() || wait {
            self.now.add_seconds(escalate_after)
        } else {
            self.now
        };
        let gen = self.gen;
        self.push(done_at, Pending::StepDone { pass, step, gen });
    }

    fn reason(&self, reason: &PageReason) -> String {
        match reason {
            PageReason::Direct { person, .. } => format!("`{}` directly", self.person_id(*person)),
            PageReason::OnCall {
                person,
                schedule,
                why,
                ..
            } => {
                let mut s = format!(
                    "`{}` on call in `{}`",
                    self.person_id(*person),
                    self.model.schedule(*schedule).id.value
                );
                if let Some(detail) = crate::schedule::detail(self.model.schedule(*schedule), why) {
                    s.push_str(&format!(" ({detail})"));
                }
                s
            }
            PageReason::Turn {
                person,
                schedule,
                choice,
                why,
                ..
            } => {
                let s = self.model.schedule(*schedule);
                format!(
                    "`{}`: {} in `{}`",
                    self.person_id(*person),
                    crate::schedule::turn_detail(s, *choice, why),
                    s.id.value
                )
            }
            PageReason::Vendor { vendor, .. } => format!("vendor `{}`", self.vendor_id(*vendor)),
        }
    }

    /// Whether `person`'s acknowledgement stops the escalation: they were
    /// paged through an essential target, or never paged (an injected
    /// acknowledgement by someone the plan did not reach).
    fn is_essential(&self, person: PersonIdx) -> bool {
        let i = person.index();
        self.essential.get(i).copied().unwrap_or(true)
            || self.pages.get(i).copied().unwrap_or(0) == 0
    }

    /// `person`, reached only through `essential: false` targets,
    /// acknowledges: their contact attempts so far stop, the escalation
    /// goes on.
    fn ack_not_essential(&mut self, person: PersonIdx, injected: bool) {
        let i = person.index();
        if let (Some(stop), Some(&pages)) = (self.stopped_through.get_mut(i), self.pages.get(i)) {
            *stop = pages;
        }
        let why = format!(
            "{}`{}` acknowledges; reached only through targets with `essential: false`, they stop being contacted and escalation goes on",
            if injected { "injected: " } else { "" },
            self.person_id(person)
        );
        self.emit(
            EventKind::AcknowledgedNotEssential {
                by: person,
                injected,
            },
            why,
        );
    }

    fn page(&mut self, person: PersonIdx, pass: u32, step: u32, essential: bool) {
        if let Some(slot) = self.paged_at.get_mut(person.index()) {
            slot.get_or_insert(self.now);
        }
        let mut page = 1;
        if let Some(n) = self.pages.get_mut(person.index()) {
            *n = n.saturating_add(1);
            page = *n;
        }
        if let (true, Some(slot)) = (essential, self.essential.get_mut(person.index())) {
            *slot = true;
        }
        let rules: Vec<(String, i64, Option<String>)> = {
            let p = self.model.person(person);
            if p.contact.is_empty() {
                vec![(DEFAULT_CHANNEL.to_string(), 0, None)]
            } else {
                p.contact
                    .iter()
                    .map(|c| (c.via.clone(), c.after.0.max(0), c.to.clone()))
                    .collect()
            }
        };
        for (via, after, to) in rules {
            self.push(
                self.now.add_seconds(after),
                Pending::Contact {
                    person,
                    via,
                    to,
                    pass,
                    step,
                    page,
                },
            );
        }
        self.queue_ack(person);
    }

    /// Queues the person's acknowledgement if they answer and none is queued.
    fn queue_ack(&mut self, person: PersonIdx) {
        let Behaviour::Acknowledges { after } =
            self.scenario.behaviour(Participant::Person(person))
        else {
            return;
        };
        let Some(paged) = self.paged_at.get(person.index()).copied().flatten() else {
            return;
        };
        let queued = self.ack_queued.get(person.index()).copied().unwrap_or(true);
        if queued
            || self
                .unavailable
                .get(person.index())
                .copied()
                .unwrap_or(true)
        {
            return;
        }
        if let Some(slot) = self.ack_queued.get_mut(person.index()) {
            *slot = true;
        }
        let at = paged.add_seconds(after.0.max(0)).max(self.now);
        self.push(at, Pending::Ack(Participant::Person(person)));
    }

    fn engage(&mut self, vendor: VendorIdx, pass: u32, step: u32) {
        let (id, contacts) = {
            let v = self.model.vendor(vendor);
            let contacts: Vec<String> = v
                .contacts
                .iter()
                .map(|c| format!("{} {}", c.via, c.to))
                .collect();
            (v.id.value.clone(), contacts)
        };
        let mut why = format!("vendor `{id}` is engaged by step {step} of pass {pass}");
        if !contacts.is_empty() {
            why.push_str(&format!(" via {}", contacts.join(", ")));
        }
        self.emit(EventKind::VendorEngaged { vendor, pass, step }, why);
        let already = self
            .vendor_queued
            .get(vendor.index())
            .copied()
            .unwrap_or(true);
        if already {
            return;
        }
        if let Some(slot) = self.vendor_queued.get_mut(vendor.index()) {
            *slot = true;
        }
        if let Some(severity) = self.severity {
            let sla = self
                .model
                .vendor(vendor)
                .sla
                .iter()
                .find(|(s, _)| *s == severity)
                .map(|(_, d)| d.value.0);
            if let Some(within) = sla {
                self.push(
                    self.now.add_seconds(within),
                    Pending::Deadline(Missed::VendorSla { vendor, within }),
                );
            }
        }
        if let Behaviour::Acknowledges { after } =
            self.scenario.behaviour(Participant::Vendor(vendor))
        {
            self.push(
                self.now.add_seconds(after.0.max(0)),
                Pending::Ack(Participant::Vendor(vendor)),
            );
        }
    }

    /// Moves on after step `step` of `pass`: the next step, a new pass, or exhaustion.
    fn next_step(&mut self, pass: u32, step: usize, manual: bool) {
        let policy = self.model.policy(self.policy);
        let steps = policy.steps.len();
        let passes = u32::from(policy.repeat) + 1;
        // The step that is done is the one that fired last.
        let skipped_last = !manual && self.last_skipped;
        let waited = !manual && policy.steps.get(step).is_some_and(|s| s.wait);
        let gen = self.gen;
        if step + 1 < steps {
            if waited {
                self.emit(
                    EventKind::Escalated {
                        pass,
                        from_step: step as u32 + 1,
                        to_step: step as u32 + 2,
                        manual,
                    },
                    format!("step {} has waited: step {} fires", step + 1, step + 2),
                );
            } else if manual || !skipped_last {
                self.emit(
                    EventKind::Escalated {
                        pass,
                        from_step: step as u32 + 1,
                        to_step: step as u32 + 2,
                        manual,
                    },
                    if manual {
                        format!(
                            "manual escalation from step {} to step {}",
                            step + 1,
                            step + 2
                        )
                    } else {
                        format!(
                            "nobody acknowledged step {} in time: escalating to step {}",
                            step + 1,
                            step + 2
                        )
                    },
                );
            }
            self.push(
                self.now,
                Pending::Fire {
                    pass,
                    step: step + 1,
                    gen,
                },
            );
        } else if pass < passes {
            self.emit(
                EventKind::PassRepeated { pass: pass + 1 },
                format!(
                    "all steps done without acknowledgement: pass {} of {passes} starts",
                    pass + 1
                ),
            );
            self.push(
                self.now,
                Pending::Fire {
                    pass: pass + 1,
                    step: 0,
                    gen,
                },
            );
        } else {
            self.exhausted = true;
            self.emit(
                EventKind::Exhausted,
                format!("the last step of the last pass is done: nobody else is paged ({passes} pass(es) of {steps} step(s))"),
            );
        }
    }

    fn deadline(&mut self, missed: Missed) {
        let (hit, why) = match &missed {
            Missed::AckWithin { within } => (
                !self.acked,
                format!(
                    "nobody acknowledged within `ack_within` ({})",
                    human(*within)
                ),
            ),
            Missed::CommsWithin { within } => (
                !self.informed,
                format!(
                    "stakeholders were not informed within `comms_within` ({})",
                    human(*within)
                ),
            ),
            Missed::VendorSla { vendor, within } => (
                !self
                    .vendor_responded
                    .get(vendor.index())
                    .copied()
                    .unwrap_or(false),
                format!(
                    "vendor `{}` did not respond within its SLA ({})",
                    self.vendor_id(*vendor),
                    human(*within)
                ),
            ),
        };
        if hit {
            self.emit(EventKind::TargetMissed(missed), why);
        }
    }

    fn inject(&mut self, inject: Inject) {
        match &inject {
            Inject::Unavailable(p) => {
                if let Some(slot) = self.unavailable.get_mut(p.index()) {
                    *slot = true;
                }
                let why = format!("injected: `{}` becomes unavailable", self.person_id(*p));
                self.emit(EventKind::Injected(inject), why);
            }
            Inject::Available(p) => {
                if let Some(slot) = self.unavailable.get_mut(p.index()) {
                    *slot = false;
                }
                let why = format!("injected: `{}` is available again", self.person_id(*p));
                let p = *p;
                self.emit(EventKind::Injected(inject), why);
                if !self.acked {
                    self.queue_ack(p);
                }
            }
            Inject::Override { schedule, value } => {
                let schedule = *schedule;
                let id = self.model.schedule(schedule).id.value.clone();
                if let Some(s) = self.model.to_mut().schedules.get_mut(schedule.index()) {
                    s.overrides.push(value.clone());
                }
                self.timelines = Timelines::for_policies(
                    &self.model,
                    &[self.policy],
                    self.start,
                    self.start.add_seconds(1),
                )
                .ok();
                let why = format!("injected: an override is added to schedule `{id}`");
                self.emit(EventKind::Injected(inject), why);
            }
            Inject::Acknowledge(Some(p)) if !self.acked && !self.is_essential(*p) => {
                let p = *p;
                self.ack_not_essential(p, true);
            }
            Inject::Acknowledge(by) => {
                if !self.acked {
                    self.acked = true;
                    let who = by.map_or("someone".to_string(), |p| {
                        format!("`{}`", self.person_id(p))
                    });
                    self.emit(
                        EventKind::Acknowledged {
                            by: *by,
                            injected: true,
                        },
                        format!("injected: {who} acknowledges; escalation stops"),
                    );
                }
            }
            Inject::Resolve => {
                self.resolved = true;
                self.emit(
                    EventKind::Resolved,
                    "injected: the incident is resolved".into(),
                );
            }
            Inject::Escalate if self.exhausted => {
                self.emit(
                    EventKind::Injected(inject),
                    "injected: a manual escalation, but the policy is exhausted: nobody else is paged".into(),
                );
            }
            Inject::Escalate => {
                self.gen += 1;
                self.acked = false;
                match self.position {
                    Some((pass, step)) => self.next_step(pass, step, true),
                    None => {
                        let gen = self.gen;
                        self.push(
                            self.now,
                            Pending::Fire {
                                pass: 1,
                                step: 0,
                                gen,
                            },
                        );
                    }
                }
            }
            Inject::Note(text) => {
                let why = format!("note: {text}");
                self.emit(EventKind::Injected(inject), why);
            }
        }
    }
}

/// Pre-approved actions for `service` at `severity` that are valid at `at`.
pub fn available_actions(
    model: &Model,
    service: ServiceIdx,
    severity: Option<SeverityIdx>,
    at: Timestamp,
) -> Vec<usize> {
    model
        .actions
        .iter()
        .enumerate()
        .filter(|(_, a)| a.services.contains(&service))
        .filter(|(_, a)| match severity {
            Some(s) => a.severities.is_empty() || a.severities.contains(&s),
            None => true,
        })
        .filter(|(_, a)| !model.approval_expired(a, at))
        .filter(|(_, a)| a.approved_by.is_some())
        .map(|(i, _)| i)
        .collect()
}

/// A duration in words, as the document writes it (`1h30m`).
fn human(seconds: i64) -> String {
    crate::time::values::format_duration(crate::time::Seconds(seconds))
}
