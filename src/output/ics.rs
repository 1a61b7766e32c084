//! Schedules as iCalendar feeds (RFC 5545): a schedule's exact shifts, or
//! one person's shifts across every schedule ("my on-call"), for calendar
//! apps to subscribe to. The CLI (`escalator ics`) and the JS bindings call
//! these same functions.
//!
//! - One event per shift with someone on call (gaps are left out); for a
//!   person, one event per stretch they are on call in a schedule, however
//!   the others change around them.
//! - Times are UTC. Lines are folded at 75 octets with CRLF ends, text is
//!   escaped ([`crate::ical::write`]).
//! - `UID`s are derived from the schedule, the person and the shift's start
//!   (`payments-primary/2026-03-02T08:00:00Z@escalator`,
//!   `alice/payments-primary/...`), so a calendar app that re-reads the
//!   feed updates its events instead of duplicating them. Shifts overlapping
//!   the window are given whole: one that began before the window keeps its
//!   start (looked for up to [`LOOK_AROUND`] before it) and so its `UID`.
//! - `DESCRIPTION` gives the reasons: layer and turn, event occurrence, or
//!   override. Each person is an `ATTENDEE` (`CN` their name, else their
//!   id; their e-mail contact when they have one), so the feed imports back
//!   ([`crate::import`]).
//! - An optional display alarm comes a set time before each event.

use crate::error::QueryError;
use crate::ical::value::Duration;
use crate::ical::write::{escape_text, Writer};
use crate::model::{Model, Person, PersonIdx, Schedule, ScheduleIdx};
use crate::schedule::{detail, Source, Timeline};
use crate::time::Timestamp;

/// How far before and after the window shifts are looked for, so that the
/// first and last events keep their true start and end (31 days).
pub const LOOK_AROUND: i64 = 31 * 86_400;

/// What a feed holds besides its shifts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IcsOptions {
    /// When the feed is made (`DTSTAMP`); the engine never reads the clock.
    pub dtstamp: Timestamp,
    /// A display alarm this many seconds before each event.
    pub alarm_before: Option<i64>,
}

/// One event of a feed, before it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
struct FeedEvent {
    uid: String,
    start: Timestamp,
    end: Timestamp,
    summary: String,
    description: String,
    people: Vec<PersonIdx>,
}

fn label(p: &Person) -> &str {
    p.name.as_deref().unwrap_or(&p.id.value)
}

/// A person's e-mail address, from an `email` contact with a `to`.
fn email(p: &Person) -> Option<&str> {
    p.contact
        .iter()
        .find(|c| c.via.eq_ignore_ascii_case("email") || c.via.eq_ignore_ascii_case("mail"))
        .and_then(|c| c.to.as_deref())
        .filter(|to| to.contains('@'))
}

fn person(model: &Model, p: PersonIdx) -> Option<&Person> {
    model.people.get(p.index())
}

/// The shifts of a schedule around `[from, to)` (looking around the window).
fn timeline(
    model: &Model,
    idx: ScheduleIdx,
    from: Timestamp,
    to: Timestamp,
) -> Result<Timeline, QueryError> {
    let mut t = Timeline::new();
    crate::schedule::timeline(
        model,
        idx,
        from.add_seconds(-LOOK_AROUND),
        to.add_seconds(LOOK_AROUND),
        &mut t,
    )?;
    Ok(t)
}

fn reasons(schedule: &Schedule, sources: &[Source]) -> String {
    detail(schedule, sources).unwrap_or_else(|| "on call".to_string())
}

/// The events of a schedule's feed over `[from, to)`.
fn schedule_events(
    model: &Model,
    idx: ScheduleIdx,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<FeedEvent>, QueryError> {
    let schedule = model.schedule(idx);
    let t = timeline(model, idx, from, to)?;
    let mut out = Vec::new();
    for s in t.iter() {
        if s.on_call.is_empty() || s.end <= from || s.start >= to {
            continue;
        }
        let names: Vec<&str> = s
            .on_call
            .iter()
            .filter_map(|&p| person(model, p).map(label))
            .collect();
        let mut lines = Vec::new();
        for &p in s.on_call {
            let sources: Vec<Source> = s
                .why
                .iter()
                .filter(|w| w.person == p)
                .map(|w| w.source)
                .collect();
            let id = person(model, p).map_or("?", |x| x.id.value.as_str());
            lines.push(format!("{id}: {}", reasons(schedule, &sources)));
        }
        out.push(FeedEvent {
            uid: format!("{}/{}@escalator", schedule.id.value, s.start),
            start: s.start,
            end: s.end,
            summary: format!("On call: {}", names.join(", ")),
            description: format!("Schedule `{}`\n{}", schedule.id.value, lines.join("\n")),
            people: s.on_call.to_vec(),
        });
    }
    Ok(out)
}

/// The events of a person's feed in one schedule over `[from, to)`: their
/// maximal stretches on call.
fn person_events(
    model: &Model,
    idx: ScheduleIdx,
    who: PersonIdx,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<FeedEvent>, QueryError> {
    let schedule = model.schedule(idx);
    let t = timeline(model, idx, from, to)?;
    let id = person(model, who).map_or("?", |x| x.id.value.as_str());
    let mut out = Vec::new();
    let mut open: Option<(Timestamp, Timestamp, Vec<Source>)> = None;
    let close = |open: &mut Option<(Timestamp, Timestamp, Vec<Source>)>,
                 out: &mut Vec<FeedEvent>| {
        if let Some((start, end, sources)) = open.take() {
            if end > from && start < to {
                out.push(FeedEvent {
                    uid: format!("{id}/{}/{start}@escalator", schedule.id.value),
                    start,
                    end,
                    summary: format!(
                        "On call: {}",
                        schedule.name.as_deref().unwrap_or(&schedule.id.value)
                    ),
                    description: format!(
                        "Schedule `{}`\n{id}: {}",
                        schedule.id.value,
                        reasons(schedule, &sources)
                    ),
                    people: vec![who],
                });
            }
        }
    };
    for s in t.iter() {
        if !s.on_call.contains(&who) {
            close(&mut open, &mut out);
            continue;
        }
        let mine = s.why.iter().filter(|w| w.person == who).map(|w| w.source);
        match &mut open {
            Some((_, end, sources)) if *end == s.start => {
                *end = s.end;
                for x in mine {
                    if !sources.contains(&x) {
                        sources.push(x);
                    }
                }
            }
            _ => {
                close(&mut open, &mut out);
                open = Some((s.start, s.end, mine.collect()));
            }
        }
    }
    close(&mut open, &mut out);
    Ok(out)
}

fn write(model: &Model, name: &str, events: &[FeedEvent], options: &IcsOptions) -> String {
    let mut w = Writer::new();
    w.begin("VCALENDAR");
    w.line("VERSION", &[], "2.0");
    w.text(
        "PRODID",
        &format!("-//Escalator//Escalator {}//EN", crate::ENGINE_VERSION),
    );
    w.line("CALSCALE", &[], "GREGORIAN");
    w.line("METHOD", &[], "PUBLISH");
    w.text("X-WR-CALNAME", name);
    for e in events {
        w.begin("VEVENT");
        w.text("UID", &e.uid);
        w.utc("DTSTAMP", options.dtstamp);
        w.utc("DTSTART", e.start);
        w.utc("DTEND", e.end);
        w.text("SUMMARY", &e.summary);
        w.text("DESCRIPTION", &e.description);
        for &p in &e.people {
            let Some(x) = person(model, p) else { continue };
            let address = match email(x) {
                Some(mail) => format!("mailto:{mail}"),
                None => format!("urn:escalator:person:{}", x.id.value),
            };
            w.line("ATTENDEE", &[("CN", label(x))], &address);
        }
        w.text("TRANSP", "OPAQUE");
        if let Some(before) = options.alarm_before {
            w.begin("VALARM");
            w.line("ACTION", &[], "DISPLAY");
            w.line("DESCRIPTION", &[], &escape_text(&e.summary));
            w.line("TRIGGER", &[], &Duration::exact(-before.max(0)).to_string());
            w.end("VALARM");
        }
        w.end("VEVENT");
    }
    w.end("VCALENDAR");
    w.finish()
}

fn check_window(from: Timestamp, to: Timestamp) -> Result<(), QueryError> {
    if to <= from {
        return Err(QueryError::new(
            "empty-window",
            format!("the window ends (`{to}`) at or before it starts (`{from}`)"),
        ));
    }
    Ok(())
}

/// The feed of a schedule's shifts overlapping `[from, to)`.
///
/// ```
/// use escalator::output::ics::{schedule_ics, IcsOptions};
/// use escalator::time::parse_instant;
/// use escalator::Evaluator;
/// let ev = Evaluator::new("version: 1\ntimezone: Europe/Berlin\npeople: [{id: alice}, {id: bob}]\n\
///     schedules:\n  - id: s\n    layers: [{members: [alice, bob], shift: 1w, handoff: 2026-03-23T09:00}]\n").unwrap();
/// let utc = chrono_tz::UTC;
/// let (from, to) = (parse_instant("2026-03-23", utc).unwrap(), parse_instant("2026-04-06", utc).unwrap());
/// let options = IcsOptions { dtstamp: from, alarm_before: None };
/// let text = schedule_ics(ev.model(), ev.model().schedule_by_id("s").unwrap(), from, to, &options).unwrap();
/// // Alice's week crosses the change to summer time: 09:00 CET to 09:00 CEST.
/// assert!(text.contains("DTSTART:20260323T080000Z\r\nDTEND:20260330T070000Z\r\n"));
/// assert!(text.contains("UID:s/2026-03-23T08:00:00Z@escalator\r\n"));
/// ```
pub fn schedule_ics(
    model: &Model,
    schedule: ScheduleIdx,
    from: Timestamp,
    to: Timestamp,
    options: &IcsOptions,
) -> Result<String, QueryError> {
    check_window(from, to)?;
    let s = model.schedule(schedule);
    let events = schedule_events(model, schedule, from, to)?;
    let name = format!("On call: {}", s.name.as_deref().unwrap_or(&s.id.value));
    Ok(write(model, &name, &events, options))
}

/// The feed of one person's shifts overlapping `[from, to)`, in every
/// schedule (or in `only` one).
pub fn person_ics(
    model: &Model,
    who: PersonIdx,
    only: Option<ScheduleIdx>,
    from: Timestamp,
    to: Timestamp,
    options: &IcsOptions,
) -> Result<String, QueryError> {
    check_window(from, to)?;
    let schedules: Vec<ScheduleIdx> = match only {
        Some(s) => vec![s],
        None => (0..model.schedules.len())
            .map(|i| ScheduleIdx(i as u32))
            .collect(),
    };
    let mut events = Vec::new();
    for s in schedules {
        events.extend(person_events(model, s, who, from, to)?);
    }
    // UIDs are unique (person, schedule, start): the order is total, and the
    // unstable sort (smaller in the wasm) gives the same one.
    events.sort_unstable_by(|a, b| (a.start, a.end, &a.uid).cmp(&(b.start, b.end, &b.uid)));
    let name = format!("On call: {}", person(model, who).map_or("?", label));
    Ok(write(model, &name, &events, options))
}
