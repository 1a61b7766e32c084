//! Hand-built models for unit tests of the engines (no parser needed).

use chrono_tz::Tz;

use crate::diagnostic::Span;
use crate::model::*;
use crate::time::Seconds;
use crate::time::Timestamp;

use crate::schedule::Shift;

/// A span that is never asserted on.
pub fn sp() -> Span {
    Span::new(0, 0)
}

/// A model with people `alice`, `bob`, `carol`, `dan`, schedules `s0..` (no
/// layers: tests give their shifts directly), and no policies yet.
pub fn model(schedules: usize) -> Model {
    let people = ["alice", "bob", "carol", "dan"]
        .iter()
        .map(|id| Person {
            source: None,
            id: Spanned::new(id.to_string(), sp()),
            name: None,
            timezone: None,
            contact: Vec::new(),
            span: sp(),
        })
        .collect();
    let schedules = (0..schedules)
        .map(|i| Schedule {
            disabled: None,
            dst: Default::default(),
            source: None,
            id: Spanned::new(format!("s{i}"), sp()),
            name: None,
            timezone: Tz::UTC,
            layers: Vec::new(),
            combine: Combine::Top,
            overrides: Vec::new(),
            span: sp(),
        })
        .collect();
    Model {
        timezone: Tz::UTC,
        people,
        schedules,
        policies: Vec::new(),
        services: Vec::new(),
        severities: Vec::new(),
        triggers: Vec::new(),
        vendors: Vec::new(),
        actions: Vec::new(),
        drills: Vec::new(),
        review: None,
    }
}

/// A step notifying `targets`, escalating after `minutes`.
pub fn step(targets: Vec<Target>, minutes: i64) -> Step {
    Step {
        wait: false,
        non_essential: Vec::new(),
        name: None,
        source: None,
        targets: targets.into_iter().map(|t| Spanned::new(t, sp())).collect(),
        escalate_after: Spanned::new(Seconds(minutes * 60), sp()),
        role: None,
        owner: None,
        span: sp(),
    }
}

/// A step that only waits `minutes`.
pub fn wait(minutes: i64) -> Step {
    Step {
        wait: true,
        ..step(Vec::new(), minutes)
    }
}

/// Adds a policy and returns its index.
pub fn add_policy(
    model: &mut Model,
    id: &str,
    repeat: u8,
    on_empty_step: OnEmptyStep,
    steps: Vec<Step>,
) -> PolicyIdx {
    model.policies.push(Policy {
        source: None,
        id: Spanned::new(id.to_string(), sp()),
        name: None,
        owner: None,
        repeat,
        on_empty_step,
        steps,
        span: sp(),
    });
    PolicyIdx(model.policies.len() as u32 - 1)
}

/// Adds a vendor (always open in the model; tests set support hours in timelines).
pub fn add_vendor(model: &mut Model, id: &str) -> VendorIdx {
    model.vendors.push(Vendor {
        source: None,
        id: Spanned::new(id.to_string(), sp()),
        name: None,
        timezone: Tz::UTC,
        sla: Vec::new(),
        support_hours: Vec::new(),
        contacts: Vec::new(),
        span: sp(),
    });
    VendorIdx(model.vendors.len() as u32 - 1)
}

/// Shifts from `(start_minute, people)` pairs, each ending where the next
/// starts, the last at `end_minute`.
pub fn shifts(parts: &[(i64, &[u32])], end_minute: i64) -> Vec<Shift> {
    let mut out = Vec::new();
    for (i, (start, people)) in parts.iter().enumerate() {
        let end = parts.get(i + 1).map_or(end_minute, |n| n.0);
        out.push(Shift {
            start: Timestamp(start * 60),
            end: Timestamp(end * 60),
            on_call: people.iter().map(|p| PersonIdx(*p)).collect(),
            why: Vec::new(),
        });
    }
    out
}

/// Minutes to an instant.
pub fn min(m: i64) -> Timestamp {
    Timestamp(m * 60)
}
