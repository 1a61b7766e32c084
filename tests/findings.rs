//! Every finding on a YAML document, with its line and column.

use escalator::diagnostic::{Diagnostic, LineIndex, Severity};
use escalator::time::Timestamp;
use escalator::Evaluator;

/// 2026-11-27T00:00:00Z: the "as of" instant.
const AS_OF: Timestamp = Timestamp(1_795_737_600);

/// A document with no findings.
const GOOD: &str = "\
version: 1
timezone: UTC
people:
  - id: alice
  - id: bob
  - id: carol
schedules:
  - id: primary
    layers:
      - id: weekly
        members: [alice, bob]
        shift: 1w
        handoff: 2026-01-05T09:00
policies:
  - id: payments
    owner: alice
    steps:
      - notify: [{schedule: primary}]
        escalate_after: 5m
        owner: alice
      - notify: [{person: carol}, {stakeholders: status-page}]
        escalate_after: 10m
        owner: bob
severities:
  - {id: sev1, ack_within: 10m, comms_within: 15m}
services:
  - id: checkout
    owner: bob
    escalation: payments
actions:
  - id: rollback
    title: Roll back
    services: [checkout]
    severities: [sev1]
    approved_by: bob
    approved_until: 2027-01-01
drills:
  - {date: 2026-11-01, scenario: psp down, participants: [alice, bob, carol]}
review: {every: 90d, last: 2026-11-01}
";

fn findings(text: &str) -> Vec<Diagnostic> {
    let evaluator = Evaluator::new(text).unwrap_or_else(|d| panic!("document errors: {d:?}"));
    evaluator.findings(AS_OF, AS_OF.add_seconds(28 * 86_400))
}

/// Replaces `from` (which must occur) by `to`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` not in the document");
    text.replacen(from, to, 1)
}

/// Asserts a finding `code` of `severity` starting at `line:column`, its span's text starting with `snippet`.
fn assert_at(text: &str, code: &str, severity: Severity, line: u32, column: u32, snippet: &str) {
    let all = findings(text);
    let index = LineIndex::new(text);
    let found = all.iter().filter(|d| d.code == code).find(|d| {
        let p = index.position(d.span.start);
        (p.line, p.column) == (line, column)
    });
    let Some(d) = found else {
        let got: Vec<(&str, u32, u32)> = all
            .iter()
            .map(|d| {
                let p = index.position(d.span.start);
                (d.code, p.line, p.column)
            })
            .collect();
        panic!("no `{code}` at {line}:{column}; found {got:?}");
    };
    assert_eq!(d.severity, severity, "{code}");
    let spanned = text
        .get(d.span.start as usize..d.span.end as usize)
        .unwrap_or("");
    assert!(
        spanned.starts_with(snippet),
        "{code}: span text `{spanned}` does not start with `{snippet}`"
    );
    assert!(
        d.why.as_deref().is_some_and(|w| !w.is_empty()),
        "{code} has no why"
    );
}

#[test]
fn a_good_document_has_no_findings() {
    let all = findings(GOOD);
    assert!(all.is_empty(), "{all:#?}");
}

#[test]
fn unused_ids() {
    let text = edit(GOOD, "  - id: carol\n", "  - id: carol\n  - id: dave\n");
    assert_at(&text, "unused-person", Severity::Info, 7, 9, "dave");
    let text = edit(
        GOOD,
        "policies:\n",
        "  - id: spare\n    layers: []\npolicies:\n",
    );
    assert_at(&text, "unused-schedule", Severity::Warning, 14, 9, "spare");
    let text = format!("{GOOD}vendors:\n  - id: psp\n");
    assert_at(&text, "unused-vendor", Severity::Info, 41, 9, "psp");
    let text = edit(GOOD, "severities:\n", "  - id: other\n    owner: alice\n    steps:\n      - notify: [{person: carol}, {stakeholders: x}]\n        escalate_after: 5m\n        owner: bob\nseverities:\n");
    assert_at(&text, "unused-policy", Severity::Warning, 24, 9, "other");
}

#[test]
fn missing_owners() {
    let text = edit(GOOD, "    owner: alice\n    steps:", "    steps:");
    assert_at(
        &text,
        "policy-without-owner",
        Severity::Warning,
        15,
        9,
        "payments",
    );
    let text = edit(
        GOOD,
        "        escalate_after: 5m\n        owner: alice\n",
        "        escalate_after: 5m\n",
    );
    assert_at(&text, "step-without-owner", Severity::Info, 18, 9, "notify");
    let text = edit(
        GOOD,
        "  - id: checkout\n    owner: bob\n",
        "  - id: checkout\n",
    );
    assert_at(
        &text,
        "service-without-owner",
        Severity::Warning,
        27,
        9,
        "checkout",
    );
}

#[test]
fn routes() {
    let text = edit(GOOD, "  - {id: sev1, ack_within: 10m, comms_within: 15m}\n", "  - {id: sev1, ack_within: 10m, comms_within: 15m}\n  - {id: sev2, ack_within: 1h, comms_within: 1h}\n");
    let text = edit(
        &text,
        "escalation: payments",
        "escalation: {sev1: payments}",
    );
    let text = format!(
        "{text}triggers:\n  - {{id: slow, source: alarm, service: checkout, severity: sev2}}\n"
    );
    assert_at(
        &text,
        "severity-without-route",
        Severity::Warning,
        30,
        17,
        "{sev1",
    );
    assert_at(
        &text,
        "severity-unrouted",
        Severity::Warning,
        26,
        10,
        "sev2",
    );
    assert_at(
        &text,
        "trigger-without-route",
        Severity::Warning,
        42,
        10,
        "slow",
    );
}

fn with_vendor(sla: &str, hours: &str) -> String {
    let text = edit(
        GOOD,
        "{person: carol}, {stakeholders",
        "{person: carol}, {vendor: psp}, {stakeholders",
    );
    format!("{text}vendors:\n  - id: psp\n    sla: {{sev1: {sla}}}\n{hours}")
}

#[test]
fn vendor_sla_slower_than_the_target() {
    let text = with_vendor("30m", "");
    assert_at(
        &text,
        "vendor-sla-too-slow",
        Severity::Warning,
        42,
        17,
        "30m",
    );
    let d = findings(&text)
        .into_iter()
        .find(|d| d.code == "vendor-sla-too-slow");
    assert_eq!(
        d.and_then(|d| d.why).as_deref(),
        Some("vendor `psp` answers sev1 within 30m by contract, but sev1 must be acknowledged within 10m, and step 2 of policy `payments` relies on `psp`")
    );
    assert!(findings(&with_vendor("10m", ""))
        .iter()
        .all(|d| d.code != "vendor-sla-too-slow"));
    // A vendor relied on with no SLA for the severity.
    let text = edit(&with_vendor("10m", ""), "sla: {sev1: 10m}", "sla: {}");
    assert_at(&text, "vendor-without-sla", Severity::Warning, 41, 9, "psp");
}

#[test]
fn vendor_outside_support_hours() {
    let text = with_vendor(
        "5m",
        "    support_hours: [{days: [mon, tue, wed, thu, fri], from: \"08:00\", to: \"18:00\"}]\n",
    );
    assert_at(
        &text,
        "vendor-outside-support-hours",
        Severity::Warning,
        43,
        21,
        "{days",
    );
    let why = findings(&text)
        .into_iter()
        .find(|d| d.code == "vendor-outside-support-hours")
        .and_then(|d| d.why);
    assert_eq!(
        why.as_deref(),
        Some(
            "outside these hours step 2 of policy `payments` pages its other targets without `psp`"
        )
    );
}

#[test]
fn actions_and_approvals() {
    let text = edit(
        GOOD,
        "    approved_until: 2027-01-01",
        "    approved_until: 2026-11-26",
    );
    assert_at(
        &text,
        "approval-expired",
        Severity::Warning,
        36,
        21,
        "2026-11-26",
    );
    let text = edit(GOOD, "    approved_by: bob\n", "");
    assert_at(
        &text,
        "approval-missing",
        Severity::Warning,
        31,
        9,
        "rollback",
    );
    let text = edit(GOOD, "    services: [checkout]\n", "    services: []\n");
    assert_at(
        &text,
        "no-preapproved-actions",
        Severity::Warning,
        27,
        9,
        "checkout",
    );
}

#[test]
fn drills_and_review() {
    let text = edit(
        GOOD,
        "{date: 2026-11-01, scenario: psp down, participants: [alice, bob, carol]}",
        "{date: 2026-08-01, scenario: psp down, participants: [alice, bob]}",
    );
    assert_at(
        &text,
        "no-recent-drill",
        Severity::Warning,
        38,
        12,
        "2026-08-01",
    );
    assert_at(&text, "never-drilled", Severity::Info, 6, 9, "carol");
    let text = edit(
        GOOD,
        "review: {every: 90d, last: 2026-11-01}",
        "review: {every: 30d, last: 2026-10-01}",
    );
    assert_at(
        &text,
        "review-overdue",
        Severity::Warning,
        39,
        28,
        "2026-10-01",
    );
}

#[test]
fn stakeholder_communication() {
    let text = edit(GOOD, ", {stakeholders: status-page}", "");
    assert_at(
        &text,
        "no-stakeholder-step",
        Severity::Warning,
        15,
        9,
        "payments",
    );
    let text = edit(GOOD, ", comms_within: 15m", "");
    assert_at(
        &text,
        "severity-without-comms",
        Severity::Warning,
        25,
        10,
        "sev1",
    );
}

#[test]
fn coverage_gaps_over_the_window() {
    // A rotation with an empty turn: nobody on call one week in two, so step 1 is skipped.
    let text = edit(GOOD, "members: [alice, bob]", "members: [alice, []]");
    assert_at(&text, "level-skipped", Severity::Warning, 18, 9, "notify");
    // Only carol then, within the target.
    assert_at(
        &text,
        "single-responder",
        Severity::Warning,
        15,
        9,
        "payments",
    );
    // Nobody at all: carol's step removed.
    let text = edit(
        &text,
        "{person: carol}, {stakeholders: status-page}",
        "{stakeholders: status-page}",
    );
    assert_at(&text, "nobody-paged", Severity::Error, 15, 9, "payments");
    // The first page after the target: step 1 waits 15m on an empty schedule.
    let late = edit(
        GOOD,
        "      - notify: [{schedule: primary}]\n        escalate_after: 5m",
        "      - notify: [{stakeholders: ops}]\n        escalate_after: 15m",
    );
    let late = edit(
        &late,
        "    owner: alice\n    steps:",
        "    owner: alice\n    on_empty_step: wait\n    steps:",
    );
    assert_at(
        &late,
        "first-page-late",
        Severity::Warning,
        15,
        9,
        "payments",
    );
}

#[test]
fn one_person_on_every_level() {
    let text = edit(GOOD, "members: [alice, bob]", "members: [carol]");
    assert_at(
        &text,
        "single-person-path",
        Severity::Warning,
        15,
        9,
        "payments",
    );
}

#[test]
fn services_without_route_review_missing_and_coverage_too_large() {
    let text = edit(GOOD, "    escalation: payments\n", "");
    assert_at(
        &text,
        "service-without-route",
        Severity::Warning,
        27,
        9,
        "checkout",
    );
    let text = edit(GOOD, "review: {every: 90d, last: 2026-11-01}\n", "");
    assert_at(&text, "review-missing", Severity::Info, 1, 1, "");
    // A one-second rotation changes too often to cover 28 days.
    let text = edit(GOOD, "shift: 1w", "shift: 1s");
    assert_at(
        &text,
        "coverage-not-computed",
        Severity::Info,
        15,
        9,
        "payments",
    );
}

#[test]
fn a_vendor_open_around_the_clock_is_never_out_of_hours() {
    for hours in [
        "    support_hours: [{from: \"00:00\", to: \"24:00\"}]\n",
        "    support_hours: [{from: \"mon 00:00\", to: \"mon 00:00\"}]\n",
        "    support_hours: [{from: \"08:00\", to: \"20:00\"}, {from: \"20:00\", to: \"08:00\"}]\n",
    ] {
        let text = with_vendor("5m", hours);
        assert!(
            !findings(&text)
                .iter()
                .any(|d| d.code == "vendor-outside-support-hours"),
            "{hours}"
        );
    }
}

/// A policy no service routes to, over a schedule empty before its first
/// handoff (2026-11-30) and every other day after it.
const UNROUTED: &str = "version: 1
timezone: UTC
people: [{id: alice}, {id: bob}]
schedules:
  - id: daily
    layers:
      - {id: l, members: [alice, []], shift: 1d, handoff: 2026-11-30T00:00}
policies:
  - id: lonely
    steps:
      - {notify: [{schedule: daily}], escalate_after: 10m}
";

#[test]
fn an_unrouted_policy_is_still_checked_and_empty_schedules_are_findings() {
    let f = findings(UNROUTED);
    let nobody = f
        .iter()
        .find(|d| d.code == "nobody-paged")
        .expect("nobody-paged");
    assert_eq!(
        &UNROUTED[nobody.span.start as usize..nobody.span.end as usize],
        "lonely"
    );
    assert!(
        nobody
            .message
            .contains("from 2026-11-27T00:00:00Z to 2026-11-30T00:00:00Z and 12 more times"),
        "{}",
        nobody.message
    );
    let empty: Vec<_> = f.iter().filter(|d| d.code == "schedule-empty").collect();
    assert_eq!(empty.len(), 1, "once per schedule: {f:?}");
    assert_eq!(
        &UNROUTED[empty[0].span.start as usize..empty[0].span.end as usize],
        "daily"
    );
    assert!(
        empty[0].message.starts_with(
            "schedule `daily` has nobody on call from 2026-11-27T00:00:00Z to 2026-11-30T00:00:00Z"
        ),
        "{}",
        empty[0].message
    );
}

#[test]
fn a_wait_step_is_neither_a_level_gap_nor_a_step_without_owner() {
    // A first step that only waits (no owner) changes no finding of the
    // good document: it pages nobody and is not a level.
    let text = edit(GOOD, "    steps:\n", "    steps:\n      - {wait: 2m}\n");
    let all = findings(&text);
    assert!(all.is_empty(), "{all:#?}");
    // Under `on_empty_step: wait` too; and a policy of waits only pages nobody.
    let text = edit(
        &text,
        "    owner: alice\n    steps:",
        "    owner: alice\n    on_empty_step: wait\n    steps:",
    );
    assert!(findings(&text).is_empty());
    let text = edit(
        GOOD,
        "      - notify: [{schedule: primary}]\n        escalate_after: 5m\n        owner: alice\n      - notify: [{person: carol}, {stakeholders: status-page}]\n        escalate_after: 10m\n        owner: bob\n",
        "      - {wait: 5m}\n",
    );
    assert_at(&text, "nobody-paged", Severity::Error, 15, 9, "payments");
    assert!(findings(&text).iter().all(|d| d.code != "level-skipped"));
}

#[test]
fn a_disabled_schedule_that_a_policy_notifies_is_an_info() {
    let text = edit(
        GOOD,
        "  - id: primary\n",
        "  - id: primary\n    enabled: false\n",
    );
    assert_at(&text, "schedule-disabled", Severity::Info, 9, 14, "false");
    // Its step pages nobody: a level gap.
    assert!(findings(&text).iter().any(|d| d.code == "level-skipped"));
    // Not notified, it is not reported at all (not even as unused).
    let spare = edit(
        GOOD,
        "policies:\n",
        "  - id: spare\n    enabled: false\n    layers: []\npolicies:\n",
    );
    assert!(findings(&spare).is_empty(), "{:#?}", findings(&spare));
    // `enabled` is a boolean.
    let wrong = edit(
        GOOD,
        "  - id: primary\n",
        "  - id: primary\n    enabled: \"no\"\n",
    );
    let errors = Evaluator::new(&wrong).err().unwrap_or_default();
    assert_eq!(errors.first().map(|d| d.code), Some("wrong-type"));
}

#[test]
fn a_policy_that_no_acknowledgement_stops_is_a_warning() {
    // Every person and schedule it pages is `essential: false`.
    let text = edit(
        GOOD,
        "      - notify: [{schedule: primary}]\n",
        "      - notify: [{schedule: primary, essential: false}]\n",
    );
    let text = edit(
        &text,
        "[{person: carol}, ",
        "[{person: carol, essential: false}, ",
    );
    assert_at(
        &text,
        "no-essential-target",
        Severity::Warning,
        15,
        9,
        "payments",
    );
    let d = findings(&text)
        .into_iter()
        .find(|d| d.code == "no-essential-target")
        .unwrap();
    let index = LineIndex::new(&text);
    let label = index.position(d.labels[0].span.start);
    assert_eq!((label.line, label.column), (18, 49));
    // One essential target is enough; `essential: true` may be written.
    let one = edit(
        GOOD,
        "      - notify: [{schedule: primary}]\n",
        "      - notify: [{schedule: primary, essential: true}]\n",
    );
    let one = edit(
        &one,
        "[{person: carol}, ",
        "[{person: carol, essential: false}, ",
    );
    assert!(findings(&one).is_empty(), "{:#?}", findings(&one));
    // `essential` is a boolean, and goes with people and schedules only.
    let wrong = edit(
        GOOD,
        "[{person: carol}, ",
        "[{person: carol, essential: no}, ",
    );
    let errors = Evaluator::new(&wrong).err().unwrap_or_default();
    assert_eq!(errors.first().map(|d| d.code), Some("wrong-type"));
    let stake = edit(
        GOOD,
        "{stakeholders: status-page}",
        "{stakeholders: status-page, essential: false}",
    );
    let errors = Evaluator::new(&stake).err().unwrap_or_default();
    assert_eq!(errors.first().map(|d| d.code), Some("invalid-target"));
}
