//! The JS stepping handle of a simulation (`Evaluator.simulate`).

use wasm_bindgen::prelude::*;

use crate::evaluator::input::IncidentInput;
use crate::evaluator::QueryError;
use crate::output::simulation::{
    scenario_json, SimulationEvent, SimulationOutput, SimulationState,
};
use crate::output::EscalatorError;

use super::answer::{fail, fail_query, ok, ok_js, to_js};
use super::{document_text, Evaluator};

#[wasm_bindgen]
impl Evaluator {
    /// Starts a simulation paused before its first event. `scenario` is the
    /// scenario file (text or object; may be left out when `incident` is
    /// given); `incident` opens the incident instead of the scenario's own.
    #[wasm_bindgen(unchecked_return_type = "Answer<Simulation>")]
    pub fn simulate(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ScenarioInput | string")] scenario: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_optional_param_type = "IncidentInput")] incident: Option<JsValue>,
    ) -> JsValue {
        let (scenario, incident) = (scenario.unwrap_or_default(), incident.unwrap_or_default());
        let incident = if incident.is_undefined() || incident.is_null() {
            None
        } else {
            match self.incident_input(&incident) {
                Ok(i) => Some(i),
                Err(e) => return fail_query(&e),
            }
        };
        let text = if scenario.is_undefined() || scenario.is_null() {
            String::new()
        } else {
            match document_text(&scenario) {
                Ok(text) => text,
                Err(e) => return fail_query(&e),
            }
        };
        let scenario = match self.inner.scenario(&text, incident) {
            Ok(s) => s,
            Err(d) => return fail(&EscalatorError::document(&text, &d)),
        };
        match self.inner.simulate(scenario) {
            Ok(inner) => ok_js(Simulation { inner }.into()),
            Err(e) => fail_query(&e),
        }
    }
}

impl Evaluator {
    /// Reads an `IncidentInput` object: a `PolicyInput` and `at`.
    fn incident_input(&self, value: &JsValue) -> Result<crate::simulation::Incident, QueryError> {
        let IncidentInput { which, at } = IncidentInput::decode("incident", value)?;
        let choice = which.choice()?;
        let at = at.resolve(self.inner.model().timezone)?;
        self.inner.incident(&choice, at)
    }
}

/// A simulation run with a cursor: step, seek, inject while paused.
#[wasm_bindgen]
pub struct Simulation {
    inner: crate::simulation::Simulation,
}

impl Simulation {
    fn event(&self, e: Option<&crate::simulation::Event>) -> JsValue {
        match e {
            Some(e) => to_js(&SimulationEvent::new(self.inner.model(), e)),
            None => JsValue::NULL,
        }
    }
}

#[wasm_bindgen]
impl Simulation {
    /// Shows the next event and returns it (`null` at the end).
    #[wasm_bindgen(unchecked_return_type = "SimulationEvent | null")]
    pub fn next(&mut self) -> JsValue {
        let e = self.inner.next_event().cloned();
        self.event(e.as_ref())
    }

    /// Steps back one event; returns the new current event (`null` at the start).
    #[wasm_bindgen(unchecked_return_type = "SimulationEvent | null")]
    pub fn previous(&mut self) -> JsValue {
        let e = self.inner.previous_event().cloned();
        self.event(e.as_ref())
    }

    /// The current (last shown) event, `null` before the first.
    #[wasm_bindgen(unchecked_return_type = "SimulationEvent | null")]
    pub fn current(&self) -> JsValue {
        self.event(self.inner.current())
    }

    /// Shows events up to and including event `index`.
    pub fn seek(&mut self, index: usize) {
        self.inner.seek(index);
    }

    /// Shows every event at or before `at` (local times in the document's zone).
    #[wasm_bindgen(js_name = seekTime, unchecked_return_type = "Answer<null>")]
    pub fn seek_time(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Instant")] at: JsValue,
    ) -> JsValue {
        let zone = self.inner.model().timezone;
        match super::instant_arg("at", &at).and_then(|a| a.resolve(zone)) {
            Ok(at) => {
                self.inner.seek_time(at);
                ok(())
            }
            Err(e) => fail_query(&e),
        }
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

    /// Injects an event right after the current one; the future is
    /// recomputed. A bad event is a `document` error (its diagnostics point
    /// into the event's text).
    #[wasm_bindgen(unchecked_return_type = "Answer<null>")]
    pub fn inject(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "InjectInput | string")] event: JsValue,
    ) -> JsValue {
        let text = match document_text(&event) {
            Ok(text) => text,
            Err(e) => return fail_query(&e),
        };
        let (inject, diagnostics) =
            crate::model::read::scenario::read_inject(self.inner.model(), &text);
        let Some(inject) = inject else {
            return fail(&EscalatorError::document(&text, &diagnostics));
        };
        match self.inner.inject(inject) {
            Ok(()) => ok(()),
            Err(e) => fail_query(&e),
        }
    }

    /// Every event of the run (shown or not).
    #[wasm_bindgen(unchecked_return_type = "SimulationEvent[]")]
    pub fn events(&self) -> JsValue {
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
    pub fn state(&self) -> JsValue {
        to_js(&SimulationState::new(
            self.inner.model(),
            &self.inner.state(),
        ))
    }

    /// The whole run as JSON (what `escalator simulate --json` prints).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "SimulationOutput")]
    pub fn to_json(&self) -> JsValue {
        to_js(&SimulationOutput::new(&self.inner))
    }

    /// The scenario with every injection made so far, to save and replay.
    #[wasm_bindgen(unchecked_return_type = "ScenarioInput")]
    pub fn scenario(&self) -> JsValue {
        to_js(&scenario_json(self.inner.model(), self.inner.scenario()))
    }

    /// The debrief as a Markdown timeline, times in `zone` (default: the
    /// document's); only the shown events when `shown_only`.
    #[wasm_bindgen(unchecked_return_type = "Answer<string>")]
    pub fn debrief(&self, zone: Option<String>, shown_only: Option<bool>) -> JsValue {
        let zone = match zone {
            None => self.inner.model().timezone,
            Some(z) => match crate::time::parse_zone(&z) {
                Ok(z) => z,
                Err(e) => return fail_query(&e),
            },
        };
        ok(crate::output::debrief::markdown(
            &self.inner,
            zone,
            shown_only.unwrap_or(false),
        ))
    }
}
