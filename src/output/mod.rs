//! The JSON shapes every surface prints (SPEC section 6), separate from engine types.

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

pub use compare::CompareOutput;
pub use coverage::CoverageOutput;
pub use diagnostic::{diagnostics_json, DiagnosticJson, LabelJson, PositionJson, SpanJson};
pub use import::ImportOutput;
pub use outline::OutlineOutput;
pub use plan::PlanOutput;
pub use schedule::{
    LoadJson, OnCallOutput, OnCallSchedule, QualityOutput, ShiftJson, ShiftsOutput, WhyJson,
};
pub use summary::SummaryOutput;
