//! Text to document: YAML 1.2 or JSON parsed into a tree of spanned values.
//!
//! JSON is read by the same YAML 1.2 parser (`saphyr-parser`; YAML 1.2 is a
//! superset of JSON), so a document gives the same tree whichever syntax it
//! is written in. Plain scalars are typed by the YAML 1.2 core schema
//! ([`scalar`]): `09:00`, `on`, `yes` and `2026-03-01` stay strings.
//!
//! The parser does bounded work on hostile input: nesting depth, node count,
//! alias expansion and text size are limited ([`Limits`]), and each limit
//! gives a diagnostic instead of a hang, a crash or running out of memory.
//!
//! [`tree`] is the public tree ([`Node`], [`NodeKind`], [`Entry`]); the
//! event reader that builds it is private to this module.

use crate::diagnostic::Diagnostic;

mod json;
mod offsets;
mod reader;
pub mod scalar;
pub mod tree;

pub use tree::{Entry, Node, NodeKind};

/// Bounds on the work done for one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Longest text read, in bytes.
    pub max_bytes: usize,
    /// Deepest nesting of lists and mappings.
    pub max_depth: usize,
    /// Most nodes in the tree (scalars, collections and keys).
    pub max_nodes: usize,
    /// Most nodes created by expanding aliases (`*name`).
    pub max_alias_nodes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: 32 << 20,
            max_depth: 64,
            max_nodes: 4_000_000,
            max_alias_nodes: 100_000,
        }
    }
}

/// A parsed document: the tree (absent when the text could not be read) and
/// the problems found while reading it.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub root: Option<Node>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses YAML 1.2 or JSON text into a tree, with the default [`Limits`].
///
/// ```
/// use escalator::document::{parse, NodeKind};
/// let doc = parse("version: 1\ntimezone: Europe/Berlin\nopen: 09:00\n");
/// assert!(doc.diagnostics.is_empty());
/// let root = doc.root.unwrap();
/// assert_eq!(root.get("version").unwrap().kind, NodeKind::Int(1));
/// // YAML 1.2: no sexagesimal numbers, `09:00` is a string.
/// assert_eq!(root.get("open").unwrap().kind, NodeKind::Str("09:00".into()));
/// // Spans are byte ranges.
/// assert_eq!(root.get("timezone").unwrap().span.start, 21);
/// ```
pub fn parse(text: &str) -> Document {
    parse_with_limits(text, Limits::default())
}

/// Parses with explicit limits.
pub fn parse_with_limits(text: &str, limits: Limits) -> Document {
    reader::read(text, limits)
}

#[cfg(test)]
mod tests;
