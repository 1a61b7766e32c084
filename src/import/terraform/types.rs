//! Type constraints of `variable` blocks and the conversions Terraform
//! applies to a variable's value.

use std::collections::BTreeMap;

use hcl_edit::expr::{Expression, ObjectKey};

use super::eval::{span_of, Evaluator, Origin, Scope};
use super::value::{normalize_set, number_text, Kind, Source, Value};
use crate::diagnostic::Span;

/// A type constraint.
#[derive(Clone, Debug)]
pub(super) enum Ty<'a> {
    /// No `type`: anything; a `--var` value is taken as a string.
    Unset,
    /// `any`: anything; a `--var` value is parsed as HCL.
    Any,
    String,
    Number,
    Bool,
    List(Box<Ty<'a>>),
    Set(Box<Ty<'a>>),
    Map(Box<Ty<'a>>),
    Tuple(Vec<Ty<'a>>),
    Object(Vec<ObjectAttr<'a>>),
}

/// One attribute of an `object({...})` type.
#[derive(Clone, Debug)]
pub(super) struct ObjectAttr<'a> {
    name: String,
    ty: Ty<'a>,
    optional: bool,
    /// `optional(T, default)`: the default and its file.
    default: Option<(&'a Expression, usize)>,
}

impl Ty<'_> {
    /// Whether a `--var` value is taken as it is (no type, or a primitive
    /// type) rather than parsed as an HCL expression.
    pub(super) fn parses_literally(&self) -> bool {
        matches!(self, Ty::Unset | Ty::String | Ty::Number | Ty::Bool)
    }
}

/// Reads a type expression.
pub(super) fn parse(e: &Expression, file: usize) -> Result<Ty<'_>, (Span, String)> {
    parse_inner(e, file, false).map(|(t, _)| t)
}

type Parsed<'a> = (Ty<'a>, Option<(bool, Option<(&'a Expression, usize)>)>);

fn parse_inner(e: &Expression, file: usize, in_object: bool) -> Result<Parsed<'_>, (Span, String)> {
    let bad = |what: &str| Err((span_of(e), what.to_string()));
    match e {
        Expression::Variable(v) => match v.as_str() {
            "string" => Ok((Ty::String, None)),
            "number" => Ok((Ty::Number, None)),
            "bool" => Ok((Ty::Bool, None)),
            "any" => Ok((Ty::Any, None)),
            other => Err((span_of(e), format!("`{other}` is not a type; the types are string, number, bool, any, list(...), set(...), map(...), tuple([...]) and object({{...}})"))),
        },
        Expression::FuncCall(f) => {
            let args: Vec<&Expression> = f.args.iter().collect();
            let name = f.name.name.as_str();
            match (name, args.as_slice()) {
                ("list", [t]) => Ok((Ty::List(Box::new(parse_inner(t, file, false)?.0)), None)),
                ("set", [t]) => Ok((Ty::Set(Box::new(parse_inner(t, file, false)?.0)), None)),
                ("map", [t]) => Ok((Ty::Map(Box::new(parse_inner(t, file, false)?.0)), None)),
                ("tuple", [Expression::Array(items)]) => {
                    let mut out = Vec::new();
                    for t in items.iter() {
                        out.push(parse_inner(t, file, false)?.0);
                    }
                    Ok((Ty::Tuple(out), None))
                }
                ("object", [Expression::Object(o)]) => {
                    let mut attrs = Vec::new();
                    for (k, v) in o.iter() {
                        let name = match k {
                            ObjectKey::Ident(id) => id.as_str().to_string(),
                            ObjectKey::Expression(Expression::String(s)) => s.value().clone(),
                            ObjectKey::Expression(other) => {
                                return Err((span_of(other), "an object type's attribute names are plain names".to_string()));
                            }
                        };
                        let (ty, opt) = parse_inner(v.expr(), file, true)?;
                        let (optional, default) = opt.unwrap_or((false, None));
                        attrs.push(ObjectAttr { name, ty, optional, default });
                    }
                    Ok((Ty::Object(attrs), None))
                }
                ("optional", [t]) if in_object => Ok((parse_inner(t, file, false)?.0, Some((true, None)))),
                ("optional", [t, d]) if in_object => {
                    Ok((parse_inner(t, file, false)?.0, Some((true, Some((*d, file))))))
                }
                _ => bad("not a valid type: expected string, number, bool, any, list(T), set(T), map(T), tuple([...]), object({...}) or, in an object, optional(T)"),
            }
        }
        _ => bad("not a valid type"),
    }
}

/// A value as a number, as Terraform converts it (a string of digits is a
/// number).
pub(super) fn to_number(v: &Value) -> Option<f64> {
    match &v.kind {
        Kind::Number(n) => Some(*n),
        Kind::String(s) => parse_number(s),
        _ => None,
    }
}

/// A decimal number in a string (`12`, `-1.5`, `1e3`), nothing else.
pub(super) fn parse_number(s: &str) -> Option<f64> {
    let ok = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
        && s.bytes().any(|b| b.is_ascii_digit());
    if !ok {
        return None;
    }
    s.parse::<f64>().ok().filter(|n| n.is_finite())
}

type Failure = (Source, String);

/// Converts a value to a type, as Terraform does for a variable's value.
pub(super) fn convert(v: Value, ty: &Ty, ev: &mut Evaluator) -> Result<Value, Failure> {
    let kind_ok = !matches!(
        v.kind,
        Kind::Unknown { .. } | Kind::Ref { .. } | Kind::Error | Kind::Null
    );
    if !kind_ok {
        return Ok(v);
    }
    let source = v.source;
    let wrong = |what: &str, v: &Value| {
        Err((
            v.source,
            format!("{what} is required, got a {}", v.type_name()),
        ))
    };
    match ty {
        Ty::Unset | Ty::Any => Ok(v),
        Ty::String => match &v.kind {
            Kind::String(_) => Ok(v),
            Kind::Number(n) => Ok(Value::new(Kind::String(number_text(*n)), source)),
            Kind::Bool(b) => Ok(Value::new(Kind::String(b.to_string()), source)),
            _ => wrong("a string", &v),
        },
        Ty::Number => match &v.kind {
            Kind::Number(_) => Ok(v),
            Kind::String(s) => match parse_number(s) {
                Some(n) => Ok(Value::new(Kind::Number(n), source)),
                None => Err((source, format!("a number is required, got `{s}`"))),
            },
            _ => wrong("a number", &v),
        },
        Ty::Bool => match &v.kind {
            Kind::Bool(_) => Ok(v),
            Kind::String(s) if s == "true" => Ok(Value::new(Kind::Bool(true), source)),
            Kind::String(s) if s == "false" => Ok(Value::new(Kind::Bool(false), source)),
            _ => wrong("a bool", &v),
        },
        Ty::List(t) | Ty::Set(t) => {
            let items = match v.kind {
                Kind::List(items) | Kind::Set(items) => items,
                _ => {
                    return wrong(
                        if matches!(ty, Ty::List(_)) {
                            "a list"
                        } else {
                            "a set"
                        },
                        &v,
                    )
                }
            };
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(convert(item, t, ev)?);
            }
            if matches!(ty, Ty::Set(_)) {
                normalize_set(&mut out);
                Ok(Value::new(Kind::Set(out), source))
            } else {
                Ok(Value::new(Kind::List(out), source))
            }
        }
        Ty::Map(t) => {
            let Kind::Map(map) = v.kind else {
                return wrong("a map", &v);
            };
            let mut out = BTreeMap::new();
            for (k, item) in map {
                out.insert(k, convert(item, t, ev)?);
            }
            Ok(Value::new(Kind::Map(out), source))
        }
        Ty::Tuple(ts) => {
            let items = match v.kind {
                Kind::List(items) | Kind::Set(items) if items.len() == ts.len() => items,
                Kind::List(ref items) | Kind::Set(ref items) => {
                    return Err((
                        source,
                        format!(
                            "a tuple of {} elements is required, got {}",
                            ts.len(),
                            items.len()
                        ),
                    ));
                }
                _ => return wrong("a tuple", &v),
            };
            let mut out = Vec::new();
            for (item, t) in items.into_iter().zip(ts) {
                out.push(convert(item, t, ev)?);
            }
            Ok(Value::new(Kind::List(out), source))
        }
        Ty::Object(attrs) => {
            let Kind::Map(mut map) = v.kind else {
                return wrong("an object", &v);
            };
            let mut out = BTreeMap::new();
            for a in attrs {
                match map.remove(&a.name) {
                    Some(item) if !(item.is_null() && a.default.is_some()) => {
                        out.insert(a.name.clone(), convert(item, &a.ty, ev)?);
                    }
                    _ if a.optional => {
                        let d = match a.default {
                            Some((e, file)) => {
                                let mut dsc = Scope::literal(Origin::File(file));
                                let d = ev.eval(&mut dsc, e);
                                convert(d, &a.ty, ev)?
                            }
                            None => Value::new(Kind::Null, source),
                        };
                        out.insert(a.name.clone(), d);
                    }
                    _ => return Err((source, format!("the attribute `{}` is required", a.name))),
                }
            }
            Ok(Value::new(Kind::Map(out), source))
        }
    }
}
