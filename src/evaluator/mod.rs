//! [`Evaluator`]: a document parsed and validated once, then queried many times.
//!
//! Every surface (CLI, wasm bindings, tests) goes through the evaluator, so
//! they all give the same answers. The evaluator is the top of the engine's
//! layers: it calls the engines' plain functions over a [`Model`] and turns
//! their answers into [`crate::output`] shapes. One file per engine's
//! queries: [`schedule`] (shifts, on call, quality), [`escalation`] (choosing
//! a policy, paging plans), [`coverage`], [`findings`], [`simulation`] and
//! [`compare`] (two documents);
//! this file holds reading a document, `check` and the document's outline.
//! Each query returns an output value or a [`QueryError`].

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Model;
use crate::output::{OutlineOutput, SummaryOutput};
use crate::time::{parse_instant, Timestamp};

pub mod compare;
pub mod coverage;
pub mod escalation;
pub mod findings;
pub mod import;
pub mod input;
pub mod migrate;
pub mod schedule;
pub mod simulation;
pub mod time;

pub use crate::error::QueryError;
pub use compare::CompareOptions;
pub use escalation::{Chosen, PolicyChoice};
pub use import::import_document;

/// A policy document parsed and validated once, then queried many times.
#[derive(Clone, Debug)]
pub struct Evaluator {
    /// The document text as given.
    text: String,
    /// The validated model (only built when the document has no errors).
    model: Model,
    /// Warnings and infos found while reading the document.
    diagnostics: Vec<Diagnostic>,
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

    /// Counts of what the document holds.
    ///
    /// ```
    /// let ev = escalator::Evaluator::new("version: 1\ntimezone: UTC\npeople: [{id: alice}]\n").unwrap();
    /// let summary = ev.summary();
    /// assert_eq!((summary.people, summary.schedules, summary.timezone.as_str()), (1, 0, "UTC"));
    /// ```
    pub fn summary(&self) -> SummaryOutput {
        SummaryOutput::new(&self.model, self.diagnostics.len())
    }

    /// What the document defines, by id (see [`OutlineOutput`]).
    pub fn outline(&self) -> OutlineOutput {
        OutlineOutput::new(&self.model)
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
pub fn check_at(text: &str, from: Timestamp, to: Timestamp) -> Vec<Diagnostic> {
    check_window(text, Some((from, to)))
}

fn check_window(text: &str, window: Option<(Timestamp, Timestamp)>) -> Vec<Diagnostic> {
    let (model, diagnostics) = read(text);
    with_findings(model.as_ref(), diagnostics, window)
}

/// The document's diagnostics plus, when it has no error, its practice
/// findings (over `window` when there is one), sorted by position.
fn with_findings(
    model: Option<&Model>,
    mut diagnostics: Vec<Diagnostic>,
    window: Option<(Timestamp, Timestamp)>,
) -> Vec<Diagnostic> {
    if let Some(model) = model {
        if !has_errors(&diagnostics) {
            diagnostics.extend(practice_findings(model, window));
            sort(&mut diagnostics);
        }
    }
    diagnostics
}

/// The findings window of a check, as `escalator check --from --to` and the
/// JS `check(document, from, to)` take it: the one place both read it.
///
/// `from` and `to` are query instants ([`parse_instant`]), local ones read in
/// the document's zone (UTC when the document has errors: it then has no
/// findings anyway). `from` is the "as of" instant and defaults to `now`;
/// `to` defaults to [`CheckWindow::DEFAULT_SECONDS`] after `from`. With
/// neither `from` nor `now` there is no window, and only the findings that
/// do not depend on time are checked (`to` is then not read).
///
/// ```
/// use escalator::evaluator::CheckWindow;
/// let doc = "version: 1\ntimezone: Europe/Berlin\nactions: [{id: a, title: A, services: [], approved_until: 2026-03-01}]\n";
/// let window = CheckWindow { from: Some("2026-03-01"), to: None, now: None };
/// let found = window.check(doc).unwrap();
/// assert!(found.iter().any(|d| d.code == "approval-expired"));
/// // Without a window: no finding that depends on time.
/// let timeless = CheckWindow::default().check(doc).unwrap();
/// assert!(timeless.iter().all(|d| d.code != "approval-expired"));
/// assert_eq!(CheckWindow { from: Some("soon"), ..CheckWindow::default() }.check(doc).unwrap_err().code, "invalid-instant");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CheckWindow<'a> {
    /// The start of the window and the "as of" instant, as written.
    pub from: Option<&'a str>,
    /// The end of the window (exclusive), as written.
    pub to: Option<&'a str>,
    /// The default of `from` (the CLI passes the clock's now; the JS API
    /// passes none and checks only timeless findings without `from`).
    pub now: Option<Timestamp>,
}

impl CheckWindow<'_> {
    /// The default length of the findings window: 28 days.
    pub const DEFAULT_SECONDS: i64 = 28 * 86_400;

    /// Every diagnostic about `text` (as [`check_at`], or [`check`] without
    /// a window); `Err` when `from` or `to` is not an instant. The document
    /// is read once.
    pub fn check(&self, text: &str) -> Result<Vec<Diagnostic>, QueryError> {
        let (model, diagnostics) = read(text);
        let valid = model.as_ref().filter(|_| !has_errors(&diagnostics));
        let zone = valid.map_or(chrono_tz::UTC, |m| m.timezone);
        let from = match (self.from, self.now) {
            (Some(text), _) => Some(parse_instant(text, zone)?),
            (None, now) => now,
        };
        let window = match from {
            Some(from) => {
                let to = match self.to {
                    Some(text) => parse_instant(text, zone)?,
                    None => from.add_seconds(Self::DEFAULT_SECONDS),
                };
                Some((from, to))
            }
            None => None,
        };
        Ok(with_findings(model.as_ref(), diagnostics, window))
    }
}

/// Practice findings about a valid model (SPEC section 5: unused ids, gaps,
/// owners, vendors, drills...). The findings engine plugs in here
/// (`crate::findings`); `Evaluator::new` does not run them, `check` does.
/// Without a window only the findings that do not depend on time.
fn practice_findings(model: &Model, window: Option<(Timestamp, Timestamp)>) -> Vec<Diagnostic> {
    match window {
        Some((from, to)) => {
            let mut out = crate::findings::findings(model, (from, to));
            out.extend(crate::schedule::findings(model, from, to));
            out
        }
        None => crate::findings::timeless(model),
    }
}

/// Parses and reads: the model when the text has no error, and all
/// document diagnostics sorted by position.
fn read(text: &str) -> (Option<Model>, Vec<Diagnostic>) {
    let document = crate::document::parse(text);
    let mut diagnostics = document.diagnostics;
    // The tree is absent when the text could not be read to its end (a
    // syntax error, a limit): a partial tree would give misleading errors.
    let (model, read_diagnostics) = crate::model::read::read(document.root.as_ref());
    diagnostics.extend(read_diagnostics);
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
