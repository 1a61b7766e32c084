//! One way to read vendor objects whatever format wrote them: a [`View`]
//! over a YAML/JSON tree node, an evaluated Terraform value, or a Terraform
//! body (attributes and nested blocks), and an [`Obj`] that reads a
//! mapping key by key and reports every key it did not read.
//!
//! Importers whose formats share field names (Grafana OnCall's API and its
//! Terraform provider, AWS's CloudFormation and the `awscc` provider) read
//! each vendor object once, through views, into the vendor's intermediate.
//! Every value keeps its place ([`Loc`]), so every diagnostic points into
//! the source file.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Span};
use crate::document::{Node, NodeKind};
use crate::import::terraform::{self, Block, Body, Kind, Source, Value};
use crate::import::FileDiagnostic;

/// A place in one of the import's files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Loc {
    /// Index of the file in the import's list.
    pub file: usize,
    pub span: Span,
}

impl Loc {
    /// A place in file `file`.
    pub fn new(file: usize, span: Span) -> Loc {
        Loc { file, span }
    }
}

/// A field of a vendor object: absent, written but not known (a Terraform
/// value that needs a variable or a provider's attribute: already
/// reported), or known, with where it was written.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Field<T> {
    #[default]
    Absent,
    /// Not known; already reported.
    Unknown(Loc),
    Known(T, Loc),
}

impl<T> Field<T> {
    /// The value and its place, when known.
    pub fn known(&self) -> Option<(&T, Loc)> {
        match self {
            Field::Known(v, at) => Some((v, *at)),
            _ => None,
        }
    }

    /// The value, when known.
    pub fn value(&self) -> Option<&T> {
        self.known().map(|(v, _)| v)
    }

    /// Where it was written (known or not).
    pub fn loc(&self) -> Option<Loc> {
        match self {
            Field::Absent => None,
            Field::Unknown(at) | Field::Known(_, at) => Some(*at),
        }
    }

    /// Whether it is written but not known.
    pub fn is_unknown(&self) -> bool {
        matches!(self, Field::Unknown(_))
    }

    /// Whether it is absent.
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    /// The same field with its value changed.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Field<U> {
        match self {
            Field::Absent => Field::Absent,
            Field::Unknown(at) => Field::Unknown(at),
            Field::Known(v, at) => Field::Known(f(v), at),
        }
    }
}

/// Diagnostics gathered while reading.
#[derive(Debug, Default)]
pub struct Diags(pub Vec<FileDiagnostic>);

impl Diags {
    /// Records `d` about file `file`.
    pub fn push(&mut self, file: usize, d: Diagnostic) {
        self.0.push(FileDiagnostic::new(file, d));
    }

    /// Records `d`, whose span is replaced by `at`'s.
    pub fn at(&mut self, at: Loc, mut d: Diagnostic) {
        d.span = at.span;
        self.0.push(FileDiagnostic::new(at.file, d));
    }
}

/// A value as the formats give it, with the place it was written.
#[derive(Clone, Debug)]
pub enum View<'a> {
    /// A YAML/JSON node of file `file`.
    Node { node: &'a Node, file: usize },
    /// An evaluated Terraform value; `at` is where the attribute holding it
    /// was written (a `--var` value has no place of its own).
    Value { value: &'a Value, at: Loc },
    /// A Terraform body: its attributes and blocks are the object's keys.
    Body { body: &'a Body, at: Loc },
    /// Nested Terraform blocks of one type: a list of bodies.
    Blocks { blocks: Vec<&'a Block>, at: Loc },
    /// A node of a CloudFormation template, whose intrinsic functions
    /// (`!Ref`, `!GetAtt`, `{"Fn::GetAtt": ...}`) are read with `cfn`.
    Cfn {
        node: &'a Node,
        file: usize,
        cfn: &'a Cfn,
    },
}

/// What a CloudFormation template's intrinsic functions refer to: its
/// resources' logical ids and its parameters' values.
#[derive(Clone, Debug, Default)]
pub struct Cfn {
    /// The template's text (short-form tags such as `!GetAtt` are not kept
    /// in the tree: they are read from the text before a node).
    pub text: String,
    pub resources: BTreeSet<String>,
    /// Each parameter's value (its `Default`, or the `--var` given), or
    /// `None` when it has none.
    pub params: BTreeMap<String, Option<String>>,
}

/// A CloudFormation intrinsic function at a node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Intrinsic {
    /// `!Ref X`, `{"Ref": "X"}`.
    Ref(String),
    /// `!GetAtt X.Arn`, `{"Fn::GetAtt": ["X", "Arn"]}`.
    GetAtt(String, String),
    /// Any other function, by name (`Fn::Sub`).
    Other(String),
}

/// The short-form tag written just before byte `start` (`!GetAtt`), if any.
pub fn tag_before(text: &str, start: usize) -> Option<&str> {
    // The parser may start a tagged node's span at its tag.
    if let Some(rest) = text.get(start..) {
        if rest.starts_with('!') && !rest.starts_with("!!") {
            // Bounded work: a tag is a short word.
            let end = rest
                .char_indices()
                .take(64)
                .find(|(_, c)| matches!(c, ' ' | '\t' | '\r' | '\n' | '[' | '{'))
                .map_or(rest.len().min(64), |(i, _)| i);
            return rest.get(..end).filter(|t| t.len() > 1);
        }
    }
    let bytes = text.as_bytes();
    let mut i = start.min(bytes.len());
    // Bounded work: a tag is within a few hundred bytes of its node.
    let floor = i.saturating_sub(256);
    while i > floor && matches!(bytes[i - 1], b' ' | b'\t' | b'\r' | b'\n') {
        i -= 1;
    }
    let end = i;
    while i > floor
        && !matches!(
            bytes[i - 1],
            b' ' | b'\t' | b'\r' | b'\n' | b':' | b'-' | b'[' | b'{' | b','
        )
    {
        i -= 1;
    }
    let token = text.get(i..end)?;
    (token.starts_with('!') && token.len() > 1 && !token.starts_with("!!")).then_some(token)
}

impl Cfn {
    /// The intrinsic function at `node`, if it is one.
    pub fn intrinsic(&self, node: &Node) -> Option<Intrinsic> {
        if let Some(tag) = tag_before(&self.text, node.span.start as usize) {
            let name = tag.trim_start_matches('!');
            return Some(match (name, &node.kind) {
                ("Ref", NodeKind::Str(s)) => Intrinsic::Ref(s.clone()),
                ("GetAtt", NodeKind::Str(s)) => match s.split_once('.') {
                    Some((r, a)) => Intrinsic::GetAtt(r.to_string(), a.to_string()),
                    None => Intrinsic::GetAtt(s.clone(), String::new()),
                },
                ("GetAtt", NodeKind::Seq(items)) => Intrinsic::GetAtt(
                    items
                        .first()
                        .and_then(Node::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    items
                        .get(1)
                        .and_then(Node::as_str)
                        .unwrap_or_default()
                        .to_string(),
                ),
                _ => Intrinsic::Other(format!("Fn::{name}")),
            });
        }
        let entries = node.as_map()?;
        let [only] = entries else {
            return None;
        };
        match only.key.as_str() {
            "Ref" => Some(Intrinsic::Ref(
                only.value.as_str().unwrap_or_default().to_string(),
            )),
            "Fn::GetAtt" => Some(match &only.value.kind {
                NodeKind::Seq(items) => Intrinsic::GetAtt(
                    items
                        .first()
                        .and_then(Node::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    items
                        .get(1)
                        .and_then(Node::as_str)
                        .unwrap_or_default()
                        .to_string(),
                ),
                NodeKind::Str(s) => match s.split_once('.') {
                    Some((r, a)) => Intrinsic::GetAtt(r.to_string(), a.to_string()),
                    None => Intrinsic::GetAtt(s.clone(), String::new()),
                },
                _ => Intrinsic::Other("Fn::GetAtt".to_string()),
            }),
            k if k.starts_with("Fn::") || k == "Condition" => Some(Intrinsic::Other(k.to_string())),
            _ => None,
        }
    }

    /// The scalar an intrinsic function gives: a reference to a resource,
    /// a parameter's value, or not known.
    fn scalar_of(&self, f: &Intrinsic) -> Scalar {
        match f {
            Intrinsic::Ref(name) => match self.params.get(name) {
                Some(Some(v)) => Scalar::Str(v.clone()),
                Some(None) => Scalar::Unknown,
                None if name.starts_with("AWS::") => Scalar::Unknown,
                None => Scalar::Ref {
                    address: name.clone(),
                    attribute: String::new(),
                },
            },
            Intrinsic::GetAtt(r, a) => Scalar::Ref {
                address: r.clone(),
                attribute: a.clone(),
            },
            Intrinsic::Other(_) => Scalar::Unknown,
        }
    }
}

/// A scalar as the formats give it.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    /// A reference to a Terraform resource (`aws_x.y`, attribute `arn`).
    Ref {
        address: String,
        attribute: String,
    },
    /// A Terraform value not known (a variable without value, ...).
    Unknown,
    /// A list or mapping.
    Collection,
}

impl<'a> View<'a> {
    /// The view of a tree node.
    pub fn node(node: &'a Node, file: usize) -> View<'a> {
        View::Node { node, file }
    }

    /// The view of a Terraform attribute's value.
    pub fn attribute(a: &'a terraform::Attribute) -> View<'a> {
        View::Value {
            value: &a.value,
            at: Loc::new(a.file, a.span),
        }
    }

    /// Where it was written.
    pub fn loc(&self) -> Loc {
        match self {
            View::Node { node, file } => Loc::new(*file, node.span),
            View::Value { value, at } => match value.source {
                Source::File { file, span } => Loc::new(file, span),
                Source::Var { .. } => *at,
            },
            View::Body { at, .. } | View::Blocks { at, .. } => *at,
            View::Cfn { node, file, .. } => Loc::new(*file, node.span),
        }
    }

    /// The scalar it holds ([`Scalar::Collection`] for lists and mappings).
    pub fn scalar(&self) -> Scalar {
        match self {
            View::Node { node, .. } => match &node.kind {
                NodeKind::Null => Scalar::Null,
                NodeKind::Bool(b) => Scalar::Bool(*b),
                NodeKind::Int(n) => Scalar::Int(*n),
                NodeKind::Float(f) => Scalar::Float(*f),
                NodeKind::Str(s) => Scalar::Str(s.clone()),
                NodeKind::Seq(_) | NodeKind::Map(_) => Scalar::Collection,
            },
            View::Value { value, .. } => match &value.kind {
                Kind::Null => Scalar::Null,
                Kind::Bool(b) => Scalar::Bool(*b),
                Kind::Number(n) => match value.as_i64() {
                    Some(i) => Scalar::Int(i),
                    None => Scalar::Float(*n),
                },
                Kind::String(s) => Scalar::Str(s.clone()),
                Kind::Ref { address, attribute } => Scalar::Ref {
                    address: address.clone(),
                    attribute: attribute.clone(),
                },
                Kind::Unknown { .. } | Kind::Error => Scalar::Unknown,
                Kind::List(_) | Kind::Set(_) | Kind::Map(_) => Scalar::Collection,
            },
            View::Body { .. } | View::Blocks { .. } => Scalar::Collection,
            View::Cfn { node, file, cfn } => match cfn.intrinsic(node) {
                Some(f) => cfn.scalar_of(&f),
                None => View::node(node, *file).scalar(),
            },
        }
    }

    /// Whether it is null (or an empty Terraform value).
    pub fn is_null(&self) -> bool {
        self.scalar() == Scalar::Null
    }

    /// A short name of its type for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            View::Node { node, .. } => node.type_name(),
            View::Value { value, .. } => match value.kind {
                Kind::List(_) | Kind::Set(_) => "a list",
                Kind::Map(_) => "a mapping",
                Kind::String(_) => "a string",
                Kind::Number(_) => "a number",
                Kind::Bool(_) => "a boolean",
                Kind::Null => "nothing (null)",
                _ => "a value not known",
            },
            View::Body { .. } => "a block",
            View::Blocks { .. } => "blocks",
            View::Cfn { node, cfn, .. } => match cfn.intrinsic(node) {
                Some(_) => "a CloudFormation function",
                None => node.type_name(),
            },
        }
    }

    /// The items of a list (Terraform blocks of one type are a list; a
    /// single mapping or block counts as a list of one). `None` for scalars.
    pub fn items(&self) -> Option<Vec<View<'a>>> {
        match self {
            View::Node { node, file } => match &node.kind {
                NodeKind::Seq(items) => Some(items.iter().map(|n| View::node(n, *file)).collect()),
                NodeKind::Map(_) => Some(vec![self.clone()]),
                NodeKind::Null => Some(Vec::new()),
                _ => None,
            },
            View::Value { value, at } => match &value.kind {
                Kind::List(items) | Kind::Set(items) => Some(
                    items
                        .iter()
                        .map(|v| View::Value { value: v, at: *at })
                        .collect(),
                ),
                Kind::Map(_) => Some(vec![self.clone()]),
                Kind::Null => Some(Vec::new()),
                _ => None,
            },
            View::Body { .. } => Some(vec![self.clone()]),
            View::Blocks { blocks, .. } => Some(
                blocks
                    .iter()
                    .map(|b| View::Body {
                        body: &b.body,
                        at: Loc::new(b.file, b.span),
                    })
                    .collect(),
            ),
            View::Cfn { node, file, cfn } => {
                if cfn.intrinsic(node).is_some() {
                    return None;
                }
                match &node.kind {
                    NodeKind::Seq(items) => Some(
                        items
                            .iter()
                            .map(|n| View::Cfn {
                                node: n,
                                file: *file,
                                cfn,
                            })
                            .collect(),
                    ),
                    NodeKind::Map(_) => Some(vec![self.clone()]),
                    NodeKind::Null => Some(Vec::new()),
                    _ => None,
                }
            }
        }
    }

    /// The entries of a mapping: key, the key's place, value. `None` for
    /// anything else (a list of one Terraform block is its block).
    pub fn entries(&self) -> Option<Vec<(String, Loc, View<'a>)>> {
        match self {
            View::Node { node, file } => node.as_map().map(|entries| {
                entries
                    .iter()
                    .map(|e| {
                        (
                            e.key.clone(),
                            Loc::new(*file, e.key_span),
                            View::node(&e.value, *file),
                        )
                    })
                    .collect()
            }),
            View::Value { value, at } => match &value.kind {
                Kind::Map(map) => Some(
                    map.iter()
                        .map(|(k, v)| {
                            let view = View::Value { value: v, at: *at };
                            let loc = view.loc();
                            (k.clone(), loc, view)
                        })
                        .collect(),
                ),
                _ => None,
            },
            View::Body { body, .. } => {
                let mut out: Vec<(String, Loc, View<'a>)> = body
                    .attributes
                    .iter()
                    .map(|a| {
                        (
                            a.name.clone(),
                            Loc::new(a.file, a.name_span),
                            View::attribute(a),
                        )
                    })
                    .collect();
                let mut kinds: BTreeMap<&str, Vec<&'a Block>> = BTreeMap::new();
                let mut order: Vec<&str> = Vec::new();
                for b in &body.blocks {
                    if !kinds.contains_key(b.kind.as_str()) {
                        order.push(&b.kind);
                    }
                    kinds.entry(&b.kind).or_default().push(b);
                }
                for kind in order {
                    let blocks = kinds.remove(kind).unwrap_or_default();
                    let Some(first) = blocks.first() else {
                        continue;
                    };
                    let at = Loc::new(first.file, first.span);
                    out.push((kind.to_string(), at, View::Blocks { blocks, at }));
                }
                Some(out)
            }
            View::Cfn { node, file, cfn } => {
                if cfn.intrinsic(node).is_some() {
                    return None;
                }
                node.as_map().map(|entries| {
                    entries
                        .iter()
                        .map(|e| {
                            (
                                e.key.clone(),
                                Loc::new(*file, e.key_span),
                                View::Cfn {
                                    node: &e.value,
                                    file: *file,
                                    cfn,
                                },
                            )
                        })
                        .collect()
                })
            }
            View::Blocks { blocks, .. } => match blocks.as_slice() {
                [one] => View::Body {
                    body: &one.body,
                    at: Loc::new(one.file, one.span),
                }
                .entries(),
                _ => None,
            },
        }
    }

    /// The Terraform value, when the view is one.
    pub fn terraform_value(&self) -> Option<&'a Value> {
        match self {
            View::Value { value, .. } => Some(value),
            _ => None,
        }
    }
}

/// The text of a scalar for messages (at most 60 characters).
pub fn shown(s: &Scalar) -> String {
    match s {
        Scalar::Null => "null".to_string(),
        Scalar::Bool(b) => b.to_string(),
        Scalar::Int(n) => n.to_string(),
        Scalar::Float(f) => f.to_string(),
        Scalar::Str(s) => s.chars().take(60).collect(),
        Scalar::Ref { address, attribute } if attribute.is_empty() => address.clone(),
        Scalar::Ref { address, attribute } => format!("{address}.{attribute}"),
        Scalar::Unknown => "(not known)".to_string(),
        Scalar::Collection => "(a collection)".to_string(),
    }
}

/// A mapping being read key by key: the keys read are marked, and
/// [`Obj::finish`] reports the others at their spans.
pub struct Obj<'a> {
    pub view: View<'a>,
    entries: Vec<(String, Loc, View<'a>)>,
    used: Vec<bool>,
}

impl<'a> Obj<'a> {
    /// The mapping `view`, or `None` (reported as `what`) when it is not one.
    pub fn new(view: View<'a>, what: &str, diags: &mut Diags) -> Option<Obj<'a>> {
        match view.entries() {
            Some(entries) => {
                let used = vec![false; entries.len()];
                Some(Obj {
                    view,
                    entries,
                    used,
                })
            }
            None => {
                let at = view.loc();
                diags.push(
                    at.file,
                    Diagnostic::warning(
                        "import-wrong-type",
                        at.span,
                        format!(
                            "expected {what} (a mapping), found {}; not imported",
                            view.type_name()
                        ),
                    ),
                );
                None
            }
        }
    }

    /// Where the object is.
    pub fn loc(&self) -> Loc {
        self.view.loc()
    }

    /// The place of its first key (or of the object), to point at it.
    pub fn head(&self) -> Loc {
        match &self.view {
            View::Body { at, .. } | View::Blocks { at, .. } => *at,
            _ => self.entries.first().map_or(self.loc(), |e| e.1),
        }
    }

    /// The value of `key`, marked as read; `None` when absent or null.
    pub fn get(&mut self, key: &str) -> Option<View<'a>> {
        let i = self.entries.iter().position(|e| e.0 == key)?;
        self.used[i] = true;
        let v = self.entries[i].2.clone();
        (!v.is_null()).then_some(v)
    }

    /// The value of the first of `keys` present.
    pub fn get_any(&mut self, keys: &[&str]) -> Option<View<'a>> {
        keys.iter().find_map(|k| self.get(k))
    }

    /// Whether `key` is present (with any value), not marking it.
    pub fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|e| e.0 == key)
    }

    /// The place of `key` itself.
    pub fn key_loc(&self, key: &str) -> Option<Loc> {
        self.entries.iter().find(|e| e.0 == key).map(|e| e.1)
    }

    /// Marks keys as read without reading them.
    pub fn skip(&mut self, keys: &[&str]) {
        for (i, e) in self.entries.iter().enumerate() {
            if keys.contains(&e.0.as_str()) {
                self.used[i] = true;
            }
        }
    }

    /// The keys not read yet, with their places and values.
    pub fn unread(&self) -> Vec<(String, Loc, View<'a>)> {
        self.entries
            .iter()
            .zip(&self.used)
            .filter(|(_, u)| !**u)
            .map(|(e, _)| e.clone())
            .collect()
    }

    /// Reports every key not read (null and empty values aside) in one
    /// info at the first: "not imported: `a`, `b` (why)".
    pub fn finish(self, diags: &mut Diags, why: &str) {
        let unused: Vec<&(String, Loc, View<'a>)> = self
            .entries
            .iter()
            .zip(&self.used)
            .filter(|(e, u)| !**u && !is_empty(&e.2))
            .map(|(e, _)| e)
            .collect();
        let Some(first) = unused.first() else {
            return;
        };
        let names: Vec<String> = unused.iter().map(|e| format!("`{}`", e.0)).collect();
        let mut d = Diagnostic::info(
            "import-not-imported",
            first.1.span,
            format!("not imported: {} ({why})", names.join(", ")),
        );
        for e in unused.iter().skip(1) {
            if e.1.file == first.1.file {
                d = d.with_label(e.1.span, "not imported");
            }
        }
        diags.push(first.1.file, d);
    }

    /// The first of `keys` present (with any value).
    fn first_of<'k>(&self, keys: &[&'k str]) -> Option<&'k str> {
        keys.iter().copied().find(|k| self.has(k))
    }

    /// [`Obj::str`] of the first of `keys` present.
    pub fn str_any(&mut self, keys: &[&str], what: &str, diags: &mut Diags) -> Field<String> {
        match self.first_of(keys) {
            Some(k) => self.str(k, what, diags),
            None => Field::Absent,
        }
    }

    /// [`Obj::reference`] of the first of `keys` present.
    pub fn reference_any(&mut self, keys: &[&str], what: &str, diags: &mut Diags) -> Field<String> {
        match self.first_of(keys) {
            Some(k) => self.reference(k, what, diags),
            None => Field::Absent,
        }
    }

    /// [`Obj::int`] of the first of `keys` present.
    pub fn int_any(&mut self, keys: &[&str], what: &str, diags: &mut Diags) -> Field<i64> {
        match self.first_of(keys) {
            Some(k) => self.int(k, what, diags),
            None => Field::Absent,
        }
    }

    /// [`Obj::bool`] of the first of `keys` present.
    pub fn bool_any(&mut self, keys: &[&str], what: &str, diags: &mut Diags) -> Field<bool> {
        match self.first_of(keys) {
            Some(k) => self.bool(k, what, diags),
            None => Field::Absent,
        }
    }

    /// [`Obj::strings`] of the first of `keys` present.
    pub fn strings_any(
        &mut self,
        keys: &[&str],
        what: &str,
        diags: &mut Diags,
    ) -> Field<Vec<(String, Loc)>> {
        match self.first_of(keys) {
            Some(k) => self.strings(k, what, diags),
            None => Field::Absent,
        }
    }

    /// [`Obj::list`] of the first of `keys` present.
    pub fn list_any(
        &mut self,
        keys: &[&str],
        what: &str,
        diags: &mut Diags,
    ) -> Option<(Vec<View<'a>>, Loc)> {
        let k = self.first_of(keys)?;
        self.list(k, what, diags)
    }

    /// A string (numbers and booleans read as their text). A Terraform
    /// reference or unknown value is reported (as `what`) and unknown.
    pub fn str(&mut self, key: &str, what: &str, diags: &mut Diags) -> Field<String> {
        match self.get(key) {
            None => Field::Absent,
            Some(v) => string(&v, &format!("`{key}` of {what}"), diags),
        }
    }

    /// A reference to another object: its id as a string, or the Terraform
    /// address of the resource it names.
    pub fn reference(&mut self, key: &str, what: &str, diags: &mut Diags) -> Field<String> {
        match self.get(key) {
            None => Field::Absent,
            Some(v) => reference(&v, &format!("`{key}` of {what}"), diags),
        }
    }

    /// A whole number (a numeric string or a float with no fraction too).
    pub fn int(&mut self, key: &str, what: &str, diags: &mut Diags) -> Field<i64> {
        match self.get(key) {
            None => Field::Absent,
            Some(v) => int(&v, &format!("`{key}` of {what}"), diags),
        }
    }

    /// A number (whole or not).
    pub fn number(&mut self, key: &str, what: &str, diags: &mut Diags) -> Field<f64> {
        match self.get(key) {
            None => Field::Absent,
            Some(v) => number(&v, &format!("`{key}` of {what}"), diags),
        }
    }

    /// A boolean (`"true"`/`"false"` strings accepted).
    pub fn bool(&mut self, key: &str, what: &str, diags: &mut Diags) -> Field<bool> {
        match self.get(key) {
            None => Field::Absent,
            Some(v) => boolean(&v, &format!("`{key}` of {what}"), diags),
        }
    }

    /// The items of a list (a single object counts as a list of one).
    pub fn list(
        &mut self,
        key: &str,
        what: &str,
        diags: &mut Diags,
    ) -> Option<(Vec<View<'a>>, Loc)> {
        let v = self.get(key)?;
        let at = v.loc();
        match v.items() {
            Some(items) => Some((items, at)),
            None => {
                if !report_unknown(&v, &format!("`{key}` of {what}"), diags) {
                    diags.push(
                        at.file,
                        Diagnostic::error(
                            "import-wrong-type",
                            at.span,
                            format!(
                                "`{key}` of {what} should be a list, found {}",
                                v.type_name()
                            ),
                        ),
                    );
                }
                None
            }
        }
    }

    /// A list of strings (or references), each with its place.
    pub fn strings(
        &mut self,
        key: &str,
        what: &str,
        diags: &mut Diags,
    ) -> Field<Vec<(String, Loc)>> {
        let Some(v) = self.get(key) else {
            return Field::Absent;
        };
        strings(&v, &format!("`{key}` of {what}"), diags)
    }
}

/// Whether a value is null or an empty collection (nothing to report).
fn is_empty(v: &View<'_>) -> bool {
    if v.is_null() {
        return true;
    }
    match v {
        View::Node { node, .. } => match &node.kind {
            NodeKind::Seq(i) => i.is_empty(),
            NodeKind::Map(e) => e.is_empty(),
            NodeKind::Str(s) => s.is_empty(),
            _ => false,
        },
        View::Value { value, .. } => match &value.kind {
            Kind::List(i) | Kind::Set(i) => i.is_empty(),
            Kind::Map(m) => m.is_empty(),
            _ => false,
        },
        View::Cfn { node, file, .. } => is_empty(&View::node(node, *file)),
        _ => false,
    }
}

/// Reports a Terraform value that is not known; `true` when it was one.
pub fn report_unknown(v: &View<'_>, what: &str, diags: &mut Diags) -> bool {
    if let View::Cfn { node, file, cfn } = v {
        let Some(f) = cfn.intrinsic(node) else {
            return false;
        };
        if cfn.scalar_of(&f) != Scalar::Unknown {
            return false;
        }
        let d = match &f {
            Intrinsic::Ref(name) if name.starts_with("AWS::") => Diagnostic::error(
                "unknown-value",
                node.span,
                format!("{what} is `{name}`, which only CloudFormation knows when it deploys"),
            )
            .with_help("write the value itself"),
            Intrinsic::Ref(name) => Diagnostic::error(
                "unknown-value",
                node.span,
                format!("parameter `{name}` has no value: {what} cannot be known"),
            )
            .with_help(format!("pass `--var {name}=...`, or give the parameter a `Default`")),
            _ => Diagnostic::error(
                "unknown-value",
                node.span,
                format!("{what} is computed by a CloudFormation function the importer does not evaluate"),
            )
            .with_help("write the value itself, or use `!Ref` or `!GetAtt`"),
        };
        diags.push(*file, d);
        return true;
    }
    let View::Value { value, at } = v else {
        return false;
    };
    match &value.kind {
        Kind::Error => true,
        Kind::Unknown { .. } => {
            let example = if what.contains("start") || what.contains("time") {
                Some("2026-03-02T09:00:00Z")
            } else {
                None
            };
            diags.0.push(terraform::unknown_diagnostic(
                value,
                what,
                example,
                (at.file, at.span),
            ));
            true
        }
        _ => {
            if value.is_wholly_known() {
                return false;
            }
            // A collection with something unknown inside: the first such part.
            let inner = match &value.kind {
                Kind::List(items) | Kind::Set(items) => items.iter().find(|i| !i.is_wholly_known()),
                Kind::Map(map) => map.values().find(|i| !i.is_wholly_known()),
                _ => None,
            };
            match inner {
                Some(i) if !matches!(i.kind, Kind::Ref { .. }) => {
                    report_unknown(&View::Value { value: i, at: *at }, what, diags)
                }
                _ => false,
            }
        }
    }
}

/// A string (numbers and booleans as their text).
pub fn string(v: &View<'_>, what: &str, diags: &mut Diags) -> Field<String> {
    let at = v.loc();
    match v.scalar() {
        Scalar::Null => Field::Absent,
        Scalar::Str(s) => Field::Known(s, at),
        Scalar::Int(n) => Field::Known(n.to_string(), at),
        Scalar::Float(f) => Field::Known(f.to_string(), at),
        Scalar::Bool(b) => Field::Known(b.to_string(), at),
        Scalar::Ref { address, attribute } => {
            diags.push(
                at.file,
                Diagnostic::error(
                    "unknown-value",
                    at.span,
                    format!("{what} is `{address}.{attribute}`, which only the provider knows once Terraform applies"),
                )
                .with_help("write the value itself"),
            );
            Field::Unknown(at)
        }
        Scalar::Unknown => {
            report_unknown(v, what, diags);
            Field::Unknown(at)
        }
        Scalar::Collection => {
            diags.push(
                at.file,
                Diagnostic::error(
                    "import-wrong-type",
                    at.span,
                    format!("{what} should be a string, found {}", v.type_name()),
                ),
            );
            Field::Unknown(at)
        }
    }
}

/// A reference: a string id, or a Terraform resource's address.
pub fn reference(v: &View<'_>, what: &str, diags: &mut Diags) -> Field<String> {
    match v.scalar() {
        Scalar::Ref { address, .. } => Field::Known(address, v.loc()),
        _ => string(v, what, diags),
    }
}

/// A whole number.
pub fn int(v: &View<'_>, what: &str, diags: &mut Diags) -> Field<i64> {
    let at = v.loc();
    let n = match v.scalar() {
        Scalar::Null => return Field::Absent,
        Scalar::Int(n) => Some(n),
        Scalar::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(f as i64),
        Scalar::Str(s) => s.trim().parse::<i64>().ok(),
        Scalar::Unknown | Scalar::Ref { .. } => {
            if !report_unknown(v, what, diags) {
                let _ = string(v, what, diags);
            }
            return Field::Unknown(at);
        }
        _ => None,
    };
    match n {
        Some(n) => Field::Known(n, at),
        None => {
            diags.push(
                at.file,
                Diagnostic::error(
                    "import-wrong-type",
                    at.span,
                    format!("{what} should be a whole number, found {}", v.type_name()),
                ),
            );
            Field::Unknown(at)
        }
    }
}

/// A number.
pub fn number(v: &View<'_>, what: &str, diags: &mut Diags) -> Field<f64> {
    let at = v.loc();
    let n = match v.scalar() {
        Scalar::Null => return Field::Absent,
        Scalar::Int(n) => Some(n as f64),
        Scalar::Float(f) if f.is_finite() => Some(f),
        Scalar::Str(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
        Scalar::Unknown | Scalar::Ref { .. } => {
            if !report_unknown(v, what, diags) {
                let _ = string(v, what, diags);
            }
            return Field::Unknown(at);
        }
        _ => None,
    };
    match n {
        Some(n) => Field::Known(n, at),
        None => {
            diags.push(
                at.file,
                Diagnostic::error(
                    "import-wrong-type",
                    at.span,
                    format!("{what} should be a number, found {}", v.type_name()),
                ),
            );
            Field::Unknown(at)
        }
    }
}

/// A boolean.
pub fn boolean(v: &View<'_>, what: &str, diags: &mut Diags) -> Field<bool> {
    let at = v.loc();
    match v.scalar() {
        Scalar::Null => Field::Absent,
        Scalar::Bool(b) => Field::Known(b, at),
        Scalar::Str(s) if s == "true" || s == "false" => Field::Known(s == "true", at),
        Scalar::Unknown | Scalar::Ref { .. } => {
            if !report_unknown(v, what, diags) {
                let _ = string(v, what, diags);
            }
            Field::Unknown(at)
        }
        _ => {
            diags.push(
                at.file,
                Diagnostic::error(
                    "import-wrong-type",
                    at.span,
                    format!("{what} should be true or false, found {}", v.type_name()),
                ),
            );
            Field::Unknown(at)
        }
    }
}

/// A list of strings or references, each with its place; a single string
/// counts as a list of one.
pub fn strings(v: &View<'_>, what: &str, diags: &mut Diags) -> Field<Vec<(String, Loc)>> {
    let at = v.loc();
    let items = match v.items() {
        Some(items) => items,
        None => match v.scalar() {
            Scalar::Str(_) | Scalar::Ref { .. } => vec![v.clone()],
            Scalar::Null => return Field::Absent,
            _ => {
                if !report_unknown(v, what, diags) {
                    diags.push(
                        at.file,
                        Diagnostic::error(
                            "import-wrong-type",
                            at.span,
                            format!("{what} should be a list, found {}", v.type_name()),
                        ),
                    );
                }
                return Field::Unknown(at);
            }
        },
    };
    let mut out = Vec::with_capacity(items.len());
    let mut unknown = false;
    for item in &items {
        match reference(item, what, diags) {
            Field::Known(s, loc) => out.push((s, loc)),
            Field::Unknown(_) => unknown = true,
            Field::Absent => {}
        }
    }
    if unknown && out.is_empty() {
        Field::Unknown(at)
    } else {
        Field::Known(out, at)
    }
}
