//! Evaluated Terraform values, each with the place it was written.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use crate::diagnostic::Span;

/// Where a value was written: a byte range in one of the import's files, or
/// in the value of one `--var NAME=VALUE` pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// File number `file` of the import's list, bytes `span`.
    File { file: usize, span: Span },
    /// The `index`-th `--var` pair; `span` is a byte range into its `VALUE`
    /// (the text after the first `=`).
    Var { index: usize, span: Span },
}

impl Source {
    /// The byte range (into the file, or into the `--var` value).
    pub fn span(self) -> Span {
        match self {
            Source::File { span, .. } | Source::Var { span, .. } => span,
        }
    }

    /// The file index, unless the value came from a `--var`.
    pub fn file(self) -> Option<usize> {
        match self {
            Source::File { file, .. } => Some(file),
            Source::Var { .. } => None,
        }
    }

    /// The same place with another span.
    pub(crate) fn with_span(self, span: Span) -> Source {
        match self {
            Source::File { file, .. } => Source::File { file, span },
            Source::Var { index, .. } => Source::Var { index, span },
        }
    }
}

/// An evaluated value and where it was written.
///
/// A literal keeps the span of its text (a variable's value points into
/// `terraform.tfvars` or the `variable` default, wherever it is used); a
/// computed value (an operator, a function, a template) the span of the
/// expression that computed it.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub kind: Kind,
    pub source: Source,
}

/// What a value is.
///
/// Terraform's tuples are [`Kind::List`] and its objects are [`Kind::Map`]:
/// both iterate in the same order (map keys in lexical order). Numbers are
/// `f64` (Terraform's are arbitrary precision; integers up to 2^53 are exact).
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Value>),
    /// A set: sorted as Terraform iterates it (strings lexically, numbers by
    /// value) and without duplicates.
    Set(Vec<Value>),
    /// A map or object, keys in lexical order.
    Map(BTreeMap<String, Value>),
    /// A reference to a resource, data source or one of their attributes,
    /// known only to the provider (`pagerduty_user.alice.id`): never guessed.
    Ref {
        /// The instance's address as Terraform prints it:
        /// `pagerduty_user.alice`, `opsgenie_team.t["sre"]`,
        /// `data.pagerduty_user.bob`, `module.m.aws_x.y[0]`.
        address: String,
        /// The attribute path after it (`id`, `layer[0].id`), empty for the
        /// whole object.
        attribute: String,
    },
    /// Not known: it depends on root variables that have no value (`needs`,
    /// their names, sorted), or, with `needs` empty, on something known only
    /// when Terraform applies (`timestamp()`, a resource attribute inside a
    /// longer string).
    Unknown {
        needs: Vec<String>,
    },
    /// Could not be evaluated; a diagnostic says why.
    Error,
}

impl Value {
    /// A value of a kind at a place.
    pub fn new(kind: Kind, source: Source) -> Value {
        Value { kind, source }
    }

    /// The byte span it was written at (see [`Source`]).
    pub fn span(&self) -> Span {
        self.source.span()
    }

    /// The file it was written in (`None` for a `--var` value).
    pub fn file(&self) -> Option<usize> {
        self.source.file()
    }

    /// The string, if it is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if it is one.
    pub fn as_number(&self) -> Option<f64> {
        match self.kind {
            Kind::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The number, if it is a whole number that fits an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        self.as_number().and_then(whole)
    }

    /// The boolean, if it is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            Kind::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The elements of a list or set.
    pub fn as_list(&self) -> Option<&[Value]> {
        match &self.kind {
            Kind::List(items) | Kind::Set(items) => Some(items),
            _ => None,
        }
    }

    /// The entries of a map or object.
    pub fn as_map(&self) -> Option<&BTreeMap<String, Value>> {
        match &self.kind {
            Kind::Map(map) => Some(map),
            _ => None,
        }
    }

    /// One entry of a map or object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_map().and_then(|m| m.get(key))
    }

    /// `(address, attribute)` of a reference.
    pub fn as_ref(&self) -> Option<(&str, &str)> {
        match &self.kind {
            Kind::Ref { address, attribute } => Some((address, attribute)),
            _ => None,
        }
    }

    /// True for null.
    pub fn is_null(&self) -> bool {
        matches!(self.kind, Kind::Null)
    }

    /// True when the value and everything inside it is known: no
    /// [`Kind::Unknown`], [`Kind::Ref`] or [`Kind::Error`] anywhere.
    pub fn is_wholly_known(&self) -> bool {
        match &self.kind {
            Kind::Unknown { .. } | Kind::Ref { .. } | Kind::Error => false,
            Kind::List(items) | Kind::Set(items) => items.iter().all(Value::is_wholly_known),
            Kind::Map(map) => map.values().all(Value::is_wholly_known),
            _ => true,
        }
    }

    /// The root variables this value (or anything inside it) still needs,
    /// sorted and without duplicates.
    pub fn needs(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_needs(&mut out);
        out.sort();
        out.dedup();
        out
    }

    fn collect_needs(&self, out: &mut Vec<String>) {
        match &self.kind {
            Kind::Unknown { needs } => out.extend(needs.iter().cloned()),
            Kind::List(items) | Kind::Set(items) => {
                items.iter().for_each(|v| v.collect_needs(out));
            }
            Kind::Map(map) => map.values().for_each(|v| v.collect_needs(out)),
            _ => {}
        }
    }

    /// A short name of its type for messages: "string", "list", ...
    pub fn type_name(&self) -> &'static str {
        self.kind.type_name()
    }
}

impl Kind {
    /// A short name of the type for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool(_) => "bool",
            Kind::Number(_) => "number",
            Kind::String(_) => "string",
            Kind::List(_) => "list",
            Kind::Set(_) => "set",
            Kind::Map(_) => "map",
            Kind::Ref { .. } => "resource attribute",
            Kind::Unknown { .. } => "unknown value",
            Kind::Error => "invalid value",
        }
    }
}

/// A number as an `i64` when it is whole and in range.
pub(crate) fn whole(n: f64) -> Option<i64> {
    if n.is_finite() && n.fract() == 0.0 && n.abs() <= 9.007_199_254_740_992e15 {
        Some(n as i64)
    } else {
        None
    }
}

/// A number as Terraform writes it in a string: no exponent, no trailing
/// zeros (`3`, `1.5`, `0.1`).
pub(crate) fn number_text(n: f64) -> String {
    if n == 0.0 {
        return "0".to_string();
    }
    format!("{n}")
}

/// Deep equality as Terraform's `==`: same type and same content. `None`
/// when either side is not known.
pub(crate) fn equal(a: &Value, b: &Value) -> Option<bool> {
    match (&a.kind, &b.kind) {
        (Kind::Unknown { .. } | Kind::Ref { .. } | Kind::Error, _)
        | (_, Kind::Unknown { .. } | Kind::Ref { .. } | Kind::Error) => None,
        (Kind::Null, Kind::Null) => Some(true),
        (Kind::Bool(x), Kind::Bool(y)) => Some(x == y),
        (Kind::Number(x), Kind::Number(y)) => Some(x == y),
        (Kind::String(x), Kind::String(y)) => Some(x == y),
        (Kind::List(x), Kind::List(y)) | (Kind::Set(x), Kind::Set(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            let mut all = Some(true);
            for (p, q) in x.iter().zip(y) {
                match equal(p, q) {
                    Some(false) => return Some(false),
                    None => all = None,
                    Some(true) => {}
                }
            }
            all
        }
        (Kind::Map(x), Kind::Map(y)) => {
            if x.len() != y.len() || x.keys().ne(y.keys()) {
                return Some(false);
            }
            let mut all = Some(true);
            for (p, q) in x.values().zip(y.values()) {
                match equal(p, q) {
                    Some(false) => return Some(false),
                    None => all = None,
                    Some(true) => {}
                }
            }
            all
        }
        _ => Some(false),
    }
}

/// The order of a set's elements: strings lexically (by bytes), numbers by
/// value, `false` before `true`; other kinds by type, then by their JSON.
pub(crate) fn set_order(a: &Value, b: &Value) -> Ordering {
    fn rank(k: &Kind) -> u8 {
        match k {
            Kind::Bool(_) => 0,
            Kind::Number(_) => 1,
            Kind::String(_) => 2,
            Kind::Null => 3,
            Kind::List(_) => 4,
            Kind::Set(_) => 5,
            Kind::Map(_) => 6,
            Kind::Ref { .. } => 7,
            Kind::Unknown { .. } => 8,
            Kind::Error => 9,
        }
    }
    match (&a.kind, &b.kind) {
        (Kind::String(x), Kind::String(y)) => x.as_bytes().cmp(y.as_bytes()),
        (Kind::Number(x), Kind::Number(y)) => x.total_cmp(y),
        (Kind::Bool(x), Kind::Bool(y)) => x.cmp(y),
        (x, y) if rank(x) != rank(y) => rank(x).cmp(&rank(y)),
        _ => {
            let (mut p, mut q) = (String::new(), String::new());
            let _ = json_text(a, &mut p);
            let _ = json_text(b, &mut q);
            p.cmp(&q)
        }
    }
}

/// Sorts and deduplicates the elements of a set.
pub(crate) fn normalize_set(items: &mut Vec<Value>) {
    items.sort_by(set_order);
    items.dedup_by(|a, b| equal(a, b) == Some(true));
}

/// Writes a value as JSON the way Terraform's `jsonencode` does: no spaces,
/// keys sorted, `<`, `>` and `&` escaped. `Err` when something inside is
/// not known.
pub(crate) fn json_text(v: &Value, out: &mut String) -> Result<(), ()> {
    match &v.kind {
        Kind::Null => out.push_str("null"),
        Kind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Kind::Number(n) => out.push_str(&number_text(*n)),
        Kind::String(s) => json_string(s, out),
        Kind::List(items) | Kind::Set(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_text(item, out)?;
            }
            out.push(']');
        }
        Kind::Map(map) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_string(k, out);
                out.push(':');
                json_text(item, out)?;
            }
            out.push('}');
        }
        Kind::Ref { .. } | Kind::Unknown { .. } | Kind::Error => return Err(()),
    }
    Ok(())
}

/// A JSON string as Go's `encoding/json` writes it (HTML-safe).
pub(crate) fn json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A string quoted for a Terraform address or a message: `"sre"`.
pub(crate) fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// How many nodes a value has, counting at most `cap`.
pub(crate) fn weight(v: &Value, cap: u64) -> u64 {
    let mut total = 1u64;
    let mut stack: Vec<&Value> = vec![v];
    while let Some(v) = stack.pop() {
        if total >= cap {
            return cap;
        }
        match &v.kind {
            Kind::List(items) | Kind::Set(items) => {
                total += items.len() as u64;
                stack.extend(items.iter());
            }
            Kind::Map(map) => {
                total += map.len() as u64;
                stack.extend(map.values());
            }
            Kind::String(s) => total += (s.len() / 64) as u64,
            _ => {}
        }
    }
    total.min(cap)
}

/// How deeply a value nests (a scalar is 1), counting at most `cap`.
pub(crate) fn depth(v: &Value, cap: usize) -> usize {
    let mut deepest = 0;
    let mut stack: Vec<(&Value, usize)> = vec![(v, 1)];
    while let Some((v, d)) = stack.pop() {
        deepest = deepest.max(d);
        if deepest >= cap {
            return cap;
        }
        match &v.kind {
            Kind::List(items) | Kind::Set(items) => stack.extend(items.iter().map(|x| (x, d + 1))),
            Kind::Map(map) => stack.extend(map.values().map(|x| (x, d + 1))),
            _ => {}
        }
    }
    deepest
}
