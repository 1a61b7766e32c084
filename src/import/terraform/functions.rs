//! Terraform's built-in functions, as far as on-call configurations use
//! them.
//!
//! Supported, with Terraform's semantics: `abs`, `alltrue`, `anytrue`,
//! `can`, `ceil`, `chomp`, `coalesce`, `compact`, `concat`, `contains`,
//! `distinct`, `element` (wraps around), `endswith`, `file`, `fileset`
//! (over the import's files), `flatten`
//! (recursive), `floor`, `format`, `formatdate`, `index`, `join`,
//! `jsondecode`, `jsonencode`, `keys`, `length`, `lookup`, `lower`, `max`,
//! `merge` (later wins), `min`, `one`, `range` (at most 1024 values, as
//! Terraform), `replace` (plain text), `reverse`, `setproduct`, `slice`,
//! `sort`, `split`, `startswith`, `strrev`, `substr`, `sum`, `timeadd`,
//! `timestamp` (not known before apply), `title`, `tobool`, `tolist`,
//! `tomap`, `tonumber`, `toset` (sorted, deduplicated), `tostring`, `trim`,
//! `trimprefix`, `trimspace`, `trimsuffix`, `try`, `upper`, `values`,
//! `yamldecode`, `zipmap`.
//!
//! Other Terraform functions (`regex`, `regexall`, `templatefile`, ...) are
//! a `unsupported-function` diagnostic at the call; a name Terraform does
//! not know is an `unknown-function` diagnostic with "did you mean".

use std::collections::BTreeMap;

use super::eval::{describe, not_known, Evaluator, Scope, Truth};
use super::limits::{MAX_ITEMS, MAX_WORK};
use super::time;
use super::types::{parse_number, to_number};
use super::value::{equal, normalize_set, number_text, whole, Kind, Source, Value};
use crate::diagnostic::{Diagnostic, Span};
use crate::suggest::did_you_mean;

/// The functions the reader evaluates.
pub const SUPPORTED: &[&str] = &[
    "abs",
    "alltrue",
    "anytrue",
    "can",
    "ceil",
    "chomp",
    "coalesce",
    "compact",
    "concat",
    "contains",
    "distinct",
    "element",
    "endswith",
    "file",
    "flatten",
    "floor",
    "format",
    "formatdate",
    "index",
    "join",
    "jsondecode",
    "jsonencode",
    "keys",
    "length",
    "lookup",
    "lower",
    "max",
    "merge",
    "min",
    "one",
    "range",
    "replace",
    "reverse",
    "setproduct",
    "slice",
    "sort",
    "split",
    "startswith",
    "strrev",
    "substr",
    "sum",
    "timeadd",
    "timestamp",
    "title",
    "tobool",
    "tolist",
    "tomap",
    "tonumber",
    "toset",
    "tostring",
    "trim",
    "trimprefix",
    "trimspace",
    "trimsuffix",
    "try",
    "upper",
    "values",
    "yamldecode",
    "zipmap",
    "signum",
    "pow",
    "coalescelist",
    "chunklist",
    "fileset",
];

/// Terraform functions that are not evaluated here.
const UNSUPPORTED: &[&str] = &[
    "regex",
    "regexall",
    "templatefile",
    "templatestring",
    "formatlist",
    "indent",
    "transpose",
    "matchkeys",
    "base64encode",
    "base64decode",
    "base64gzip",
    "base64sha256",
    "base64sha512",
    "bcrypt",
    "md5",
    "sha1",
    "sha256",
    "sha512",
    "uuid",
    "uuidv5",
    "filebase64",
    "fileexists",
    "filemd5",
    "filesha1",
    "filesha256",
    "filesha512",
    "filebase64sha256",
    "filebase64sha512",
    "abspath",
    "basename",
    "dirname",
    "pathexpand",
    "cidrhost",
    "cidrnetmask",
    "cidrsubnet",
    "cidrsubnets",
    "csvdecode",
    "yamlencode",
    "urlencode",
    "textencodebase64",
    "textdecodebase64",
    "log",
    "parseint",
    "plantimestamp",
    "sensitive",
    "nonsensitive",
    "issensitive",
    "type",
    "ephemeralasnull",
    "strcontains",
    "encode_tfvars",
    "decode_tfvars",
    "setintersection",
    "setunion",
    "setsubtract",
    "setsymmetricdifference",
    "defaults",
];

type Args = Vec<Value>;

impl Evaluator<'_> {
    /// Calls a built-in function on evaluated arguments.
    pub(super) fn builtin(
        &mut self,
        sc: &mut Scope,
        name: &str,
        name_span: Span,
        args: Args,
        span: Span,
    ) -> Value {
        let at = sc.at(span);
        let call = Call { name, span, at };
        if !SUPPORTED.contains(&name) {
            if UNSUPPORTED.contains(&name) {
                let help = if name.starts_with("regex") {
                    Some("regular expressions are not supported; use `startswith`, `endswith`, `split` or `replace` with plain text".to_string())
                } else {
                    None
                };
                return self.fail_help(
                    sc,
                    name_span,
                    "unsupported-function",
                    format!("the function `{name}` is not supported"),
                    help,
                );
            }
            let help = did_you_mean(name, SUPPORTED.iter().copied());
            return self.fail_help(
                sc,
                name_span,
                "unknown-function",
                format!("`{name}` is not a Terraform function"),
                help,
            );
        }
        // Structural functions look only at the arguments' outer shape.
        let structural = matches!(
            name,
            "concat"
                | "merge"
                | "tolist"
                | "tomap"
                | "length"
                | "element"
                | "keys"
                | "values"
                | "lookup"
                | "zipmap"
                | "slice"
                | "reverse"
                | "one"
                | "setproduct"
                | "coalescelist"
                | "chunklist"
                | "coalesce"
        );
        let refs: Vec<&Value> = args.iter().collect();
        if structural {
            if let Some(kind) = not_known(&refs) {
                return Value::new(kind, at);
            }
        } else if name != "timestamp" {
            if refs.iter().any(|v| matches!(v.kind, Kind::Error)) {
                return Value::new(Kind::Error, at);
            }
            if refs.iter().any(|v| !v.is_wholly_known()) {
                let mut needs: Vec<String> = refs.iter().flat_map(|v| v.needs()).collect();
                if refs.iter().any(|v| has_error(v)) {
                    return Value::new(Kind::Error, at);
                }
                needs.sort();
                needs.dedup();
                return Value::new(Kind::Unknown { needs }, at);
            }
        }
        match self.dispatch(sc, &call, args) {
            Ok(v) => v,
            Err(message) => self.fail(sc, span, "function-error", format!("`{name}`: {message}")),
        }
    }

    fn dispatch(&mut self, sc: &mut Scope, c: &Call, mut a: Args) -> Result<Value, String> {
        let at = c.at;
        let n = a.len();
        let arity = |want: &[usize]| -> Result<(), String> {
            if want.contains(&n) {
                Ok(())
            } else {
                let w: Vec<String> = want.iter().map(usize::to_string).collect();
                Err(format!(
                    "takes {} argument{}, got {n}",
                    w.join(" or "),
                    if want == [1] { "" } else { "s" }
                ))
            }
        };
        let v = |k: Kind| Ok(Value::new(k, at));
        match c.name {
            // ---------------------------------------------------- numbers
            "abs" | "ceil" | "floor" | "signum" => {
                arity(&[1])?;
                let x = num(&a[0])?;
                v(Kind::Number(match c.name {
                    "abs" => x.abs(),
                    "ceil" => x.ceil(),
                    "floor" => x.floor(),
                    _ => {
                        if x == 0.0 {
                            0.0
                        } else {
                            x.signum()
                        }
                    }
                }))
            }
            "pow" => {
                arity(&[2])?;
                let r = num(&a[0])?.powf(num(&a[1])?);
                if !r.is_finite() {
                    return Err("the result is out of range".to_string());
                }
                v(Kind::Number(r))
            }
            "min" | "max" => {
                if n == 0 {
                    return Err("must have at least one argument".to_string());
                }
                let mut best = num(&a[0])?;
                for x in &a[1..] {
                    let x = num(x)?;
                    best = if c.name == "min" {
                        best.min(x)
                    } else {
                        best.max(x)
                    };
                }
                v(Kind::Number(best))
            }
            "sum" => {
                arity(&[1])?;
                let items = seq(&a[0])?;
                if items.is_empty() {
                    return Err("cannot sum an empty list".to_string());
                }
                let mut s = 0.0;
                for x in items {
                    s += num(x)?;
                }
                v(Kind::Number(s))
            }
            "range" => self.range(sc, c, &a),
            // ---------------------------------------------------- strings
            "lower" | "upper" | "title" | "trimspace" | "chomp" | "strrev" => {
                arity(&[1])?;
                let s = text(&a[0])?;
                let out = match c.name {
                    "lower" => s.to_lowercase(),
                    "upper" => s.to_uppercase(),
                    "title" => title(&s),
                    "trimspace" => s.trim().to_string(),
                    "chomp" => s.trim_end_matches(['\n', '\r']).to_string(),
                    _ => s.chars().rev().collect(),
                };
                v(Kind::String(out))
            }
            "trimprefix" | "trimsuffix" | "trim" | "startswith" | "endswith" => {
                arity(&[2])?;
                let s = text(&a[0])?;
                let p = text(&a[1])?;
                v(match c.name {
                    "trimprefix" => {
                        Kind::String(s.strip_prefix(p.as_str()).unwrap_or(&s).to_string())
                    }
                    "trimsuffix" => {
                        Kind::String(s.strip_suffix(p.as_str()).unwrap_or(&s).to_string())
                    }
                    "trim" => Kind::String(s.trim_matches(|ch| p.contains(ch)).to_string()),
                    "startswith" => Kind::Bool(s.starts_with(p.as_str())),
                    _ => Kind::Bool(s.ends_with(p.as_str())),
                })
            }
            "replace" => {
                arity(&[3])?;
                let s = text(&a[0])?;
                let from = text(&a[1])?;
                let to = text(&a[2])?;
                if from.len() > 1 && from.starts_with('/') && from.ends_with('/') {
                    return Err(
                        "a regular expression (`/.../`) is not supported; give the text to replace"
                            .to_string(),
                    );
                }
                let out = if from.is_empty() {
                    // Go's strings.Replace with an empty old string inserts
                    // the new one around every char.
                    let mut o = String::new();
                    for ch in s.chars() {
                        o.push_str(&to);
                        o.push(ch);
                    }
                    o.push_str(&to);
                    o
                } else {
                    s.replace(from.as_str(), &to)
                };
                if !self.check_string(sc, c.span, out.len()) {
                    return Ok(Value::new(Kind::Error, at));
                }
                v(Kind::String(out))
            }
            "substr" => {
                arity(&[3])?;
                let s = text(&a[0])?;
                let offset = int(&a[1])?;
                let length = int(&a[2])?;
                v(Kind::String(substr(&s, offset, length)))
            }
            "split" => {
                arity(&[2])?;
                let sep = text(&a[0])?;
                let s = text(&a[1])?;
                let parts: Vec<String> = if sep.is_empty() {
                    s.chars().map(String::from).collect()
                } else {
                    s.split(sep.as_str()).map(str::to_string).collect()
                };
                if !self.check_items(sc, c.span, parts.len()) {
                    return Ok(Value::new(Kind::Error, at));
                }
                v(Kind::List(
                    parts
                        .into_iter()
                        .map(|p| Value::new(Kind::String(p), at))
                        .collect(),
                ))
            }
            "join" => {
                if n < 2 {
                    return Err("takes a separator and at least one list".to_string());
                }
                let sep = text(&a[0])?;
                let mut parts = Vec::new();
                for list in &a[1..] {
                    for (i, x) in seq(list)?.iter().enumerate() {
                        if x.is_null() {
                            return Err(format!(
                                "element {i} is null; cannot concatenate null values"
                            ));
                        }
                        parts.push(text(x)?);
                    }
                }
                let out = parts.join(&sep);
                if !self.check_string(sc, c.span, out.len()) {
                    return Ok(Value::new(Kind::Error, at));
                }
                v(Kind::String(out))
            }
            "format" => {
                if n == 0 {
                    return Err("takes a format string and its values".to_string());
                }
                let spec = text(&a[0])?;
                let out = format(&spec, &a[1..])?;
                if !self.check_string(sc, c.span, out.len()) {
                    return Ok(Value::new(Kind::Error, at));
                }
                v(Kind::String(out))
            }
            "tostring" => {
                arity(&[1])?;
                match &a[0].kind {
                    Kind::Null => v(Kind::Null),
                    Kind::String(_) | Kind::Number(_) | Kind::Bool(_) => {
                        v(Kind::String(text(&a[0])?))
                    }
                    other => Err(format!(
                        "cannot convert a {} to a string",
                        other.type_name()
                    )),
                }
            }
            "tonumber" => {
                arity(&[1])?;
                match &a[0].kind {
                    Kind::Null => v(Kind::Null),
                    Kind::Number(x) => v(Kind::Number(*x)),
                    Kind::String(s) => match parse_number(s) {
                        Some(x) => v(Kind::Number(x)),
                        None => Err(format!("cannot convert \"{s}\" to a number")),
                    },
                    other => Err(format!(
                        "cannot convert a {} to a number",
                        other.type_name()
                    )),
                }
            }
            "tobool" => {
                arity(&[1])?;
                match &a[0].kind {
                    Kind::Null => v(Kind::Null),
                    Kind::Bool(b) => v(Kind::Bool(*b)),
                    Kind::String(s) if s == "true" => v(Kind::Bool(true)),
                    Kind::String(s) if s == "false" => v(Kind::Bool(false)),
                    _ => Err(format!("cannot convert {} to a bool", describe(&a[0]))),
                }
            }
            // ---------------------------------------------------- time
            "timeadd" => {
                arity(&[2])?;
                v(Kind::String(time::timeadd(&text(&a[0])?, &text(&a[1])?)?))
            }
            "formatdate" => {
                arity(&[2])?;
                v(Kind::String(time::formatdate(
                    &text(&a[0])?,
                    &text(&a[1])?,
                )?))
            }
            "timestamp" => {
                arity(&[0])?;
                let d = Diagnostic::info(
                    "known-after-apply",
                    c.span,
                    "`timestamp()` is the time Terraform applies the plan, so its value is not known here",
                )
                .with_help("write the timestamp itself, or pass it in a variable");
                self.push(sc.origin, d);
                v(Kind::Unknown { needs: Vec::new() })
            }
            // ---------------------------------------------------- collections
            "length" => {
                arity(&[1])?;
                match &a[0].kind {
                    Kind::List(x) | Kind::Set(x) => v(Kind::Number(x.len() as f64)),
                    Kind::Map(m) => v(Kind::Number(m.len() as f64)),
                    Kind::String(s) => v(Kind::Number(s.chars().count() as f64)),
                    _ => Err(format!("cannot take the length of {}", describe(&a[0]))),
                }
            }
            "element" => {
                arity(&[2])?;
                let items = seq(&a[0])?;
                let i = int(&a[1])?;
                if items.is_empty() {
                    return Err("cannot use element function with an empty list".to_string());
                }
                if i < 0 {
                    return Err("cannot use element function with a negative index".to_string());
                }
                let x = items[(i as usize) % items.len()].clone();
                Ok(self.copy(sc, c.span, &x))
            }
            "index" => {
                arity(&[2])?;
                let items = seq(&a[0])?;
                match items.iter().position(|x| equal(x, &a[1]) == Some(true)) {
                    Some(i) => v(Kind::Number(i as f64)),
                    None => Err("item not found".to_string()),
                }
            }
            "contains" => {
                arity(&[2])?;
                let items = seq(&a[0])?;
                v(Kind::Bool(
                    items.iter().any(|x| equal(x, &a[1]) == Some(true)),
                ))
            }
            "concat" => {
                if n == 0 {
                    return Err("at least one argument is required".to_string());
                }
                let mut out = Vec::new();
                for x in a {
                    match x.kind {
                        Kind::List(items) => out.extend(items),
                        other => {
                            return Err(format!(
                                "all arguments must be lists or tuples; got a {}",
                                other.type_name()
                            ))
                        }
                    }
                }
                if !self.check_items(sc, c.span, out.len()) {
                    return Ok(Value::new(Kind::Error, at));
                }
                v(Kind::List(out))
            }
            "flatten" => {
                arity(&[1])?;
                let mut out = Vec::new();
                match flatten_into(a.remove(0), &mut out, 0) {
                    Flat::Done => {}
                    Flat::Unknown(needs) => return v(Kind::Unknown { needs }),
                    Flat::Bad(msg) => return Err(msg),
                }
                if !self.check_items(sc, c.span, out.len()) {
                    return Ok(Value::new(Kind::Error, at));
                }
                v(Kind::List(out))
            }
            "distinct" => {
                arity(&[1])?;
                let items = seq(&a[0])?;
                let mut out: Vec<Value> = Vec::new();
                for x in items {
                    if !out.iter().any(|y| equal(x, y) == Some(true)) {
                        out.push(x.clone());
                    }
                }
                v(Kind::List(out))
            }
            "sort" => {
                arity(&[1])?;
                let mut strings = Vec::new();
                for x in seq(&a[0])? {
                    if x.is_null() {
                        return Err("a null string cannot be sorted".to_string());
                    }
                    strings.push(text(x)?);
                }
                strings.sort_by(|p, q| p.as_bytes().cmp(q.as_bytes()));
                v(Kind::List(
                    strings
                        .into_iter()
                        .map(|s| Value::new(Kind::String(s), at))
                        .collect(),
                ))
            }
            "reverse" => {
                arity(&[1])?;
                let mut items = seq(&a[0])?.to_vec();
                items.reverse();
                v(Kind::List(items))
            }
            "slice" => {
                arity(&[3])?;
                let items = seq(&a[0])?;
                let (s, e) = (int(&a[1])?, int(&a[2])?);
                if s < 0 {
                    return Err("the start index must not be negative".to_string());
                }
                if e as usize > items.len() || e < 0 {
                    return Err(
                        "the end index must not be greater than the length of the list".to_string(),
                    );
                }
                if s > e {
                    return Err(
                        "the start index must not be greater than the end index".to_string()
                    );
                }
                v(Kind::List(items[s as usize..e as usize].to_vec()))
            }
            "compact" => {
                arity(&[1])?;
                let mut out = Vec::new();
                for x in seq(&a[0])? {
                    match &x.kind {
                        Kind::Null => {}
                        Kind::String(s) if s.is_empty() => {}
                        _ => out.push(Value::new(Kind::String(text(x)?), x.source)),
                    }
                }
                v(Kind::List(out))
            }
            "one" => {
                arity(&[1])?;
                if a[0].is_null() {
                    return v(Kind::Null);
                }
                let items = seq(&a[0])?;
                match items {
                    [] => v(Kind::Null),
                    [x] => Ok(x.clone()),
                    _ => Err(format!("must be a list, set, or tuple value with either zero or one elements, got {}", items.len())),
                }
            }
            "alltrue" | "anytrue" => {
                arity(&[1])?;
                let all = c.name == "alltrue";
                let mut result = all;
                for x in seq(&a[0])? {
                    let b = match self.truth(sc, x, x.span(), "an element") {
                        Truth::Yes => true,
                        Truth::No => false,
                        _ => return Err("the elements must be true or false".to_string()),
                    };
                    if all && !b {
                        result = false;
                    }
                    if !all && b {
                        result = true;
                    }
                }
                v(Kind::Bool(result))
            }
            "keys" | "values" => {
                arity(&[1])?;
                let Kind::Map(map) = a.remove(0).kind else {
                    return Err(format!(
                        "needs a map or an object, got {}",
                        describe(&a.first().cloned().unwrap_or(Value::new(Kind::Null, at)))
                    ));
                };
                if c.name == "keys" {
                    v(Kind::List(
                        map.into_keys()
                            .map(|k| Value::new(Kind::String(k), at))
                            .collect(),
                    ))
                } else {
                    v(Kind::List(map.into_values().collect()))
                }
            }
            "lookup" => {
                arity(&[2, 3])?;
                let key = match &a[1].kind {
                    Kind::Unknown { needs } => {
                        return v(Kind::Unknown {
                            needs: needs.clone(),
                        })
                    }
                    Kind::Ref { .. } => return v(Kind::Unknown { needs: Vec::new() }),
                    _ => text(&a[1])?,
                };
                let default = if n == 3 { Some(a.remove(2)) } else { None };
                let Kind::Map(mut map) = a.remove(0).kind else {
                    return Err("the first argument must be a map or an object".to_string());
                };
                match (map.remove(&key), default) {
                    (Some(x), _) => Ok(x),
                    (None, Some(d)) => Ok(d),
                    (None, None) => Err(format!(
                        "the map has no key `{key}` and no default was given"
                    )),
                }
            }
            "merge" => {
                let mut out = BTreeMap::new();
                for x in a {
                    match x.kind {
                        Kind::Null => {}
                        Kind::Map(m) => out.extend(m),
                        other => {
                            return Err(format!(
                                "arguments must be maps or objects, got a {}",
                                other.type_name()
                            ))
                        }
                    }
                }
                v(Kind::Map(out))
            }
            "zipmap" => {
                arity(&[2])?;
                let keys = seq(&a[0])?;
                let values = seq(&a[1])?;
                if keys.len() != values.len() {
                    return Err(format!(
                        "the number of keys ({}) does not match the number of values ({})",
                        keys.len(),
                        values.len()
                    ));
                }
                let mut out = BTreeMap::new();
                for (k, x) in keys.iter().zip(values) {
                    if !k.is_wholly_known() {
                        return v(Kind::Unknown { needs: k.needs() });
                    }
                    out.insert(text(k)?, x.clone());
                }
                v(Kind::Map(out))
            }
            "tolist" => {
                arity(&[1])?;
                match a.remove(0).kind {
                    Kind::List(x) | Kind::Set(x) => v(Kind::List(x)),
                    Kind::Null => v(Kind::Null),
                    other => Err(format!("cannot convert a {} to a list", other.type_name())),
                }
            }
            "toset" => {
                arity(&[1])?;
                match a.remove(0).kind {
                    Kind::List(x) | Kind::Set(x) => v(Kind::Set(to_set(x)?)),
                    Kind::Null => v(Kind::Null),
                    other => Err(format!("cannot convert a {} to a set", other.type_name())),
                }
            }
            "tomap" => {
                arity(&[1])?;
                match a.remove(0).kind {
                    Kind::Map(m) => v(Kind::Map(unify_map(m))),
                    Kind::Null => v(Kind::Null),
                    other => Err(format!("cannot convert a {} to a map", other.type_name())),
                }
            }
            "coalesce" => {
                for x in &a {
                    match &x.kind {
                        Kind::Null => {}
                        Kind::String(s) if s.is_empty() => {}
                        _ => return Ok(x.clone()),
                    }
                }
                Err("no non-null, non-empty-string arguments".to_string())
            }
            "coalescelist" => {
                for x in &a {
                    if seq(x)?.is_empty() {
                        continue;
                    }
                    return Ok(x.clone());
                }
                Err("no non-empty list arguments".to_string())
            }
            "chunklist" => {
                arity(&[2])?;
                let items = seq(&a[0])?;
                let size = int(&a[1])?;
                if size < 0 {
                    return Err("the size must not be negative".to_string());
                }
                if size == 0 {
                    return v(Kind::List(vec![Value::new(Kind::List(items.to_vec()), at)]));
                }
                let chunks = items
                    .chunks(size as usize)
                    .map(|ch| Value::new(Kind::List(ch.to_vec()), at))
                    .collect();
                v(Kind::List(chunks))
            }
            "setproduct" => {
                if n < 2 {
                    return Err("at least two arguments are required".to_string());
                }
                let all_sets = a.iter().all(|x| matches!(x.kind, Kind::Set(_)));
                let mut total: usize = 1;
                for x in &a {
                    total = total.saturating_mul(seq(x)?.len());
                }
                if total > MAX_ITEMS {
                    return Err(format!(
                        "the product has {total} elements, more than the limit of {MAX_ITEMS}"
                    ));
                }
                if !self.tick(sc, c.span, (total * n) as u64) {
                    return Ok(Value::new(Kind::Error, at));
                }
                let mut rows: Vec<Vec<Value>> = vec![Vec::new()];
                for x in &a {
                    let items = seq(x)?;
                    let mut next = Vec::with_capacity(rows.len() * items.len());
                    for row in &rows {
                        for item in items {
                            let mut r = row.clone();
                            r.push(item.clone());
                            next.push(r);
                        }
                    }
                    rows = next;
                }
                let mut out: Vec<Value> = rows
                    .into_iter()
                    .map(|r| Value::new(Kind::List(r), at))
                    .collect();
                if all_sets {
                    normalize_set(&mut out);
                    v(Kind::Set(out))
                } else {
                    v(Kind::List(out))
                }
            }
            // ---------------------------------------------------- encodings and files
            "jsonencode" => {
                arity(&[1])?;
                let s = self.json(&a[0]).ok_or("the value is not known")?;
                if !self.check_string(sc, c.span, s.len()) {
                    return Ok(Value::new(Kind::Error, at));
                }
                v(Kind::String(s))
            }
            "jsondecode" | "yamldecode" => {
                arity(&[1])?;
                let s = text(&a[0])?;
                let (source, exact) = self.placement(&a[0], &s, at);
                let decoded = if c.name == "jsondecode" {
                    super::json::decode_at(&s, source, exact).map(|(v, _)| v)
                } else {
                    let budget = MAX_WORK / 4;
                    super::yaml::decode(&s, source, exact, budget)
                };
                match decoded {
                    Ok(x) => {
                        let w = super::value::weight(&x, MAX_WORK);
                        if !self.tick(sc, c.span, w) {
                            return Ok(Value::new(Kind::Error, at));
                        }
                        Ok(x)
                    }
                    Err((err_span, message)) => {
                        // Point into the decoded file when the text is one.
                        let origin = match source {
                            Source::File { file, .. } if exact => Some(file),
                            _ => None,
                        };
                        match origin {
                            Some(file) => {
                                let d = Diagnostic::error(
                                    "function-error",
                                    err_span,
                                    format!("`{}`: {message}", c.name),
                                );
                                self.push(super::eval::Origin::File(file), d);
                                Ok(Value::new(Kind::Error, at))
                            }
                            None => Err(message),
                        }
                    }
                }
            }
            "fileset" => {
                arity(&[2])?;
                let dir = text(&a[0])?;
                let pattern = text(&a[1])?;
                let names = self.fileset(&dir, &pattern)?;
                v(Kind::Set(
                    names
                        .into_iter()
                        .map(|n| Value::new(Kind::String(n), at))
                        .collect(),
                ))
            }
            "file" => {
                arity(&[1])?;
                let path = text(&a[0])?;
                match self.file_text(&path) {
                    Some((file, content)) => {
                        let source = Source::File {
                            file,
                            span: Span::new(0, content.len() as u32),
                        };
                        Ok(Value::new(Kind::String(content.to_string()), source))
                    }
                    None => {
                        let names = self.file_names();
                        let help = did_you_mean(&path, names.iter().map(String::as_str))
                            .unwrap_or_else(|| {
                                "give that file too, with its path relative to the module"
                                    .to_string()
                            });
                        Ok(self.fail_help(
                            sc,
                            c.span,
                            "file-not-found",
                            format!("`file`: no file `{path}` was given"),
                            Some(help),
                        ))
                    }
                }
            }
            _ => Err("is not supported".to_string()),
        }
    }

    /// Where a string to decode came from: a whole file given by `file()`
    /// keeps exact spans into that file.
    fn placement(&self, arg: &Value, s: &str, at: Source) -> (Source, bool) {
        if let Source::File { file, span } = arg.source {
            if span.start == 0
                && span.end as usize == s.len()
                && self.files.get(file).is_some_and(|f| f.text == s)
            {
                return (arg.source, true);
            }
        }
        (at, false)
    }

    fn range(&mut self, sc: &mut Scope, c: &Call, a: &[Value]) -> Result<Value, String> {
        let nums: Vec<f64> = a.iter().map(num).collect::<Result<_, _>>()?;
        let (start, end, step) = match nums.as_slice() {
            [e] => (0.0, *e, if *e < 0.0 { -1.0 } else { 1.0 }),
            [s, e] => (*s, *e, if e < s { -1.0 } else { 1.0 }),
            [s, e, st] => (*s, *e, *st),
            _ => return Err("must have one, two, or three arguments".to_string()),
        };
        if step == 0.0 {
            return Err("step must not be zero".to_string());
        }
        if step < 0.0 && end > start {
            return Err("end must be less than start when step is negative".to_string());
        }
        if step > 0.0 && end < start {
            return Err("end must be greater than start when step is positive".to_string());
        }
        let mut out = Vec::new();
        let mut x = start;
        while (step > 0.0 && x < end) || (step < 0.0 && x > end) {
            if out.len() >= 1024 {
                return Err("more than 1024 values were generated; either decrease the difference between start and end or use a smaller step".to_string());
            }
            out.push(Value::new(Kind::Number(x), c.at));
            x += step;
        }
        if !self.tick(sc, c.span, out.len() as u64) {
            return Ok(Value::new(Kind::Error, c.at));
        }
        Ok(Value::new(Kind::List(out), c.at))
    }
}

struct Call<'n> {
    name: &'n str,
    span: Span,
    at: Source,
}

fn has_error(v: &Value) -> bool {
    match &v.kind {
        Kind::Error => true,
        Kind::List(x) | Kind::Set(x) => x.iter().any(has_error),
        Kind::Map(m) => m.values().any(has_error),
        _ => false,
    }
}

fn num(v: &Value) -> Result<f64, String> {
    to_number(v).ok_or_else(|| format!("a number is required, got {}", describe(v)))
}

fn int(v: &Value) -> Result<i64, String> {
    let n = num(v)?;
    whole(n).ok_or_else(|| format!("a whole number is required, got {}", number_text(n)))
}

fn text(v: &Value) -> Result<String, String> {
    match &v.kind {
        Kind::String(s) => Ok(s.clone()),
        Kind::Number(n) => Ok(number_text(*n)),
        Kind::Bool(b) => Ok(b.to_string()),
        _ => Err(format!("a string is required, got {}", describe(v))),
    }
}

fn seq(v: &Value) -> Result<&[Value], String> {
    v.as_list()
        .ok_or_else(|| format!("a list is required, got {}", describe(v)))
}

enum Flat {
    Done,
    Unknown(Vec<String>),
    Bad(String),
}

fn flatten_into(v: Value, out: &mut Vec<Value>, depth: usize) -> Flat {
    if depth > 64 {
        return Flat::Bad("nested too deeply".to_string());
    }
    match v.kind {
        Kind::List(items) | Kind::Set(items) => {
            for x in items {
                match &x.kind {
                    Kind::List(_) | Kind::Set(_) => match flatten_into(x, out, depth + 1) {
                        Flat::Done => {}
                        other => return other,
                    },
                    Kind::Unknown { needs } => return Flat::Unknown(needs.clone()),
                    Kind::Ref { .. } => return Flat::Unknown(Vec::new()),
                    _ => out.push(x),
                }
                if out.len() > MAX_ITEMS {
                    return Flat::Bad(format!("the result has more than {MAX_ITEMS} elements"));
                }
            }
            Flat::Done
        }
        _ => Flat::Bad("can only flatten lists, sets and tuples".to_string()),
    }
}

/// Elements for a set: primitives of mixed types become strings, as
/// Terraform unifies them; sorted and deduplicated.
fn to_set(items: Vec<Value>) -> Result<Vec<Value>, String> {
    if items.iter().any(Value::is_null) {
        return Err("a set cannot contain null values".to_string());
    }
    let mixed = {
        let mut kinds = items.iter().map(|x| std::mem::discriminant(&x.kind));
        let first = kinds.next();
        kinds.any(|k| Some(k) != first)
    };
    let mut out: Vec<Value> = if mixed {
        items
            .into_iter()
            .map(|x| match &x.kind {
                Kind::Number(_) | Kind::Bool(_) => {
                    let t = text(&x).unwrap_or_default();
                    Value::new(Kind::String(t), x.source)
                }
                _ => x,
            })
            .collect()
    } else {
        items
    };
    normalize_set(&mut out);
    Ok(out)
}

/// A map's values of mixed primitive types become strings.
fn unify_map(map: BTreeMap<String, Value>) -> BTreeMap<String, Value> {
    let has_string = map.values().any(|x| matches!(x.kind, Kind::String(_)));
    if !has_string {
        return map;
    }
    map.into_iter()
        .map(|(k, x)| {
            let x = match &x.kind {
                Kind::Number(_) | Kind::Bool(_) => {
                    Value::new(Kind::String(text(&x).unwrap_or_default()), x.source)
                }
                _ => x,
            };
            (k, x)
        })
        .collect()
}

/// Go's `strings.Title`: the first letter of each word upper-cased.
fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_sep = true;
    for ch in s.chars() {
        if prev_sep && ch.is_alphabetic() {
            out.extend(ch.to_uppercase());
        } else {
            out.push(ch);
        }
        prev_sep = !(ch.is_alphanumeric() || ch == '_' || ch == '\'');
    }
    out
}

/// `substr` by chars, negative offsets from the end, length -1 for the rest.
fn substr(s: &str, offset: i64, length: i64) -> String {
    let chars: Vec<char> = s.chars().collect();
    let len = chars.len() as i64;
    let mut offset = offset;
    if offset < 0 {
        offset += len;
    } else if length == 0 {
        return String::new();
    }
    let offset = offset.clamp(0, len) as usize;
    let rest = &chars[offset..];
    let take = if length < 0 {
        rest.len()
    } else {
        (length as usize).min(rest.len())
    };
    rest[..take].iter().collect()
}

/// Terraform's `format`: Go-like verbs `%v %s %q %d %f %e %g %t %x %X %o
/// %b %%`, with flags, width, precision and `%[n]` argument indexes.
fn format(spec: &str, args: &[Value]) -> Result<String, String> {
    let chars: Vec<char> = spec.chars().collect();
    let mut out = String::new();
    let mut next = 0usize;
    let mut used = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i];
        if ch != '%' {
            out.push(ch);
            i += 1;
            continue;
        }
        i += 1;
        if chars.get(i) == Some(&'%') {
            out.push('%');
            i += 1;
            continue;
        }
        let (mut minus, mut plus, mut zero, mut space, mut sharp) =
            (false, false, false, false, false);
        while let Some(f) = chars.get(i) {
            match f {
                '-' => minus = true,
                '+' => plus = true,
                '0' => zero = true,
                ' ' => space = true,
                '#' => sharp = true,
                _ => break,
            }
            i += 1;
        }
        if chars.get(i) == Some(&'[') {
            let close = chars[i..]
                .iter()
                .position(|c| *c == ']')
                .ok_or("unterminated `[`")?
                + i;
            let n: String = chars[i + 1..close].iter().collect();
            let n: usize = n.parse().map_err(|_| "invalid argument index")?;
            if n == 0 {
                return Err("invalid argument index".to_string());
            }
            next = n - 1;
            i = close + 1;
        }
        let mut width = None;
        let start = i;
        while chars.get(i).is_some_and(char::is_ascii_digit) {
            i += 1;
        }
        if i > start {
            width = chars[start..i]
                .iter()
                .collect::<String>()
                .parse::<usize>()
                .ok()
                .map(|w| w.min(1024));
        }
        let mut precision = None;
        if chars.get(i) == Some(&'.') {
            i += 1;
            let start = i;
            while chars.get(i).is_some_and(char::is_ascii_digit) {
                i += 1;
            }
            precision = Some(
                chars[start..i]
                    .iter()
                    .collect::<String>()
                    .parse::<usize>()
                    .unwrap_or(0)
                    .min(64),
            );
        }
        let Some(&verb) = chars.get(i) else {
            return Err("the format string ends in the middle of a verb".to_string());
        };
        i += 1;
        let Some(arg) = args.get(next) else {
            return Err(format!(
                "not enough arguments for `%{verb}` in the format string"
            ));
        };
        next += 1;
        used = used.max(next);
        let body = format_one(verb, arg, precision, plus, space, sharp)?;
        let pad = width.unwrap_or(0).saturating_sub(body.chars().count());
        if minus {
            out.push_str(&body);
            out.push_str(&" ".repeat(pad));
        } else if zero
            && matches!(
                verb,
                'd' | 'f' | 'F' | 'e' | 'E' | 'g' | 'G' | 'x' | 'X' | 'o' | 'b'
            )
        {
            let (sign, digits) = match body.strip_prefix(['-', '+']) {
                Some(rest) => (&body[..1], rest.to_string()),
                None => ("", body.clone()),
            };
            out.push_str(sign);
            out.push_str(&"0".repeat(pad));
            out.push_str(&digits);
        } else {
            out.push_str(&" ".repeat(pad));
            out.push_str(&body);
        }
    }
    if used < args.len() {
        return Err(if used == 0 {
            "too many arguments; no verbs in format string".to_string()
        } else {
            format!("too many arguments; only {used} used by format string")
        });
    }
    Ok(out)
}

fn format_one(
    verb: char,
    v: &Value,
    precision: Option<usize>,
    plus: bool,
    space: bool,
    sharp: bool,
) -> Result<String, String> {
    let sign = |n: f64, s: String| -> String {
        if n >= 0.0 && plus {
            format!("+{s}")
        } else if n >= 0.0 && space {
            format!(" {s}")
        } else {
            s
        }
    };
    match verb {
        'v' if sharp => {
            let mut s = String::new();
            super::value::json_text(v, &mut s)
                .map_err(|()| "the value is not known".to_string())?;
            Ok(s)
        }
        'v' => match &v.kind {
            Kind::String(s) => Ok(s.clone()),
            Kind::Number(n) => Ok(sign(*n, number_text(*n))),
            Kind::Bool(b) => Ok(b.to_string()),
            Kind::Null => Ok("null".to_string()),
            _ => {
                let mut s = String::new();
                super::value::json_text(v, &mut s)
                    .map_err(|()| "the value is not known".to_string())?;
                Ok(s)
            }
        },
        's' => {
            if v.is_null() {
                return Err(
                    "unsupported value for \"%s\": null value cannot be formatted".to_string(),
                );
            }
            let s = text(v)?;
            Ok(match precision {
                Some(p) => s.chars().take(p).collect(),
                None => s,
            })
        }
        'q' => {
            let s = text(v)?;
            let mut out = String::new();
            super::value::json_string(&s, &mut out);
            Ok(out
                .replace("\\u003c", "<")
                .replace("\\u003e", ">")
                .replace("\\u0026", "&"))
        }
        't' => match &v.kind {
            Kind::Bool(b) => Ok(b.to_string()),
            Kind::String(s) if s == "true" || s == "false" => Ok(s.clone()),
            _ => Err(format!(
                "unsupported value for \"%t\": a bool is required, got {}",
                describe(v)
            )),
        },
        'd' | 'x' | 'X' | 'o' | 'b' => {
            if verb == 'x' || verb == 'X' {
                if let Kind::String(s) = &v.kind {
                    if parse_number(s).is_none() {
                        let hex: String = s.bytes().map(|b| format!("{b:02x}")).collect();
                        return Ok(if verb == 'X' { hex.to_uppercase() } else { hex });
                    }
                }
            }
            let n = num(v)?;
            let Some(i) = whole(n) else {
                return Err(format!(
                    "unsupported value for \"%{verb}\": value has a fractional part"
                ));
            };
            let body = match verb {
                'd' => i.unsigned_abs().to_string(),
                'x' => format!("{:x}", i.unsigned_abs()),
                'X' => format!("{:X}", i.unsigned_abs()),
                'o' => format!("{:o}", i.unsigned_abs()),
                _ => format!("{:b}", i.unsigned_abs()),
            };
            let body = if i < 0 { format!("-{body}") } else { body };
            Ok(sign(n, body))
        }
        'f' | 'F' => {
            let n = num(v)?;
            Ok(sign(n, format!("{:.*}", precision.unwrap_or(6), n)))
        }
        'e' | 'E' => {
            let n = num(v)?;
            let s = go_exp(n, Some(precision.unwrap_or(6)));
            Ok(sign(n, if verb == 'E' { s.to_uppercase() } else { s }))
        }
        'g' | 'G' => {
            let n = num(v)?;
            let s = go_general(n, precision);
            Ok(sign(n, if verb == 'G' { s.to_uppercase() } else { s }))
        }
        other => Err(format!("unsupported format verb `%{other}`")),
    }
}

/// `%e`: `1.500000e+03`.
fn go_exp(n: f64, precision: Option<usize>) -> String {
    let s = match precision {
        Some(p) => format!("{n:.p$e}"),
        None => format!("{n:e}"),
    };
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    format!(
        "{mantissa}e{}{:02}",
        if exp < 0 { '-' } else { '+' },
        exp.abs()
    )
}

/// `%g`: the shortest form, in exponent form for large or small exponents.
fn go_general(n: f64, precision: Option<usize>) -> String {
    if n == 0.0 {
        return "0".to_string();
    }
    let shortest = format!("{n:e}");
    let exp: i32 = shortest
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let limit = precision.map_or(21, |p| p.max(1) as i32);
    if exp < -4 || exp >= limit {
        go_exp(n, precision.map(|p| p.max(1) - 1))
    } else {
        match precision {
            Some(p) => {
                let decimals = (p.max(1) as i32 - 1 - exp).max(0) as usize;
                let s = format!("{n:.decimals$}");
                if s.contains('.') {
                    s.trim_end_matches('0').trim_end_matches('.').to_string()
                } else {
                    s
                }
            }
            None => number_text(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    fn s(x: &str) -> Value {
        Value::new(
            Kind::String(x.to_string()),
            Source::File {
                file: 0,
                span: Span::default(),
            },
        )
    }
    fn n(x: f64) -> Value {
        Value::new(
            Kind::Number(x),
            Source::File {
                file: 0,
                span: Span::default(),
            },
        )
    }

    #[test]
    fn format_verbs() {
        assert_eq!(
            format("Hello, %s!", &[s("Ander")]).unwrap(),
            "Hello, Ander!"
        );
        assert_eq!(
            format("There are %d lights", &[n(4.0)]).unwrap(),
            "There are 4 lights"
        );
        assert_eq!(
            format(
                "%5.2f|%-4d|%04d|%x|%q",
                &[n(3.25159), n(7.0), n(-7.0), n(255.0), s("a\"b")]
            )
            .unwrap(),
            " 3.25|7   |-007|ff|\"a\\\"b\""
        );
        assert_eq!(format("%[2]s %[1]s", &[s("a"), s("b")]).unwrap(), "b a");
        assert_eq!(
            format("%e %g %g", &[n(1500.0), n(1e21), n(0.5)]).unwrap(),
            "1.500000e+03 1e+21 0.5"
        );
        assert_eq!(
            format(
                "%t %v %%",
                &[Value::new(Kind::Bool(true), s("").source), n(1.5)]
            )
            .unwrap(),
            "true 1.5 %"
        );
        assert!(format("%d", &[]).unwrap_err().contains("not enough"));
        assert!(format("x", &[n(1.0)]).unwrap_err().contains("too many"));
        assert!(format("%d", &[n(1.5)]).unwrap_err().contains("fractional"));
    }

    #[test]
    fn strings() {
        assert_eq!(title("hello world-wide web_x"), "Hello World-Wide Web_x");
        assert_eq!(substr("hello world", 1, 4), "ello");
        assert_eq!(substr("🤔🤷", 0, 1), "🤔");
        assert_eq!(substr("hello world", -5, -1), "world");
        assert_eq!(substr("hello", 10, 2), "");
        assert_eq!(substr("hello", -10, 2), "he");
    }
}
