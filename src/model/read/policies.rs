//! Escalation policies: steps, targets, repeats.

use crate::document::{Node, NodeKind};
use crate::model::{OnEmptyStep, Policy, Spanned, Step, Target, TurnChoice};

use super::reader::Cx;
use super::{all, error, Tables};

/// The most extra passes a policy may make (`repeat`): Opsgenie repeats an
/// escalation up to 20 times.
pub const MAX_REPEAT: i64 = 20;

pub(super) fn policies(cx: &mut Cx, tables: &Tables, list: &[Node]) -> Option<Vec<Policy>> {
    all(list
        .iter()
        .map(|node| policy(cx, tables, node))
        .collect::<Vec<_>>())
}

fn policy(cx: &mut Cx, tables: &Tables, node: &Node) -> Option<Policy> {
    let obj = cx.object(
        node,
        "a policy",
        &[
            "id",
            "name",
            "source",
            "owner",
            "repeat",
            "on_empty_step",
            "steps",
        ],
    )?;
    let id = obj.id(cx);
    let name = obj.opt_string(cx, "name");
    let source = obj.opt_string(cx, "source");
    let owner = obj.get("owner").map(|n| tables.person_at(cx, n, "owner"));
    let repeat = match obj.get("repeat") {
        None => Some(0),
        Some(n) => match n.kind {
            NodeKind::Int(r @ 0..=MAX_REPEAT) => Some(r as u8),
            NodeKind::Int(r) => {
                cx.push(
                    error(
                        "repeat-out-of-range",
                        n.span,
                        format!("`repeat: {r}` is out of range"),
                    )
                    .with_help("`repeat` counts extra passes over the steps, from 0 to 20"),
                );
                None
            }
            _ => {
                cx.wrong_type(n, "`repeat` to be a whole number from 0 to 20");
                None
            }
        },
    };
    let on_empty_step = match obj.get("on_empty_step") {
        None => Some(OnEmptyStep::Skip),
        Some(n) => cx.choice(n, "on_empty_step", &["skip", "wait"]).map(|c| {
            if c == "wait" {
                OnEmptyStep::Wait
            } else {
                OnEmptyStep::Skip
            }
        }),
    };
    let steps = obj.required(cx, "steps").and_then(|n| {
        let list = cx.list(n, "`steps` to be a list of steps")?;
        if list.is_empty() {
            cx.push(
                error("empty-list", n.span, "this policy has no steps")
                    .with_help("add at least one step with `notify` and `escalate_after`"),
            );
            return None;
        }
        all(list.iter().map(|s| step(cx, tables, s)).collect::<Vec<_>>())
    });
    Some(Policy {
        id: id?,
        name: name.map(|n| n.value),
        source: source.map(|n| n.value),
        owner: match owner {
            Some(o) => Some(o?),
            None => None,
        },
        repeat: repeat?,
        on_empty_step: on_empty_step?,
        steps: steps?,
        span: node.span,
    })
}

fn step(cx: &mut Cx, tables: &Tables, node: &Node) -> Option<Step> {
    let obj = cx.object(
        node,
        "a step",
        &[
            "name",
            "source",
            "notify",
            "escalate_after",
            "wait",
            "role",
            "owner",
        ],
    )?;
    if let Some(wait) = obj.get("wait") {
        return wait_step(cx, tables, &obj, wait, node);
    }
    let name = obj.opt_string(cx, "name");
    let source = obj.opt_string(cx, "source");
    let targets = obj.required(cx, "notify").and_then(|n| {
        let list = cx.list(
            n,
            "`notify` to be a list of targets like `[{schedule: primary}]`",
        )?;
        if list.is_empty() {
            cx.push(
                error("empty-list", n.span, "this step notifies nobody")
                    .with_help("add a target like `{schedule: primary}`"),
            );
            return None;
        }
        all(list
            .iter()
            .map(|t| target(cx, tables, t))
            .collect::<Vec<_>>())
    });
    let (targets, non_essential) = match targets {
        Some(list) => {
            let mut non_essential = Vec::new();
            let targets = list
                .into_iter()
                .enumerate()
                .map(|(i, (target, essential))| {
                    if let Some(span) = essential {
                        non_essential.push((i, span));
                    }
                    target
                })
                .collect();
            (Some(targets), non_essential)
        }
        None => (None, Vec::new()),
    };
    let escalate_after = match obj.get("escalate_after") {
        Some(n) => cx.duration(n),
        None => {
            cx.push(
                error("missing-escalate-after", obj.head_span(), "this step has no `escalate_after`")
                    .with_help("say how long to wait for an acknowledgement before the next step, like `escalate_after: 15m`"),
            );
            None
        }
    };
    let role = obj.opt_string(cx, "role");
    let owner = obj.get("owner").map(|n| tables.person_at(cx, n, "owner"));
    Some(Step {
        name: name.map(|n| n.value),
        source: source.map(|n| n.value),
        targets: targets?,
        escalate_after: escalate_after?,
        wait: false,
        non_essential,
        role: role.map(|r| r.value),
        owner: match owner {
            Some(o) => Some(o?),
            None => None,
        },
        span: node.span,
    })
}

/// A step that only waits: `{wait: 5m}` (with `name`, `source`, `role`,
/// `owner`), never with `notify` or `escalate_after`.
fn wait_step(
    cx: &mut Cx,
    tables: &Tables,
    obj: &super::reader::Obj<'_>,
    wait: &Node,
    node: &Node,
) -> Option<Step> {
    let mut ok = true;
    for key in ["notify", "escalate_after"] {
        if let Some(span) = obj.key_span(key) {
            cx.push(
                error(
                    "invalid-step",
                    span,
                    format!("a step that waits has no `{key}`"),
                )
                .with_help("split it in two steps: `{wait: 5m}`, then the step that notifies"),
            );
            ok = false;
        }
    }
    let name = obj.opt_string(cx, "name");
    let source = obj.opt_string(cx, "source");
    let duration = cx.duration(wait);
    let role = obj.opt_string(cx, "role");
    let owner = obj.get("owner").map(|n| tables.person_at(cx, n, "owner"));
    let owner = match owner {
        Some(o) => Some(o?),
        None => None,
    };
    if !ok {
        return None;
    }
    Some(Step {
        name: name.map(|n| n.value),
        source: source.map(|n| n.value),
        targets: Vec::new(),
        escalate_after: duration?,
        wait: true,
        non_essential: Vec::new(),
        role: role.map(|r| r.value),
        owner,
        span: node.span,
    })
}

const TARGET_KINDS: [&str; 4] = ["schedule", "person", "vendor", "stakeholders"];

/// The keys of a target: its kind, `turn` (schedules only) and
/// `essential` (people and schedules only).
const TARGET_KEYS: [&str; 6] = [
    "schedule",
    "person",
    "vendor",
    "stakeholders",
    "turn",
    "essential",
];

/// A target, and the span of `false` when it says `essential: false`.
type ReadTarget = (Spanned<Target>, Option<crate::diagnostic::Span>);

fn target(cx: &mut Cx, tables: &Tables, node: &Node) -> Option<ReadTarget> {
    let obj = cx.object(node, "a target", &TARGET_KEYS)?;
    let present: Vec<&str> = TARGET_KINDS.into_iter().filter(|k| obj.has(k)).collect();
    let [kind] = present.as_slice() else {
        if !obj
            .entries
            .iter()
            .all(|e| TARGET_KEYS.contains(&e.key.as_str()))
            && present.is_empty()
        {
            return None; // the unknown key is already reported
        }
        cx.push(
            error(
                "invalid-target",
                node.span,
                "a target names exactly one of `schedule`, `person`, `vendor` or `stakeholders`",
            )
            .with_help("write one target per entry: `[{schedule: primary}, {person: erin}]`"),
        );
        return None;
    };
    // `turn: current|next|previous` goes with a schedule only.
    let turn = match (obj.get("turn"), *kind) {
        (None, _) => Some(None),
        (Some(n), "schedule") => cx
            .choice(n, "turn", &["current", "next", "previous"])
            .map(|c| match c {
                "next" => Some(TurnChoice::Next),
                "previous" => Some(TurnChoice::Previous),
                _ => None,
            }),
        (Some(_), _) => {
            let span = obj.key_span("turn").unwrap_or(node.span);
            cx.push(
                error(
                    "invalid-target",
                    span,
                    format!("`turn` goes with `schedule`, not with `{kind}`"),
                )
                .with_help("`{schedule: primary, turn: next}` pages the schedule's next turn"),
            );
            None
        }
    };
    // `essential: false`: an acknowledgement from someone reached only
    // through this target does not stop the escalation (people acknowledge:
    // persons and schedules only).
    let essential = match (obj.get("essential"), *kind) {
        (None, _) => Some(None),
        (Some(n), "schedule" | "person") => match n.kind {
            NodeKind::Bool(true) => Some(None),
            NodeKind::Bool(false) => Some(Some(n.span)),
            _ => {
                cx.wrong_type(n, "`essential` to be `true` or `false`");
                None
            }
        },
        (Some(_), _) => {
            let span = obj.key_span("essential").unwrap_or(node.span);
            cx.push(
                error(
                    "invalid-target",
                    span,
                    format!("`essential` goes with `person` or `schedule`, not with `{kind}`"),
                )
                .with_help("only people acknowledge: `{person: dan, essential: false}`"),
            );
            None
        }
    };
    let value = obj.required(cx, kind)?;
    let id = cx.string(value, &format!("`{kind}` to be an id"))?;
    let turn = turn?;
    let essential = essential?;
    let target = match *kind {
        "schedule" => {
            let schedule = tables.schedule_ref(cx, &id)?;
            match turn {
                None => Target::Schedule(schedule),
                Some(turn) => Target::ScheduleTurn { schedule, turn },
            }
        }
        "person" => Target::Person(tables.person_ref(cx, &id)?),
        "vendor" => Target::Vendor(tables.vendor_ref(cx, &id)?),
        _ => Target::Stakeholders(id.value),
    };
    Some((Spanned::new(target, node.span), essential))
}
