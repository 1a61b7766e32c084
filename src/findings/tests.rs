//! Each finding on a minimal document that is otherwise clean, with its span.
//! (Spans here are distinct markers; YAML-based tests check real line/columns.)

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::diagnostic::{Severity as Level, Span};
use crate::model::*;
use crate::time::Timestamp;
use crate::time::{DateTimeSpec, DaySet, Seconds, WallTime, Window};

use super::findings;

fn s(n: u32) -> Span {
    Span::new(n, n + 1)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// 2026-11-27T00:00:00Z.
const AS_OF: Timestamp = Timestamp(1_795_737_600);

/// A document with no findings: alice and bob on a weekly rotation, a policy
/// with two owned steps (the second informing stakeholders), one service,
/// sev1 with targets, a current approval, a recent drill and review.
fn good() -> Model {
    let person = |id: &str, n| Person {
        source: None,
        id: Spanned::new(id.into(), s(n)),
        name: None,
        timezone: None,
        contact: vec![],
        span: s(n),
    };
    let layer = Layer {
        name: None,
        source: None,
        id: Spanned::new("weekly".into(), s(30)),
        kind: LayerKind::Rotation(Turns {
            members: vec![vec![PersonIdx(0)], vec![PersonIdx(1)]],
            members_span: s(31),
            shift: Spanned::new(Seconds(604_800), s(32)),
            cadence: Default::default(),
            month_overflow: Default::default(),
            turn_count: Default::default(),
            handoff: Spanned::new(
                DateTimeSpec::Local(date(2026, 1, 5).and_hms_opt(9, 0, 0).unwrap_or_default()),
                s(33),
            ),
            clock: Clock::Wall,
            before_handoff: crate::model::BeforeHandoff::Nobody,
        }),
        from: None,
        until: None,
        restrictions: vec![],
        overrides: Vec::new(),
        level: 1,
        span: s(34),
    };
    let step = |targets: Vec<Target>, owner, n| Step {
        wait: false,
        non_essential: Vec::new(),
        name: None,
        source: None,
        targets: targets
            .into_iter()
            .enumerate()
            .map(|(i, t)| Spanned::new(t, s(n + 1 + i as u32)))
            .collect(),
        escalate_after: Spanned::new(Seconds(120), s(n + 5)),
        role: None,
        owner: Some(PersonIdx(owner)),
        span: s(n),
    };
    Model {
        timezone: Tz::UTC,
        people: vec![person("alice", 10), person("bob", 20), person("carol", 25)],
        schedules: vec![Schedule {
            disabled: None,
            dst: Default::default(),
            source: None,
            id: Spanned::new("primary".into(), s(40)),
            name: None,
            timezone: Tz::UTC,
            layers: vec![layer],
            combine: Combine::Top,
            overrides: vec![],
            span: s(41),
        }],
        policies: vec![Policy {
            source: None,
            id: Spanned::new("payments".into(), s(50)),
            name: None,
            owner: Some(PersonIdx(0)),
            repeat: 0,
            on_empty_step: OnEmptyStep::Skip,
            steps: vec![
                step(vec![Target::Schedule(ScheduleIdx(0))], 0, 60),
                step(
                    vec![
                        Target::Person(PersonIdx(2)),
                        Target::Stakeholders("status-page".into()),
                    ],
                    1,
                    70,
                ),
            ],
            span: s(51),
        }],
        services: vec![Service {
            source: None,
            id: Spanned::new("checkout".into(), s(80)),
            name: None,
            owner: Some(PersonIdx(1)),
            escalation: Routing {
                by_severity: vec![],
                default: Some(PolicyIdx(0)),
                span: s(81),
            },
            vendors: vec![],
            span: s(82),
        }],
        severities: vec![Severity {
            id: Spanned::new("sev1".into(), s(90)),
            ack_within: Some(Seconds(300)),
            comms_within: Some(Seconds(900)),
            span: s(91),
        }],
        triggers: vec![],
        vendors: vec![],
        actions: vec![Action {
            id: Spanned::new("rollback".into(), s(100)),
            title: "Roll back".into(),
            runbook: None,
            services: vec![ServiceIdx(0)],
            severities: vec![SeverityIdx(0)],
            approved_by: Some(PersonIdx(1)),
            approved_until: Some(Spanned::new(
                DateTimeSpec::Local(date(2027, 1, 1).and_hms_opt(0, 0, 0).unwrap_or_default()),
                s(101),
            )),
            span: s(102),
        }],
        drills: vec![Drill {
            date: Spanned::new(date(2026, 11, 1), s(110)),
            scenario: "psp down".into(),
            participants: vec![
                Participant::Person(PersonIdx(0)),
                Participant::Person(PersonIdx(1)),
                Participant::Person(PersonIdx(2)),
            ],
            span: s(111),
        }],
        review: Some(Review {
            every: Spanned::new(Seconds(90 * 86_400), s(120)),
            last: Some(Spanned::new(date(2026, 11, 1), s(121))),
            span: s(122),
        }),
    }
}

fn found(model: &Model) -> Vec<(&'static str, Level, Span)> {
    findings(model, (AS_OF, AS_OF.add_seconds(28 * 86_400)))
        .into_iter()
        .map(|d| (d.code, d.severity, d.span))
        .collect()
}

fn assert_finding(model: &Model, code: &str, level: Level, span: Span) {
    let all = found(model);
    assert!(
        all.contains(&(code, level, span)),
        "{code} at {span:?} not in {all:?}"
    );
    let d = findings(model, (AS_OF, AS_OF.add_seconds(28 * 86_400)))
        .into_iter()
        .find(|d| d.code == code);
    assert!(
        d.is_some_and(|d| d.why.is_some() && !d.message.is_empty()),
        "{code} needs a message and a why"
    );
}

#[test]
fn a_good_document_has_no_findings() {
    assert_eq!(found(&good()), vec![]);
}

#[test]
fn unused_ids() {
    let mut m = good();
    let mut spare = m.schedules[0].clone();
    spare.id = Spanned::new("spare".into(), s(200));
    m.schedules.push(spare);
    let mut other = m.policies[0].clone();
    other.id = Spanned::new("other".into(), s(201));
    m.policies.push(other);
    m.people.push(Person {
        source: None,
        id: Spanned::new("dave".into(), s(202)),
        name: None,
        timezone: None,
        contact: vec![],
        span: s(202),
    });
    m.vendors.push(Vendor {
        source: None,
        id: Spanned::new("psp".into(), s(203)),
        name: None,
        timezone: Tz::UTC,
        sla: vec![],
        support_hours: vec![],
        contacts: vec![],
        span: s(203),
    });
    assert_finding(&m, "unused-schedule", Level::Warning, s(200));
    assert_finding(&m, "unused-policy", Level::Warning, s(201));
    assert_finding(&m, "unused-person", Level::Info, s(202));
    assert_finding(&m, "unused-vendor", Level::Info, s(203));
}

#[test]
fn missing_owners() {
    let mut m = good();
    m.policies[0].owner = None;
    m.policies[0].steps[1].owner = None;
    m.services[0].owner = None;
    assert_finding(&m, "policy-without-owner", Level::Warning, s(50));
    assert_finding(&m, "step-without-owner", Level::Info, s(70));
    assert_finding(&m, "service-without-owner", Level::Warning, s(80));
}

#[test]
fn routes() {
    let mut m = good();
    m.severities.push(Severity {
        id: Spanned::new("sev2".into(), s(92)),
        ack_within: None,
        comms_within: Some(Seconds(60)),
        span: s(93),
    });
    m.services[0].escalation = Routing {
        by_severity: vec![(SeverityIdx(0), PolicyIdx(0))],
        default: None,
        span: s(81),
    };
    m.triggers.push(Trigger {
        id: Spanned::new("5xx".into(), s(130)),
        source: "alarm".into(),
        service: ServiceIdx(0),
        severity: SeverityIdx(1),
        span: s(131),
    });
    assert_finding(&m, "severity-without-route", Level::Warning, s(81));
    assert_finding(&m, "severity-unrouted", Level::Warning, s(92));
    assert_finding(&m, "trigger-without-route", Level::Warning, s(130));
    m.services[0].escalation = Routing::default();
    assert_finding(&m, "service-without-route", Level::Warning, s(80));
}

fn with_vendor(m: &mut Model, sla_minutes: i64, hours: Vec<Spanned<Window>>) {
    m.vendors.push(Vendor {
        source: None,
        id: Spanned::new("psp".into(), s(140)),
        name: None,
        timezone: Tz::UTC,
        sla: vec![(
            SeverityIdx(0),
            Spanned::new(Seconds(sla_minutes * 60), s(141)),
        )],
        support_hours: hours,
        contacts: vec![],
        span: s(142),
    });
    m.policies[0].steps[1]
        .targets
        .push(Spanned::new(Target::Vendor(VendorIdx(0)), s(143)));
}

#[test]
fn vendor_sla_slower_than_the_target() {
    let mut m = good();
    with_vendor(&mut m, 30, vec![]);
    assert_finding(&m, "vendor-sla-too-slow", Level::Warning, s(141));
    let d = findings(&m, (AS_OF, AS_OF))
        .into_iter()
        .find(|d| d.code == "vendor-sla-too-slow");
    assert_eq!(
        d.and_then(|d| d.why),
        Some("vendor `psp` answers sev1 within 30m by contract, but sev1 must be acknowledged within 5m, and step 2 of policy `payments` relies on `psp`".to_string())
    );
    let mut fast = good();
    with_vendor(&mut fast, 5, vec![]);
    assert_eq!(found(&fast), vec![]);
}

#[test]
fn vendor_outside_support_hours() {
    let mut m = good();
    let window = Window::Daily {
        days: DaySet::ALL,
        from: WallTime(8 * 3600),
        to: WallTime(18 * 3600),
    };
    with_vendor(
        &mut m,
        5,
        vec![
            Spanned::new(window, Span::new(150, 160)),
            Spanned::new(window, Span::new(161, 170)),
        ],
    );
    assert_finding(
        &m,
        "vendor-outside-support-hours",
        Level::Warning,
        Span::new(150, 170),
    );
}

#[test]
fn actions_and_approvals() {
    let mut m = good();
    m.actions[0].approved_by = None;
    m.actions[0].approved_until = Some(Spanned::new(
        DateTimeSpec::Absolute(AS_OF.add_seconds(-1)),
        s(101),
    ));
    assert_finding(&m, "approval-missing", Level::Warning, s(100));
    assert_finding(&m, "approval-expired", Level::Warning, s(101));
    m.actions[0].severities = vec![SeverityIdx(1)];
    assert_finding(&m, "no-preapproved-actions", Level::Warning, s(80));
    // An approval that runs out later in the window is not expired yet.
    let mut later = good();
    later.actions[0].approved_until = Some(Spanned::new(
        DateTimeSpec::Absolute(AS_OF.add_seconds(1)),
        s(101),
    ));
    assert_eq!(found(&later), vec![]);
}

#[test]
fn drills_and_review() {
    let mut m = good();
    m.drills[0].date.value = date(2026, 8, 28);
    m.drills[0].participants.remove(1);
    m.review = Some(Review {
        every: Spanned::new(Seconds(90 * 86_400), s(120)),
        last: Some(Spanned::new(date(2026, 8, 1), s(121))),
        span: s(122),
    });
    assert_finding(&m, "no-recent-drill", Level::Warning, s(110));
    assert_finding(&m, "never-drilled", Level::Info, s(20));
    assert_finding(&m, "review-overdue", Level::Warning, s(121));
    // 90 days after 2026-08-29 is 2026-11-27: due exactly now, still recent.
    let mut due = good();
    due.drills[0].date.value = date(2026, 8, 29);
    assert_eq!(found(&due), vec![]);
    m.review = None;
    assert_finding(&m, "review-missing", Level::Info, Span::new(0, 0));
}

#[test]
fn stakeholder_communication() {
    let mut m = good();
    m.policies[0].steps[1].targets.pop();
    assert_finding(&m, "no-stakeholder-step", Level::Warning, s(50));
    m.severities[0].comms_within = None;
    assert_finding(&m, "severity-without-comms", Level::Warning, s(90));
}

#[test]
fn one_person_on_every_level() {
    let mut m = good();
    m.policies[0].steps[0].targets = vec![Spanned::new(Target::Person(PersonIdx(2)), s(61))];
    assert_finding(&m, "single-person-path", Level::Warning, s(50));
    // Through a schedule: carol's is the only turn of the rotation.
    let mut m = good();
    m.schedules[0].layers[0].turns_mut().unwrap().members = vec![vec![PersonIdx(2)]];
    assert_finding(&m, "single-person-path", Level::Warning, s(50));
    assert_finding(&m, "single-responder", Level::Warning, s(50));
}

#[test]
fn coverage_gaps() {
    let mut m = good();
    // Bob's turns are empty: step 1 is skipped one week in two.
    m.schedules[0].layers[0].turns_mut().unwrap().members = vec![vec![PersonIdx(0)], vec![]];
    assert_finding(&m, "level-skipped", Level::Warning, s(60));
    // And with carol gone from step 2, nobody at all.
    m.policies[0].steps[1].targets.remove(0);
    assert_finding(&m, "nobody-paged", Level::Error, s(50));
    // A first step that waits 10m on nobody: the first page comes after the 5m target.
    let mut late = good();
    late.policies[0].on_empty_step = OnEmptyStep::Wait;
    late.policies[0].steps[0].targets =
        vec![Spanned::new(Target::Stakeholders("ops".into()), s(61))];
    late.policies[0].steps[0].escalate_after.value = Seconds(600);
    assert_finding(&late, "first-page-late", Level::Warning, s(50));
}
