//! The JS binding layer (wasm32 only): thin wrappers over the engine.
//!
//! Every export is JSON in, JSON out: the engine's [`crate::output`] value is
//! serialized with `serde_json` (exactly what the CLI's `--json` prints) and
//! handed to JS as a plain object through `JSON.parse`. Failures are thrown
//! as `Error` objects carrying structured data (`kind`, `diagnostics` or
//! `code`/`help`), never as bare strings. The TypeScript types live in the
//! `TS_TYPES` section below; each export names its type with
//! `unchecked_return_type` / `unchecked_param_type`.
//!
//! Adding a query is a few lines in `impl Evaluator` below:
//!
//! ```ignore
//! #[wasm_bindgen(unchecked_return_type = "ShiftsOutput")]
//! pub fn shifts(&self, schedule: &str, from: &str, to: &str) -> Result<JsValue, JsValue> {
//!     let from = self.instant(from)?;
//!     let to = self.instant(to)?;
//!     answer(self.inner.shifts(schedule, from, to))
//! }
//! ```
//!
//! plus the output type in `TS_TYPES`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Versions of the engine, the document format and the bundled time zone database. */
export interface Version {
  /** The engine (crate and npm package) version, e.g. "0.1.0". */
  engine: string;
  /** The policy document format version this engine reads. */
  format: number;
  /** The IANA time zone database version compiled in, e.g. "2025b". */
  tzdb: string;
}
"#;

/// The versions of the engine, the document format and the time zone database.
#[derive(Serialize)]
struct VersionJson {
    engine: &'static str,
    format: u32,
    tzdb: &'static str,
}

/// Converts any serializable output into a plain JS object (via JSON, so JS
/// sees exactly what the CLI's `--json` prints).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| internal_error(&e.to_string()))?;
    js_sys::JSON::parse(&text)
}

/// An `Error` for a failure that is the engine's fault, not the caller's.
fn internal_error(message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("EscalatorError");
    set(&error, "kind", &JsValue::from_str("internal"));
    error.into()
}

/// Sets a property on a JS object (cannot fail on a fresh `Error`).
fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
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
