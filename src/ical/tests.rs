//! Calendar reading, expansion and writing, on realistic fixtures
//! (`tests/fixtures/ical/`) and small inline calendars.

use super::zone::ZoneKind;
use super::*;
use crate::diagnostic::LineIndex;
use crate::time::{parse_instant, Timestamp};

const GOOGLE: &str = include_str!("../../tests/fixtures/ical/google-rota.ics");
const OUTLOOK: &str = include_str!("../../tests/fixtures/ical/outlook-rota.ics");
const CUSTOM: &str = include_str!("../../tests/fixtures/ical/custom-zone.ics");
const OVERLAP: &str = include_str!("../../tests/fixtures/ical/overlap.ics");

fn t(s: &str) -> Timestamp {
    parse_instant(s, chrono_tz::UTC).unwrap()
}

fn read_clean(text: &str) -> Calendar {
    let (cal, diagnostics) = read(text);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    cal
}

/// `(start, end, summary)` of each occurrence in `[from, to)`.
fn occurrences(cal: &Calendar, from: &str, to: &str) -> Vec<(String, String, String)> {
    let (list, diagnostics) = expand(cal, t(from), t(to), ExpandOptions::new(chrono_tz::UTC));
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    list.iter()
        .map(|o| {
            (
                o.start.to_rfc3339(),
                o.end.to_rfc3339(),
                o.event
                    .summary
                    .as_ref()
                    .map(|s| s.value.clone())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

fn row(a: &str, b: &str, s: &str) -> (String, String, String) {
    (a.to_string(), b.to_string(), s.to_string())
}

#[test]
fn google_export() {
    assert!(GOOGLE.contains("\r\n"), "the fixture keeps CRLF");
    let cal = read_clean(GOOGLE);
    assert_eq!(cal.name.as_ref().unwrap().value, "Payments on-call");
    assert_eq!(
        cal.timezone.as_ref().unwrap().value,
        chrono_tz::Europe::Berlin
    );
    assert_eq!(cal.events.len(), 6);
    // Europe/Berlin is an IANA name: chrono-tz is used, not the VTIMEZONE.
    assert!(matches!(
        cal.zones[0].kind,
        ZoneKind::Iana(chrono_tz::Europe::Berlin)
    ));

    let got = occurrences(&cal, "2026-03-01T00:00:00Z", "2026-04-20T00:00:00Z");
    assert_eq!(
        got,
        [
            row(
                "2026-03-02T08:00:00Z",
                "2026-03-09T08:00:00Z",
                "On call: Alice"
            ),
            row(
                "2026-03-09T08:00:00Z",
                "2026-03-16T08:00:00Z",
                "On call: Bob"
            ),
            // Floating: read in X-WR-TIMEZONE.
            row(
                "2026-03-10T17:00:00Z",
                "2026-03-10T17:30:00Z",
                "Handover review"
            ),
            // All day, four days, midnight to midnight in Berlin.
            row(
                "2026-03-15T23:00:00Z",
                "2026-03-19T23:00:00Z",
                "Dan out of office"
            ),
            // Alice's 2026-03-16 is excluded (EXDATE). Bob's week crosses
            // the change to summer time: Monday 09:00 to Monday 09:00.
            row(
                "2026-03-23T08:00:00Z",
                "2026-03-30T07:00:00Z",
                "On call: Bob"
            ),
            // Alice's 2026-03-30 was moved to Carol (RECURRENCE-ID).
            row(
                "2026-03-30T07:00:00Z",
                "2026-04-06T07:00:00Z",
                "On call: Carol (swap with Alice)"
            ),
            // Bob's 2026-04-06 is cancelled (STATUS:CANCELLED).
            row(
                "2026-04-13T07:00:00Z",
                "2026-04-20T07:00:00Z",
                "On call: Alice"
            ),
        ]
    );

    let alice = &cal.events[0];
    let a = &alice.attendees[0].value;
    assert_eq!(a.email.as_deref(), Some("alice@example.com"));
    assert_eq!(a.name.as_deref(), Some("Alice Nguyen"));
    assert_eq!(a.partstat.as_deref(), Some("ACCEPTED"));
    assert_eq!(
        alice.organizer.as_ref().unwrap().value.name.as_deref(),
        Some("Payments on-call")
    );
    assert!(alice.transparent.as_ref().unwrap().value);
    // Folded over several lines, escaped, with characters of 2 and 3 bytes.
    let description = &alice.description.as_ref().unwrap();
    assert_eq!(
        description.value,
        "Primary on-call. Runbook: https://runbooks.example/payments\nEscalate to the secondary \
         after 15 minutes. Zürich office covers lunch — thanks!"
    );
    // Its span covers every physical line; unfolded, it is the raw value.
    let raw = &GOOGLE[description.span.start as usize..description.span.end as usize];
    assert!(raw.contains("\r\n "));
    assert!(raw.replace("\r\n ", "").starts_with("Primary on-call."));
    assert!(raw.ends_with("thanks!"));
    assert_eq!(
        cal.events[1].attendees[0].value.email.as_deref(),
        Some("Bob.Martin@Example.com")
    );
    // The instance names the series it changes.
    let carol = &cal.events[2];
    assert!(carol.recurrence_id.is_some());
    assert_eq!(carol.sequence(), 2);
    assert!(cal.events[3].is_cancelled());
}

#[test]
fn outlook_export_with_windows_zones() {
    let cal = read_clean(OUTLOOK);
    let kinds: Vec<_> = cal
        .zones
        .iter()
        .map(|z| match &z.kind {
            ZoneKind::Windows(tz) => (z.tzid.as_str(), tz.name()),
            other => panic!("{}: {other:?}", z.tzid),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("W. Europe Standard Time", "Europe/Berlin"),
            ("Eastern Standard Time", "America/New_York")
        ]
    );
    let got = occurrences(&cal, "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z");
    assert_eq!(
        got,
        [
            // Every third Friday 17:00 to Monday 09:00, Berlin time.
            row(
                "2026-01-02T16:00:00Z",
                "2026-01-05T08:00:00Z",
                "Weekend on-call: Erin"
            ),
            row(
                "2026-01-20T15:00:00Z",
                "2026-01-20T16:00:00Z",
                "Escalation path review"
            ),
            row(
                "2026-01-23T16:00:00Z",
                "2026-01-26T08:00:00Z",
                "Weekend on-call: Erin"
            ),
            // Changed in New York time: its RECURRENCE-ID (11:00 EST) is the
            // same instant as the master's 17:00 CET.
            row(
                "2026-02-13T16:00:00Z",
                "2026-02-16T08:00:00Z",
                "Weekend on-call: Frank (swap)"
            ),
            row(
                "2026-03-06T16:00:00Z",
                "2026-03-09T08:00:00Z",
                "Weekend on-call: Erin"
            ),
            // Across the change to summer time: 17:00 CET to 09:00 CEST.
            row(
                "2026-03-27T16:00:00Z",
                "2026-03-30T07:00:00Z",
                "Weekend on-call: Erin"
            ),
            // The last one starts exactly at UNTIL (inclusive).
            row(
                "2026-04-17T15:00:00Z",
                "2026-04-20T07:00:00Z",
                "Weekend on-call: Erin"
            ),
        ]
    );
    let review = &cal.events[2];
    assert_eq!(review.attendees[0].value.name.as_deref(), Some("Doe, Jane"));
    assert_eq!(
        review.alarms[0]
            .trigger
            .as_ref()
            .unwrap()
            .value
            .exact_seconds(),
        -900
    );
    // The series' occurrences say which start the rule gave them.
    let (list, _) = expand(
        &cal,
        t("2026-02-13T00:00:00Z"),
        t("2026-02-14T00:00:00Z"),
        ExpandOptions::new(chrono_tz::UTC),
    );
    assert_eq!(list[0].recurrence_id, Some(t("2026-02-13T16:00:00Z")));
}

#[test]
fn custom_vtimezone_across_its_dst_changes() {
    assert!(!CUSTOM.contains('\r'), "the fixture has LF line ends");
    let cal = read_clean(CUSTOM);
    assert!(matches!(cal.zones[0].kind, ZoneKind::Custom(_)));
    let expected = [
        row(
            "2026-03-06T07:30:00Z",
            "2026-03-06T08:30:00Z",
            "Early checks: Grace",
        ),
        row(
            "2026-03-07T03:00:00Z",
            "2026-03-07T11:00:00Z",
            "Night shift: Heidi",
        ),
        row(
            "2026-03-07T07:30:00Z",
            "2026-03-07T08:30:00Z",
            "Early checks: Grace",
        ),
        // 22:00 EST to 06:00 EDT: seven hours.
        row(
            "2026-03-08T03:00:00Z",
            "2026-03-08T10:00:00Z",
            "Night shift: Heidi",
        ),
        // 02:30 does not exist on 2026-03-08: read with the offset before
        // the gap (EST), it is 03:30 EDT.
        row(
            "2026-03-08T07:30:00Z",
            "2026-03-08T08:30:00Z",
            "Early checks: Grace",
        ),
        row(
            "2026-03-09T02:00:00Z",
            "2026-03-09T10:00:00Z",
            "Night shift: Heidi",
        ),
        row(
            "2026-03-09T06:30:00Z",
            "2026-03-09T07:30:00Z",
            "Early checks: Grace",
        ),
        // 01:30 happens twice on 2026-11-01: the first (EDT) is taken; the
        // end, 02:30, is after the fold (EST).
        row(
            "2026-11-01T05:30:00Z",
            "2026-11-01T07:30:00Z",
            "Fall back: Ivan",
        ),
    ];
    assert_eq!(
        occurrences(&cal, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        expected
    );
    // The same calendar in the IANA zone gives the same instants.
    let iana = read_clean(&CUSTOM.replace("TZID=Acme Eastern", "TZID=America/New_York"));
    assert_eq!(
        occurrences(&iana, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        expected
    );
}

#[test]
fn overlapping_events_are_all_kept() {
    let cal = read_clean(OVERLAP);
    assert_eq!(
        occurrences(&cal, "2026-05-04T00:00:00Z", "2026-05-05T00:00:00Z"),
        [
            row("2026-05-04T08:00:00Z", "2026-05-04T17:00:00Z", "alice"),
            row("2026-05-04T12:00:00Z", "2026-05-04T14:00:00Z", "carol"),
            row("2026-05-04T16:00:00Z", "2026-05-05T00:00:00Z", "bob"),
        ]
    );
    // The window cuts nothing: an event overlapping its start is returned.
    assert_eq!(
        occurrences(&cal, "2026-05-04T16:30:00Z", "2026-05-04T16:40:00Z").len(),
        2
    );
}

fn calendar(body: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n")
        .replace("\n", "\r\n")
        .replace("\r\r\n", "\r\n")
}

#[test]
fn this_and_future_changes_later_occurrences() {
    let text = calendar(
        "BEGIN:VEVENT\nUID:s\nSUMMARY:alice\nDTSTART;TZID=Europe/Berlin:20260105T090000\nDURATION:PT8H\n\
         RRULE:FREQ=WEEKLY;COUNT=4\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:s\nSUMMARY:bob\nRECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20260112T090000\n\
         DTSTART;TZID=Europe/Berlin:20260112T100000\nDURATION:PT4H\nEND:VEVENT\n",
    );
    let cal = read_clean(&text);
    assert_eq!(
        occurrences(&cal, "2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z"),
        [
            row("2026-01-05T08:00:00Z", "2026-01-05T16:00:00Z", "alice"),
            row("2026-01-12T09:00:00Z", "2026-01-12T13:00:00Z", "bob"),
            row("2026-01-19T09:00:00Z", "2026-01-19T13:00:00Z", "bob"),
            row("2026-01-26T09:00:00Z", "2026-01-26T13:00:00Z", "bob"),
        ]
    );
}

#[test]
fn rdate_periods_and_date_exdates() {
    let text = calendar(
        "X-WR-TIMEZONE:America/New_York\nBEGIN:VEVENT\nUID:a\nSUMMARY:x\nDTSTART;VALUE=DATE:20260301\n\
         RRULE:FREQ=DAILY;COUNT=8\nEXDATE;VALUE=DATE:20260302,20260304\n\
         RDATE;VALUE=PERIOD:20260310T140000Z/PT2H,20260311T140000Z/20260311T150000Z\n\
         RDATE;VALUE=DATE:20260320\nEND:VEVENT\n",
    );
    let cal = read_clean(&text);
    assert_eq!(
        occurrences(&cal, "2026-02-01T00:00:00Z", "2026-04-01T00:00:00Z"),
        [
            row("2026-03-01T05:00:00Z", "2026-03-02T05:00:00Z", "x"),
            row("2026-03-03T05:00:00Z", "2026-03-04T05:00:00Z", "x"),
            row("2026-03-05T05:00:00Z", "2026-03-06T05:00:00Z", "x"),
            row("2026-03-06T05:00:00Z", "2026-03-07T05:00:00Z", "x"),
            row("2026-03-07T05:00:00Z", "2026-03-08T05:00:00Z", "x"),
            // All-day on the day the clocks change: 23 hours.
            row("2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z", "x"),
            row("2026-03-10T14:00:00Z", "2026-03-10T16:00:00Z", "x"),
            row("2026-03-11T14:00:00Z", "2026-03-11T15:00:00Z", "x"),
            row("2026-03-20T04:00:00Z", "2026-03-21T04:00:00Z", "x"),
        ]
    );
}

#[test]
fn floating_times_use_the_callers_zone_without_x_wr_timezone() {
    let text = calendar("BEGIN:VEVENT\nUID:a\nDTSTART:20260301T090000\nEND:VEVENT\n");
    let (cal, _) = read(&text);
    let (list, _) = expand(
        &cal,
        t("2026-03-01T00:00:00Z"),
        t("2026-03-02T00:00:00Z"),
        ExpandOptions::new(chrono_tz::Asia::Tokyo),
    );
    assert_eq!(list[0].start, t("2026-03-01T00:00:00Z"));
    // A DATE-TIME without an end lasts no time.
    assert_eq!(list[0].end, list[0].start);
}

/// `(code, line, column)` of each diagnostic, columns in chars.
fn positions(text: &str) -> Vec<(&'static str, u32, u32)> {
    let (_, diagnostics) = read(text);
    let index = LineIndex::new(text);
    diagnostics
        .iter()
        .map(|d| {
            let p = index.position(d.span.start);
            (d.code, p.line, p.column)
        })
        .collect()
}

#[test]
fn every_problem_is_a_diagnostic_at_its_place() {
    let text = "\
BEGIN:VCALENDAR
X-WR-TIMEZONE:Europe/Berln
no colon here
BEGIN:VEVENT
UID:e1
DTSTART;TZID=America/New_Yrok:20260301T090000
DTEND:2026-03-01
DURATION:PT1X
RRULE:FREQ=WEEKLY;BYDAY=MO,XX
SEQUENCE:one
END:VEVENT
BEGIN:VEVENT
SUMMARY:no start, no uid
END:VEVENT
BEGIN:VEVENT
UID:e2
DTSTART:20260301T090000Z
DTSTART:20260302T090000Z
DTEND:20260301T080000Z
RECURRENCE-ID;RANGE=THISANDPRIOR:20260301T090000Z
RDATE;VALUE=PERIOD:20260301T090000Z
ATTENDEE;CN=\"unterminated:mailto:a@example.com
END:VEVENT
BEGIN:VEVENT
UID:e3
DTSTART;VALUE=DATE:20260301
DTEND:20260302T000000Z
DURATION:PT1H
END:VEVENT
BEGIN:VTIMEZONE
TZID:Broken
BEGIN:STANDARD
DTSTART:19700101T000000
TZOFFSETFROM:+0100
TZOFFSETTO:+25
END:STANDARD
END:VTIMEZONE
END:VEVENT
BEGIN:VALARM
END:VCALENDAR
";
    let got = positions(text);
    let expected = [
        ("ical-unknown-timezone", 2, 15),
        ("ical-invalid-line", 3, 1),
        ("ical-unknown-timezone", 6, 14),
        ("ical-invalid-date-time", 7, 7),
        ("ical-invalid-duration", 8, 10),
        ("rrule-invalid-value", 9, 28),
        ("ical-invalid-integer", 10, 10),
        ("ical-missing-property", 12, 1),
        ("ical-duplicate-property", 18, 1),
        ("ical-end-before-start", 19, 7),
        ("ical-invalid-value", 20, 15),
        ("ical-invalid-period", 21, 20),
        ("ical-invalid-parameter", 22, 13),
        ("ical-value-type-mismatch", 27, 7),
        ("ical-dtend-and-duration", 27, 7),
        ("ical-invalid-timezone", 30, 1),
        ("ical-invalid-offset", 35, 12),
        ("ical-unexpected-end", 38, 1),
        ("ical-unclosed-component", 39, 1),
    ];
    assert_eq!(got, expected, "{got:#?}");
    let (_, diagnostics) = read(text);
    let by_code = |code: &str| diagnostics.iter().find(|d| d.code == code).unwrap();
    assert_eq!(
        by_code("ical-unknown-timezone").help.as_deref(),
        Some("did you mean `Europe/Berlin`?")
    );
    assert_eq!(
        diagnostics
            .iter()
            .filter(|d| d.code == "ical-unknown-timezone")
            .nth(1)
            .unwrap()
            .help
            .as_deref(),
        Some("did you mean `America/New_York`?")
    );
    assert_eq!(
        by_code("rrule-invalid-value").message,
        "`XX` is not a weekday"
    );
    // The diagnostics have a severity and one lowercase line each.
    for d in &diagnostics {
        assert!(!d.message.contains('\n'));
        assert!(
            d.message.chars().next().is_some_and(|c| !c.is_uppercase()),
            "{}",
            d.message
        );
    }
}

#[test]
fn a_folded_rrule_error_points_into_the_right_physical_line() {
    let text = calendar("BEGIN:VEVENT\nUID:f\nDTSTART:20260301T090000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO,T\n U,WE,XX;COUNT=3\nEND:VEVENT\n");
    let (_, diagnostics) = read(&text);
    let d = &diagnostics[0];
    assert_eq!(d.code, "rrule-invalid-value");
    assert_eq!(&text[d.span.start as usize..d.span.end as usize], "XX");
    assert_eq!(LineIndex::new(&text).position(d.span.start).line, 7);
}

#[test]
fn missing_calendar_outside_lines_and_limits() {
    assert_eq!(
        positions("BEGIN:VEVENT\nEND:VEVENT\n")[0].0,
        "ical-no-calendar"
    );
    assert_eq!(
        positions("X:1\nBEGIN:VCALENDAR\nEND:VCALENDAR\n")[0],
        ("ical-outside-calendar", 1, 1)
    );
    // Nesting too deep: the inner component is skipped, the rest is read.
    let deep = format!(
        "BEGIN:VCALENDAR\n{}{}BEGIN:VEVENT\nUID:x\nDTSTART:20260301T090000Z\nEND:VEVENT\nEND:VCALENDAR\n",
        "BEGIN:X\n".repeat(40),
        "END:X\n".repeat(40)
    );
    let (cal, diagnostics) = read(&deep);
    assert_eq!(cal.events.len(), 1);
    assert_eq!(
        diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(),
        ["ical-too-deep"]
    );
    // Too many lines.
    let (_, diagnostics) = read_with_limits(
        "BEGIN:VCALENDAR\nX:1\nX:2\nEND:VCALENDAR\n",
        Limits {
            max_bytes: 1 << 20,
            max_lines: 2,
        },
    );
    assert!(diagnostics.iter().any(|d| d.code == "ical-too-many-lines"));
    // Too large.
    let (_, diagnostics) = read_with_limits(
        "BEGIN:VCALENDAR\nX:1\nEND:VCALENDAR\n",
        Limits {
            max_bytes: 20,
            max_lines: 100,
        },
    );
    assert!(diagnostics.iter().any(|d| d.code == "ical-too-large"));
    // Many components.
    let many = format!(
        "BEGIN:VCALENDAR\n{}END:VCALENDAR\n",
        "BEGIN:X\nEND:X\n".repeat(200_001)
    );
    let (_, diagnostics) = read(&many);
    assert!(diagnostics
        .iter()
        .any(|d| d.code == "ical-too-many-components"));
    // Many problems are capped.
    let noisy = format!("BEGIN:VCALENDAR\n{}END:VCALENDAR\n", "?\n".repeat(1500));
    let (_, diagnostics) = read(&noisy);
    assert_eq!(diagnostics.len(), MAX_DIAGNOSTICS + 1);
    assert_eq!(diagnostics.last().unwrap().code, "too-many-diagnostics");
}

#[test]
fn bom_lone_cr_tab_folds_and_split_characters() {
    let text = "\u{feff}BEGIN:VCALENDAR\rBEGIN:VEVENT\rUID:x\rSUMMARY:a\r\tb\rDTSTART:20260301T090000Z\rEND:VEVENT\rEND:VCALENDAR";
    let cal = read_clean(text);
    assert_eq!(cal.events[0].summary.as_ref().unwrap().value, "ab");
    // A fold inside a UTF-8 character (RFC 5545 asks readers to mend it).
    let mut bytes =
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260301T090000Z\r\nSUMMARY:Z\xc3"
            .to_vec();
    bytes.extend_from_slice(b"\r\n \xbcrich\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    let (cal, diagnostics, text) = read_bytes(&bytes);
    assert!(diagnostics.is_empty());
    assert_eq!(cal.events[0].summary.as_ref().unwrap().value, "Zürich");
    assert!(text.contains("Zürich"));
}

#[test]
fn custom_zone_that_changes_too_often_is_an_error_not_a_hang() {
    let text = calendar(
        "BEGIN:VTIMEZONE\nTZID:Busy\nBEGIN:STANDARD\nDTSTART:20000101T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\n\
         RRULE:FREQ=SECONDLY\nEND:STANDARD\nEND:VTIMEZONE\n\
         BEGIN:VEVENT\nUID:a\nDTSTART;TZID=Busy:20260301T090000\nEND:VEVENT\n",
    );
    let (cal, diagnostics) = read(&text);
    assert!(diagnostics.is_empty());
    let started = std::time::Instant::now();
    let (list, diagnostics) = expand(
        &cal,
        t("2026-03-01T00:00:00Z"),
        t("2026-03-02T00:00:00Z"),
        ExpandOptions::new(chrono_tz::UTC),
    );
    assert!(list.is_empty());
    assert_eq!(diagnostics[0].code, "ical-invalid-timezone");
    assert!(started.elapsed().as_secs() < 20);
    // A secondly event rule over a year: refused with a diagnostic.
    let text = calendar(
        "BEGIN:VEVENT\nUID:a\nDTSTART:20260301T090000Z\nRRULE:FREQ=SECONDLY\nEND:VEVENT\n",
    );
    let (cal, _) = read(&text);
    let (_, diagnostics) = expand(
        &cal,
        t("2026-01-01T00:00:00Z"),
        t("2027-01-01T00:00:00Z"),
        ExpandOptions::new(chrono_tz::UTC),
    );
    assert_eq!(diagnostics[0].code, "recurrence-too-much-work");
    let rrule_at = text.find("FREQ=SECONDLY").unwrap() as u32;
    assert_eq!(diagnostics[0].span.start, rrule_at);
}

#[test]
fn duplicates_keep_the_highest_sequence() {
    let text = calendar(
        "BEGIN:VEVENT\nUID:a\nSUMMARY:old\nDTSTART:20260301T090000Z\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:a\nSEQUENCE:3\nSUMMARY:new\nDTSTART:20260301T100000Z\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:b\nSUMMARY:b\nDTSTART:20260301T090000Z\nRRULE:FREQ=DAILY;COUNT=2\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:b\nSEQUENCE:1\nSUMMARY:b1\nRECURRENCE-ID:20260302T090000Z\nDTSTART:20260302T110000Z\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:b\nSEQUENCE:2\nSUMMARY:b2\nRECURRENCE-ID:20260302T090000Z\nDTSTART:20260302T120000Z\nEND:VEVENT\n",
    );
    let (cal, _) = read(&text);
    let (list, diagnostics) = expand(
        &cal,
        t("2026-03-01T00:00:00Z"),
        t("2026-03-03T00:00:00Z"),
        ExpandOptions::new(chrono_tz::UTC),
    );
    let summaries: Vec<_> = list
        .iter()
        .map(|o| o.event.summary.as_ref().unwrap().value.as_str())
        .collect();
    assert_eq!(summaries, ["b", "new", "b2"]);
    let codes: Vec<_> = diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["ical-duplicate-uid", "ical-duplicate-instance"]);
}

#[test]
fn the_writer_round_trips_through_the_reader() {
    let mut builder = CalendarBuilder::new();
    builder.name = Some("Payments, primary; \"on call\"".into());
    let texts = [
        "On call: Zoë",
        "comma, semicolon; backslash \\ and a\nnew line",
        "😀 emoji and a very long summary that certainly needs folding because it is far longer than seventy-five octets",
    ];
    for (i, summary) in texts.iter().enumerate() {
        builder.events.push(EventBuilder {
            uid: format!("payments-primary/{i}@escalator"),
            dtstamp: t("2026-03-01T00:00:00Z"),
            start: t("2026-03-02T08:00:00Z").add_seconds(i as i64 * 3600),
            end: t("2026-03-09T07:00:00Z"),
            summary: summary.to_string(),
            description: Some(format!("layer `weekly`, turn {i}\nreason: {summary}")),
            alarm_before: (i == 0).then_some(15 * 60),
        });
    }
    let text = builder.to_ics();
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{line:?}");
    }
    assert!(!text.replace("\r\n", "").contains('\n'));
    let cal = read_clean(&text);
    assert_eq!(cal.name.unwrap().value, builder.name.unwrap());
    assert_eq!(cal.events.len(), 3);
    for (e, b) in cal.events.iter().zip(&builder.events) {
        assert_eq!(e.uid.as_ref().unwrap().value, b.uid);
        assert_eq!(e.summary.as_ref().unwrap().value, b.summary);
        assert_eq!(
            e.description.as_ref().unwrap().value,
            b.description.clone().unwrap()
        );
        assert_eq!(e.start.value, Time::Utc(b.start));
        assert_eq!(e.end.as_ref().unwrap().value, Time::Utc(b.end));
    }
    let alarm = &cal.events[0].alarms[0];
    assert_eq!(alarm.trigger.as_ref().unwrap().value.exact_seconds(), -900);
    assert_eq!(alarm.action.as_deref(), Some("DISPLAY"));
}

#[cfg(not(target_arch = "wasm32"))]
mod mutations {
    use super::*;
    use proptest::prelude::*;

    fn assert_spans_inside(text: &str, diagnostics: &[crate::diagnostic::Diagnostic]) {
        for d in diagnostics {
            for span in std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span)) {
                assert!(
                    span.start <= span.end && span.end as usize <= text.len(),
                    "{d:?}"
                );
                assert!(text.is_char_boundary(span.start as usize), "{d:?}");
                assert!(text.is_char_boundary(span.end as usize), "{d:?}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

        /// Lines deleted, duplicated or cut, characters flipped: reading and
        /// expanding never panic, and every span is inside the text.
        #[test]
        fn mutated_fixtures_never_panic(which in 0usize..4, edits in prop::collection::vec((0usize..10_000, 0u8..5, any::<char>()), 1..6)) {
            let base = [GOOGLE, OUTLOOK, CUSTOM, OVERLAP][which];
            let mut lines: Vec<String> = base.split_inclusive('\n').map(str::to_string).collect();
            for (at, kind, c) in edits {
                if lines.is_empty() {
                    break;
                }
                let i = at % lines.len();
                match kind {
                    0 => { lines.remove(i); }
                    1 => { let l = lines[i].clone(); lines.insert(i, l); }
                    2 => { let l = &mut lines[i]; let cut = l.char_indices().nth(at % (l.chars().count() + 1)).map_or(l.len(), |x| x.0); l.truncate(cut); }
                    3 => { let l = &mut lines[i]; let pos = l.char_indices().nth(at % (l.chars().count() + 1)).map_or(l.len(), |x| x.0); l.insert(pos, c); }
                    _ => { let n = lines.len(); lines.swap(i, (i + 1) % n); }
                }
            }
            let text: String = lines.concat();
            let (cal, diagnostics) = read(&text);
            assert_spans_inside(&text, &diagnostics);
            let (_, diagnostics) = expand(&cal, t("2025-06-01T00:00:00Z"), t("2027-01-01T00:00:00Z"), ExpandOptions::new(chrono_tz::Europe::Berlin));
            assert_spans_inside(&text, &diagnostics);
        }
    }
}
