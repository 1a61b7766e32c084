//! The JSON shapes every surface prints (SPEC section 6), separate from engine types.

pub mod coverage;
pub mod outline;
pub mod plan;

pub use coverage::CoverageOutput;
pub use outline::OutlineOutput;
pub use plan::PlanOutput;
