//! [`QueryError`]: what a caller got wrong, for every layer to return.
//!
//! It lives at the bottom of the layers so that engines can fail without
//! knowing the [`Evaluator`](crate::Evaluator) that calls them. A value that
//! does not parse (`parse_duration("15")`) and a query that cannot be
//! answered (an unknown schedule, a window too large) are the same shape: a
//! stable code, a one-line message and optional help. Problems of a
//! document are [`Diagnostic`](crate::diagnostic::Diagnostic)s instead: the
//! model reader turns value errors into diagnostics with spans.

/// A value or query the caller got wrong (bad duration, unknown id, bad
/// instant, window too large).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryError {
    /// Stable kebab-case code, e.g. `unknown-schedule`, `invalid-duration`.
    pub code: &'static str,
    /// One line, lowercase, user input in backticks.
    pub message: String,
    /// What to do about it ("did you mean `payments-primary`?").
    pub help: Option<String>,
}

impl QueryError {
    /// A new error without help.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        QueryError {
            code,
            message: message.into(),
            help: None,
        }
    }

    /// Adds help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same error under another code (a value error reported in the
    /// context that read the value: `invalid-instant` for a query's instant).
    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = code;
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

impl std::error::Error for QueryError {}
