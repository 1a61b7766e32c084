//! JSON text to values with spans (`jsondecode`, `*.tfvars.json`).

use std::collections::BTreeMap;

use super::limits::{MAX_DATA_DEPTH, MAX_ITEMS};
use super::value::{Kind, Source, Value};
use crate::diagnostic::Span;

/// Decodes one JSON value whose text starts at `source`'s span, each value
/// with its own span. Also gives the spans of the top-level keys.
pub(super) fn decode(
    text: &str,
    source: Source,
) -> Result<(Value, BTreeMap<String, Span>), (Span, String)> {
    decode_at(text, source, true)
}

/// As [`decode`]; unless `exact`, every value gets `source` itself (the text
/// is not where `source` points, as for a string built by an expression).
pub(super) fn decode_at(
    text: &str,
    source: Source,
    exact: bool,
) -> Result<(Value, BTreeMap<String, Span>), (Span, String)> {
    let mut p = Parser {
        b: text.as_bytes(),
        text,
        i: 0,
        source,
        exact,
        keys: BTreeMap::new(),
    };
    p.ws();
    let v = p.value(0)?;
    p.ws();
    if p.i != p.b.len() {
        return Err((
            p.span(p.i, p.i + 1),
            "extra text after the value".to_string(),
        ));
    }
    Ok((v, p.keys))
}

struct Parser<'t> {
    b: &'t [u8],
    text: &'t str,
    i: usize,
    source: Source,
    exact: bool,
    keys: BTreeMap<String, Span>,
}

impl Parser<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        let base = self.source.span();
        if self.exact {
            let end = end.min(self.b.len());
            Span::new(
                base.start.saturating_add(start as u32),
                base.start.saturating_add(end as u32),
            )
        } else {
            base
        }
    }

    fn at(&self, start: usize) -> Source {
        self.source.with_span(self.span(start, self.i))
    }

    fn err<T>(&self, message: &str) -> Result<T, (Span, String)> {
        Err((self.span(self.i, self.i + 1), message.to_string()))
    }

    fn ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, (Span, String)> {
        if depth >= MAX_DATA_DEPTH {
            return self.err(&format!("nested more than {MAX_DATA_DEPTH} levels deep"));
        }
        let start = self.i;
        match self.b.get(self.i) {
            None => self.err("unexpected end of the text"),
            Some(b'{') => {
                self.i += 1;
                let mut map = BTreeMap::new();
                self.ws();
                if self.b.get(self.i) == Some(&b'}') {
                    self.i += 1;
                    return Ok(Value::new(Kind::Map(map), self.at(start)));
                }
                loop {
                    self.ws();
                    let key_start = self.i;
                    if self.b.get(self.i) != Some(&b'"') {
                        return self.err("expected a string key");
                    }
                    let key = self.string()?;
                    if depth == 0 {
                        self.keys.insert(key.clone(), self.span(key_start, self.i));
                    }
                    self.ws();
                    if self.b.get(self.i) != Some(&b':') {
                        return self.err("expected `:`");
                    }
                    self.i += 1;
                    self.ws();
                    let v = self.value(depth + 1)?;
                    map.insert(key, v);
                    if map.len() > MAX_ITEMS {
                        return self.err(&format!("more than {MAX_ITEMS} entries"));
                    }
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(Value::new(Kind::Map(map), self.at(start)));
                        }
                        _ => return self.err("expected `,` or `}`"),
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.b.get(self.i) == Some(&b']') {
                    self.i += 1;
                    return Ok(Value::new(Kind::List(items), self.at(start)));
                }
                loop {
                    self.ws();
                    items.push(self.value(depth + 1)?);
                    if items.len() > MAX_ITEMS {
                        return self.err(&format!("more than {MAX_ITEMS} elements"));
                    }
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(Value::new(Kind::List(items), self.at(start)));
                        }
                        _ => return self.err("expected `,` or `]`"),
                    }
                }
            }
            Some(b'"') => {
                let s = self.string()?;
                Ok(Value::new(Kind::String(s), self.at(start)))
            }
            Some(b't') if self.b[self.i..].starts_with(b"true") => {
                self.i += 4;
                Ok(Value::new(Kind::Bool(true), self.at(start)))
            }
            Some(b'f') if self.b[self.i..].starts_with(b"false") => {
                self.i += 5;
                Ok(Value::new(Kind::Bool(false), self.at(start)))
            }
            Some(b'n') if self.b[self.i..].starts_with(b"null") => {
                self.i += 4;
                Ok(Value::new(Kind::Null, self.at(start)))
            }
            Some(b'-' | b'0'..=b'9') => {
                let mut j = self.i;
                if self.b[j] == b'-' {
                    j += 1;
                }
                let digits = |j: &mut usize, b: &[u8]| {
                    let s = *j;
                    while *j < b.len() && b[*j].is_ascii_digit() {
                        *j += 1;
                    }
                    *j > s
                };
                if !digits(&mut j, self.b) {
                    return self.err("invalid number");
                }
                if self.b.get(j) == Some(&b'.') {
                    j += 1;
                    if !digits(&mut j, self.b) {
                        return self.err("invalid number");
                    }
                }
                if matches!(self.b.get(j), Some(b'e' | b'E')) {
                    j += 1;
                    if matches!(self.b.get(j), Some(b'+' | b'-')) {
                        j += 1;
                    }
                    if !digits(&mut j, self.b) {
                        return self.err("invalid number");
                    }
                }
                let n: f64 = self.text[self.i..j].parse().unwrap_or(f64::NAN);
                if !n.is_finite() {
                    return self.err("number out of range");
                }
                self.i = j;
                Ok(Value::new(Kind::Number(n), self.at(start)))
            }
            Some(_) => self.err("expected a JSON value"),
        }
    }

    /// A string at `self.i` (on its opening quote).
    fn string(&mut self) -> Result<String, (Span, String)> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let Some(&c) = self.b.get(self.i) else {
                return self.err("unterminated string");
            };
            match c {
                b'"' => {
                    self.i += 1;
                    return Ok(out);
                }
                b'\\' => {
                    let e = self.b.get(self.i + 1).copied();
                    self.i += 2;
                    match e {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let hi = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&hi)
                                && self.b[self.i..].starts_with(b"\\u")
                            {
                                self.i += 2;
                                let lo = self.hex4()?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                } else {
                                    None
                                }
                            } else {
                                char::from_u32(hi)
                            };
                            out.push(c.unwrap_or('\u{fffd}'));
                        }
                        _ => {
                            self.i -= 2;
                            return self.err("invalid escape");
                        }
                    }
                }
                c if c < 0x20 => return self.err("control character in a string"),
                _ => {
                    // Copy one UTF-8 character.
                    let rest = &self.text[self.i..];
                    let ch = rest.chars().next().unwrap_or('\u{fffd}');
                    out.push(ch);
                    self.i += ch.len_utf8().max(1);
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, (Span, String)> {
        let Some(h) = self.text.get(self.i..self.i + 4) else {
            return self.err("invalid \\u escape");
        };
        match u32::from_str_radix(h, 16) {
            Ok(v) if h.bytes().all(|b| b.is_ascii_hexdigit()) => {
                self.i += 4;
                Ok(v)
            }
            _ => self.err("invalid \\u escape"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_with_spans() {
        let text = r#"{"b": [1, 2.5, "x\u00e9\ud83d\ude00"], "a": {"t": true, "n": null}}"#;
        let src = Source::File {
            file: 3,
            span: Span::new(10, 10 + text.len() as u32),
        };
        let (v, keys) = decode(text, src).unwrap();
        let b = v.get("b").unwrap().as_list().unwrap();
        assert_eq!(b[1].as_number(), Some(2.5));
        assert_eq!(b[2].as_str(), Some("xé😀"));
        assert_eq!(
            b[0].source,
            Source::File {
                file: 3,
                span: Span::new(17, 18)
            }
        );
        assert_eq!(keys["a"], Span::new(10 + 39, 10 + 42));
        assert!(v.get("a").unwrap().get("n").unwrap().is_null());
        assert!(decode("[1,]", src).is_err());
        assert!(decode("{\"a\":1} x", src).is_err());
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert!(decode(&deep, src).unwrap_err().1.contains("nested"));
    }
}
