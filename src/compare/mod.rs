//! Compare two setups: what changes for who is on call and who gets paged
//! when a team migrates or edits its policy (issue 15).
//!
//! [`compare`] takes two validated models, OLD and NEW, and a window, and
//! reports every difference exactly, to the second:
//!
//! - [`matching`]: people, schedules, policies, services, severities and
//!   vendors of OLD paired with NEW's, by `--map`, then id, `source`, `name`
//!   and e-mail; the rest is listed as unmatched.
//! - [`schedules`]: per matched schedule, the intervals where the on-call set
//!   differs, hours per person before and after, handoffs that moved.
//! - [`routes`]: per matched route (a service at a severity, or a policy no
//!   service routes), the intervals of incident start time where the paging
//!   plan differs, by kind.
//! - [`findings`]: findings present in one document and not the other.
//! - [`weekly`]: difference intervals folded into the hour of the week in a
//!   display zone, to say "Sat 09:00-15:00" when they recur weekly.
//! - [`summary`]: the short human summary that comes first.
//!
//! Cost follows the changes, not the window: both sides' shifts and
//! coverage intervals are computed once each (sweeps of change points, never
//! sampled), then walked together; identical stretches cost a comparison,
//! and only differing ones are classified and explained.
//!
//! ```
//! use escalator::compare::{compare, Kind, Options};
//! use escalator::time::parse_instant;
//! use escalator::Evaluator;
//! let doc = |who: &str| format!("version: 1\ntimezone: Europe/London\npeople: [{{id: ann}}, {{id: bo}}]\n\
//!   schedules: [{{id: s, layers: [{{id: l, members: [{who}], shift: 1w, handoff: 2026-03-02T09:00}}]}}]\n\
//!   policies: [{{id: p, steps: [{{notify: [{{schedule: s}}], escalate_after: 5m}}]}}]\n");
//! let (old, new) = (Evaluator::new(&doc("ann")).unwrap(), Evaluator::new(&doc("bo")).unwrap());
//! let tz = old.model().timezone;
//! let options = Options::new(parse_instant("2026-03-02", tz).unwrap(), parse_instant("2026-03-09", tz).unwrap(), tz);
//! let c = compare(old.model(), new.model(), &options).unwrap();
//! assert!(!c.equivalent());
//! assert_eq!(c.schedules[0].on_call[0].start.to_rfc3339(), "2026-03-02T09:00:00Z");
//! assert!(c.count(Kind::PeopleChanged) > 0);
//! ```

use std::collections::HashMap;

use chrono_tz::Tz;

use crate::coverage::sweep::{sweep, Span};
use crate::error::QueryError;
use crate::escalation::Timelines;
use crate::model::{Model, PolicyIdx, ScheduleIdx};
use crate::schedule;
use crate::time::Timestamp;

pub mod findings;
pub mod matching;
pub mod routes;
pub mod schedules;
pub mod summary;
pub mod weekly;

#[cfg(test)]
mod tests;

pub use findings::{FindingDiff, ObjectRef};
pub use matching::{MapEntry, MatchedBy, Matching, ObjectKind, Pair, Side, Table, Who};
pub use routes::{Detail, PlanChange, Route, RouteDiff};
pub use schedules::{HandoffMove, HoursChange, OnCallChange, ScheduleDiff};
pub use weekly::{WeekCell, WeekGrid};

/// A kind of difference, with a stable kebab-case name ([`Kind::code`]).
///
/// One change to a document may show as several kinds (a swapped person
/// changes the on-call set, the hours and the people paged); each interval
/// lists every kind that applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// NEW pages nobody where OLD paged someone.
    NobodyPaged,
    /// NEW reaches only one person before the severity's `ack_within` where
    /// OLD reached two or more.
    SingleResponder,
    /// NEW's first page comes later.
    LaterFirstPage,
    /// NEW pages at fewer levels (steps that page someone).
    LevelLost,
    /// The people paged over the whole plan differ.
    PeopleChanged,
    /// The escalation's timing differs (the delays between pages, at the
    /// same number of levels), or the vendors engaged, or the plans differ
    /// in a way no other route kind names (the order of people).
    PlanChanged,
    /// NEW pages someone where OLD paged nobody.
    SomeonePaged,
    /// NEW's first page comes earlier.
    EarlierFirstPage,
    /// NEW pages at more levels.
    LevelAdded,
    /// NEW reaches two or more people before `ack_within` where OLD reached one.
    SingleResponderResolved,
    /// A matched schedule's on-call set differs.
    OnCallChanged,
    /// A person's on-call time in a matched schedule differs.
    HoursChanged,
    /// A handoff between the same people happens at another instant.
    HandoffMoved,
    /// A finding NEW has and OLD does not.
    FindingAdded,
    /// A finding OLD has and NEW does not.
    FindingRemoved,
    /// An object of one document has no counterpart in the other.
    Unmatched,
}

/// Whether a kind of difference makes NEW worse, better, or just different.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Effect {
    Worse,
    Better,
    Changed,
}

impl Effect {
    /// `worse`, `better` or `changed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Worse => "worse",
            Effect::Better => "better",
            Effect::Changed => "changed",
        }
    }
}

impl Kind {
    /// Every kind, worst first (the order of the summary).
    pub const ALL: [Kind; 16] = [
        Kind::NobodyPaged,
        Kind::SingleResponder,
        Kind::LaterFirstPage,
        Kind::LevelLost,
        Kind::PeopleChanged,
        Kind::PlanChanged,
        Kind::SomeonePaged,
        Kind::EarlierFirstPage,
        Kind::LevelAdded,
        Kind::SingleResponderResolved,
        Kind::OnCallChanged,
        Kind::HoursChanged,
        Kind::HandoffMoved,
        Kind::FindingAdded,
        Kind::FindingRemoved,
        Kind::Unmatched,
    ];

    /// The stable kebab-case name (`later-first-page`).
    pub fn code(self) -> &'static str {
        match self {
            Kind::NobodyPaged => "nobody-paged",
            Kind::SingleResponder => "single-responder",
            Kind::LaterFirstPage => "later-first-page",
            Kind::LevelLost => "level-lost",
            Kind::PeopleChanged => "people-changed",
            Kind::PlanChanged => "plan-changed",
            Kind::SomeonePaged => "someone-paged",
            Kind::EarlierFirstPage => "earlier-first-page",
            Kind::LevelAdded => "level-added",
            Kind::SingleResponderResolved => "single-responder-resolved",
            Kind::OnCallChanged => "on-call-changed",
            Kind::HoursChanged => "hours-changed",
            Kind::HandoffMoved => "handoff-moved",
            Kind::FindingAdded => "finding-added",
            Kind::FindingRemoved => "finding-removed",
            Kind::Unmatched => "unmatched",
        }
    }

    /// Whether it makes NEW worse, better or just different.
    pub fn effect(self) -> Effect {
        match self {
            Kind::NobodyPaged
            | Kind::SingleResponder
            | Kind::LaterFirstPage
            | Kind::LevelLost
            | Kind::FindingAdded => Effect::Worse,
            Kind::SomeonePaged
            | Kind::EarlierFirstPage
            | Kind::LevelAdded
            | Kind::SingleResponderResolved
            | Kind::FindingRemoved => Effect::Better,
            _ => Effect::Changed,
        }
    }

    /// The kind named `code`; unknown names get a "did you mean".
    ///
    /// ```
    /// use escalator::compare::Kind;
    /// assert_eq!(Kind::parse("level-lost"), Ok(Kind::LevelLost));
    /// assert_eq!(Kind::parse("later-first-pages").unwrap_err().help.as_deref(), Some("did you mean `later-first-page`?"));
    /// ```
    pub fn parse(code: &str) -> Result<Kind, QueryError> {
        let code = code.trim();
        Kind::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .ok_or_else(|| {
                let e = QueryError::new(
                    "unknown-kind",
                    format!("`{code}` is not a kind of difference"),
                );
                match crate::suggest::did_you_mean(code, Kind::ALL.iter().map(|k| k.code())) {
                    Some(help) => e.with_help(help),
                    None => e.with_help(format!(
                        "the kinds are {}",
                        Kind::ALL.map(|k| format!("`{}`", k.code())).join(", ")
                    )),
                }
            })
    }

    fn index(self) -> usize {
        Kind::ALL.iter().position(|k| *k == self).unwrap_or(0)
    }
}

/// What a comparison is asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The window `[from, to)`: instants for schedules, incident start times
    /// for routes (at most 731 days, as coverage).
    pub from: Timestamp,
    pub to: Timestamp,
    /// The display zone of the summary and the hour-of-week grids.
    pub zone: Tz,
    /// Pairs forced before any other matching (`--map OLD_ID=NEW_ID`).
    pub map: Vec<MapEntry>,
    /// Kinds of difference accepted: they are still reported, but do not
    /// make the documents differ ([`Comparison::equivalent`]).
    pub allow: Vec<Kind>,
}

impl Options {
    /// A window and a display zone, no map, nothing allowed.
    pub fn new(from: Timestamp, to: Timestamp, zone: Tz) -> Options {
        Options {
            from,
            to,
            zone,
            map: Vec::new(),
            allow: Vec::new(),
        }
    }
}

/// Everything that differs between OLD and NEW over the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub from: Timestamp,
    pub to: Timestamp,
    pub zone: Tz,
    /// Which objects were paired, and how; what was left unmatched.
    pub matching: Matching,
    /// Matched schedules that differ, in OLD's order.
    pub schedules: Vec<ScheduleDiff>,
    /// Matched routes whose plans differ, in NEW's service and severity order,
    /// then policy routes.
    pub routes: Vec<RouteDiff>,
    /// Findings in one document and not the other.
    pub findings: Vec<FindingDiff>,
    /// The human summary, most serious first; one line per finding of the
    /// comparison ("`checkout` `sev1`: NEW pages nobody for 6 h a week...").
    pub summary: Vec<String>,
    /// The kinds accepted ([`Options::allow`]).
    pub allowed: Vec<Kind>,
    counts: [usize; Kind::ALL.len()],
}

impl Comparison {
    /// How many differences of a kind were found (intervals, people,
    /// handoffs, findings or objects, as the kind counts).
    pub fn count(&self, kind: Kind) -> usize {
        self.counts.get(kind.index()).copied().unwrap_or(0)
    }

    /// The kinds found, with their counts, worst first.
    pub fn counts(&self) -> Vec<(Kind, usize)> {
        Kind::ALL
            .into_iter()
            .map(|k| (k, self.count(k)))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// Whether OLD and NEW are equivalent over the window: no difference of
    /// a kind that is not allowed.
    pub fn equivalent(&self) -> bool {
        self.counts()
            .iter()
            .all(|(kind, _)| self.allowed.contains(kind))
    }

    /// Whether nothing at all differs (allowed kinds included).
    pub fn identical(&self) -> bool {
        self.counts().is_empty()
    }
}

/// Both documents and what the comparison reads from them.
pub(crate) struct Cx<'a> {
    pub old: &'a Model,
    pub new: &'a Model,
    pub matching: &'a Matching,
    pub from: Timestamp,
    pub to: Timestamp,
    pub zone: Tz,
}

/// Compares OLD and NEW over `[from, to)` (see the module doc).
///
/// Fails when the window is empty or longer than 731 days, when a `--map`
/// entry names an unknown id, or when a schedule or policy changes too
/// often to compute over the window (`too-many-intervals`,
/// `coverage-too-large`).
pub fn compare(old: &Model, new: &Model, options: &Options) -> Result<Comparison, QueryError> {
    let (from, to) = (options.from, options.to);
    crate::coverage::check_window(from, to)?;
    let matching = matching::match_models(old, new, &options.map)?;
    let cx = Cx {
        old,
        new,
        matching: &matching,
        from,
        to,
        zone: options.zone,
    };

    // Every route to compare, and the policies each side needs for them.
    let route_list = routes::routes(&cx);
    let mut old_policies: Vec<PolicyIdx> = Vec::new();
    let mut new_policies: Vec<PolicyIdx> = Vec::new();
    for r in &route_list {
        if let Some(p) = r.old_policy {
            old_policies.push(p);
        }
        if let Some(p) = r.new_policy {
            new_policies.push(p);
        }
    }
    for list in [&mut old_policies, &mut new_policies] {
        list.sort_unstable();
        list.dedup();
    }
    // Each side's shifts, once: the policies' schedules over the window plus
    // the plans' reach, the other matched schedules over the window.
    let old_schedules: Vec<ScheduleIdx> = matching
        .schedules
        .pairs
        .iter()
        .map(|p| ScheduleIdx(p.old))
        .collect();
    let new_schedules: Vec<ScheduleIdx> = matching
        .schedules
        .pairs
        .iter()
        .map(|p| ScheduleIdx(p.new))
        .collect();
    let old_timelines = side_timelines(old, &old_policies, &old_schedules, from, to)?;
    let new_timelines = side_timelines(new, &new_policies, &new_schedules, from, to)?;

    let mut schedule_diffs = Vec::new();
    for pair in &matching.schedules.pairs {
        let (os, ns) = (ScheduleIdx(pair.old), ScheduleIdx(pair.new));
        let diff = schedules::compare_schedule(
            &cx,
            os,
            ns,
            old_timelines.shifts(os),
            new_timelines.shifts(ns),
        );
        if !diff.is_empty() {
            schedule_diffs.push(diff);
        }
    }

    // Each policy's coverage sweep, once per side.
    let mut old_sweeps: HashMap<PolicyIdx, Vec<Span>> = HashMap::new();
    let mut new_sweeps: HashMap<PolicyIdx, Vec<Span>> = HashMap::new();
    for (model, policies, timelines, sweeps) in [
        (old, &old_policies, &old_timelines, &mut old_sweeps),
        (new, &new_policies, &new_timelines, &mut new_sweeps),
    ] {
        for &p in policies {
            sweeps.insert(p, sweep(model, p, from, to, timelines)?);
        }
    }
    let mut route_diffs = Vec::new();
    for route in route_list {
        let (o, n) = (
            spans(&old_sweeps, route.old_policy),
            spans(&new_sweeps, route.new_policy),
        );
        let diff = routes::compare_route(&cx, route, o, n, &old_timelines, &new_timelines);
        if !diff.changes.is_empty() {
            route_diffs.push(diff);
        }
    }

    let finding_diffs = findings::compare_findings(&cx);

    let mut counts = [0usize; Kind::ALL.len()];
    let mut add = |kind: Kind, n: usize| {
        if let Some(c) = counts.get_mut(kind.index()) {
            *c += n;
        }
    };
    add(Kind::Unmatched, matching.unmatched().len());
    for d in &schedule_diffs {
        add(Kind::OnCallChanged, d.on_call.len());
        add(Kind::HoursChanged, d.hours.len());
        add(Kind::HandoffMoved, d.handoffs.len());
    }
    for r in &route_diffs {
        for c in &r.changes {
            add(c.kind, 1);
        }
    }
    for f in &finding_diffs {
        add(f.kind, 1);
    }

    let mut comparison = Comparison {
        from,
        to,
        zone: options.zone,
        matching: matching.clone(),
        schedules: schedule_diffs,
        routes: route_diffs,
        findings: finding_diffs,
        summary: Vec::new(),
        allowed: options.allow.clone(),
        counts,
    };
    comparison.summary = summary::summary(&cx, &comparison);
    Ok(comparison)
}

/// The sweep of a side's policy, if the route has one on that side.
fn spans(sweeps: &HashMap<PolicyIdx, Vec<Span>>, policy: Option<PolicyIdx>) -> Option<&[Span]> {
    policy.map(|p| sweeps.get(&p).map_or(&[][..], |v| v.as_slice()))
}

/// A side's timelines: the schedules and vendors `policies` need over the
/// window plus their reach, then every schedule of `schedules` not yet set,
/// over the window.
fn side_timelines(
    model: &Model,
    policies: &[PolicyIdx],
    schedules: &[ScheduleIdx],
    from: Timestamp,
    to: Timestamp,
) -> Result<Timelines, QueryError> {
    let mut timelines = Timelines::for_policies(model, policies, from, to)?;
    for &s in schedules {
        if !timelines.has_schedule(s) {
            timelines.set_schedule(s, schedule::shifts(model, s, from, to)?);
        }
    }
    Ok(timelines)
}
