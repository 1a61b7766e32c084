//! The JS stepping handle of a simulation (`Evaluator.simulate`).

use wasm_bindgen::prelude::*;

use crate::output::diagnostics_json;
use crate::output::simulation::{
    scenario_json, SimulationEvent, SimulationOutput, SimulationState,
};

use super::escalation::{policy_input, string_field};
use super::{document_error, document_text, error, query_error, to_js, Evaluator};

#[wasm_bindgen(typescript_custom_section)]
const TS_SIMULATION: &'static str = r#"
/** A scenario: the incident, responder behaviours, injected events (the scenario file format). */
export interface ScenarioInput {
  incident?: { service?: string; severity?: string; policy?: string; trigger?: string; at: Instant };
  responders?: Record<string, "never" | "unavailable" | { ack_after: string }>;
  inject?: InjectInput[];
}
/** One injected event (`after` counts from the incident's start; not needed while paused). */
export type InjectInput = { after?: string; after_event?: number } & (
  | { unavailable: string }
  | { available: string }
  | { override: { schedule: string; person?: string; people?: string[]; replaces?: string; add?: string | string[]; remove?: string | string[]; from: Instant; to: Instant } }
  | { ack: string | true }
  | { resolve: true }
  | { escalate: true }
  | { note: string }
);
/** Opens the incident without a scenario's `incident`. */
export type IncidentInput = PolicyInput & { at: Instant };
export type SimulationEventKind =
  | "triggered" | "actions_available" | "step_fired" | "level_skipped" | "contact_attempt"
  | "vendor_engaged" | "stakeholders_informed" | "acknowledged" | "vendor_responded"
  | "escalated" | "pass_repeated" | "exhausted" | "target_missed" | "person_unavailable"
  | "person_available" | "override_added" | "note" | "injected" | "resolved" | "truncated";
export interface ActionAvailable { id: string; title: string; runbook: string | null; approved_by: string | null; approved_until: string | null }
/** One event of a run; the optional keys appear when they apply to its kind. */
export interface SimulationEvent {
  index: number;
  at: string;
  offset_seconds: number;
  kind: SimulationEventKind;
  pass?: number;
  step?: number;
  to_step?: number;
  role?: string;
  owner?: string;
  people?: string[];
  vendors?: string[];
  person?: string;
  vendor?: string;
  via?: string;
  to?: string;
  stakeholders?: string[];
  target?: "ack_within" | "comms_within" | "vendor_sla";
  within_seconds?: number;
  manual?: boolean;
  injected?: boolean;
  actions?: ActionAvailable[];
  explanation: string;
}
export interface SimulationState {
  at: string;
  elapsed_seconds: number;
  paged: string[];
  contacting: string[];
  vendors: string[];
  current_pass: number | null;
  current_step: number | null;
  next_escalation_at: string | null;
  next_pass: number | null;
  next_step: number | null;
  acknowledged: boolean;
  resolved: boolean;
  exhausted: boolean;
  missed: string[];
}
export interface SimulationOutput {
  incident: { policy: string; service?: string; severity?: string; at: string };
  events: SimulationEvent[];
  shown: number;
  state: SimulationState;
}
"#;

#[wasm_bindgen]
impl Evaluator {
    /// Starts a simulation paused before its first event. `scenario` is the
    /// scenario file (text or object; may be empty when `incident` is
    /// given); `incident` opens the incident instead of the scenario's own.
    pub fn simulate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ScenarioInput | string | undefined")]
        scenario: JsValue,
        #[wasm_bindgen(unchecked_param_type = "IncidentInput | undefined")] incident: JsValue,
    ) -> Result<Simulation, JsValue> {
        let incident = if incident.is_undefined() || incident.is_null() {
            None
        } else {
            Some(self.incident_input(&incident)?)
        };
        let text = if scenario.is_undefined() || scenario.is_null() {
            String::new()
        } else {
            document_text(&scenario)?
        };
        let scenario = self
            .inner
            .scenario(&text, incident)
            .map_err(|d| document_error(&diagnostics_json(&text, &d)))?;
        let inner = self.inner.simulate(scenario).map_err(|e| query_error(&e))?;
        Ok(Simulation { inner })
    }
}

impl Evaluator {
    /// Reads an `IncidentInput` object: a `PolicyInput` and `at`.
    fn incident_input(&self, value: &JsValue) -> Result<crate::simulation::Incident, JsValue> {
        let choice = policy_input(value)?;
        let at =
            string_field(value, "at").ok_or_else(|| error("query", "the incident needs `at`"))?;
        let at = self.instant(&at, self.inner.model().timezone)?;
        self.inner
            .incident(&choice, at)
            .map_err(|e| query_error(&e))
    }
}

/// A simulation run with a cursor: step, seek, inject while paused.
#[wasm_bindgen]
pub struct Simulation {
    inner: crate::simulation::Simulation,
}

impl Simulation {
    fn event(&self, e: Option<&crate::simulation::Event>) -> Result<JsValue, JsValue> {
        match e {
            Some(e) => to_js(&SimulationEvent::new(self.inner.model(), e)),
            None => Ok(JsValue::NULL),
        }
    }
}

#[wasm_bindgen]
impl Simulation {
    /// Shows the next event and returns it (`null` at the end).
    #[wasm_bindgen(unchecked_return_type = "SimulationEvent | null")]
    pub fn next(&mut self) -> Result<JsValue, JsValue> {
        let e = self.inner.next_event().cloned();
        self.event(e.as_ref())
    }

    /// Steps back one event; returns the new current event (`null` at the start).
    #[wasm_bindgen(unchecked_return_type = "SimulationEvent | null")]
    pub fn previous(&mut self) -> Result<JsValue, JsValue> {
        let e = self.inner.previous_event().cloned();
        self.event(e.as_ref())
    }

    /// The current (last shown) event, `null` before the first.
    #[wasm_bindgen(unchecked_return_type = "SimulationEvent | null")]
    pub fn current(&self) -> Result<JsValue, JsValue> {
        self.event(self.inner.current())
    }

    /// Shows events up to and including event `index`.
    pub fn seek(&mut self, index: usize) {
        self.inner.seek(index);
    }

    /// Shows every event at or before `at`.
    #[wasm_bindgen(js_name = seekTime)]
    pub fn seek_time(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Instant")] at: &str,
    ) -> Result<(), JsValue> {
        let at = crate::time::parse_instant(at, self.inner.model().timezone)
            .map_err(|e| query_error(&e))?;
        self.inner.seek_time(at);
        Ok(())
    }

    /// Back before the first event.
    pub fn reset(&mut self) {
        self.inner.reset();
    }

    /// Shows every event.
    #[wasm_bindgen(js_name = runToEnd)]
    pub fn run_to_end(&mut self) {
        self.inner.run_to_end();
    }

    /// How many events are shown.
    pub fn shown(&self) -> usize {
        self.inner.shown()
    }

    /// Whether every event is shown.
    #[wasm_bindgen(js_name = atEnd)]
    pub fn at_end(&self) -> bool {
        self.inner.at_end()
    }

    /// Injects an event right after the current one; the future is recomputed.
    pub fn inject(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "InjectInput | string")] event: JsValue,
    ) -> Result<(), JsValue> {
        let text = document_text(&event)?;
        let (inject, diagnostics) =
            crate::model::read::scenario::read_inject(self.inner.model(), &text);
        let inject =
            inject.ok_or_else(|| document_error(&diagnostics_json(&text, &diagnostics)))?;
        self.inner.inject(inject).map_err(|e| query_error(&e))
    }

    /// Every event of the run (shown or not).
    #[wasm_bindgen(unchecked_return_type = "SimulationEvent[]")]
    pub fn events(&self) -> Result<JsValue, JsValue> {
        let model = self.inner.model();
        let list: Vec<SimulationEvent> = self
            .inner
            .events()
            .iter()
            .map(|e| SimulationEvent::new(model, e))
            .collect();
        to_js(&list)
    }

    /// Where the paused run stands.
    #[wasm_bindgen(unchecked_return_type = "SimulationState")]
    pub fn state(&self) -> Result<JsValue, JsValue> {
        to_js(&SimulationState::new(
            self.inner.model(),
            &self.inner.state(),
        ))
    }

    /// The whole run as JSON (what `escalator simulate --json` prints).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "SimulationOutput")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        to_js(&SimulationOutput::new(&self.inner))
    }

    /// The scenario with every injection made so far, to save and replay.
    #[wasm_bindgen(unchecked_return_type = "ScenarioInput")]
    pub fn scenario(&self) -> Result<JsValue, JsValue> {
        to_js(&scenario_json(self.inner.model(), self.inner.scenario()))
    }

    /// The debrief as a Markdown timeline, times in `zone` (default: the
    /// document's); only the shown events when `shown_only`.
    pub fn debrief(
        &self,
        zone: Option<String>,
        shown_only: Option<bool>,
    ) -> Result<String, JsValue> {
        let zone = match zone {
            None => self.inner.model().timezone,
            Some(z) => crate::time::parse_zone(&z).map_err(|e| query_error(&e))?,
        };
        Ok(crate::output::debrief::markdown(
            &self.inner,
            zone,
            shown_only.unwrap_or(false),
        ))
    }
}
