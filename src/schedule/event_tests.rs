//! Events layers, from document text: reading, exact shifts across DST
//! changes, unions, combination with rotations, explanations, findings.

use super::{detail, findings, on_call_at, shifts, Source};
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::model::{Model, ScheduleIdx};
use crate::time::{parse_instant, Timestamp};

fn model(text: &str) -> Model {
    let doc = crate::document::parse(text);
    let (model, diagnostics) = crate::model::read::read(doc.root.as_ref());
    assert!(
        diagnostics
            .iter()
            .all(|d| d.severity != crate::diagnostic::Severity::Error),
        "{diagnostics:#?}"
    );
    model.unwrap()
}

fn diagnostics(text: &str) -> Vec<Diagnostic> {
    let doc = crate::document::parse(text);
    crate::model::read::read(doc.root.as_ref()).1
}

/// `(code, line, column)` of each diagnostic.
fn at(text: &str) -> Vec<(&'static str, u32, u32)> {
    let index = LineIndex::new(text);
    diagnostics(text)
        .iter()
        .map(|d| {
            let p = index.position(d.span.start);
            (d.code, p.line, p.column)
        })
        .collect()
}

fn t(s: &str) -> Timestamp {
    parse_instant(s, chrono_tz::UTC).unwrap()
}

/// `(start, end, "a,b")` rows of a schedule's shifts.
fn rows(m: &Model, s: usize, from: &str, to: &str) -> Vec<(String, String, String)> {
    shifts(m, ScheduleIdx(s as u32), t(from), t(to))
        .unwrap()
        .iter()
        .map(|sh| {
            let who: Vec<&str> = sh
                .on_call
                .iter()
                .map(|p| m.people[p.index()].id.value.as_str())
                .collect();
            (sh.start.to_rfc3339(), sh.end.to_rfc3339(), who.join(","))
        })
        .collect()
}

fn row(a: &str, b: &str, who: &str) -> (String, String, String) {
    (a.into(), b.into(), who.into())
}

const HEAD: &str = "version: 1\ntimezone: Europe/Berlin\npeople: [{id: alice}, {id: bob}, {id: carol}]\nschedules:\n";

#[test]
fn recurring_events_exceptions_and_a_dst_change() {
    let text = format!(
        "{HEAD}  - id: cal
    layers:
      - id: calendar
        events:
          - {{uid: a1, person: alice, from: 2026-03-02T09:00, to: 2026-03-09T09:00, repeat: \"FREQ=WEEKLY;INTERVAL=2\", except: [2026-03-16T09:00]}}
          - {{uid: b1, person: bob, from: 2026-03-09T09:00, to: 2026-03-16T09:00, repeat: \"FREQ=WEEKLY;INTERVAL=2;COUNT=3\"}}
          - {{person: carol, from: 2026-03-20T12:00, to: 2026-03-20T18:00}}
"
    );
    let m = model(&text);
    assert_eq!(
        rows(&m, 0, "2026-03-01T00:00:00Z", "2026-04-14T00:00:00Z"),
        [
            row("2026-03-01T00:00:00Z", "2026-03-02T08:00:00Z", ""),
            row("2026-03-02T08:00:00Z", "2026-03-09T08:00:00Z", "alice"),
            row("2026-03-09T08:00:00Z", "2026-03-16T08:00:00Z", "bob"),
            // Alice's 2026-03-16 is an exception.
            row("2026-03-16T08:00:00Z", "2026-03-20T11:00:00Z", ""),
            row("2026-03-20T11:00:00Z", "2026-03-20T17:00:00Z", "carol"),
            row("2026-03-20T17:00:00Z", "2026-03-23T08:00:00Z", ""),
            // Monday 09:00 CET to Monday 09:00 CEST: 167 hours.
            row("2026-03-23T08:00:00Z", "2026-03-30T07:00:00Z", "bob"),
            row("2026-03-30T07:00:00Z", "2026-04-06T07:00:00Z", "alice"),
            // Bob's third and last (COUNT=3).
            row("2026-04-06T07:00:00Z", "2026-04-13T07:00:00Z", "bob"),
            row("2026-04-13T07:00:00Z", "2026-04-14T00:00:00Z", "alice"),
        ]
    );
    // Explained by event and occurrence (on the event zone's wall clock).
    let s = on_call_at(&m, ScheduleIdx(0), t("2026-03-25T00:00:00Z"));
    let why: Vec<Source> = s.why.iter().map(|w| w.source).collect();
    assert_eq!(
        detail(&m.schedules[0], &why).unwrap(),
        "layer `calendar`, event `b1` occurrence 2026-03-23T09:00"
    );
    assert_eq!(
        (s.start, s.end),
        (t("2026-03-23T08:00:00Z"), t("2026-03-30T07:00:00Z"))
    );
    let s = on_call_at(&m, ScheduleIdx(0), t("2026-03-20T12:00:00Z"));
    let why: Vec<Source> = s.why.iter().map(|w| w.source).collect();
    assert_eq!(
        detail(&m.schedules[0], &why).unwrap(),
        "layer `calendar`, event 3 occurrence 2026-03-20T12:00"
    );
    // Findings: the gaps between events (one named, the rest counted).
    let f = findings(&m, t("2026-03-01T00:00:00Z"), t("2026-04-14T00:00:00Z"));
    let gap = f.iter().find(|d| d.code == "event-gap").unwrap();
    assert_eq!(gap.severity, crate::diagnostic::Severity::Warning);
    assert_eq!(
        gap.message,
        "layer `calendar` has no event from 2026-03-16T08:00:00Z to 2026-03-20T11:00:00Z (and 1 more gap)"
    );
    assert!(!f.iter().any(|d| d.code == "event-overlap"));
}

#[test]
fn overlapping_events_are_a_union_and_a_finding() {
    let text = format!(
        "{HEAD}  - id: cal
    layers:
      - events:
          - {{uid: day, person: alice, from: 2026-05-04T08:00, to: 2026-05-04T17:00}}
          - {{uid: eve, people: [bob, carol], from: 2026-05-04T16:00, to: 2026-05-05T00:00}}
"
    );
    let m = model(&text);
    assert_eq!(
        rows(&m, 0, "2026-05-04T06:00:00Z", "2026-05-04T22:00:00Z"),
        [
            row("2026-05-04T06:00:00Z", "2026-05-04T14:00:00Z", "alice"),
            row(
                "2026-05-04T14:00:00Z",
                "2026-05-04T15:00:00Z",
                "alice,bob,carol"
            ),
            row("2026-05-04T15:00:00Z", "2026-05-04T22:00:00Z", "bob,carol"),
        ]
    );
    let s = on_call_at(&m, ScheduleIdx(0), t("2026-05-04T14:30:00Z"));
    let why: Vec<Source> = s.why.iter().map(|w| w.source).collect();
    assert_eq!(
        detail(&m.schedules[0], &why).unwrap(),
        "layer `layer-1`, event `day` occurrence 2026-05-04T08:00; layer `layer-1`, event `eve` occurrence 2026-05-04T16:00; layer `layer-1`, event `eve` occurrence 2026-05-04T16:00"
    );
    let f = findings(&m, t("2026-05-04T00:00:00Z"), t("2026-05-06T00:00:00Z"));
    let overlap = f.iter().find(|d| d.code == "event-overlap").unwrap();
    assert_eq!(
        overlap.message,
        "in layer `layer-1`, event `day` and event `eve` overlap from 2026-05-04T14:00:00Z to 2026-05-04T15:00:00Z"
    );
    assert_eq!(overlap.severity, crate::diagnostic::Severity::Info);
}

/// Thousands of occurrences in force at once (an event a century long,
/// repeated daily; found by `tests/compare_props.rs`): every pair of
/// different people is counted, in time linear in the occurrences.
#[test]
fn a_century_long_daily_event_overlaps_are_counted() {
    let text = format!(
        "{HEAD}  - id: cal
    layers:
      - id: calendar
        events:
          - {{uid: old, person: alice, from: 1900-01-01T00:00, to: 2026-12-31T00:00, repeat: \"FREQ=DAILY\"}}
          - {{uid: new, person: bob, from: 2026-05-04T09:00, to: 2026-05-04T10:00}}
"
    );
    let m = model(&text);
    let f = findings(&m, t("2026-05-04T00:00:00Z"), t("2026-05-05T00:00:00Z"));
    let overlap = f.iter().find(|d| d.code == "event-overlap").unwrap();
    // Bob's hour meets every daily occurrence since 1900 (46 145 days).
    assert_eq!(
        overlap.message,
        "in layer `calendar`, event `old` and event `new` overlap from 2026-05-04T07:00:00Z to 2026-05-04T08:00:00Z (and 46144 more overlaps)"
    );
}

#[test]
fn events_combine_with_rotations_and_restrictions() {
    let layers = "    layers:
      - id: base
        members: [carol]
        shift: 1w
        handoff: 2026-05-04T00:00
      - id: calendar
        restrictions: [{from: \"09:00\", to: \"17:00\"}]
        events:
          - {person: alice, from: 2026-05-04T00:00, to: 2026-05-06T00:00}
          - {person: bob, from: 2026-05-05T12:00, to: 2026-05-05T20:00}
";
    let top = model(&format!("{HEAD}  - id: top\n{layers}"));
    assert_eq!(
        rows(&top, 0, "2026-05-04T00:00:00Z", "2026-05-06T00:00:00Z"),
        [
            row("2026-05-04T00:00:00Z", "2026-05-04T07:00:00Z", "carol"),
            row("2026-05-04T07:00:00Z", "2026-05-04T15:00:00Z", "alice"),
            row("2026-05-04T15:00:00Z", "2026-05-05T07:00:00Z", "carol"),
            row("2026-05-05T07:00:00Z", "2026-05-05T10:00:00Z", "alice"),
            row("2026-05-05T10:00:00Z", "2026-05-05T15:00:00Z", "alice,bob"),
            row("2026-05-05T15:00:00Z", "2026-05-06T00:00:00Z", "carol"),
        ]
    );
    let union = model(&format!(
        "{HEAD}  - id: union\n    combine: union\n{layers}"
    ));
    assert_eq!(
        rows(&union, 0, "2026-05-05T06:00:00Z", "2026-05-05T16:00:00Z"),
        [
            row("2026-05-05T06:00:00Z", "2026-05-05T07:00:00Z", "carol"),
            row(
                "2026-05-05T07:00:00Z",
                "2026-05-05T10:00:00Z",
                "alice,carol"
            ),
            row(
                "2026-05-05T10:00:00Z",
                "2026-05-05T15:00:00Z",
                "alice,bob,carol"
            ),
            row("2026-05-05T15:00:00Z", "2026-05-05T16:00:00Z", "carol"),
        ]
    );
}

#[test]
fn event_zones_gaps_and_absolute_instants() {
    let text = format!(
        "{HEAD}  - id: ny
    layers:
      - events:
          - {{person: alice, timezone: America/New_York, from: 2026-03-07T02:30, to: 2026-03-07T03:30, repeat: \"FREQ=DAILY;COUNT=3\"}}
          - {{person: bob, from: 2026-03-09T12:00Z, to: 2026-03-09T14:00+01:00, repeat: \"FREQ=DAILY;UNTIL=20260310T120000Z\"}}
"
    );
    let m = model(&text);
    let staffed: Vec<_> = rows(&m, 0, "2026-03-07T07:00:00Z", "2026-03-11T00:00:00Z")
        .into_iter()
        .filter(|r| !r.2.is_empty())
        .collect();
    assert_eq!(
        staffed,
        [
            row("2026-03-07T07:30:00Z", "2026-03-07T08:30:00Z", "alice"),
            // 2026-03-08: 02:30 does not exist and moves to 03:30 EDT; so
            // does nothing to its end, 03:30: both ends resolve to 07:30Z
            // and that occurrence is empty (ends resolved independently, as
            // restriction windows are).
            row("2026-03-09T06:30:00Z", "2026-03-09T07:30:00Z", "alice"),
            // Absolute ends: exactly an hour; the rule counts on Berlin's
            // wall clock from 13:00 CET, UNTIL inclusive.
            row("2026-03-09T12:00:00Z", "2026-03-09T13:00:00Z", "bob"),
            row("2026-03-10T12:00:00Z", "2026-03-10T13:00:00Z", "bob"),
        ]
    );
    let f = findings(&m, t("2026-03-01T00:00:00Z"), t("2026-03-31T00:00:00Z"));
    let gap = f.iter().find(|d| d.code == "dst-gap").unwrap();
    assert_eq!(
        gap.message,
        "event start `02:30` does not exist on 2026-03-08 in `America/New_York`; it happens at 03:30"
    );
}

#[test]
fn every_event_problem_is_reported_where_it_is() {
    let text = format!(
        "{HEAD}  - id: bad
    layers:
      - id: both
        members: [alice]
        events: [{{person: alice, from: 2026-03-01T00:00, to: 2026-03-02T00:00}}]
      - id: empty
        events: []
      - events:
          - {{from: 2026-03-01T00:00, to: 2026-03-02T00:00}}
          - {{person: alice, people: [bob], from: 2026-03-01T00:00, to: 2026-03-02T00:00}}
          - {{person: alice, from: 2026-03-02T00:00, to: 2026-03-01T00:00}}
          - {{person: alice, from: 2026-03-01T00:00, to: 2026-03-02T00:00, except: [2026-03-01T00:00]}}
          - {{person: alice, from: 2026-03-01T00:00, to: 2026-03-02T00:00, repeat: \"FREQ=WEEKLY;BYDAY=MO,XX\"}}
          - {{person: alice, from: 2026-03-01T00:00, to: 2026-03-02T00:00, repeat: FREQ=DAYLY}}
          - {{person: dave, from: 2026-03-01T00:00, to: 2026-03-02T00:00, repaet: x}}
"
    );
    assert_eq!(
        at(&text),
        [
            ("invalid-layer", 8, 9),
            ("empty-list", 11, 17),
            ("invalid-event", 13, 14),
            ("invalid-event", 14, 29),
            ("ends-before-start", 15, 57),
            ("invalid-event", 16, 75),
            // Inside the quoted rule, and inside a plain one.
            ("rrule-invalid-value", 17, 105),
            ("rrule-invalid-value", 18, 88),
            ("unknown-key", 19, 74),
            ("unknown-reference", 19, 22),
        ]
    );
}

#[test]
fn on_call_with_thousands_of_occurrences_in_force_is_the_shifts_answer() {
    // A daily event lasting 125 years: about 45,000 occurrences are in
    // force at any instant of 2026, too many for the quick look of a point
    // query. The answer must still be the one `shifts` gives (it was
    // "nobody", for want of budget).
    let m = model(
        "version: 1\ntimezone: America/New_York\npeople: [{id: p0}]\nschedules:\n  - id: s0\n    layers:\n      - id: l0\n        events:\n          - {person: p0, from: 1901-04-10T03:04, to: 2026-10-25T02:30, repeat: \"FREQ=DAILY;COUNT=100000000\"}\n        restrictions: [{from: \"17:00\", to: \"00:00\"}]\n",
    );
    let s = ScheduleIdx(0);
    let at = t("2026-03-02T04:00:00Z");
    let list = shifts(&m, s, t("2026-03-02T03:00:00Z"), t("2026-03-02T06:00:00Z")).unwrap();
    let holding = list.iter().find(|x| x.start <= at && at < x.end).unwrap();
    assert!(!holding.on_call.is_empty());
    assert_eq!(on_call_at(&m, s, at).on_call, holding.on_call);
}
