//! Id tables: every object's id collected before anything is built, so a
//! reference may point forward; unknown ids get the closest existing one.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Span};
use crate::document::Node;
use crate::model::Spanned;
use crate::suggest::did_you_mean;

use super::reader::Cx;

/// The ids of one kind of object, in document order.
pub(super) struct IdTable {
    /// Singular name for messages ("person").
    pub kind: &'static str,
    /// Where these objects are defined ("people").
    pub section: &'static str,
    index: HashMap<String, u32>,
    names: Vec<String>,
}

impl IdTable {
    /// Collects the ids of the objects listed under `section`, reporting
    /// duplicates (labelled with the first definition). Objects without a
    /// usable id are skipped here; building them reports why.
    pub fn collect(
        cx: &mut Cx,
        list: Option<&Node>,
        kind: &'static str,
        section: &'static str,
    ) -> IdTable {
        let mut table = IdTable {
            kind,
            section,
            index: HashMap::new(),
            names: Vec::new(),
        };
        let mut first: HashMap<String, Span> = HashMap::new();
        for item in list.and_then(Node::as_seq).unwrap_or(&[]) {
            let Some(id) = item.get("id") else { continue };
            let Some(name) = id.as_str() else { continue };
            if let Some(first_span) = first.get(name) {
                cx.push(
                    Diagnostic::error(
                        "duplicate-id",
                        id.span,
                        format!("{kind} id `{name}` is used twice"),
                    )
                    .with_help(format!("give each {kind} its own id"))
                    .with_label(*first_span, "first used here"),
                );
                continue;
            }
            first.insert(name.to_string(), id.span);
            table
                .index
                .insert(name.to_string(), table.names.len() as u32);
            table.names.push(name.to_string());
        }
        table
    }

    /// A table of ids already known (from a built model), in index order.
    pub fn from_names<'a>(
        kind: &'static str,
        section: &'static str,
        names: impl IntoIterator<Item = &'a str>,
    ) -> IdTable {
        let mut table = IdTable {
            kind,
            section,
            index: HashMap::new(),
            names: Vec::new(),
        };
        for name in names {
            table
                .index
                .insert(name.to_string(), table.names.len() as u32);
            table.names.push(name.to_string());
        }
        table
    }

    /// The index of an id, if it exists.
    pub fn find(&self, id: &str) -> Option<u32> {
        self.index.get(id).copied()
    }

    /// The index of a referenced id; an `unknown-reference` error otherwise.
    pub fn resolve(&self, cx: &mut Cx, id: &Spanned<String>) -> Option<u32> {
        if let Some(i) = self.find(&id.value) {
            return Some(i);
        }
        let mut d = Diagnostic::error(
            "unknown-reference",
            id.span,
            format!("unknown {} `{}`", self.kind, id.value),
        );
        d = match did_you_mean(&id.value, self.names.iter().map(String::as_str)) {
            Some(help) => d.with_help(help),
            None if self.names.is_empty() => d.with_help(format!(
                "no {} is defined; add it under `{}:`",
                self.kind, self.section
            )),
            None => d.with_help(format!("define it under `{}:`", self.section)),
        };
        cx.push(d);
        None
    }

    /// All ids, in document order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }
}
