//! Matched routes compared: the intervals of incident start time where the
//! paging plan differs, by kind.
//!
//! A route is a matched service at a matched severity (its policy on each
//! side is the one the service routes that severity to; a side that routes
//! none pages nobody), or a matched policy that no service routes on either
//! side. Each side's coverage sweep (maximal intervals of incident start
//! time with one plan) is computed once per policy; the two lists are walked
//! together, and each stretch where neither plan changes is compared once.
//! Plans are compared as the people and vendors paged at each offset, read
//! through the matching (pass and step numbers aside).

use std::collections::HashMap;

use super::matching::Who;
use super::weekly::WeekGrid;
use super::{Cx, Kind};
use crate::coverage::sweep::Span;
use crate::escalation::{plan_with, Plan, Timelines};
use crate::model::{PolicyIdx, ServiceIdx, SeverityIdx};
use crate::time::{Timestamp, Zone};

/// What is compared: a service at a severity, or a policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// A matched service at a matched severity.
    Service {
        old: ServiceIdx,
        new: ServiceIdx,
        old_severity: SeverityIdx,
        new_severity: SeverityIdx,
    },
    /// A matched policy no service routes to, on either side.
    Policy { old: PolicyIdx, new: PolicyIdx },
}

/// The differences of one route over the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteDiff {
    pub route: Route,
    /// The policy on each side (`None`: that side routes nothing; it pages nobody).
    pub old_policy: Option<PolicyIdx>,
    pub new_policy: Option<PolicyIdx>,
    /// The severity's `ack_within` on each side (seconds), when it has one.
    pub old_ack: Option<i64>,
    pub new_ack: Option<i64>,
    /// Maximal intervals per kind and detail, in order of start.
    pub changes: Vec<PlanChange>,
    /// The changes folded into the display zone's week.
    pub week: WeekGrid,
}

/// One kind of difference over `[start, end)` of incident start times.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanChange {
    pub kind: Kind,
    pub start: Timestamp,
    pub end: Timestamp,
    /// The figures that make it this kind (the same over the whole interval).
    pub detail: Detail,
    /// OLD's plan for an incident opening at `start` (`None` when OLD routes
    /// nothing). Its pages carry no explanations: `escalation::plan` at
    /// `start` gives them.
    pub old: Option<Plan>,
    /// NEW's plan for an incident opening at `start`.
    pub new: Option<Plan>,
}

/// The figures of a [`PlanChange`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Detail {
    /// Seconds to the first person paged on each side (`None`: nobody is).
    FirstPage { old: Option<i64>, new: Option<i64> },
    /// Levels (steps) that page someone, on each side.
    Levels { old: usize, new: usize },
    /// People reached strictly before `ack_within`, on each side.
    Reached { old: usize, new: usize },
    /// People OLD pages that NEW does not, and the other way round.
    People { lost: Vec<Who>, gained: Vec<Who> },
    /// `plan-changed`: no figure.
    Plan,
}

/// Every route to compare (with no changes yet): matched services at
/// matched severities routed on either side, then matched policies routed
/// on neither.
pub(crate) fn routes(cx: &Cx<'_>) -> Vec<RouteDiff> {
    let m = cx.matching;
    let mut out = Vec::new();
    let ack = |model: &crate::model::Model, s: SeverityIdx| {
        model
            .severities
            .get(s.index())
            .and_then(|x| x.ack_within)
            .map(|a| a.0)
    };
    for service in &m.services.pairs {
        for severity in &m.severities.pairs {
            let (os, ns) = (ServiceIdx(service.old), ServiceIdx(service.new));
            let (ov, nv) = (SeverityIdx(severity.old), SeverityIdx(severity.new));
            let old_policy = cx.old.policy_for(os, ov);
            let new_policy = cx.new.policy_for(ns, nv);
            if old_policy.is_none() && new_policy.is_none() {
                continue;
            }
            out.push(RouteDiff {
                route: Route::Service {
                    old: os,
                    new: ns,
                    old_severity: ov,
                    new_severity: nv,
                },
                old_policy,
                new_policy,
                old_ack: ack(cx.old, ov),
                new_ack: ack(cx.new, nv),
                changes: Vec::new(),
                week: WeekGrid::default(),
            });
        }
    }
    // A policy that no (service, severity) pair routes to is compared on
    // its own (a service's `default` that every severity overrides counts
    // as not routed).
    let routed = |model: &crate::model::Model| {
        let mut routed = vec![false; model.policies.len()];
        for si in 0..model.services.len() {
            for vi in 0..model.severities.len() {
                let p = model.policy_for(ServiceIdx(si as u32), SeverityIdx(vi as u32));
                if let Some(r) = p.and_then(|p| routed.get_mut(p.index())) {
                    *r = true;
                }
            }
        }
        routed
    };
    let (routed_old, routed_new) = (routed(cx.old), routed(cx.new));
    for pair in &m.policies.pairs {
        let (op, np) = (PolicyIdx(pair.old), PolicyIdx(pair.new));
        if routed_old.get(op.index()) == Some(&false) && routed_new.get(np.index()) == Some(&false)
        {
            out.push(RouteDiff {
                route: Route::Policy { old: op, new: np },
                old_policy: Some(op),
                new_policy: Some(np),
                old_ack: None,
                new_ack: None,
                changes: Vec::new(),
                week: WeekGrid::default(),
            });
        }
    }
    out
}

/// Whether OLD's plan and NEW's page the same people and vendors at the
/// same offsets (a missing plan pages nobody).
fn same_plans(cx: &Cx<'_>, old: Option<&Plan>, new: Option<&Plan>) -> bool {
    let (a, b) = match (old, new) {
        (None, None) => return true,
        (Some(p), None) | (None, Some(p)) => return p.pages.is_empty(),
        (Some(a), Some(b)) => (a, b),
    };
    a.pages.len() == b.pages.len()
        && a.pages.iter().zip(&b.pages).all(|(x, y)| {
            x.after == y.after
                && x.people.len() == y.people.len()
                && x.vendors.len() == y.vendors.len()
                && x.people
                    .iter()
                    .all(|&p| y.people.iter().any(|&q| cx.matching.same_person(p, q)))
                && x.vendors
                    .iter()
                    .all(|&v| y.vendors.iter().any(|&w| cx.matching.same_vendor(v, w)))
        })
}

/// What a plan amounts to, for classifying a difference.
struct Facts {
    first: Option<i64>,
    levels: usize,
    reached: Option<usize>,
    people: Vec<Who>,
    /// Each page's offset from the first page.
    gaps: Vec<i64>,
    /// Vendors engaged, as (OLD's, NEW's) indices.
    vendors: Vec<(Option<u32>, Option<u32>)>,
}

fn facts(
    plan: Option<&Plan>,
    ack: Option<i64>,
    who: impl Fn(crate::model::PersonIdx) -> Who,
    vendor: impl Fn(crate::model::VendorIdx) -> (Option<u32>, Option<u32>),
) -> Facts {
    match plan {
        None => Facts {
            first: None,
            levels: 0,
            reached: ack.map(|_| 0),
            people: Vec::new(),
            gaps: Vec::new(),
            vendors: Vec::new(),
        },
        Some(p) => {
            let mut people: Vec<Who> = p.people_before(None).into_iter().map(who).collect();
            people.sort_unstable();
            let start = p.pages.first().map_or(0, |x| x.after);
            let mut vendors: Vec<_> = p
                .pages
                .iter()
                .flat_map(|x| x.vendors.iter().map(|v| vendor(*v)))
                .collect();
            vendors.sort_unstable();
            vendors.dedup();
            Facts {
                first: p.first_page(),
                levels: p.pages.len(),
                reached: ack.map(|a| p.people_before(Some(a)).len()),
                people,
                gaps: p.pages.iter().map(|x| x.after - start).collect(),
                vendors,
            }
        }
    }
}

/// The kinds of difference between two plans that differ, with their figures.
fn classify(old: &Facts, new: &Facts) -> Vec<(Kind, Detail)> {
    let mut out = Vec::new();
    let first = Detail::FirstPage {
        old: old.first,
        new: new.first,
    };
    match (old.first, new.first) {
        (Some(_), None) => out.push((Kind::NobodyPaged, first)),
        (None, Some(_)) => out.push((Kind::SomeonePaged, first)),
        (Some(a), Some(b)) if b > a => out.push((Kind::LaterFirstPage, first)),
        (Some(a), Some(b)) if b < a => out.push((Kind::EarlierFirstPage, first)),
        _ => {}
    }
    let nobody = matches!(
        out.first(),
        Some((Kind::NobodyPaged | Kind::SomeonePaged, _))
    );
    if !nobody {
        let levels = Detail::Levels {
            old: old.levels,
            new: new.levels,
        };
        if new.levels < old.levels {
            out.push((Kind::LevelLost, levels));
        } else if new.levels > old.levels {
            out.push((Kind::LevelAdded, levels));
        }
        if let (Some(a), Some(b)) = (old.reached, new.reached) {
            let reached = Detail::Reached { old: a, new: b };
            if b == 1 && a >= 2 {
                out.push((Kind::SingleResponder, reached));
            } else if a == 1 && b >= 2 {
                out.push((Kind::SingleResponderResolved, reached));
            }
        }
        let lost: Vec<Who> = old
            .people
            .iter()
            .filter(|p| !new.people.contains(p))
            .copied()
            .collect();
        let gained: Vec<Who> = new
            .people
            .iter()
            .filter(|p| !old.people.contains(p))
            .copied()
            .collect();
        if !lost.is_empty() || !gained.is_empty() {
            out.push((Kind::PeopleChanged, Detail::People { lost, gained }));
        }
    }
    // The escalation's timing (the pages' offsets from the first one, at
    // the same number of levels) or its vendors; or anything else when no
    // kind above names the difference (the same people in another order).
    let timing = old.levels == new.levels && old.gaps != new.gaps;
    if timing || old.vendors != new.vendors || out.is_empty() {
        out.push((Kind::PlanChanged, Detail::Plan));
    }
    out
}

/// The plan holding `at` in a sweep (advancing `i`), and where the stretch ends.
fn holding<'s>(
    spans: &'s [Span],
    i: &mut usize,
    at: Timestamp,
    to: Timestamp,
) -> (Option<&'s Plan>, Timestamp) {
    while spans.get(*i).is_some_and(|s| s.end <= at) {
        *i += 1;
    }
    match spans.get(*i) {
        Some(s) if s.start <= at => (Some(&s.plan), s.end.min(to)),
        Some(s) => (None, s.start.min(to)),
        None => (None, to),
    }
}

/// Compares one route over the window. `old_spans` and `new_spans` are each
/// side's coverage sweep of its policy (`None` when it routes nothing).
pub(crate) fn compare_route(
    cx: &Cx<'_>,
    mut route: RouteDiff,
    old_spans: Option<&[Span]>,
    new_spans: Option<&[Span]>,
    old_timelines: &Timelines,
    new_timelines: &Timelines,
) -> RouteDiff {
    let (from, to) = (cx.from, cx.to);
    let zone = Zone::new(cx.zone);
    let mut changes: Vec<PlanChange> = Vec::new();
    // The change of each kind that the next stretch may extend.
    let mut open: HashMap<Kind, usize> = HashMap::new();
    let (mut i, mut j) = (0usize, 0usize);
    let mut at = from;
    while at < to {
        let (o, o_end) = match old_spans {
            Some(spans) => holding(spans, &mut i, at, to),
            None => (None, to),
        };
        let (n, n_end) = match new_spans {
            Some(spans) => holding(spans, &mut j, at, to),
            None => (None, to),
        };
        let end = o_end.min(n_end).max(at.add_seconds(1)).min(to);
        if !same_plans(cx, o, n) {
            let m = cx.matching;
            let old_facts = facts(
                o,
                route.old_ack,
                |p| m.who_old(p),
                |v| (Some(v.0), m.vendors.new_of(v.0)),
            );
            let new_facts = facts(
                n,
                route.new_ack,
                |p| m.who_new(p),
                |v| (m.vendors.old_of(v.0), Some(v.0)),
            );
            let kinds = classify(&old_facts, &new_facts);
            route
                .week
                .add_effects(&zone, at, end, kinds.iter().map(|(k, _)| k.effect()));
            for (kind, detail) in kinds {
                let extend = open
                    .get(&kind)
                    .and_then(|&k| changes.get_mut(k))
                    .filter(|c| c.end == at && c.detail == detail);
                match extend {
                    Some(c) => c.end = end,
                    None => {
                        open.insert(kind, changes.len());
                        changes.push(PlanChange {
                            kind,
                            start: at,
                            end,
                            detail,
                            old: None,
                            new: None,
                        });
                    }
                }
            }
        }
        at = end;
    }
    // Each change with both sides' plans at its start.
    for c in &mut changes {
        c.old = route
            .old_policy
            .map(|p| plan_with(cx.old, p, c.start, old_timelines, false).0);
        c.new = route
            .new_policy
            .map(|p| plan_with(cx.new, p, c.start, new_timelines, false).0);
    }
    changes.sort_by_key(|c| (c.start, c.kind));
    route.changes = changes;
    route
}
