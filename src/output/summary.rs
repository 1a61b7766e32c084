//! How much a document holds: counts per kind (`Evaluator::summary`).

use serde::Serialize;

use crate::model::Model;

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

impl SummaryOutput {
    /// The counts of a model, with the number of warnings and infos its
    /// document gave.
    pub fn new(m: &Model, diagnostics: usize) -> SummaryOutput {
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
            diagnostics,
        }
    }
}
