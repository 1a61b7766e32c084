//! Simulation: one incident stepped event by event, with responder behaviour
//! and injected events (SPEC section 5, "Simulation").
//!
//! - [`scenario`]: the incident, behaviours and injections (and reading them
//!   from a scenario document).
//! - [`event`]: what happens, one event at a time.
//! - [`run`]: the deterministic discrete-event run.
//! - [`stepper`]: [`Simulation`], the handle that steps, seeks and injects.
//! - [`debrief`]: the run as a Markdown timeline.
//!
//! With nobody answering, the steps a run fires are exactly the paging plan
//! of [`crate::escalation`]: both resolve steps with
//! [`crate::escalation::step::resolve_step`].

pub mod debrief;
pub mod event;
pub mod run;
pub mod scenario;
pub mod stepper;

pub use event::{Event, EventKind, Missed};
pub use scenario::{Behaviour, Incident, Inject, Injection, Route, Scenario};
pub use stepper::{Simulation, State};
