use super::read;
use crate::document::parse;

#[test]
fn minimal_document_reads() {
    let (model, diagnostics) = read(parse("version: 1\ntimezone: UTC\n").root.as_ref());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert!(model.is_some());
}

/// Reads a document that must have no error.
fn model(text: &str) -> crate::model::Model {
    let (model, diagnostics) = read(parse(text).root.as_ref());
    assert!(
        diagnostics
            .iter()
            .all(|d| d.severity != crate::diagnostic::Severity::Error),
        "{diagnostics:#?}"
    );
    model.expect("a model")
}

/// The codes and messages of a document's diagnostics.
fn codes(text: &str) -> Vec<(&'static str, String)> {
    read(parse(text).root.as_ref())
        .1
        .into_iter()
        .map(|d| (d.code, d.message))
        .collect()
}

#[test]
fn name_and_source_are_carried_on_every_object() {
    let m = model(
        r#"version: 1
timezone: UTC
people:
  - {id: alice, name: Alice, source: pagerduty_user.alice}
schedules:
  - id: s
    name: Primary
    source: PSCH001
    layers:
      - {id: l, name: Weekly, source: "PSCH001/layer 1", members: [alice], shift: 1w, handoff: 2026-01-05T09:00}
    overrides:
      - {person: alice, from: 2026-02-01, to: 2026-02-02, source: PO1}
policies:
  - id: p
    name: Payments
    source: 'module.oncall.opsgenie_escalation.this["ops"]'
    steps:
      - {name: First, source: rule-1, notify: [{schedule: s}], escalate_after: 5m}
services:
  - {id: web, name: Web, source: PSVC1, escalation: p}
vendors:
  - {id: psp, name: PSP, source: alice@example.com}
"#,
    );
    assert_eq!(m.people[0].source.as_deref(), Some("pagerduty_user.alice"));
    let s = &m.schedules[0];
    assert_eq!(
        (s.name.as_deref(), s.source.as_deref()),
        (Some("Primary"), Some("PSCH001"))
    );
    let l = &s.layers[0];
    assert_eq!(
        (l.name.as_deref(), l.source.as_deref()),
        (Some("Weekly"), Some("PSCH001/layer 1"))
    );
    assert_eq!(s.overrides[0].source.as_deref(), Some("PO1"));
    let p = &m.policies[0];
    assert_eq!(
        p.source.as_deref(),
        Some("module.oncall.opsgenie_escalation.this[\"ops\"]")
    );
    assert_eq!(
        (p.steps[0].name.as_deref(), p.steps[0].source.as_deref()),
        (Some("First"), Some("rule-1"))
    );
    assert_eq!(m.services[0].source.as_deref(), Some("PSVC1"));
    assert_eq!(m.vendors[0].source.as_deref(), Some("alice@example.com"));
}

#[test]
fn name_and_source_are_strict_strings() {
    let found = codes(
        "version: 1\ntimezone: UTC\npeople: [{id: a, sourse: x}]\nschedules:\n  - {id: s, layers: [{members: [a], shift: 1d, handoff: 2026-01-01, name: [x]}]}\n",
    );
    assert_eq!(found[0].0, "unknown-key");
    assert!(
        found
            .iter()
            .any(|(c, m)| *c == "wrong-type" && m.contains("string")),
        "{found:?}"
    );
    let d = read(
        parse("version: 1\ntimezone: UTC\npeople: [{id: a, sourse: x}]\n")
            .root
            .as_ref(),
    )
    .1;
    assert_eq!(d[0].help.as_deref(), Some("did you mean `source`?"));
}

/// A document with one layer given by its extra keys.
fn layer_doc(extra: &str) -> String {
    format!("version: 1\ntimezone: Europe/London\npeople: [{{id: a}}, {{id: b}}]\nschedules:\n  - id: s\n    layers:\n      - {{members: [a, b], shift: 1w, handoff: 2026-04-06T09:00{extra}}}\n")
}

#[test]
fn before_handoff_reads_and_changes_the_from_checks() {
    use crate::model::BeforeHandoff;
    let m = model(&layer_doc(
        ", before_handoff: rotate, from: 2026-03-23T09:00",
    ));
    assert_eq!(
        m.schedules[0].layers[0].turns().unwrap().before_handoff,
        BeforeHandoff::Rotate
    );
    let m = model(&layer_doc(""));
    assert_eq!(
        m.schedules[0].layers[0].turns().unwrap().before_handoff,
        BeforeHandoff::Nobody
    );
    // `from` before the handoff changes nothing without `rotate` (an info),
    // and is where the layer starts with it (no info).
    let none = codes(&layer_doc(", before_handoff: none, from: 2026-03-23T09:00"));
    assert_eq!(
        none.iter().map(|c| c.0).collect::<Vec<_>>(),
        vec!["from-before-handoff"]
    );
    assert!(codes(&layer_doc(
        ", before_handoff: rotate, from: 2026-03-23T09:00"
    ))
    .is_empty());
    // With `rotate` the layer starts at `from` (or never did): `until`
    // before the handoff is fine, `until` before `from` is not.
    assert!(codes(&layer_doc(", before_handoff: rotate, until: 2026-03-01")).is_empty());
    let early = codes(&layer_doc(
        ", before_handoff: rotate, from: 2026-03-01, until: 2026-02-01",
    ));
    assert_eq!(
        early.iter().map(|c| c.0).collect::<Vec<_>>(),
        vec!["ends-before-start"]
    );
    let bad = read(parse(&layer_doc(", before_handoff: rotates")).root.as_ref()).1;
    assert_eq!(bad[0].code, "invalid-value");
    assert_eq!(bad[0].help.as_deref(), Some("did you mean `rotate`?"));
}
