//! Simulation: one incident stepped event by event, with responder behaviour
//! and injected events (SPEC section 5, "Simulation").
//!
//! - [`crate::model::scenario`]: the incident, behaviours and injections (read
//!   from a scenario document by [`crate::model::read::scenario`]).
//! - [`event`]: what happens, one event at a time.
//! - [`run`]: the deterministic discrete-event run.
//! - [`stepper`]: [`Simulation`], the handle that steps, seeks and injects.
//!
//! The run's JSON form and its Markdown debrief are in `output`
//! (`output::simulation`, `output::debrief`); the queries that start a run
//! are in `evaluator::simulation`.
//!
//! With nobody answering, the steps a run fires are exactly the paging plan
//! of [`crate::escalation`]: both resolve steps with
//! [`crate::escalation::step::resolve_step`].

pub mod event;
pub mod run;
pub mod stepper;

pub use crate::model::scenario::{Behaviour, Incident, Inject, Injection, Route, Scenario};
pub use event::{Event, EventKind, Missed};
pub use stepper::{Simulation, State};
#[cfg(test)]
mod tests;
