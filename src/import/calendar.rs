//! Calendars (RFC 5545) to schedules: each calendar file becomes a schedule
//! with one events layer, each series an event of it.
//!
//! A series is kept as a rule wherever the model can say it exactly: its
//! `RRULE` becomes the event's `repeat`, its `EXDATE`s and the occurrences
//! that changed instances replace become `except`, each changed instance
//! and each `RDATE` becomes an event of its own; lengths keep their meaning
//! (wall-clock when `DTSTART` and `DTEND` are in one zone, days for
//! all-day events, exact otherwise). A series the model cannot say as a
//! rule (a `VTIMEZONE` that is no IANA or Windows zone, several `RRULE`s,
//! a change with `RANGE=THISANDFUTURE`, a `DURATION` of days and hours) is
//! written as its occurrences over the import window, with a warning.
//!
//! People come from each event's `ATTENDEE`s (declined ones left out, else
//! the `ORGANIZER`) or its `SUMMARY` (`--person-from`), optionally through
//! a [`PersonPattern`] (`--person-pattern`). They are matched to people
//! already imported by id, name or e-mail (e-mail ignoring case); anyone
//! else becomes a new person, with an info diagnostic. As every importer
//! does, objects keep their source's reference in `source` (the file of a
//! schedule, the `mailto:` of a person).

use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

use super::ids::email_key;
use super::yaml::Yaml;
use super::{Cx, Format};
use crate::diagnostic::{Diagnostic, Span};
use crate::ical::expand::Series;
use crate::ical::zone::ZoneKind;
use crate::ical::{self, Calendar, Event, PeriodEnd, RDate, Time};
use crate::time::recurrence::WORK_LIMIT;
use crate::time::{local_seconds, naive_of_local, Timestamp};

/// Where an event's person comes from (`--person-from`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PersonFrom {
    /// The attendees when an event has any, else the summary.
    #[default]
    Auto,
    /// The `SUMMARY` (through the pattern, when one is given).
    Summary,
    /// The `ATTENDEE`s (declined ones left out), else the `ORGANIZER`.
    Attendee,
}

impl PersonFrom {
    /// From its name on the command line: `auto`, `summary`, `attendee`.
    pub fn from_key(key: &str) -> Option<PersonFrom> {
        match key {
            "auto" => Some(PersonFrom::Auto),
            "summary" => Some(PersonFrom::Summary),
            "attendee" | "attendees" => Some(PersonFrom::Attendee),
            _ => None,
        }
    }
}

/// The pattern that finds a person in a summary (`--person-pattern`).
///
/// A small syntax instead of regular expressions (a regex engine would add
/// about 100 KB to the wasm module for this one option): literal text,
/// matched ignoring case, anywhere in the summary; `*` matches any text;
/// `{}` captures the person: any text up to the next literal part (or the
/// end); `{word}` captures one word (letters, digits, `.`, `_`, `-`, `'`).
/// The capture is trimmed.
///
/// ```
/// use escalator::import::calendar::PersonPattern;
/// let p = PersonPattern::parse("On call: {}").unwrap();
/// assert_eq!(p.find("On call: Alice Nguyen").as_deref(), Some("Alice Nguyen"));
/// let p = PersonPattern::parse("@{word}").unwrap();
/// assert_eq!(p.find("primary: ping @alice please").as_deref(), Some("alice"));
/// let p = PersonPattern::parse("{} (primary)").unwrap();
/// assert_eq!(p.find("Bob (primary)").as_deref(), Some("Bob"));
/// assert_eq!(p.find("Bob (secondary)"), None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonPattern {
    parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Literal(Vec<char>),
    Any,
    Capture,
    Word,
}

impl PersonPattern {
    /// Reads a pattern; it must hold exactly one `{}` or `{word}`.
    pub fn parse(text: &str) -> Result<PersonPattern, String> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut rest = text;
        let mut captures = 0;
        while let Some(c) = rest.chars().next() {
            let (part, len) = if rest.starts_with("{word}") {
                (Some(Part::Word), 6)
            } else if rest.starts_with("{}") {
                (Some(Part::Capture), 2)
            } else if c == '*' {
                (Some(Part::Any), 1)
            } else {
                lit.push(c);
                (None, c.len_utf8())
            };
            if let Some(p) = part {
                if !lit.is_empty() {
                    parts.push(Part::Literal(std::mem::take(&mut lit).chars().collect()));
                }
                if matches!(p, Part::Capture | Part::Word) {
                    captures += 1;
                }
                parts.push(p);
            }
            rest = &rest[len..];
        }
        if !lit.is_empty() {
            parts.push(Part::Literal(lit.chars().collect()));
        }
        if captures != 1 {
            return Err(format!(
                "pattern `{text}` must hold one `{{}}` (or `{{word}}`) where the person is"
            ));
        }
        Ok(PersonPattern { parts })
    }

    /// The person the pattern finds in `text`, if it matches.
    pub fn find(&self, text: &str) -> Option<String> {
        let chars: Vec<char> = text.chars().take(1000).collect();
        let mut budget = 200_000usize;
        for start in 0..=chars.len() {
            let mut capture = None;
            if self.at(&chars, start, 0, &mut capture, &mut budget) {
                let (a, b) = capture?;
                let found: String = chars.get(a..b)?.iter().collect();
                let found = found.trim().to_string();
                if !found.is_empty() {
                    return Some(found);
                }
            }
            if budget == 0 {
                return None;
            }
        }
        None
    }

    fn at(
        &self,
        s: &[char],
        i: usize,
        p: usize,
        capture: &mut Option<(usize, usize)>,
        budget: &mut usize,
    ) -> bool {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        let Some(part) = self.parts.get(p) else {
            return true;
        };
        let last = p + 1 == self.parts.len();
        match part {
            Part::Literal(l) => {
                let ok = s.len() >= i + l.len()
                    && s[i..i + l.len()]
                        .iter()
                        .zip(l)
                        .all(|(a, b)| a.to_lowercase().eq(b.to_lowercase()));
                ok && self.at(s, i + l.len(), p + 1, capture, budget)
            }
            Part::Any | Part::Capture => {
                let is_capture = matches!(part, Part::Capture);
                // A capture at the end takes the rest; otherwise the
                // shortest text that lets the rest match.
                let ends: Vec<usize> = if last && is_capture {
                    vec![s.len()]
                } else {
                    (i..=s.len()).collect()
                };
                for j in ends {
                    if is_capture {
                        *capture = Some((i, j));
                    }
                    if self.at(s, j, p + 1, capture, budget) {
                        return true;
                    }
                }
                false
            }
            Part::Word => {
                let is_word = |c: &char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '\'');
                let mut j = i;
                while s.get(j).is_some_and(is_word) {
                    j += 1;
                }
                if j == i {
                    return false;
                }
                *capture = Some((i, j));
                self.at(s, j, p + 1, capture, budget)
            }
        }
    }
}

/// A person named by an event: a name, an e-mail, or both.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Named {
    name: Option<String>,
    email: Option<String>,
}

/// How an event's occurrences end, in the document's terms.
#[derive(Clone, Copy, Debug)]
enum Len {
    /// Seconds on the wall clock of the start's zone.
    Wall(i64),
    /// Whole days (all-day events).
    Days(i64),
    /// Exactly this many seconds.
    Exact(i64),
}

/// A time as the document can write it.
#[derive(Clone, Copy, Debug)]
enum Place {
    Local(NaiveDateTime, Tz),
    Date(NaiveDate, Tz),
    Utc(Timestamp),
    /// In a `VTIMEZONE` the model cannot name.
    Custom,
}

fn fmt_local(t: NaiveDateTime) -> String {
    if chrono::Timelike::second(&t) == 0 {
        t.format("%Y-%m-%dT%H:%M").to_string()
    } else {
        t.format("%Y-%m-%dT%H:%M:%S").to_string()
    }
}

fn fmt_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The importer of one run's calendar files.
struct Run<'c, 'a> {
    cx: &'c mut Cx<'a>,
    file: usize,
    pattern: Option<PersonPattern>,
}

impl Run<'_, '_> {
    fn report(&mut self, d: Diagnostic) {
        self.cx.report(self.file, d);
    }

    fn place(&self, cal: &Calendar, time: &Time, floating: Tz) -> Place {
        match *time {
            Time::Date(d) => Place::Date(d, floating),
            Time::Utc(t) => Place::Utc(t),
            Time::Floating(l) => Place::Local(l, floating),
            Time::Zoned(l, id) => match cal.zone(id).map(|z| &z.kind) {
                Some(ZoneKind::Iana(tz) | ZoneKind::Windows(tz)) => Place::Local(l, *tz),
                Some(ZoneKind::Custom(_)) => Place::Custom,
                Some(ZoneKind::Unknown) | None => Place::Local(l, floating),
            },
        }
    }

    /// The people an event names (see [`PersonFrom`]).
    fn named(&mut self, e: &Event) -> Vec<Named> {
        let from = self.cx.options.person_from;
        let attendees: Vec<Named> = e
            .attendees
            .iter()
            .filter(|a| !a.value.declined())
            .map(|a| Named {
                name: a.value.name.clone(),
                email: a.value.email.clone(),
            })
            .filter(|n| n.name.is_some() || n.email.is_some())
            .collect();
        let summary = || -> Option<Named> {
            let text = e.summary.as_ref()?.value.trim().to_string();
            if text.is_empty() {
                return None;
            }
            Some(Named {
                name: Some(text),
                email: None,
            })
        };
        let from_summary = |run: &mut Self| -> Vec<Named> {
            let Some(s) = summary() else {
                return Vec::new();
            };
            match &run.pattern {
                None => vec![s],
                Some(p) => match p.find(s.name.as_deref().unwrap_or("")) {
                    Some(found) => vec![Named {
                        name: Some(found),
                        email: None,
                    }],
                    None => {
                        let span = e.summary.as_ref().map_or(e.span, |x| x.span);
                        run.report(
                            Diagnostic::warning(
                                "import-no-person",
                                span,
                                format!(
                                    "the person pattern finds nobody in `{}`; the event is left out",
                                    s.name.as_deref().unwrap_or("")
                                ),
                            )
                            .with_help("check `--person-pattern`"),
                        );
                        Vec::new()
                    }
                },
            }
        };
        match from {
            PersonFrom::Summary => from_summary(self),
            PersonFrom::Attendee => {
                if !attendees.is_empty() {
                    attendees
                } else {
                    e.organizer
                        .iter()
                        .map(|o| Named {
                            name: o.value.name.clone(),
                            email: o.value.email.clone(),
                        })
                        .collect()
                }
            }
            PersonFrom::Auto => {
                if attendees.is_empty() {
                    from_summary(self)
                } else {
                    attendees
                }
            }
        }
    }

    /// The id of a named person: an imported one it matches (by id, name,
    /// or e-mail ignoring case), else a new one.
    fn person_id(&mut self, n: &Named, span: Span) -> String {
        let name = n.name.as_deref();
        let email = n.email.as_deref().and_then(email_key);
        // An e-mail first: every importer records its people's addresses
        // (a PagerDuty, Grafana or GoAlert `email`, an Opsgenie username,
        // a calendar's own), compared ignoring case.
        if let Some(id) = email
            .as_deref()
            .and_then(|e| self.cx.ids.person_by_email(e))
        {
            return id.to_string();
        }
        for p in &self.cx.draft.people {
            let field = |k: &str| match p.get(k) {
                Some(Yaml::Str(s)) => Some(s.clone()),
                _ => None,
            };
            let id = field("id");
            let by_name = name
                .is_some_and(|n| id.as_deref() == Some(n) || field("name").as_deref() == Some(n));
            // Another importer's `source` that is an address.
            let by_source = email.is_some() && field("source").and_then(|s| email_key(&s)) == email;
            if by_name || by_source {
                if let Some(id) = id {
                    return id;
                }
            }
        }
        let key = email
            .clone()
            .or_else(|| name.map(str::to_string))
            .unwrap_or_default();
        let label = name
            .map(str::to_string)
            .or_else(|| email.clone())
            .unwrap_or_default();
        let id = self.cx.ids.id("person", &key, &label);
        if let Some(e) = &email {
            self.cx.ids.person_email(e, &id);
        }
        let mut person = Yaml::map().with("id", id.as_str());
        if let Some(n) = name {
            if n != id {
                person.set("name", n);
            }
        }
        if let Some(e) = &email {
            person.set("source", format!("mailto:{e}"));
        }
        self.cx.draft.people.push(person);
        let who = match (name, &email) {
            (Some(n), Some(e)) => format!("`{n}` ({e})"),
            (Some(n), None) => format!("`{n}`"),
            (None, Some(e)) => format!("`{e}`"),
            (None, None) => "someone".to_string(),
        };
        self.report(Diagnostic::info(
            "import-new-person",
            span,
            format!("{who} is not a known person; added as `{id}`"),
        ));
        id
    }

    /// `person:` or `people:` for an event; `None` when it names nobody.
    fn people(&mut self, e: &Event, event: &mut Yaml) -> bool {
        let named = self.named(e);
        if named.is_empty() {
            return false;
        }
        let span = e
            .attendees
            .first()
            .map_or(e.summary.as_ref().map_or(e.span, |s| s.span), |a| a.span);
        let mut ids: Vec<String> = Vec::new();
        for n in &named {
            let id = self.person_id(n, span);
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        if let [one] = ids.as_slice() {
            event.set("person", one.as_str());
        } else {
            event.set("people", Yaml::strs(ids));
        }
        true
    }

    /// An event of the layer: uid, name, people; `None` (with a reason)
    /// when it names nobody.
    fn base(&mut self, e: &Event) -> Option<Yaml> {
        let mut y = Yaml::map();
        if let Some(uid) = &e.uid {
            y.set("uid", uid.value.as_str());
        }
        if let Some(s) = &e.summary {
            if !s.value.trim().is_empty() {
                y.set("name", s.value.trim());
            }
        }
        if !self.people(e, &mut y) {
            self.report(
                Diagnostic::warning(
                    "import-no-person",
                    e.span,
                    "this event names nobody (no attendee, no summary); it is left out",
                )
                .with_help("give it a summary or an attendee, or choose `--person-from`"),
            );
            return None;
        }
        Some(y)
    }

    /// `from` (and the event's zone) of a place.
    fn from_text(place: Place, recurring: bool) -> Option<(String, Option<Tz>)> {
        Some(match place {
            Place::Local(l, tz) => (fmt_local(l), Some(tz)),
            Place::Date(d, tz) => (fmt_date(d), Some(tz)),
            // A recurring UTC event recurs on the UTC clock.
            Place::Utc(t) if recurring => (fmt_local(t.to_naive_utc()), Some(chrono_tz::UTC)),
            Place::Utc(t) => (t.to_rfc3339(), None),
            Place::Custom => return None,
        })
    }

    /// `to` for a start and a length.
    fn to_text(place: Place, len: Len, start: Timestamp, recurring: bool) -> Option<String> {
        let add = |l: NaiveDateTime, s: i64| naive_of_local(local_seconds(l).saturating_add(s));
        Some(match (place, len) {
            (Place::Date(d, _), Len::Days(n)) => fmt_date(d + chrono::Duration::days(n)),
            (Place::Date(d, _), Len::Wall(s)) => fmt_local(add(d.and_hms_opt(0, 0, 0)?, s)),
            (Place::Local(l, _), Len::Wall(s)) => fmt_local(add(l, s)),
            (Place::Local(l, _), Len::Days(n)) => fmt_local(add(l, n * 86_400)),
            (Place::Utc(t), Len::Wall(s) | Len::Exact(s)) if recurring => {
                fmt_local(add(t.to_naive_utc(), s))
            }
            (Place::Utc(t), Len::Days(n)) if recurring => {
                fmt_local(add(t.to_naive_utc(), n * 86_400))
            }
            (_, Len::Exact(s)) => start.add_seconds(s).to_rfc3339(),
            (Place::Utc(t), Len::Wall(s)) => t.add_seconds(s).to_rfc3339(),
            (Place::Utc(t), Len::Days(n)) => t.add_seconds(n * 86_400).to_rfc3339(),
            (Place::Custom, _) => return None,
        })
    }

    /// An event's length in the document's terms; `Err` with why not.
    fn length(&self, cal: &Calendar, e: &Event, floating: Tz) -> Result<Option<Len>, &'static str> {
        if let Some(end) = &e.end {
            return Ok(Some(match (e.start.value, end.value) {
                (Time::Date(a), Time::Date(b)) => Len::Days((b - a).num_days().max(0)),
                (Time::Zoned(a, za), Time::Zoned(b, zb)) if za == zb => {
                    Len::Wall((local_seconds(b) - local_seconds(a)).max(0))
                }
                (Time::Floating(a), Time::Floating(b)) => {
                    Len::Wall((local_seconds(b) - local_seconds(a)).max(0))
                }
                (s, en) => {
                    let a = ical::instant_of(cal, &s, floating)
                        .map_err(|_| "a time zone cannot be read")?;
                    let b = ical::instant_of(cal, &en, floating)
                        .map_err(|_| "a time zone cannot be read")?;
                    Len::Exact((b.0 - a.0).max(0))
                }
            }));
        }
        if let Some(d) = &e.duration {
            let d = d.value;
            if d.negative {
                return Ok(None);
            }
            return match (d.days, d.seconds) {
                (0, 0) => Ok(None),
                (days, 0) if e.start.value.is_date() => Ok(Some(Len::Days(i64::from(days)))),
                (days, 0) => Ok(Some(Len::Wall(i64::from(days) * 86_400))),
                (0, s) => Ok(Some(Len::Exact(i64::from(s)))),
                _ => Err("its `DURATION` mixes days (on the wall clock) and hours (exact)"),
            };
        }
        Ok(e.start.value.is_date().then_some(Len::Days(1)))
    }

    /// Writes one occurrence-less event (a changed instance, an RDATE, or
    /// a one-off event) at `start` for `len`.
    fn single(&mut self, mut y: Yaml, place: Place, start: Timestamp, len: Len) -> Option<Yaml> {
        let (from, tz) = Self::from_text(place, false)?;
        let to = Self::to_text(place, len, start, false)?;
        y.set("from", from);
        y.set("to", to);
        if let Some(tz) = tz {
            y.set("timezone", tz.name());
        }
        Some(y)
    }
}

/// The instant of a time, or the reader's diagnostic.
fn instant(cal: &Calendar, t: &Time, floating: Tz) -> Option<Timestamp> {
    ical::instant_of(cal, t, floating).ok()
}

/// Imports the calendar files (`files`: indices into `cx.files`).
pub(super) fn run(cx: &mut Cx<'_>, files: &[(usize, Format)]) {
    let pattern = match cx.options.person_pattern.as_deref() {
        None => None,
        Some(text) => match PersonPattern::parse(text) {
            Ok(p) => Some(p),
            Err(message) => {
                if let Some(&(file, _)) = files.first() {
                    cx.report(
                        file,
                        Diagnostic::error("import-invalid-pattern", Span::new(0, 0), message)
                            .with_help("for example `On call: {}`, `{} (primary)` or `@{word}`"),
                    );
                }
                return;
            }
        },
    };
    for &(file, format) in files {
        if format != Format::ICalendar {
            continue;
        }
        let mut run = Run {
            cx: &mut *cx,
            file,
            pattern: pattern.clone(),
        };
        one_calendar(&mut run);
    }
}

fn one_calendar(run: &mut Run<'_, '_>) {
    let file = run.file;
    let text = run.cx.files[file].text.clone();
    let name_of_file = run.cx.files[file].name.clone();
    let (cal, diagnostics) = ical::read(&text);
    for d in diagnostics {
        run.report(d);
    }
    let fallback: Tz = run
        .cx
        .options
        .timezone
        .as_deref()
        .and_then(|z| z.parse().ok())
        .unwrap_or(chrono_tz::UTC);
    let floating = cal.floating_zone(fallback);
    // The schedule's zone: X-WR-TIMEZONE, else the first event's.
    let zone = cal.timezone.as_ref().map(|t| t.value).or_else(|| {
        cal.events
            .iter()
            .find_map(|e| match run.place(&cal, &e.start.value, floating) {
                Place::Local(_, tz) | Place::Date(_, tz) => Some(tz),
                _ => None,
            })
    });
    let zone = zone.unwrap_or(floating);
    run.cx.draft.suggest_timezone(zone.name());
    let (all, warnings) = ical::series(&cal);
    for d in warnings {
        run.report(d);
    }
    let mut events: Vec<Yaml> = Vec::new();
    for s in &all {
        series(run, &cal, s, floating, &mut events);
    }
    // X-WR-CALNAME, else the file's name without folders and extension.
    let stem = name_of_file
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(&name_of_file);
    let stem = stem.strip_suffix(".ics").unwrap_or(stem).to_string();
    let label = cal.name.as_ref().map(|n| n.value.clone()).unwrap_or(stem);
    let id = run
        .cx
        .ids
        .id("schedule", &format!("file:{name_of_file}"), &label);
    let mut schedule = Yaml::map().with("id", id.as_str());
    if label != id {
        schedule.set("name", label.as_str());
    }
    schedule.set("source", name_of_file.as_str());
    schedule.set("timezone", zone.name());
    if events.is_empty() {
        run.report(Diagnostic::warning(
            "import-no-events",
            Span::new(0, 0),
            format!("`{name_of_file}` has no event with someone on call; its schedule is left out"),
        ));
        return;
    }
    // The events' zone is the schedule's unless they say otherwise.
    for e in &mut events {
        if let Yaml::Map(entries) = e {
            entries.retain(|(k, v)| {
                !(k == "timezone" && matches!(v, Yaml::Str(z) if z == zone.name()))
            });
        }
    }
    let layer = Yaml::map()
        .with("id", "calendar")
        .with("events", Yaml::Seq(events));
    schedule.set("layers", Yaml::Seq(vec![layer]));
    run.cx.draft.schedules.push(schedule);
}

/// Why a series is written as its occurrences, if it must be.
fn needs_expansion(
    run: &Run<'_, '_>,
    cal: &Calendar,
    master: &Event,
    instances: &[&Event],
    floating: Tz,
) -> Option<&'static str> {
    if matches!(run.place(cal, &master.start.value, floating), Place::Custom) {
        return Some("its time zone is defined only in the file");
    }
    if master.rules.len() > 1 {
        return Some("it has several `RRULE`s");
    }
    if instances.iter().any(|i| {
        i.recurrence_id
            .as_ref()
            .is_some_and(|r| r.value.this_and_future)
    }) {
        return Some("a change applies to this and future occurrences");
    }
    None
}

fn series(run: &mut Run<'_, '_>, cal: &Calendar, s: &Series, floating: Tz, out: &mut Vec<Yaml>) {
    let master = s.master.map(|m| &cal.events[m]);
    // Which of the master's own starts stand: EXDATEs and changed
    // instances take starts out, and an RDATE the rule already gives is
    // one occurrence (RFC 5545 section 3.8.5.1, as `ical::expand` reads
    // it); and of two changes of one occurrence, which one counts.
    let starts = match ical::master_starts(cal, s, floating, WORK_LIMIT) {
        Ok(starts) => starts,
        Err(d) => {
            run.report(*d);
            return;
        }
    };
    let instances: Vec<&Event> = starts.instances.iter().map(|&i| &cal.events[i]).collect();
    let Some(master) = master else {
        for d in starts.diagnostics {
            run.report(d);
        }
        // Changed instances of a series not in the file: each as it is.
        for e in instances {
            if !e.is_cancelled() {
                one_off(run, cal, e, floating, out);
            }
        }
        return;
    };
    if master.is_cancelled() {
        run.report(Diagnostic::info(
            "import-cancelled",
            master.span,
            "this event is cancelled; it is left out",
        ));
        return;
    }
    let why = needs_expansion(run, cal, master, &instances, floating)
        .or_else(|| run.length(cal, master, floating).err());
    if let Some(why) = why {
        expanded(run, cal, s, floating, why, out);
        return;
    }
    for d in starts.diagnostics {
        run.report(d);
    }
    if master.rules.is_empty() && master.rdates.is_empty() {
        if starts.dtstart {
            one_off(run, cal, master, floating, out);
        }
        for e in instances {
            if !e.is_cancelled() {
                one_off(run, cal, e, floating, out);
            }
        }
        return;
    }
    let place = run.place(cal, &master.start.value, floating);
    let len = run.length(cal, master, floating).ok().flatten();
    let Some(len) = len.filter(|l| !matches!(l, Len::Wall(0) | Len::Exact(0) | Len::Days(0)))
    else {
        run.report(Diagnostic::info(
            "import-empty-event",
            master.span,
            "this event lasts no time, so it puts nobody on call; it is left out",
        ));
        return;
    };
    let Some(start) = instant(cal, &master.start.value, floating) else {
        return;
    };
    let recurring = !master.rules.is_empty();
    // The series itself.
    if recurring {
        if let Some(mut y) = run.base(master) {
            let (Some((from, tz)), Some(to)) = (
                Run::from_text(place, true),
                Run::to_text(place, len, start, true),
            ) else {
                return;
            };
            y.set("from", from);
            y.set("to", to);
            if let Some(tz) = tz {
                y.set("timezone", tz.name());
            }
            y.set("repeat", master.rules[0].value.to_string());
            // EXDATEs, and the occurrences changed instances replace.
            let mut except: Vec<String> = Vec::new();
            for x in &master.exdates {
                let text = match (x.value, place) {
                    (Time::Date(d), Place::Date(..)) => Some(fmt_date(d)),
                    // Every start of the rule that day: below.
                    (Time::Date(_), _) => None,
                    (t, _) => instant(cal, &t, floating).map(|i| i.to_rfc3339()),
                };
                except.extend(text);
            }
            except.extend(starts.excluded_by_date.iter().map(|l| fmt_local(*l)));
            for i in &instances {
                if let Some(rid) = &i.recurrence_id {
                    let text = match (rid.value.time, place) {
                        (Time::Date(d), Place::Date(..)) => Some(fmt_date(d)),
                        (t, _) => instant(cal, &t, floating).map(|i| i.to_rfc3339()),
                    };
                    except.extend(text);
                }
            }
            except.sort();
            except.dedup();
            if !except.is_empty() {
                y.set("except", Yaml::strs(except));
            }
            out.push(y);
        }
    } else if starts.dtstart {
        one_off(run, cal, master, floating, out);
    }
    // RDATEs: one event each, with the series' length (or the period's),
    // but those that are no occurrence of their own.
    for (r, fate) in master.rdates.iter().zip(&starts.rdates) {
        let Some((at, end)) = *fate else {
            continue;
        };
        let (t, rlen) = match r.value {
            RDate::Start(t) => (t, Some(len)),
            RDate::Period(t, PeriodEnd::Duration(d)) => (
                t,
                (!d.negative && d.days == 0)
                    .then_some(Len::Exact(i64::from(d.seconds)))
                    .or((!d.negative && d.seconds == 0)
                        .then_some(Len::Wall(i64::from(d.days) * 86_400))),
            ),
            RDate::Period(t, PeriodEnd::End(e)) => {
                let a = instant(cal, &t, floating);
                let b = instant(cal, &e, floating);
                (t, a.zip(b).map(|(a, b)| Len::Exact((b.0 - a.0).max(0))))
            }
        };
        // A length the model cannot say (a period of days and hours):
        // this one occurrence's exact end.
        let rlen = rlen.unwrap_or(Len::Exact((end.0 - at.0).max(0)));
        if matches!(rlen, Len::Wall(0) | Len::Exact(0) | Len::Days(0)) {
            run.report(Diagnostic::info(
                "import-empty-event",
                r.span,
                "this occurrence lasts no time, so it puts nobody on call; it is left out",
            ));
            continue;
        }
        // Placed on the series' clock, as the RFC reads an RDATE.
        let rplace = match (place, t) {
            (Place::Date(_, tz), Time::Date(d)) => Place::Date(d, tz),
            (Place::Local(_, tz), _) => Place::Local(
                naive_of_local(crate::time::Zone::new(tz).local_of(at.0)),
                tz,
            ),
            _ => Place::Utc(at),
        };
        if let Some(y) = run.base(master) {
            out.extend(run.single(y, rplace, at, rlen));
        }
    }
    // Changed instances: each its own event.
    for e in instances {
        if !e.is_cancelled() {
            one_off(run, cal, e, floating, out);
        }
    }
}

/// A one-off event (or a changed instance) as it is.
fn one_off(run: &mut Run<'_, '_>, cal: &Calendar, e: &Event, floating: Tz, out: &mut Vec<Yaml>) {
    let Some(start) = instant(cal, &e.start.value, floating) else {
        return;
    };
    let len = match run.length(cal, e, floating) {
        Ok(len) => len,
        // A length the model cannot say as a rule: this one event's exact
        // end, from the calendar's own expansion.
        Err(_) => single_expansion(cal, e, floating).map(Len::Exact),
    };
    let empty = matches!(
        len,
        None | Some(Len::Wall(0) | Len::Exact(0) | Len::Days(0))
    );
    let Some(len) = len.filter(|_| !empty) else {
        run.report(Diagnostic::info(
            "import-empty-event",
            e.span,
            "this event lasts no time, so it puts nobody on call; it is left out",
        ));
        return;
    };
    let place = match run.place(cal, &e.start.value, floating) {
        // A zone the model cannot name: written as instants.
        Place::Custom => Place::Utc(start),
        p => p,
    };
    if let Some(y) = run.base(e) {
        out.extend(run.single(y, place, start, len));
    }
}

/// The exact length of a one-off event, from the calendar's own expansion.
fn single_expansion(cal: &Calendar, e: &Event, floating: Tz) -> Option<i64> {
    let start = ical::instant_of(cal, &e.start.value, floating).ok()?;
    let s = Series {
        uid: None,
        master: cal.events.iter().position(|x| std::ptr::eq(x, e)),
        instances: Vec::new(),
    };
    let x = ical::expand_series(cal, &s, start, start.add_seconds(1), floating, WORK_LIMIT);
    let occ = x.occurrences.first()?;
    Some((occ.end.0 - occ.start.0).max(0))
}

/// A series the model cannot say as a rule: its occurrences over the
/// import window (`--expand-from`/`--expand-to`, else a year from its
/// start), each an event at exact instants.
fn expanded(
    run: &mut Run<'_, '_>,
    cal: &Calendar,
    s: &Series,
    floating: Tz,
    why: &str,
    out: &mut Vec<Yaml>,
) {
    let Some(master) = s.master.map(|m| &cal.events[m]) else {
        return;
    };
    let (from, to) = match run.cx.options.expand_window {
        Some(w) => w,
        None => {
            let Some(start) = instant(cal, &master.start.value, floating) else {
                return;
            };
            (start, start.add_seconds(366 * 86_400))
        }
    };
    let x = ical::expand_series(cal, s, from, to, floating, WORK_LIMIT);
    for d in x.diagnostics {
        run.report(d);
    }
    let mut n = 0;
    let mut empty = false;
    for o in &x.occurrences {
        if o.end <= o.start {
            empty = true;
            continue;
        }
        if let Some(mut y) = run.base(o.event) {
            y.set("from", o.start.to_rfc3339());
            y.set("to", o.end.to_rfc3339());
            out.push(y);
            n += 1;
        }
    }
    if empty {
        run.report(Diagnostic::info(
            "import-empty-event",
            master.span,
            "occurrences of this series last no time, so they put nobody on call; they are left out",
        ));
    }
    run.report(
        Diagnostic::warning(
            "import-expanded",
            master.span,
            format!("this series is written as its {n} occurrences from {from} to {to}: {why}"),
        )
        .with_help("choose the window with `--expand-from` and `--expand-to`"),
    );
}
