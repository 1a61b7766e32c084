//! How much a document holds: counts per kind (`Evaluator::summary`).

use serde::Serialize;

use crate::evaluator::Evaluator;

/// The number of objects of each kind in a valid document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SummaryOutput {
    /// The document's default zone.
    pub timezone: String,
    pub people: usize,
    pub schedules: usize,
    pub policies: usize,
    pub services: usize,
    pub severities: usize,
    pub triggers: usize,
    pub vendors: usize,
    pub actions: usize,
    pub drills: usize,
    /// Warnings and infos found while reading the document.
    pub diagnostics: usize,
}

impl Evaluator {
    /// Counts of what the document holds.
    ///
    /// ```
    /// let ev = escalator::Evaluator::new("version: 1\ntimezone: UTC\npeople: [{id: alice}]\n").unwrap();
    /// let summary = ev.summary();
    /// assert_eq!((summary.people, summary.schedules, summary.timezone.as_str()), (1, 0, "UTC"));
    /// ```
    pub fn summary(&self) -> SummaryOutput {
        let m = self.model();
        SummaryOutput {
            timezone: m.timezone.name().to_string(),
            people: m.people.len(),
            schedules: m.schedules.len(),
            policies: m.policies.len(),
            services: m.services.len(),
            severities: m.severities.len(),
            triggers: m.triggers.len(),
            vendors: m.vendors.len(),
            actions: m.actions.len(),
            drills: m.drills.len(),
            diagnostics: self.diagnostics().len(),
        }
    }
}
