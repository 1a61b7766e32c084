//! Escalator evaluates incident escalation paths and on-call schedules.
//!
//! The flow reads top to bottom, one module per stage:
//!
//! 1. [`document`]: text (YAML or JSON) to a tree of values that remember
//!    where they came from ([`diagnostic::Span`]).
//! 2. [`model`]: the tree checked and turned into a validated [`model::Model`]
//!    in which every id is resolved to an index.
//! 3. Engines that compute with the model and never touch I/O:
//!    [`time`] (local times to instants, DST made explicit), [`schedule`]
//!    (shifts and who is on call), [`escalation`] (paging plans),
//!    [`coverage`] (coverage, gaps, heatmaps), [`findings`] (lint),
//!    [`simulation`] (incidents stepped event by event).
//! 4. [`output`]: the JSON shapes every surface prints (SPEC section 6).
//! 5. Surfaces: the CLI (`src/cli`, native only) and the wasm bindings
//!    (`src/wasm.rs`, wasm32 only) both call [`Evaluator`].

pub mod coverage;
pub mod diagnostic;
pub mod document;
pub mod escalation;
pub mod evaluator;
pub mod findings;
pub mod ical;
pub mod import;
pub mod model;
pub mod output;
pub mod schedule;
pub mod simulation;
pub mod suggest;
pub mod time;

/// The JS bindings (wasm32 only); public so wasm tests can call them.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use evaluator::{check, check_at, Evaluator};

/// The version of the engine (the crate version).
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The version of the policy document format this engine reads (SPEC v1).
pub const FORMAT_VERSION: u32 = 1;

/// The version of the bundled IANA time zone database.
pub const TZDB_VERSION: &str = chrono_tz::IANA_TZDB_VERSION;
