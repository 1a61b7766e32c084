//! The JSON shapes every surface prints (SPEC section 6), separate from engine types.

mod schedule;
pub use schedule::{
    LoadJson, OnCallOutput, OnCallSchedule, QualityOutput, ShiftJson, ShiftsOutput, WhyJson,
};
