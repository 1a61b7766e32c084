//! [`Diagnostic`]: the one JSON shape of a diagnostic, for CLI `--json`
//! and the JS API alike.
//!
//! Lines and columns are 1-based; `column` and `offset` count UTF-16 code
//! units (how JavaScript indexes strings), so an editor can underline the
//! right characters even after accents and emoji. `byte_offset` is the
//! offset in UTF-8 bytes, for tools that work on bytes.

use serde::Serialize;

use crate::diagnostic::{self, LineIndex};

/// A diagnostic as printed and returned to JS.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable kebab-case code, e.g. `unknown-reference`.
    pub code: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    pub message: String,
    pub help: Option<String>,
    pub why: Option<String>,
    pub span: Span,
    pub labels: Vec<Label>,
}

/// A range of text: start inclusive, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: Position,
    pub end: Position,
}

/// A position: 1-based line, 1-based UTF-16 column, 0-based UTF-16 offset
/// and 0-based byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub offset: u32,
    pub byte_offset: u32,
}

/// A secondary span with its message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    pub message: String,
    pub span: Span,
}

impl Diagnostic {
    /// Converts a diagnostic, placing its spans with `index`.
    pub fn new(index: &LineIndex<'_>, diagnostic: &diagnostic::Diagnostic) -> Diagnostic {
        Diagnostic {
            code: diagnostic.code.to_string(),
            severity: diagnostic.severity.as_str().to_string(),
            message: diagnostic.message.clone(),
            help: diagnostic.help.clone(),
            why: diagnostic.why.clone(),
            span: span_json(index, diagnostic.span),
            labels: diagnostic
                .labels
                .iter()
                .map(|l| Label {
                    message: l.message.clone(),
                    span: span_json(index, l.span),
                })
                .collect(),
        }
    }
}

pub(crate) fn span_json(index: &LineIndex<'_>, span: diagnostic::Span) -> Span {
    let position = |offset: u32| {
        let p = index.position(offset);
        Position {
            line: p.line,
            column: p.column_utf16,
            offset: p.offset_utf16,
            byte_offset: p.offset,
        }
    };
    Span {
        start: position(span.start),
        end: position(span.end.max(span.start)),
    }
}

/// Converts diagnostics about `text` into their JSON shape.
///
/// ```
/// use escalator::output::diagnostics_json;
/// let text = "version: 1\ntimezone: UTC\npeople: [{id: zoë, name: Zoë}]\npolicies: [{id: p, steps: [{notify: [{person: zoé}], escalate_after: 5m}]}]\n";
/// let json = diagnostics_json(text, &escalator::check(text));
/// assert_eq!(json[0].code, "unknown-reference");
/// let start = json[0].span.start;
/// assert_eq!((start.line, start.column), (4, 47));
/// ```
pub fn diagnostics_json(text: &str, diagnostics: &[diagnostic::Diagnostic]) -> Vec<Diagnostic> {
    let index = LineIndex::new(text);
    diagnostics
        .iter()
        .map(|d| Diagnostic::new(&index, d))
        .collect()
}
