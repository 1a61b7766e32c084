//! The YAML of `cloudposse/terraform-opsgenie-incident-management`
//! (`modules/config`): the Terraform resources' field names in snake_case,
//! references by name (`schedule_name`, `owner_team_name`, `username`...).
//!
//! Where the module sends Opsgenie something other than what the YAML says
//! (its defaults, the provider's quirks), this reader records what Opsgenie
//! receives and warns at the span; the meaning is left to the mapping.

use crate::diagnostic::Diagnostic;
use crate::document::Node;

use super::common::{self, Style};
use super::node::{as_list, Obj};
use super::og::{
    Escalation, Loose, Member, Notify, Og, Participant, Recipient, Ref, Repeat, Rotation,
    RoutingRule, Rule, Schedule, Team, User, F,
};
use super::Diags;

/// The top-level keys the module reads that are not on-call paths.
const OTHER_KEYS: [&str; 6] = [
    "alert_policies",
    "api_integrations",
    "notification_policies",
    "services",
    "service_incident_rules",
    "integration_actions",
];

/// The top-level keys of one module file that are read.
pub const KEYS: [&str; 7] = [
    "users",
    "existing_users",
    "teams",
    "schedules",
    "schedule_rotations",
    "escalations",
    "team_routing_rules",
];

/// Reads one module YAML file. `skip` lists the top-level keys a later
/// file replaces (the module merges the files' top-level keys with
/// `merge()`, so the last file wins).
pub fn read(og: &mut Og, file: usize, root: &Node, skip: &[(String, String)], diags: &mut Diags) {
    let Some(mut top) = Obj::new(root, file, "the module's resources", diags) else {
        return;
    };
    for (key, later) in skip {
        if let Some(a) = top.key_at(key) {
            top.get(key);
            diags.push(
                file,
                Diagnostic::warning(
                    "import-module-quirk",
                    a.span,
                    format!("not imported: `{key}` in `{later}` replaces this one (the module merges the files' top-level keys with `merge()`, so the last file in name order wins)"),
                ),
            );
        }
    }
    let skipped = |k: &str| skip.iter().any(|(s, _)| s == k);
    for key in KEYS {
        if skipped(key) {
            continue;
        }
        let Some((items, _)) = top.list(key) else {
            continue;
        };
        for item in items {
            match key {
                "users" | "existing_users" => {
                    if let Some(u) = user(item, file, key == "existing_users", diags) {
                        og.users.push(u);
                    }
                }
                "teams" => {
                    if let Some(t) = team(item, file, diags) {
                        og.teams.push(t);
                    }
                }
                "schedules" => {
                    if let Some(s) = schedule(item, file, diags) {
                        og.schedules.push(s);
                    }
                }
                "schedule_rotations" => {
                    if let Some(r) = rotation(item, file, diags) {
                        og.rotations.push(r);
                    }
                }
                "escalations" => {
                    if let Some(e) = escalation(item, file, diags) {
                        og.escalations.push(e);
                    }
                }
                _ => {
                    if let Some(r) = routing(item, file, diags) {
                        og.routing.push(r);
                    }
                }
            }
        }
    }
    top.skip(&OTHER_KEYS);
    for key in OTHER_KEYS {
        if let Some(a) = top.key_at(key) {
            diags.push(
                file,
                Diagnostic::info(
                    "import-not-imported",
                    a.span,
                    format!("not imported: `{key}` (not part of on-call schedules and escalation paths)"),
                ),
            );
        }
    }
    top.finish(diags, "not a key of the module's resources");
}

/// A reference by name.
fn by_name(name: F<String>) -> Ref {
    Ref::new(None, Some(name.v), name.at)
}

fn user(node: &Node, file: usize, existing: bool, diags: &mut Diags) -> Option<User> {
    let mut obj = Obj::new(node, file, "a user", diags)?;
    let username = obj.str("username", diags);
    let full_name = obj.str("full_name", diags);
    let mut timezone = obj.str("timezone", diags);
    obj.skip(&[
        "role",
        "locale",
        "tags",
        "skype_username",
        "user_details",
        "user_address",
    ]);
    let at = obj.at();
    obj.finish(diags, "no meaning for on-call paths");
    let Some(username) = username else {
        diags.push(
            file,
            Diagnostic::error(
                "import-missing-key",
                at.span,
                "this user has no `username`; not imported",
            ),
        );
        return None;
    };
    if timezone.is_none() && !existing {
        // modules/config/users.tf: `timezone = try(each.value.timezone, "America/New_York")`.
        diags.push(
            file,
            Diagnostic::info(
                "import-module-quirk",
                username.at.span,
                "this user has no `timezone`: the module sends `America/New_York`",
            ),
        );
        timezone = Some(F::new("America/New_York".to_string(), username.at));
    }
    Some(User {
        id: None,
        source: username.v.clone(),
        username: Some(username),
        full_name,
        timezone,
        at,
        stub: false,
    })
}

fn team(node: &Node, file: usize, diags: &mut Diags) -> Option<Team> {
    let mut obj = Obj::new(node, file, "a team", diags)?;
    let name = obj.str("name", diags);
    let ignore = obj.bool("ignore_members", diags);
    let members = obj.list("members").map(|(items, _)| {
        items
            .into_iter()
            .filter_map(|m| {
                let mut mo = Obj::new(m, file, "a team member", diags)?;
                let username = mo.str("username", diags);
                let role = mo.str("role", diags);
                let mat = mo.at();
                mo.finish(diags, "not part of a team member");
                let Some(username) = username else {
                    diags.push(
                        file,
                        Diagnostic::warning(
                            "import-missing-key",
                            mat.span,
                            "this team member has no `username`; not imported",
                        ),
                    );
                    return None;
                };
                Some(Member {
                    // The provider's default role.
                    role: role.unwrap_or_else(|| F::new("user".to_string(), mat)),
                    user: by_name(username),
                })
            })
            .collect::<Vec<_>>()
    });
    let delete_default = obj.bool("delete_default_resources", diags);
    let at = obj.at();
    obj.finish(diags, "no meaning for on-call paths");
    let Some(name) = name else {
        diags.push(
            file,
            Diagnostic::error(
                "import-missing-key",
                at.span,
                "this team has no `name`; not imported",
            ),
        );
        return None;
    };
    if let Some(ignore) = ignore.filter(|i| i.v) {
        diags.push(
            file,
            Diagnostic::info(
                "import-assumption",
                ignore.at.span,
                "`ignore_members: true`: the members listed are imported, though Terraform neither sends nor reads them",
            ),
        );
    }
    Some(Team {
        id: None,
        source: name.v.clone(),
        name,
        members,
        routing: Vec::new(),
        delete_default_resources: delete_default,
        at,
        stub: false,
    })
}

fn schedule(node: &Node, file: usize, diags: &mut Diags) -> Option<Schedule> {
    let mut obj = Obj::new(node, file, "a schedule", diags)?;
    let name = obj.str("name", diags);
    let timezone = obj.str("timezone", diags);
    let enabled = obj.bool("enabled", diags);
    let owner = obj.str("owner_team_name", diags).map(by_name);
    let at = obj.at();
    obj.finish(diags, "no meaning for on-call paths");
    let Some(name) = name else {
        diags.push(
            file,
            Diagnostic::error(
                "import-missing-key",
                at.span,
                "this schedule has no `name`; not imported",
            ),
        );
        return None;
    };
    let timezone = match timezone {
        Some(t) => Some(t),
        None => {
            // modules/config/schedules.tf: `timezone = try(each.value.timezone, each.value.name)`.
            diags.push(
                file,
                Diagnostic::warning(
                    "import-module-quirk",
                    name.at.span,
                    format!("this schedule has no `timezone`: the module sends its name `{}` as the timezone", name.v),
                )
                .with_help("add `timezone:` to the schedule"),
            );
            Some(F::new(name.v.clone(), name.at))
        }
    };
    // modules/config/schedules.tf: `enabled = try(each.value.enabled, true)`.
    let enabled = enabled.or(Some(F::new(true, at)));
    Some(Schedule {
        id: None,
        source: name.v.clone(),
        name,
        timezone,
        enabled,
        owner_team: owner,
        rotations: Vec::new(),
        has_rotations: true,
        overrides: Vec::new(),
        at,
        stub: false,
    })
}

fn rotation(node: &Node, file: usize, diags: &mut Diags) -> Option<Loose<Rotation>> {
    let mut obj = Obj::new(node, file, "a schedule rotation", diags)?;
    let name = obj.str("name", diags);
    let schedule = obj.str("schedule_name", diags).map(by_name);
    let kind = obj.str("type", diags);
    let length = obj.int("length", diags);
    let start = obj.str("start_date", diags);
    let end = obj.str("end_date", diags);
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
    let restriction = obj.get("time_restriction").and_then(|n| {
        let mut tr = Obj::new(n, file, "a time restriction", diags)?;
        let kind = tr.str("type", diags);
        // The module's list feeds `restriction` blocks for `time-of-day`
        // and `restrictions` blocks for `weekday-and-time-of-day`.
        let list: Vec<&Node> = tr.get("restrictions").map(as_list).unwrap_or_default();
        let tat = tr.at();
        tr.finish(diags, "not part of a time restriction");
        common::restriction(
            kind,
            &list,
            &list,
            tat,
            Style::Snake,
            "not imported: the module makes a `restriction` block of each entry and the provider sends only the last one",
            diags,
        )
    });
    let at = obj.at();
    obj.finish(diags, "not part of a rotation");
    Some(Loose {
        owner: schedule,
        item: Rotation {
            id: None,
            source: name.as_ref().map(|n| n.v.clone()).unwrap_or_default(),
            name,
            kind,
            length,
            start,
            end,
            participants,
            participants_at,
            restriction,
            enabled: None,
            at,
        },
    })
}

fn participant(node: &Node, file: usize, diags: &mut Diags) -> Option<Participant> {
    let mut obj = Obj::new(node, file, "a participant", diags)?;
    let kind = obj.str("type", diags);
    let username = obj.str("username", diags);
    let id = obj.str("id", diags);
    let name = obj.str("name", diags);
    let at = obj.at();
    obj.finish(diags, "not part of a participant");
    let kind_text = kind.as_ref().map(|k| k.v.clone()).unwrap_or_default();
    if kind_text != "user" {
        // modules/config/schedule_rotations.tf: `id = try(opsgenie_user.this[participant.value.username].id, ...)`.
        diags.push(
            file,
            Diagnostic::warning(
                "import-module-quirk",
                at.span,
                format!("the module resolves every participant as a user by `username`, so this `{kind_text}` participant makes `terraform plan` fail; imported as the YAML says"),
            ),
        );
    }
    let r = Ref::new(id.map(|i| i.v), username.or(name).map(|n| n.v), at);
    Some(match kind_text.as_str() {
        "user" => Participant::User(r),
        "none" => Participant::None(at),
        "team" => Participant::Team(r),
        "escalation" => Participant::Escalation(r),
        _ => Participant::Other(kind.unwrap_or_else(|| F::new(String::new(), at))),
    })
}

fn escalation(node: &Node, file: usize, diags: &mut Diags) -> Option<Escalation> {
    let mut obj = Obj::new(node, file, "an escalation", diags)?;
    let name = obj.str("name", diags);
    let owner = obj.str("owner_team_name", diags).map(by_name);
    // Two shapes: `rules:` (a list of rules, each with a `recipient`) and
    // the older `rule:` (one rule with a list of `recipients`).
    let (rule_nodes, rules_at, prefix) = if let Some((items, a)) = obj.list("rules") {
        (items, a, "rules")
    } else if let Some((items, a)) = obj.list("rule") {
        (items, a, "rule")
    } else {
        (Vec::new(), obj.head(), "rules")
    };
    let single = prefix == "rule";
    let rules: Vec<Rule> = rule_nodes
        .into_iter()
        .enumerate()
        .filter_map(|(i, n)| {
            let source = if single {
                "rule".to_string()
            } else {
                format!("rules[{i}]")
            };
            rule(n, file, source, diags)
        })
        .collect();
    let repeat = obj.get("repeat").and_then(|n| repeat(n, file, diags));
    let at = obj.at();
    obj.finish(diags, "no meaning for on-call paths");
    let Some(name) = name else {
        diags.push(
            file,
            Diagnostic::error(
                "import-missing-key",
                at.span,
                "this escalation has no `name`; not imported",
            ),
        );
        return None;
    };
    Some(Escalation {
        id: None,
        source: name.v.clone(),
        name,
        owner_team: owner,
        rules,
        rules_at,
        repeat,
        at,
        stub: false,
    })
}

fn rule(node: &Node, file: usize, source: String, diags: &mut Diags) -> Option<Rule> {
    let mut obj = Obj::new(node, file, "an escalation rule", diags)?;
    let head = obj.head();
    // modules/config/escalations.tf: `try(..., "if-not-acked")`, `"default"`, `0`.
    let condition = obj.str("condition", diags);
    let notify_type = obj
        .str("notify_type", diags)
        .unwrap_or_else(|| F::new("default".to_string(), head));
    let delay = obj.int("delay", diags).unwrap_or_else(|| F::new(0, head));
    let recipients: Vec<&Node> = match obj.get("recipient") {
        Some(n) => as_list(n),
        None => obj.get("recipients").map(as_list).unwrap_or_default(),
    };
    // The provider reads the recipient blocks of a rule in a loop that
    // overwrites one value: only the last is sent.
    let recipient = recipients.split_last().and_then(|(last, dropped)| {
        for d in dropped {
            diags.push(
                file,
                Diagnostic::warning(
                    "import-not-imported",
                    d.span,
                    "not imported: a rule has one recipient, and the provider sends only the last one listed",
                ),
            );
        }
        recipient(last, file, diags)
    });
    let at = obj.at();
    obj.finish(diags, "not part of an escalation rule");
    Some(Rule {
        condition,
        notify_type,
        delay,
        recipient,
        source,
        at,
    })
}

fn recipient(node: &Node, file: usize, diags: &mut Diags) -> Option<Recipient> {
    let mut obj = Obj::new(node, file, "a recipient", diags)?;
    let kind = obj.str("type", diags);
    let id = obj.str("id", diags);
    let name = obj.get_any(&[
        "schedule_name",
        "team_name",
        "user_name",
        "escalation_name",
        "username",
        "name",
    ]);
    let name = name.and_then(|n| super::node::string(n, file, "name", diags));
    let at = obj.at();
    obj.finish(diags, "not part of a recipient");
    let kind = kind.unwrap_or_else(|| F::new(String::new(), at));
    Some(Recipient {
        kind,
        target: Ref::new(id.map(|i| i.v), name.map(|n| n.v), at),
    })
}

fn repeat(node: &Node, file: usize, diags: &mut Diags) -> Option<Repeat> {
    let mut obj = Obj::new(node, file, "a repeat", diags)?;
    let at = obj.at();
    let wait = obj.int("wait_interval", diags);
    let count = obj.int("count", diags);
    let reset = obj.bool("reset_recipient_states", diags);
    let close = obj.bool("close_alert_after_all", diags);
    obj.finish(diags, "not part of a repeat");
    // modules/config/escalations.tf: `lookup(each.value.repeat, "wait_interval", 5)`,
    // `"count", 0`, `"reset_recipient_states", true`, `"close_alert_after_all", true`.
    let mut defaults = Vec::new();
    let wait = wait.unwrap_or_else(|| {
        defaults.push("`wait_interval: 5`");
        F::new(5, at)
    });
    let count = count.unwrap_or_else(|| {
        defaults.push("`count: 0`");
        F::new(0, at)
    });
    let reset = reset.or_else(|| {
        defaults.push("`reset_recipient_states: true`");
        Some(F::new(true, at))
    });
    let close = close.or_else(|| {
        defaults.push("`close_alert_after_all: true`");
        Some(F::new(true, at))
    });
    if !defaults.is_empty() {
        diags.push(
            file,
            Diagnostic::info(
                "import-module-quirk",
                at.span,
                format!(
                    "the module sends {} where the YAML gives none",
                    defaults.join(", ")
                ),
            ),
        );
    }
    let count = zero_count(count, file, diags);
    Some(Repeat {
        wait_interval: wait,
        count,
        reset_recipient_states: reset,
        close_alert_after_all: close,
        at,
    })
}

/// The provider's `count: 0` is left out of the request (the SDK's
/// `omitempty`), so Opsgenie's default of one repeat applies.
pub fn zero_count(count: F<i64>, file: usize, diags: &mut Diags) -> F<i64> {
    if count.v != 0 {
        return count;
    }
    diags.push(
        file,
        Diagnostic::warning(
            "import-provider-quirk",
            count.at.span,
            "`count: 0` is not sent (the provider's SDK leaves zero out), so Opsgenie's default of 1 repeat applies",
        ),
    );
    F::new(1, count.at)
}

fn routing(node: &Node, file: usize, diags: &mut Diags) -> Option<Loose<RoutingRule>> {
    let mut obj = Obj::new(node, file, "a team routing rule", diags)?;
    let name = obj.str("name", diags);
    let team = obj.str("owner_team_name", diags).map(by_name);
    let is_default = obj.bool("is_default", diags);
    let order = obj.int("order", diags);
    let criteria = obj.get("criteria").and_then(|n| {
        let mut c = Obj::new(n, file, "criteria", diags)?;
        let kind = c.str("type", diags);
        c.skip(&["conditions"]);
        let cat = c.at();
        c.finish(diags, "not part of criteria");
        // modules/config/team_routing_rules.tf: `lookup(each.value.criteria, "type", "match-all")`.
        Some(kind.unwrap_or_else(|| F::new("match-all".to_string(), cat)))
    });
    let restriction = obj.get("time_restriction").and_then(|n| {
        let mut tr = Obj::new(n, file, "a time restriction", diags)?;
        let kind = tr.str("type", diags);
        let list: Vec<&Node> = tr.get("restrictions").map(as_list).unwrap_or_default();
        let tat = tr.at();
        tr.finish(diags, "not part of a time restriction");
        common::restriction(
            kind,
            &list,
            &list,
            tat,
            Style::Snake,
            "not imported: only the last `time-of-day` window is sent",
            diags,
        )
    });
    let notify = obj.list("notify").and_then(|(items, _)| {
        let (first, rest) = items.split_first()?;
        for r in rest {
            diags.push(
                file,
                Diagnostic::warning(
                    "import-not-imported",
                    r.span,
                    "not imported: a routing rule notifies one target; the first is imported",
                ),
            );
        }
        let mut n = Obj::new(first, file, "a notify target", diags)?;
        let kind = n.str("type", diags);
        let id = n.str("id", diags);
        let nm = n.str("name", diags);
        let nat = n.at();
        n.finish(diags, "not part of a notify target");
        let kind = kind.unwrap_or_else(|| F::new(String::new(), nat));
        if kind.v == "schedule" {
            // modules/config/team_routing_rules.tf: `id = opsgenie_escalation.this[notify.value.name].id`.
            diags.push(
                file,
                Diagnostic::warning(
                    "import-module-quirk",
                    nat.span,
                    "the module looks every notify target up among escalations, so a `schedule` target makes `terraform plan` fail; imported as the YAML says",
                ),
            );
        }
        Some(Notify {
            kind,
            target: Ref::new(id.map(|i| i.v), nm.map(|n| n.v), nat),
        })
    });
    obj.skip(&["timezone"]);
    let at = obj.at();
    obj.finish(diags, "not part of a routing rule");
    Some(Loose {
        owner: team,
        item: RoutingRule {
            source: name.as_ref().map(|n| n.v.clone()).unwrap_or_default(),
            name,
            order: order.or(Some(F::new(0, at))),
            is_default,
            criteria,
            restriction,
            notify,
            at,
        },
    })
}

/// The top-level keys of a module file (for the merge rule).
pub fn top_keys(root: &Node) -> Vec<String> {
    root.as_map()
        .map(|entries| entries.iter().map(|e| e.key.clone()).collect())
        .unwrap_or_default()
}
