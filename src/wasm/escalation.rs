//! JS bindings of the escalation queries: outline, plan, coverage, findings.

use wasm_bindgen::prelude::*;

use crate::evaluator::PolicyChoice;
use crate::output::diagnostics_json;

use super::{answer, error, to_js, Evaluator};

#[wasm_bindgen(typescript_custom_section)]
const TS_ESCALATION: &'static str = r#"
/** Which policy: by id (optionally with a severity for its targets), or a service's route at a severity. */
export type PolicyInput =
  | { policy: string; severity?: string }
  | { service: string; severity: string }
  | { trigger: string };

/** What a document defines, by id, with each service's route per severity. */
export interface OutlineOutput {
  timezone: string;
  people: { id: string; name?: string; source?: string }[];
  schedules: { id: string; name?: string; source?: string; timezone: string; layers: string[]; overrides: number }[];
  policies: { id: string; name?: string; source?: string; steps: number }[];
  services: { id: string; name?: string; source?: string; routes: { severity: string; policy: string }[] }[];
  severities: { id: string; ack_within_seconds?: number }[];
}

/** Why someone is paged by a step. */
export interface PageWhy {
  via: "direct" | "schedule" | "vendor";
  person?: string;
  vendor?: string;
  schedule?: string;
  /** Which layer and turn, or which override, in words. */
  detail?: string;
  /** `next` or `previous` for a `turn: next|previous` target. */
  turn?: "next" | "previous";
  on_call?: Why[];
  /** `false` for a target with `essential: false` (absent otherwise). */
  essential?: false;
  /** Where the step's target is in the document, in UTF-16 code units (`text.slice(a, b)`). */
  target_span: [number, number];
  /** The same range in UTF-8 bytes. */
  target_span_bytes: [number, number];
}

/** One step that pages someone (SPEC section 6). */
export interface Page {
  after_seconds: number;
  pass: number;
  step: number;
  people: string[];
  vendors: string[];
  role?: string;
  why?: PageWhy[];
}

/** One step as it fired, paged or skipped. */
export interface Level {
  after_seconds: number;
  pass: number;
  step: number;
  paged: boolean;
  /** `wait`: a step that only waits (pages nobody, not a gap). */
  kind: "paged" | "skipped" | "wait";
  wait_seconds?: number;
  stakeholders?: string[];
  vendors_closed?: string[];
}

/** The paging plan of a policy for an incident at `at`. */
export interface PlanOutput {
  policy: string;
  service?: string;
  severity?: string;
  at: string;
  plan: Page[];
  levels: Level[];
  exhausted_after_seconds: number;
}

/** Incident start times `[start, end)` sharing one paging plan. */
export interface CoverageInterval {
  start: string;
  end: string;
  first_page_seconds: number | null;
  reached_within_target?: number;
  reached_total: number;
  plan: Page[];
  exhausted_after_seconds: number;
}

/** Where a policy falls short, with its exact interval. */
export interface Gap {
  kind: string;
  severity: "error" | "warning" | "info";
  start: string;
  end: string;
  pass?: number;
  step?: number;
  schedule?: string;
  message: string;
}

/** One local hour of a heatmap: worst case and seconds of gap. */
export interface HeatmapCell {
  seconds: number;
  fewest_reached: number | null;
  longest_first_page_seconds: number | null;
  gap_seconds: number;
}

export interface Heatmaps {
  zone: string;
  hour_of_week: { day: "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun"; hours: HeatmapCell[] }[];
  calendar: { date: string; hours: HeatmapCell[] }[];
}

/** Coverage of a policy over `[from, to)`. */
export interface CoverageOutput {
  policy: string;
  service?: string;
  severity?: string;
  from: string;
  to: string;
  intervals: CoverageInterval[];
  gaps: Gap[];
  heatmaps: Heatmaps;
}
"#;

/// `value[key]` when it is a string.
pub(super) fn string_field(value: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(value, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
}

/// Reads a `PolicyInput` object.
pub(super) fn policy_input(value: &JsValue) -> Result<PolicyChoice, JsValue> {
    let get = |key: &str| string_field(value, key);
    match (get("policy"), get("service"), get("trigger")) {
        (Some(policy), _, _) => Ok(PolicyChoice::Policy {
            policy,
            severity: get("severity"),
        }),
        (None, Some(service), _) => Ok(PolicyChoice::Service {
            service,
            severity: get("severity").unwrap_or_default(),
        }),
        (None, None, Some(trigger)) => Ok(PolicyChoice::Trigger { trigger }),
        (None, None, None) => Err(error(
            "query",
            "name a `policy`, a `service` and a `severity`, or a `trigger`",
        )),
    }
}

#[wasm_bindgen]
impl Evaluator {
    /// What the document defines, by id.
    #[wasm_bindgen(unchecked_return_type = "OutlineOutput")]
    pub fn outline(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.outline())
    }

    /// The paging plan for an incident opening at `at` (local times in the document's zone).
    #[wasm_bindgen(unchecked_return_type = "PlanOutput")]
    pub fn plan(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PolicyInput")] which: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Instant")] at: &str,
    ) -> Result<JsValue, JsValue> {
        let choice = policy_input(&which)?;
        let at = self.instant(at, self.inner.model().timezone)?;
        answer(self.inner.plan(&choice, at))
    }

    /// Coverage over `[from, to)` with gaps and heatmaps in `zone`
    /// (default: the document's zone).
    #[wasm_bindgen(unchecked_return_type = "CoverageOutput")]
    pub fn coverage(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PolicyInput")] which: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Instant")] from: &str,
        #[wasm_bindgen(unchecked_param_type = "Instant")] to: &str,
        zone: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let choice = policy_input(&which)?;
        let tz = self.inner.model().timezone;
        let (from, to) = (self.instant(from, tz)?, self.instant(to, tz)?);
        answer(self.inner.coverage(&choice, from, to, zone.as_deref()))
    }

    /// Every practice finding over `[from, to)` (`from` is the "as of" instant).
    #[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
    pub fn findings(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Instant")] from: &str,
        #[wasm_bindgen(unchecked_param_type = "Instant")] to: &str,
    ) -> Result<JsValue, JsValue> {
        let tz = self.inner.model().timezone;
        let (from, to) = (self.instant(from, tz)?, self.instant(to, tz)?);
        to_js(&diagnostics_json(
            self.inner.text(),
            &self.inner.findings(from, to),
        ))
    }
}
