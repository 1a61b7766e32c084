//! What a JS call answers: `{"ok": true, "value": ...}`, or `{"ok": false,
//! "error": ...}` with an [`EscalatorError`]. Bad input is an answer, never
//! a thrown exception (as Cedar's JS API does): only misusing the API (a
//! freed handle, say) throws.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::diagnostic::{diagnostics_json, Diagnostic};
use crate::error::QueryError;

/// Why a call failed: the document has errors (every diagnostic), or the
/// query was wrong (an unknown id, a bad instant, a misspelled option).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum EscalatorError {
    Document {
        /// The first error's `line:column: message`.
        message: String,
        diagnostics: Vec<Diagnostic>,
    },
    Query {
        code: &'static str,
        message: String,
        help: Option<String>,
    },
}

impl EscalatorError {
    /// A query error.
    pub fn query(e: &QueryError) -> EscalatorError {
        EscalatorError::Query {
            code: e.code,
            message: e.message.clone(),
            help: e.help.clone(),
        }
    }

    /// The error of a document with errors: every diagnostic, the first
    /// error's position and message as the message.
    ///
    /// ```
    /// use escalator::output::EscalatorError;
    /// let text = "version: 1\ntimezone: Europe/Berlln\n";
    /// let EscalatorError::Document { message, diagnostics } = EscalatorError::document(text, &escalator::check(text)) else { panic!() };
    /// assert_eq!(message, "2:11: `Europe/Berlln` is not an IANA time zone");
    /// assert_eq!(diagnostics[0].help.as_deref(), Some("did you mean `Europe/Berlin`?"));
    /// ```
    pub fn document(text: &str, diagnostics: &[crate::diagnostic::Diagnostic]) -> EscalatorError {
        let diagnostics = diagnostics_json(text, diagnostics);
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
        EscalatorError::Document {
            message,
            diagnostics,
        }
    }
}

/// A call's answer: its value, or why it failed.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer<T> {
    Ok(T),
    Err(EscalatorError),
}

impl<T> From<Result<T, QueryError>> for Answer<T> {
    fn from(result: Result<T, QueryError>) -> Self {
        match result {
            Ok(value) => Answer::Ok(value),
            Err(e) => Answer::Err(EscalatorError::query(&e)),
        }
    }
}

impl<T: Serialize> Serialize for Answer<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("Answer", 2)?;
        match self {
            Answer::Ok(value) => {
                out.serialize_field("ok", &true)?;
                out.serialize_field("value", value)?;
            }
            Answer::Err(error) => {
                out.serialize_field("ok", &false)?;
                out.serialize_field("error", error)?;
            }
        }
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_tagged_by_ok() {
        let ok: Answer<u32> = Ok(3).into();
        assert_eq!(
            serde_json::to_string(&ok).unwrap(),
            r#"{"ok":true,"value":3}"#
        );
        let e = QueryError::new("unknown-schedule", "no schedule `x`").with_help("schedules: `y`");
        let err: Answer<u32> = Err(e).into();
        assert_eq!(
            serde_json::to_string(&err).unwrap(),
            r#"{"ok":false,"error":{"kind":"query","code":"unknown-schedule","message":"no schedule `x`","help":"schedules: `y`"}}"#
        );
    }
}
