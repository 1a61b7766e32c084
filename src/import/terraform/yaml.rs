//! YAML text to values with spans, as Terraform's `yamldecode` reads it.
//!
//! Terraform decodes YAML with `go-cty-yaml`, which resolves plain scalars
//! by YAML 1.1 rules: `yes`/`no`/`on`/`off`/`y`/`n` are booleans, `~` is null,
//! and an unquoted timestamp (`2026-03-02`, `2026-03-02 09:00:00`) becomes
//! RFC 3339 text (`2026-03-02T00:00:00Z`). Quoted and block scalars are
//! strings. Mapping keys are scalars, converted to strings (`yes:` is the key
//! `"true"`). One document only; aliases copy their anchor's value.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use saphyr_parser::{Event, Parser, ScalarStyle};

use super::limits::{MAX_DATA_DEPTH, MAX_ITEMS};
use super::time::yaml_timestamp;
use super::types::parse_number;
use super::value::{number_text, weight, Kind, Source, Value};
use crate::diagnostic::Span;

enum Frame {
    Seq {
        start: Span,
        anchor: usize,
        items: Vec<Value>,
    },
    Map {
        start: Span,
        anchor: usize,
        map: BTreeMap<String, Value>,
        key: Option<String>,
    },
}

/// Decodes one YAML document. `exact`: `source`'s span is where `text`
/// starts in its file, so each value gets its own span; else all get
/// `source`. `budget`: most value nodes that aliases may copy.
pub(super) fn decode(
    text: &str,
    source: Source,
    exact: bool,
    budget: u64,
) -> Result<Value, (Span, String)> {
    let offsets = CharOffsets::new(text);
    let base = source.span();
    let span_of = |s: &saphyr_parser::Span| -> Span {
        if exact {
            let a = offsets.byte(s.start.index());
            let b = offsets.byte(s.end.index()).max(a);
            Span::new(base.start.saturating_add(a), base.start.saturating_add(b))
        } else {
            base
        }
    };
    let mut parser = Parser::new_from_str(text);
    let mut frames: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Value> = HashMap::new();
    let mut pending: Vec<usize> = Vec::new();
    let mut root: Option<Value> = None;
    let mut documents = 0;
    let mut copied = 0u64;
    let mut count = 0usize;
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(pair) => pair,
            Err(e) => {
                let at = offsets.byte(e.marker().index());
                let at = if exact {
                    base.start.saturating_add(at)
                } else {
                    base.start
                };
                return Err((Span::new(at, at), format!("invalid YAML: {}", e.info())));
            }
        };
        let span = span_of(&span);
        let is_seq = matches!(event, Event::SequenceStart(..));
        let value = match event {
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err((span, "only a single document is allowed".to_string()));
                }
                continue;
            }
            Event::Scalar(text, style, anchor, tag) => {
                let tag = tag.map(|t| match t {
                    Cow::Borrowed(t) => full_tag(&t.handle, &t.suffix),
                    Cow::Owned(t) => full_tag(&t.handle, &t.suffix),
                });
                let kind = resolve(&text, style, tag.as_deref()).map_err(|m| (span, m))?;
                let v = Value::new(kind, source.with_span(span));
                if anchor > 0 {
                    anchors.insert(anchor, v.clone());
                }
                v
            }
            Event::Alias(anchor) => {
                if pending.contains(&anchor) {
                    return Err((
                        span,
                        "an alias cannot refer to its own anchor from inside it".to_string(),
                    ));
                }
                let Some(v) = anchors.get(&anchor) else {
                    return Err((span, "reference to an undefined anchor".to_string()));
                };
                copied = copied.saturating_add(weight(v, budget));
                if copied >= budget {
                    return Err((
                        span,
                        "the aliases of this YAML expand to too many values".to_string(),
                    ));
                }
                v.clone()
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) => {
                if let Some(t) = tag {
                    let t = full_tag(&t.handle, &t.suffix);
                    let want = if is_seq {
                        "tag:yaml.org,2002:seq"
                    } else {
                        "tag:yaml.org,2002:map"
                    };
                    if t != want {
                        return Err((span, format!("unsupported tag \"{t}\"")));
                    }
                }
                if frames.len() >= MAX_DATA_DEPTH {
                    return Err((
                        span,
                        format!("nested more than {MAX_DATA_DEPTH} levels deep"),
                    ));
                }
                if anchor > 0 {
                    pending.push(anchor);
                }
                frames.push(if is_seq {
                    Frame::Seq {
                        start: span,
                        anchor,
                        items: Vec::new(),
                    }
                } else {
                    Frame::Map {
                        start: span,
                        anchor,
                        map: BTreeMap::new(),
                        key: None,
                    }
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = frames.pop() else { continue };
                let (start, anchor, kind) = match frame {
                    Frame::Seq {
                        start,
                        anchor,
                        items,
                    } => (start, anchor, Kind::List(items)),
                    Frame::Map {
                        start, anchor, map, ..
                    } => (start, anchor, Kind::Map(map)),
                };
                let whole = Span::new(start.start, span.end.max(start.start));
                let v = Value::new(kind, source.with_span(if exact { whole } else { base }));
                if anchor > 0 {
                    pending.retain(|a| *a != anchor);
                    anchors.insert(anchor, v.clone());
                }
                v
            }
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => continue,
        };
        count += 1;
        if count > MAX_ITEMS * 10 {
            return Err((span, "this YAML has too many values".to_string()));
        }
        match frames.last_mut() {
            None => {
                if root.is_some() {
                    return Err((span, "unexpected extra content after the value".to_string()));
                }
                root = Some(value);
            }
            Some(Frame::Seq { items, .. }) => {
                if items.len() >= MAX_ITEMS {
                    return Err((
                        span,
                        format!("a sequence of more than {MAX_ITEMS} elements"),
                    ));
                }
                items.push(value);
            }
            Some(Frame::Map { map, key, .. }) => match key.take() {
                None => {
                    let k = match &value.kind {
                        Kind::String(s) => s.clone(),
                        Kind::Number(n) => number_text(*n),
                        Kind::Bool(b) => b.to_string(),
                        Kind::Null => {
                            return Err((span, "a mapping key cannot be null".to_string()))
                        }
                        _ => {
                            return Err((
                                span,
                                "only strings are allowed as mapping keys".to_string(),
                            ))
                        }
                    };
                    *key = Some(k);
                }
                Some(k) => {
                    if map.len() >= MAX_ITEMS {
                        return Err((span, format!("a mapping of more than {MAX_ITEMS} entries")));
                    }
                    map.insert(k, value);
                }
            },
        }
    }
    root.ok_or((
        base,
        "expecting a value but found the end of the text".to_string(),
    ))
}

fn full_tag(handle: &str, suffix: &str) -> String {
    if handle == "!!" {
        format!("tag:yaml.org,2002:{suffix}")
    } else {
        format!("{handle}{suffix}")
    }
}

/// A scalar's value, by `go-cty-yaml`'s rules.
fn resolve(src: &str, style: ScalarStyle, tag: Option<&str>) -> Result<Kind, String> {
    const P: &str = "tag:yaml.org,2002:";
    let tag = match tag {
        None if style != ScalarStyle::Plain => return Ok(Kind::String(src.to_string())),
        None | Some("!") => "",
        Some(t) => t,
    };
    let short = tag.strip_prefix(P).unwrap_or(tag);
    let known = tag.starts_with(P)
        && matches!(
            short,
            "str" | "bool" | "int" | "float" | "null" | "timestamp" | "binary"
        );
    if !tag.is_empty() && !known {
        return Err(format!("unsupported tag \"{tag}\""));
    }
    if matches!(short, "str" | "binary") {
        return Ok(Kind::String(src.to_string()));
    }
    let by_name = match src {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            Some(Kind::Bool(true))
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            Some(Kind::Bool(false))
        }
        "" | "~" | "null" | "Null" | "NULL" => Some(Kind::Null),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF" => {
            return Err("infinity is not supported".to_string());
        }
        ".nan" | ".NaN" | ".NAN" => return Err("floating point NaN is not supported".to_string()),
        _ => None,
    };
    let cannot = || Err(format!("cannot parse \"{src}\" as {tag}"));
    match short {
        "bool" => match by_name {
            Some(k @ Kind::Bool(_)) => return Ok(k),
            _ => return cannot(),
        },
        "null" => return Ok(Kind::Null),
        "int" | "float" => {
            let plain = src.replace('_', "");
            return match parse_number(&plain).or_else(|| parse_radix(&plain)) {
                Some(n) => Ok(Kind::Number(n)),
                None => cannot(),
            };
        }
        "timestamp" => {
            return match yaml_timestamp(src) {
                Some(t) => Ok(Kind::String(t)),
                None => cannot(),
            };
        }
        _ => {}
    }
    if let Some(k) = by_name {
        return Ok(k);
    }
    let first = src.as_bytes().first().copied().unwrap_or(b' ');
    if first.is_ascii_digit() || first == b'+' || first == b'-' || first == b'.' {
        if let Some(t) = yaml_timestamp(src) {
            return Ok(Kind::String(t));
        }
        let plain = src.replace('_', "");
        if let Some(n) = parse_number(&plain) {
            return Ok(Kind::Number(n));
        }
        if let Some(bin) = plain
            .strip_prefix("0b")
            .or_else(|| plain.strip_prefix("-0b"))
        {
            if let Ok(n) = i64::from_str_radix(bin, 2) {
                let n = if plain.starts_with('-') { -n } else { n };
                return Ok(Kind::Number(n as f64));
            }
        }
    }
    Ok(Kind::String(src.to_string()))
}

/// `0x1f`, `0o17`, `017` as `strconv.ParseInt(s, 0, 64)` reads them.
fn parse_radix(s: &str) -> Option<f64> {
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let n = if let Some(h) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        i64::from_str_radix(h, 16).ok()?
    } else if let Some(o) = body.strip_prefix("0o").or_else(|| body.strip_prefix("0O")) {
        i64::from_str_radix(o, 8).ok()?
    } else if let Some(b) = body.strip_prefix("0b").or_else(|| body.strip_prefix("0B")) {
        i64::from_str_radix(b, 2).ok()?
    } else if body.len() > 1 && body.starts_with('0') {
        i64::from_str_radix(&body[1..], 8).ok()?
    } else {
        return None;
    };
    Some(if neg { -(n as f64) } else { n as f64 })
}

/// Char index to byte offset.
struct CharOffsets {
    /// Byte offset of each char, for non-ASCII text (empty for ASCII).
    bytes: Vec<u32>,
    len: u32,
}

impl CharOffsets {
    fn new(text: &str) -> CharOffsets {
        let bytes = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices().map(|(i, _)| i as u32).collect()
        };
        CharOffsets {
            bytes,
            len: text.len() as u32,
        }
    }

    fn byte(&self, index: usize) -> u32 {
        if self.bytes.is_empty() {
            (index as u32).min(self.len)
        } else {
            self.bytes.get(index).copied().unwrap_or(self.len)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Value {
        let src = Source::File {
            file: 0,
            span: Span::new(0, text.len() as u32),
        };
        decode(text, src, true, 1_000_000).unwrap()
    }

    #[test]
    fn scalars_as_terraform_reads_them() {
        let v = dec("a: yes\nb: 'yes'\nc: 09:00\nd: 2026-03-02\ne: 1_000\nf: ~\ng: \"2026-03-02\"\nh: 0x1F\nyes: 1\n");
        assert_eq!(v.get("a").unwrap().as_bool(), Some(true));
        assert_eq!(v.get("b").unwrap().as_str(), Some("yes"));
        assert_eq!(v.get("c").unwrap().as_str(), Some("09:00"));
        assert_eq!(v.get("d").unwrap().as_str(), Some("2026-03-02T00:00:00Z"));
        assert_eq!(v.get("e").unwrap().as_number(), Some(1000.0));
        assert!(v.get("f").unwrap().is_null());
        assert_eq!(v.get("g").unwrap().as_str(), Some("2026-03-02"));
        assert_eq!(v.get("h").unwrap().as_str(), Some("0x1F"));
        assert_eq!(v.get("true").unwrap().as_number(), Some(1.0));
        assert_eq!(v.get("b").unwrap().span(), Span::new(10, 15));
    }

    #[test]
    fn aliases_and_limits() {
        // `y` is a YAML 1.1 boolean, so the key is "true", as in Terraform.
        let v = dec("x: &a [1, 2]\ny: *a\n");
        assert_eq!(v.get("true").unwrap().as_list().unwrap().len(), 2);
        let src = Source::File {
            file: 0,
            span: Span::new(0, 0),
        };
        assert!(decode("a: &x [*x]", src, true, 1000).is_err());
        assert!(decode("---\na: 1\n---\nb: 2\n", src, true, 1000).is_err());
        let bomb = "a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n";
        assert!(decode(bomb, src, true, 10_000).is_err());
        assert!(decode("[", src, true, 1000).is_err());
    }
}
