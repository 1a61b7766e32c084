//! The event reader: `saphyr-parser`'s events turned into the spanned tree
//! ([`super::Node`]), with the limits of [`Limits`] enforced as it goes
//! (size, depth, nodes, alias expansion) and every problem a diagnostic.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};

use super::offsets::CharOffsets;
use super::{json, scalar};
use super::{Document, Entry, Limits, Node, NodeKind};
use crate::diagnostic::{Diagnostic, Span};

/// Reads `text` into a document within `limits` (see [`super::parse_with_limits`]).
pub(super) fn read(text: &str, limits: Limits) -> Document {
    if text.len() > limits.max_bytes {
        let diagnostic = Diagnostic::error(
            "document-too-large",
            Span::new(0, 0),
            format!(
                "the document is {} bytes, more than the {} bytes allowed",
                text.len(),
                limits.max_bytes
            ),
        )
        .with_help("split the document, or remove generated content");
        return Document {
            root: None,
            diagnostics: vec![diagnostic],
        };
    }
    // Same length as `text`, so spans into it are spans into `text`.
    let moved = super::json::move_surrogates(text);
    let mut reader = Reader::new(moved.as_deref().unwrap_or(text), limits);
    reader.surrogates = moved.is_some();
    reader.run();
    let Reader {
        root,
        mut diagnostics,
        aborted,
        ..
    } = reader;
    if root.is_none() && diagnostics.is_empty() && !aborted {
        diagnostics.push(
            Diagnostic::error("empty-document", Span::new(0, 0), "the document is empty")
                .with_help("start with `version: 1` and `timezone: <IANA zone>`"),
        );
    }
    cap(&mut diagnostics, aborted);
    Document {
        root: if aborted { None } else { root },
        diagnostics,
    }
}

/// Most diagnostics the reader keeps (the rest are counted in one more).
const MAX_DIAGNOSTICS: usize = 1_000;

/// Keeps the first [`MAX_DIAGNOSTICS`] (and the one that stopped reading,
/// if any), counting the others in a `too-many-diagnostics` diagnostic.
fn cap(diagnostics: &mut Vec<Diagnostic>, aborted: bool) {
    if diagnostics.len() <= MAX_DIAGNOSTICS + usize::from(aborted) {
        return;
    }
    let last = if aborted { diagnostics.pop() } else { None };
    let dropped = diagnostics.split_off(MAX_DIAGNOSTICS);
    let span = diagnostics.last().map_or(Span::new(0, 0), |d| d.span);
    diagnostics.push(
        Diagnostic::error(
            "too-many-diagnostics",
            span,
            format!("{} more problems are not shown", dropped.len()),
        )
        .with_help(format!(
            "only the first {MAX_DIAGNOSTICS} are listed; fix these and check again"
        )),
    );
    diagnostics.extend(last);
}

/// Mappings with fewer entries find duplicate keys by scanning.
const SMALL_MAP: usize = 16;

/// A collection being read.
enum Frame {
    Seq {
        start: u32,
        end: u32,
        anchor: usize,
        /// The node count when the collection opened (its size at close).
        nodes_before: usize,
        items: Vec<Node>,
    },
    Map {
        start: u32,
        end: u32,
        anchor: usize,
        nodes_before: usize,
        entries: Vec<Entry>,
        key: Option<PendingKey>,
        seen: HashMap<String, Span>,
    },
}

/// A key read, waiting for its value. `None` key: not usable (reported).
struct PendingKey {
    key: Option<String>,
    span: Span,
}

struct Reader<'a> {
    text: &'a str,
    offsets: CharOffsets<'a>,
    limits: Limits,
    frames: Vec<Frame>,
    /// Anchored values and their sizes; `None` when keeping a copy would
    /// pass the alias budget (an alias to it is then an error).
    anchors: HashMap<usize, Option<(Node, usize)>>,
    /// Nodes kept in `anchors`.
    anchor_nodes: usize,
    nodes: usize,
    alias_nodes: usize,
    root: Option<Node>,
    documents: usize,
    diagnostics: Vec<Diagnostic>,
    aborted: bool,
    /// JSON surrogate escapes were moved ([`json`]) and must be restored.
    surrogates: bool,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, limits: Limits) -> Reader<'a> {
        Reader {
            text,
            offsets: CharOffsets::new(text),
            limits,
            frames: Vec::new(),
            anchors: HashMap::new(),
            anchor_nodes: 0,
            nodes: 0,
            alias_nodes: 0,
            root: None,
            documents: 0,
            diagnostics: Vec::new(),
            aborted: false,
            surrogates: false,
        }
    }

    fn span(&self, s: &saphyr_parser::Span) -> Span {
        let start = self.offsets.byte(s.start.index());
        let end = self.offsets.byte(s.end.index()).max(start);
        Span::new(start, end)
    }

    fn abort(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
        self.aborted = true;
    }

    fn run(&mut self) {
        let mut parser = Parser::new_from_str(self.text);
        while !self.aborted {
            let Some(next) = parser.next_event() else {
                break;
            };
            let (event, span) = match next {
                Ok(pair) => pair,
                Err(err) => {
                    let at = self.offsets.byte(err.marker().index());
                    let end = self.next_char_end(at);
                    let message = err.info().to_string();
                    if message == "recursion limit exceeded" {
                        // The scanner's own bound on flow nesting, met
                        // before ours when it reads ahead.
                        self.abort(self.too_deep(Span::new(at, end)));
                        break;
                    }
                    self.abort(
                        Diagnostic::error("syntax-error", Span::new(at, end), message)
                            .with_help("check the indentation, quotes and brackets around here"),
                    );
                    break;
                }
            };
            let span = self.span(&span);
            match event {
                Event::StreamEnd => break,
                Event::DocumentStart(_) => {
                    self.documents += 1;
                    if self.documents > 1 {
                        let end = self.line_end(span.start);
                        self.diagnostics.push(
                            Diagnostic::error(
                                "multiple-documents",
                                Span::new(span.start, end),
                                "a second document starts here; only one document is read",
                            )
                            .with_help("keep the whole policy in one document (remove `---`)"),
                        );
                        break;
                    }
                }
                Event::Scalar(value, style, anchor, tag) => {
                    if !self.count_node(span) {
                        break;
                    }
                    let tag = tag.map(|t| (t.handle.clone(), t.suffix.clone()));
                    let value = if self.surrogates && style == ScalarStyle::DoubleQuoted {
                        std::borrow::Cow::Owned(json::restore_surrogates(&value))
                    } else {
                        value
                    };
                    let (kind, problem) =
                        scalar::type_scalar(&value, style == ScalarStyle::Plain, tag.as_ref());
                    if let Some((code, message, help)) = problem {
                        self.diagnostics
                            .push(Diagnostic::error(code, span, message).with_help(help));
                    }
                    let node = Node { kind, span };
                    if anchor > 0 {
                        self.keep_anchor(anchor, &node, 1);
                    }
                    self.push_value(node);
                }
                Event::Alias(anchor) => self.alias(anchor, span),
                Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                    if !self.count_node(span) {
                        break;
                    }
                    if self.frames.len() >= self.limits.max_depth {
                        self.abort(self.too_deep(span));
                        break;
                    }
                    let frame = if matches!(event, Event::SequenceStart(..)) {
                        Frame::Seq {
                            start: span.start,
                            end: span.end,
                            anchor,
                            nodes_before: self.nodes,
                            items: Vec::new(),
                        }
                    } else {
                        Frame::Map {
                            start: span.start,
                            end: span.end,
                            anchor,
                            nodes_before: self.nodes,
                            entries: Vec::new(),
                            key: None,
                            seen: HashMap::new(),
                        }
                    };
                    self.frames.push(frame);
                }
                Event::SequenceEnd | Event::MappingEnd => self.close(span),
                Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
            }
        }
    }

    /// Keeps a copy of an anchored value for its aliases, within the alias
    /// budget (nested anchors would otherwise copy a large tree many times).
    fn keep_anchor(&mut self, anchor: usize, node: &Node, size: usize) {
        let kept = if self.anchor_nodes.saturating_add(size) <= self.limits.max_alias_nodes {
            self.anchor_nodes += size;
            Some((node.clone(), size))
        } else {
            None
        };
        self.anchors.insert(anchor, kept);
    }

    fn too_deep(&self, span: Span) -> Diagnostic {
        Diagnostic::error(
            "too-deep",
            span,
            format!(
                "lists and mappings are nested more than {} levels deep",
                self.limits.max_depth
            ),
        )
        .with_help("a policy document needs only a few levels of nesting")
    }

    fn count_node(&mut self, span: Span) -> bool {
        self.nodes += 1;
        if self.nodes > self.limits.max_nodes {
            self.abort(
                Diagnostic::error(
                    "too-many-nodes",
                    span,
                    format!(
                        "the document has more than {} values",
                        self.limits.max_nodes
                    ),
                )
                .with_help("split the document"),
            );
            return false;
        }
        true
    }

    fn alias(&mut self, anchor: usize, span: Span) {
        let Some(kept) = self.anchors.get(&anchor) else {
            self.abort(Diagnostic::error(
                "syntax-error",
                span,
                "this alias refers to no anchor",
            ));
            return;
        };
        let size = kept.as_ref().map_or(usize::MAX, |(_, size)| *size);
        self.alias_nodes = self.alias_nodes.saturating_add(size);
        if self.alias_nodes > self.limits.max_alias_nodes
            || self.nodes.saturating_add(size) > self.limits.max_nodes
        {
            self.abort(
                Diagnostic::error(
                    "alias-limit",
                    span,
                    format!(
                        "aliases expand to more than {} values",
                        self.limits.max_alias_nodes
                    ),
                )
                .with_help(
                    "aliases that nest other aliases grow exponentially; write the values out",
                ),
            );
            return;
        }
        let Some(Some((node, _))) = self.anchors.get(&anchor) else {
            return;
        };
        let node = node.clone();
        self.nodes += size;
        self.push_value(node);
    }

    fn close(&mut self, end_span: Span) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        let (node, anchor, nodes_before) = match frame {
            Frame::Seq {
                start,
                end,
                anchor,
                nodes_before,
                items,
            } => {
                let last = items.last().map_or(end, |n| n.span.end);
                let end = if end_span.end > end_span.start {
                    end_span.end
                } else {
                    last.max(end)
                };
                (
                    Node {
                        kind: NodeKind::Seq(items),
                        span: Span::new(start, end),
                    },
                    anchor,
                    nodes_before,
                )
            }
            Frame::Map {
                start,
                end,
                anchor,
                nodes_before,
                entries,
                ..
            } => {
                let last = entries
                    .last()
                    .map_or(end, |e| e.value.span.end.max(e.key_span.end));
                let end = if end_span.end > end_span.start {
                    end_span.end
                } else {
                    last.max(end)
                };
                (
                    Node {
                        kind: NodeKind::Map(entries),
                        span: Span::new(start, end),
                    },
                    anchor,
                    nodes_before,
                )
            }
        };
        if anchor > 0 {
            let size = self.nodes.saturating_sub(nodes_before) + 1; // with itself
            self.keep_anchor(anchor, &node, size);
        }
        self.push_value(node);
    }

    fn push_value(&mut self, node: Node) {
        match self.frames.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries, key, seen, ..
            }) => match key.take() {
                None => {
                    let text = match &node.kind {
                        NodeKind::Str(s) => Some(s.clone()),
                        NodeKind::Seq(_) | NodeKind::Map(_) => None,
                        _ => self
                            .text
                            .get(node.span.start as usize..node.span.end as usize)
                            .map(str::to_string),
                    };
                    if text.is_none() {
                        self.diagnostics.push(
                            Diagnostic::error(
                                "complex-key",
                                node.span,
                                "a key must be a plain value, not a list or mapping",
                            )
                            .with_help("write keys as names, like `id:`"),
                        );
                    }
                    *key = Some(PendingKey {
                        key: text,
                        span: node.span,
                    });
                }
                Some(PendingKey {
                    key: Some(name),
                    span,
                }) => {
                    // Small mappings are scanned; large ones get an index.
                    if entries.len() == SMALL_MAP {
                        seen.extend(entries.iter().map(|e| (e.key.clone(), e.key_span)));
                    }
                    let first = if entries.len() < SMALL_MAP {
                        entries.iter().find(|e| e.key == name).map(|e| e.key_span)
                    } else {
                        seen.get(&name).copied()
                    };
                    if let Some(first) = first {
                        self.diagnostics.push(
                            Diagnostic::error(
                                "duplicate-key",
                                span,
                                format!("key `{name}` appears twice in this mapping"),
                            )
                            .with_help("remove one of them; only the first is used")
                            .with_label(first, "first given here"),
                        );
                    } else {
                        if entries.len() >= SMALL_MAP {
                            seen.insert(name.clone(), span);
                        }
                        entries.push(Entry {
                            key: name,
                            key_span: span,
                            value: node,
                        });
                    }
                }
                Some(PendingKey { key: None, .. }) => {}
            },
        }
    }

    fn next_char_end(&self, at: u32) -> u32 {
        let rest = self.text.get(at as usize..).unwrap_or("");
        match rest.chars().next() {
            Some('\n') | None => at,
            Some(c) => at + c.len_utf8() as u32,
        }
    }

    fn line_end(&self, at: u32) -> u32 {
        let rest = self.text.get(at as usize..).unwrap_or("");
        at + rest.find('\n').unwrap_or(rest.len()) as u32
    }
}
