//! [`Evaluator`]: a document parsed and validated once, then queried many times.
//!
//! Every surface (CLI, wasm bindings, tests) goes through the evaluator, so
//! they all give the same answers. Engines add their queries in `impl
//! Evaluator` blocks next to their code (`schedule::query`, ...); each query
//! returns a value from [`crate::output`] or a [`QueryError`].

use crate::diagnostic::Diagnostic;
use crate::model::Model;

/// A policy document parsed and validated once, then queried many times.
#[derive(Clone, Debug)]
pub struct Evaluator {
    /// The document text as given.
    pub(crate) text: String,
    /// The validated model (only built when the document has no errors).
    pub(crate) model: Model,
    /// Warnings and infos found while reading the document.
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// A query the caller got wrong (unknown id, bad instant, window too large).
///
/// Not a problem of the document: those are [`Diagnostic`]s.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryError {
    /// Stable kebab-case code, e.g. `unknown-schedule`.
    pub code: &'static str,
    /// One line, lowercase, user input in backticks.
    pub message: String,
    /// What to do about it ("did you mean `payments-primary`?").
    pub help: Option<String>,
}

impl QueryError {
    /// A new query error without help.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        QueryError { code, message: message.into(), help: None }
    }
    /// Adds help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

impl Evaluator {
    /// The validated model.
    pub fn model(&self) -> &Model {
        &self.model
    }
    /// The document text.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// Warnings and infos about the document (never errors: a document with
    /// errors does not make an evaluator).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}
