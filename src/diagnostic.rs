//! Diagnostics: one shape for every problem, from a YAML syntax error to a
//! practice finding, each pointing into the document text.
//!
//! Spans are byte ranges into the original text; [`LineIndex`] turns them
//! into 1-based lines and columns. Machine output (CLI `--json` and the JS
//! API) counts columns and offsets in UTF-16 code units, because that is how
//! JavaScript editors index strings.

use serde::Serialize;

/// A byte range `[start, end)` into the document text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from byte offsets.
    pub const fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document cannot be evaluated (or a policy pages nobody at all).
    Error,
    /// Evaluated, but something a reviewer should fix.
    Warning,
    /// Worth knowing (a handoff moved by a DST change, say).
    Info,
}

impl Severity {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A secondary span with a short message ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One problem found in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable kebab-case code, e.g. `unknown-key`.
    pub code: &'static str,
    pub severity: Severity,
    /// One line, lowercase, user input quoted in backticks.
    pub message: String,
    /// What to do about it ("did you mean `alice`?").
    pub help: Option<String>,
    /// Why it matters, tied to the practice (findings only).
    pub why: Option<String>,
    /// Where it is.
    pub span: Span,
    /// Other places that explain it.
    pub labels: Vec<Label>,
}

impl Diagnostic {
    /// A new diagnostic with no help, no why and no labels.
    pub fn new(code: &'static str, severity: Severity, span: Span, message: impl Into<String>) -> Self {
        Diagnostic { code, severity, message: message.into(), help: None, why: None, span, labels: Vec::new() }
    }
    /// An error.
    pub fn error(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, span, message)
    }
    /// A warning.
    pub fn warning(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, span, message)
    }
    /// An info.
    pub fn info(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Info, span, message)
    }
    /// Adds help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    /// Adds a "why it matters" line.
    pub fn with_why(mut self, why: impl Into<String>) -> Self {
        self.why = Some(why.into());
        self
    }
    /// Adds a secondary label.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label { span, message: message.into() });
        self
    }
}
