//! Typing of scalars by the YAML 1.2 core schema.
//!
//! Only plain (unquoted) scalars are typed: `null`/`~`/empty, `true`/`false`
//! (three spellings each), integers (decimal, `0o` octal, `0x` hex), floats
//! (including `.inf` and `.nan`). Everything else is a string, so `09:00`,
//! `on`, `off`, `yes`, `no` and `2026-03-01` stay strings (YAML 1.1 typed
//! them; 1.2 does not).

use super::NodeKind;

/// A problem with a scalar: code, message, help.
pub type ScalarProblem = (&'static str, String, String);

/// Types one scalar. `tag` is `(handle, suffix)` when the scalar has one.
///
/// ```
/// use escalator::document::{scalar::type_scalar, NodeKind};
/// assert_eq!(type_scalar("on", true, None).0, NodeKind::Str("on".into()));
/// assert_eq!(type_scalar("0x1F", true, None).0, NodeKind::Int(31));
/// assert_eq!(type_scalar("true", false, None).0, NodeKind::Str("true".into()));
/// assert_eq!(type_scalar("~", true, None).0, NodeKind::Null);
/// ```
pub fn type_scalar(
    value: &str,
    plain: bool,
    tag: Option<&(String, String)>,
) -> (NodeKind, Option<ScalarProblem>) {
    if let Some((handle, suffix)) = tag {
        let core = handle == "tag:yaml.org,2002:" || handle == "!!";
        if handle == "!" && suffix.is_empty() {
            return (NodeKind::Str(value.to_string()), None);
        }
        if !core {
            let problem = (
                "unsupported-tag",
                format!("tag `{handle}{suffix}` is not supported"),
                "remove the tag; only the YAML core tags (`!!str`, ...) are understood".to_string(),
            );
            return (NodeKind::Str(value.to_string()), Some(problem));
        }
        if suffix == "str" {
            return (NodeKind::Str(value.to_string()), None);
        }
    }
    if !plain {
        return (NodeKind::Str(value.to_string()), None);
    }
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return (NodeKind::Null, None),
        "true" | "True" | "TRUE" => return (NodeKind::Bool(true), None),
        "false" | "False" | "FALSE" => return (NodeKind::Bool(false), None),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return (NodeKind::Float(f64::INFINITY), None)
        }
        "-.inf" | "-.Inf" | "-.INF" => return (NodeKind::Float(f64::NEG_INFINITY), None),
        ".nan" | ".NaN" | ".NAN" => return (NodeKind::Float(f64::NAN), None),
        _ => {}
    }
    if let Some(kind) = integer(value) {
        return kind;
    }
    if is_float(value) {
        let parsed: f64 = value.parse().unwrap_or(f64::INFINITY);
        if !parsed.is_finite() {
            return (NodeKind::Float(parsed), Some(out_of_range(value)));
        }
        return (NodeKind::Float(parsed), None);
    }
    (NodeKind::Str(value.to_string()), None)
}

fn out_of_range(value: &str) -> ScalarProblem {
    let shown: String = value.chars().take(40).collect();
    let dots = if value.chars().count() > 40 {
        "..."
    } else {
        ""
    };
    (
        "number-out-of-range",
        format!("number `{shown}{dots}` is too large"),
        "numbers must fit in 64 bits; quote it if it is meant as text".to_string(),
    )
}

fn integer(value: &str) -> Option<(NodeKind, Option<ScalarProblem>)> {
    let (digits, radix, sign) = if let Some(hex) = value.strip_prefix("0x") {
        (hex, 16, 1)
    } else if let Some(oct) = value.strip_prefix("0o") {
        (oct, 8, 1)
    } else if let Some(rest) = value.strip_prefix('-') {
        (rest, 10, -1)
    } else {
        (value.strip_prefix('+').unwrap_or(value), 10, 1)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let parsed = i64::from_str_radix(digits, radix)
        .ok()
        .and_then(|n| n.checked_mul(sign));
    Some(match parsed {
        Some(n) => (NodeKind::Int(n), None),
        // i64::MIN has no positive counterpart; anything else is too big.
        None if value == "-9223372036854775808" => (NodeKind::Int(i64::MIN), None),
        None => (NodeKind::Float(f64::INFINITY), Some(out_of_range(value))),
    })
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_float(value: &str) -> bool {
    let b = value.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'-' | b'+')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let whole = digits(&mut i);
    let mut fraction = 0;
    let mut dot = false;
    if b.get(i) == Some(&b'.') {
        dot = true;
        i += 1;
        fraction = digits(&mut i);
    }
    if whole == 0 && (!dot || fraction == 0) {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(v: &str) -> NodeKind {
        type_scalar(v, true, None).0
    }

    #[test]
    fn core_schema() {
        assert_eq!(kind("09:00"), NodeKind::Str("09:00".into()));
        assert_eq!(kind("off"), NodeKind::Str("off".into()));
        assert_eq!(kind("yes"), NodeKind::Str("yes".into()));
        assert_eq!(kind("2026-03-01"), NodeKind::Str("2026-03-01".into()));
        assert_eq!(kind("1e3"), NodeKind::Float(1000.0));
        assert_eq!(kind("-12"), NodeKind::Int(-12));
        assert_eq!(kind("+12"), NodeKind::Int(12));
        assert_eq!(kind("0o17"), NodeKind::Int(15));
        assert_eq!(kind("1."), NodeKind::Float(1.0));
        assert_eq!(kind(".5"), NodeKind::Float(0.5));
        assert_eq!(kind("."), NodeKind::Str(".".into()));
        assert_eq!(kind("1e"), NodeKind::Str("1e".into()));
        assert_eq!(kind("15m"), NodeKind::Str("15m".into()));
        assert_eq!(kind("-9223372036854775808"), NodeKind::Int(i64::MIN));
    }

    #[test]
    fn absurd_numbers_are_reported() {
        assert_eq!(
            type_scalar("99999999999999999999", true, None)
                .1
                .map(|p| p.0),
            Some("number-out-of-range")
        );
        assert_eq!(
            type_scalar("1e999999", true, None).1.map(|p| p.0),
            Some("number-out-of-range")
        );
        let long = "9".repeat(100_000);
        assert!(type_scalar(&long, true, None).1.is_some());
    }
}
