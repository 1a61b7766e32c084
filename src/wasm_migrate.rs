//! The JS bindings of the migration module `escalator-migrate` (wasm32
//! only, cargo feature `migrate-js`): `importDocument` and `compare`, thin
//! wrappers over [`crate::evaluator::migrate`], which the CLI's `import`
//! and `compare` call too. It is a wasm module of its own (built without
//! the `js` feature), so the importers (an HCL parser among them) and the
//! comparison stay out of the engine's module: a page loads it only when
//! a vendor file arrives.
//!
//! As in the engine's bindings (`src/wasm.rs`), every call answers `{ok:
//! true, value}` with the JSON the CLI's `--json` prints, or `{ok: false,
//! error}`; bad input never throws. Options are decoded strictly with serde
//! ([`crate::evaluator::input`]): an unknown key is an error with a "did
//! you mean". The TypeScript declarations are `src/wasm_migrate/
//! escalator_migrate.d.ts`; they import the shapes both modules share
//! (`Answer`, `Diagnostic`, `Span`, `Why`, `Page`) from `escalator`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::evaluator::input::{Node, Tree};
use crate::evaluator::migrate::{compare_files, import_output, CompareFailure, ImportRequest};
use crate::evaluator::{CompareOptions, QueryError};
use crate::import::SourceFile;
use crate::output::{Answer, EscalatorError};

#[wasm_bindgen(typescript_custom_section)]
const TS: &'static str = include_str!("wasm_migrate/escalator_migrate.d.ts");

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &str) -> JsValue;
}

/// Vendor files (one text, or several `{name, text}` files) to one
/// Escalator document: `{document, complete, summary, detected, counts,
/// needed, diagnostics}`, the JSON of `escalator import --json`. Nothing
/// recognised is an `unsupported-format` error whose help lists the formats.
#[wasm_bindgen(js_name = importDocument, unchecked_return_type = "Answer<ImportOutput>")]
pub fn import_document(
    #[wasm_bindgen(unchecked_param_type = "ImportInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ImportOptions")] options: Option<JsValue>,
) -> JsValue {
    let options = Js(options.unwrap_or_default());
    let out = files("input", &input)
        .and_then(|files| Ok((files, ImportRequest::decode(&options)?)))
        .and_then(|(files, request)| import_output(&files, &request));
    answer(out.map_err(|e| EscalatorError::query(&e)))
}

/// Two setups compared over `[from, to)`: the JSON of `escalator compare
/// --json`. Each input is a document (text) or vendor files as
/// `importDocument` reads them (imported with default options; an import
/// that needs values is an `import-incomplete` error).
#[wasm_bindgen(unchecked_return_type = "Answer<CompareOutput>")]
pub fn compare(
    #[wasm_bindgen(unchecked_param_type = "ImportInput")] old: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ImportInput")] new: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CompareOptions")] options: JsValue,
) -> JsValue {
    let read = || -> Result<_, QueryError> {
        Ok((
            files("old", &old)?,
            files("new", &new)?,
            CompareOptions::decode(&Js(options.clone()))?,
        ))
    };
    let out = match read() {
        Ok((old, new, options)) => compare_files(&old, &new, &options).map_err(|e| match e {
            CompareFailure::Query(e) => EscalatorError::query(&e),
            CompareFailure::Document {
                side,
                text,
                diagnostics,
            } => match EscalatorError::document(&text, &diagnostics) {
                EscalatorError::Document {
                    message,
                    diagnostics,
                } => EscalatorError::Document {
                    message: format!("{side} {message}"),
                    diagnostics,
                },
                other => other,
            },
        }),
        Err(e) => Err(EscalatorError::query(&e)),
    };
    answer(out)
}

/// `{ok: true, value}` or `{ok: false, error}`, through JSON.
fn answer<T: Serialize>(result: Result<T, EscalatorError>) -> JsValue {
    let answer = match result {
        Ok(value) => Answer::Ok(value),
        Err(e) => Answer::Err(e),
    };
    json_parse(&serde_json::to_string(&answer).unwrap_or_else(|_| "null".into()))
}

/// The files of an `ImportInput`: one text (named `input`), one `{name,
/// text}` file, or a list of them.
fn files(what: &str, value: &JsValue) -> Result<Vec<SourceFile>, QueryError> {
    if let Some(text) = value.as_string() {
        return Ok(vec![SourceFile::new("input", text)]);
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields, expecting = "a `{name, text}` file")]
    struct File {
        name: String,
        text: String,
    }
    let value = Js(value.clone());
    let files: Vec<File> = if js_sys::Array::is_array(&value.0) {
        crate::evaluator::input::decode_tree(what, &value)?
    } else if value.0.is_object() {
        vec![crate::evaluator::input::decode_tree(what, &value)?]
    } else {
        return Err(QueryError::new(
            "wrong-type",
            format!("`{what}` must be text, a `{{name, text}}` file or a list of them"),
        ));
    };
    Ok(files
        .into_iter()
        .map(|f| SourceFile::new(f.name, f.text))
        .collect())
}

/// A JS value, walked by the input decoder (as the engine's bindings walk
/// theirs; a wrapper, since both modules may be built into one test wasm).
#[derive(Clone)]
struct Js(JsValue);

impl Tree for Js {
    fn node(&self) -> Node<Js> {
        let v = &self.0;
        if v.is_null() || v.is_undefined() {
            Node::Null
        } else if let Some(b) = v.as_bool() {
            Node::Bool(b)
        } else if let Some(n) = v.as_f64() {
            Node::Number(n)
        } else if let Some(s) = v.as_string() {
            Node::Text(s)
        } else if js_sys::Array::is_array(v) {
            Node::List(js_sys::Array::from(v).iter().map(Js).collect())
        } else if v.is_object() {
            let entries = js_sys::Object::entries(v.unchecked_ref());
            Node::Object(
                entries
                    .iter()
                    .map(|pair| {
                        let pair = js_sys::Array::from(&pair);
                        (pair.get(0).as_string().unwrap_or_default(), Js(pair.get(1)))
                    })
                    .collect(),
            )
        } else if v.is_function() {
            Node::Other("a function")
        } else {
            Node::Other("a value JSON cannot hold")
        }
    }
}
