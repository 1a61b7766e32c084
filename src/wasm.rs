//! The JS binding layer (wasm32 only): thin wrappers over the engine.
//!
//! Every export is JSON in, JSON out: the engine's [`crate::output`] value is
//! serialized with `serde_json` (exactly what the CLI's `--json` prints) and
//! handed to JS as a plain object through `JSON.parse`. Failures are thrown
//! as `Error` objects named `EscalatorError` carrying structured data
//! (`kind: "document"` with `diagnostics`, or `kind: "query"` with `code` and
//! `help`), never as bare strings. The TypeScript types live in the
//! `typescript_custom_section`s below; each export names its type with
//! `unchecked_return_type` / `unchecked_param_type`.
//!
//! Adding a query is a few lines in `impl Evaluator` below, plus its output
//! type in a `typescript_custom_section`:
//!
//! ```ignore
//! /// The paging plan of a policy for an incident at `at`.
//! #[wasm_bindgen(unchecked_return_type = "PlanOutput")]
//! pub fn plan(&self, policy: &str, at: &str) -> Result<JsValue, JsValue> {
//!     let at = self.instant(at, self.inner.model().timezone)?;
//!     answer(self.inner.plan(policy, at))
//! }
//! ```

mod escalation;
mod simulation;

use chrono_tz::Tz;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::error::QueryError;
use crate::output::{diagnostics_json, Diagnostic};
use crate::time::{parse_instant, Timestamp};

#[wasm_bindgen(typescript_custom_section)]
const TS_COMMON: &'static str = r#"
/** Versions of the engine, the document format and the bundled time zone database. */
export interface Version {
  /** The engine (crate and npm package) version, e.g. "0.1.0". */
  engine: string;
  /** The policy document format version this engine reads. */
  format: number;
  /** The IANA time zone database version compiled in, e.g. "2025b". */
  tzdb: string;
}

/** A policy document: YAML or JSON text, or an already parsed object. */
export type DocumentInput = string | object;

/**
 * An instant: RFC 3339 with `Z` or an offset ("2026-03-01T09:00:00Z"), or a
 * local date-time or date ("2026-03-01T09:00", "2026-03-01") read in the
 * zone that applies (the schedule's for schedule queries, else the document's).
 */
export type Instant = string;

/** A position in the document: 1-based line, 1-based UTF-16 column, 0-based UTF-16 and byte offsets. */
export interface Position {
  line: number;
  column: number;
  offset: number;
  byte_offset: number;
}

/** A range of the document: start inclusive, end exclusive. */
export interface Span {
  start: Position;
  end: Position;
}

/** A secondary span with a short message ("first defined here"). */
export interface Label {
  message: string;
  span: Span;
}

/** One problem found in a document, from a syntax error to a practice finding. */
export interface Diagnostic {
  /** Stable kebab-case code, e.g. "unknown-reference". */
  code: string;
  severity: "error" | "warning" | "info";
  /** One line, lowercase, user input in backticks. */
  message: string;
  /** What to do about it ("did you mean `alice`?"). */
  help: string | null;
  /** Why it matters (findings). */
  why: string | null;
  span: Span;
  labels: Label[];
}

/**
 * What every export throws: an `Error` named "EscalatorError".
 * - kind "document": the document has errors; `diagnostics` holds all of them.
 * - kind "query": the question was wrong (unknown id, bad instant); `code` and `help` say how.
 * - kind "internal": a bug in the engine.
 */
export interface EscalatorError extends Error {
  name: "EscalatorError";
  kind: "document" | "query" | "internal";
  diagnostics?: Diagnostic[];
  code?: string;
  help?: string | null;
}

/** Counts of what a valid document holds. */
export interface Summary {
  timezone: string;
  people: number;
  schedules: number;
  policies: number;
  services: number;
  severities: number;
  triggers: number;
  vendors: number;
  actions: number;
  drills: number;
  /** Warnings and infos found while reading the document. */
  diagnostics: number;
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_SCHEDULES: &'static str = r#"
/** Why a person is on call: a layer's turn, or an override. */
export type Why =
  | { person: string; layer: string; turn: number; turn_start: string; turn_end: string }
  | { person: string; override: number; kind: "replace" | "swap" | "add" };

/** A maximal interval with a constant on-call set (`on_call: []` is a gap). */
export interface Shift {
  start: string;
  end: string;
  /** Person ids, sorted. */
  on_call: string[];
  why: Why[];
}

/** The shifts of a schedule over `[from, to)`, covering it exactly. */
export interface ShiftsOutput {
  schedule: string;
  from: string;
  to: string;
  shifts: Shift[];
}

/** One schedule's on-call set at an instant, and the next handoff. */
export interface OnCallSchedule {
  schedule: string;
  timezone: string;
  on_call: string[];
  why: Why[];
  since: string;
  next_handoff: string | null;
  next_on_call: string[];
}

/** Who is on call at an instant, per schedule. */
export interface OnCallOutput {
  at: string;
  schedules: OnCallSchedule[];
}

/** One person's on-call time in a window. */
export interface Load {
  person: string;
  seconds: number;
  above_average_seconds: number;
  above_average: number;
}

/** Schedule quality over a window (Grafana OnCall's scores), shares from 0 to 1. */
export interface QualityOutput {
  schedule: string;
  from: string;
  to: string;
  coverage: number;
  balance: number;
  people: Load[];
  overloaded: Load[];
}
"#;

/// The versions of the engine, the document format and the time zone database.
#[derive(Serialize)]
struct VersionJson {
    engine: &'static str,
    format: u32,
    tzdb: &'static str,
}

/// The engine, document format and time zone database versions.
#[wasm_bindgen(unchecked_return_type = "Version")]
pub fn version() -> Result<JsValue, JsValue> {
    to_js(&VersionJson {
        engine: crate::ENGINE_VERSION,
        format: crate::FORMAT_VERSION,
        tzdb: crate::TZDB_VERSION,
    })
}

/// Every diagnostic about a document (syntax, model, practice findings),
/// sorted by position. Never throws for a bad document: that is the answer.
///
/// Without `from`, only the findings that do not depend on time. With
/// `from` (the "as of" instant), also those over `[from, to)` (coverage gaps,
/// expired approvals, drills, review), `to` defaulting to 28 days later:
/// the same as `escalator check --from F --to T`. Local instants are read in
/// the document's zone.
#[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "DocumentInput")] document: JsValue,
    from: Option<String>,
    to: Option<String>,
) -> Result<JsValue, JsValue> {
    let text = document_text(&document)?;
    let window = crate::CheckWindow {
        from: from.as_deref(),
        to: to.as_deref(),
        now: None,
    };
    let diagnostics = window.check(&text).map_err(|e| query_error(&e))?;
    to_js(&diagnostics_json(&text, &diagnostics))
}

/// A policy document parsed and validated once, then queried many times.
#[wasm_bindgen]
pub struct Evaluator {
    inner: crate::Evaluator,
}

#[wasm_bindgen]
impl Evaluator {
    /// Reads a document; throws an `EscalatorError` of kind `document` with
    /// every diagnostic when it has errors.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "DocumentInput")] document: JsValue,
    ) -> Result<Evaluator, JsValue> {
        let text = document_text(&document)?;
        match crate::Evaluator::new(&text) {
            Ok(inner) => Ok(Evaluator { inner }),
            Err(diagnostics) => Err(document_error(&diagnostics_json(&text, &diagnostics))),
        }
    }

    /// Warnings and infos found while reading the document.
    #[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
    pub fn diagnostics(&self) -> Result<JsValue, JsValue> {
        to_js(&diagnostics_json(
            self.inner.text(),
            self.inner.diagnostics(),
        ))
    }

    /// Counts of what the document holds.
    #[wasm_bindgen(unchecked_return_type = "Summary")]
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.summary())
    }

    /// The shifts of a schedule over `[from, to)`; local instants are read
    /// in the schedule's zone.
    #[wasm_bindgen(unchecked_return_type = "ShiftsOutput")]
    pub fn shifts(
        &self,
        schedule: &str,
        #[wasm_bindgen(unchecked_param_type = "Instant")] from: &str,
        #[wasm_bindgen(unchecked_param_type = "Instant")] to: &str,
    ) -> Result<JsValue, JsValue> {
        let zone = self.schedule_zone(schedule);
        answer(
            self.inner
                .shifts(schedule, self.instant(from, zone)?, self.instant(to, zone)?),
        )
    }

    /// Who is on call at `at` in one schedule, or in every schedule when
    /// `schedule` is omitted; local instants are read in that schedule's
    /// zone, else the document's.
    #[wasm_bindgen(js_name = onCall, unchecked_return_type = "OnCallOutput")]
    pub fn on_call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Instant")] at: &str,
        schedule: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let zone = schedule
            .as_deref()
            .map_or(self.inner.model().timezone, |s| self.schedule_zone(s));
        answer(
            self.inner
                .on_call(self.instant(at, zone)?, schedule.as_deref()),
        )
    }

    /// Coverage, balance and overloaded people of a schedule over `[from, to)`.
    #[wasm_bindgen(unchecked_return_type = "QualityOutput")]
    pub fn quality(
        &self,
        schedule: &str,
        #[wasm_bindgen(unchecked_param_type = "Instant")] from: &str,
        #[wasm_bindgen(unchecked_param_type = "Instant")] to: &str,
    ) -> Result<JsValue, JsValue> {
        let zone = self.schedule_zone(schedule);
        answer(
            self.inner
                .quality(schedule, self.instant(from, zone)?, self.instant(to, zone)?),
        )
    }
}

impl Evaluator {
    /// Parses an instant argument, reading local times in `zone`.
    fn instant(&self, text: &str, zone: Tz) -> Result<Timestamp, JsValue> {
        parse_instant(text, zone).map_err(|e| query_error(&e))
    }

    /// The zone of a schedule, or the document's when there is no such
    /// schedule (the query then reports the unknown id).
    fn schedule_zone(&self, id: &str) -> Tz {
        let model = self.inner.model();
        model
            .schedule_by_id(id)
            .map_or(model.timezone, |s| model.schedule(s).timezone)
    }
}

/// The document text of a `DocumentInput`: a string as is, an object as JSON.
fn document_text(document: &JsValue) -> Result<String, JsValue> {
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
    Err(error(
        "query",
        "a document is YAML or JSON text, or a parsed object",
    ))
}

/// A query's answer as a JS object, or its error thrown.
fn answer<T: Serialize>(result: Result<T, QueryError>) -> Result<JsValue, JsValue> {
    result
        .map_err(|e| query_error(&e))
        .and_then(|value| to_js(&value))
}

/// Converts any serializable output into a plain JS object (via JSON, so JS
/// sees exactly what the CLI's `--json` prints).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| error("internal", &e.to_string()))?;
    js_sys::JSON::parse(&text)
}

/// An `EscalatorError` of `kind` with a message.
fn error(kind: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("EscalatorError");
    set(&error, "kind", &JsValue::from_str(kind));
    error.into()
}

/// The error thrown for a document with errors: the first error's position
/// and message as the message, every diagnostic in `diagnostics`.
fn document_error(diagnostics: &[Diagnostic]) -> JsValue {
    let first = diagnostics
        .iter()
        .find(|d| d.severity == "error")
        .or(diagnostics.first());
    let message = match first {
        Some(d) => format!(
            "{}:{}: {}",
            d.span.start.line, d.span.start.column, d.message
        ),
        None => "the document has errors".to_string(),
    };
    let err = error("document", &message);
    let list = to_js(&diagnostics).unwrap_or_else(|_| js_sys::Array::new().into());
    set(&err, "diagnostics", &list);
    err
}

/// The error thrown for a query the caller got wrong.
fn query_error(e: &QueryError) -> JsValue {
    let err = error("query", &e.message);
    set(&err, "code", &JsValue::from_str(e.code));
    set(
        &err,
        "help",
        &e.help.as_deref().map_or(JsValue::NULL, JsValue::from_str),
    );
    err
}

/// Sets a property on a JS object (cannot fail on a fresh `Error`).
fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}
