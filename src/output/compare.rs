//! JSON of a comparison of two documents (`escalator compare --json`, the
//! JS `compare`).
//!
//! People are named as the comparison sees them: by NEW's id when matched
//! (or NEW's own), else by OLD's. Explanations (layers, turns, overrides,
//! steps, schedules and spans) point into their own side's document.
//! Every difference carries `kind` (its stable name) and `effect`
//! (`worse`, `better` or `changed`).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::compare::matching::{Matching, ObjectKind};
use crate::compare::{
    Comparison, Detail, FindingDiff, HandoffMove, HoursChange, Kind, OnCallChange, PlanChange,
    Route, RouteDiff, ScheduleDiff, Side, WeekGrid, Who,
};
use crate::diagnostic::LineIndex;
use crate::escalation::Plan;
use crate::model::{Model, PersonIdx, Schedule};
use crate::time::values::format_duration;
use crate::time::{Seconds, Timestamp};

use super::diagnostic::Diagnostic;
use super::plan::Page;
use super::schedule::Why;

/// `escalator compare --json`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CompareOutput {
    pub from: Timestamp,
    pub to: Timestamp,
    /// The display zone of `summary` and the `hour_of_week` grids.
    pub zone: String,
    /// No difference of a kind that is not in `allowed`: what exit status 0 means.
    pub equivalent: bool,
    /// The kinds accepted (`--allow`).
    pub allowed: Vec<&'static str>,
    /// How many differences of each kind were found (allowed ones included).
    pub counts: BTreeMap<&'static str, usize>,
    /// The human summary, most serious first.
    pub summary: Vec<String>,
    /// Every pair made, by kind (`person`, `schedule`, ...) in OLD's order.
    pub matched: Vec<MatchJson>,
    /// Objects with no counterpart.
    pub unmatched: Vec<UnmatchedJson>,
    /// Matched schedules that differ.
    pub schedules: Vec<ScheduleDiffJson>,
    /// Matched routes whose paging plans differ.
    pub routes: Vec<RouteDiffJson>,
    /// Findings in one document and not the other.
    pub findings: Vec<FindingDiffJson>,
}

/// One pair: `{"kind": "person", "old": "alice", "new": "alice.nguyen", "by": "email"}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MatchJson {
    pub kind: &'static str,
    pub old: String,
    pub new: String,
    /// `map`, `id`, `source`, `name` or `email`.
    pub by: &'static str,
}

/// An object with no counterpart (kind `unmatched`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnmatchedJson {
    pub kind: &'static str,
    pub effect: &'static str,
    /// `person`, `schedule`, `policy`, `service`, `severity` or `vendor`.
    pub object: &'static str,
    /// `old` or `new`: the document that has it.
    pub side: &'static str,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// One matched schedule's differences.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScheduleDiffJson {
    /// OLD's id and NEW's.
    pub old: String,
    pub new: String,
    /// `on-call-changed`: maximal intervals where the on-call sets differ.
    pub on_call: Vec<OnCallChangeJson>,
    /// `hours-changed`: people whose on-call time in the window differs.
    pub hours: Vec<HoursChangeJson>,
    /// `handoff-moved`: handoffs between the same people at another instant.
    pub handoffs: Vec<HandoffMoveJson>,
    /// Seconds of difference per local hour of the week (display zone).
    pub hour_of_week: Vec<WeekRowJson>,
}

/// `{"kind": "on-call-changed", "start", "end", "message", "old": {...}, "new": {...}}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OnCallChangeJson {
    pub kind: &'static str,
    pub effect: &'static str,
    pub start: Timestamp,
    pub end: Timestamp,
    pub message: String,
    pub old: OnCallSideJson,
    pub new: OnCallSideJson,
}

/// One side of an on-call change: who, and why (that side's layers, turns
/// and overrides holding during the interval).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OnCallSideJson {
    pub on_call: Vec<String>,
    pub why: Vec<Why>,
}

/// `{"kind": "hours-changed", "person", "old_seconds", "new_seconds", "change_seconds"}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HoursChangeJson {
    pub kind: &'static str,
    pub effect: &'static str,
    pub person: String,
    pub old_seconds: i64,
    pub new_seconds: i64,
    /// NEW minus OLD.
    pub change_seconds: i64,
}

/// `{"kind": "handoff-moved", "old_at", "new_at", "moved_seconds", "before", "after"}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HandoffMoveJson {
    pub kind: &'static str,
    pub effect: &'static str,
    pub old_at: Timestamp,
    pub new_at: Timestamp,
    /// NEW's instant minus OLD's (negative: earlier).
    pub moved_seconds: i64,
    /// Who is on call before the handoff, and from it on.
    pub before: Vec<String>,
    pub after: Vec<String>,
}

/// A row of an hour-of-week grid: `day` (`mon`..`sun`), 24 cells.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WeekRowJson {
    pub day: &'static str,
    pub hours: Vec<WeekCellJson>,
}

/// Seconds of difference in one local hour of the week, summed over the
/// window: any (`changed`), and those that make NEW `worse` or `better`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct WeekCellJson {
    pub changed: i64,
    pub worse: i64,
    pub better: i64,
}

/// One matched route's differences.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RouteDiffJson {
    /// NEW's service and severity (service routes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    /// NEW's policy id (policy routes: a policy no service routes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// The policy each side uses (null: that side routes nothing).
    pub old_policy: Option<String>,
    pub new_policy: Option<String>,
    /// Each side's `ack_within` in seconds, when its severity has one.
    pub old_ack_within_seconds: Option<i64>,
    pub new_ack_within_seconds: Option<i64>,
    /// Maximal intervals of incident start time per kind, in order of start.
    pub changes: Vec<PlanChangeJson>,
    /// Seconds of difference per local hour of the week (display zone).
    pub hour_of_week: Vec<WeekRowJson>,
}

/// One kind of difference over `[start, end)` of incident start times.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanChangeJson {
    pub kind: &'static str,
    pub effect: &'static str,
    pub start: Timestamp,
    pub end: Timestamp,
    pub message: String,
    /// `later-first-page`, `earlier-first-page`: NEW's first page minus OLD's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_seconds: Option<i64>,
    /// `people-changed`: who OLD pages and NEW does not, and the other way round.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lost: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gained: Option<Vec<String>>,
    /// Each side's plan for an incident opening at `start` (null: no route
    /// on that side).
    pub old: Option<PlanSideJson>,
    pub new: Option<PlanSideJson>,
}

/// One side's plan for an incident opening at a change's start.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanSideJson {
    pub policy: String,
    pub first_page_seconds: Option<i64>,
    /// People reached strictly before that side's `ack_within`, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reached_within_target: Option<usize>,
    pub reached_total: usize,
    /// Steps that page someone.
    pub levels: usize,
    /// The pages (`after_seconds`, `pass`, `step`, `people`, `vendors`,
    /// `role`), without the explanations `escalator plan` gives at that
    /// instant (they would repeat for every interval).
    pub plan: Vec<Page>,
    pub exhausted_after_seconds: i64,
}

/// A finding in one document and not the other.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FindingDiffJson {
    /// `finding-added` or `finding-removed`.
    pub kind: &'static str,
    pub effect: &'static str,
    /// The document the finding is in (`new` for added, `old` for removed).
    pub side: &'static str,
    pub object: ObjectJson,
    /// As `escalator check --json` prints it, positions in that side's text.
    pub diagnostic: Diagnostic,
}

/// What a finding is about: `{"kind": "policy", "id": "payments"}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ObjectJson {
    pub kind: &'static str,
    pub id: String,
}

/// The two documents, for naming.
struct Names<'a> {
    old: &'a Model,
    new: &'a Model,
    matching: &'a Matching,
}

impl Names<'_> {
    /// A side's person by the comparison's name.
    fn person(&self, side: Side, p: PersonIdx) -> String {
        match side {
            Side::Old => self.who(&self.matching.who_old(p)),
            Side::New => self.who(&self.matching.who_new(p)),
        }
    }
    fn who(&self, w: &Who) -> String {
        w.id(self.old, self.new).to_string()
    }
    fn people(&self, list: &[Who]) -> Vec<String> {
        let mut out: Vec<String> = list.iter().map(|w| self.who(w)).collect();
        out.sort();
        out
    }
}

fn grid(g: &WeekGrid) -> Vec<WeekRowJson> {
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    DAYS.iter()
        .zip(&g.cells)
        .map(|(day, row)| WeekRowJson {
            day,
            hours: row
                .iter()
                .map(|c| WeekCellJson {
                    changed: c.changed,
                    worse: c.worse,
                    better: c.better,
                })
                .collect(),
        })
        .collect()
}

fn quoted(list: &[String]) -> String {
    if list.is_empty() {
        return "nobody".to_string();
    }
    list.iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn offset(seconds: i64) -> String {
    format!("+{}", format_duration(Seconds(seconds)))
}

/// Renames one side's people in pages (and their explanations, if any) to
/// the comparison's names.
fn rename_pages(pages: &mut [Page], rename: &HashMap<String, String>) {
    let swap = |id: &mut String| {
        if let Some(n) = rename.get(id.as_str()) {
            id.clone_from(n);
        }
    };
    for page in pages {
        page.people.iter_mut().for_each(swap);
        page.people.sort();
        for why in &mut page.why {
            if let Some(p) = why.person.as_mut() {
                swap(p);
            }
            for w in &mut why.on_call {
                match w {
                    Why::Turn { person, .. }
                    | Why::Event { person, .. }
                    | Why::Override { person, .. }
                    | Why::LayerOverride { person, .. } => swap(person),
                }
            }
        }
    }
}

/// The renames of a side: its person ids to the comparison's names.
fn renames(names: &Names<'_>, c: &Comparison, side: Side) -> HashMap<String, String> {
    let model = if side == Side::Old {
        names.old
    } else {
        names.new
    };
    let mut out = HashMap::new();
    for (i, p) in model.people.iter().enumerate() {
        let who = match side {
            Side::Old => c.matching.who_old(PersonIdx(i as u32)),
            Side::New => c.matching.who_new(PersonIdx(i as u32)),
        };
        let name = names.who(&who);
        if name != p.id.value {
            out.insert(p.id.value.clone(), name);
        }
    }
    out
}

fn why_json(
    names: &Names<'_>,
    side: Side,
    c: &Comparison,
    schedule: &Schedule,
    why: &[crate::schedule::Why],
) -> Vec<Why> {
    let model = if side == Side::Old {
        names.old
    } else {
        names.new
    };
    why.iter()
        .map(|w| {
            let mut j = Why::new(model, schedule, w);
            let who = match side {
                Side::Old => c.matching.who_old(w.person),
                Side::New => c.matching.who_new(w.person),
            };
            match &mut j {
                Why::Turn { person, .. }
                | Why::Event { person, .. }
                | Why::Override { person, .. }
                | Why::LayerOverride { person, .. } => *person = names.who(&who),
            }
            j
        })
        .collect()
}

impl CompareOutput {
    /// The JSON form of a comparison of OLD (`old`, its text `old_text`)
    /// with NEW. The texts give the findings their positions (UTF-16
    /// columns, as JavaScript counts, and bytes).
    pub fn new(
        old: &Model,
        old_text: &str,
        new: &Model,
        new_text: &str,
        c: &Comparison,
    ) -> CompareOutput {
        let names = Names {
            old,
            new,
            matching: &c.matching,
        };
        let mut matched = Vec::new();
        for kind in ObjectKind::ALL {
            for p in &c.matching.table(kind).pairs {
                matched.push(MatchJson {
                    kind: kind.as_str(),
                    old: kind.id(old, p.old).to_string(),
                    new: kind.id(new, p.new).to_string(),
                    by: p.by.as_str(),
                });
            }
        }
        let unmatched = c
            .matching
            .unmatched()
            .into_iter()
            .map(|(kind, side, i)| {
                let model = if side == Side::Old { old } else { new };
                UnmatchedJson {
                    kind: Kind::Unmatched.code(),
                    effect: Kind::Unmatched.effect().as_str(),
                    object: kind.as_str(),
                    side: side.as_str(),
                    id: kind.id(model, i).to_string(),
                    name: kind.name(model, i).map(str::to_string),
                }
            })
            .collect();
        let old_renames = renames(&names, c, Side::Old);
        let new_renames = renames(&names, c, Side::New);
        let old_index = LineIndex::new(old_text);
        let new_index = LineIndex::new(new_text);
        CompareOutput {
            from: c.from,
            to: c.to,
            zone: c.zone.name().to_string(),
            equivalent: c.equivalent(),
            allowed: c.allowed.iter().map(|k| k.code()).collect(),
            counts: c.counts().into_iter().map(|(k, n)| (k.code(), n)).collect(),
            summary: c.summary.clone(),
            matched,
            unmatched,
            schedules: c
                .schedules
                .iter()
                .map(|s| schedule_json(&names, c, s))
                .collect(),
            routes: c
                .routes
                .iter()
                .map(|r| {
                    let mut j = route_json(&names, r);
                    for change in &mut j.changes {
                        if let Some(side) = change.old.as_mut() {
                            rename_pages(&mut side.plan, &old_renames);
                        }
                        if let Some(side) = change.new.as_mut() {
                            rename_pages(&mut side.plan, &new_renames);
                        }
                    }
                    j
                })
                .collect(),
            findings: c
                .findings
                .iter()
                .map(|f| finding_json(f, &old_index, &new_index))
                .collect(),
        }
    }
}

fn schedule_json(names: &Names<'_>, c: &Comparison, s: &ScheduleDiff) -> ScheduleDiffJson {
    let old_schedule = names.old.schedule(s.old);
    let new_schedule = names.new.schedule(s.new);
    ScheduleDiffJson {
        old: old_schedule.id.value.clone(),
        new: new_schedule.id.value.clone(),
        on_call: s
            .on_call
            .iter()
            .map(|x: &OnCallChange| {
                let (o, n) = (names.people(&x.old), names.people(&x.new));
                let message = match (o.is_empty(), n.is_empty()) {
                    (false, true) => format!("NEW has nobody on call; OLD had {}", quoted(&o)),
                    (true, false) => format!("NEW has {} on call; OLD had nobody", quoted(&n)),
                    _ => format!("NEW has {} on call; OLD had {}", quoted(&n), quoted(&o)),
                };
                OnCallChangeJson {
                    kind: Kind::OnCallChanged.code(),
                    effect: Kind::OnCallChanged.effect().as_str(),
                    start: x.start,
                    end: x.end,
                    message,
                    old: OnCallSideJson {
                        on_call: o,
                        why: why_json(names, Side::Old, c, old_schedule, &x.old_why),
                    },
                    new: OnCallSideJson {
                        on_call: n,
                        why: why_json(names, Side::New, c, new_schedule, &x.new_why),
                    },
                }
            })
            .collect(),
        hours: s
            .hours
            .iter()
            .map(|h: &HoursChange| HoursChangeJson {
                kind: Kind::HoursChanged.code(),
                effect: Kind::HoursChanged.effect().as_str(),
                person: names.who(&h.person),
                old_seconds: h.old_seconds,
                new_seconds: h.new_seconds,
                change_seconds: h.new_seconds - h.old_seconds,
            })
            .collect(),
        handoffs: s
            .handoffs
            .iter()
            .map(|h: &HandoffMove| HandoffMoveJson {
                kind: Kind::HandoffMoved.code(),
                effect: Kind::HandoffMoved.effect().as_str(),
                old_at: h.old_at,
                new_at: h.new_at,
                moved_seconds: h.moved_seconds(),
                before: names.people(&h.before),
                after: names.people(&h.after),
            })
            .collect(),
        hour_of_week: grid(&s.week),
    }
}

fn route_json(names: &Names<'_>, r: &RouteDiff) -> RouteDiffJson {
    let (service, severity, policy) = match r.route {
        Route::Service {
            new, new_severity, ..
        } => (
            Some(ObjectKind::Service.id(names.new, new.0).to_string()),
            Some(
                ObjectKind::Severity
                    .id(names.new, new_severity.0)
                    .to_string(),
            ),
            None,
        ),
        Route::Policy { new, .. } => (
            None,
            None,
            Some(ObjectKind::Policy.id(names.new, new.0).to_string()),
        ),
    };
    RouteDiffJson {
        service,
        severity,
        policy,
        old_policy: r.old_policy.map(|p| names.old.policy(p).id.value.clone()),
        new_policy: r.new_policy.map(|p| names.new.policy(p).id.value.clone()),
        old_ack_within_seconds: r.old_ack,
        new_ack_within_seconds: r.new_ack,
        changes: r.changes.iter().map(|c| change_json(names, r, c)).collect(),
        hour_of_week: grid(&r.week),
    }
}

fn plan_side(model: &Model, plan: &Plan, ack: Option<i64>) -> PlanSideJson {
    PlanSideJson {
        policy: model.policy(plan.policy).id.value.clone(),
        first_page_seconds: plan.first_page(),
        reached_within_target: ack.map(|a| plan.people_before(Some(a)).len()),
        reached_total: plan.people_before(None).len(),
        levels: plan.pages.len(),
        plan: plan
            .pages
            .iter()
            .map(|p| {
                let step = model
                    .policy(plan.policy)
                    .steps
                    .get(p.step.saturating_sub(1) as usize);
                Page {
                    role: step.and_then(|s| s.role.clone()),
                    ..Page::bare(model, p)
                }
            })
            .collect(),
        exhausted_after_seconds: plan.exhausted_after,
    }
}

fn change_json(names: &Names<'_>, r: &RouteDiff, c: &PlanChange) -> PlanChangeJson {
    let first = |plan: &Option<Plan>, side: Side| -> String {
        let Some(plan) = plan else {
            return "nobody (no route)".to_string();
        };
        match plan.pages.iter().find(|p| !p.people.is_empty()) {
            Some(page) => {
                let mut who: Vec<String> =
                    page.people.iter().map(|&p| names.person(side, p)).collect();
                who.sort();
                format!("{} at {}", quoted(&who), offset(page.after))
            }
            None => "nobody".to_string(),
        }
    };
    let mut change_seconds = None;
    let (mut lost, mut gained) = (None, None);
    let message = match &c.detail {
        Detail::FirstPage { old, new } => {
            if let (Some(a), Some(b)) = (old, new) {
                change_seconds = Some(b - a);
            }
            match c.kind {
                Kind::NobodyPaged => format!(
                    "NEW pages nobody; OLD's first page is {}",
                    first(&c.old, Side::Old)
                ),
                Kind::SomeonePaged => format!(
                    "NEW's first page is {}; OLD pages nobody",
                    first(&c.new, Side::New)
                ),
                _ => format!(
                    "first page {} instead of {}",
                    new.map_or("never".to_string(), offset),
                    old.map_or("never".to_string(), offset)
                ),
            }
        }
        Detail::Levels { old, new } => {
            format!("NEW pages at {new} level(s) instead of {old}")
        }
        Detail::Reached { old, new } => format!(
            "NEW reaches {new} person(s) before `ack_within` ({}) instead of {old}",
            r.new_ack
                .or(r.old_ack)
                .map_or(String::new(), |a| format_duration(Seconds(a)))
        ),
        Detail::People { lost: l, gained: g } => {
            let (l, g) = (names.people(l), names.people(g));
            let mut parts = Vec::new();
            if !l.is_empty() {
                parts.push(format!("no longer pages {}", quoted(&l)));
            }
            if !g.is_empty() {
                parts.push(format!("now pages {}", quoted(&g)));
            }
            lost = Some(l);
            gained = Some(g);
            format!("NEW {}", parts.join(" and "))
        }
        Detail::Plan => plan_difference(names, c),
    };
    PlanChangeJson {
        kind: c.kind.code(),
        effect: c.kind.effect().as_str(),
        start: c.start,
        end: c.end,
        message,
        change_seconds,
        lost,
        gained,
        old: c.old.as_ref().map(|p| plan_side(names.old, p, r.old_ack)),
        new: c.new.as_ref().map(|p| plan_side(names.new, p, r.new_ack)),
    }
}

/// The first page at which two plans differ, in words.
fn plan_difference(names: &Names<'_>, c: &PlanChange) -> String {
    let pages = |plan: &Option<Plan>, side: Side| -> Vec<(i64, Vec<String>, Vec<String>)> {
        let Some(plan) = plan else { return Vec::new() };
        let model = if side == Side::Old {
            names.old
        } else {
            names.new
        };
        plan.pages
            .iter()
            .map(|p| {
                let mut people: Vec<String> =
                    p.people.iter().map(|&q| names.person(side, q)).collect();
                people.sort();
                let vendors: Vec<String> = p
                    .vendors
                    .iter()
                    .map(|v| model.vendor(*v).id.value.clone())
                    .collect();
                (p.after, people, vendors)
            })
            .collect()
    };
    let (a, b) = (pages(&c.old, Side::Old), pages(&c.new, Side::New));
    let text = |p: Option<&(i64, Vec<String>, Vec<String>)>| match p {
        None => "no page".to_string(),
        Some((after, people, vendors)) => {
            let mut who = people.clone();
            who.extend(vendors.iter().cloned());
            format!("{} at {}", quoted(&who), offset(*after))
        }
    };
    let k = (0..a.len().max(b.len()))
        .find(|&k| a.get(k) != b.get(k))
        .unwrap_or(0);
    format!(
        "page {}: NEW {}, OLD {}",
        k + 1,
        text(b.get(k)),
        text(a.get(k))
    )
}

fn finding_json(f: &FindingDiff, old: &LineIndex<'_>, new: &LineIndex<'_>) -> FindingDiffJson {
    let index = if f.side == Side::Old { old } else { new };
    FindingDiffJson {
        kind: f.kind.code(),
        effect: f.kind.effect().as_str(),
        side: f.side.as_str(),
        object: ObjectJson {
            kind: f.object.kind,
            id: f.object.id.clone(),
        },
        diagnostic: Diagnostic::new(index, &f.diagnostic),
    }
}
