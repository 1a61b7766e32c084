//! Findings: what the practice asks that a policy document lacks (lint).
//!
//! Each finding is a [`Diagnostic`] with a stable kebab-case code, a
//! severity, a one-line message, a span into the text and a `why` line tying
//! it to the practice (AWS Well-Architected OPS10-BP04, "define escalation
//! paths"). One module per concern:
//!
//! - [`references`]: ids defined but never used.
//! - [`owners`]: policies, steps and services nobody is accountable for.
//! - [`routes`]: services, severities and triggers that reach no policy.
//! - [`vendors`]: vendor SLAs slower than the target, vendors outside support hours.
//! - [`actions`]: pre-approved actions missing, expired or unapproved.
//! - [`drills`]: rehearsals and the review cadence.
//! - [`comms`]: stakeholder communication.
//! - [`paths`]: one person on every level.
//! - [`gaps`]: coverage gaps of each routed policy over the window.
//!
//! Findings that need time (expiry, drills, review) are judged "as of" the
//! start of the window; the engine never reads a clock.

use crate::diagnostic::Diagnostic;
use crate::model::Model;
use crate::time::Timestamp;

pub mod actions;
pub mod comms;
pub mod drills;
pub mod gaps;
pub mod owners;
pub mod paths;
pub mod references;
pub mod routes;
pub mod vendors;

#[cfg(test)]
mod tests;

/// The findings of a document for the window `[from, to)`, sorted by position.
///
/// `from` is the "as of" instant for approvals, drills and the review.
pub fn findings(model: &Model, window: (Timestamp, Timestamp)) -> Vec<Diagnostic> {
    // Instants outside the supported years are read as its ends.
    let (from, to) = (supported(window.0), supported(window.1));
    let mut out = timeless(model);
    out.extend(actions::findings(model, from));
    out.extend(drills::findings(model, from));
    out.extend(gaps::findings(model, from, to));
    out.sort_by_key(|d| (d.span.start, d.span.end, d.code));
    out.dedup_by(|a, b| a.code == b.code && a.span == b.span);
    out
}

fn supported(t: Timestamp) -> Timestamp {
    t.clamp(Timestamp::MIN, Timestamp::MAX)
}

/// The findings that do not depend on time (no expiry, drills, review or
/// coverage gaps), sorted by position.
pub fn timeless(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    out.extend(references::findings(model));
    out.extend(owners::findings(model));
    out.extend(routes::findings(model));
    out.extend(vendors::findings(model));
    out.extend(comms::findings(model));
    out.extend(paths::findings(model));
    out.sort_by_key(|d| (d.span.start, d.span.end, d.code));
    out
}

/// A duration as the document writes it: `1h30m`, `5m`, `0s`.
pub(crate) fn duration(seconds: i64) -> String {
    crate::time::values::format_duration(crate::time::Seconds(seconds.max(0)))
}
