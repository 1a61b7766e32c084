//! The simulation queries on [`Evaluator`]: read a scenario, start a run.

use super::{Evaluator, PolicyChoice, QueryError};
use crate::diagnostic::Diagnostic;
use crate::model::read::scenario::{read_inject, read_scenario};
use crate::simulation::{Incident, Inject, Route, Scenario, Simulation};
use crate::time::Timestamp;

impl Evaluator {
    /// The incident `choice` opens at `at`.
    pub fn incident(&self, choice: &PolicyChoice, at: Timestamp) -> Result<Incident, QueryError> {
        crate::time::check_supported(at)?;
        let chosen = self.choose_policy(choice)?;
        let route = match (chosen.service, chosen.severity) {
            (Some(service), Some(severity)) => Route::Service { service, severity },
            _ => Route::Policy {
                policy: chosen.policy,
                severity: chosen.severity,
            },
        };
        Ok(Incident { route, at })
    }

    /// Reads a scenario document (YAML or JSON) against this document. With
    /// `incident`, the scenario's own `incident` is optional and replaced.
    /// `Err` holds every diagnostic, with spans into `text`.
    pub fn scenario(
        &self,
        text: &str,
        incident: Option<Incident>,
    ) -> Result<Scenario, Vec<Diagnostic>> {
        match read_scenario(&self.model, text, incident) {
            (Some(scenario), _) => Ok(scenario),
            (None, diagnostics) => Err(diagnostics),
        }
    }

    /// Reads one injected event (`{unavailable: alice}`) for a paused run.
    pub fn inject_event(&self, text: &str) -> Result<Inject, Vec<Diagnostic>> {
        match read_inject(&self.model, text) {
            (Some(inject), _) => Ok(inject),
            (None, diagnostics) => Err(diagnostics),
        }
    }

    /// Runs a scenario and pauses before its first event.
    pub fn simulate(&self, scenario: Scenario) -> Result<Simulation, QueryError> {
        Simulation::new(&self.model, scenario)
    }
}
