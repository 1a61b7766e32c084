//! Diagnostics: one shape for every problem, from a YAML syntax error to a
//! practice finding, each pointing into the document text.
//!
//! Spans are byte ranges into the original text; [`LineIndex`] turns them
//! into 1-based lines and columns. Machine output (CLI `--json` and the JS
//! API) counts columns and offsets in UTF-16 code units, because that is how
//! JavaScript editors index strings.

use serde::Serialize;

/// A byte range `[start, end)` into the document text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from byte offsets.
    pub const fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document cannot be evaluated (or a policy pages nobody at all).
    Error,
    /// Evaluated, but something a reviewer should fix.
    Warning,
    /// Worth knowing (a handoff moved by a DST change, say).
    Info,
}

impl Severity {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A secondary span with a short message ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One problem found in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable kebab-case code, e.g. `unknown-key`.
    pub code: &'static str,
    pub severity: Severity,
    /// One line, lowercase, user input quoted in backticks.
    pub message: String,
    /// What to do about it ("did you mean `alice`?").
    pub help: Option<String>,
    /// Why it matters, tied to the practice (findings only).
    pub why: Option<String>,
    /// Where it is.
    pub span: Span,
    /// Other places that explain it.
    pub labels: Vec<Label>,
}

impl Diagnostic {
    /// A new diagnostic with no help, no why and no labels.
    pub fn new(
        code: &'static str,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            help: None,
            why: None,
            span,
            labels: Vec::new(),
        }
    }
    /// An error.
    pub fn error(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, span, message)
    }
    /// A warning.
    pub fn warning(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, span, message)
    }
    /// An info.
    pub fn info(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Info, span, message)
    }
    /// Adds help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    /// Adds a "why it matters" line.
    pub fn with_why(mut self, why: impl Into<String>) -> Self {
        self.why = Some(why.into());
        self
    }
    /// Adds a secondary label.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }
}

/// A position in the text, 1-based line and columns, 0-based offsets.
///
/// Columns are counted three ways: in chars (Unicode scalar values, for
/// terminals), in UTF-16 code units (for JavaScript editors) and in bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 1-based column in chars.
    pub column: u32,
    /// 1-based column in UTF-16 code units.
    pub column_utf16: u32,
    /// 1-based column in bytes.
    pub column_byte: u32,
    /// 0-based byte offset from the start of the text.
    pub offset: u32,
    /// 0-based offset in UTF-16 code units from the start of the text.
    pub offset_utf16: u32,
}

/// Counts at one byte offset: chars and UTF-16 units before it.
#[derive(Clone, Copy, Debug, Default)]
struct Mark {
    byte: u32,
    chars: u32,
    utf16: u32,
}

/// Turns byte offsets into lines and columns, in chars, UTF-16 and bytes.
///
/// Built once per text in linear time; each lookup walks at most a few
/// thousand bytes, even in a text that is one long line.
///
/// ```
/// use escalator::diagnostic::LineIndex;
/// let text = "name: Zoë\nid: 😀x\n";
/// let index = LineIndex::new(text);
/// let x = text.find('x').unwrap() as u32;
/// let p = index.position(x);
/// assert_eq!((p.line, p.column, p.column_utf16, p.column_byte), (2, 6, 7, 9));
/// assert_eq!(p.offset_utf16, 10 + 4 + 2);
/// ```
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// One mark per line start.
    lines: Vec<Mark>,
    /// One mark about every [`CHECKPOINT`] bytes, for long lines.
    checkpoints: Vec<Mark>,
    /// ASCII text: chars, UTF-16 units and bytes all count the same.
    ascii: bool,
}

const CHECKPOINT: u32 = 256;

impl<'a> LineIndex<'a> {
    /// Indexes a text.
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut lines = vec![Mark::default()];
        let mut checkpoints = vec![Mark::default()];
        let mut utf16 = 0u32;
        let mut next_checkpoint = CHECKPOINT;
        for (n, (i, c)) in text.char_indices().enumerate() {
            let byte = i as u32;
            let chars = n as u32;
            if byte >= next_checkpoint {
                checkpoints.push(Mark { byte, chars, utf16 });
                next_checkpoint = byte.saturating_add(CHECKPOINT);
            }
            let chars = chars + 1;
            utf16 += c.len_utf16() as u32;
            if c == '\n' {
                lines.push(Mark {
                    byte: byte + 1,
                    chars,
                    utf16,
                });
            }
        }
        LineIndex {
            text,
            lines,
            checkpoints,
            ascii: text.is_ascii(),
        }
    }

    /// The number of lines (a final newline starts an empty last line).
    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// Byte range of a 1-based line, without its line break.
    pub fn line_range(&self, line: u32) -> (u32, u32) {
        let i = (line.max(1) - 1) as usize;
        let start = self.lines.get(i).map_or(self.text.len() as u32, |m| m.byte);
        let end = self
            .lines
            .get(i + 1)
            .map_or(self.text.len() as u32, |m| m.byte);
        let slice = self.text.get(start as usize..end as usize).unwrap_or("");
        let trimmed = slice.trim_end_matches(['\n', '\r']);
        (start, start + trimmed.len() as u32)
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: u32) -> &'a str {
        let (start, end) = self.line_range(line);
        self.text.get(start as usize..end as usize).unwrap_or("")
    }

    /// Clamps an offset into the text and back onto a char boundary.
    fn clamp(&self, offset: u32) -> u32 {
        let mut o = (offset as usize).min(self.text.len());
        while o > 0 && !self.text.is_char_boundary(o) {
            o -= 1;
        }
        o as u32
    }

    /// Counts chars and UTF-16 units before `byte` (a char boundary).
    /// `line_start` is the mark of the line holding `byte`; the walk starts
    /// from it or from a later checkpoint, so it is short.
    fn mark_at(&self, byte: u32, line_start: Mark) -> Mark {
        if self.ascii {
            return Mark {
                byte,
                chars: byte,
                utf16: byte,
            };
        }
        let cp = match self.checkpoints.binary_search_by_key(&byte, |m| m.byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let checkpoint = self.checkpoints.get(cp).copied().unwrap_or_default();
        let base = if checkpoint.byte > line_start.byte {
            checkpoint
        } else {
            line_start
        };
        let between = self
            .text
            .get(base.byte as usize..byte as usize)
            .unwrap_or("");
        let mut mark = base;
        for c in between.chars() {
            mark.chars += 1;
            mark.utf16 += c.len_utf16() as u32;
        }
        mark.byte = byte;
        mark
    }

    /// The position of a byte offset (clamped into the text).
    pub fn position(&self, offset: u32) -> Position {
        let offset = self.clamp(offset);
        let line = match self.lines.binary_search_by_key(&offset, |m| m.byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.lines.get(line).copied().unwrap_or_default();
        let here = self.mark_at(offset, start);
        Position {
            line: line as u32 + 1,
            column: here.chars - start.chars + 1,
            column_utf16: here.utf16 - start.utf16 + 1,
            column_byte: offset - start.byte + 1,
            offset,
            offset_utf16: here.utf16,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_chars_utf16_and_bytes() {
        let text = "a: é\nbb: 😀z\r\nlast";
        let index = LineIndex::new(text);
        let z = text.find('z').unwrap() as u32;
        let p = index.position(z);
        assert_eq!(
            (p.line, p.column, p.column_utf16, p.column_byte),
            (2, 6, 7, 9)
        );
        assert_eq!(index.line_text(2), "bb: 😀z");
        let last = index.position(text.find("last").unwrap() as u32);
        assert_eq!((last.line, last.column), (3, 1));
        // Past the end clamps; inside a char moves back to its start.
        assert_eq!(index.position(10_000).offset, text.len() as u32);
        let inside = index.position(text.find('😀').unwrap() as u32 + 2);
        assert_eq!(inside.column, 5);
    }

    #[test]
    fn long_lines_use_checkpoints() {
        let text = "é".repeat(10_000) + "x";
        let index = LineIndex::new(&text);
        let p = index.position(text.len() as u32 - 1);
        assert_eq!(
            (p.line, p.column, p.column_utf16, p.offset_utf16),
            (1, 10_001, 10_001, 10_000)
        );
    }
}
