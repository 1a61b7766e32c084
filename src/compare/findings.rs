//! Findings present in one document and not the other.
//!
//! Each side's findings over the window (the practice's and the schedule
//! engine's, as `escalator check` reports them) are attributed to the
//! object whose text holds them (a person, schedule, policy, service,
//! severity, vendor, trigger, action, drill, the review, or the document),
//! read through the matching, and compared by code and object. Findings of
//! one code on one object are counted: OLD's two `level-skipped` on policy
//! `payments` against NEW's one leave one `finding-removed`.

use std::collections::BTreeMap;

use super::matching::{ObjectKind, Side};
use super::{Cx, Kind};
use crate::diagnostic::{Diagnostic, Span};
use crate::model::Model;

/// The object a finding is about: its kind (`person`, `schedule`,
/// `policy`, `service`, `severity`, `vendor`, `trigger`, `action`, `drill`,
/// `review` or `document`) and its id as the comparison names it (NEW's for
/// matched objects; a drill is named by its date).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjectRef {
    pub kind: &'static str,
    pub id: String,
}

/// A finding one side has and the other does not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingDiff {
    /// [`Kind::FindingAdded`] (NEW has it) or [`Kind::FindingRemoved`] (OLD has it).
    pub kind: Kind,
    /// The side whose finding it is (its span points into that side's text).
    pub side: Side,
    pub object: ObjectRef,
    pub diagnostic: Diagnostic,
}

/// A side's findings over the window, as `Evaluator::findings` gives them.
pub(crate) fn side_findings(model: &Model, cx: &Cx<'_>) -> Vec<Diagnostic> {
    let mut out = crate::findings::findings(model, (cx.from, cx.to));
    out.extend(crate::schedule::findings(model, cx.from, cx.to));
    out.sort_by_key(|d| (d.span.start, d.span.end, d.code));
    out
}

/// The top-level objects of a side with their spans, sorted by start.
fn objects(cx: &Cx<'_>, side: Side) -> Vec<(Span, ObjectRef)> {
    let model = match side {
        Side::Old => cx.old,
        Side::New => cx.new,
    };
    let mut out: Vec<(Span, ObjectRef)> = Vec::new();
    let matched = |kind: ObjectKind, i: usize| -> ObjectRef {
        let t = cx.matching.table(kind);
        let i = i as u32;
        let id = match side {
            Side::Old => match t.new_of(i) {
                Some(n) => kind.id(cx.new, n),
                None => kind.id(cx.old, i),
            },
            Side::New => kind.id(cx.new, i),
        };
        ObjectRef {
            kind: kind.as_str(),
            id: id.to_string(),
        }
    };
    for (i, x) in model.people.iter().enumerate() {
        out.push((x.span, matched(ObjectKind::Person, i)));
    }
    for (i, x) in model.schedules.iter().enumerate() {
        out.push((x.span, matched(ObjectKind::Schedule, i)));
    }
    for (i, x) in model.policies.iter().enumerate() {
        out.push((x.span, matched(ObjectKind::Policy, i)));
    }
    for (i, x) in model.services.iter().enumerate() {
        out.push((x.span, matched(ObjectKind::Service, i)));
    }
    for (i, x) in model.severities.iter().enumerate() {
        out.push((x.span, matched(ObjectKind::Severity, i)));
    }
    for (i, x) in model.vendors.iter().enumerate() {
        out.push((x.span, matched(ObjectKind::Vendor, i)));
    }
    let plain = |kind: &'static str, id: &str| ObjectRef {
        kind,
        id: id.to_string(),
    };
    for x in &model.triggers {
        out.push((x.span, plain("trigger", &x.id.value)));
    }
    for x in &model.actions {
        out.push((x.span, plain("action", &x.id.value)));
    }
    for x in &model.drills {
        out.push((x.span, plain("drill", &x.date.value.to_string())));
    }
    if let Some(r) = &model.review {
        out.push((r.span, plain("review", "review")));
    }
    out.retain(|(s, _)| s.end > s.start);
    out.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    out
}

/// The innermost listed object holding `span` (`document` when none does).
fn object_of(objects: &[(Span, ObjectRef)], span: Span) -> ObjectRef {
    let i = objects.partition_point(|(s, _)| s.start <= span.start);
    objects[..i]
        .iter()
        .rev()
        .take(8)
        .find(|(s, _)| s.start <= span.start && span.end <= s.end)
        .map_or(
            ObjectRef {
                kind: "document",
                id: String::new(),
            },
            |(_, o)| o.clone(),
        )
}

/// The findings in one side and not the other.
pub(crate) fn compare_findings(cx: &Cx<'_>) -> Vec<FindingDiff> {
    type Group = (Vec<Diagnostic>, Vec<Diagnostic>);
    let mut groups: BTreeMap<(ObjectRef, &'static str), Group> = BTreeMap::new();
    for side in [Side::Old, Side::New] {
        let model = match side {
            Side::Old => cx.old,
            Side::New => cx.new,
        };
        let objects = objects(cx, side);
        for d in side_findings(model, cx) {
            let group = groups
                .entry((object_of(&objects, d.span), d.code))
                .or_default();
            match side {
                Side::Old => group.0.push(d),
                Side::New => group.1.push(d),
            }
        }
    }
    let mut out = Vec::new();
    for ((object, _), (mut old, mut new)) in groups {
        // Pair equal messages, then the rest in order; the surplus differs.
        let mut k = 0;
        while k < old.len() {
            match new.iter().position(|d| d.message == old[k].message) {
                Some(n) => {
                    new.remove(n);
                    old.remove(k);
                }
                None => k += 1,
            }
        }
        let paired = old.len().min(new.len());
        for d in old.into_iter().skip(paired) {
            out.push(FindingDiff {
                kind: Kind::FindingRemoved,
                side: Side::Old,
                object: object.clone(),
                diagnostic: d,
            });
        }
        for d in new.into_iter().skip(paired) {
            out.push(FindingDiff {
                kind: Kind::FindingAdded,
                side: Side::New,
                object: object.clone(),
                diagnostic: d,
            });
        }
    }
    out
}
