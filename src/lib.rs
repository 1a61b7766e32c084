//! Escalator evaluates incident escalation paths and on-call schedules.
//!
//! The crate is layered so the flow reads top to bottom. Each layer uses only
//! the layers listed before it, and the modules of one layer are independent
//! of each other; `tests/layers.rs` holds the same list and fails when a file
//! under `src/` imports a later layer (test code aside).
//!
//! 1. [`diagnostic`], [`suggest`], [`error`]: what every layer reports
//!    with: spanned [`diagnostic::Diagnostic`]s, "did you mean", and
//!    [`QueryError`] for values and queries a caller got wrong.
//! 2. [`document`]: text (YAML or JSON) to a tree of values that remember
//!    where they came from ([`diagnostic::Span`]).
//! 3. [`time`]: instants, zones and local times with DST made explicit, and
//!    the value syntax of documents and queries (durations, date-times,
//!    windows, zone names) with its types.
//! 4. [`ical`]: iCalendar (RFC 5545) calendars read exactly (time zones,
//!    recurrences), expanded into occurrences, and written.
//! 5. `import`: front ends beside [`document`] that read other formats
//!    (vendor exports, Terraform, calendars through [`ical`]) into
//!    documents (they use only the layers above).
//! 6. [`model`]: the tree checked and read into a validated [`model::Model`]
//!    in which every id is resolved to an index ([`model::read`]), with the
//!    lookups engines share (routing, approval expiry).
//! 7. [`schedule`]: exact shifts, who is on call and why.
//! 8. [`escalation`]: paging plans.
//! 9. [`coverage`]: coverage intervals, gaps, heatmaps.
//! 10. [`findings`]: the practice's findings (lint).
//! 11. [`simulation`], [`compare`]: incidents stepped event by event; two
//!     documents compared (on-call sets, paging plans, findings) over a window.
//! 12. [`output`]: the JSON shapes every surface prints (SPEC section 6) and
//!     the Markdown debrief.
//! 13. [`evaluator`]: [`Evaluator`], a document read once and then queried;
//!     one file per engine's queries, calling the engines' plain functions.
//! 14. `cli`, `wasm`, `wasm_migrate`: the surfaces, the command line (`src/cli`, native
//!     only) and the JS bindings (`src/wasm.rs` and the migration module's
//!     `src/wasm_migrate.rs`, wasm32 only); all call
//!     [`Evaluator`] and touch I/O, the clock and JS, which no engine does.

pub mod compare;
pub mod coverage;
pub mod diagnostic;
pub mod document;
pub mod error;
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

/// The JS bindings (wasm32 only, cargo feature `js`, on by default: another
/// wasm module, the importers' say, can be built from this crate with only
/// its own bindings); public so wasm tests can call them.
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub mod wasm;

/// The JS bindings of the migration module (`escalator-migrate`: import
/// and compare; wasm32 only, cargo feature `migrate-js`), a wasm module of
/// its own so the engine's stays small.
#[cfg(all(target_arch = "wasm32", feature = "migrate-js"))]
pub mod wasm_migrate;

pub use error::QueryError;
pub use evaluator::{check, check_at, import_document, CheckWindow, Evaluator, PolicyChoice};

/// The version of the engine (the crate version).
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The version of the policy document format this engine reads (SPEC v1).
pub const FORMAT_VERSION: u32 = 1;

/// The version of the bundled IANA time zone database.
pub const TZDB_VERSION: &str = chrono_tz::IANA_TZDB_VERSION;
