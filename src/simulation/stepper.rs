//! A simulation that can be stepped event by event, sought, and injected
//! into while paused: the handle the CLI, the JS API and the playground use.

use crate::error::QueryError;
use crate::model::{Model, OnEmptyStep, PersonIdx, VendorIdx};
use crate::time::Timestamp;

use super::event::{Event, EventKind, Missed};
use super::run::Run;
use crate::model::scenario::{Inject, Injection, Scenario};

/// One incident run, with a cursor over its events.
///
/// The run is deterministic, so the whole event list is computed up front;
/// stepping moves the cursor. Injecting while paused adds the injection right
/// after the current event and recomputes: the events up to the cursor never
/// change, only the future does.
#[derive(Clone, Debug)]
pub struct Simulation {
    model: Model,
    scenario: Scenario,
    events: Vec<Event>,
    /// How many events have been shown (0: paused before the first).
    shown: usize,
}

/// Where a paused run stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct State {
    /// The instant of the current event (the start before the first).
    pub at: Timestamp,
    /// Seconds since the incident opened.
    pub elapsed: i64,
    /// Events shown so far.
    pub shown: usize,
    /// Everyone paged so far, in order of first page.
    pub paged: Vec<PersonIdx>,
    /// People paged and still being contacted (nobody acknowledged yet).
    pub contacting: Vec<PersonIdx>,
    /// Vendors engaged so far.
    pub vendors: Vec<VendorIdx>,
    /// The step that fired last, as (pass, step) from 1.
    pub current: Option<(u32, u32)>,
    /// When the next step fires if nobody acknowledges, and which (pass, step)
    /// or `None` for exhaustion.
    pub next_escalation: Option<(Timestamp, Option<(u32, u32)>)>,
    pub acknowledged: bool,
    pub resolved: bool,
    pub exhausted: bool,
    /// Targets missed so far.
    pub missed: Vec<Missed>,
}

impl Simulation {
    /// Runs `scenario` on `model` and pauses before the first event.
    pub fn new(model: &Model, scenario: Scenario) -> Result<Simulation, QueryError> {
        let mut sim = Simulation {
            model: model.clone(),
            scenario,
            events: Vec::new(),
            shown: 0,
        };
        sim.recompute()?;
        Ok(sim)
    }

    fn recompute(&mut self) -> Result<(), QueryError> {
        let mut run = Run::start(&self.model, &self.scenario)?;
        run.run_to_end();
        self.events = run.events;
        self.shown = self.shown.min(self.events.len());
        Ok(())
    }

    /// The model the run reads (the document's).
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The scenario, with every injection made so far (export it to replay).
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Every event of the run, shown or not.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// How many events have been shown.
    pub fn shown(&self) -> usize {
        self.shown
    }

    /// The current event (the last shown).
    pub fn current(&self) -> Option<&Event> {
        self.shown.checked_sub(1).and_then(|i| self.events.get(i))
    }

    /// Shows the next event and returns it (`None` at the end).
    pub fn next_event(&mut self) -> Option<&Event> {
        if self.shown < self.events.len() {
            self.shown += 1;
            self.current()
        } else {
            None
        }
    }

    /// Steps back one event and returns the new current event.
    pub fn previous_event(&mut self) -> Option<&Event> {
        self.shown = self.shown.saturating_sub(1);
        self.current()
    }

    /// Shows events up to and including event `index`.
    pub fn seek(&mut self, index: usize) {
        self.shown = index.saturating_add(1).min(self.events.len());
    }

    /// Shows every event at or before `at`.
    pub fn seek_time(&mut self, at: Timestamp) {
        self.shown = self.events.partition_point(|e| e.at <= at);
    }

    /// Back to the start, before the first event.
    pub fn reset(&mut self) {
        self.shown = 0;
    }

    /// Shows every event.
    pub fn run_to_end(&mut self) {
        self.shown = self.events.len();
    }

    /// Whether every event has been shown.
    pub fn at_end(&self) -> bool {
        self.shown >= self.events.len()
    }

    /// Injects an event right after the current one and recomputes the future.
    pub fn inject(&mut self, inject: Inject) -> Result<(), QueryError> {
        let after = self.current().map_or(0, |e| e.offset);
        self.scenario.injections.push(Injection {
            after: crate::time::Seconds(after),
            at_event: Some(self.shown),
            inject,
        });
        self.recompute()
    }

    /// Where the run stands after the shown events.
    pub fn state(&self) -> State {
        let start = self.scenario.incident.at;
        let shown = self.events.get(..self.shown).unwrap_or(&[]);
        let mut state = State {
            at: shown.last().map_or(start, |e| e.at),
            elapsed: 0,
            shown: self.shown,
            paged: Vec::new(),
            contacting: Vec::new(),
            vendors: Vec::new(),
            current: None,
            next_escalation: None,
            acknowledged: false,
            resolved: false,
            exhausted: false,
            missed: Vec::new(),
        };
        state.elapsed = state.at.0 - start.0;
        let mut fired_at = start;
        let mut fired_paged = false;
        // People who acknowledged without stopping the escalation
        // (`essential: false`): no longer contacted until paged again.
        let mut stopped: Vec<PersonIdx> = Vec::new();
        for e in shown {
            match &e.kind {
                EventKind::StepFired {
                    pass,
                    step,
                    people,
                    vendors,
                    ..
                } => {
                    for p in people {
                        if !state.paged.contains(p) {
                            state.paged.push(*p);
                        }
                    }
                    stopped.retain(|s| !people.contains(s));
                    for v in vendors {
                        if !state.vendors.contains(v) {
                            state.vendors.push(*v);
                        }
                    }
                    state.current = Some((*pass, *step));
                    fired_at = e.at;
                    fired_paged = true;
                    state.exhausted = false;
                }
                EventKind::Waiting { pass, step, .. } => {
                    state.current = Some((*pass, *step));
                    fired_at = e.at;
                    fired_paged = true;
                    state.exhausted = false;
                }
                EventKind::LevelSkipped { pass, step, .. } => {
                    state.current = Some((*pass, *step));
                    fired_at = e.at;
                    fired_paged = false;
                    state.exhausted = false;
                }
                EventKind::Acknowledged { .. } => state.acknowledged = true,
                EventKind::AcknowledgedNotEssential { by, .. } if !stopped.contains(by) => {
                    stopped.push(*by);
                }
                EventKind::Escalated { manual: true, .. } => state.acknowledged = false,
                EventKind::Resolved => state.resolved = true,
                EventKind::Exhausted => state.exhausted = true,
                EventKind::TargetMissed(m) => state.missed.push(m.clone()),
                _ => {}
            }
        }
        if !state.acknowledged && !state.resolved {
            state.contacting = state.paged.clone();
            state.contacting.retain(|p| !stopped.contains(p));
        }
        if let (Some((pass, step)), false, false, false) = (
            state.current,
            state.acknowledged,
            state.resolved,
            state.exhausted,
        ) {
            state.next_escalation = self.next_after(pass, step, fired_at, fired_paged);
        }
        state
    }

    /// When the step after (pass, step) fires if nobody acknowledges.
    fn next_after(
        &self,
        pass: u32,
        step: u32,
        fired_at: Timestamp,
        paged: bool,
    ) -> Option<(Timestamp, Option<(u32, u32)>)> {
        let policy = match self.events.first().map(|e| &e.kind) {
            Some(EventKind::Triggered { policy, .. }) => self.model.policy(*policy),
            _ => return None,
        };
        let s = policy.steps.get(step.checked_sub(1)? as usize)?;
        let wait = policy.on_empty_step == OnEmptyStep::Wait;
        let at = if paged || wait || s.wait {
            fired_at.add_seconds(s.escalate_after.value.0.max(0))
        } else {
            fired_at
        };
        let steps = policy.steps.len() as u32;
        let passes = u32::from(policy.repeat) + 1;
        let next = if step < steps {
            Some((pass, step + 1))
        } else if pass < passes {
            Some((pass + 1, 1))
        } else {
            None
        };
        Some((at, next))
    }
}
