//! `RRULE` text to a [`Recurrence`], with a diagnostic at the span of every
//! malformed part (RFC 5545 section 3.3.10's grammar, and its rules on
//! which parts go with which frequency).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use super::{ByDay, Frequency, Parsed, Recurrence, Until};
use crate::diagnostic::{Diagnostic, Span};
use crate::suggest::did_you_mean;
use crate::time::Timestamp;

/// Every diagnostic code this module (and an expansion) can give.
pub const CODES: &[&str] = &[
    "rrule-invalid-part",
    "rrule-unknown-part",
    "rrule-duplicate-part",
    "rrule-missing-freq",
    "rrule-invalid-value",
    "rrule-part-not-allowed",
    "rrule-count-and-until",
    "recurrence-too-much-work",
];

/// RFC 5545's two-letter weekdays, Monday first.
pub(crate) const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

const PARTS: [&str; 14] = [
    "FREQ",
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "BYSECOND",
    "BYMINUTE",
    "BYHOUR",
    "BYDAY",
    "BYMONTHDAY",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYMONTH",
    "BYSETPOS",
    "WKST",
];

fn weekday_of(i: usize) -> Weekday {
    [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ][i % 7]
}

/// `YYYYMMDD` as a date.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = s.get(0..4)?.parse().ok()?;
    let m: u32 = s.get(4..6)?.parse().ok()?;
    let d: u32 = s.get(6..8)?.parse().ok()?;
    if y < 1 {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// `YYYYMMDDTHHMMSS[Z]` as a local date-time, and whether it ends in `Z`.
/// A second of 60 (a leap second) reads as 59.
pub(crate) fn parse_date_time(s: &str) -> Option<(NaiveDateTime, bool)> {
    let (body, utc) = match s.strip_suffix(['Z', 'z']) {
        Some(b) => (b, true),
        None => (s, false),
    };
    if body.len() != 15 || !matches!(body.as_bytes().get(8), Some(b'T' | b't')) {
        return None;
    }
    let date = parse_date(body.get(0..8)?)?;
    let time = body.get(9..15)?;
    if !time.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: u32 = time.get(0..2)?.parse().ok()?;
    let m: u32 = time.get(2..4)?.parse().ok()?;
    let sec: u32 = time.get(4..6)?.parse().ok()?;
    let sec = if sec == 60 { 59 } else { sec };
    let t = NaiveTime::from_hms_opt(h, m, sec)?;
    Some((date.and_time(t), utc))
}

/// Splits `text` on `sep`, keeping byte offsets.
fn split_offsets(text: &str, sep: char) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    text.split(sep).map(move |piece| {
        let at = start;
        start += piece.len() + sep.len_utf8();
        (at, piece)
    })
}

struct Reader<'a> {
    span_of: &'a dyn Fn(usize, usize) -> Span,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn span(&self, at: usize, len: usize) -> Span {
        (self.span_of)(at, at + len)
    }

    fn invalid(&mut self, at: usize, value: &str, message: String, help: Option<String>) {
        let mut d = Diagnostic::error("rrule-invalid-value", self.span(at, value.len()), message);
        if let Some(h) = help {
            d = d.with_help(h);
        }
        self.errors.push(d);
    }

    /// An integer in `range` (a leading `+` allowed), zero excluded when
    /// `nonzero`.
    fn int(
        &mut self,
        at: usize,
        v: &str,
        part: &str,
        lo: i64,
        hi: i64,
        nonzero: bool,
    ) -> Option<i64> {
        let digits = v.strip_prefix(['+', '-']).unwrap_or(v);
        let parsed = if !digits.is_empty()
            && digits.len() <= 18
            && digits.bytes().all(|b| b.is_ascii_digit())
        {
            v.trim_start_matches('+').parse::<i64>().ok()
        } else {
            None
        };
        let Some(n) = parsed else {
            let what = if lo >= 0 {
                "a number"
            } else {
                "a signed number"
            };
            self.invalid(at, v, format!("`{v}` in `{part}` is not {what}"), None);
            return None;
        };
        if n < lo || n > hi || (nonzero && n == 0) {
            let range = if lo < 0 {
                format!("1 to {hi} or -{hi} to -1")
            } else {
                format!("{lo} to {hi}")
            };
            self.invalid(
                at,
                v,
                format!("`{v}` is out of range for `{part}` ({range})"),
                None,
            );
            return None;
        }
        Some(n)
    }

    fn weekday(&mut self, at: usize, v: &str) -> Option<Weekday> {
        let upper = v.to_ascii_uppercase();
        match WEEKDAYS.iter().position(|w| *w == upper) {
            Some(i) => Some(weekday_of(i)),
            None => {
                let help = did_you_mean(&upper, WEEKDAYS.iter().copied())
                    .or_else(|| Some("weekdays are `MO` `TU` `WE` `TH` `FR` `SA` `SU`".into()));
                self.invalid(at, v, format!("`{v}` is not a weekday"), help);
                None
            }
        }
    }

    /// A comma-separated list of items read by `item`.
    fn list<T>(
        &mut self,
        at: usize,
        v: &str,
        part: &str,
        mut item: impl FnMut(&mut Self, usize, &str) -> Option<T>,
    ) -> Vec<T> {
        let mut out = Vec::new();
        for (off, piece) in split_offsets(v, ',') {
            if piece.is_empty() {
                self.invalid(
                    at + off,
                    piece,
                    format!("`{part}` has an empty item"),
                    Some("separate values with single commas".into()),
                );
                continue;
            }
            if let Some(x) = item(self, at + off, piece) {
                out.push(x);
            }
        }
        out
    }
}

fn by_day_item(r: &mut Reader<'_>, at: usize, v: &str) -> Option<ByDay> {
    let split = v.len().saturating_sub(2);
    let (num, day) = match (v.get(..split), v.get(split..)) {
        (Some(n), Some(d)) => (n, d),
        _ => ("", v),
    };
    let weekday = if day.len() == 2 && day.bytes().all(|b| b.is_ascii_alphabetic()) {
        let upper = day.to_ascii_uppercase();
        WEEKDAYS.iter().position(|w| *w == upper).map(weekday_of)
    } else {
        None
    };
    let Some(weekday) = weekday else {
        let upper = v.to_ascii_uppercase();
        let help = did_you_mean(&upper, WEEKDAYS.iter().copied()).or_else(|| {
            Some("write a weekday with an optional ordinal: `MO`, `1MO`, `-1FR`".into())
        });
        r.invalid(at, v, format!("`{v}` is not a weekday"), help);
        return None;
    };
    let ordinal = if num.is_empty() {
        0
    } else {
        r.int(at, num, "BYDAY", -53, 53, true)? as i8
    };
    Some(ByDay { ordinal, weekday })
}

/// Reads `RRULE` text; see [`Recurrence::parse`].
pub(super) fn parse(
    text: &str,
    span_of: &dyn Fn(usize, usize) -> Span,
) -> Result<Parsed, Vec<Diagnostic>> {
    let mut r = Reader {
        span_of,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let mut base = 0;
    let mut body = text;
    if body.len() >= 6
        && body
            .get(..6)
            .is_some_and(|p| p.eq_ignore_ascii_case("RRULE:"))
    {
        base = 6;
        body = &body[6..];
    }
    let mut rule = Recurrence::new(Frequency::Daily);
    let mut freq_seen = false;
    let mut freq_valid = true;
    // First span of each part, by index in PARTS.
    let mut seen: [Option<Span>; 14] = [None; 14];
    let mut ordinal_spans: Vec<(Span, String)> = Vec::new();

    for (off, raw) in split_offsets(body, ';') {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        let at = base + off + (raw.len() - raw.trim_start().len());
        let part_span = r.span(at, trimmed.len());
        let Some((name, value)) = trimmed.split_once('=') else {
            r.errors.push(
                Diagnostic::error(
                    "rrule-invalid-part",
                    part_span,
                    format!("`{trimmed}` is not a rule part of the form `NAME=VALUE`"),
                )
                .with_help("separate parts with `;`, as in `FREQ=WEEKLY;BYDAY=MO`"),
            );
            continue;
        };
        let upper = name.to_ascii_uppercase();
        let vat = at + name.len() + 1;
        if upper.starts_with("X-") {
            continue;
        }
        let Some(index) = PARTS.iter().position(|p| *p == upper) else {
            let mut d = Diagnostic::error(
                "rrule-unknown-part",
                r.span(at, name.len()),
                format!("`{name}` is not a recurrence rule part"),
            );
            if let Some(h) = did_you_mean(&upper, PARTS.iter().copied()) {
                d = d.with_help(h);
            }
            r.errors.push(d);
            continue;
        };
        if let Some(first) = seen[index] {
            r.errors.push(
                Diagnostic::error(
                    "rrule-duplicate-part",
                    part_span,
                    format!("`{}` is given twice", PARTS[index]),
                )
                .with_help("give each part once")
                .with_label(first, "first given here"),
            );
            continue;
        }
        seen[index] = Some(part_span);
        if value.is_empty() {
            r.invalid(vat, value, format!("`{}` has no value", PARTS[index]), None);
            continue;
        }
        let part = PARTS[index];
        match part {
            "FREQ" => {
                let v = value.to_ascii_uppercase();
                match Frequency::ALL.iter().find(|f| f.as_str() == v) {
                    Some(f) => {
                        rule.freq = *f;
                        freq_seen = true;
                    }
                    None => {
                        let help = did_you_mean(&v, Frequency::ALL.iter().map(|f| f.as_str()));
                        r.invalid(vat, value, format!("`{value}` is not a frequency"), help);
                        // Known to be given, so no `rrule-missing-freq` too.
                        freq_seen = true;
                        freq_valid = false;
                    }
                }
            }
            "INTERVAL" => {
                if let Some(n) = r.int(vat, value, part, 1, i64::from(u32::MAX), false) {
                    rule.interval = n as u32;
                }
            }
            "COUNT" => {
                if let Some(n) = r.int(vat, value, part, 1, i64::from(u32::MAX), false) {
                    rule.count = Some(n as u32);
                }
            }
            "UNTIL" => {
                if let Some(d) = parse_date(value) {
                    rule.until = Some(Until::Date(d));
                } else if let Some((t, utc)) = parse_date_time(value) {
                    rule.until = Some(if utc {
                        Until::Utc(Timestamp(t.and_utc().timestamp()))
                    } else {
                        Until::Floating(t)
                    });
                } else {
                    r.invalid(
                        vat,
                        value,
                        format!("`{value}` is not a date or date-time"),
                        Some("write `UNTIL=20261231` or `UNTIL=20261231T235959Z`".into()),
                    );
                }
            }
            "BYSECOND" => {
                rule.by_second = r.list(vat, value, part, |r, a, v| {
                    r.int(a, v, "BYSECOND", 0, 60, false).map(|n| n as u8)
                })
            }
            "BYMINUTE" => {
                rule.by_minute = r.list(vat, value, part, |r, a, v| {
                    r.int(a, v, "BYMINUTE", 0, 59, false).map(|n| n as u8)
                })
            }
            "BYHOUR" => {
                rule.by_hour = r.list(vat, value, part, |r, a, v| {
                    r.int(a, v, "BYHOUR", 0, 23, false).map(|n| n as u8)
                })
            }
            "BYDAY" => {
                let mut spans = Vec::new();
                rule.by_day = r.list(vat, value, part, |r, a, v| {
                    let d = by_day_item(r, a, v)?;
                    if d.ordinal != 0 {
                        spans.push((r.span(a, v.len()), v.to_string()));
                    }
                    Some(d)
                });
                ordinal_spans = spans;
            }
            "BYMONTHDAY" => {
                rule.by_month_day = r.list(vat, value, part, |r, a, v| {
                    r.int(a, v, "BYMONTHDAY", -31, 31, true).map(|n| n as i8)
                })
            }
            "BYYEARDAY" => {
                rule.by_year_day = r.list(vat, value, part, |r, a, v| {
                    r.int(a, v, "BYYEARDAY", -366, 366, true).map(|n| n as i16)
                })
            }
            "BYWEEKNO" => {
                rule.by_week_no = r.list(vat, value, part, |r, a, v| {
                    r.int(a, v, "BYWEEKNO", -53, 53, true).map(|n| n as i8)
                })
            }
            "BYMONTH" => {
                rule.by_month = r.list(vat, value, part, |r, a, v| {
                    r.int(a, v, "BYMONTH", 1, 12, false).map(|n| n as u8)
                })
            }
            "BYSETPOS" => {
                rule.by_set_pos = r.list(vat, value, part, |r, a, v| {
                    r.int(a, v, "BYSETPOS", -366, 366, true).map(|n| n as i16)
                })
            }
            _ => {
                if let Some(w) = r.weekday(vat, value) {
                    rule.week_start = w;
                }
            }
        }
    }

    if !freq_seen {
        r.errors.push(
            Diagnostic::error(
                "rrule-missing-freq",
                r.span(0, text.len()),
                "recurrence rule has no `FREQ`",
            )
            .with_help("add one, as in `FREQ=WEEKLY`"),
        );
    }
    // Which parts go with which frequency (RFC 5545 section 3.3.10).
    let part_span = |name: &str| PARTS.iter().position(|p| *p == name).and_then(|i| seen[i]);
    let not_allowed = |r: &mut Reader<'_>, span: Span, message: String| {
        r.errors
            .push(Diagnostic::error("rrule-part-not-allowed", span, message));
    };
    let freq = rule.freq;
    if freq_seen && freq_valid {
        if let Some(s) = part_span("BYWEEKNO") {
            if freq != Frequency::Yearly {
                not_allowed(&mut r, s, "`BYWEEKNO` only goes with `FREQ=YEARLY`".into());
            }
        }
        if let Some(s) = part_span("BYYEARDAY") {
            if matches!(
                freq,
                Frequency::Daily | Frequency::Weekly | Frequency::Monthly
            ) {
                not_allowed(
                    &mut r,
                    s,
                    format!("`BYYEARDAY` does not go with `FREQ={}`", freq.as_str()),
                );
            }
        }
        if let Some(s) = part_span("BYMONTHDAY") {
            if freq == Frequency::Weekly {
                not_allowed(
                    &mut r,
                    s,
                    "`BYMONTHDAY` does not go with `FREQ=WEEKLY`".into(),
                );
            }
        }
        for (s, v) in &ordinal_spans {
            if !matches!(freq, Frequency::Monthly | Frequency::Yearly) {
                not_allowed(
                    &mut r,
                    *s,
                    format!("`{v}` has an ordinal, which only monthly and yearly rules take"),
                );
            } else if freq == Frequency::Yearly && !rule.by_week_no.is_empty() {
                not_allowed(
                    &mut r,
                    *s,
                    format!(
                        "`{v}` has an ordinal, which a yearly rule with `BYWEEKNO` does not take"
                    ),
                );
            }
        }
        if let Some(s) = part_span("BYSETPOS") {
            let others = [
                "BYSECOND",
                "BYMINUTE",
                "BYHOUR",
                "BYDAY",
                "BYMONTHDAY",
                "BYYEARDAY",
                "BYWEEKNO",
                "BYMONTH",
            ];
            if others.iter().all(|p| part_span(p).is_none()) {
                r.errors.push(
                    Diagnostic::error(
                        "rrule-part-not-allowed",
                        s,
                        "`BYSETPOS` needs another `BY` part to pick from",
                    )
                    .with_help(
                        "add the set to pick from, as in `BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1`",
                    ),
                );
            }
        }
    }
    if let (Some(c), Some(u)) = (part_span("COUNT"), part_span("UNTIL")) {
        r.warnings.push(
            Diagnostic::warning(
                "rrule-count-and-until",
                c.join(u),
                "`COUNT` and `UNTIL` are both given",
            )
            .with_help("the rule ends at whichever comes first; RFC 5545 allows only one"),
        );
    }
    if r.errors.is_empty() {
        Ok(Parsed {
            rule,
            diagnostics: r.warnings,
        })
    } else {
        r.errors.sort_by_key(|d| d.span.start);
        Err(r.errors)
    }
}
