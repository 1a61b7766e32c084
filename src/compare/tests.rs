//! Unit tests: one per kind of difference, with exact instants, DST weeks
//! in London and New York, matching and the summary.

use super::*;
use crate::time::parse_instant;
use crate::Evaluator;

fn ev(text: &str) -> Evaluator {
    Evaluator::new(text).unwrap_or_else(|e| panic!("{text}\n{e:#?}"))
}

/// Compares two documents over `[from, to)` read in `zone`, displayed there.
fn run(old: &str, new: &str, from: &str, to: &str, zone: Tz) -> Comparison {
    run_with(old, new, from, to, zone, Vec::new())
}

fn run_with(
    old: &str,
    new: &str,
    from: &str,
    to: &str,
    zone: Tz,
    map: Vec<MapEntry>,
) -> Comparison {
    let (old, new) = (ev(old), ev(new));
    let mut options = Options::new(at(from, zone), at(to, zone), zone);
    options.map = map;
    compare(old.model(), new.model(), &options).unwrap_or_else(|e| panic!("{e}"))
}

fn at(text: &str, zone: Tz) -> Timestamp {
    parse_instant(text, zone).unwrap_or_else(|e| panic!("{e}"))
}

fn utc(t: Timestamp) -> String {
    t.to_rfc3339()
}

/// The intervals of one kind over every route, as UTC text.
fn intervals(c: &Comparison, kind: Kind) -> Vec<(String, String)> {
    c.routes
        .iter()
        .flat_map(|r| &r.changes)
        .filter(|x| x.kind == kind)
        .map(|x| (utc(x.start), utc(x.end)))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// Kinds found, by name.
fn kinds(c: &Comparison) -> Vec<&'static str> {
    c.counts().iter().map(|(k, _)| k.code()).collect()
}

const LONDON: Tz = chrono_tz::Europe::London;
const NEW_YORK: Tz = chrono_tz::America::New_York;

/// Two weekly schedules (`primary`: ann and bo; `secondary`: cy) in a zone,
/// a policy paging one then the other, a service routing it at sev1.
/// `primary_extra` and `secondary_extra` go inside the layers' flow maps.
fn base(zone: &str, primary_extra: &str, secondary_extra: &str, policy: &str) -> String {
    format!(
        "version: 1
timezone: {zone}
people: [{{id: ann}}, {{id: bo}}, {{id: cy}}]
severities: [{{id: sev1, ack_within: 5m}}]
schedules:
  - id: primary
    layers:
      - {{id: week, members: [ann, bo], shift: 1w, handoff: 2026-03-02T09:00{primary_extra}}}
  - id: secondary
    layers:
      - {{id: week, members: [cy], shift: 1w, handoff: 2026-03-02T09:00{secondary_extra}}}
policies:
  - id: p
    owner: ann
{policy}
services:
  - {{id: checkout, owner: ann, escalation: p}}
"
    )
}

const TWO_STEPS: &str = "    steps:
      - {notify: [{schedule: primary}], escalate_after: 5m}
      - {notify: [{schedule: secondary}], escalate_after: 10m}";

#[test]
fn a_document_is_identical_to_itself() {
    let doc = base("Europe/London", "", "", TWO_STEPS);
    let c = run(&doc, &doc, "2026-03-16", "2026-04-13", LONDON);
    assert!(c.identical() && c.equivalent(), "{:?}", c.counts());
    assert_eq!(
        c.summary,
        ["OLD and NEW are equivalent over the window (2026-03-16 00:00 to 2026-04-13 00:00 Europe/London)"]
    );
    assert_eq!(c.matching.people.pairs.len(), 3);
    assert!(c
        .matching
        .people
        .pairs
        .iter()
        .all(|p| p.by == MatchedBy::Id));
}

/// NEW leaves Saturday 09:00-15:00 London time uncovered, across the change
/// to summer time on 2026-03-29: the intervals move by an hour in UTC.
#[test]
fn nobody_paged_in_a_london_dst_week() {
    let hole = ", restrictions: [{from: \"sat 15:00\", to: \"sat 09:00\"}]";
    let old = base("Europe/London", "", "", TWO_STEPS);
    let new = base("Europe/London", hole, hole, TWO_STEPS);
    let c = run(&old, &new, "2026-03-16", "2026-04-13", LONDON);
    let saturdays = [
        ("2026-03-21T09:00:00Z", "2026-03-21T15:00:00Z"),
        ("2026-03-28T09:00:00Z", "2026-03-28T15:00:00Z"),
        ("2026-04-04T08:00:00Z", "2026-04-04T14:00:00Z"),
        ("2026-04-11T08:00:00Z", "2026-04-11T14:00:00Z"),
    ];
    assert_eq!(intervals(&c, Kind::NobodyPaged), pairs(&saturdays));
    // Five minutes before the hole, the second step (at +5m) finds nobody.
    let before = [
        ("2026-03-21T08:55:00Z", "2026-03-21T09:00:00Z"),
        ("2026-03-28T08:55:00Z", "2026-03-28T09:00:00Z"),
        ("2026-04-04T07:55:00Z", "2026-04-04T08:00:00Z"),
        ("2026-04-11T07:55:00Z", "2026-04-11T08:00:00Z"),
    ];
    assert_eq!(intervals(&c, Kind::LevelLost), pairs(&before));
    assert_eq!(intervals(&c, Kind::PeopleChanged), pairs(&before));
    let change = c.routes[0]
        .changes
        .iter()
        .find(|x| x.kind == Kind::NobodyPaged)
        .unwrap();
    assert_eq!(
        change.detail,
        Detail::FirstPage {
            old: Some(0),
            new: None
        }
    );
    assert!(change.new.as_ref().is_some_and(|p| p.pages.is_empty()));
    assert_eq!(change.old.as_ref().map(|p| p.pages.len()), Some(2));
    // Both schedules lose the same hours, which are on-call changes.
    for s in &c.schedules {
        let got: Vec<_> = s
            .on_call
            .iter()
            .map(|x| (utc(x.start), utc(x.end)))
            .collect();
        assert_eq!(got, pairs(&saturdays));
        assert!(s
            .on_call
            .iter()
            .all(|x| x.new.is_empty() && x.old.len() == 1));
        assert!(!s.on_call[0].old_why.is_empty() && s.on_call[0].new_why.is_empty());
    }
    assert_eq!(
        c.summary[0],
        "`checkout` `sev1`: NEW pages nobody for 6 h a week that OLD covered (Sat 09:00-15:00 Europe/London)"
    );
    assert!(c.summary.contains(
        &"`primary`: the on-call set differs for 6 h a week (Sat 09:00-15:00 Europe/London)"
            .to_string()
    ));
    // The hour-of-week grid of the route: Saturday 09:00-15:00, worse, four weeks.
    let sat = &c.routes[0].week.cells[5];
    assert!((9..15).all(|h| sat[h].worse == 4 * 3600 && sat[h].better == 0));
    assert_eq!(sat[8].changed, 4 * 300);
    assert_eq!(sat[15].changed, 0);
    assert!(!c.equivalent());
}

#[test]
fn someone_paged_is_nobody_paged_the_other_way_round() {
    let hole = ", restrictions: [{from: \"sat 15:00\", to: \"sat 09:00\"}]";
    let old = base("Europe/London", hole, hole, TWO_STEPS);
    let new = base("Europe/London", "", "", TWO_STEPS);
    let c = run(&old, &new, "2026-03-23", "2026-04-06", LONDON);
    assert_eq!(
        intervals(&c, Kind::SomeonePaged),
        pairs(&[
            ("2026-03-28T09:00:00Z", "2026-03-28T15:00:00Z"),
            ("2026-04-04T08:00:00Z", "2026-04-04T14:00:00Z"),
        ])
    );
    assert_eq!(intervals(&c, Kind::LevelAdded).len(), 2);
    assert_eq!(Kind::SomeonePaged.effect(), Effect::Better);
    assert!(c.routes[0].week.cells[5][10].better > 0);
}

/// NEW's first step reaches someone only 09:00-17:00 and waits when empty:
/// at night the first page is 5 minutes later, with one level fewer.
/// New York moves to summer time on Sunday 2026-03-08.
#[test]
fn later_first_page_over_new_york_nights() {
    let policy = "    on_empty_step: wait
    steps:
      - {notify: [{schedule: day}], escalate_after: 5m}
      - {notify: [{schedule: primary}], escalate_after: 5m}";
    let with_day = |restriction: &str| {
        base("America/New_York", "", "", policy)
            .replace("members: [ann, bo]", "members: [ann]")
            .replace(
                "policies:",
                &format!(
                    "  - id: day\n    layers:\n      - {{id: d, members: [ann], shift: 1w, handoff: 2026-03-02T00:00{restriction}}}\npolicies:"
                ),
            )
    };
    let old = with_day("");
    let new = with_day(", restrictions: [{from: \"09:00\", to: \"17:00\"}]");
    let c = run(&old, &new, "2026-03-03", "2026-03-17", NEW_YORK);
    let nights = intervals(&c, Kind::LaterFirstPage);
    assert_eq!(nights.len(), 15, "{nights:?}");
    assert_eq!(
        nights[..2],
        pairs(&[
            ("2026-03-03T05:00:00Z", "2026-03-03T14:00:00Z"), // from the window's start to 09:00 EST
            ("2026-03-03T22:00:00Z", "2026-03-04T14:00:00Z"),
        ])
    );
    // Saturday 17:00 EST to Sunday 09:00 EDT: 15 hours; then EDT nights.
    assert!(nights.contains(&("2026-03-07T22:00:00Z".into(), "2026-03-08T13:00:00Z".into())));
    assert!(nights.contains(&("2026-03-08T21:00:00Z".into(), "2026-03-09T13:00:00Z".into())));
    assert_eq!(
        nights.last(),
        Some(&("2026-03-16T21:00:00Z".into(), "2026-03-17T04:00:00Z".into()))
    );
    assert_eq!(intervals(&c, Kind::LevelLost), nights);
    assert_eq!(c.count(Kind::PeopleChanged), 0);
    assert_eq!(
        c.routes[0].changes[0].detail,
        Detail::FirstPage {
            old: Some(0),
            new: Some(300)
        }
    );
    assert_eq!(
        c.summary[0],
        "`checkout` `sev1`: first page is 5 min later for 112 h a week (daily 17:00-09:00 America/New_York)"
    );
    // Earlier first page and an added level, the other way round.
    let back = run(&new, &old, "2026-03-03", "2026-03-17", NEW_YORK);
    assert_eq!(intervals(&back, Kind::EarlierFirstPage), nights);
    assert_eq!(intervals(&back, Kind::LevelAdded), nights);
}

#[test]
fn single_responder_gained_and_resolved() {
    // OLD pages both schedules at once; NEW the second only after ack_within.
    let together = "    steps:
      - {notify: [{schedule: primary}, {schedule: secondary}], escalate_after: 5m}";
    let old = base("UTC", "", "", together);
    let new = base("UTC", "", "", TWO_STEPS);
    let c = run(&old, &new, "2026-03-09", "2026-03-10", chrono_tz::UTC);
    let all = pairs(&[("2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z")]);
    assert_eq!(intervals(&c, Kind::SingleResponder), all);
    assert_eq!(intervals(&c, Kind::LevelAdded), all);
    assert_eq!(
        c.routes[0]
            .changes
            .iter()
            .find(|x| x.kind == Kind::SingleResponder)
            .map(|x| &x.detail),
        Some(&Detail::Reached { old: 2, new: 1 })
    );
    let back = run(&new, &old, "2026-03-09", "2026-03-10", chrono_tz::UTC);
    assert_eq!(intervals(&back, Kind::SingleResponderResolved), all);
    assert_eq!(
        intervals(&back, Kind::SingleResponder),
        Vec::<(String, String)>::new()
    );
}

#[test]
fn people_changed_with_the_on_call_changes_and_hours() {
    let old = base("UTC", "", "", TWO_STEPS);
    let new = base("UTC", "", "", TWO_STEPS).replace("members: [cy]", "members: [bo]");
    let c = run(&old, &new, "2026-03-09", "2026-03-16", chrono_tz::UTC);
    // Until 09:00 Monday NEW pages bo instead of cy; from then bo only.
    assert_eq!(
        intervals(&c, Kind::PeopleChanged),
        pairs(&[
            ("2026-03-09T00:00:00Z", "2026-03-09T09:00:00Z"),
            ("2026-03-09T09:00:00Z", "2026-03-16T00:00:00Z"),
        ])
    );
    let people = |k: usize| match &c.routes[0].changes[k].detail {
        Detail::People { lost, gained } => (lost.len(), gained.len()),
        _ => (9, 9),
    };
    assert_eq!((people(0), people(1)), ((1, 1), (1, 0)));
    let secondary = c
        .schedules
        .iter()
        .find(|s| s.old == ScheduleIdx(1))
        .unwrap();
    assert_eq!(secondary.on_call.len(), 1);
    let (eo, en) = (ev(&old), ev(&new));
    let hours: Vec<(&str, i64, i64)> = secondary
        .hours
        .iter()
        .map(|h| {
            (
                h.person.id(eo.model(), en.model()),
                h.old_seconds,
                h.new_seconds,
            )
        })
        .collect();
    assert_eq!(hours, [("bo", 0, 7 * 86_400), ("cy", 7 * 86_400, 0)]);
    assert!(c
        .summary
        .contains(&"`bo` carries 168 h more a week".to_string()));
    assert!(c
        .summary
        .contains(&"`cy` carries 168 h less a week".to_string()));
}

#[test]
fn a_delay_changed_is_plan_changed() {
    let old = base("UTC", "", "", TWO_STEPS);
    let new = base(
        "UTC",
        "",
        "",
        &TWO_STEPS.replacen("escalate_after: 5m", "escalate_after: 10m", 1),
    );
    let c = run(
        &old,
        &new,
        "2026-03-09T12:00",
        "2026-03-09T13:00",
        chrono_tz::UTC,
    );
    assert_eq!(kinds(&c), ["plan-changed"]);
    assert_eq!(
        intervals(&c, Kind::PlanChanged),
        pairs(&[("2026-03-09T12:00:00Z", "2026-03-09T13:00:00Z")])
    );
    let out = crate::output::CompareOutput::new(ev(&old).model(), &old, ev(&new).model(), &new, &c);
    assert_eq!(
        out.routes[0].changes[0].message,
        "page 2: NEW `cy` at +10m, OLD `cy` at +5m"
    );
}

/// NEW hands over at 10:00 instead of 09:00, across London's change to
/// summer time: each weekly handoff moves one hour; nobody's hours change.
#[test]
fn handoffs_moved_an_hour() {
    let old = base("Europe/London", "", "", TWO_STEPS);
    let new = old.replace(
        "members: [ann, bo], shift: 1w, handoff: 2026-03-02T09:00",
        "members: [ann, bo], shift: 1w, handoff: 2026-03-02T10:00",
    );
    let c = run(&old, &new, "2026-03-23", "2026-04-06", LONDON);
    let primary = &c.schedules[0];
    let moves: Vec<(String, String, i64)> = primary
        .handoffs
        .iter()
        .map(|h| (utc(h.old_at), utc(h.new_at), h.moved_seconds()))
        .collect();
    assert_eq!(
        moves,
        [
            (
                "2026-03-23T09:00:00Z".to_string(),
                "2026-03-23T10:00:00Z".to_string(),
                3600
            ),
            (
                "2026-03-30T08:00:00Z".to_string(),
                "2026-03-30T09:00:00Z".to_string(),
                3600
            ),
        ]
    );
    let changes: Vec<_> = primary
        .on_call
        .iter()
        .map(|x| (utc(x.start), utc(x.end)))
        .collect();
    assert_eq!(
        changes,
        pairs(&[
            ("2026-03-23T09:00:00Z", "2026-03-23T10:00:00Z"),
            ("2026-03-30T08:00:00Z", "2026-03-30T09:00:00Z"),
        ])
    );
    assert!(primary.hours.is_empty());
    assert!(c.summary.contains(
        &"`primary`: 2 handoffs 1 h later (first: 2026-03-23 10:00 instead of 2026-03-23 09:00)"
            .to_string()
    ));
    // The reasons: OLD's new turn, NEW's previous turn still running.
    let first = &primary.on_call[0];
    assert!(matches!(
        first.old_why[0].source,
        crate::schedule::Source::Turn { turn: 3, .. }
    ));
    assert!(matches!(
        first.new_why[0].source,
        crate::schedule::Source::Turn { turn: 2, .. }
    ));
}

#[test]
fn a_rotation_that_lost_a_member_moves_no_handoff() {
    let old =
        base("UTC", "", "", TWO_STEPS).replace("members: [ann, bo]", "members: [ann, bo, cy]");
    let new = base("UTC", "", "", TWO_STEPS);
    let c = run(&old, &new, "2026-03-02", "2026-04-27", chrono_tz::UTC);
    assert!(
        c.schedules[0].handoffs.is_empty(),
        "{:?}",
        c.schedules[0].handoffs
    );
    assert!(!c.schedules[0].on_call.is_empty());
}

#[test]
fn findings_added_and_removed() {
    let old = base("UTC", "", "", TWO_STEPS);
    let new = old.replace("    owner: ann\n", "");
    let c = run(&old, &new, "2026-03-09", "2026-03-10", chrono_tz::UTC);
    assert_eq!(kinds(&c), ["finding-added"]);
    let f = &c.findings[0];
    assert_eq!(
        (
            f.diagnostic.code,
            f.object.kind,
            f.object.id.as_str(),
            f.side
        ),
        ("policy-without-owner", "policy", "p", Side::New)
    );
    assert_eq!(
        c.summary,
        ["NEW adds 1 finding: `policy-without-owner` on policy `p`"]
    );
    let back = run(&new, &old, "2026-03-09", "2026-03-10", chrono_tz::UTC);
    assert_eq!(kinds(&back), ["finding-removed"]);
    assert_eq!(back.findings[0].side, Side::Old);
}

#[test]
fn matching_by_name_email_and_map() {
    let old = base("UTC", "", "", TWO_STEPS).replace(
        "{id: cy}",
        "{id: cy, name: Cy Young, contact: [{via: email, after: 0m, to: cy@example.com}]}",
    );
    // Renamed, same name: matched by name; nothing differs.
    let by_name = old
        .replace("cy", "cyrus")
        .replace("cyrus@example.com", "other@example.com")
        .replace("Cy Young", "cy   YOUNG");
    let c = run(&old, &by_name, "2026-03-09", "2026-03-10", chrono_tz::UTC);
    assert!(c.identical(), "{:?}", c.counts());
    let pair = c.matching.people.pairs.iter().find(|p| p.old == 2).unwrap();
    assert_eq!((pair.new, pair.by), (2, MatchedBy::Name));
    // Renamed, same `source` (what an importer keeps): matched by source,
    // before names are looked at.
    let sourced = base("UTC", "", "", TWO_STEPS)
        .replace("{id: cy}", "{id: cy, name: Cy, source: PUSER01}")
        .replace(
            "  - id: secondary\n",
            "  - id: secondary\n    source: pagerduty_schedule.secondary\n",
        );
    let moved = sourced
        .replace("{id: cy, name: Cy,", "{id: cyrus, name: Cyrus,")
        .replace("[cy]", "[cyrus]")
        .replace("id: secondary", "id: backup")
        .replace("{schedule: secondary}", "{schedule: backup}");
    let c = run(&sourced, &moved, "2026-03-09", "2026-03-10", chrono_tz::UTC);
    assert!(c.identical(), "{:?}", c.summary);
    assert_eq!(
        c.matching
            .people
            .pairs
            .iter()
            .find(|p| p.old == 2)
            .map(|p| p.by),
        Some(MatchedBy::Source)
    );
    assert_eq!(
        c.matching
            .schedules
            .pairs
            .iter()
            .find(|p| p.old == 1)
            .map(|p| p.by),
        Some(MatchedBy::Source)
    );
    // Renamed, another name, same e-mail: matched by e-mail.
    let by_email = old
        .replace("cy,", "cyrus,")
        .replace("[cy]", "[cyrus]")
        .replace("Cy Young", "C. Young")
        .replace("cy@", "CY@");
    let c = run(&old, &by_email, "2026-03-09", "2026-03-10", chrono_tz::UTC);
    assert_eq!(
        c.matching
            .people
            .pairs
            .iter()
            .find(|p| p.old == 2)
            .map(|p| p.by),
        Some(MatchedBy::Email)
    );
    assert!(c.identical(), "{:?}", c.summary);
    // Nothing in common: unmatched on both sides, the differences follow.
    let plain = base("UTC", "", "", TWO_STEPS);
    let renamed = plain.replace("cy", "cyrus");
    let c = run(&plain, &renamed, "2026-03-09", "2026-03-10", chrono_tz::UTC);
    assert_eq!(c.count(Kind::Unmatched), 2);
    assert!(c.summary.contains(&"only in OLD: person `cy`".to_string()));
    assert!(c
        .summary
        .contains(&"only in NEW: person `cyrus`".to_string()));
    assert!(c.count(Kind::PeopleChanged) > 0);
    // `--map` pairs them, and then nothing differs.
    let map = vec![MapEntry::parse("cy=cyrus").unwrap()];
    let c = run_with(
        &plain,
        &renamed,
        "2026-03-09",
        "2026-03-10",
        chrono_tz::UTC,
        map,
    );
    assert!(c.identical(), "{:?}", c.summary);
    assert_eq!(
        c.matching
            .people
            .pairs
            .iter()
            .find(|p| p.old == 2)
            .map(|p| p.by),
        Some(MatchedBy::Map)
    );
}

#[test]
fn a_map_wins_over_ids_and_bad_maps_are_errors() {
    let doc = base("UTC", "", "", TWO_STEPS);
    let (a, b) = (ev(&doc), ev(&doc));
    let mut options = Options::new(
        at("2026-03-09", chrono_tz::UTC),
        at("2026-03-10", chrono_tz::UTC),
        chrono_tz::UTC,
    );
    options.map = vec![MapEntry::parse("person:ann=bo").unwrap()];
    let c = compare(a.model(), b.model(), &options).unwrap();
    // ann is bo; OLD's bo is unmatched, and so is NEW's ann.
    assert_eq!(c.matching.people.new_of(0), Some(1));
    assert_eq!(c.count(Kind::Unmatched), 2);
    options.map = vec![MapEntry::parse("anne=bo").unwrap()];
    let e = compare(a.model(), b.model(), &options).unwrap_err();
    assert_eq!(
        (e.code, e.help.as_deref()),
        ("unknown-id", Some("did you mean `ann`?"))
    );
    options.map = vec![MapEntry::parse("ann=bob").unwrap()];
    let e = compare(a.model(), b.model(), &options).unwrap_err();
    assert_eq!(e.message, "`--map ann=bob`: no person `bob` in NEW");
    options.map = vec![
        MapEntry::parse("ann=bo").unwrap(),
        MapEntry::parse("ann=cy").unwrap(),
    ];
    assert_eq!(
        compare(a.model(), b.model(), &options).unwrap_err().code,
        "invalid-map"
    );
}

#[test]
fn a_route_that_only_one_side_has_pages_nobody_on_the_other() {
    let old = base("UTC", "", "", TWO_STEPS);
    let new = old
        .replace("escalation: p}", "escalation: {sev2: p}}")
        .replace(
            "severities: [{id: sev1, ack_within: 5m}]",
            "severities: [{id: sev1, ack_within: 5m}, {id: sev2}]",
        );
    let c = run(&old, &new, "2026-03-09", "2026-03-10", chrono_tz::UTC);
    assert_eq!(
        intervals(&c, Kind::NobodyPaged),
        pairs(&[("2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z")])
    );
    assert_eq!(c.routes[0].new_policy, None);
    assert_eq!(c.count(Kind::Unmatched), 1); // NEW's sev2
}

#[test]
fn allowed_kinds_make_documents_equivalent() {
    let old = base("UTC", "", "", TWO_STEPS);
    let new = base(
        "UTC",
        "",
        "",
        &TWO_STEPS.replacen("escalate_after: 5m", "escalate_after: 10m", 1),
    );
    let (a, b) = (ev(&old), ev(&new));
    let mut options = Options::new(
        at("2026-03-09", chrono_tz::UTC),
        at("2026-03-10", chrono_tz::UTC),
        chrono_tz::UTC,
    );
    assert!(!compare(a.model(), b.model(), &options)
        .unwrap()
        .equivalent());
    options.allow = vec![Kind::PlanChanged];
    let c = compare(a.model(), b.model(), &options).unwrap();
    assert!(c.equivalent() && !c.identical());
    assert!(c.summary[0].ends_with("(allowed)"));
}

#[test]
fn kinds_have_stable_unique_names() {
    let mut codes: Vec<&str> = Kind::ALL.iter().map(|k| k.code()).collect();
    for (k, code) in Kind::ALL.iter().zip(&codes) {
        assert_eq!(Kind::parse(code), Ok(*k));
    }
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), Kind::ALL.len());
}

#[test]
fn windows_are_checked() {
    let doc = base("UTC", "", "", TWO_STEPS);
    let (a, b) = (ev(&doc), ev(&doc));
    let t = at("2026-03-09", chrono_tz::UTC);
    let e = compare(a.model(), b.model(), &Options::new(t, t, chrono_tz::UTC)).unwrap_err();
    assert_eq!(e.code, "empty-window");
    let e = compare(
        a.model(),
        b.model(),
        &Options::new(t, t.add_seconds(800 * 86_400), chrono_tz::UTC),
    )
    .unwrap_err();
    assert_eq!(e.code, "window-too-large");
}

/// A policy a service names only as the `default` that every severity
/// overrides is routed nowhere: it is compared as a policy route.
#[test]
fn a_default_that_every_severity_overrides_is_compared_as_a_policy() {
    let doc = |who: &str| {
        base("UTC", "", "", TWO_STEPS)
            .replace("members: [cy]", &format!("members: [{who}]"))
            .replace("escalation: p}", "escalation: {sev1: q, default: p}}")
            .replace("services:", "  - {id: q, owner: ann, steps: [{notify: [{person: ann}], escalate_after: 5m}]}\nservices:")
    };
    let c = run(
        &doc("cy"),
        &doc("bo"),
        "2026-03-09",
        "2026-03-10",
        chrono_tz::UTC,
    );
    assert_eq!(c.routes.len(), 1);
    assert!(matches!(c.routes[0].route, Route::Policy { .. }));
    assert_eq!(c.count(Kind::PeopleChanged), 2);
}

/// An override over a day of a one-second rotation (found by
/// `tests/compare_props.rs`): the change's reasons are every turn it
/// covers, each once, gathered in time linear in the turns.
#[test]
fn an_override_over_a_one_second_rotation_lists_each_turn_once() {
    let doc = |extra: &str| {
        format!(
            "version: 1\ntimezone: UTC\npeople: [{{id: ann}}, {{id: bo}}]\n\
             schedules: [{{id: s, layers: [{{id: l, members: [ann], shift: 1s, handoff: 2026-03-01T00:00}}]{extra}}}]\n\
             policies: [{{id: p, steps: [{{notify: [{{schedule: s}}], escalate_after: 5m}}]}}]\n"
        )
    };
    let c = run(
        &doc(""),
        &doc(", overrides: [{person: bo, from: 2026-03-02T00:00, to: 2026-03-03T00:00}]"),
        "2026-03-01T12:00",
        "2026-03-03T12:00",
        chrono_tz::UTC,
    );
    let change = &c.schedules[0].on_call;
    assert_eq!(change.len(), 1);
    assert_eq!(
        (utc(change[0].start), utc(change[0].end)),
        ("2026-03-02T00:00:00Z".into(), "2026-03-03T00:00:00Z".into())
    );
    assert_eq!(change[0].old_why.len(), 86_400);
    assert!(change[0]
        .old_why
        .iter()
        .all(|w| matches!(w.source, crate::schedule::Source::Turn { .. })));
    assert_eq!(change[0].new_why.len(), 1);
}

/// A policy repeated many times over a rotation that is empty every
/// other 90 seconds (from `tests/compare_props.rs`, where a longer window
/// spent seconds looking through every pass's and step's gaps once per
/// kind): a gap kind per pass and step, the steps each reported once.
#[test]
fn a_repeated_policy_over_a_fast_rotation_compares_with_itself() {
    let doc = "version: 1\ntimezone: UTC\npeople: [{id: ann}]\n\
        schedules: [{id: s, layers: [{id: l, members: [[], ann], shift: 90s, handoff: 2026-03-01T00:00}]}]\n\
        policies: [{id: p, repeat: 15, on_empty_step: wait, steps: [{notify: [{schedule: s}], escalate_after: 1h}, {notify: [{schedule: s}], escalate_after: 1h}]}]\n";
    let c = run(doc, doc, "2026-03-02", "2026-03-04", chrono_tz::UTC);
    assert!(c.identical(), "{:?}", c.summary);
    let f = crate::findings::findings(
        ev(doc).model(),
        (
            at("2026-03-02", chrono_tz::UTC),
            at("2026-03-04", chrono_tz::UTC),
        ),
    );
    let skipped: Vec<&str> = f
        .iter()
        .filter(|d| d.code == "level-skipped")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:#?}");
}
