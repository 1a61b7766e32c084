//! Schedules: layers (rotations), restrictions, overrides; and the window
//! syntax shared with vendors' support hours.

use chrono_tz::Tz;

use crate::diagnostic::{Diagnostic, Span};
use crate::document::{Node, NodeKind};
use crate::model::{
    BeforeHandoff, Cadence, Clock, Combine, Layer, LayerEvent, LayerKind, MonthOverflow, Override,
    OverrideKind, PointSpec, Schedule, Spanned, TurnCount, Turns,
};
use crate::time::recurrence::Recurrence;
use crate::time::values::{self, WindowEnd};
use crate::time::{DateTimeSpec, DaySet, DstFoldClose, DstGap, DstRule, Window};

use super::reader::Cx;
use super::{all, error, items, Tables};

pub(super) fn schedules(
    cx: &mut Cx,
    tables: &Tables,
    zone: Tz,
    list: &[Node],
) -> Option<Vec<Schedule>> {
    all(list
        .iter()
        .map(|node| schedule(cx, tables, zone, node))
        .collect::<Vec<_>>())
}

fn schedule(cx: &mut Cx, tables: &Tables, zone: Tz, node: &Node) -> Option<Schedule> {
    let obj = cx.object(
        node,
        "a schedule",
        &[
            "id",
            "name",
            "source",
            "timezone",
            "layers",
            "combine",
            "overrides",
            "enabled",
            "dst_gap",
            "dst_fold_close",
        ],
    )?;
    let id = obj.id(cx);
    let name = obj.opt_string(cx, "name");
    let source = obj.opt_string(cx, "source");
    let timezone = match obj.get("timezone") {
        Some(n) => cx.timezone(n),
        None => Some(zone),
    };
    let tz = timezone.unwrap_or(zone);
    let gap = match obj.get("dst_gap") {
        None => Some(DstGap::Shift),
        Some(n) => cx.choice(n, "dst_gap", &["shift", "transition"]).map(|c| {
            if c == "transition" {
                DstGap::Transition
            } else {
                DstGap::Shift
            }
        }),
    };
    let fold_close = match obj.get("dst_fold_close") {
        None => Some(DstFoldClose::Earlier),
        Some(n) => cx
            .choice(n, "dst_fold_close", &["earlier", "later"])
            .map(|c| {
                if c == "later" {
                    DstFoldClose::Later
                } else {
                    DstFoldClose::Earlier
                }
            }),
    };
    // Bounds are checked with the schedule's own rule for gaps.
    let at = Resolve {
        tz,
        gap: gap.unwrap_or_default(),
    };
    let layer_nodes = match obj.required(cx, "layers") {
        Some(n) => cx.list(n, "`layers` to be a list of layers"),
        None => None,
    };
    let mut layer_ids: Vec<Spanned<String>> = Vec::new();
    let layers = layer_nodes.and_then(|list| {
        all(list
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let layer = layer(cx, tables, at, i, n)?;
                if let Some(first) = layer_ids.iter().find(|l| l.value == layer.id.value) {
                    cx.push(
                        Diagnostic::error(
                            "duplicate-id",
                            layer.id.span,
                            format!(
                                "layer id `{}` is used twice in this schedule",
                                layer.id.value
                            ),
                        )
                        .with_label(first.span, "first used here"),
                    );
                    return None;
                }
                layer_ids.push(layer.id.clone());
                Some(layer)
            })
            .collect::<Vec<_>>())
    });
    let combine = match obj.get("combine") {
        None => Some(Combine::Top),
        Some(n) => cx.choice(n, "combine", &["top", "union"]).map(|c| {
            if c == "union" {
                Combine::Union
            } else {
                Combine::Top
            }
        }),
    };
    let overrides = all(items(cx, obj.get("overrides"), "overrides")
        .iter()
        .map(|n| override_(cx, tables, at, n))
        .collect::<Vec<_>>());
    let disabled = match obj.get("enabled") {
        None => Some(None),
        Some(n) => match n.kind {
            NodeKind::Bool(true) => Some(None),
            NodeKind::Bool(false) => Some(Some(n.span)),
            _ => {
                cx.wrong_type(n, "`enabled` to be `true` or `false`");
                None
            }
        },
    };
    Some(Schedule {
        id: id?,
        name: name.map(|n| n.value),
        source: source.map(|n| n.value),
        timezone: timezone?,
        layers: layers?,
        combine: combine?,
        overrides: overrides?,
        dst: DstRule {
            gap: gap?,
            fold_close: fold_close?,
        },
        disabled: disabled?,
        span: node.span,
    })
}

fn layer(cx: &mut Cx, tables: &Tables, tz: Resolve, index: usize, node: &Node) -> Option<Layer> {
    let keys = [
        "id",
        "name",
        "source",
        "members",
        "shift",
        "handoff",
        "clock",
        "before_handoff",
        "events",
        "from",
        "until",
        "restrictions",
        "month_overflow",
        "handoffs",
        "overrides",
        "level",
        "turn_count",
    ];
    let obj = cx.object(node, "a layer", &keys)?;
    let id = match obj.get("id") {
        Some(n) => cx.id(n, "a layer"),
        None => Some(Spanned::new(
            format!("layer-{}", index + 1),
            obj.head_span(),
        )),
    };
    let name = obj.opt_string(cx, "name");
    let source = obj.opt_string(cx, "source");
    let from = obj.get("from").map(|n| cx.date_time(n));
    let until = obj.get("until").map(|n| cx.date_time(n));
    let restrictions = windows(cx, obj.get("restrictions"), "restrictions");
    let overrides = all(items(cx, obj.get("overrides"), "overrides")
        .iter()
        .map(|n| override_(cx, tables, tz, n))
        .collect::<Vec<_>>());
    // Default: the position, so the top-most layer wins as before.
    let level = match obj.get("level") {
        None => Some(index as i64 + 1),
        Some(n) => match n.kind {
            NodeKind::Int(level) => Some(level),
            _ => {
                cx.wrong_type(n, "`level` to be a whole number");
                None
            }
        },
    };
    let from_spec = from.clone().flatten();
    let (kind, start) = if let Some(events_node) = obj.get("events") {
        // A list of events: no rotation keys with it.
        let rotation_key = [
            "members",
            "shift",
            "handoff",
            "clock",
            "before_handoff",
            "handoffs",
            "month_overflow",
            "turn_count",
        ]
        .into_iter()
        .find(|k| obj.has(k));
        let kind = match rotation_key {
            Some(key) => {
                cx.push(
                    error(
                        "invalid-layer",
                        obj.key_span(key).unwrap_or(node.span),
                        format!("`{key}` is for a rotation; a layer has either `members` (a rotation) or `events`"),
                    )
                    .with_help("put the rotation and the events in two layers"),
                );
                None
            }
            None => events(cx, tables, tz.tz, events_node).map(LayerKind::Events),
        };
        (kind, from_spec.clone())
    } else {
        let members = obj
            .required(cx, "members")
            .and_then(|n| members(cx, tables, n));
        // Exactly one of `shift` and `handoffs`.
        let shift = match (obj.get("shift"), obj.get("handoffs")) {
            (Some(_), Some(_)) => {
                let span = obj.key_span("handoffs").unwrap_or(node.span);
                cx.push(
                    error(
                        "invalid-rotation",
                        span,
                        "a layer has `shift` or `handoffs`, not both",
                    )
                    .with_help("`shift` gives turns of one length; `handoffs` the points of a day, week or month where turns change: keep one"),
                );
                None
            }
            (Some(n), None) => shift(cx, n),
            (None, Some(n)) => handoffs(cx, n),
            (None, None) => {
                cx.push(
                    error(
                        "missing-key",
                        obj.head_span(),
                        "a layer is missing `shift` (or `handoffs`)",
                    )
                    .with_help("say how long a turn is, `shift: 1w`, or where turns change, `handoffs: {weekly: [\"mon 09:00\"]}`"),
                );
                None
            }
        };
        let month_overflow = match obj.get("month_overflow") {
            None => Some(MonthOverflow::Clamp),
            Some(n) => cx
                .choice(n, "month_overflow", &["clamp", "normalize"])
                .map(|c| {
                    if c == "normalize" {
                        MonthOverflow::Normalize
                    } else {
                        MonthOverflow::Clamp
                    }
                }),
        };
        let turn_count = match obj.get("turn_count") {
            None => Some(TurnCount::Grid),
            Some(n) => cx.choice(n, "turn_count", &["grid", "instants"]).map(|c| {
                if c == "instants" {
                    TurnCount::Instants
                } else {
                    TurnCount::Grid
                }
            }),
        };
        let handoff = obj.required(cx, "handoff").and_then(|n| cx.date_time(n));
        let clock = match obj.get("clock") {
            None => Some(Clock::Wall),
            Some(n) => cx.choice(n, "clock", &["wall", "elapsed"]).map(|c| {
                if c == "elapsed" {
                    Clock::Elapsed
                } else {
                    Clock::Wall
                }
            }),
        };
        let before_handoff = match obj.get("before_handoff") {
            None => Some(BeforeHandoff::Nobody),
            Some(n) => cx
                .choice(n, "before_handoff", &["none", "rotate"])
                .map(|c| {
                    if c == "rotate" {
                        BeforeHandoff::Rotate
                    } else {
                        BeforeHandoff::Nobody
                    }
                }),
        };
        // A month has no fixed length and handoff points are local times:
        // both count on the wall clock only.
        let elapsed_with = match (clock, &shift) {
            (Some(Clock::Elapsed), Some((_, Cadence::Months(_)))) => Some((
                "a month shift: a month has no fixed length",
                "months count on the wall clock; use `shift: 30d` for turns of elapsed time",
            )),
            (Some(Clock::Elapsed), Some((_, Cadence::Points { .. }))) => Some((
                "`handoffs`: handoff points are local times",
                "handoff points count on the wall clock; use `shift` for turns of elapsed time",
            )),
            _ => None,
        };
        if let Some((what, help)) = elapsed_with {
            let span = obj.get("clock").map_or(node.span, |n| n.span);
            cx.push(
                error(
                    "invalid-rotation",
                    span,
                    format!("`clock: elapsed` does not go with {what}"),
                )
                .with_help(help),
            );
            return None;
        }
        let rotate = before_handoff == Some(BeforeHandoff::Rotate);
        // Without `before_handoff: rotate` the rotation starts at the handoff
        // and never runs backwards, so the layer is on from the later of
        // `from` and the handoff; with it, from `from` (or always).
        if let (Some(from), Some(handoff), false) = (&from_spec, &handoff, rotate) {
            if instant(from.value, tz) < instant(handoff.value, tz) {
                cx.push(
                    Diagnostic::info("from-before-handoff", from.span, "`from` is before the first handoff, so it changes nothing")
                        .with_help("the rotation never runs backwards: the layer starts at the handoff; move `handoff` earlier, or add `before_handoff: rotate` to count turns before it")
                        .with_label(handoff.span, "the first turn starts here"),
                );
            }
        }
        let start = match (&from_spec, &handoff) {
            (Some(f), _) if rotate => Some(f.clone()),
            (None, _) if rotate => None,
            (Some(f), Some(h)) if instant(f.value, tz) > instant(h.value, tz) => Some(f.clone()),
            (_, Some(h)) => Some(h.clone()),
            (Some(f), None) => Some(f.clone()),
            (None, None) => None,
        };
        let kind = match (
            members,
            shift,
            handoff,
            clock,
            before_handoff,
            (month_overflow, turn_count),
        ) {
            (
                Some((members, members_span)),
                Some((shift, cadence)),
                Some(handoff),
                Some(clock),
                Some(before_handoff),
                (Some(month_overflow), Some(turn_count)),
            ) => Some(LayerKind::Rotation(Turns {
                members,
                members_span,
                shift,
                cadence,
                month_overflow,
                turn_count,
                handoff,
                clock,
                before_handoff,
            })),
            _ => None,
        };
        (kind, start)
    };
    if let (Some(Some(until)), Some(start)) = (&until, start) {
        if instant(until.value, tz) <= instant(start.value, tz) {
            cx.push(
                error(
                    "ends-before-start",
                    until.span,
                    "this layer ends before it starts",
                )
                .with_help("`until` must be later than `from` and the handoff")
                .with_label(start.span, "starts here"),
            );
        }
    }
    Some(Layer {
        id: id?,
        name: name.map(|n| n.value),
        source: source.map(|n| n.value),
        kind: kind?,
        from: from.map_or(Some(None), |f| f.map(Some))?,
        until: until.map_or(Some(None), |u| u.map(Some))?,
        restrictions: restrictions?,
        overrides: overrides?,
        level: level?,
        span: node.span,
    })
}

/// `events: [{person: alice, from: ..., to: ..., repeat: "FREQ=WEEKLY"}]`.
fn events(cx: &mut Cx, tables: &Tables, tz: Tz, node: &Node) -> Option<Vec<LayerEvent>> {
    let list = cx.list(node, "`events` to be a list of events")?;
    if list.is_empty() {
        cx.push(
            error("empty-list", node.span, "`events` lists no event")
                .with_help("list who is on call when, like `{person: alice, from: 2026-03-02T09:00, to: 2026-03-09T09:00}`"),
        );
        return None;
    }
    all(list
        .iter()
        .map(|n| event(cx, tables, tz, n))
        .collect::<Vec<_>>())
}

fn event(cx: &mut Cx, tables: &Tables, tz: Tz, node: &Node) -> Option<LayerEvent> {
    let keys = [
        "uid", "name", "person", "people", "from", "to", "timezone", "repeat", "except",
    ];
    let obj = cx.object(node, "an event", &keys)?;
    let uid = match obj.get("uid") {
        Some(n) => Some(cx.string(n, "the event's uid (a string)")?),
        None => None,
    };
    let name = obj.opt_string(cx, "name");
    let people = match (obj.get("person"), obj.get("people")) {
        (Some(n), None) => tables.people_at(cx, n, "person"),
        (None, Some(n)) => tables.people_at(cx, n, "people"),
        (None, None) => {
            cx.push(
                error("invalid-event", obj.head_span(), "this event names nobody")
                    .with_help("give `person` (or `people`): who is on call during the event"),
            );
            None
        }
        (Some(_), Some(_)) => {
            cx.push(
                error(
                    "invalid-event",
                    obj.key_span("people").unwrap_or(node.span),
                    "an event takes `person` or `people`, not both",
                )
                .with_help("list everyone under `people`"),
            );
            None
        }
    };
    let timezone = match obj.get("timezone") {
        Some(n) => cx.timezone(n),
        None => Some(tz),
    };
    let ev_tz = timezone.unwrap_or(tz);
    let from = obj.required(cx, "from").and_then(|n| cx.date_time(n));
    let to = obj.required(cx, "to").and_then(|n| cx.date_time(n));
    if let (Some(from), Some(to)) = (&from, &to) {
        if instant(to.value, ev_tz) <= instant(from.value, ev_tz) {
            cx.push(
                error(
                    "ends-before-start",
                    to.span,
                    "this event ends before it starts",
                )
                .with_help("`to` must be later than `from`")
                .with_label(from.span, "starts here"),
            );
        }
    }
    let repeat = match obj.get("repeat") {
        Some(n) => Some(repeat(cx, n)?),
        None => None,
    };
    let except = match obj.get("except") {
        None => Some(Vec::new()),
        Some(n) => match &n.kind {
            NodeKind::Seq(items) => all(items.iter().map(|i| cx.date_time(i)).collect::<Vec<_>>()),
            _ => cx.date_time(n).map(|d| vec![d]),
        },
    };
    if let (Some(span), None) = (obj.key_span("except"), &repeat) {
        cx.push(
            error(
                "invalid-event",
                span,
                "`except` leaves out starts of `repeat`, and this event does not repeat",
            )
            .with_help("add `repeat`, or remove `except`"),
        );
        return None;
    }
    Some(LayerEvent {
        uid,
        name: name.map(|n| n.value),
        people: people?,
        from: from?,
        to: to?,
        timezone: timezone?,
        repeat,
        except: except?,
        span: node.span,
    })
}

/// `repeat: "FREQ=WEEKLY;INTERVAL=2"`: an RFC 5545 recurrence rule, each
/// problem reported where it is in the text (inside quotes too).
fn repeat(cx: &mut Cx, node: &Node) -> Option<Spanned<Recurrence>> {
    let text = cx.string(
        node,
        "a recurrence rule like \"FREQ=WEEKLY;BYDAY=MO\" (quoted)",
    )?;
    let len = (node.span.end - node.span.start) as usize;
    // The rule's first byte in the document: after the quote of a quoted
    // scalar; a scalar with escapes or line breaks is pointed at whole.
    let base = if len == text.value.len() {
        Some(node.span.start)
    } else if len == text.value.len() + 2 {
        Some(node.span.start + 1)
    } else {
        None
    };
    let span_of = |a: usize, b: usize| match base {
        Some(at) => Span::new(at + a as u32, at + b as u32),
        None => node.span,
    };
    match Recurrence::parse_spanned(&text.value, &span_of) {
        Ok(parsed) => {
            for d in parsed.diagnostics {
                cx.push(d);
            }
            Some(Spanned::new(parsed.rule, node.span))
        }
        Err(errors) => {
            for d in errors {
                cx.push(d);
            }
            None
        }
    }
}

/// `members: [alice, bob, [carol, dan], []]`.
fn members(
    cx: &mut Cx,
    tables: &Tables,
    node: &Node,
) -> Option<(Vec<Vec<crate::model::PersonIdx>>, Span)> {
    let list = cx.list(
        node,
        "`members` to be a list of people (or lists of people)",
    )?;
    if list.is_empty() {
        cx.push(
            error("empty-rotation", node.span, "this rotation has no members")
                .with_help("list who takes turns, like `members: [alice, bob]`; use `[]` inside the list for a turn with nobody"),
        );
        return None;
    }
    let turns = all(list
        .iter()
        .map(|item| match &item.kind {
            NodeKind::Str(_) => tables.person_at(cx, item, "members").map(|p| vec![p]),
            NodeKind::Seq(people) => all(people
                .iter()
                .map(|p| tables.person_at(cx, p, "members"))
                .collect::<Vec<_>>()),
            _ => {
                cx.wrong_type(item, "a person id or a list of person ids");
                None
            }
        })
        .collect::<Vec<_>>())?;
    Some((turns, node.span))
}

/// The average length of a month (365.2425 days / 12), the nominal length
/// of a month shift.
const MONTH: i64 = 2_629_746;

/// The most a turn may span of handoff points (`every`).
const MAX_EVERY: i64 = 1_000;

/// The most handoff points a period may list.
const MAX_POINTS: usize = 1_000;

/// `handoffs: {daily: ["09:00", "21:00"]}`, `{weekly: ["mon 09:00", "fri
/// 15:55"], every: 2}` or `{monthly: ["1 08:00", "15 08:00"]}`.
fn handoffs(cx: &mut Cx, node: &Node) -> Option<(Spanned<crate::time::Seconds>, Cadence)> {
    let obj = cx.object(node, "`handoffs`", &["daily", "weekly", "monthly", "every"])?;
    let kinds: Vec<&str> = ["daily", "weekly", "monthly"]
        .into_iter()
        .filter(|k| obj.has(k))
        .collect();
    let every = match obj.get("every") {
        None => Some(1),
        Some(n) => match n.kind {
            NodeKind::Int(m @ 1..=MAX_EVERY) => Some(m),
            NodeKind::Int(m) => {
                cx.push(
                    error(
                        "invalid-handoffs",
                        n.span,
                        format!("`every: {m}` is out of range"),
                    )
                    .with_help("a turn spans 1 to 1000 consecutive handoff points"),
                );
                None
            }
            _ => {
                cx.wrong_type(n, "`every` to be a whole number from 1 to 1000");
                None
            }
        },
    };
    let kind = match kinds.as_slice() {
        [kind] => *kind,
        [] => {
            if obj
                .entries
                .iter()
                .all(|e| ["every"].contains(&e.key.as_str()))
            {
                cx.push(
                    error("invalid-handoffs", obj.head_span(), "`handoffs` lists no points")
                        .with_help("give `daily`, `weekly` or `monthly` points, like `{weekly: [\"mon 09:00\"]}`"),
                );
            }
            return None;
        }
        [first, second, ..] => {
            let span = obj.key_span(second).unwrap_or(node.span);
            cx.push(
                error(
                    "invalid-handoffs",
                    span,
                    format!("`handoffs` takes one of `daily`, `weekly` and `monthly`; found `{first}` and `{second}`"),
                )
                .with_help("turns change at the points of a day, of a week or of a month: keep one"),
            );
            return None;
        }
    };
    let list_node = obj.get(kind)?;
    let list = cx.list(list_node, &format!("`{kind}` to be a list of points"))?;
    if list.is_empty() {
        cx.push(
            error(
                "empty-list",
                list_node.span,
                format!("`{kind}` lists no point"),
            )
            .with_help("list where turns change, like `[\"09:00\", \"21:00\"]`"),
        );
        return None;
    }
    if list.len() > MAX_POINTS {
        cx.push(
            error(
                "invalid-handoffs",
                list_node.span,
                format!("`{kind}` lists {} points; at most {MAX_POINTS}", list.len()),
            )
            .with_help("give fewer points, or a shorter `shift`"),
        );
        return None;
    }
    let points = all(list
        .iter()
        .map(|item| handoff_point(cx, kind, item))
        .collect::<Vec<_>>())?;
    // Each point once.
    let mut seen: Vec<(u32, u32)> = Vec::new();
    let mut ok = true;
    for (point, item) in points.iter().zip(list) {
        if seen.contains(point) {
            cx.push(
                error(
                    "invalid-handoffs",
                    item.span,
                    format!(
                        "handoff point `{}` is listed twice",
                        item.as_str().unwrap_or("")
                    ),
                )
                .with_help("list each point once"),
            );
            ok = false;
        }
        seen.push(*point);
    }
    let every = every?;
    if !ok {
        return None;
    }
    let (period, spec) = match kind {
        "daily" => (
            86_400,
            PointSpec::Daily(points.iter().map(|p| p.1).collect()),
        ),
        "weekly" => (
            7 * 86_400,
            PointSpec::Weekly(points.iter().map(|p| p.0 * 86_400 + p.1).collect()),
        ),
        _ => (MONTH, PointSpec::Monthly(points)),
    };
    // The average turn: a period's share per point, times `every`.
    let average = (period * every / seen.len().max(1) as i64).max(1);
    Some((
        Spanned::new(crate::time::Seconds(average), node.span),
        Cadence::Points {
            points: spec,
            every: every as u32,
        },
    ))
}

/// One point: `"09:00"` (daily), `"mon 09:00"` (weekly: weekday from
/// Monday, 0..=6) or `"31 18:00"` (monthly: day 1..=31), as `(day, seconds
/// after midnight)`.
fn handoff_point(cx: &mut Cx, kind: &str, node: &Node) -> Option<(u32, u32)> {
    let example = match kind {
        "daily" => "\"09:00\"",
        "weekly" => "\"mon 09:00\"",
        _ => "\"1 08:00\" (day of the month, then the time)",
    };
    let text = cx.string(
        node,
        &format!("a {kind} handoff point like {example} (quoted)"),
    )?;
    let (day, time) = match (kind, text.value.split_once(' ')) {
        ("daily", None) => (0, text.value.as_str()),
        ("weekly", Some((day, time))) => {
            let day = values::parse_weekday(day)
                .map_err(|e| cx.value_error("invalid-weekday", node.span, e))
                .ok()?;
            (day.num_days_from_monday(), time.trim_start())
        }
        ("monthly", Some((day, time))) => match day.parse::<u32>() {
            Ok(d @ 1..=31) => (d, time.trim_start()),
            _ => {
                cx.push(
                    error(
                        "invalid-handoffs",
                        node.span,
                        format!("`{day}` is not a day of the month"),
                    )
                    .with_help("monthly points start with a day from 1 to 31, like \"15 08:00\""),
                );
                return None;
            }
        },
        _ => {
            cx.push(
                error(
                    "invalid-handoffs",
                    node.span,
                    format!("`{}` is not a {kind} handoff point", text.value),
                )
                .with_help(format!("write {kind} points like {example}")),
            );
            return None;
        }
    };
    let time = values::parse_wall_time(time)
        .map_err(|e| cx.value_error("invalid-time", node.span, e))
        .ok()?;
    if time.0 >= 86_400 {
        cx.push(
            error(
                "invalid-time",
                node.span,
                "a handoff point cannot be at `24:00`",
            )
            .with_help("use `00:00` of the next day"),
        );
        return None;
    }
    Some((day, time.0))
}

/// `shift: 1w` (a duration on the wall clock) or `shift: 3mo` (months).
fn shift(cx: &mut Cx, node: &Node) -> Option<(Spanned<crate::time::Seconds>, Cadence)> {
    if let Some(months) = node.as_str().and_then(values::parse_months) {
        let text = node.as_str().unwrap_or("");
        return match months {
            Ok(0) => {
                cx.push(
                    error(
                        "non-positive-shift",
                        node.span,
                        "a shift of zero months never hands off",
                    )
                    .with_help("a month shift is a positive number of months, like `1mo`"),
                );
                None
            }
            Ok(n) => Some((
                Spanned::new(crate::time::Seconds(n * MONTH), node.span),
                Cadence::Months(n as u32),
            )),
            Err(err) if err.code == values::NEGATIVE_DURATION => {
                cx.push(
                    error(
                        "non-positive-shift",
                        node.span,
                        format!("shift `{text}` is negative"),
                    )
                    .with_help("a month shift is a positive number of months, like `1mo`"),
                );
                None
            }
            Err(err) => {
                cx.value_error("invalid-duration", node.span, err);
                None
            }
        };
    }
    seconds_shift(cx, node).map(|s| (s, Cadence::Shift))
}

fn seconds_shift(cx: &mut Cx, node: &Node) -> Option<Spanned<crate::time::Seconds>> {
    if let Some(text) = node.as_str() {
        if let Err(err) = values::parse_duration(text) {
            if err.code == values::NEGATIVE_DURATION {
                cx.push(
                    error(
                        "non-positive-shift",
                        node.span,
                        format!("shift `{text}` is negative"),
                    )
                    .with_help("a shift is the positive length of one turn, like `1w` or `12h`"),
                );
                return None;
            }
        }
    }
    let shift = cx.duration(node)?;
    if shift.value.0 <= 0 {
        cx.push(
            error(
                "non-positive-shift",
                node.span,
                "a shift of zero never hands off",
            )
            .with_help("a shift is the positive length of one turn, like `1w` or `12h`"),
        );
        return None;
    }
    Some(shift)
}

pub(super) fn override_(
    cx: &mut Cx,
    tables: &Tables,
    tz: Resolve,
    node: &Node,
) -> Option<Override> {
    let keys = [
        "person", "people", "replaces", "add", "remove", "from", "to", "source",
    ];
    let obj = cx.object(node, "an override", &keys)?;
    let source = obj.opt_string(cx, "source");
    let present: Vec<&str> = ["person", "people", "add", "remove"]
        .into_iter()
        .filter(|k| obj.has(k))
        .collect();
    let from = obj.required(cx, "from").and_then(|n| cx.date_time(n));
    let to = obj.required(cx, "to").and_then(|n| cx.date_time(n));
    if let (Some(from), Some(to)) = (&from, &to) {
        if instant(to.value, tz) <= instant(from.value, tz) {
            cx.push(
                error(
                    "ends-before-start",
                    to.span,
                    "this override ends before it starts",
                )
                .with_help("`to` must be later than `from`")
                .with_label(from.span, "starts here"),
            );
        }
    }
    let kind = match present.as_slice() {
        [key @ ("person" | "people")] => {
            // `people: []` without `replaces` replaces everyone with nobody
            // (Opsgenie's `user: none`).
            let people = obj.required(cx, key).and_then(|n| match &n.kind {
                NodeKind::Seq(items) if items.is_empty() && !obj.has("replaces") => {
                    Some(Vec::new())
                }
                _ => tables.people_at(cx, n, key),
            });
            match obj.get("replaces") {
                Some(r) => {
                    let replaces = tables.person_at(cx, r, "replaces");
                    Some(OverrideKind::Swap {
                        replaces: replaces?,
                        people: people?,
                    })
                }
                None => people.map(|people| OverrideKind::Replace { people }),
            }
        }
        [key @ ("add" | "remove")] => {
            if let Some(span) = obj.key_span("replaces") {
                cx.push(
                    error(
                        "invalid-override",
                        span,
                        format!("`replaces` goes with `person`, not with `{key}`"),
                    )
                    .with_help("`replaces: X` swaps X for the override's `person`"),
                );
            }
            let people = obj
                .required(cx, key)
                .and_then(|n| tables.people_at(cx, n, key))?;
            Some(if *key == "add" {
                OverrideKind::Add { people }
            } else {
                OverrideKind::Remove { people }
            })
        }
        [] => {
            cx.push(
                error(
                    "invalid-override",
                    obj.head_span(),
                    "this override names nobody",
                )
                .with_help("give `person` (or `people`), `add` or `remove`"),
            );
            None
        }
        [_] => None,
        [_, second, ..] => {
            let span = obj.key_span(second).unwrap_or(node.span);
            cx.push(
                error("invalid-override", span, format!("an override takes only one of `person`, `people`, `add` and `remove`; found `{}` and `{second}`", present.first().copied().unwrap_or("")))
                    .with_help("split it into two overrides"),
            );
            None
        }
    };
    Some(Override {
        kind: kind?,
        source: source.map(|n| n.value),
        from: from?,
        to: to?,
        span: node.span,
    })
}

/// A list of windows (`restrictions`, `support_hours`); absent is empty.
pub(super) fn windows(cx: &mut Cx, node: Option<&Node>, key: &str) -> Option<Vec<Spanned<Window>>> {
    all(items(cx, node, key)
        .iter()
        .map(|n| window(cx, n))
        .collect::<Vec<_>>())
}

fn window(cx: &mut Cx, node: &Node) -> Option<Spanned<Window>> {
    let obj = cx.object(node, "a window", &["days", "from", "to", "duration"])?;
    let days = obj.get("days").map(|n| {
        let list = cx.list(n, "`days` to be a list of weekdays like `[mon, tue]`")?;
        if list.is_empty() {
            cx.push(
                error(
                    "empty-list",
                    n.span,
                    "`days` lists no day: the window never opens",
                )
                .with_help("list the weekdays it opens on, or leave `days` out for every day"),
            );
            return None;
        }
        let days = all(list
            .iter()
            .map(|d| {
                let text = cx.string(d, "a weekday like `mon`")?;
                values::parse_weekday(&text.value)
                    .map_err(|e| cx.value_error("invalid-weekday", d.span, e))
                    .ok()
            })
            .collect::<Vec<_>>())?;
        Some(days.into_iter().fold(DaySet::default(), DaySet::with))
    });
    let from = obj.required(cx, "from").and_then(|n| window_end(cx, n));
    // Exactly one of `to` and `duration`.
    let close = match (obj.get("to"), obj.get("duration")) {
        (Some(_), Some(_)) => {
            let span = obj.key_span("duration").unwrap_or(node.span);
            cx.push(
                error(
                    "invalid-window",
                    span,
                    "a window has `to` or `duration`, not both",
                )
                .with_help("`to` closes it at a local time, `duration` after that much elapsed time: keep one"),
            );
            None
        }
        (Some(to), None) => window_end(cx, to).map(Ok),
        (None, Some(duration)) => cx.duration(duration).map(Err),
        (None, None) => {
            cx.push(
                error(
                    "missing-key",
                    obj.head_span(),
                    "a window is missing `to` (or `duration`)",
                )
                .with_help("close it at a time, `to: \"17:00\"`, or after a while, `duration: 8h`"),
            );
            None
        }
    };
    let days = match days {
        Some(d) => Some(d?),
        None => None,
    };
    let (from, close) = (from?, close?);
    let to = match close {
        Ok(to) => to,
        Err(length) => {
            if let (Some(days_span), WindowEnd::Weekly(..)) = (obj.key_span("days"), from.value) {
                cx.push(
                    error("mixed-window-forms", days_span, "`days` cannot go with a weekday in `from`")
                        .with_help("use `{days: [...], from: \"19:00\", duration: 12h}` or `{from: \"fri 17:00\", duration: 64h}`"),
                );
                return None;
            }
            return match values::window_for_parts(days, from.value, length.value) {
                Ok(window) => Some(Spanned::new(window, node.span)),
                Err(err) => {
                    let span = if err.code == "invalid-duration" {
                        length.span
                    } else {
                        from.span
                    };
                    cx.value_error(
                        if err.code == "invalid-duration" {
                            "invalid-duration"
                        } else {
                            "invalid-time"
                        },
                        span,
                        err,
                    );
                    None
                }
            };
        }
    };
    if let (Some(days_span), WindowEnd::Weekly(..), WindowEnd::Weekly(..)) =
        (obj.key_span("days"), from.value, to.value)
    {
        cx.push(
            error("mixed-window-forms", days_span, "`days` cannot go with weekdays in `from` and `to`")
                .with_help("use `{days: [...], from: \"09:00\", to: \"17:00\"}` or `{from: \"fri 17:00\", to: \"mon 09:00\"}`"),
        );
        return None;
    }
    match values::window_from_parts(days, from.value, to.value) {
        Ok(window) => Some(Spanned::new(window, node.span)),
        Err(err) => {
            let mixed = matches!(
                (from.value, to.value),
                (WindowEnd::Time(_), WindowEnd::Weekly(..))
                    | (WindowEnd::Weekly(..), WindowEnd::Time(_))
            );
            let (code, span) = if mixed {
                ("mixed-window-forms", to.span)
            } else {
                ("invalid-time", from.span)
            };
            cx.value_error(code, span, err);
            None
        }
    }
}

/// `"09:00"` or `"fri 17:00"`; weekday and time errors are told apart.
fn window_end(cx: &mut Cx, node: &Node) -> Option<Spanned<WindowEnd>> {
    let text = cx.string(node, "a time like \"09:00\" or \"fri 17:00\" (quoted)")?;
    let end = match text.value.split_once(' ') {
        Some((day, time)) => {
            let day = values::parse_weekday(day)
                .map_err(|e| cx.value_error("invalid-weekday", node.span, e))
                .ok();
            let time = values::parse_wall_time(time.trim_start())
                .map_err(|e| cx.value_error("invalid-time", node.span, e))
                .ok();
            WindowEnd::Weekly(day?, time?)
        }
        None => WindowEnd::Time(
            values::parse_wall_time(&text.value)
                .map_err(|e| cx.value_error("invalid-time", node.span, e))
                .ok()?,
        ),
    };
    Some(Spanned::new(end, node.span))
}

/// How a schedule's local date-times become instants, for ordering checks:
/// its zone and its `dst_gap`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Resolve {
    pub tz: Tz,
    pub gap: DstGap,
}

impl From<Tz> for Resolve {
    fn from(tz: Tz) -> Resolve {
        Resolve {
            tz,
            gap: DstGap::Shift,
        }
    }
}

/// The instant of a date-time for ordering checks: a local time in a DST
/// gap moves forward by the gap (SPEC section 1), or to the transition with
/// `dst_gap: transition`; a repeated one is the earlier occurrence.
pub(super) fn instant(spec: DateTimeSpec, at: impl Into<Resolve>) -> i64 {
    let at = at.into();
    crate::time::resolve_by(&spec, at.tz, at.gap).0
}
