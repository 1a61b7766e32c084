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

/// The versions of the engine, the document format and the bundled time
/// zone database (the JS `version()`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Version {
    /// The engine (crate and npm package) version.
    pub engine: &'static str,
    /// The policy document format version this engine reads.
    pub format: u32,
    /// The IANA time zone database version compiled in.
    pub tzdb: &'static str,
}

impl Version {
    /// This build's versions.
    pub fn current() -> Version {
        Version {
            engine: crate::ENGINE_VERSION,
            format: crate::FORMAT_VERSION,
            tzdb: crate::TZDB_VERSION,
        }
    }
}
