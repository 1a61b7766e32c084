//! JS bindings of the escalation queries: plan, coverage, findings.

use wasm_bindgen::prelude::*;

use super::answer::{fail_query, ok_js, reply, to_js};
use super::schedule::Columns;
use super::Evaluator;
use crate::evaluator::input::{CoverageOptions, ExplainOptions, PolicyInput};
use crate::evaluator::{PolicyChoice, QueryError};
use crate::output::{diagnostics_json, CoverageCompact, CoverageOutput};

#[wasm_bindgen]
impl Evaluator {
    /// The paging plan for an incident opening at `at` (local times in the
    /// document's zone); each page's `why` with `explain: true`.
    #[wasm_bindgen(unchecked_return_type = "Answer<PlanOutput>")]
    pub fn plan(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PolicyInput")] which: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Instant")] at: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ExplainOptions")] options: Option<JsValue>,
    ) -> JsValue {
        reply(self.plan_of(&which, &at, &options.unwrap_or_default()))
    }

    /// Coverage over `[from, to)` (local times in the document's zone) with
    /// gaps; heatmaps with `heatmaps: true` (in `zone`, default the
    /// document's), the columnar shape with `compact: true` (TypeScript
    /// overloads in escalator.d.ts).
    #[wasm_bindgen(skip_typescript)]
    pub fn coverage(
        &self,
        which: JsValue,
        from: JsValue,
        to: JsValue,
        options: JsValue,
    ) -> JsValue {
        match self.coverage_of(&which, &from, &to, &options) {
            Ok(Coverage::Full(out)) => reply::<CoverageOutput>(Ok(out)),
            Ok(Coverage::Compact(out)) => ok_js(compact_coverage(&out)),
            Err(e) => fail_query(&e),
        }
    }

    /// Every practice finding over `[from, to)` (`from` is the "as of" instant).
    #[wasm_bindgen(unchecked_return_type = "Answer<Diagnostic[]>")]
    pub fn findings(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Instant")] from: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Instant")] to: JsValue,
    ) -> JsValue {
        let tz = self.inner.model().timezone;
        reply(
            self.instant("from", &from, tz)
                .and_then(|f| Ok((f, self.instant("to", &to, tz)?)))
                .map(|(f, t)| diagnostics_json(self.inner.text(), &self.inner.findings(f, t))),
        )
    }
}

/// Either shape of `coverage`.
enum Coverage {
    Full(CoverageOutput),
    Compact(CoverageCompact),
}

/// A `PolicyInput` argument.
pub(super) fn policy_choice(which: &JsValue) -> Result<PolicyChoice, QueryError> {
    PolicyInput::decode("which", which)?.choice()
}

impl Evaluator {
    fn plan_of(
        &self,
        which: &JsValue,
        at: &JsValue,
        options: &JsValue,
    ) -> Result<crate::output::PlanOutput, QueryError> {
        let choice = policy_choice(which)?;
        let options = ExplainOptions::decode(options)?;
        let at = self.instant("at", at, self.inner.model().timezone)?;
        self.inner.plan_explained(&choice, at, options.explain)
    }

    fn coverage_of(
        &self,
        which: &JsValue,
        from: &JsValue,
        to: &JsValue,
        options: &JsValue,
    ) -> Result<Coverage, QueryError> {
        let choice = policy_choice(which)?;
        let options = CoverageOptions::decode(options)?;
        let tz = self.inner.model().timezone;
        let (from, to) = (self.instant("from", from, tz)?, self.instant("to", to, tz)?);
        // The schedules' shifts over the window are kept for the next policy
        // asked about over the same window.
        let mut cache = self.coverage.borrow_mut();
        Ok(if options.compact {
            Coverage::Compact(
                self.inner
                    .coverage_compact_cached(&mut cache, &choice, from, to, &options)?,
            )
        } else {
            Coverage::Full(
                self.inner
                    .coverage_cached(&mut cache, &choice, from, to, &options)?,
            )
        })
    }
}

/// `CoverageCompact` with its columns as typed arrays.
fn compact_coverage(out: &CoverageCompact) -> JsValue {
    let js = Columns::new();
    js.set_policy(&out.policy);
    if let Some(service) = &out.service {
        js.set_service(service);
    }
    if let Some(severity) = &out.severity {
        js.set_severity(severity);
    }
    js.set_from(&out.from.to_rfc3339());
    js.set_to(&out.to.to_rfc3339());
    js.set_bounds(&js_sys::Float64Array::from(&out.bounds[..]));
    js.set_plan(&js_sys::Uint32Array::from(&out.plan[..]));
    js.set_plans(&to_js(&out.plans));
    js.set_pages(&to_js(&out.pages));
    js.set_gaps(&to_js(&out.gaps));
    if let Some(heatmaps) = &out.heatmaps {
        js.set_heatmaps(&to_js(heatmaps));
    }
    js.into()
}
