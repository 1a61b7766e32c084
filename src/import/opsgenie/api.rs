//! Opsgenie REST API v2 JSON: the responses of `GET /v2/schedules`
//! (`expand=rotation`), `/v2/schedules/{id}/rotations`,
//! `/v2/schedules/{id}/overrides`, `/v2/escalations`, `/v2/teams/{id}`,
//! `/v2/teams/{id}/routing-rules` and `/v2/users`, single or listed, in the
//! `{"data": ..., "took", "requestId"}` envelope or bare; several files.
//!
//! Objects are recognised by their keys, so one file may hold any mix.

use crate::diagnostic::Diagnostic;
use crate::document::{Node, NodeKind};

use super::common::{self, Style};
use super::node::{as_list, at, Obj};
use super::og::{
    At, Escalation, Loose, Member, Notify, Og, Override, OverrideUser, Participant, Recipient, Ref,
    Repeat, Rotation, RoutingRule, Rule, Schedule, Team, User, F,
};
use super::Diags;

/// Keys of the response envelope (transport, not configuration).
const ENVELOPE: [&str; 7] = [
    "took",
    "requestId",
    "expandable",
    "paging",
    "totalCount",
    "result",
    "message",
];

/// Keys read but with no meaning for on-call paths (account metadata).
const METADATA: [&str; 14] = [
    "links",
    "createdAt",
    "updatedAt",
    "verified",
    "blocked",
    "locale",
    "role",
    "tags",
    "details",
    "userAddress",
    "skypeUsername",
    "mutedUntil",
    "userContacts",
    "expandable",
];

/// Reads one API JSON file into `og`.
pub fn read(og: &mut Og, file: usize, root: &Node, diags: &mut Diags) {
    match &root.kind {
        NodeKind::Map(_) if root.get("data").is_some() => {
            let Some(mut env) = Obj::new(root, file, "a response", diags) else {
                return;
            };
            env.skip(&ENVELOPE);
            let data = env.get("data");
            env.finish(diags, "not part of an Opsgenie response");
            if let Some(data) = data {
                for item in as_list(data) {
                    object(og, file, item, diags);
                }
            }
        }
        NodeKind::Seq(items) => {
            for item in items {
                object(og, file, item, diags);
            }
        }
        _ => object(og, file, root, diags),
    }
}

/// What an API object is, from its keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    User,
    Escalation,
    Schedule,
    Rotation,
    RoutingRule,
    Override,
    Team,
}

fn kind(node: &Node) -> Option<Kind> {
    let has = |k: &str| node.get(k).is_some();
    Some(if has("username") {
        Kind::User
    } else if has("alias") || (has("user") && has("startDate")) {
        Kind::Override
    } else if has("rules") {
        Kind::Escalation
    } else if has("participants") {
        Kind::Rotation
    } else if has("rotations") || (has("timezone") && has("enabled")) {
        Kind::Schedule
    } else if has("notify") || has("criteria") || has("isDefault") {
        Kind::RoutingRule
    } else if has("members") || has("links") || (has("name") && has("id")) {
        Kind::Team
    } else {
        return None;
    })
}

fn object(og: &mut Og, file: usize, node: &Node, diags: &mut Diags) {
    let Some(k) = kind(node) else {
        diags.push(
            file,
            Diagnostic::warning(
                "import-not-recognised",
                node.span,
                "this object is no Opsgenie schedule, rotation, override, escalation, team, routing rule or user; not imported",
            ),
        );
        return;
    };
    match k {
        Kind::User => {
            if let Some(u) = user(node, file, diags) {
                og.users.push(u);
            }
        }
        Kind::Escalation => {
            if let Some(e) = escalation(node, file, diags) {
                og.escalations.push(e);
            }
        }
        Kind::Schedule => {
            if let Some(s) = schedule(node, file, diags) {
                og.schedules.push(s);
            }
        }
        Kind::Rotation => {
            let Some(mut obj) = Obj::new(node, file, "a rotation", diags) else {
                return;
            };
            let owner = obj
                .get("_parent")
                .and_then(|n| reference(n, file, &["name"], diags));
            if let Some(r) = rotation_obj(obj, diags) {
                og.rotations.push(Loose { owner, item: r });
            }
        }
        Kind::Override => {
            let Some(mut obj) = Obj::new(node, file, "an override", diags) else {
                return;
            };
            let owner = obj
                .get("_parent")
                .and_then(|n| reference(n, file, &["name"], diags));
            if let Some(o) = override_obj(obj, diags) {
                og.overrides.push(Loose { owner, item: o });
            }
        }
        Kind::RoutingRule => {
            let Some(mut obj) = Obj::new(node, file, "a routing rule", diags) else {
                return;
            };
            let owner = obj
                .get_any(&["_parent", "team"])
                .and_then(|n| reference(n, file, &["name"], diags))
                .or_else(|| {
                    obj.str("teamId", diags)
                        .map(|id| Ref::new(Some(id.v), None, id.at))
                });
            if let Some(r) = routing_obj(obj, diags) {
                og.routing.push(Loose { owner, item: r });
            }
        }
        Kind::Team => {
            if let Some(t) = team(node, file, diags) {
                og.teams.push(t);
            }
        }
    }
}

/// A reference object `{id, name}` / `{id, username}` (either may be
/// absent), or a bare string (an id).
fn reference(node: &Node, file: usize, name_keys: &[&str], diags: &mut Diags) -> Option<Ref> {
    if let Some(s) = node.as_str() {
        return Some(Ref::new(Some(s.to_string()), None, at(node, file)));
    }
    let mut obj = Obj::new(node, file, "a reference", diags)?;
    let id = obj.str("id", diags).map(|f| f.v);
    let name = name_keys
        .iter()
        .find_map(|k| obj.str(k, diags))
        .map(|f| f.v);
    obj.skip(&["type", "enabled", "name", "username", "fullName"]);
    obj.finish(diags, "not part of a reference");
    let r = Ref::new(id, name, at(node, file));
    (!r.is_empty()).then_some(r)
}

fn user(node: &Node, file: usize, diags: &mut Diags) -> Option<User> {
    let mut obj = Obj::new(node, file, "a user", diags)?;
    let id = obj.str("id", diags).map(|f| f.v);
    let username = obj.str("username", diags);
    let full_name = obj.str("fullName", diags);
    let timezone = obj.str("timeZone", diags);
    obj.skip(&METADATA);
    let at = obj.at();
    obj.finish(diags, "no meaning for on-call paths");
    let source = username
        .as_ref()
        .map(|u| u.v.clone())
        .or_else(|| id.clone())
        .unwrap_or_default();
    Some(User {
        id,
        username,
        full_name,
        timezone,
        source,
        at,
        stub: false,
    })
}

fn team(node: &Node, file: usize, diags: &mut Diags) -> Option<Team> {
    let mut obj = Obj::new(node, file, "a team", diags)?;
    let id = obj.str("id", diags).map(|f| f.v);
    let name = obj.str("name", diags);
    let members = obj.list("members").map(|(items, _)| {
        items
            .into_iter()
            .filter_map(|m| member(m, file, diags))
            .collect::<Vec<_>>()
    });
    // Some exports embed the routing rules in the team: accepted.
    let routing: Vec<RoutingRule> = obj
        .list("routingRules")
        .map(|(items, _)| {
            items
                .into_iter()
                .filter_map(|n| routing_obj(Obj::new(n, file, "a routing rule", diags)?, diags))
                .collect()
        })
        .unwrap_or_default();
    obj.skip(&METADATA);
    let at = obj.at();
    obj.finish(diags, "no meaning for on-call paths");
    let name = name.unwrap_or_else(|| F::new(id.clone().unwrap_or_default(), at));
    Some(Team {
        source: id.clone().unwrap_or_else(|| name.v.clone()),
        id,
        name,
        members,
        routing,
        delete_default_resources: None,
        at,
        stub: false,
    })
}

fn member(node: &Node, file: usize, diags: &mut Diags) -> Option<Member> {
    let mut obj = Obj::new(node, file, "a team member", diags)?;
    let user = obj
        .get("user")
        .and_then(|n| reference(n, file, &["username"], diags));
    let role = obj
        .str("role", diags)
        .unwrap_or_else(|| F::new("user".to_string(), obj.at()));
    let at = obj.at();
    obj.finish(diags, "not part of a team member");
    match user {
        Some(user) => Some(Member { user, role }),
        None => {
            diags.push(
                file,
                Diagnostic::warning(
                    "import-missing-key",
                    at.span,
                    "this team member names no user; not imported",
                ),
            );
            None
        }
    }
}

fn schedule(node: &Node, file: usize, diags: &mut Diags) -> Option<Schedule> {
    let mut obj = Obj::new(node, file, "a schedule", diags)?;
    let id = obj.str("id", diags).map(|f| f.v);
    let name = obj.str("name", diags);
    let timezone = obj.str("timezone", diags);
    let enabled = obj.bool("enabled", diags);
    let owner_team = obj
        .get("ownerTeam")
        .and_then(|n| reference(n, file, &["name"], diags));
    let rotations = obj.list("rotations");
    let has_rotations = rotations.is_some();
    let rotations: Vec<Rotation> = rotations
        .map(|(items, _)| {
            items
                .into_iter()
                .filter_map(|n| rotation_obj(Obj::new(n, file, "a rotation", diags)?, diags))
                .collect()
        })
        .unwrap_or_default();
    obj.skip(&METADATA);
    let at = obj.at();
    obj.finish(diags, "no meaning for on-call paths");
    let name = name.unwrap_or_else(|| F::new(id.clone().unwrap_or_default(), at));
    Some(Schedule {
        source: id.clone().unwrap_or_else(|| name.v.clone()),
        id,
        name,
        timezone,
        enabled,
        owner_team,
        rotations,
        has_rotations,
        overrides: Vec::new(),
        at,
        stub: false,
    })
}

fn rotation_obj(mut obj: Obj, diags: &mut Diags) -> Option<Rotation> {
    let file = obj.file;
    let id = obj.str("id", diags).map(|f| f.v);
    let name = obj.str("name", diags);
    let kind = obj.str("type", diags);
    let length = obj.int("length", diags);
    let start = obj.str("startDate", diags);
    let end = obj.str("endDate", diags);
    let enabled = obj.bool("enabled", diags);
    let (participants, participants_at) = match obj.list("participants") {
        Some((items, pat)) => (
            items
                .into_iter()
                .filter_map(|n| participant(n, file, diags))
                .collect(),
            pat,
        ),
        None => (Vec::new(), obj.head()),
    };
    let restriction = obj
        .get("timeRestriction")
        .and_then(|n| time_restriction(n, file, diags));
    let at = obj.at();
    obj.finish(diags, "not part of a rotation");
    Some(Rotation {
        source: id
            .clone()
            .or_else(|| name.as_ref().map(|n| n.v.clone()))
            .unwrap_or_default(),
        id,
        name,
        kind,
        length,
        start,
        end,
        participants,
        participants_at,
        restriction,
        enabled,
        at,
    })
}

fn participant(node: &Node, file: usize, diags: &mut Diags) -> Option<Participant> {
    let mut obj = Obj::new(node, file, "a participant", diags)?;
    let kind = obj.str("type", diags);
    let id = obj.str("id", diags).map(|f| f.v);
    let name = obj
        .str("username", diags)
        .or_else(|| obj.str("name", diags));
    let at = obj.at();
    obj.finish(diags, "not part of a participant");
    let r = Ref::new(id, name.map(|n| n.v), at);
    Some(match kind.as_ref().map(|k| k.v.as_str()) {
        Some("user") => Participant::User(r),
        Some("none") => Participant::None(at),
        Some("team") => Participant::Team(r),
        Some("escalation") => Participant::Escalation(r),
        Some(_) => Participant::Other(kind?),
        None => Participant::Other(F::new(String::new(), at)),
    })
}

fn time_restriction(
    node: &Node,
    file: usize,
    diags: &mut Diags,
) -> Option<(super::og::Restriction, At)> {
    let mut obj = Obj::new(node, file, "a time restriction", diags)?;
    let kind = obj.str("type", diags);
    let keys = (obj.key_at("restriction"), obj.key_at("restrictions"));
    let daily: Vec<&Node> = obj.get("restriction").map(as_list).unwrap_or_default();
    let weekly: Vec<&Node> = obj.get("restrictions").map(as_list).unwrap_or_default();
    // "restriction ... only if time restriction type is `time-of-day`",
    // "restrictions ... only if ... `weekday-and-time-of-day`" (the API's
    // TimeRestrictionInterval, notes Q3): the other key is not read.
    let unused = match kind.as_ref().map(|k| k.v.as_str()) {
        Some("time-of-day") => keys
            .1
            .map(|a| (a, "restrictions", "weekday-and-time-of-day", "restriction")),
        Some("weekday-and-time-of-day") => keys
            .0
            .map(|a| (a, "restriction", "time-of-day", "restrictions")),
        _ => None,
    };
    if let (Some((a, key, for_kind, used)), Some(k)) = (unused, &kind) {
        diags.push(
            file,
            Diagnostic::warning(
                "import-not-imported",
                a.span,
                format!("not imported: `{key}` belongs to a `{for_kind}` restriction, and this one is `{}`: its windows are its `{used}`", k.v),
            )
            .with_help("Opsgenie documents `restriction` for `time-of-day` and `restrictions` for `weekday-and-time-of-day`; remove the other key, or change `type`"),
        );
    }
    let at = obj.at();
    obj.finish(diags, "not part of a time restriction");
    common::restriction(
        kind,
        &daily,
        &weekly,
        at,
        Style::Camel,
        "Opsgenie keeps one `time-of-day` window; only the last is imported",
        diags,
    )
}

fn override_obj(mut obj: Obj, diags: &mut Diags) -> Option<Override> {
    let file = obj.file;
    let alias = obj.str("alias", diags);
    let user = obj.get("user").map(|n| {
        let a = at(n, file);
        if n.as_str() == Some("none") {
            return OverrideUser::None(a);
        }
        let kind = n.get("type").and_then(|t| t.as_str()).map(str::to_string);
        match kind.as_deref() {
            Some("none") => OverrideUser::None(a),
            Some("user") | None => match reference(n, file, &["username"], diags) {
                Some(r) => OverrideUser::User(r),
                None => OverrideUser::Other(F::new(String::new(), a)),
            },
            Some(other) => OverrideUser::Other(F::new(other.to_string(), a)),
        }
    });
    let start = obj.str("startDate", diags);
    let end = obj.str("endDate", diags);
    let rotations = obj
        .list("rotations")
        .and_then(|(items, a)| (!items.is_empty()).then_some(a));
    let at = obj.at();
    obj.finish(diags, "not part of an override");
    Some(Override {
        alias,
        user,
        start,
        end,
        rotations,
        at,
    })
}

fn escalation(node: &Node, file: usize, diags: &mut Diags) -> Option<Escalation> {
    let mut obj = Obj::new(node, file, "an escalation", diags)?;
    let id = obj.str("id", diags).map(|f| f.v);
    let name = obj.str("name", diags);
    let owner_team = obj
        .get("ownerTeam")
        .and_then(|n| reference(n, file, &["name"], diags));
    let (rules, rules_at) = match obj.list("rules") {
        Some((items, a)) => (
            items
                .into_iter()
                .enumerate()
                .filter_map(|(i, n)| rule(n, file, i, diags))
                .collect(),
            a,
        ),
        None => (Vec::new(), obj.head()),
    };
    let repeat = obj.get("repeat").and_then(|n| repeat(n, file, diags));
    obj.skip(&METADATA);
    let at = obj.at();
    obj.finish(diags, "no meaning for on-call paths");
    let name = name.unwrap_or_else(|| F::new(id.clone().unwrap_or_default(), at));
    Some(Escalation {
        source: id.clone().unwrap_or_else(|| name.v.clone()),
        id,
        name,
        owner_team,
        rules,
        rules_at,
        repeat,
        at,
        stub: false,
    })
}

fn rule(node: &Node, file: usize, index: usize, diags: &mut Diags) -> Option<Rule> {
    let mut obj = Obj::new(node, file, "an escalation rule", diags)?;
    let condition = obj.str("condition", diags);
    let notify_type = obj
        .str("notifyType", diags)
        .unwrap_or_else(|| F::new("default".to_string(), obj.head()));
    let delay = match obj.get("delay") {
        Some(n) if n.as_map().is_some() => {
            let mut d = Obj::new(n, file, "a delay", diags)?;
            let amount = d.int("timeAmount", diags);
            let unit = d.str("timeUnit", diags);
            let dat = d.at();
            d.finish(diags, "not part of a delay");
            let factor = match unit.as_ref().map(|u| u.v.as_str()) {
                None | Some("minutes") => 1,
                Some("hours") => 60,
                Some("days") => 1440,
                Some(other) => {
                    diags.push(
                        file,
                        Diagnostic::error(
                            "import-invalid-value",
                            unit.as_ref().map_or(dat.span, |u| u.at.span),
                            format!("delay unit `{other}` is not minutes, hours or days; the rule is not imported"),
                        ),
                    );
                    return None;
                }
            };
            let amount = amount.unwrap_or_else(|| F::new(0, dat));
            F::new(amount.v.saturating_mul(factor), dat)
        }
        Some(n) => super::node::int(n, file, "delay", diags)?,
        None => F::new(0, obj.head()),
    };
    let recipient = obj.get("recipient").and_then(|n| {
        let kind = n
            .get("type")
            .and_then(|t| super::node::string(t, file, "type", diags))?;
        let target = reference(n, file, &["name", "username"], diags).unwrap_or(Ref::new(
            None,
            None,
            at(n, file),
        ));
        Some(Recipient { kind, target })
    });
    let at = obj.at();
    obj.finish(diags, "not part of an escalation rule");
    Some(Rule {
        condition,
        notify_type,
        delay,
        recipient,
        source: format!("rules[{index}]"),
        at,
    })
}

fn repeat(node: &Node, file: usize, diags: &mut Diags) -> Option<Repeat> {
    let mut obj = Obj::new(node, file, "a repeat", diags)?;
    let wait = obj.int("waitInterval", diags);
    let count = obj.int("count", diags);
    let reset = obj.bool("resetRecipientStates", diags);
    let close = obj.bool("closeAlertAfterAll", diags);
    let at = obj.at();
    obj.finish(diags, "not part of a repeat");
    Some(Repeat {
        // Opsgenie's defaults: no repeat (0), once (1).
        wait_interval: wait.unwrap_or_else(|| F::new(0, at)),
        count: count.unwrap_or_else(|| F::new(1, at)),
        reset_recipient_states: reset,
        close_alert_after_all: close,
        at,
    })
}

fn routing_obj(mut obj: Obj, diags: &mut Diags) -> Option<RoutingRule> {
    let file = obj.file;
    let id = obj.str("id", diags).map(|f| f.v);
    let name = obj.str("name", diags);
    let order = obj.int("order", diags);
    let is_default = obj.bool("isDefault", diags);
    let criteria = obj.get("criteria").and_then(|n| {
        let mut c = Obj::new(n, file, "criteria", diags)?;
        let kind = c.str("type", diags);
        c.skip(&["conditions"]);
        let cat = c.at();
        c.finish(diags, "not part of criteria");
        Some(kind.unwrap_or_else(|| F::new("match-all".to_string(), cat)))
    });
    let restriction = obj
        .get("timeRestriction")
        .and_then(|n| time_restriction(n, file, diags));
    let notify = obj.get("notify").and_then(|n| {
        let kind = n
            .get("type")
            .and_then(|t| super::node::string(t, file, "type", diags))?;
        let target =
            reference(n, file, &["name"], diags).unwrap_or(Ref::new(None, None, at(n, file)));
        Some(Notify { kind, target })
    });
    // The routing rule's zone only matters for its time restriction,
    // which is reported with the rule.
    obj.skip(&["timezone"]);
    let at = obj.at();
    obj.finish(diags, "not part of a routing rule");
    Some(RoutingRule {
        source: id
            .clone()
            .or_else(|| name.as_ref().map(|n| n.v.clone()))
            .unwrap_or_default(),
        name,
        order,
        is_default,
        criteria,
        restriction,
        notify,
        at,
    })
}
