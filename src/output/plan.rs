//! JSON of a paging plan (SPEC section 6).

use serde::Serialize;

use crate::escalation::{self, PageReason, Plan};
use crate::model::Model;
use crate::output::schedule::Why;
use crate::time::Timestamp;

/// `escalator plan --json`: the plan of a policy for an incident at `at`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanOutput {
    pub policy: String,
    /// The service, when the plan was asked for by service and severity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    pub at: Timestamp,
    /// The steps that page someone, in firing order.
    pub plan: Vec<Page>,
    /// Every step as it fired, including skipped ones.
    pub levels: Vec<Level>,
    pub exhausted_after_seconds: i64,
}

/// One page: `{"after_seconds", "pass", "step", "people", "vendors"}` (+ why).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Page {
    pub after_seconds: i64,
    pub pass: u32,
    pub step: u32,
    pub people: Vec<String>,
    pub vendors: Vec<String>,
    /// The step's `role`, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Why each person or vendor is paged.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub why: Vec<PageWhy>,
}

/// Why someone is paged: a direct target, an on-call schedule, or a vendor.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PageWhy {
    /// `direct`, `schedule` or `vendor`.
    pub via: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<String>,
    /// Which layer and turn, or which override (schedules only), in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// `next` or `previous` for a `turn: next|previous` target: the person
    /// holds that turn of a layer (`on_call` names it), not the pager now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub turn: Option<&'static str>,
    /// The same as data: `{"person", "layer", "turn", ...}` or `{"person", "override", "kind"}`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub on_call: Vec<Why>,
    /// `false` when the target says `essential: false`: this person's
    /// acknowledgement stops their own contact attempts, not the escalation
    /// (absent for essential targets, the default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub essential: Option<bool>,
    /// Where the step's target is in the document, as a range of UTF-16
    /// code units (what JavaScript strings index); see [`utf16_target_spans`].
    pub target_span: [u32; 2],
    /// The same range in bytes (UTF-8).
    pub target_span_bytes: [u32; 2],
}

/// One step as it fired, paged or skipped.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Level {
    pub after_seconds: i64,
    pub pass: u32,
    pub step: u32,
    /// Whether it paged a person or a vendor (else it is a skipped level,
    /// or a step that only waits).
    pub paged: bool,
    /// `paged`, `skipped` (a level gap) or `wait` (a step that only waits:
    /// it pages nobody and is not a gap).
    pub kind: &'static str,
    /// How long a `wait` step waits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stakeholders: Vec<String>,
    /// Vendors it names that were outside their support hours.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub vendors_closed: Vec<String>,
}

impl Page {
    /// A page without role or explanation (coverage intervals).
    pub fn bare(model: &Model, page: &escalation::Page) -> Page {
        Page {
            after_seconds: page.after,
            pass: page.pass,
            step: page.step,
            people: page
                .people
                .iter()
                .map(|p| model.person(*p).id.value.clone())
                .collect(),
            vendors: page
                .vendors
                .iter()
                .map(|v| model.vendor(*v).id.value.clone())
                .collect(),
            role: None,
            why: Vec::new(),
        }
    }

    /// A page of `plan` in JSON form (with its explanation when it has one).
    pub fn new(model: &Model, plan: &Plan, page: &escalation::Page) -> Page {
        let policy = model.policy(plan.policy);
        let step = policy.steps.get(page.step.saturating_sub(1) as usize);
        let target_span = |t: usize| {
            step.and_then(|s| s.targets.get(t))
                .map_or([0, 0], |t| [t.span.start, t.span.end])
        };
        let essential = |t: usize| step.is_some_and(|s| !s.is_essential(t)).then_some(false);
        let why = page
            .why
            .iter()
            .map(|w| match w {
                PageReason::Direct { person, target } => PageWhy {
                    via: "direct",
                    person: Some(model.person(*person).id.value.clone()),
                    vendor: None,
                    schedule: None,
                    detail: None,
                    turn: None,
                    on_call: Vec::new(),
                    essential: essential(*target),
                    target_span: target_span(*target),
                    target_span_bytes: target_span(*target),
                },
                PageReason::OnCall {
                    person,
                    schedule,
                    target,
                    why,
                } => PageWhy {
                    via: "schedule",
                    person: Some(model.person(*person).id.value.clone()),
                    vendor: None,
                    schedule: Some(model.schedule(*schedule).id.value.clone()),
                    detail: crate::schedule::detail(model.schedule(*schedule), why),
                    turn: None,
                    on_call: why
                        .iter()
                        .map(|source| {
                            Why::new(
                                model,
                                model.schedule(*schedule),
                                &crate::schedule::Why {
                                    person: *person,
                                    source: *source,
                                },
                            )
                        })
                        .collect(),
                    essential: essential(*target),
                    target_span: target_span(*target),
                    target_span_bytes: target_span(*target),
                },
                PageReason::Turn {
                    person,
                    schedule,
                    target,
                    choice,
                    why,
                } => PageWhy {
                    via: "schedule",
                    person: Some(model.person(*person).id.value.clone()),
                    vendor: None,
                    schedule: Some(model.schedule(*schedule).id.value.clone()),
                    detail: Some(crate::schedule::turn_detail(
                        model.schedule(*schedule),
                        *choice,
                        why,
                    )),
                    turn: Some(choice.as_str()),
                    on_call: vec![Why::new(
                        model,
                        model.schedule(*schedule),
                        &crate::schedule::Why {
                            person: *person,
                            source: *why,
                        },
                    )],
                    essential: essential(*target),
                    target_span: target_span(*target),
                    target_span_bytes: target_span(*target),
                },
                PageReason::Vendor { vendor, target } => PageWhy {
                    via: "vendor",
                    person: None,
                    vendor: Some(model.vendor(*vendor).id.value.clone()),
                    schedule: None,
                    detail: None,
                    turn: None,
                    on_call: Vec::new(),
                    essential: essential(*target),
                    target_span: target_span(*target),
                    target_span_bytes: target_span(*target),
                },
            })
            .collect();
        Page {
            role: step.and_then(|s| s.role.clone()),
            why,
            ..Page::bare(model, page)
        }
    }
}

impl Level {
    /// A level in JSON form (`policy` is the plan's, for a wait's length).
    pub fn new(model: &Model, level: &escalation::Level) -> Level {
        Level::of(model, None, level)
    }

    /// A level of `policy`'s plan in JSON form, with a wait step's length.
    pub fn of(
        model: &Model,
        policy: Option<&crate::model::Policy>,
        level: &escalation::Level,
    ) -> Level {
        let kind = match (level.wait, level.paged) {
            (true, _) => "wait",
            (false, true) => "paged",
            (false, false) => "skipped",
        };
        let wait_seconds = policy
            .filter(|_| level.wait)
            .and_then(|p| p.steps.get(level.step.saturating_sub(1) as usize))
            .map(|s| s.escalate_after.value.0);
        Level {
            after_seconds: level.after,
            pass: level.pass,
            step: level.step,
            paged: level.paged,
            kind,
            wait_seconds,
            stakeholders: level.stakeholders.clone(),
            vendors_closed: level
                .vendors_closed
                .iter()
                .map(|v| model.vendor(*v).id.value.clone())
                .collect(),
        }
    }
}

impl PlanOutput {
    /// The JSON form of a plan, each page explained when `explain`.
    pub fn new(model: &Model, plan: &Plan, explain: bool) -> PlanOutput {
        PlanOutput {
            policy: model.policy(plan.policy).id.value.clone(),
            service: None,
            severity: None,
            at: plan.at,
            plan: plan
                .pages
                .iter()
                .map(|p| {
                    let mut page = Page::new(model, plan, p);
                    if !explain {
                        page.why.clear();
                    }
                    page
                })
                .collect(),
            levels: plan
                .levels
                .iter()
                .map(|l| Level::of(model, Some(model.policy(plan.policy)), l))
                .collect(),
            exhausted_after_seconds: plan.exhausted_after,
        }
    }
}

/// Turns the pages' `target_span`s (built as byte ranges, like
/// `target_span_bytes`) into UTF-16 ranges of `text`, the document they
/// point into.
pub fn utf16_target_spans<'a>(text: &str, pages: impl IntoIterator<Item = &'a mut Page>) {
    let mut whys = pages.into_iter().flat_map(|p| p.why.iter_mut()).peekable();
    if whys.peek().is_none() {
        return; // nothing to place: no need to index the text
    }
    let index = crate::diagnostic::LineIndex::new(text);
    for why in whys {
        let [start, end] = why.target_span_bytes;
        why.target_span = [
            index.position(start).offset_utf16,
            index.position(end).offset_utf16,
        ];
    }
}
