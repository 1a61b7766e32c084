//! Rehearsal and review: a drill within the review period, everyone on a
//! path drilled at least once, the document reviewed on time.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use crate::diagnostic::{Diagnostic, Span};
use crate::model::{Model, OverrideKind, Participant, PersonIdx, PolicyIdx, Target};
use crate::time::Timestamp;

use super::duration;

/// The review period when the document has no `review` (90 days).
pub const DEFAULT_PERIOD_SECONDS: i64 = 90 * 86_400;

fn midnight(date: NaiveDate) -> NaiveDateTime {
    date.and_hms_opt(0, 0, 0).unwrap_or_default()
}

/// Drill and review findings as of `as_of` (read in the document's zone).
pub fn findings(model: &Model, as_of: Timestamp) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let now = crate::time::zone::local_naive(model.timezone, as_of);
    let period = model
        .review
        .as_ref()
        .map_or(DEFAULT_PERIOD_SECONDS, |r| r.every.value.0.max(0));
    let period_delta = TimeDelta::try_seconds(period).unwrap_or(TimeDelta::MAX);
    let latest = model.drills.iter().max_by_key(|d| d.date.value);
    let recent = latest.is_some_and(|d| {
        midnight(d.date.value)
            .checked_add_signed(period_delta)
            .is_none_or(|due| due >= now)
    });
    if !recent {
        let (span, last) = match latest {
            Some(d) => (d.date.span, format!("the last was on {}", d.date.value)),
            None => (
                model.review.as_ref().map_or(Span::new(0, 0), |r| r.span),
                "none is recorded".to_string(),
            ),
        };
        out.push(
            Diagnostic::warning("no-recent-drill", span, format!("no drill within the review period of {}; {last}", duration(period)))
                .with_why("escalation paths that are never rehearsed fail in the first real incident: wrong numbers, stale schedules")
                .with_help("hold a tabletop exercise (`escalator simulate`) and record it under `drills`"),
        );
    }
    match &model.review {
        None => out.push(
            Diagnostic::info(
                "review-missing",
                Span::new(0, 0),
                "the document sets no review cadence",
            )
            .with_why("escalation paths drift as teams change; a cadence makes someone look again")
            .with_help("add `review: {every: 90d, last: <date>}`"),
        ),
        Some(review) => {
            let overdue = match &review.last {
                None => true,
                Some(last) => midnight(last.value)
                    .checked_add_signed(period_delta)
                    .is_some_and(|due| due < now),
            };
            if overdue {
                let span = review.last.as_ref().map_or(review.span, |l| l.span);
                let since = review
                    .last
                    .as_ref()
                    .map_or("never reviewed".to_string(), |l| {
                        format!("last reviewed on {}", l.value)
                    });
                out.push(
                    Diagnostic::warning("review-overdue", span, format!("the review is overdue: {since}, every {}", duration(review.every.value.0)))
                        .with_why("an escalation path nobody reviewed recently likely names people who moved on")
                        .with_help("review the document and update `review.last`"),
                );
            }
        }
    }
    let mut drilled: Vec<PersonIdx> = Vec::new();
    for d in &model.drills {
        for p in &d.participants {
            if let Participant::Person(p) = p {
                drilled.push(*p);
            }
        }
    }
    for person in people_on_paths(model) {
        if !drilled.contains(&person) {
            let p = model.person(person);
            out.push(
                Diagnostic::info(
                    "never-drilled",
                    p.id.span,
                    format!(
                        "`{}` is on an escalation path but took part in no drill",
                        p.id.value
                    ),
                )
                .with_why("a responder who never rehearsed learns the path during a real incident")
                .with_help("include them in the next drill's `participants`"),
            );
        }
    }
    out
}

/// People who can be paged on a routed policy (directly or through a
/// schedule's rotations and overrides), in index order.
pub fn people_on_paths(model: &Model) -> Vec<PersonIdx> {
    let mut people = Vec::new();
    for pi in 0..model.policies.len() {
        let policy = PolicyIdx(pi as u32);
        if model.routes_to(policy).is_empty() {
            continue;
        }
        for step in &model.policy(policy).steps {
            for t in &step.targets {
                match t.value {
                    Target::Person(p) => people.push(p),
                    // The next or previous turn: a rotation's members.
                    Target::ScheduleTurn { schedule: s, .. } => {
                        for layer in &model.schedule(s).layers {
                            if let Some(turns) = layer.turns() {
                                people.extend(turns.members.iter().flatten().copied());
                            }
                        }
                    }
                    Target::Schedule(s) => {
                        let schedule = model.schedule(s);
                        for layer in &schedule.layers {
                            people.extend(layer.people());
                        }
                        let layer_overrides = schedule.layers.iter().flat_map(|l| &l.overrides);
                        for o in schedule.overrides.iter().chain(layer_overrides) {
                            match &o.kind {
                                OverrideKind::Replace { people: p }
                                | OverrideKind::Add { people: p } => {
                                    people.extend(p.iter().copied())
                                }
                                OverrideKind::Swap { people: p, .. } => {
                                    people.extend(p.iter().copied())
                                }
                                OverrideKind::Remove { .. } => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    people.sort_unstable();
    people.dedup();
    people
}
