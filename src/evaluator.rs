//! [`Evaluator`]: a document parsed and validated once, then queried many times.
//!
//! Every surface (CLI, wasm bindings, tests) goes through the evaluator, so
//! they all give the same answers. Engines add their queries in `impl
//! Evaluator` blocks next to their code (`schedule::query`, ...); each query
//! returns a value from [`crate::output`] or a [`QueryError`].

use crate::diagnostic::{Diagnostic, Severity};
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
    /// Parses and validates a document (YAML 1.2 or JSON).
    ///
    /// `Err` holds every diagnostic, sorted by position, when there is at
    /// least one error; `Ok` keeps the warnings and infos.
    ///
    /// ```
    /// use escalator::Evaluator;
    /// let ok = Evaluator::new("version: 1\ntimezone: Europe/Berlin\n");
    /// assert!(ok.is_ok());
    /// let err = Evaluator::new("version: 1\ntimezone: Europe/Berlln\n").unwrap_err();
    /// assert_eq!(err[0].code, "invalid-timezone");
    /// assert_eq!(err[0].help.as_deref(), Some("did you mean `Europe/Berlin`?"));
    /// ```
    pub fn new(text: &str) -> Result<Evaluator, Vec<Diagnostic>> {
        let (model, diagnostics) = read(text);
        match model {
            Some(model) if !has_errors(&diagnostics) => Ok(Evaluator {
                text: text.to_string(),
                model,
                diagnostics,
            }),
            _ => Err(diagnostics),
        }
    }

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

/// Every diagnostic about a document, sorted by position: syntax and model
/// errors, and (when the document is valid) practice findings.
///
/// ```
/// let diagnostics = escalator::check("version: 2\ntimezone: UTC\n");
/// assert_eq!(diagnostics[0].code, "unsupported-version");
/// ```
pub fn check(text: &str) -> Vec<Diagnostic> {
    check_window(text, None)
}

/// [`check`] plus the findings that depend on time over `[from, to)`
/// (coverage gaps, expired approvals, drills, review, DST, long shifts);
/// `from` is the "as of" instant. The CLI passes now and the next 28 days.
pub fn check_at(
    text: &str,
    from: crate::time::Timestamp,
    to: crate::time::Timestamp,
) -> Vec<Diagnostic> {
    check_window(text, Some((from, to)))
}

fn check_window(
    text: &str,
    window: Option<(crate::time::Timestamp, crate::time::Timestamp)>,
) -> Vec<Diagnostic> {
    let (model, mut diagnostics) = read(text);
    if let Some(model) = &model {
        if !has_errors(&diagnostics) {
            diagnostics.extend(practice_findings(model, window));
            sort(&mut diagnostics);
        }
    }
    diagnostics
}

/// Practice findings about a valid model (SPEC section 5: unused ids, gaps,
/// owners, vendors, drills...). The findings engine plugs in here
/// (`crate::findings`); `Evaluator::new` does not run them, `check` does.
/// Without a window only the findings that do not depend on time.
fn practice_findings(
    model: &Model,
    window: Option<(crate::time::Timestamp, crate::time::Timestamp)>,
) -> Vec<Diagnostic> {
    match window {
        Some((from, to)) => {
            let mut out = crate::findings::findings(model, (from, to));
            out.extend(crate::schedule::findings(model, from, to));
            out
        }
        None => crate::findings::timeless(model),
    }
}

/// Parses and builds: the model when the text has no error, and all
/// document diagnostics sorted by position.
fn read(text: &str) -> (Option<Model>, Vec<Diagnostic>) {
    let document = crate::document::parse(text);
    let mut diagnostics = document.diagnostics;
    // The tree is absent when the text could not be read to its end (a
    // syntax error, a limit): a partial tree would give misleading errors.
    let (model, build_diagnostics) = crate::model::build::build(document.root.as_ref());
    diagnostics.extend(build_diagnostics);
    sort(&mut diagnostics);
    (model, diagnostics)
}

fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// Sorts by position, then severity and code, so output is stable.
fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.severity, a.code, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            b.severity,
            b.code,
            &b.message,
        ))
    });
}
