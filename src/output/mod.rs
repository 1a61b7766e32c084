//! The JSON shapes every surface prints (SPEC section 6), separate from engine types.

pub mod coverage;
pub mod plan;
pub mod simulation;

pub use coverage::CoverageOutput;
pub use plan::PlanOutput;
