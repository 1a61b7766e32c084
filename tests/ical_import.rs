//! Calendars imported into documents: the document is valid and its events
//! layer puts on call exactly what the calendar's own expansion does; and
//! the round trip `escalator ics` -> `escalator import` keeps a schedule's
//! shifts over the window, on generated schedules across DST zones.

use std::collections::BTreeSet;

use escalator::ical::{self, ExpandOptions};
use escalator::import::calendar::PersonFrom;
use escalator::import::{import, ImportOptions, SourceFile};
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

/// The UIDs whose events put someone on call at `at`, per the document.
fn document_uids(ev: &Evaluator, at: Timestamp) -> BTreeSet<String> {
    let m = ev.model();
    let s = on_call_at(m, escalator::model::ScheduleIdx(0), at);
    let schedule = &m.schedules[0];
    s.why
        .iter()
        .filter(|w| w.source.holds_at(schedule, at))
        .filter_map(|w| match w.source {
            Source::Event { layer, event, .. } => schedule.layers[layer as usize].events()
                [event as usize]
                .uid
                .as_ref()
                .map(|u| u.value.clone()),
            _ => None,
        })
        .collect()
}

/// The same from the calendar's own expansion.
fn calendar_uids(occ: &[ical::Occurrence<'_>], at: Timestamp) -> BTreeSet<String> {
    occ.iter()
        .filter(|o| o.start <= at && at < o.end)
        .filter_map(|o| o.event.uid.as_ref().map(|u| u.value.clone()))
        .collect()
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
        let options = ImportOptions {
            timezone: Some(floating.into()),
            ..ImportOptions::default()
        };
        let ev = import_one(name, &text, &options);
        let (cal, _) = ical::read(&text);
        let (occ, d) = ical::expand(
            &cal,
            t(from),
            t(to),
            ExpandOptions::new(floating.parse().unwrap()),
        );
        assert!(d.is_empty(), "{name}: {d:#?}");
        // Every start and end, the second before each, and midpoints.
        let mut instants: BTreeSet<i64> = BTreeSet::new();
        for o in &occ {
            for x in [o.start.0, o.end.0] {
                instants.extend([x - 1, x, x + 1]);
            }
            instants.insert((o.start.0 + o.end.0) / 2);
        }
        let (a, b) = (t(from).0, t(to).0);
        let mut checked = 0;
        for x in instants.into_iter().filter(|x| *x >= a && *x < b) {
            let at = Timestamp(x);
            assert_eq!(
                document_uids(&ev, at),
                calendar_uids(&occ, at),
                "{name} at {at}"
            );
            checked += 1;
        }
        assert!(checked > 10, "{name}: {checked}");
    }
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
