//! Escalation policies: steps, targets, repeats.

use crate::document::{Node, NodeKind};
use crate::model::{OnEmptyStep, Policy, Spanned, Step, Target};

use super::reader::Cx;
use super::{all, error, Tables};

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
        &["id", "name", "owner", "repeat", "on_empty_step", "steps"],
    )?;
    let id = obj.id(cx);
    let name = obj.opt_string(cx, "name");
    let owner = obj.get("owner").map(|n| tables.person_at(cx, n, "owner"));
    let repeat = match obj.get("repeat") {
        None => Some(0),
        Some(n) => match n.kind {
            NodeKind::Int(r @ 0..=9) => Some(r as u8),
            NodeKind::Int(r) => {
                cx.push(
                    error(
                        "repeat-out-of-range",
                        n.span,
                        format!("`repeat: {r}` is out of range"),
                    )
                    .with_help("`repeat` counts extra passes over the steps, from 0 to 9"),
                );
                None
            }
            _ => {
                cx.wrong_type(n, "`repeat` to be a whole number from 0 to 9");
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
        &["notify", "escalate_after", "role", "owner"],
    )?;
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
        targets: targets?,
        escalate_after: escalate_after?,
        role: role.map(|r| r.value),
        owner: match owner {
            Some(o) => Some(o?),
            None => None,
        },
        span: node.span,
    })
}

const TARGET_KINDS: [&str; 4] = ["schedule", "person", "vendor", "stakeholders"];

fn target(cx: &mut Cx, tables: &Tables, node: &Node) -> Option<Spanned<Target>> {
    let obj = cx.object(node, "a target", &TARGET_KINDS)?;
    let present: Vec<&str> = TARGET_KINDS.into_iter().filter(|k| obj.has(k)).collect();
    let [kind] = present.as_slice() else {
        if !obj
            .entries
            .iter()
            .all(|e| TARGET_KINDS.contains(&e.key.as_str()))
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
    let value = obj.required(cx, kind)?;
    let id = cx.string(value, &format!("`{kind}` to be an id"))?;
    let target = match *kind {
        "schedule" => Target::Schedule(tables.schedule_ref(cx, &id)?),
        "person" => Target::Person(tables.person_ref(cx, &id)?),
        "vendor" => Target::Vendor(tables.vendor_ref(cx, &id)?),
        _ => Target::Stakeholders(id.value),
    };
    Some(Spanned::new(target, node.span))
}
