//! Typed reading of tree nodes: each getter reports what is wrong (wrong
//! type, missing or unknown key, bad value) and returns `None`, so the
//! builder carries on and reports every problem at once.

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::document::{Entry, Node, NodeKind};
use crate::error::QueryError;
use crate::model::Spanned;
use crate::suggest::did_you_mean;
use crate::time::values;
use crate::time::{DateTimeSpec, Seconds};

/// Collects the diagnostics of one build.
#[derive(Default)]
pub(super) struct Cx {
    pub diagnostics: Vec<Diagnostic>,
    /// Diagnostics past [`MAX_DIAGNOSTICS`], counted but not kept.
    pub dropped: usize,
    /// The worst severity among the dropped ones.
    pub dropped_worst: Option<Severity>,
}

/// Most diagnostics one build keeps: past this, a document is generated
/// junk, and finding suggestions for each problem would only cost time.
pub(super) const MAX_DIAGNOSTICS: usize = 1_000;

impl Cx {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        if self.is_full() {
            self.dropped += 1;
            self.dropped_worst = Some(
                self.dropped_worst
                    .map_or(diagnostic.severity, |w| w.min(diagnostic.severity)),
            );
            return;
        }
        self.diagnostics.push(diagnostic);
    }

    /// Whether further diagnostics are only counted.
    pub fn is_full(&self) -> bool {
        self.diagnostics.len() >= MAX_DIAGNOSTICS
    }

    pub fn wrong_type(&mut self, node: &Node, expected: &str) {
        let mut d = Diagnostic::error(
            "wrong-type",
            node.span,
            format!("expected {expected}, found {}", node.type_name()),
        );
        if let (NodeKind::Int(_) | NodeKind::Float(_) | NodeKind::Bool(_), true) =
            (&node.kind, expected.contains("string"))
        {
            d = d.with_help("put it in quotes to make it a string");
        }
        self.push(d);
    }

    /// A value that did not parse, reported under `code` at `span`.
    pub fn value_error(&mut self, code: &'static str, span: Span, err: QueryError) {
        let mut d = Diagnostic::error(code, span, err.message);
        if let Some(help) = err.help {
            d = d.with_help(help);
        }
        self.push(d);
    }

    /// A mapping with known keys; unknown keys are reported.
    pub fn object<'n>(
        &mut self,
        node: &'n Node,
        what: &'static str,
        keys: &[&'static str],
    ) -> Option<Obj<'n>> {
        let Some(entries) = node.as_map() else {
            self.wrong_type(node, &format!("{what} (a mapping)"));
            return None;
        };
        for entry in entries {
            if !keys.contains(&entry.key.as_str()) {
                if self.is_full() {
                    self.dropped += 1;
                    self.dropped_worst = Some(Severity::Error);
                    continue;
                }
                let mut d = Diagnostic::error(
                    "unknown-key",
                    entry.key_span,
                    format!("unknown key `{}` in {what}", entry.key),
                );
                d = match did_you_mean(&entry.key, keys.iter().copied()) {
                    Some(help) => d.with_help(help),
                    None => d.with_help(format!(
                        "known keys: {}",
                        keys.iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                };
                self.push(d);
            }
        }
        Some(Obj {
            node,
            entries,
            what,
        })
    }

    /// A list (`None` and a diagnostic otherwise).
    pub fn list<'n>(&mut self, node: &'n Node, expected: &str) -> Option<&'n [Node]> {
        match &node.kind {
            NodeKind::Seq(items) => Some(items),
            _ => {
                self.wrong_type(node, expected);
                None
            }
        }
    }

    /// A string.
    pub fn string(&mut self, node: &Node, expected: &str) -> Option<Spanned<String>> {
        match &node.kind {
            NodeKind::Str(s) => Some(Spanned::new(s.clone(), node.span)),
            _ => {
                self.wrong_type(node, expected);
                None
            }
        }
    }

    /// An id: a non-empty string of letters, digits, `-`, `_`, `.`.
    pub fn id(&mut self, node: &Node, what: &str) -> Option<Spanned<String>> {
        let id = self.string(node, &format!("the id of {what} (a string)"))?;
        let valid = !id.value.is_empty()
            && id
                .value
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !valid {
            self.push(
                Diagnostic::error(
                    "invalid-id",
                    node.span,
                    format!("`{}` is not a valid id", id.value),
                )
                .with_help("ids use letters, digits, `-`, `_` and `.`, like `payments-primary`"),
            );
            return None;
        }
        Some(id)
    }

    /// One string or a list of strings (`add: gina` or `add: [gina, hal]`).
    pub fn strings(&mut self, node: &Node, expected: &str) -> Option<Vec<Spanned<String>>> {
        match &node.kind {
            NodeKind::Str(s) => Some(vec![Spanned::new(s.clone(), node.span)]),
            NodeKind::Seq(items) => {
                let mut out = Vec::new();
                let mut ok = true;
                for item in items {
                    match self.string(item, expected) {
                        Some(s) => out.push(s),
                        None => ok = false,
                    }
                }
                ok.then_some(out)
            }
            _ => {
                self.wrong_type(node, &format!("{expected} or a list of them"));
                None
            }
        }
    }

    /// A duration string (`15m`).
    pub fn duration(&mut self, node: &Node) -> Option<Spanned<Seconds>> {
        if let NodeKind::Int(n) = node.kind {
            let err = QueryError::new("invalid-duration", format!("duration `{n}` has no unit"))
                .with_help(format!("add a unit: `{n}m` for minutes, `{n}h` for hours"));
            self.value_error("invalid-duration", node.span, err);
            return None;
        }
        let text = self.string(node, "a duration like `15m`")?;
        match values::parse_duration(&text.value) {
            Ok(seconds) => Some(Spanned::new(seconds, node.span)),
            Err(err) => {
                self.value_error("invalid-duration", node.span, err);
                None
            }
        }
    }

    /// A date-time (local, absolute, or a date meaning local midnight).
    pub fn date_time(&mut self, node: &Node) -> Option<Spanned<DateTimeSpec>> {
        let text = self.string(node, "a date-time like `2026-01-05T09:00`")?;
        match values::parse_date_time(&text.value) {
            Ok(spec) => Some(Spanned::new(spec, node.span)),
            Err(err) => {
                self.value_error("invalid-date-time", node.span, err);
                None
            }
        }
    }

    /// A calendar date.
    pub fn date(&mut self, node: &Node) -> Option<Spanned<NaiveDate>> {
        let text = self.string(node, "a date like `2026-09-14`")?;
        match values::parse_date(&text.value) {
            Ok(date) => Some(Spanned::new(date, node.span)),
            Err(err) => {
                self.value_error("invalid-date", node.span, err);
                None
            }
        }
    }

    /// An IANA time zone name, with a suggestion when it is not one (the
    /// one zone reader, [`values::parse_zone`]).
    pub fn timezone(&mut self, node: &Node) -> Option<Tz> {
        let text = self.string(node, "an IANA time zone like `Europe/Berlin`")?;
        match values::parse_zone(&text.value) {
            Ok(tz) => Some(tz),
            Err(err) => {
                self.value_error("invalid-timezone", node.span, err);
                None
            }
        }
    }

    /// One of a fixed set of words (`combine: top`).
    pub fn choice(
        &mut self,
        node: &Node,
        key: &str,
        choices: &[&'static str],
    ) -> Option<&'static str> {
        let listed = choices
            .iter()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(" or ");
        let text = self.string(node, &listed)?;
        if let Some(c) = choices.iter().find(|c| **c == text.value) {
            return Some(c);
        }
        let mut d = Diagnostic::error(
            "invalid-value",
            node.span,
            format!("`{}` is not a valid `{key}`", text.value),
        );
        d = match did_you_mean(&text.value, choices.iter().copied()) {
            Some(help) => d.with_help(help),
            None => d.with_help(format!("use {listed}")),
        };
        self.push(d);
        None
    }
}

/// A mapping being read, with the keys it is allowed to have.
pub(super) struct Obj<'n> {
    pub node: &'n Node,
    pub entries: &'n [Entry],
    pub what: &'static str,
}

impl<'n> Obj<'n> {
    /// The value of a key, `None` when absent or null.
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|e| e.key == key)
            .map(|e| &e.value)
            .filter(|n| n.kind != NodeKind::Null)
    }

    /// Whether the key is written at all (even with a null value).
    pub fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|e| e.key == key)
    }

    /// The span of the key itself.
    pub fn key_span(&self, key: &str) -> Option<Span> {
        self.entries
            .iter()
            .find(|e| e.key == key)
            .map(|e| e.key_span)
    }

    /// Where to point when something is missing: the first key, or the
    /// whole (empty) mapping.
    pub fn head_span(&self) -> Span {
        self.entries.first().map_or(self.node.span, |e| e.key_span)
    }

    /// The value of a required key; a `missing-key` error when absent.
    pub fn required(&self, cx: &mut Cx, key: &str) -> Option<&'n Node> {
        let value = self.get(key);
        if value.is_none() {
            cx.push(
                Diagnostic::error(
                    "missing-key",
                    self.head_span(),
                    format!("{} is missing `{key}`", self.what),
                )
                .with_help(format!("add `{key}:` to {}", self.what)),
            );
        }
        value
    }

    /// A required string.
    pub fn req_string(&self, cx: &mut Cx, key: &str) -> Option<Spanned<String>> {
        let node = self.required(cx, key)?;
        cx.string(node, &format!("`{key}` to be a string"))
    }

    /// An optional string.
    pub fn opt_string(&self, cx: &mut Cx, key: &str) -> Option<Spanned<String>> {
        let node = self.get(key)?;
        cx.string(node, &format!("`{key}` to be a string"))
    }

    /// The required `id`.
    pub fn id(&self, cx: &mut Cx) -> Option<Spanned<String>> {
        let node = self.required(cx, "id")?;
        cx.id(node, self.what)
    }
}
