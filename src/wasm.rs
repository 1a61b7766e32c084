//! The JS binding layer (wasm32 only): thin wrappers over the engine.
//!
//! Every call that takes input answers a `Result`: `{ok: true, value}` with
//! the engine's [`crate::output`] value (serialized with `serde_json`, the
//! same JSON the CLI's `--json` prints, then `JSON.parse`d), or `{ok:
//! false, error}` with an [`EscalatorError`] (a document's diagnostics, or a
//! query error with code and help). Bad input never throws; only misuse does
//! (calling a freed handle). JS inputs (`{policy, severity}`, options) are
//! decoded with serde by [`crate::evaluator::input`], strictly.
//!
//! The TypeScript declarations live in `src/wasm/escalator.d.ts`, included
//! below as the `typescript_custom_section`; each export names its types
//! with `unchecked_return_type` / `unchecked_param_type`. A query is a few
//! lines:
//!
//! ```ignore
//! /// The paging plan of a policy for an incident at `at`.
//! #[wasm_bindgen(unchecked_return_type = "Answer<PlanOutput>")]
//! pub fn plan(&self, which: JsValue, at: JsValue) -> JsValue {
//!     reply(self.plan_of(&which, &at))      // Result<PlanOutput, QueryError>
//! }
//! ```
//!
//! Which bindings a build exports is chosen by cargo features (`js`, the
//! default: everything below), so that another wasm module (the importers',
//! say) can be built from this crate with only its own bindings.

mod answer;
mod escalation;
mod point;
mod schedule;
mod simulation;

pub use simulation::Simulation;

use wasm_bindgen::prelude::*;

use crate::evaluator::input::{InstantInput, Node, Tree};
use crate::evaluator::QueryError;
use crate::output::{diagnostics_json, EscalatorError, LocalTime, Version};
use crate::time::Timestamp;

use answer::{fail, ok_js, reply};

#[wasm_bindgen(typescript_custom_section)]
const TS: &'static str = include_str!("wasm/escalator.d.ts");

/// The engine, document format and time zone database versions.
#[wasm_bindgen(unchecked_return_type = "Version")]
pub fn version() -> JsValue {
    answer::to_js(&Version::current())
}

/// Every diagnostic about a document (syntax, model, practice findings),
/// sorted by position: a document with errors is an answer like any other.
///
/// Without `from`, only the findings that do not depend on time. With
/// `from` (the "as of" instant), also those over `[from, to)` (coverage gaps,
/// expired approvals, drills, review), `to` defaulting to 28 days later:
/// the same as `escalator check --from F --to T`. Local instants are read in
/// the document's zone. Fails only on a bad `from` or `to`.
#[wasm_bindgen(unchecked_return_type = "Answer<Diagnostic[]>")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "DocumentInput")] document: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Instant")] from: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "Instant")] to: Option<JsValue>,
) -> JsValue {
    let (from, to) = (from.unwrap_or_default(), to.unwrap_or_default());
    let text = match document_text(&document) {
        Ok(text) => text,
        Err(e) => return fail(&EscalatorError::query(&e)),
    };
    // The window is read as text (`CheckWindow` reads it in the document's
    // zone, which only reading the document tells); milliseconds become RFC 3339.
    let (from, to) = match (window_text("from", &from), window_text("to", &to)) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(e), _) | (_, Err(e)) => return fail(&EscalatorError::query(&e)),
    };
    let window = crate::CheckWindow {
        from: from.as_deref(),
        to: to.as_deref(),
        now: None,
    };
    reply(window.check(&text).map(|d| diagnostics_json(&text, &d)))
}

/// Every IANA time zone name the engine knows, sorted.
#[wasm_bindgen(unchecked_return_type = "string[]")]
pub fn zones() -> JsValue {
    answer::to_js(&crate::evaluator::time::zones())
}

/// The wall clock of each instant (epoch milliseconds) in `zone`, with the
/// engine's time zone database: one call for every instant a page draws.
#[wasm_bindgen(js_name = localTimes, unchecked_return_type = "Answer<LocalTime[]>")]
pub fn local_times(
    zone: &str,
    #[wasm_bindgen(unchecked_param_type = "ArrayLike<number>")] instants: JsValue,
) -> JsValue {
    let instants = js_sys::Float64Array::new(&instants).to_vec();
    let local: Result<Vec<LocalTime>, QueryError> =
        crate::evaluator::time::local_times(zone, &instants);
    reply(local)
}

/// The instant (epoch milliseconds) of each local date-time or date in
/// `zone`, by the engine's rule (a time in a DST gap moves forward by the
/// gap; a repeated time is the earlier).
#[wasm_bindgen(js_name = instantsOf, unchecked_return_type = "Answer<number[]>")]
pub fn instants_of(
    zone: &str,
    #[wasm_bindgen(unchecked_param_type = "string[]")] locals: JsValue,
) -> JsValue {
    let locals: Option<Vec<String>> = js_sys::Array::is_array(&locals)
        .then(|| {
            js_sys::Array::from(&locals)
                .iter()
                .map(|v| v.as_string())
                .collect()
        })
        .flatten();
    let Some(locals) = locals else {
        let e = QueryError::new(
            "wrong-type",
            "`locals` must be a list of local date-times or dates (text)",
        );
        return fail(&EscalatorError::query(&e));
    };
    reply(
        crate::evaluator::time::instants(zone, &locals)
            .map(|ts| ts.iter().map(|t| t.0 as f64 * 1000.0).collect::<Vec<f64>>()),
    )
}

/// A policy document read and validated once, then queried many times.
/// Made by `Evaluator.load`.
#[wasm_bindgen]
pub struct Evaluator {
    inner: crate::Evaluator,
    /// Shifts precomputed for point queries (`onCall`).
    index: std::cell::RefCell<crate::evaluator::schedule::OnCallIndex>,
    /// The sweep's buffers, reused by `shifts` with `compact: true`.
    scratch: std::cell::RefCell<crate::schedule::Timeline>,
    /// JS strings of point-query answers, per shift.
    points: std::cell::RefCell<point::PointAnswers>,
    /// Schedules' shifts over the last coverage window, for every policy.
    coverage: std::cell::RefCell<crate::evaluator::coverage::CoverageCache>,
}

#[wasm_bindgen]
impl Evaluator {
    /// Reads a document: the evaluator, or (kind `document`) every
    /// diagnostic when it has errors.
    #[wasm_bindgen(unchecked_return_type = "Answer<Evaluator>")]
    pub fn load(
        #[wasm_bindgen(unchecked_param_type = "DocumentInput")] document: JsValue,
    ) -> JsValue {
        let text = match document_text(&document) {
            Ok(text) => text,
            Err(e) => return fail(&EscalatorError::query(&e)),
        };
        match crate::Evaluator::new(&text) {
            Ok(inner) => ok_js(
                Evaluator {
                    inner,
                    index: Default::default(),
                    scratch: Default::default(),
                    points: Default::default(),
                    coverage: Default::default(),
                }
                .into(),
            ),
            Err(diagnostics) => fail(&EscalatorError::document(&text, &diagnostics)),
        }
    }

    /// Warnings and infos found while reading the document.
    #[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
    pub fn diagnostics(&self) -> JsValue {
        answer::to_js(&diagnostics_json(
            self.inner.text(),
            self.inner.diagnostics(),
        ))
    }

    /// Counts of what the document holds.
    #[wasm_bindgen(unchecked_return_type = "SummaryOutput")]
    pub fn summary(&self) -> JsValue {
        answer::to_js(&self.inner.summary())
    }

    /// What the document defines, by id.
    #[wasm_bindgen(unchecked_return_type = "OutlineOutput")]
    pub fn outline(&self) -> JsValue {
        answer::to_js(&self.inner.outline())
    }
}

impl Evaluator {
    /// An instant argument, local text read in `zone`.
    fn instant(
        &self,
        what: &str,
        value: &JsValue,
        zone: chrono_tz::Tz,
    ) -> Result<Timestamp, QueryError> {
        instant_arg(what, value)?.resolve(zone)
    }

    /// The zone of a schedule, or the document's when there is no such
    /// schedule (the query then reports the unknown id).
    fn schedule_zone(&self, id: &str) -> chrono_tz::Tz {
        let model = self.inner.model();
        model
            .schedule_by_id(id)
            .map_or(model.timezone, |s| model.schedule(s).timezone)
    }
}

/// An `Instant` argument: text or epoch milliseconds.
pub(crate) fn instant_arg(what: &str, value: &JsValue) -> Result<InstantInput, QueryError> {
    if let Some(ms) = value.as_f64() {
        return Ok(InstantInput::Millis(ms));
    }
    match value.as_string() {
        Some(text) => Ok(InstantInput::Text(text)),
        None => Err(QueryError::new(
            "wrong-type",
            format!(
                "`{what}` must be an instant (text, or epoch milliseconds), not {}",
                js_type(value)
            ),
        )),
    }
}

/// An optional window bound of `check`, as text.
fn window_text(what: &str, value: &JsValue) -> Result<Option<String>, QueryError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    Ok(Some(match instant_arg(what, value)? {
        InstantInput::Text(text) => text,
        millis => millis.resolve(chrono_tz::UTC)?.to_rfc3339(),
    }))
}

/// JS values, walked by the input decoder (`crate::evaluator::input`).
impl Tree for JsValue {
    fn node(&self) -> Node<JsValue> {
        if self.is_null() || self.is_undefined() {
            Node::Null
        } else if let Some(b) = self.as_bool() {
            Node::Bool(b)
        } else if let Some(n) = self.as_f64() {
            Node::Number(n)
        } else if let Some(s) = self.as_string() {
            Node::Text(s)
        } else if js_sys::Array::is_array(self) {
            Node::List(js_sys::Array::from(self).iter().collect())
        } else if self.is_object() {
            let entries = js_sys::Object::entries(self.unchecked_ref());
            Node::Object(
                entries
                    .iter()
                    .map(|pair| {
                        let pair = js_sys::Array::from(&pair);
                        (pair.get(0).as_string().unwrap_or_default(), pair.get(1))
                    })
                    .collect(),
            )
        } else if self.is_function() {
            Node::Other("a function")
        } else {
            Node::Other("a value JSON cannot hold")
        }
    }
}

/// The document text of a `DocumentInput`: a string as is, an object as JSON.
pub(crate) fn document_text(document: &JsValue) -> Result<String, QueryError> {
    if let Some(text) = document.as_string() {
        return Ok(text);
    }
    if document.is_object() {
        if let Some(text) = js_sys::JSON::stringify(document)
            .ok()
            .and_then(|s| s.as_string())
        {
            return Ok(text);
        }
    }
    Err(QueryError::new(
        "wrong-type",
        format!(
            "a document is YAML or JSON text, or a parsed object, not {}",
            js_type(document)
        ),
    ))
}

/// How a JS value is named in a message.
fn js_type(value: &JsValue) -> String {
    if value.is_null() {
        "`null`".to_string()
    } else if value.is_undefined() {
        "nothing (`undefined`)".to_string()
    } else if let Some(b) = value.as_bool() {
        format!("`{b}`")
    } else if js_sys::Array::is_array(value) {
        "a list".to_string()
    } else {
        format!(
            "a value of type `{}`",
            value.js_typeof().as_string().unwrap_or_default()
        )
    }
}
