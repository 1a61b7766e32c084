//! The JSON shapes every surface prints (SPEC section 6), separate from engine types.

mod diagnostic;

pub use diagnostic::{diagnostics_json, DiagnosticJson, LabelJson, PositionJson, SpanJson};
