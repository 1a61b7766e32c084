//! Text to content lines (RFC 5545 section 3.1): line ends (CRLF, LF or a
//! lone CR), unfolding (a line starting with a space or a tab continues the
//! one before), a leading byte-order mark, then `NAME;PARAM=VALUE:VALUE`
//! with quoted parameter values, value lists and RFC 6868's `^` escapes.
//!
//! Every piece keeps byte spans into the original text: a folded property
//! spans all its physical lines, and a range inside its unfolded value maps
//! back to the original bytes ([`ContentLine::value_span_of`]).

use crate::diagnostic::{Diagnostic, Span};

/// One parameter (`TZID=Europe/Berlin`, `MEMBER="a","b"`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Param {
    /// Uppercased.
    pub name: String,
    /// Each value, unquoted and with RFC 6868's `^n`, `^^`, `^'` decoded.
    pub values: Vec<String>,
    /// From the name to the end of the last value.
    pub span: Span,
    /// Each value's span (quotes included).
    pub value_spans: Vec<Span>,
}

/// One unfolded property line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentLine {
    /// Uppercased (`DTSTART`).
    pub name: String,
    pub name_span: Span,
    pub params: Vec<Param>,
    /// The value as written, unfolded (escapes not yet decoded).
    pub value: String,
    /// From the value's first byte to the end of the property's last
    /// physical line.
    pub value_span: Span,
    /// The whole property, all its physical lines (line breaks excluded).
    pub span: Span,
    /// Pieces of the unfolded line: (offset in the unfolded line, offset in
    /// the original text), in order.
    pieces: Vec<(u32, u32)>,
    /// Where the value starts in the unfolded line.
    value_at: u32,
}

impl ContentLine {
    /// The first value of a parameter, if given.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.values.first())
            .map(String::as_str)
    }

    /// The parameter itself, if given.
    pub fn param_full(&self, name: &str) -> Option<&Param> {
        self.params.iter().find(|p| p.name == name)
    }

    /// The original span of bytes `[a, b)` of the unfolded value.
    pub fn value_span_of(&self, a: usize, b: usize) -> Span {
        let at = |x: usize| self.original(self.value_at.saturating_add(x as u32));
        let start = at(a);
        let end = if b > a { at(b - 1) + 1 } else { start };
        // A last byte that is part of a longer char: extend to its end.
        Span::new(start, end.max(start))
    }

    /// The original offset of unfolded offset `x` (clamped to the line).
    fn original(&self, x: u32) -> u32 {
        let i = self.pieces.partition_point(|p| p.0 <= x);
        match i.checked_sub(1).and_then(|j| self.pieces.get(j)) {
            Some(&(logical, original)) => original + (x - logical),
            None => self.span.start,
        }
    }
}

/// Reading limits for one calendar text.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The most bytes read (32 MiB).
    pub max_bytes: usize,
    /// The most content lines read (after unfolding).
    pub max_lines: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 32 * 1024 * 1024,
            max_lines: 1_000_000,
        }
    }
}

/// Physical lines: (start, end) byte offsets, line breaks excluded.
fn physical_lines(text: &str, from: usize) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = from;
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push((start, i));
                i += 1;
                start = i;
            }
            b'\r' => {
                out.push((start, i));
                i += if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        out.push((start, bytes.len()));
    }
    out
}

/// Reads a text into content lines, with a diagnostic for every line that
/// is not one. Reading stops at the limits, with a diagnostic.
pub fn content_lines(
    text: &str,
    limits: Limits,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<ContentLine> {
    let mut out = Vec::new();
    let mut text = text;
    if text.len() > limits.max_bytes {
        diagnostics.push(
            Diagnostic::error(
                "ical-too-large",
                Span::new(0, 0),
                format!(
                    "the calendar is {} bytes, over the limit of {}",
                    text.len(),
                    limits.max_bytes
                ),
            )
            .with_help("split the calendar, or export a shorter period"),
        );
        // Read the part within the limit, cut at a line break.
        let mut cut = limits.max_bytes.min(text.len());
        while cut > 0 && !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let head = &text[..cut];
        text = &head[..head.rfind('\n').map_or(0, |i| i + 1)];
    }
    let from = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let physical = physical_lines(text, from);
    // Group physical lines into logical ones.
    let mut groups: Vec<Vec<(usize, usize)>> = Vec::new();
    for (a, b) in physical {
        let first = text.as_bytes().get(a).copied();
        if a == b {
            // An empty line ends the current property.
            groups.push(Vec::new());
            continue;
        }
        match (first, groups.last_mut()) {
            (Some(b' ' | b'\t'), Some(g)) if !g.is_empty() => g.push((a + 1, b)),
            _ => groups.push(vec![(a, b)]),
        }
    }
    let mut count = 0;
    for g in groups {
        if g.is_empty() {
            continue;
        }
        count += 1;
        if count > limits.max_lines {
            let at = g.first().map_or(0, |p| p.0) as u32;
            diagnostics.push(
                Diagnostic::error(
                    "ical-too-many-lines",
                    Span::new(at, at),
                    format!(
                        "the calendar has more than {} lines; the rest is not read",
                        limits.max_lines
                    ),
                )
                .with_help("split the calendar, or export a shorter period"),
            );
            break;
        }
        if let Some(line) = parse_line(text, &g, diagnostics) {
            out.push(line);
        }
    }
    out
}

/// RFC 6868: `^n` newline, `^^` caret, `^'` double quote.
fn caret_decode(s: &str) -> String {
    if !s.contains('^') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '^' {
            match chars.peek() {
                Some('n') | Some('N') => {
                    out.push('\n');
                    chars.next();
                }
                Some('^') => {
                    out.push('^');
                    chars.next();
                }
                Some('\'') => {
                    out.push('"');
                    chars.next();
                }
                _ => out.push('^'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn parse_line(
    text: &str,
    pieces: &[(usize, usize)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ContentLine> {
    let mut logical = String::new();
    let mut map = Vec::with_capacity(pieces.len());
    for &(a, b) in pieces {
        map.push((logical.len() as u32, a as u32));
        logical.push_str(text.get(a..b).unwrap_or(""));
    }
    let first = pieces.first().map_or(0, |p| p.0) as u32;
    let last = pieces.last().map_or(0, |p| p.1) as u32;
    let span = Span::new(first, last);
    let mut line = ContentLine {
        name: String::new(),
        name_span: span,
        params: Vec::new(),
        value: String::new(),
        value_span: span,
        span,
        pieces: map,
        value_at: 0,
    };
    let orig = |line: &ContentLine, x: usize| line.original(x as u32);
    let bytes = logical.as_bytes();
    let name_end = bytes
        .iter()
        .position(|&c| c == b';' || c == b':')
        .unwrap_or(bytes.len());
    let name = &logical[..name_end];
    line.name_span = Span::new(first, orig(&line, name_end).max(first));
    if name.is_empty() || !name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-') {
        let shown: String = logical.chars().take(40).collect();
        diagnostics.push(
            Diagnostic::error(
                "ical-invalid-line",
                span,
                format!("`{shown}` is not a calendar line (`NAME:VALUE`)"),
            )
            .with_help("each line is a property name, optional parameters, `:` and a value"),
        );
        return None;
    }
    line.name = name.to_ascii_uppercase();
    let mut i = name_end;
    // Parameters.
    while bytes.get(i) == Some(&b';') {
        let p_start = i + 1;
        let eq = bytes[p_start..]
            .iter()
            .position(|&c| c == b'=' || c == b';' || c == b':')
            .map(|x| p_start + x);
        let Some(eq) = eq.filter(|&e| bytes.get(e) == Some(&b'=')) else {
            let end = eq.unwrap_or(bytes.len());
            diagnostics.push(
                Diagnostic::error(
                    "ical-invalid-parameter",
                    Span::new(
                        orig(&line, p_start),
                        orig(&line, end).max(orig(&line, p_start)),
                    ),
                    format!(
                        "parameter `{}` of `{}` has no `=` and value",
                        &logical[p_start..end],
                        line.name
                    ),
                )
                .with_help("write parameters as `;NAME=VALUE`"),
            );
            i = end;
            continue;
        };
        let pname = logical[p_start..eq].to_ascii_uppercase();
        let mut values = Vec::new();
        let mut value_spans = Vec::new();
        let mut j = eq + 1;
        loop {
            if bytes.get(j) == Some(&b'"') {
                let close = bytes[j + 1..]
                    .iter()
                    .position(|&c| c == b'"')
                    .map(|x| j + 1 + x);
                let Some(close) = close else {
                    diagnostics.push(
                        Diagnostic::error(
                            "ical-invalid-parameter",
                            Span::new(orig(&line, j), last),
                            format!("the quoted value of parameter `{pname}` has no closing `\"`"),
                        )
                        .with_help("close the quotes before the `:` that starts the value"),
                    );
                    return None;
                };
                values.push(caret_decode(&logical[j + 1..close]));
                value_spans.push(Span::new(orig(&line, j), orig(&line, close) + 1));
                j = close + 1;
            } else {
                let end = bytes[j..]
                    .iter()
                    .position(|&c| c == b',' || c == b';' || c == b':' || c == b'"')
                    .map_or(bytes.len(), |x| j + x);
                values.push(caret_decode(&logical[j..end]));
                value_spans.push(Span::new(
                    orig(&line, j),
                    orig(&line, end).max(orig(&line, j)),
                ));
                j = end;
            }
            if bytes.get(j) == Some(&b',') {
                j += 1;
                continue;
            }
            break;
        }
        let pspan = Span::new(
            orig(&line, p_start),
            orig(&line, j).max(orig(&line, p_start)),
        );
        line.params.push(Param {
            name: pname,
            values,
            span: pspan,
            value_spans,
        });
        i = j;
        if !matches!(bytes.get(i), Some(b';' | b':') | None) {
            // Junk after a quoted value: skip to the next `;` or `:`.
            let end = bytes[i..]
                .iter()
                .position(|&c| c == b';' || c == b':')
                .map_or(bytes.len(), |x| i + x);
            diagnostics.push(Diagnostic::error(
                "ical-invalid-parameter",
                Span::new(orig(&line, i), orig(&line, end).max(orig(&line, i))),
                format!(
                    "unexpected `{}` after a parameter value of `{}`",
                    &logical[i..end],
                    line.name
                ),
            ));
            i = end;
        }
    }
    if bytes.get(i) != Some(&b':') {
        diagnostics.push(
            Diagnostic::error(
                "ical-invalid-line",
                span,
                format!("line `{}` has no `:` before its value", line.name),
            )
            .with_help("each line is a property name, optional parameters, `:` and a value"),
        );
        return None;
    }
    line.value_at = (i + 1) as u32;
    line.value = logical[i + 1..].to_string();
    line.value_span = Span::new(orig(&line, i + 1).min(last), last);
    Some(line)
}
