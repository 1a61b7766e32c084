//! The JSON shapes every surface prints (SPEC section 6), separate from engine types.

mod answer;
pub mod compare;
pub mod coverage;
pub mod debrief;
mod diagnostic;
pub mod ics;
pub mod import;
pub mod outline;
pub mod plan;
mod schedule;
pub mod simulation;
mod summary;
pub mod time;

pub use answer::{Answer, EscalatorError};
pub use compare::CompareOutput;
pub use coverage::{CoverageCompact, CoverageOutput, CoveragePlan};
pub use diagnostic::{diagnostics_json, Diagnostic, Label, Position, Span};
pub use import::ImportOutput;
pub use outline::OutlineOutput;
pub use plan::PlanOutput;
pub use schedule::{
    Load, OnCallOutput, OnCallSchedule, QualityOutput, Shift, ShiftsCompact, ShiftsOutput, Why,
};
pub use summary::{SummaryOutput, Version};
pub use time::LocalTime;
