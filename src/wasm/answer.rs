//! Answers as JS values: `{ok: true, value}` or `{ok: false, error}`
//! ([`crate::output::Answer`]), built as JSON in Rust and handed over with
//! one `JSON.parse`; values that hold JS objects (an `Evaluator`, typed
//! columns) are put together with `Reflect.set`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::evaluator::QueryError;
use crate::output::{Answer, EscalatorError};

// `JSON.parse` and `Reflect.set` without wasm-bindgen's exception wrapper
// (`js_sys`'s versions catch, which costs more than the call): neither
// throws on what is handed to them here (JSON the engine wrote, a plain
// object).
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &str) -> JsValue;
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    pub(crate) fn reflect_set(target: &JsValue, key: &JsValue, value: &JsValue) -> bool;
}

/// Any serializable value as a plain JS object, via JSON (so JS sees
/// exactly what the CLI's `--json` prints). The output shapes always
/// serialize (plain structs, strings, numbers).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    json_parse(&serde_json::to_string(value).unwrap_or_else(|_| "null".into()))
}

/// A query's answer: `{ok: true, value}` or `{ok: false, error}` (the
/// JSON of [`Answer`], written around the value's own JSON so that no
/// wrapper is compiled per value type).
pub(crate) fn reply<T: Serialize>(result: Result<T, QueryError>) -> JsValue {
    match result {
        Ok(value) => ok(value),
        Err(e) => fail_query(&e),
    }
}

/// `{ok: true, value}` for a serializable value.
pub(crate) fn ok<T: Serialize>(value: T) -> JsValue {
    ok_json(&serde_json::to_string(&value).unwrap_or_else(|_| "null".into()))
}

/// `{ok: true, value}` for a value already written as JSON.
pub(crate) fn ok_json(json: &str) -> JsValue {
    let mut text = String::with_capacity(json.len() + 20);
    text.push_str("{\"ok\":true,\"value\":");
    text.push_str(json);
    text.push('}');
    json_parse(&text)
}

/// `{ok: true, value}` for a JS value.
pub(crate) fn ok_js(value: JsValue) -> JsValue {
    let out = js_sys::Object::new();
    set(&out, "ok", &JsValue::TRUE);
    set(&out, "value", &value);
    out.into()
}

/// `{ok: false, error}`.
pub(crate) fn fail(error: &EscalatorError) -> JsValue {
    to_js(&Answer::<()>::Err(error.clone()))
}

/// `{ok: false, error}` for a query error.
pub(crate) fn fail_query(e: &QueryError) -> JsValue {
    fail(&EscalatorError::query(e))
}

/// Sets a property on a fresh object (cannot fail).
pub(crate) fn set(target: &JsValue, key: &str, value: &JsValue) {
    reflect_set(target, &JsValue::from_str(key), value);
}
