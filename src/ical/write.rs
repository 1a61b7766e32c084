//! Writing calendars (RFC 5545): content lines with escaped text, folded
//! at 75 octets without ever splitting a UTF-8 character, CRLF line ends,
//! UTC date-times; and a small builder of calendars of timed events with
//! an optional alarm.

use chrono::NaiveDate;

use super::value::Duration;
use crate::time::Timestamp;

/// The longest line in octets, line break excluded (RFC 5545 section 3.1).
pub const LINE_OCTETS: usize = 75;

/// Escapes TEXT: `\` `;` `,` and line breaks (`\n`; CRLF and CR too).
///
/// ```
/// use escalator::ical::write::escape_text;
/// assert_eq!(escape_text("a, b; c\\d\r\ne"), "a\\, b\\; c\\\\d\\ne");
/// ```
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            // Other control characters are not allowed in TEXT.
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value: quoted when it holds `:`, `;` or `,`; a double quote
/// (never allowed) becomes RFC 6868's `^'`, a caret `^^`, a line break `^n`.
pub fn param_value(v: &str) -> String {
    let mut body = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '^' => body.push_str("^^"),
            '"' => body.push_str("^'"),
            '\n' => body.push_str("^n"),
            '\r' => {}
            c if c.is_control() => {}
            c => body.push(c),
        }
    }
    if body.contains([':', ';', ',']) {
        format!("\"{body}\"")
    } else {
        body
    }
}

/// A UTC date-time: `20260301T090000Z` (RFC 3339 without its separators:
/// no strftime, whose machinery is ~6 KB of the gzipped wasm).
///
/// ```
/// use escalator::ical::write::format_utc;
/// use escalator::time::Timestamp;
/// assert_eq!(format_utc(Timestamp(1_772_355_600)), "20260301T090000Z");
/// assert_eq!(format_utc(Timestamp(-62_135_596_800)), "00010101T000000Z");
/// ```
pub fn format_utc(t: Timestamp) -> String {
    t.to_rfc3339().replace(['-', ':'], "")
}

/// A date: `20260301`.
pub fn format_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// Folds one content line at 75 octets (continuations start with a space,
/// which counts), never inside a UTF-8 character, and ends every physical
/// line with CRLF.
///
/// ```
/// use escalator::ical::write::fold;
/// let line = format!("SUMMARY:{}", "é".repeat(40));
/// let folded = fold(&line);
/// assert!(folded.split("\r\n").all(|l| l.len() <= 75));
/// assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
/// ```
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut rest = line;
    let mut limit = LINE_OCTETS;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return out;
        }
        let mut cut = limit;
        while cut > 0 && !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = LINE_OCTETS - 1;
    }
}

/// Writes content lines into a string.
#[derive(Clone, Debug, Default)]
pub struct Writer {
    out: String,
}

impl Writer {
    /// An empty text.
    pub fn new() -> Writer {
        Writer::default()
    }

    /// `NAME;P=V;...:VALUE` with `value` written as is (escape TEXT with
    /// [`escape_text`] or use [`Writer::text`]); parameter values are
    /// quoted as needed.
    pub fn line(&mut self, name: &str, params: &[(&str, &str)], value: &str) {
        let mut s = String::with_capacity(name.len() + value.len() + 16);
        s.push_str(name);
        for (k, v) in params {
            s.push(';');
            s.push_str(k);
            s.push('=');
            s.push_str(&param_value(v));
        }
        s.push(':');
        s.push_str(value);
        self.out.push_str(&fold(&s));
    }

    /// A TEXT property, escaped.
    pub fn text(&mut self, name: &str, value: &str) {
        self.line(name, &[], &escape_text(value));
    }

    /// A UTC DATE-TIME property.
    pub fn utc(&mut self, name: &str, t: Timestamp) {
        self.line(name, &[], &format_utc(t));
    }

    /// `BEGIN:NAME`.
    pub fn begin(&mut self, name: &str) {
        self.line("BEGIN", &[], name);
    }

    /// `END:NAME`.
    pub fn end(&mut self, name: &str) {
        self.line("END", &[], name);
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }
}

/// One event of a [`CalendarBuilder`]: a timed event in UTC.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventBuilder {
    /// Stable across exports, so calendar apps update rather than duplicate.
    pub uid: String,
    /// When this version of the event was made.
    pub dtstamp: Timestamp,
    pub start: Timestamp,
    pub end: Timestamp,
    pub summary: String,
    pub description: Option<String>,
    /// A display alarm this many seconds before the start.
    pub alarm_before: Option<i64>,
}

/// A calendar of timed events (`VERSION:2.0`, `METHOD:PUBLISH`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarBuilder {
    /// `PRODID`, e.g. `-//Escalator//Escalator 0.1.0//EN`.
    pub prodid: String,
    /// `X-WR-CALNAME` (the name calendar apps show).
    pub name: Option<String>,
    pub events: Vec<EventBuilder>,
}

impl CalendarBuilder {
    /// An empty calendar with Escalator's `PRODID`.
    pub fn new() -> CalendarBuilder {
        CalendarBuilder {
            prodid: format!("-//Escalator//Escalator {}//EN", crate::ENGINE_VERSION),
            name: None,
            events: Vec::new(),
        }
    }

    /// The calendar as RFC 5545 text.
    ///
    /// ```
    /// use escalator::ical::write::{CalendarBuilder, EventBuilder};
    /// use escalator::time::Timestamp;
    /// let mut cal = CalendarBuilder::new();
    /// cal.events.push(EventBuilder {
    ///     uid: "payments-primary/alice/20260302T080000Z@escalator".into(),
    ///     dtstamp: Timestamp(1_772_323_200),
    ///     start: Timestamp(1_772_438_400),
    ///     end: Timestamp(1_772_467_200),
    ///     summary: "On call: alice".into(),
    ///     description: Some("layer `weekly`, turn 8".into()),
    ///     alarm_before: Some(15 * 60),
    /// });
    /// let text = cal.to_ics();
    /// assert!(text.contains("\r\nDTSTART:20260302T080000Z\r\n"));
    /// assert!(text.contains("\r\nTRIGGER:-PT15M\r\n"));
    /// ```
    pub fn to_ics(&self) -> String {
        let mut w = Writer::new();
        w.begin("VCALENDAR");
        w.line("VERSION", &[], "2.0");
        w.text("PRODID", &self.prodid);
        w.line("CALSCALE", &[], "GREGORIAN");
        w.line("METHOD", &[], "PUBLISH");
        if let Some(name) = &self.name {
            w.text("X-WR-CALNAME", name);
        }
        for e in &self.events {
            w.begin("VEVENT");
            w.text("UID", &e.uid);
            w.utc("DTSTAMP", e.dtstamp);
            w.utc("DTSTART", e.start);
            w.utc("DTEND", e.end.max(e.start));
            w.text("SUMMARY", &e.summary);
            if let Some(d) = &e.description {
                w.text("DESCRIPTION", d);
            }
            if let Some(before) = e.alarm_before {
                w.begin("VALARM");
                w.line("ACTION", &[], "DISPLAY");
                w.text("DESCRIPTION", &e.summary);
                w.line("TRIGGER", &[], &Duration::exact(-before.max(0)).to_string());
                w.end("VALARM");
            }
            w.end("VEVENT");
        }
        w.end("VCALENDAR");
        w.finish()
    }
}

impl Default for CalendarBuilder {
    fn default() -> Self {
        CalendarBuilder::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_never_splits_a_character_and_keeps_75_octets() {
        for n in 0..200 {
            for filler in ["a", "é", "😀", "日本"] {
                let line = format!("DESCRIPTION:{}", filler.repeat(n));
                let folded = fold(&line);
                assert!(folded.ends_with("\r\n"));
                for (i, physical) in folded.trim_end_matches("\r\n").split("\r\n").enumerate() {
                    assert!(physical.len() <= LINE_OCTETS, "{physical:?}");
                    assert!(!physical.is_empty());
                    if i > 0 {
                        assert!(physical.starts_with(' '));
                    }
                }
                assert_eq!(folded.replace("\r\n ", "").trim_end_matches("\r\n"), line);
            }
        }
    }

    #[test]
    fn params_are_quoted_when_needed() {
        assert_eq!(param_value("Alice"), "Alice");
        assert_eq!(param_value("Doe, Jane"), "\"Doe, Jane\"");
        assert_eq!(param_value("say \"hi\"^"), "say ^'hi^'^^");
        let mut w = Writer::new();
        w.line(
            "ATTENDEE",
            &[("CN", "Doe, Jane")],
            "mailto:jane@example.com",
        );
        assert_eq!(
            w.finish(),
            "ATTENDEE;CN=\"Doe, Jane\":mailto:jane@example.com\r\n"
        );
    }
}
