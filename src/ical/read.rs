//! Components to a [`Calendar`]: its events with every field an importer
//! needs (each with its span), its time zones, `X-WR-CALNAME` and
//! `X-WR-TIMEZONE`, and a diagnostic for every value that cannot be read.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

use super::component::Component;
use super::lines::ContentLine;
use super::value::{self, Duration, Written};
use super::windows_zones::{windows_to_iana, WINDOWS_ZONES};
use super::zone::{iana_zone, CalendarZone, CustomZone, Observance, ZoneId, ZoneKind};
use crate::diagnostic::{Diagnostic, Span};
use crate::time::recurrence::Recurrence;
use crate::time::Timestamp;

/// A value and where it is written (the value's bytes in the text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// A DATE or DATE-TIME value, with its zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Time {
    /// A date (`VALUE=DATE`): a whole day in the calendar's zone.
    Date(NaiveDate),
    /// A UTC date-time (`...Z`).
    Utc(Timestamp),
    /// A local date-time in a named zone (`TZID=`).
    Zoned(NaiveDateTime, ZoneId),
    /// A floating local date-time: read in `X-WR-TIMEZONE`, else the zone
    /// the caller gives.
    Floating(NaiveDateTime),
}

impl Time {
    /// Whether it is a date.
    pub fn is_date(&self) -> bool {
        matches!(self, Time::Date(_))
    }
}

/// An `RDATE` entry: a start, or a period with its own end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RDate {
    Start(Time),
    Period(Time, PeriodEnd),
}

/// The end of a PERIOD.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodEnd {
    End(Time),
    Duration(Duration),
}

/// `RECURRENCE-ID`: which occurrence of the series this instance replaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecurrenceId {
    pub time: Time,
    /// `RANGE=THISANDFUTURE`: the change also applies to later occurrences.
    pub this_and_future: bool,
}

/// `STATUS`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Tentative,
    Confirmed,
    Cancelled,
    Other(String),
}

/// An `ATTENDEE` or `ORGANIZER`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Address {
    /// The value as written (`mailto:alice@example.com`).
    pub uri: String,
    /// The e-mail address: `EMAIL=` (RFC 7986), else the `mailto:` value.
    pub email: Option<String>,
    /// `CN=`.
    pub name: Option<String>,
    /// `ROLE=` (`REQ-PARTICIPANT`, `CHAIR`...).
    pub role: Option<String>,
    /// `PARTSTAT=` (`ACCEPTED`, `DECLINED`...).
    pub partstat: Option<String>,
}

impl Address {
    /// `PARTSTAT=DECLINED` (any case): the attendee said no.
    pub fn declined(&self) -> bool {
        self.partstat
            .as_deref()
            .is_some_and(|p| p.eq_ignore_ascii_case("DECLINED"))
    }
}

/// A `VALARM`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alarm {
    pub action: Option<String>,
    /// A `TRIGGER` relative to the start (or the end with `RELATED=END`).
    pub trigger: Option<Spanned<Duration>>,
    pub related_end: bool,
    pub span: Span,
}

/// A `VEVENT`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// The whole component.
    pub span: Span,
    pub uid: Option<Spanned<String>>,
    pub summary: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub start: Spanned<Time>,
    pub end: Option<Spanned<Time>>,
    pub duration: Option<Spanned<Duration>>,
    pub rules: Vec<Spanned<Recurrence>>,
    pub rdates: Vec<Spanned<RDate>>,
    pub exdates: Vec<Spanned<Time>>,
    pub recurrence_id: Option<Spanned<RecurrenceId>>,
    pub status: Option<Spanned<Status>>,
    /// `TRANSP:TRANSPARENT` (the event does not block time).
    pub transparent: Option<Spanned<bool>>,
    pub attendees: Vec<Spanned<Address>>,
    pub organizer: Option<Spanned<Address>>,
    pub sequence: Option<Spanned<i64>>,
    pub alarms: Vec<Alarm>,
}

impl Event {
    /// `STATUS:CANCELLED`.
    pub fn is_cancelled(&self) -> bool {
        matches!(
            self.status,
            Some(Spanned {
                value: Status::Cancelled,
                ..
            })
        )
    }

    /// `SEQUENCE`, 0 when absent.
    pub fn sequence(&self) -> i64 {
        self.sequence.as_ref().map_or(0, |s| s.value)
    }
}

/// A calendar read from text.
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    /// `X-WR-CALNAME`.
    pub name: Option<Spanned<String>>,
    /// `X-WR-TIMEZONE`: the zone of floating times and dates.
    pub timezone: Option<Spanned<Tz>>,
    pub prodid: Option<Spanned<String>>,
    pub events: Vec<Event>,
    /// Every `TZID` used or defined, indexed by [`ZoneId`].
    pub zones: Vec<CalendarZone>,
}

impl Calendar {
    /// The zone floating times and dates are read in: `X-WR-TIMEZONE`,
    /// else `fallback`.
    pub fn floating_zone(&self, fallback: Tz) -> Tz {
        self.timezone.as_ref().map_or(fallback, |t| t.value)
    }

    /// The zone of a [`ZoneId`].
    pub fn zone(&self, id: ZoneId) -> Option<&CalendarZone> {
        self.zones.get(id.0)
    }
}

/// Every diagnostic code of the calendar reader.
pub const CODES: &[&str] = &[
    "ical-too-large",
    "ical-too-many-lines",
    "ical-invalid-line",
    "ical-invalid-parameter",
    "ical-too-deep",
    "ical-too-many-components",
    "ical-unclosed-component",
    "ical-unexpected-end",
    "ical-outside-calendar",
    "ical-no-calendar",
    "ical-missing-property",
    "ical-duplicate-property",
    "ical-invalid-date-time",
    "ical-invalid-duration",
    "ical-invalid-period",
    "ical-invalid-offset",
    "ical-invalid-integer",
    "ical-invalid-value",
    "ical-value-type-mismatch",
    "ical-dtend-and-duration",
    "ical-end-before-start",
    "ical-unknown-timezone",
    "ical-invalid-timezone",
    "ical-duplicate-uid",
    "ical-duplicate-instance",
    "too-many-diagnostics",
];

struct Reader<'d> {
    diagnostics: &'d mut Vec<Diagnostic>,
    zones: Vec<CalendarZone>,
    by_tzid: HashMap<String, usize>,
}

impl Reader<'_> {
    fn error(&mut self, code: &'static str, span: Span, message: String) -> &mut Diagnostic {
        self.diagnostics
            .push(Diagnostic::error(code, span, message));
        let n = self.diagnostics.len();
        &mut self.diagnostics[n - 1]
    }

    fn warning(&mut self, code: &'static str, span: Span, message: String) -> &mut Diagnostic {
        self.diagnostics
            .push(Diagnostic::warning(code, span, message));
        let n = self.diagnostics.len();
        &mut self.diagnostics[n - 1]
    }

    /// The id of a `TZID`, registering it on first use.
    fn zone_id(&mut self, tzid: &str, span: Span) -> ZoneId {
        if let Some(&i) = self.by_tzid.get(tzid) {
            return ZoneId(i);
        }
        let i = self.zones.len();
        self.zones.push(CalendarZone {
            tzid: tzid.to_string(),
            kind: ZoneKind::Unknown,
            span,
        });
        self.by_tzid.insert(tzid.to_string(), i);
        ZoneId(i)
    }

    /// A DATE or DATE-TIME property value (one of a list when `piece` is
    /// given: its offset and text in the value).
    fn time(&mut self, line: &ContentLine, piece: Option<(usize, &str)>) -> Option<Spanned<Time>> {
        let (at, text) = piece.unwrap_or((0, line.value.as_str()));
        let text_trim = text.trim();
        let span = line.value_span_of(at, at + text.len());
        let value_param = line.param("VALUE").map(|v| v.to_ascii_uppercase());
        let written = value::parse_written(text_trim);
        let Some(written) = written else {
            let expect = if value_param.as_deref() == Some("DATE") {
                "a date (`20260301`)"
            } else {
                "a date-time (`20260301T090000`, `20260301T090000Z`) or a date (`20260301`)"
            };
            self.error(
                "ical-invalid-date-time",
                span,
                format!("`{}` in `{}` is not {expect}", text_trim, line.name),
            );
            return None;
        };
        match (&written, value_param.as_deref()) {
            (Written::Date(_), Some("DATE-TIME")) | (Written::DateTime(..), Some("DATE")) => {
                self.warning(
                    "ical-value-type-mismatch",
                    span,
                    format!(
                        "`{}` says `VALUE={}` but holds `{text_trim}`",
                        line.name,
                        value_param.as_deref().unwrap_or("")
                    ),
                )
                .help = Some("the value is read as written".into());
            }
            _ => {}
        }
        let time = match written {
            Written::Date(d) => Time::Date(d),
            Written::DateTime(t, true) => Time::Utc(Timestamp(t.and_utc().timestamp())),
            Written::DateTime(t, false) => match line.param_full("TZID") {
                Some(p) => {
                    let tzid = p.values.first().cloned().unwrap_or_default();
                    let pspan = p.value_spans.first().copied().unwrap_or(p.span);
                    Time::Zoned(t, self.zone_id(tzid.trim(), pspan))
                }
                None => Time::Floating(t),
            },
        };
        Some(Spanned { value: time, span })
    }

    fn text(&mut self, line: &ContentLine) -> Spanned<String> {
        Spanned {
            value: value::unescape_text(&line.value),
            span: line.value_span,
        }
    }

    fn duration(&mut self, line: &ContentLine, at: usize, text: &str) -> Option<Duration> {
        let d = value::parse_duration(text.trim());
        if d.is_none() {
            self.error(
                "ical-invalid-duration",
                line.value_span_of(at, at + text.len()),
                format!("`{}` in `{}` is not a duration", text.trim(), line.name),
            )
            .help = Some(
                "write durations as `PT15M`, `PT1H30M`, `P1D` or `-PT15M` (up to 100 years)".into(),
            );
        }
        d
    }

    fn address(&mut self, line: &ContentLine) -> Spanned<Address> {
        let email = line
            .param("EMAIL")
            .map(|e| e.trim().to_string())
            .filter(|e| !e.is_empty())
            .or_else(|| value::mail_address(&line.value));
        Spanned {
            value: Address {
                uri: line.value.trim().to_string(),
                email,
                name: line
                    .param("CN")
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty()),
                role: line.param("ROLE").map(str::to_string),
                partstat: line.param("PARTSTAT").map(str::to_string),
            },
            span: line.value_span,
        }
    }

    fn rrule(&mut self, line: &ContentLine) -> Option<Spanned<Recurrence>> {
        let span_of = |a: usize, b: usize| line.value_span_of(a, b);
        match Recurrence::parse_spanned(&line.value, &span_of) {
            Ok(parsed) => {
                self.diagnostics.extend(parsed.diagnostics);
                Some(Spanned {
                    value: parsed.rule,
                    span: line.value_span,
                })
            }
            Err(errors) => {
                self.diagnostics.extend(errors);
                None
            }
        }
    }

    /// Warns about a second property that should be given once.
    fn once(&mut self, seen: &mut Vec<(String, Span)>, line: &ContentLine) -> bool {
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == line.name) {
            let first = *first;
            let d = self.warning(
                "ical-duplicate-property",
                line.span,
                format!("`{}` is given twice; the first is kept", line.name),
            );
            d.labels.push(crate::diagnostic::Label {
                span: first,
                message: "first given here".into(),
            });
            return false;
        }
        seen.push((line.name.clone(), line.span));
        true
    }

    fn event(&mut self, c: &Component) -> Option<Event> {
        let mut seen = Vec::new();
        let mut uid = None;
        let mut summary = None;
        let mut description = None;
        let mut start: Option<Spanned<Time>> = None;
        let mut start_seen = false;
        let mut end = None;
        let mut duration = None;
        let mut rules = Vec::new();
        let mut rdates = Vec::new();
        let mut exdates = Vec::new();
        let mut recurrence_id = None;
        let mut status = None;
        let mut transparent = None;
        let mut attendees = Vec::new();
        let mut organizer = None;
        let mut sequence = None;
        for line in &c.properties {
            const ONCE: [&str; 11] = [
                "UID",
                "SUMMARY",
                "DESCRIPTION",
                "DTSTART",
                "DTEND",
                "DURATION",
                "RECURRENCE-ID",
                "STATUS",
                "TRANSP",
                "ORGANIZER",
                "SEQUENCE",
            ];
            if ONCE.contains(&line.name.as_str()) && !self.once(&mut seen, line) {
                continue;
            }
            match line.name.as_str() {
                "UID" => uid = Some(self.text(line)),
                "SUMMARY" => summary = Some(self.text(line)),
                "DESCRIPTION" => description = Some(self.text(line)),
                "DTSTART" => {
                    start_seen = true;
                    start = self.time(line, None);
                }
                "DTEND" => end = self.time(line, None),
                "DURATION" => {
                    duration = self.duration(line, 0, &line.value).map(|d| Spanned {
                        value: d,
                        span: line.value_span,
                    })
                }
                "RRULE" => rules.extend(self.rrule(line)),
                "RDATE" => {
                    let period = line
                        .param("VALUE")
                        .is_some_and(|v| v.eq_ignore_ascii_case("PERIOD"));
                    for (at, piece) in value::split_list(&line.value) {
                        if period || piece.contains('/') {
                            rdates.extend(self.period(line, at, piece));
                        } else if let Some(t) = self.time(line, Some((at, piece))) {
                            rdates.push(Spanned {
                                value: RDate::Start(t.value),
                                span: t.span,
                            });
                        }
                    }
                }
                "EXDATE" => {
                    for (at, piece) in value::split_list(&line.value) {
                        exdates.extend(self.time(line, Some((at, piece))));
                    }
                }
                "RECURRENCE-ID" => {
                    let range = line.param("RANGE").map(|r| r.to_ascii_uppercase());
                    let this_and_future = match range.as_deref() {
                        None => false,
                        Some("THISANDFUTURE") => true,
                        Some(other) => {
                            let span = line.param_full("RANGE").map_or(line.span, |p| p.span);
                            self.warning(
                                "ical-invalid-value",
                                span,
                                format!("`RANGE={other}` is not a range; only this occurrence is changed"),
                            )
                            .help = Some("RFC 5545 allows `RANGE=THISANDFUTURE`".into());
                            false
                        }
                    };
                    recurrence_id = self.time(line, None).map(|t| Spanned {
                        value: RecurrenceId {
                            time: t.value,
                            this_and_future,
                        },
                        span: t.span,
                    });
                }
                "STATUS" => {
                    let v = line.value.trim().to_ascii_uppercase();
                    let s = match v.as_str() {
                        "TENTATIVE" => Status::Tentative,
                        "CONFIRMED" => Status::Confirmed,
                        "CANCELLED" => Status::Cancelled,
                        _ => Status::Other(line.value.trim().to_string()),
                    };
                    status = Some(Spanned {
                        value: s,
                        span: line.value_span,
                    });
                }
                "TRANSP" => {
                    transparent = Some(Spanned {
                        value: line.value.trim().eq_ignore_ascii_case("TRANSPARENT"),
                        span: line.value_span,
                    })
                }
                "ATTENDEE" => attendees.push(self.address(line)),
                "ORGANIZER" => organizer = Some(self.address(line)),
                "SEQUENCE" => match line.value.trim().parse::<i64>() {
                    Ok(n) => {
                        sequence = Some(Spanned {
                            value: n,
                            span: line.value_span,
                        })
                    }
                    Err(_) => {
                        self.warning(
                            "ical-invalid-integer",
                            line.value_span,
                            format!("`{}` in `SEQUENCE` is not an integer", line.value.trim()),
                        );
                    }
                },
                _ => {}
            }
        }
        let mut alarms = Vec::new();
        for child in &c.children {
            if child.name == "VALARM" {
                alarms.push(self.alarm(child));
            }
        }
        let Some(start) = start else {
            if !start_seen {
                self.error(
                    "ical-missing-property",
                    c.begin_span,
                    "event has no `DTSTART`; it is not read".to_string(),
                )
                .help = Some("every event needs a start".into());
            }
            return None;
        };
        if uid.is_none() {
            self.warning(
                "ical-missing-property",
                c.begin_span,
                "event has no `UID`".to_string(),
            )
            .help = Some(
                "without a `UID`, changed occurrences cannot be matched to their series".into(),
            );
        }
        if let (Some(e), Some(d)) = (&end, &duration) {
            let dspan = d.span;
            self.error(
                "ical-dtend-and-duration",
                e.span.join(dspan),
                "event has both `DTEND` and `DURATION`; `DTEND` is used".to_string(),
            )
            .help = Some("give one of them".into());
            duration = None;
        }
        if let Some(e) = &end {
            if e.value.is_date() != start.value.is_date() {
                self.warning(
                    "ical-value-type-mismatch",
                    e.span,
                    "`DTEND` is a date and `DTSTART` a date-time, or the other way round"
                        .to_string(),
                )
                .help = Some("give both as dates (all-day) or both as date-times".into());
            }
            let before = match (start.value, e.value) {
                (Time::Date(a), Time::Date(b)) => b < a,
                (Time::Utc(a), Time::Utc(b)) => b < a,
                (Time::Floating(a), Time::Floating(b)) => b < a,
                (Time::Zoned(a, za), Time::Zoned(b, zb)) if za == zb => b < a,
                _ => false,
            };
            if before {
                self.error(
                    "ical-end-before-start",
                    e.span,
                    "event ends before it starts; it is read as lasting no time".to_string(),
                );
            }
        }
        if let Some(d) = &duration {
            if d.value.negative && (d.value.days > 0 || d.value.seconds > 0) {
                self.error(
                    "ical-end-before-start",
                    d.span,
                    "event has a negative `DURATION`; it is read as lasting no time".to_string(),
                );
            }
        }
        Some(Event {
            span: c.span,
            uid,
            summary,
            description,
            start,
            end,
            duration,
            rules,
            rdates,
            exdates,
            recurrence_id,
            status,
            transparent,
            attendees,
            organizer,
            sequence,
            alarms,
        })
    }

    fn period(&mut self, line: &ContentLine, at: usize, piece: &str) -> Option<Spanned<RDate>> {
        let span = line.value_span_of(at, at + piece.len());
        let Some((a, b)) = piece.split_once('/') else {
            self.error(
                "ical-invalid-period",
                span,
                format!(
                    "`{}` in `{}` is not a period (`START/END` or `START/DURATION`)",
                    piece.trim(),
                    line.name
                ),
            );
            return None;
        };
        let start = self.time(line, Some((at, a)))?;
        let b_at = at + a.len() + 1;
        let end = if b.trim_start().starts_with(['P', 'p', '+', '-']) {
            PeriodEnd::Duration(self.duration(line, b_at, b)?)
        } else {
            PeriodEnd::End(self.time(line, Some((b_at, b)))?.value)
        };
        Some(Spanned {
            value: RDate::Period(start.value, end),
            span,
        })
    }

    fn alarm(&mut self, c: &Component) -> Alarm {
        let mut alarm = Alarm {
            action: None,
            trigger: None,
            related_end: false,
            span: c.span,
        };
        for line in &c.properties {
            match line.name.as_str() {
                "ACTION" => alarm.action = Some(line.value.trim().to_string()),
                "TRIGGER" => {
                    let absolute = line
                        .param("VALUE")
                        .is_some_and(|v| v.eq_ignore_ascii_case("DATE-TIME"));
                    if !absolute {
                        alarm.related_end = line
                            .param("RELATED")
                            .is_some_and(|v| v.eq_ignore_ascii_case("END"));
                        alarm.trigger = self.duration(line, 0, &line.value).map(|d| Spanned {
                            value: d,
                            span: line.value_span,
                        });
                    }
                }
                _ => {}
            }
        }
        alarm
    }

    fn offset(&mut self, c: &Component, name: &str) -> Option<i32> {
        let Some(line) = c.first(name) else {
            self.error(
                "ical-missing-property",
                c.begin_span,
                format!("`{}` has no `{name}`", c.name),
            );
            return None;
        };
        let v = value::parse_utc_offset(line.value.trim());
        if v.is_none() {
            self.error(
                "ical-invalid-offset",
                line.value_span,
                format!("`{}` in `{name}` is not a UTC offset", line.value.trim()),
            )
            .help = Some("write offsets as `+0100` or `-0500`".into());
        }
        v
    }

    fn vtimezone(&mut self, c: &Component) -> Option<(String, CustomZone)> {
        let Some(tzid_line) = c.first("TZID") else {
            self.error(
                "ical-missing-property",
                c.begin_span,
                "`VTIMEZONE` has no `TZID`".to_string(),
            );
            return None;
        };
        let tzid = value::unescape_text(tzid_line.value.trim());
        let mut observances = Vec::new();
        let mut ok = true;
        for o in &c.children {
            let daylight = match o.name.as_str() {
                "STANDARD" => false,
                "DAYLIGHT" => true,
                _ => continue,
            };
            let from = self.offset(o, "TZOFFSETFROM");
            let to = self.offset(o, "TZOFFSETTO");
            let start = match o.first("DTSTART") {
                Some(line) => match value::parse_written(line.value.trim()) {
                    Some(Written::DateTime(t, _)) => Some(t),
                    _ => {
                        self.error(
                            "ical-invalid-date-time",
                            line.value_span,
                            format!(
                                "`{}` in `DTSTART` of `{}` is not a local date-time",
                                line.value.trim(),
                                o.name
                            ),
                        );
                        None
                    }
                },
                None => {
                    self.error(
                        "ical-missing-property",
                        o.begin_span,
                        format!("`{}` has no `DTSTART`", o.name),
                    );
                    None
                }
            };
            let (Some(from), Some(to), Some(start)) = (from, to, start) else {
                ok = false;
                continue;
            };
            let mut rules = Vec::new();
            for line in o.all("RRULE") {
                match self.rrule(line) {
                    Some(r) => rules.push(r.value),
                    None => ok = false,
                }
            }
            let mut rdates = Vec::new();
            for line in o.all("RDATE") {
                for (at, piece) in value::split_list(&line.value) {
                    match value::parse_written(piece.trim()) {
                        Some(Written::DateTime(t, false)) => rdates.push(t),
                        // A UTC onset: its local time in the offset before it.
                        Some(Written::DateTime(t, true)) => {
                            rdates.push(t + chrono::Duration::seconds(i64::from(from)))
                        }
                        _ => {
                            self.error(
                                "ical-invalid-date-time",
                                line.value_span_of(at, at + piece.len()),
                                format!(
                                    "`{}` in `RDATE` of `{}` is not a local date-time",
                                    piece.trim(),
                                    o.name
                                ),
                            );
                            ok = false;
                        }
                    }
                }
            }
            observances.push(Observance {
                daylight,
                dtstart: start,
                offset_from: from,
                offset_to: to,
                rules,
                rdates,
                span: o.span,
            });
        }
        if !ok {
            self.error(
                "ical-invalid-timezone",
                c.begin_span,
                format!("time zone `{tzid}` has definitions that cannot be read; it is not used"),
            );
            return None;
        }
        if observances.is_empty() {
            self.error(
                "ical-invalid-timezone",
                c.begin_span,
                format!("time zone `{tzid}` has no `STANDARD` or `DAYLIGHT` definition"),
            );
            return None;
        }
        Some((tzid.clone(), CustomZone::new(tzid, c.span, observances)))
    }
}

/// Reads the components of a calendar text (see [`super::read`]).
pub fn calendar(roots: &[Component], diagnostics: &mut Vec<Diagnostic>) -> Calendar {
    let mut r = Reader {
        diagnostics,
        zones: Vec::new(),
        by_tzid: HashMap::new(),
    };
    let mut cal = Calendar::default();
    let mut customs: HashMap<String, (Arc<CustomZone>, Span)> = HashMap::new();
    let calendars: Vec<&Component> = roots.iter().filter(|c| c.name == "VCALENDAR").collect();
    if calendars.is_empty() {
        let span = roots.first().map_or(Span::default(), |c| c.begin_span);
        r.error(
            "ical-no-calendar",
            span,
            "the text has no `BEGIN:VCALENDAR`".to_string(),
        )
        .help =
            Some("a calendar starts with `BEGIN:VCALENDAR` and ends with `END:VCALENDAR`".into());
    }
    for vcal in calendars {
        let mut seen = Vec::new();
        for line in &vcal.properties {
            let once = ["X-WR-CALNAME", "X-WR-TIMEZONE", "PRODID"];
            if once.contains(&line.name.as_str()) && !r.once(&mut seen, line) {
                continue;
            }
            match line.name.as_str() {
                "X-WR-CALNAME" => cal.name = Some(r.text(line)),
                "PRODID" => cal.prodid = Some(r.text(line)),
                "X-WR-TIMEZONE" => {
                    let name = value::unescape_text(line.value.trim());
                    let tz = iana_zone(&name)
                        .or_else(|| windows_to_iana(&name).and_then(|n| n.parse().ok()));
                    match tz {
                        Some(tz) => {
                            cal.timezone = Some(Spanned {
                                value: tz,
                                span: line.value_span,
                            })
                        }
                        None => {
                            let help = suggest_zone(&name);
                            let d = r.warning(
                                "ical-unknown-timezone",
                                line.value_span,
                                format!(
                                    "`{name}` in `X-WR-TIMEZONE` is not a time zone; it is ignored"
                                ),
                            );
                            d.help = help;
                        }
                    }
                }
                _ => {}
            }
        }
        for child in &vcal.children {
            match child.name.as_str() {
                "VEVENT" => {
                    if let Some(e) = r.event(child) {
                        cal.events.push(e);
                    }
                }
                "VTIMEZONE" => {
                    if let Some((tzid, zone)) = r.vtimezone(child) {
                        if let Some((_, first)) = customs.get(&tzid) {
                            let first = *first;
                            r.warning(
                                "ical-duplicate-property",
                                child.begin_span,
                                format!("time zone `{tzid}` is defined twice; the first is used"),
                            )
                            .labels
                            .push(crate::diagnostic::Label {
                                span: first,
                                message: "first defined here".into(),
                            });
                        } else {
                            customs.insert(tzid, (Arc::new(zone), child.begin_span));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    // What each TZID names.
    let mut zones = std::mem::take(&mut r.zones);
    for z in &mut zones {
        let custom = customs.get(&z.tzid);
        z.kind = if let Some(tz) = iana_zone(&z.tzid) {
            ZoneKind::Iana(tz)
        } else if let Some(tz) = windows_to_iana(&z.tzid).and_then(|n| n.parse::<Tz>().ok()) {
            ZoneKind::Windows(tz)
        } else if let Some((zone, _)) = custom {
            ZoneKind::Custom(zone.clone())
        } else {
            let help = suggest_zone(&z.tzid).or_else(|| {
                Some("add its `VTIMEZONE`, or use an IANA name such as `Europe/Berlin`".into())
            });
            let d = r.error(
                "ical-unknown-timezone",
                z.span,
                format!("time zone `{}` is not defined in the calendar nor an IANA or Windows zone; its times are read as floating", z.tzid),
            );
            d.help = help;
            ZoneKind::Unknown
        };
        if let (ZoneKind::Custom(_), Some((_, span))) = (&z.kind, custom) {
            z.span = *span;
        }
    }
    cal.zones = zones;
    cal
}

/// "did you mean" over IANA names and Windows names.
fn suggest_zone(name: &str) -> Option<String> {
    let iana = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
    let windows = WINDOWS_ZONES.iter().map(|w| w.0);
    crate::suggest::did_you_mean(name, iana.chain(windows))
}
