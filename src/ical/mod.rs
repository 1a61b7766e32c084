//! iCalendar (RFC 5545) calendars: read exactly, expanded into concrete
//! occurrences, and written.
//!
//! Reading goes in stages, each with byte spans into the original text and
//! a diagnostic (stable code, span) for every problem, never a panic:
//! 1. [`lines`]: text to content lines (CRLF or LF, folded lines,
//!    byte-order mark, parameters with quoted values and lists);
//! 2. [`component`]: lines to nested components (`VCALENDAR`, `VEVENT`,
//!    `VTIMEZONE` with `STANDARD`/`DAYLIGHT`, `VALARM`; others are kept
//!    and ignored);
//! 3. [`read`]: components to a [`Calendar`]: events with the fields an
//!    importer needs, time zones ([`zone`]: IANA, Windows names through
//!    CLDR, or the file's own `VTIMEZONE` evaluated exactly),
//!    `X-WR-CALNAME` and `X-WR-TIMEZONE`;
//! 4. [`expand()`]: event series (master, changed or cancelled instances,
//!    `RDATE`, `EXDATE`) to occurrences over a window, bounded.
//!
//! [`write`] holds the writer: escaping, folding at 75 octets, CRLF, UTC
//! date-times, and a small calendar builder.
//!
//! # Limits
//!
//! | limit | value | past it |
//! |---|---|---|
//! | text size | 32 MiB | `ical-too-large` (the rest is not read) |
//! | content lines | 1 000 000 | `ical-too-many-lines` |
//! | nesting of `BEGIN`/`END` | 16 | `ical-too-deep` (the inner component is skipped) |
//! | components | 200 000 | `ical-too-many-components` |
//! | diagnostics | 1 000 | `too-many-diagnostics` counts the rest |
//! | recurrence work per series | [`crate::time::recurrence::WORK_LIMIT`] | `recurrence-too-much-work` |
//! | expansion work per calendar | 4 x that | `recurrence-too-much-work` |
//! | offset changes of one `VTIMEZONE` | 100 000 | `ical-invalid-timezone` |

use crate::diagnostic::{Diagnostic, Span};

pub mod component;
pub mod expand;
pub mod lines;
pub mod read;
pub mod value;
pub mod windows_zones;
pub mod write;
pub mod zone;

#[cfg(test)]
mod tests;

pub use expand::{
    expand, expand_series, instant_of, master_starts, series, ExpandOptions, MasterStarts,
    Occurrence, Series, SeriesExpansion,
};
pub use lines::Limits;
pub use read::{
    Address, Alarm, Calendar, Event, PeriodEnd, RDate, RecurrenceId, Spanned, Status, Time, CODES,
};
pub use write::{CalendarBuilder, EventBuilder};

/// The most diagnostics one read reports; the rest are counted in a last
/// `too-many-diagnostics`.
pub const MAX_DIAGNOSTICS: usize = 1000;

/// Reads a calendar text with the default [`Limits`]: the calendar (what
/// could be read) and every diagnostic, sorted by position.
///
/// ```
/// let text = "BEGIN:VCALENDAR\r\nX-WR-TIMEZONE:Europe/Berlin\r\nBEGIN:VEVENT\r\n\
///     UID:1\r\nDTSTART:20260301T090000\r\nSUMMARY:Alice\\, on call\r\n\
///     END:VEVENT\r\nEND:VCALENDAR\r\n";
/// let (cal, diagnostics) = escalator::ical::read(text);
/// assert!(diagnostics.is_empty());
/// assert_eq!(cal.timezone.unwrap().value, chrono_tz::Europe::Berlin);
/// assert_eq!(cal.events[0].summary.as_ref().unwrap().value, "Alice, on call");
/// ```
pub fn read(text: &str) -> (Calendar, Vec<Diagnostic>) {
    read_with_limits(text, Limits::default())
}

/// [`read`] with other limits.
pub fn read_with_limits(text: &str, limits: Limits) -> (Calendar, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let lines = lines::content_lines(text, limits, &mut diagnostics);
    let roots = component::components(lines, &mut diagnostics);
    let calendar = read::calendar(&roots, &mut diagnostics);
    (calendar, finish(diagnostics))
}

/// Reads calendar bytes: valid UTF-8 is read as is; otherwise folds that
/// split a UTF-8 character (RFC 5545 section 3.1 asks readers to mend
/// them) are joined first, and what is still invalid becomes U+FFFD. The
/// text returned is the one the diagnostics' spans point into.
pub fn read_bytes(bytes: &[u8]) -> (Calendar, Vec<Diagnostic>, String) {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => String::from_utf8_lossy(&mend_split_characters(bytes)).into_owned(),
    };
    let (cal, diagnostics) = read(&text);
    (cal, diagnostics, text)
}

/// Removes line folds that sit inside a UTF-8 sequence.
fn mend_split_characters(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let fold_len = match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'\r', Some(b'\n'), Some(b' ' | b'\t')) => 3,
            (b'\n', Some(b' ' | b'\t'), _) => 2,
            _ => 0,
        };
        if fold_len > 0
            && bytes
                .get(i + fold_len)
                .is_some_and(|b| (0x80..0xC0).contains(b))
        {
            // Inside a sequence when the bytes before end with a lead byte
            // and fewer continuation bytes than it announces.
            let mut k = out.len();
            let mut continuation = 0;
            while k > 0 && (0x80..0xC0).contains(&out[k - 1]) && continuation < 3 {
                k -= 1;
                continuation += 1;
            }
            let needs = k.checked_sub(1).map(|j| match out[j] {
                0xC0..=0xDF => 1,
                0xE0..=0xEF => 2,
                0xF0..=0xF7 => 3,
                _ => 0,
            });
            if needs.is_some_and(|n| n > continuation) {
                i += fold_len;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// Sorts diagnostics by position and caps their number.
fn finish(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    if diagnostics.len() > MAX_DIAGNOSTICS {
        let rest = diagnostics.len() - MAX_DIAGNOSTICS;
        let at = diagnostics[MAX_DIAGNOSTICS].span;
        diagnostics.truncate(MAX_DIAGNOSTICS);
        diagnostics.push(Diagnostic::error(
            "too-many-diagnostics",
            Span::new(at.start, at.start),
            format!("{rest} more problems are not listed"),
        ));
    }
    diagnostics
}
