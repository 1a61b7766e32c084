//! Calendars imported into documents: the document is valid and its events
//! layer puts on call exactly what the calendar's own expansion does; and
//! the round trip `escalator ics` -> `escalator import` keeps a schedule's
//! shifts over the window, on generated schedules across DST zones.

use std::collections::BTreeSet;

use escalator::ical::{self, ExpandOptions};
use escalator::import::calendar::PersonFrom;
use escalator::import::{import, ImportOptions, SourceFile, Vendor};
use escalator::output::ics::IcsOptions;
use escalator::schedule::{on_call_at, Source};
use escalator::time::{parse_instant, Timestamp};
use escalator::Evaluator;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/ical/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn t(s: &str) -> Timestamp {
    parse_instant(s, chrono_tz::UTC).unwrap()
}

fn import_one(name: &str, text: &str, options: &ImportOptions) -> Evaluator {
    let files = [SourceFile::new(name, text)];
    let result = import(&files, options).unwrap();
    let errors: Vec<_> = result
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.severity == escalator::diagnostic::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    Evaluator::new(&result.document).unwrap_or_else(|d| panic!("{}\n{d:#?}", result.document))
}

/// Who is on call at `at` per the document, each with the occurrence that
/// puts them there: `(who, start, end)`, `who` being the person's name
/// (else the e-mail of its `mailto:` source, else its id).
fn document_at(ev: &Evaluator, at: Timestamp) -> BTreeSet<(String, i64, i64)> {
    let m = ev.model();
    let Some(schedule) = m.schedules.first() else {
        return BTreeSet::new();
    };
    let s = on_call_at(m, escalator::model::ScheduleIdx(0), at);
    s.why
        .iter()
        .filter(|w| w.source.holds_at(schedule, at))
        .filter_map(|w| match w.source {
            Source::Event { start, end, .. } => {
                let p = &m.people[w.person.index()];
                let who = p
                    .name
                    .clone()
                    .or_else(|| {
                        p.source
                            .as_deref()
                            .and_then(|s| s.strip_prefix("mailto:"))
                            .map(str::to_string)
                    })
                    .unwrap_or_else(|| p.id.value.clone());
                Some((who, start.0, end.0))
            }
            _ => None,
        })
        .collect()
}

/// The same from the calendar's own expansion: each occurrence's
/// attendees (declined ones left out; their name, else their e-mail),
/// else its summary.
fn calendar_at(occ: &[ical::Occurrence<'_>], at: Timestamp) -> BTreeSet<(String, i64, i64)> {
    let mut out = BTreeSet::new();
    for o in occ.iter().filter(|o| o.start <= at && at < o.end) {
        let e = o.event;
        let attendees: Vec<String> = e
            .attendees
            .iter()
            .filter(|a| !a.value.declined())
            .filter_map(|a| a.value.name.clone().or_else(|| a.value.email.clone()))
            .collect();
        let who = if attendees.is_empty() {
            e.summary
                .iter()
                .map(|s| s.value.trim().to_string())
                .collect()
        } else {
            attendees
        };
        for w in who {
            out.insert((w, o.start.0, o.end.0));
        }
    }
    out
}

/// Imports a calendar and holds the document against the calendar's own
/// expansion over `[from, to)`: at every start and end of an occurrence of
/// either side (and the seconds around them, and midpoints), the same
/// people on call through occurrences with the same start and end.
fn same_as_calendar(name: &str, text: &str, from: &str, to: &str, floating: &str) -> usize {
    let options = ImportOptions {
        timezone: Some(floating.into()),
        ..ImportOptions::default()
    };
    let ev = import_one(name, text, &options);
    let (cal, _) = ical::read(text);
    let (occ, d) = ical::expand(
        &cal,
        t(from),
        t(to),
        ExpandOptions::new(floating.parse().unwrap()),
    );
    let errors: Vec<_> = d
        .iter()
        .filter(|d| d.severity == escalator::diagnostic::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
    let mut instants: BTreeSet<i64> = BTreeSet::new();
    for o in &occ {
        for x in [o.start.0, o.end.0] {
            instants.extend([x - 1, x, x + 1]);
        }
        instants.insert((o.start.0 + o.end.0) / 2);
    }
    if let Some(s) = ev.model().schedules.first() {
        let shifts = ev.shifts(&s.id.value, t(from), t(to)).unwrap();
        for s in &shifts.shifts {
            for x in [s.start.0, s.end.0] {
                instants.extend([x - 1, x, x + 1]);
            }
        }
    }
    let (a, b) = (t(from).0, t(to).0);
    let mut checked = 0;
    for x in instants.into_iter().filter(|x| *x >= a && *x < b) {
        let at = Timestamp(x);
        assert_eq!(
            document_at(&ev, at),
            calendar_at(&occ, at),
            "{name} at {at}"
        );
        checked += 1;
    }
    checked
}

#[test]
fn imported_calendars_mean_what_the_calendars_say() {
    for (name, from, to, floating) in [
        (
            "google-rota.ics",
            "2026-02-20T00:00:00Z",
            "2026-05-01T00:00:00Z",
            "UTC",
        ),
        (
            "outlook-rota.ics",
            "2025-12-20T00:00:00Z",
            "2026-05-20T00:00:00Z",
            "UTC",
        ),
        (
            "custom-zone.ics",
            "2026-03-01T00:00:00Z",
            "2026-11-30T00:00:00Z",
            "UTC",
        ),
        (
            "overlap.ics",
            "2026-05-03T00:00:00Z",
            "2026-05-06T00:00:00Z",
            "UTC",
        ),
    ] {
        let text = fixture(name);
        let checked = same_as_calendar(name, &text, from, to, floating);
        assert!(checked > 10, "{name}: {checked}");
    }
}

/// RFC 5545 section 3.8.5.1: the set is the `RRULE` and `RDATE` starts
/// minus the `EXDATE` starts, and a `RECURRENCE-ID` instance replaces the
/// occurrence it names, whether the rule or an `RDATE` gave it.
#[test]
fn an_rdate_is_left_out_by_an_exdate_and_replaced_by_a_changed_instance() {
    let text = "BEGIN:VCALENDAR\r\nX-WR-TIMEZONE:Europe/Berlin\r\nBEGIN:VEVENT\r\nUID:s1\r\n\
        DTSTART;TZID=Europe/Berlin:20260302T090000\r\nDTEND;TZID=Europe/Berlin:20260302T170000\r\n\
        RRULE:FREQ=WEEKLY;COUNT=2\r\nRDATE;TZID=Europe/Berlin:20260305T090000\r\n\
        RDATE;TZID=Europe/Berlin:20260306T090000\r\nRDATE;TZID=Europe/Berlin:20260309T090000\r\n\
        EXDATE;TZID=Europe/Berlin:20260305T090000\r\nSUMMARY:Alice\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:s1\r\nRECURRENCE-ID;TZID=Europe/Berlin:20260306T090000\r\n\
        DTSTART;TZID=Europe/Berlin:20260306T120000\r\nDTEND;TZID=Europe/Berlin:20260306T130000\r\n\
        SUMMARY:Bob\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let ev = import_one("rd.ics", text, &ImportOptions::default());
    let rows: Vec<(String, String, Vec<String>)> = ev
        .shifts("rd", t("2026-03-02T00:00:00Z"), t("2026-03-10T00:00:00Z"))
        .unwrap()
        .shifts
        .iter()
        .filter(|s| !s.on_call.is_empty())
        .map(|s| (s.start.to_rfc3339(), s.end.to_rfc3339(), s.on_call.clone()))
        .collect();
    let row = |a: &str, b: &str, who: &str| (a.to_string(), b.to_string(), vec![who.to_string()]);
    assert_eq!(
        rows,
        [
            row("2026-03-02T08:00:00Z", "2026-03-02T16:00:00Z", "alice"),
            // Thursday: the RDATE is an EXDATE too. Friday: only Bob's
            // changed occurrence. Monday 9th: the rule's and the RDATE's
            // occurrence are one.
            row("2026-03-06T11:00:00Z", "2026-03-06T12:00:00Z", "bob"),
            row("2026-03-09T08:00:00Z", "2026-03-09T16:00:00Z", "alice"),
        ]
    );
    same_as_calendar(
        "rd.ics",
        text,
        "2026-03-01T00:00:00Z",
        "2026-03-12T00:00:00Z",
        "UTC",
    );
}

/// A date `EXDATE` of a date-time series removes every occurrence that day
/// (the reading of `ical::expand`), not one local time.
#[test]
fn a_date_exdate_removes_the_whole_day() {
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:s2\r\n\
        DTSTART;TZID=Europe/Berlin:20260302T090000\r\nDTEND;TZID=Europe/Berlin:20260302T100000\r\n\
        RRULE:FREQ=DAILY;BYHOUR=9,21;COUNT=6\r\nEXDATE;VALUE=DATE:20260303\r\nSUMMARY:Alice\r\n\
        END:VEVENT\r\nEND:VCALENDAR\r\n";
    let ev = import_one("ex.ics", text, &ImportOptions::default());
    let starts: Vec<String> = ev
        .shifts("ex", t("2026-03-01T00:00:00Z"), t("2026-03-10T00:00:00Z"))
        .unwrap()
        .shifts
        .iter()
        .filter(|s| !s.on_call.is_empty())
        .map(|s| s.start.to_rfc3339())
        .collect();
    assert_eq!(
        starts,
        [
            "2026-03-02T08:00:00Z",
            "2026-03-02T20:00:00Z",
            "2026-03-04T08:00:00Z",
            "2026-03-04T20:00:00Z"
        ]
    );
    same_as_calendar(
        "ex.ics",
        text,
        "2026-03-01T00:00:00Z",
        "2026-03-10T00:00:00Z",
        "UTC",
    );
}

/// A one-off event whose only occurrence a changed instance replaces, or
/// an `EXDATE` removes.
#[test]
fn a_one_off_event_is_replaced_or_removed_like_any_occurrence() {
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260302T090000Z\r\n\
        DTEND:20260302T170000Z\r\nSUMMARY:Alice\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:a\r\n\
        RECURRENCE-ID:20260302T090000Z\r\nDTSTART:20260302T100000Z\r\nDTEND:20260302T110000Z\r\n\
        SUMMARY:Bob\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTART:20260303T090000Z\r\n\
        DTEND:20260303T170000Z\r\nEXDATE:20260303T090000Z\r\nRDATE:20260304T090000Z\r\n\
        SUMMARY:Carol\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    same_as_calendar(
        "one.ics",
        text,
        "2026-03-01T00:00:00Z",
        "2026-03-06T00:00:00Z",
        "UTC",
    );
}

/// Two changes of one occurrence: the one with the higher `SEQUENCE`
/// counts (RFC 5545 section 3.8.7.4), and the other gets a diagnostic at
/// its `VEVENT`.
#[test]
fn of_two_changes_of_one_occurrence_the_later_counts_and_the_other_is_reported() {
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260302T090000Z\r\n\
        DTEND:20260302T170000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r\nSUMMARY:Alice\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:a\r\nSEQUENCE:2\r\nRECURRENCE-ID:20260303T090000Z\r\n\
        DTSTART:20260303T100000Z\r\nDTEND:20260303T110000Z\r\nSUMMARY:Bob\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:a\r\nSEQUENCE:1\r\nRECURRENCE-ID:20260303T090000Z\r\n\
        DTSTART:20260303T120000Z\r\nDTEND:20260303T130000Z\r\nSUMMARY:Carol\r\nEND:VEVENT\r\n\
        END:VCALENDAR\r\n";
    let result = import(
        &[SourceFile::new("two.ics", text)],
        &ImportOptions::default(),
    )
    .unwrap();
    let dup: Vec<&str> = result
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.code == "ical-duplicate-instance")
        .map(|d| &text[d.diagnostic.span.start as usize..d.diagnostic.span.end as usize])
        .collect();
    assert_eq!(dup.len(), 1, "{:#?}", result.diagnostics);
    assert!(dup[0].contains("Carol"), "{dup:?}");
    same_as_calendar(
        "two.ics",
        text,
        "2026-03-01T00:00:00Z",
        "2026-03-06T00:00:00Z",
        "UTC",
    );
}

/// RFC 5545 section 3.3.9: a period's duration (`P1DT2H`) is its
/// length; the model has no rule length of days and hours, so the
/// occurrence is kept with its exact end.
#[test]
fn an_rdate_period_of_days_and_hours_is_kept() {
    let text = "BEGIN:VCALENDAR\r\nX-WR-TIMEZONE:Europe/Berlin\r\nBEGIN:VEVENT\r\nUID:s1\r\n\
        DTSTART;TZID=Europe/Berlin:20260302T090000\r\nDTEND;TZID=Europe/Berlin:20260302T170000\r\n\
        RRULE:FREQ=WEEKLY;COUNT=1\r\nRDATE;VALUE=PERIOD:20260310T080000Z/P1DT2H\r\n\
        RDATE;VALUE=PERIOD:20260320T080000Z/PT0S\r\nSUMMARY:Alice\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let result = import(
        &[SourceFile::new("rp.ics", text)],
        &ImportOptions::default(),
    )
    .unwrap();
    let ev = Evaluator::new(&result.document).unwrap();
    let rows: Vec<(String, String)> = ev
        .shifts("rp", t("2026-03-01T00:00:00Z"), t("2026-03-31T00:00:00Z"))
        .unwrap()
        .shifts
        .iter()
        .filter(|s| !s.on_call.is_empty())
        .map(|s| (s.start.to_rfc3339(), s.end.to_rfc3339()))
        .collect();
    assert_eq!(
        rows,
        [
            (
                "2026-03-02T08:00:00Z".to_string(),
                "2026-03-02T16:00:00Z".to_string()
            ),
            (
                "2026-03-10T08:00:00Z".to_string(),
                "2026-03-11T10:00:00Z".to_string()
            ),
        ]
    );
    // The empty period: a diagnostic at its line.
    let empty: Vec<_> = result
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.code == "import-empty-event")
        .map(|d| &text[d.diagnostic.span.start as usize..d.diagnostic.span.end as usize])
        .collect();
    assert_eq!(empty.len(), 1, "{:#?}", result.diagnostics);
    assert!(empty[0].contains("PT0S"), "{empty:?}");
    same_as_calendar(
        "rp.ics",
        text,
        "2026-03-01T00:00:00Z",
        "2026-03-31T00:00:00Z",
        "UTC",
    );
}

#[test]
fn people_come_from_attendees_summaries_or_a_pattern() {
    let text = fixture("outlook-rota.ics");
    let people = |options: ImportOptions| -> Vec<String> {
        let ev = import_one("outlook-rota.ics", &text, &options);
        ev.model()
            .people
            .iter()
            .map(|p| p.id.value.clone())
            .collect()
    };
    assert_eq!(
        people(ImportOptions::default()),
        [
            "weekend-on-call-erin",
            "weekend-on-call-frank-swap",
            "doe-jane"
        ]
    );
    assert_eq!(
        people(ImportOptions {
            person_pattern: Some("on-call: {word}".into()),
            ..ImportOptions::default()
        }),
        ["erin", "frank", "doe-jane"]
    );
    // By summary only: the review's summary does not match the pattern
    // (a warning), and `{}` takes the rest of the text.
    assert_eq!(
        people(ImportOptions {
            person_from: PersonFrom::Summary,
            person_pattern: Some("on-call: {}".into()),
            ..ImportOptions::default()
        }),
        ["erin", "frank-swap"]
    );
}

#[test]
fn one_person_by_e_mail_whatever_its_case_and_name() {
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260301T090000Z\r\nDTEND:20260301T170000Z\r\n\
        ATTENDEE;CN=Alice N:mailto:Alice@Example.com\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\n\
        DTSTART:20260302T090000Z\r\nDTEND:20260302T170000Z\r\nATTENDEE;CN=A. Nguyen:mailto:alice@example.COM\r\n\
        END:VEVENT\r\nBEGIN:VEVENT\r\nUID:c\r\nDTSTART:20260303T090000Z\r\nDTEND:20260303T170000Z\r\n\
        ATTENDEE;PARTSTAT=DECLINED;CN=Bob:mailto:bob@example.com\r\nATTENDEE;CN=Alice N:mailto:x@example.com\r\n\
        END:VEVENT\r\nEND:VCALENDAR\r\n";
    let files = [SourceFile::new("rota.ics", text)];
    let result = import(&files, &ImportOptions::default()).unwrap();
    let ev = Evaluator::new(&result.document).unwrap();
    let ids: Vec<_> = ev
        .model()
        .people
        .iter()
        .map(|p| p.id.value.as_str())
        .collect();
    // The same e-mail in two cases is one person; the declined Bob is
    // nobody; a known name is the known person.
    assert_eq!(ids, ["alice-n"]);
    let infos: Vec<_> = result
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.code == "import-new-person")
        .collect();
    assert_eq!(infos.len(), 1);
    assert_eq!(
        infos[0].diagnostic.message,
        "`Alice N` (alice@example.com) is not a known person; added as `alice-n`"
    );
}

mod round_trip {
    use super::*;
    use proptest::prelude::*;

    const ZONES: &[(&str, &str)] = &[
        ("Europe/Berlin", "2026-03-29"),
        ("Europe/Berlin", "2026-10-25"),
        ("America/New_York", "2026-03-08"),
        ("America/New_York", "2026-11-01"),
        ("Australia/Lord_Howe", "2026-04-05"),
        ("America/Sao_Paulo", "2018-11-04"),
        ("Asia/Kolkata", "2026-03-29"),
    ];
    const SHIFTS: &[&str] = &["4h", "8h", "12h", "1d", "2d", "1w", "90m"];
    const PEOPLE: &[&str] = &["ann", "bo", "cy", "dee"];

    /// A layer: shift (index), turns of people, handoff hours from the
    /// day's midnight, an optional daily window (from hour, to hour).
    type LayerCase = (usize, Vec<Vec<usize>>, i64, Option<(u32, u32)>);

    #[derive(Clone, Debug)]
    struct Case {
        zone: usize,
        layers: Vec<LayerCase>,
        overrides: Vec<(usize, i64, i64)>,
        union: bool,
        start_hours: i64,
        hours: i64,
    }

    fn case() -> impl Strategy<Value = Case> {
        (
            0..ZONES.len(),
            prop::collection::vec(
                (
                    0..SHIFTS.len(),
                    prop::collection::vec(prop::collection::vec(0..PEOPLE.len(), 0..3), 1..4),
                    -48i64..24,
                    prop::option::weighted(0.3, (0u32..24, 0u32..24)),
                ),
                1..3,
            ),
            prop::collection::vec((0..PEOPLE.len(), -48i64..72, 1i64..30), 0..3),
            any::<bool>(),
            -36i64..12,
            12i64..120,
        )
            .prop_map(
                |(zone, layers, overrides, union, start_hours, hours)| Case {
                    zone,
                    layers,
                    overrides,
                    union,
                    start_hours,
                    hours,
                },
            )
    }

    /// The document of a case, and its window.
    fn document(c: &Case) -> (String, Timestamp, Timestamp) {
        let (zone, day) = ZONES[c.zone];
        let midnight = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let at = |h: i64| {
            (midnight + chrono::Duration::hours(h))
                .format("%Y-%m-%dT%H:%M")
                .to_string()
        };
        let mut text = format!(
            "version: 1\ntimezone: {zone}\npeople: [{}]\nschedules:\n  - id: s\n    combine: {}\n    layers:\n",
            PEOPLE.iter().map(|p| format!("{{id: {p}}}")).collect::<Vec<_>>().join(", "),
            if c.union { "union" } else { "top" }
        );
        for (shift, members, handoff, window) in &c.layers {
            let members: Vec<String> = members
                .iter()
                .map(|m| {
                    format!(
                        "[{}]",
                        m.iter().map(|&i| PEOPLE[i]).collect::<Vec<_>>().join(", ")
                    )
                })
                .collect();
            text.push_str(&format!(
                "      - {{members: [{}], shift: {}, handoff: {}",
                members.join(", "),
                SHIFTS[*shift],
                at(*handoff)
            ));
            if let Some((a, b)) = window {
                text.push_str(&format!(
                    ", restrictions: [{{from: \"{a:02}:00\", to: \"{b:02}:30\"}}]"
                ));
            }
            text.push_str("}\n");
        }
        if !c.overrides.is_empty() {
            text.push_str("    overrides:\n");
            for (p, start, len) in &c.overrides {
                text.push_str(&format!(
                    "      - {{person: {}, from: {}, to: {}}}\n",
                    PEOPLE[*p],
                    at(*start),
                    at(start + len)
                ));
            }
        }
        let tz: chrono_tz::Tz = zone.parse().unwrap();
        let from = parse_instant(&at(c.start_hours), tz).unwrap();
        (text, from, from.add_seconds(c.hours * 3600))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn export_then_import_keeps_the_shifts(c in case()) {
            let (text, from, to) = document(&c);
            // A window of an override inside a DST gap can collapse: such a
            // document is invalid and the case is skipped.
            let ev = Evaluator::new(&text);
            prop_assume!(ev.is_ok());
            let ev = ev.unwrap();
            let options = IcsOptions { dtstamp: from, alarm_before: Some(900) };
            let feed = ev.ics(Some("s"), None, from, to, &options).unwrap();
            let files = [SourceFile::new("s.ics", feed.clone())];
            let imported = import(&files, &ImportOptions::default()).unwrap();
            let back = Evaluator::new(&imported.document)
                .unwrap_or_else(|d| panic!("{}\n{d:#?}", imported.document));
            let a = ev.shifts("s", from, to).unwrap();
            let rows = |o: &escalator::output::ShiftsOutput| -> Vec<(Timestamp, Timestamp, Vec<String>)> {
                o.shifts.iter().map(|s| (s.start, s.end, s.on_call.clone())).collect()
            };
            // A feed with nobody on call imports to no schedule at all.
            let Some(schedule) = back.model().schedules.first() else {
                prop_assert!(a.shifts.iter().all(|s| s.on_call.is_empty()), "{}", feed);
                return Ok(());
            };
            let b = back.shifts(&schedule.id.value, from, to).unwrap();
            prop_assert_eq!(rows(&a), rows(&b), "document:\n{}\nfeed:\n{}\nimported:\n{}", text, feed, imported.document);
        }
    }
}

#[test]
fn calendar_people_join_people_of_other_imports_by_e_mail() {
    let users = fixture("../import/opsgenie/api/users.json");
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260301T090000Z\r\nDTEND:20260301T170000Z\r\n\
        ATTENDEE;CN=Amara:mailto:Amara.Okafor@EXAMPLE.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let files = [
        SourceFile::new("users.json", users),
        SourceFile::new("rota.ics", text),
    ];
    let result = import(&files, &ImportOptions::default()).unwrap();
    let ev =
        Evaluator::new(&result.document).unwrap_or_else(|d| panic!("{}\n{d:#?}", result.document));
    let m = ev.model();
    let amara: Vec<_> = m
        .people
        .iter()
        .filter(|p| {
            p.source
                .as_deref()
                .is_some_and(|s| s.to_lowercase().contains("amara"))
        })
        .collect();
    assert_eq!(amara.len(), 1, "{}", result.document);
    // The calendar's event names the Opsgenie person, and nobody new.
    let calendar = m
        .schedules
        .iter()
        .find(|s| s.source.as_deref() == Some("rota.ics"))
        .unwrap();
    assert_eq!(
        calendar.layers[0].events()[0].people,
        [m.person_by_id(&amara[0].id.value).unwrap()]
    );
    assert!(!result
        .diagnostics
        .iter()
        .any(|d| d.diagnostic.code == "import-new-person"));
}

/// Every importer records its people's e-mail addresses, so a calendar's
/// `ATTENDEE`/`ORGANIZER` `mailto:` finds a PagerDuty, Grafana OnCall or
/// GoAlert user by the address, ignoring case (and a `CN` that differs from
/// the user's name): one person, no new one.
#[test]
fn calendar_people_join_people_of_every_importer_by_e_mail() {
    for (users, address, id) in [
        (
            "../import/pagerduty/api/users.json",
            "ALICE@Example.com",
            "alice-example",
        ),
        ("../import/grafana/api/users.json", "Bea@EXAMPLE.com", "bea"),
        ("../import/goalert/api/users.json", "", ""),
    ] {
        let users_text = fixture(users);
        // GoAlert: the fixture's first address, in upper case.
        let (address, id) = if address.is_empty() {
            let at = users_text.find("\"email\": \"").expect("an e-mail") + 10;
            let end = at + users_text[at..].find('"').unwrap();
            (users_text[at..end].to_uppercase(), id.to_string())
        } else {
            (address.to_string(), id.to_string())
        };
        let text = format!(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260301T090000Z\r\nDTEND:20260301T170000Z\r\n\
             ORGANIZER;CN=Someone Else:mailto:{address}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        );
        let files = [
            SourceFile::new("users.json", users_text.as_str()),
            SourceFile::new("rota.ics", text.as_str()),
        ];
        let options = ImportOptions {
            person_from: PersonFrom::Attendee,
            ..ImportOptions::default()
        };
        let result = import(&files, &options).unwrap();
        assert!(
            !result
                .diagnostics
                .iter()
                .any(|d| d.diagnostic.code == "import-new-person"),
            "{users}: {:#?}",
            result.diagnostics
        );
        let ev = Evaluator::new(&result.document)
            .unwrap_or_else(|d| panic!("{}\n{d:#?}", result.document));
        let m = ev.model();
        let calendar = m
            .schedules
            .iter()
            .find(|s| s.source.as_deref() == Some("rota.ics"))
            .unwrap();
        let person = calendar.layers[0].events()[0].people[0];
        let found = &m.people[person.index()].id.value;
        if !id.is_empty() {
            assert_eq!(found, &id, "{users}");
        }
        assert!(
            m.people.iter().all(
                |p| p.source.as_deref() != Some(&*format!("mailto:{}", address.to_lowercase()))
            ),
            "{users}: {}",
            result.document
        );
    }
}

/// `--from` reads every file as that vendor's, whatever detection would
/// pick: a calendar read `--from pagerduty` is reported by the PagerDuty
/// reader (never skipped), a PagerDuty export read `--from ical` by the
/// calendar reader, and a file detection does not recognise is read too.
#[test]
fn from_forces_the_vendor_whatever_detection_picks() {
    let calendar = fixture("google-rota.ics");
    let pagerduty = fixture("../import/pagerduty/api/users.json");
    let chains = r#"{"count": 1, "next": null, "previous": null, "results": [{"id": "F5JU6KJET33FE", "name": "payments", "team_id": null}]}"#;
    let files = [
        SourceFile::new("rota.ics", calendar.as_str()),
        SourceFile::new("users.json", pagerduty.as_str()),
        SourceFile::new("chains.json", chains),
    ];
    for (vendor, key) in [
        (Vendor::PagerDuty, "pagerduty"),
        (Vendor::Calendar, "ical"),
        (Vendor::GrafanaOnCall, "grafana"),
        (Vendor::GoAlert, "goalert"),
    ] {
        let options = ImportOptions {
            from: Some(vendor),
            ..ImportOptions::default()
        };
        let result = import(&files, &options).unwrap();
        assert!(
            result
                .detected
                .iter()
                .all(|d| d.vendor == Some(vendor) && d.format.is_some()),
            "{key}: {:#?}",
            result.detected
        );
        // What the vendor's reader makes of another vendor's file is said
        // at it (GoAlert reads PagerDuty's `users` as its own, with infos
        // for the fields it does not know).
        for (i, f) in files.iter().enumerate() {
            let native = matches!((vendor, i), (Vendor::Calendar, 0) | (Vendor::PagerDuty, 1));
            let said = result.diagnostics.iter().any(|d| d.file == i);
            assert!(
                native || said,
                "{key} on {}: {:#?}",
                f.name,
                result.diagnostics
            );
        }
        assert!(
            !result
                .diagnostics
                .iter()
                .any(|d| d.diagnostic.code == "import-not-recognised"
                    && d.diagnostic.message.contains("no supported format")),
            "{key}: {:#?}",
            result.diagnostics
        );
    }
    // Without `--from`: each file as detected (the chains alone are not
    // recognised).
    let result = import(&files, &ImportOptions::default()).unwrap();
    let vendors: Vec<_> = result.detected.iter().map(|d| d.vendor).collect();
    assert_eq!(
        vendors,
        [Some(Vendor::Calendar), Some(Vendor::PagerDuty), None]
    );
}

/// Generated series (rules, `RDATE`s with and without periods, date and
/// date-time `EXDATE`s, changed and cancelled instances, in zones across
/// their DST changes), imported: the document puts on call the same
/// people through occurrences with the same start and end as
/// `ical::expand_series`.
mod series {
    use super::*;
    use proptest::prelude::*;

    const ZONES: &[(&str, &str)] = &[
        ("Europe/Berlin", "2026-03-29"),
        ("Europe/Berlin", "2026-10-25"),
        ("America/New_York", "2026-11-01"),
        ("Australia/Lord_Howe", "2026-04-05"),
        ("America/Sao_Paulo", "2018-11-04"),
        ("UTC", "2026-03-01"),
    ];

    #[derive(Clone, Debug)]
    struct Case {
        zone: usize,
        /// 0 TZID, 1 UTC, 2 floating, 3 all-day.
        form: u8,
        /// Hours from the zone's DST day's midnight (all-day: days).
        start: i64,
        /// 0 DTEND, 1 DURATION hours, 2 DURATION days, 3 DURATION
        /// days and hours, 4 DTEND in UTC; and the hours (days).
        length: (u8, i64),
        /// 0 none, 1 daily, 2 weekly, 3 twice a day, 4 every 5 hours,
        /// 5 every other day without end; and a count.
        rule: (u8, u32),
        /// (kind, days after the start, hours more).
        rdates: Vec<(u8, i64, i64)>,
        /// (kind, days after the start, which RDATE).
        exdates: Vec<(u8, i64, usize)>,
        /// (names an RDATE, days after the start / which RDATE, moved
        /// by hours, cancelled).
        instances: Vec<(bool, i64, i64, bool)>,
    }

    fn case() -> impl Strategy<Value = Case> {
        (
            (0..ZONES.len(), 0u8..4, -72i64..48),
            ((0u8..5, 1i64..50), (0u8..6, 1u32..12)),
            prop::collection::vec((0u8..6, -1i64..10, 0i64..30), 0..4),
            prop::collection::vec((0u8..4, 0i64..10, 0usize..4), 0..4),
            prop::collection::vec(
                (any::<bool>(), 0i64..10, -5i64..5, prop::bool::weighted(0.3)),
                0..3,
            ),
        )
            .prop_map(
                |((zone, form, start), (length, rule), rdates, exdates, instances)| Case {
                    zone,
                    form,
                    start,
                    length,
                    rule,
                    rdates,
                    exdates,
                    instances,
                },
            )
    }

    /// The calendar of a case, its window and its floating zone.
    fn calendar(c: &Case) -> (String, String, String) {
        let (zone, day) = ZONES[c.zone];
        let tz: chrono_tz::Tz = zone.parse().unwrap();
        let midnight = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let all_day = c.form == 3;
        let start = if all_day {
            midnight + chrono::Duration::days(c.start / 24)
        } else {
            midnight + chrono::Duration::minutes(c.start * 60 + (c.start.rem_euclid(2)) * 30)
        };
        // A local time as the series writes it; `utc` forces UTC.
        let time = |prop: &str, l: chrono::NaiveDateTime, utc: bool| -> String {
            if all_day && !utc {
                return format!("{prop};VALUE=DATE:{}", l.format("%Y%m%d"));
            }
            if utc || c.form == 1 {
                let at = escalator::time::resolve_local(tz, l).instant;
                return format!("{prop}:{}", at.to_naive_utc().format("%Y%m%dT%H%M%SZ"));
            }
            match c.form {
                0 => format!("{prop};TZID={zone}:{}", l.format("%Y%m%dT%H%M%S")),
                _ => format!("{prop}:{}", l.format("%Y%m%dT%H%M%S")),
            }
        };
        let days = |n: i64| chrono::Duration::days(n);
        let hours = |n: i64| chrono::Duration::hours(n);
        let mut lines = vec![
            "BEGIN:VCALENDAR".to_string(),
            format!("X-WR-TIMEZONE:{zone}"),
            "BEGIN:VEVENT".to_string(),
            "UID:s".to_string(),
            "SUMMARY:ann".to_string(),
            time("DTSTART", start, false),
        ];
        let (kind, n) = c.length;
        match (kind, all_day) {
            (0, true) | (4, true) => lines.push(time("DTEND", start + days(n % 3 + 1), false)),
            (_, true) => lines.push(format!("DURATION:P{}D", n % 3 + 1)),
            (0, _) => lines.push(time("DTEND", start + hours(n), false)),
            (1, _) => lines.push(format!("DURATION:PT{n}H")),
            (2, _) => lines.push(format!("DURATION:P{}D", n % 8 + 1)),
            (3, _) => lines.push(format!("DURATION:PT{}H", n % 5 + 1)),
            _ => lines.push(time("DTEND", start + hours(n), true)),
        }
        let (rule, count) = c.rule;
        let rule = match (rule, all_day) {
            (0, _) => None,
            (1, _) | (3, true) => Some(format!("FREQ=DAILY;COUNT={count}")),
            (2, _) | (4, true) => Some(format!("FREQ=WEEKLY;COUNT={count}")),
            (3, _) => Some(format!("FREQ=DAILY;BYHOUR=9,21;COUNT={count}")),
            (4, _) => Some(format!("FREQ=HOURLY;INTERVAL=5;COUNT={count}")),
            _ => Some("FREQ=DAILY;INTERVAL=2".to_string()),
        };
        if let Some(r) = &rule {
            lines.push(format!("RRULE:{r}"));
        }
        let mut rdate_starts = Vec::new();
        for &(kind, d, h) in &c.rdates {
            let at = if all_day || kind == 0 {
                start + days(d)
            } else {
                start + days(d) + hours(h)
            };
            rdate_starts.push(at);
            let line = match (kind, all_day) {
                (_, true) => time("RDATE", at, false),
                (0 | 1, _) => time("RDATE", at, false),
                (2, _) => time("RDATE", at, true),
                (k, _) => {
                    let utc = |l| {
                        escalator::time::resolve_local(tz, l)
                            .instant
                            .to_naive_utc()
                            .format("%Y%m%dT%H%M%SZ")
                            .to_string()
                    };
                    let end = match k {
                        3 => utc(at + hours(h % 7 + 1)),
                        4 => "PT3H".to_string(),
                        // Days and hours: a length no rule can say.
                        _ => "P1DT2H".to_string(),
                    };
                    format!("RDATE;VALUE=PERIOD:{}/{end}", utc(at))
                }
            };
            lines.push(line);
        }
        for &(kind, d, which) in &c.exdates {
            let at = start + days(d);
            let line = match kind {
                0 => time("EXDATE", at, false),
                1 => match rdate_starts.get(which) {
                    Some(&r) => time("EXDATE", r, false),
                    None => continue,
                },
                2 => format!("EXDATE;VALUE=DATE:{}", at.format("%Y%m%d")),
                _ => time("EXDATE", at, true),
            };
            lines.push(line);
        }
        lines.push("END:VEVENT".to_string());
        for (i, &(of_rdate, d, moved, cancelled)) in c.instances.iter().enumerate() {
            let named = if of_rdate {
                match rdate_starts.get(d as usize % 4) {
                    Some(&r) => r,
                    None => continue,
                }
            } else {
                start + days(d)
            };
            lines.push("BEGIN:VEVENT".to_string());
            lines.push("UID:s".to_string());
            lines.push(format!("SEQUENCE:{i}"));
            lines.push(time("RECURRENCE-ID", named, false));
            let new_start = if all_day {
                named + days(moved.rem_euclid(2))
            } else {
                named + hours(moved)
            };
            lines.push(time("DTSTART", new_start, false));
            lines.push(if all_day {
                time("DTEND", new_start + days(1), false)
            } else {
                time("DTEND", new_start + hours(5), false)
            });
            lines.push(format!("SUMMARY:bo{i}"));
            if cancelled {
                lines.push("STATUS:CANCELLED".to_string());
            }
            lines.push("END:VEVENT".to_string());
        }
        lines.push("END:VCALENDAR".to_string());
        let text = lines.join("\r\n") + "\r\n";
        let at =
            |l: chrono::NaiveDateTime| escalator::time::resolve_local(tz, l).instant.to_rfc3339();
        (text, at(start - days(3)), at(start + days(30)))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn an_imported_series_is_its_expansion(c in case()) {
            let (text, from, to) = calendar(&c);
            let (zone, _) = ZONES[c.zone];
            same_as_calendar("s.ics", &text, &from, &to, zone);
        }
    }
}

#[path = "import_support/fuzzing.rs"]
mod fuzzing;

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64), failure_persistence: None, .. proptest::prelude::ProptestConfig::default() })]
    /// Edited calendars (the fixtures with bytes replaced, deleted or
    /// inserted) and raw text import without a panic, with spans inside
    /// the file, the same result twice, and a complete import a document
    /// `escalator check` finds no error in.
    #[test]
    fn edited_calendars_import_to_valid_documents(data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)) {
        let seeds: Vec<(&str, String)> = ["google-rota.ics", "outlook-rota.ics", "overlap.ics", "custom-zone.ics"]
            .iter()
            .map(|n| (*n, fixture(n)))
            .collect();
        let seeds: Vec<(&str, &str)> = seeds.iter().map(|(n, t)| (*n, t.as_str())).collect();
        let files = fuzzing::files_from_bytes(&data, &["rota.ics"], &seeds);
        fuzzing::check(&files, escalator::import::Vendor::Calendar, &[]);
    }
}
