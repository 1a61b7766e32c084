//! Reading YAML/JSON objects (API JSON, module YAML) with every key
//! accounted for: keys read are marked, and the rest are reported once per
//! object as "not imported".

use crate::diagnostic::Diagnostic;
use crate::document::{Entry, Node, NodeKind};

use super::og::{At, F};
use super::Diags;

/// A mapping being read.
pub struct Obj<'n> {
    pub node: &'n Node,
    pub file: usize,
    entries: &'n [Entry],
    used: Vec<bool>,
}

impl<'n> Obj<'n> {
    /// The mapping `node`, or `None` (reported) when it is something else.
    pub fn new(node: &'n Node, file: usize, what: &str, diags: &mut Diags) -> Option<Obj<'n>> {
        match node.as_map() {
            Some(entries) => Some(Obj {
                node,
                file,
                entries,
                used: vec![false; entries.len()],
            }),
            None => {
                diags.push(
                    file,
                    Diagnostic::warning(
                        "import-wrong-type",
                        node.span,
                        format!(
                            "expected {what} (a mapping), found {}; not imported",
                            node.type_name()
                        ),
                    ),
                );
                None
            }
        }
    }

    pub fn at(&self) -> At {
        At::new(self.file, self.node.span)
    }

    /// The span of the object's first key (or of the object).
    pub fn head(&self) -> At {
        At::new(
            self.file,
            self.entries.first().map_or(self.node.span, |e| e.key_span),
        )
    }

    /// The value of `key`, marked as read. A `null` value is absent.
    pub fn get(&mut self, key: &str) -> Option<&'n Node> {
        let i = self.entries.iter().position(|e| e.key == key)?;
        self.used[i] = true;
        let node = &self.entries[i].value;
        (!matches!(node.kind, NodeKind::Null)).then_some(node)
    }

    /// The first of several spellings of a key that is present.
    pub fn get_any(&mut self, keys: &[&str]) -> Option<&'n Node> {
        keys.iter().find_map(|k| self.get(k))
    }

    /// Whether `key` is present (not marking it).
    pub fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|e| e.key == key)
    }

    /// The span of `key` itself.
    pub fn key_at(&self, key: &str) -> Option<At> {
        self.entries
            .iter()
            .find(|e| e.key == key)
            .map(|e| At::new(self.file, e.key_span))
    }

    /// Marks keys as read without reading them (transport metadata).
    pub fn skip(&mut self, keys: &[&str]) {
        for (i, e) in self.entries.iter().enumerate() {
            if keys.contains(&e.key.as_str()) {
                self.used[i] = true;
            }
        }
    }

    /// A string value (numbers are read as their text).
    pub fn str(&mut self, key: &str, diags: &mut Diags) -> Option<F<String>> {
        let file = self.file;
        let node = self.get(key)?;
        string(node, file, key, diags)
    }

    /// A whole number (a numeric string is accepted).
    pub fn int(&mut self, key: &str, diags: &mut Diags) -> Option<F<i64>> {
        let file = self.file;
        let node = self.get(key)?;
        int(node, file, key, diags)
    }

    /// A boolean (`"true"`/`"false"` strings accepted).
    pub fn bool(&mut self, key: &str, diags: &mut Diags) -> Option<F<bool>> {
        let file = self.file;
        let node = self.get(key)?;
        let at = At::new(file, node.span);
        match &node.kind {
            NodeKind::Bool(b) => Some(F::new(*b, at)),
            NodeKind::Str(s) if s == "true" || s == "false" => Some(F::new(s == "true", at)),
            _ => {
                diags.push(
                    file,
                    Diagnostic::error(
                        "import-wrong-type",
                        node.span,
                        format!(
                            "`{key}` should be true or false, found {}",
                            node.type_name()
                        ),
                    ),
                );
                None
            }
        }
    }

    /// A list (a single mapping counts as a list of one).
    pub fn list(&mut self, key: &str) -> Option<(Vec<&'n Node>, At)> {
        let file = self.file;
        let node = self.get(key)?;
        Some((as_list(node), At::new(file, node.span)))
    }

    /// Reports every key not read, in one info: "not imported: `a`, `b`".
    pub fn finish(self, diags: &mut Diags, why: &str) {
        let unused: Vec<&Entry> = self
            .entries
            .iter()
            .zip(&self.used)
            .filter(|(_, used)| !**used)
            .map(|(e, _)| e)
            .collect();
        let Some(first) = unused.first() else {
            return;
        };
        let names: Vec<String> = unused.iter().map(|e| format!("`{}`", e.key)).collect();
        let mut d = Diagnostic::info(
            "import-not-imported",
            first.key_span,
            format!("not imported: {} ({why})", names.join(", ")),
        );
        for e in unused.iter().skip(1) {
            d = d.with_label(e.key_span, "not imported");
        }
        diags.push(self.file, d);
    }
}

/// A node as a list: a sequence's items, or the node itself.
pub fn as_list(node: &Node) -> Vec<&Node> {
    match &node.kind {
        NodeKind::Seq(items) => items.iter().collect(),
        NodeKind::Null => Vec::new(),
        _ => vec![node],
    }
}

/// A string (or a number's text).
pub fn string(node: &Node, file: usize, key: &str, diags: &mut Diags) -> Option<F<String>> {
    let at = At::new(file, node.span);
    match &node.kind {
        NodeKind::Str(s) => Some(F::new(s.clone(), at)),
        NodeKind::Int(n) => Some(F::new(n.to_string(), at)),
        NodeKind::Bool(b) => Some(F::new(b.to_string(), at)),
        _ => {
            diags.push(
                file,
                Diagnostic::error(
                    "import-wrong-type",
                    node.span,
                    format!("`{key}` should be a string, found {}", node.type_name()),
                ),
            );
            None
        }
    }
}

/// A whole number (or a string holding one; a float with no fraction).
pub fn int(node: &Node, file: usize, key: &str, diags: &mut Diags) -> Option<F<i64>> {
    let at = At::new(file, node.span);
    let n = match &node.kind {
        NodeKind::Int(n) => Some(*n),
        NodeKind::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(*f as i64),
        NodeKind::Str(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    match n {
        Some(n) => Some(F::new(n, at)),
        None => {
            diags.push(
                file,
                Diagnostic::error(
                    "import-wrong-type",
                    node.span,
                    format!(
                        "`{key}` should be a whole number, found {}",
                        node.type_name()
                    ),
                ),
            );
            None
        }
    }
}

/// The span of a node as an [`At`].
pub fn at(node: &Node, file: usize) -> At {
    At::new(file, node.span)
}
