//! GoAlert's GraphQL JSON into the intermediate ([`super::objects`]).
//!
//! A file is a GraphQL response (`{"data": {...}}`, with or without the
//! envelope) whose fields are the queries of docs/import-goalert.md:
//! `rotations`, `schedules`, `userOverrides`, `escalationPolicies` and
//! `users` (connections with `nodes`, plain lists, or the single-object
//! queries `rotation`, `schedule`, ...), or bare objects of those kinds.
//! Every key read is marked; the rest are reported as not imported.

use crate::diagnostic::Diagnostic;
use crate::document::Node;
use crate::import::view::{self, Diags, Field, Obj, Scalar, View};

use super::objects::{
    ContactMethod, Export, NotificationRule, Policy, Rotation, Rule, Schedule, ScheduleTarget,
    Step, TargetRef, TempShift, TemporarySchedule, User, UserOverride,
};

/// Which kind of GoAlert object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ObjKind {
    Rotation,
    Schedule,
    Override,
    Policy,
    User,
}

impl ObjKind {
    fn label(self) -> &'static str {
        match self {
            ObjKind::Rotation => "a rotation",
            ObjKind::Schedule => "a schedule",
            ObjKind::Override => "a user override",
            ObjKind::Policy => "an escalation policy",
            ObjKind::User => "a user",
        }
    }

    /// The kind a query field returns.
    fn of_field(key: &str) -> Option<ObjKind> {
        Some(match key {
            "rotations" | "rotation" => ObjKind::Rotation,
            "schedules" | "schedule" => ObjKind::Schedule,
            "userOverrides" | "userOverride" => ObjKind::Override,
            "escalationPolicies" | "escalationPolicy" => ObjKind::Policy,
            "users" | "user" => ObjKind::User,
            _ => return None,
        })
    }

    /// The kind of a bare object, from its keys.
    fn of_object(node: &Node) -> Option<ObjKind> {
        let has = |k: &str| node.get(k).is_some();
        if has("shiftLength") || has("activeUserIndex") || has("nextHandoffTimes") {
            Some(ObjKind::Rotation)
        } else if has("targets") && has("timeZone") || has("temporarySchedules") {
            Some(ObjKind::Schedule)
        } else if has("addUserID") || has("removeUserID") {
            Some(ObjKind::Override)
        } else if has("steps") {
            Some(ObjKind::Policy)
        } else if has("contactMethods") || has("notificationRules") || has("email") {
            Some(ObjKind::User)
        } else {
            None
        }
    }
}

/// Reads one file's tree into `export`.
pub fn read(export: &mut Export, file: usize, root: &Node, diags: &mut Diags) {
    if let Some(items) = root.as_seq() {
        // A bare list of objects.
        for item in items {
            bare(export, file, item, diags);
        }
        return;
    }
    // A bare object at the top.
    if root.get("data").is_none() && !has_query_field(root) && ObjKind::of_object(root).is_some() {
        bare(export, file, root, diags);
        return;
    }
    let Some(mut top) = Obj::new(View::node(root, file), "a GoAlert response", diags) else {
        return;
    };
    let data = top.get("data");
    if let Some(errors) = top.get("errors") {
        let at = errors.loc();
        diags.push(
            at.file,
            Diagnostic::warning(
                "goalert-graphql-errors",
                at.span,
                "the response carries GraphQL errors: some objects may be missing",
            ),
        );
    }
    if let Some(at) = top.get("exportedAt") {
        export.exported_at = view::string(&at, "`exportedAt`", diags);
    }
    match data {
        Some(data) => {
            let Some(mut d) = Obj::new(data, "the response's `data`", diags) else {
                return;
            };
            if let Some(at) = d.get("exportedAt") {
                export.exported_at = view::string(&at, "`exportedAt`", diags);
            }
            fields(export, &mut d, diags);
            d.finish(diags, "not a query the GoAlert importer reads");
            top.skip(&["extensions"]);
        }
        None => fields(export, &mut top, diags),
    }
    top.finish(diags, "not a query the GoAlert importer reads");
}

/// Whether a mapping holds one of the query fields.
fn has_query_field(node: &Node) -> bool {
    node.as_map()
        .is_some_and(|e| e.iter().any(|e| ObjKind::of_field(&e.key).is_some()))
}

/// Reads the query fields of a response (`rotations`, `schedule`, ...).
fn fields(export: &mut Export, obj: &mut Obj<'_>, diags: &mut Diags) {
    for (key, _, value) in obj.unread() {
        let Some(kind) = ObjKind::of_field(&key) else {
            continue;
        };
        obj.get(&key);
        // A connection `{nodes: [...], pageInfo}`, a list, or one object.
        let items = match value.entries() {
            Some(entries) if entries.iter().any(|e| e.0 == "nodes") => {
                let mut conn = match Obj::new(value.clone(), "a connection", diags) {
                    Some(c) => c,
                    None => continue,
                };
                if let Some(page) = conn.get("pageInfo") {
                    if let Some(mut p) = Obj::new(page, "`pageInfo`", diags) {
                        if let Field::Known(true, at) = p.bool("hasNextPage", "`pageInfo`", diags) {
                            diags.push(
                                at.file,
                                Diagnostic::warning(
                                    "goalert-more-pages",
                                    at.span,
                                    format!("GoAlert has more `{key}` than this page holds; only this page is imported"),
                                )
                                .with_help("query the next pages (`after: endCursor`) and import them with this file"),
                            );
                        }
                        p.skip(&["endCursor", "hasNextPage", "startCursor", "hasPreviousPage"]);
                        p.finish(diags, "pagination");
                    }
                }
                let items = conn
                    .get("nodes")
                    .and_then(|n| n.items())
                    .unwrap_or_default();
                conn.finish(diags, "not part of a connection");
                items
            }
            _ => value.items().unwrap_or_default(),
        };
        for item in items {
            if let View::Node { node, file } = item {
                object(export, kind, file, node, diags);
            }
        }
    }
}

/// A bare object, of the kind its keys say.
fn bare(export: &mut Export, file: usize, node: &Node, diags: &mut Diags) {
    match ObjKind::of_object(node) {
        Some(kind) => object(export, kind, file, node, diags),
        None => diags.push(
            file,
            Diagnostic::warning(
                "import-not-recognised",
                node.span,
                "not a GoAlert rotation, schedule, override, policy or user; not imported",
            ),
        ),
    }
}

fn object(export: &mut Export, kind: ObjKind, file: usize, node: &Node, diags: &mut Diags) {
    let Some(obj) = Obj::new(View::node(node, file), kind.label(), diags) else {
        return;
    };
    match kind {
        ObjKind::Rotation => export.rotations.push(rotation(obj, diags)),
        ObjKind::Schedule => export.schedules.push(schedule(obj, diags)),
        ObjKind::Override => export.overrides.push(user_override(obj, diags)),
        ObjKind::Policy => export.policies.push(policy(obj, diags)),
        ObjKind::User => export.users.push(user(obj, diags)),
    }
}

/// The `id` of an object (reported when absent).
fn id(obj: &mut Obj<'_>, what: &str, diags: &mut Diags) -> String {
    match obj.str("id", what, diags) {
        Field::Known(id, _) => id,
        _ => {
            let at = obj.head();
            diags.push(
                at.file,
                Diagnostic::warning(
                    "import-missing-key",
                    at.span,
                    format!("{what} without `id`: references to it cannot be followed"),
                ),
            );
            String::new()
        }
    }
}

/// Computed or UI-only fields GoAlert returns that say nothing of who is
/// on call later.
const COMPUTED: &[&str] = &["isFavorite", "__typename"];

fn rotation(mut obj: Obj<'_>, diags: &mut Diags) -> Rotation {
    let what = "a rotation";
    let mut r = Rotation {
        id: id(&mut obj, what, diags),
        loc: obj.loc(),
        ..Rotation::default()
    };
    r.name = obj.str("name", what, diags);
    r.start = obj.str("start", what, diags);
    r.time_zone = obj.str("timeZone", what, diags);
    r.kind = obj.str("type", what, diags);
    r.shift_length = obj.int("shiftLength", what, diags);
    r.user_ids = obj.strings("userIDs", what, diags);
    r.active_user_index = obj.int("activeUserIndex", what, diags);
    r.next_handoff_times = obj.strings("nextHandoffTimes", what, diags);
    if let Some((users, _)) = obj.list("users", what, diags) {
        for u in users {
            if let Some(mut o) = Obj::new(u, "a user", diags) {
                if let (Field::Known(id, _), Field::Known(name, _)) =
                    (o.str("id", "a user", diags), o.str("name", "a user", diags))
                {
                    r.user_names.push((id, name));
                }
                o.skip(&["email"]);
                o.finish(diags, "the rotation's users are read by `userIDs`");
            }
        }
    }
    description(&mut obj, diags);
    obj.skip(COMPUTED);
    obj.finish(diags, "not part of a rotation's turns");
    r
}

/// A `description`: said not imported when it is not empty.
fn description(obj: &mut Obj<'_>, diags: &mut Diags) {
    if let Some(d) = obj.get("description") {
        if matches!(d.scalar(), Scalar::Str(ref s) if !s.is_empty()) {
            let at = d.loc();
            diags.push(
                at.file,
                Diagnostic::info(
                    "import-not-imported",
                    at.span,
                    "not imported: `description` (the document has no description)",
                ),
            );
        }
    }
}

/// A `Target` (`{id, type, name}`).
fn target(v: View<'_>, diags: &mut Diags) -> Option<TargetRef> {
    let mut o = Obj::new(v, "a target", diags)?;
    let loc = o.loc();
    let id = o.str("id", "a target", diags);
    let kind = o.str("type", "a target", diags);
    let name = o.str("name", "a target", diags);
    o.skip(&["__typename"]);
    o.finish(diags, "not part of a target");
    match (id, kind) {
        (Field::Known(id, _), Field::Known(kind, _)) => Some(TargetRef {
            id,
            kind,
            name: name.value().cloned(),
            loc,
        }),
        _ => {
            diags.push(
                loc.file,
                Diagnostic::warning(
                    "import-missing-key",
                    loc.span,
                    "a target needs `id` and `type`; not imported",
                ),
            );
            None
        }
    }
}

/// A destination of a step's `actions` (newer GoAlert):
/// `{type: "builtin-user", values: [{fieldID: "user-id", value: "..."}]}`.
fn action(v: View<'_>, diags: &mut Diags) -> Option<TargetRef> {
    let mut o = Obj::new(v, "an action", diags)?;
    let loc = o.loc();
    let kind = o.str("type", "an action", diags);
    let mut value: Option<String> = None;
    if let Some((values, _)) = o
        .list("values", "an action", diags)
        .or_else(|| o.list("args", "an action", diags))
    {
        for item in values {
            if let Some(mut f) = Obj::new(item, "an action value", diags) {
                let field = f.str("fieldID", "an action value", diags);
                let val = f.str("value", "an action value", diags);
                f.finish(diags, "not part of an action value");
                if let (Some(_), Field::Known(v, _)) = (field.value(), val) {
                    value.get_or_insert(v);
                }
            }
        }
    }
    let mut name = None;
    if let Some(info) = o.get("displayInfo") {
        if let Some(mut i) = Obj::new(info, "`displayInfo`", diags) {
            name = i.str("text", "`displayInfo`", diags).value().cloned();
            i.skip(&["iconURL", "iconAltText", "linkURL", "subtext"]);
            i.finish(diags, "display only");
        }
    }
    o.finish(diags, "not part of an action");
    let kind = kind.value()?.clone();
    let kind = match kind.as_str() {
        "builtin-user" => "user".to_string(),
        "builtin-schedule" => "schedule".to_string(),
        "builtin-rotation" => "rotation".to_string(),
        other => other.to_string(),
    };
    Some(TargetRef {
        id: value.unwrap_or_default(),
        kind,
        name,
        loc,
    })
}

fn schedule(mut obj: Obj<'_>, diags: &mut Diags) -> Schedule {
    let what = "a schedule";
    let mut s = Schedule {
        id: id(&mut obj, what, diags),
        loc: obj.loc(),
        ..Schedule::default()
    };
    s.name = obj.str("name", what, diags);
    s.time_zone = obj.str("timeZone", what, diags);
    if let Some((targets, _)) = obj.list("targets", what, diags) {
        for t in targets {
            let Some(mut o) = Obj::new(t, "a schedule target", diags) else {
                continue;
            };
            let mut st = ScheduleTarget {
                loc: o.loc(),
                ..ScheduleTarget::default()
            };
            st.target = o.get("target").and_then(|v| target(v, diags));
            if let Some((rules, _)) = o.list("rules", "a schedule target", diags) {
                for r in rules {
                    if let Some(rule) = rule(r, diags) {
                        st.rules.push(rule);
                    }
                }
            }
            o.skip(&["scheduleID", "__typename"]);
            o.finish(diags, "not part of a schedule target");
            s.targets.push(st);
        }
    }
    if let Some((temps, _)) = obj.list("temporarySchedules", what, diags) {
        for t in temps {
            let Some(mut o) = Obj::new(t, "a temporary schedule", diags) else {
                continue;
            };
            let mut ts = TemporarySchedule {
                loc: o.loc(),
                ..TemporarySchedule::default()
            };
            ts.start = o.str("start", "a temporary schedule", diags);
            ts.end = o.str("end", "a temporary schedule", diags);
            if let Some((shifts, _)) = o.list("shifts", "a temporary schedule", diags) {
                for sh in shifts {
                    let Some(mut so) = Obj::new(sh, "a shift", diags) else {
                        continue;
                    };
                    let mut shift = TempShift {
                        loc: so.loc(),
                        ..TempShift::default()
                    };
                    shift.user_id = so.str("userID", "a shift", diags);
                    shift.start = so.str("start", "a shift", diags);
                    shift.end = so.str("end", "a shift", diags);
                    so.skip(&["truncated", "user", "__typename"]);
                    so.finish(diags, "not part of a shift");
                    ts.shifts.push(shift);
                }
            }
            o.skip(&["__typename"]);
            o.finish(diags, "not part of a temporary schedule");
            s.temporary.push(ts);
        }
    }
    // Computed views of the schedule: who is on call now, past shifts.
    for key in ["shifts", "onCallNow", "onCallShifts", "assignedTo"] {
        if let Some(v) = obj.get(key) {
            let at = v.loc();
            diags.push(
                at.file,
                Diagnostic::info(
                    "import-not-imported",
                    obj.key_loc(key).unwrap_or(at).span,
                    format!("not imported: `{key}` (computed by GoAlert from the schedule's rules, rotations and overrides, which are imported)"),
                ),
            );
        }
    }
    description(&mut obj, diags);
    obj.skip(COMPUTED);
    obj.finish(diags, "not part of a schedule's rules");
    s
}

fn rule(v: View<'_>, diags: &mut Diags) -> Option<Rule> {
    let mut o = Obj::new(v, "a rule", diags)?;
    let mut r = Rule {
        loc: o.loc(),
        ..Rule::default()
    };
    r.start = o.str("start", "a rule", diags);
    r.end = o.str("end", "a rule", diags);
    if let Some(f) = o.get("weekdayFilter") {
        let at = f.loc();
        let days: Option<Vec<bool>> = f.items().map(|items| {
            items
                .iter()
                .filter_map(|i| match i.scalar() {
                    Scalar::Bool(b) => Some(b),
                    _ => None,
                })
                .collect()
        });
        r.weekday_filter = match days {
            Some(d) if d.len() == 7 => Field::Known(d, at),
            _ => {
                diags.push(
                    at.file,
                    Diagnostic::error(
                        "import-invalid-value",
                        at.span,
                        "`weekdayFilter` should be 7 booleans, Sunday first; the rule is not imported",
                    ),
                );
                Field::Unknown(at)
            }
        };
    }
    o.skip(&["id", "scheduleID", "target", "__typename"]);
    o.finish(diags, "not part of a rule");
    Some(r)
}

fn user_override(mut obj: Obj<'_>, diags: &mut Diags) -> UserOverride {
    let what = "a user override";
    let mut o = UserOverride {
        id: id(&mut obj, what, diags),
        loc: obj.loc(),
        ..UserOverride::default()
    };
    o.start = obj.str("start", what, diags);
    o.end = obj.str("end", what, diags);
    // Empty ids are `""` in GoAlert's JSON: no such user.
    let nonempty = |f: Field<String>| match f {
        Field::Known(s, _) if s.is_empty() => Field::Absent,
        f => f,
    };
    o.add_user_id = nonempty(obj.str("addUserID", what, diags));
    o.remove_user_id = nonempty(obj.str("removeUserID", what, diags));
    o.target = obj.get("target").and_then(|v| target(v, diags));
    obj.skip(&["addUser", "removeUser", "__typename"]);
    obj.finish(diags, "not part of an override");
    o
}

fn policy(mut obj: Obj<'_>, diags: &mut Diags) -> Policy {
    let what = "an escalation policy";
    let mut p = Policy {
        id: id(&mut obj, what, diags),
        loc: obj.loc(),
        ..Policy::default()
    };
    p.name = obj.str("name", what, diags);
    p.repeat = obj.int("repeat", what, diags);
    if let Some((steps, _)) = obj.list("steps", what, diags) {
        for s in steps {
            let Some(mut o) = Obj::new(s, "a step", diags) else {
                continue;
            };
            let mut step = Step {
                loc: o.loc(),
                ..Step::default()
            };
            step.id = o.str("id", "a step", diags).value().cloned();
            step.step_number = o.int("stepNumber", "a step", diags);
            step.delay_minutes = o.int("delayMinutes", "a step", diags);
            if let Some((targets, _)) = o.list("targets", "a step", diags) {
                step.targets
                    .extend(targets.into_iter().filter_map(|t| target(t, diags)));
            }
            if let Some((actions, _)) = o.list("actions", "a step", diags) {
                step.targets
                    .extend(actions.into_iter().filter_map(|t| action(t, diags)));
            }
            o.skip(&["escalationPolicy", "__typename"]);
            o.finish(diags, "not part of a step");
            p.steps.push(step);
        }
    }
    for key in ["assignedTo", "notices"] {
        if let Some(v) = obj.get(key) {
            if v.items().is_some_and(|i| !i.is_empty()) {
                let at = obj.key_loc(key).unwrap_or(v.loc());
                diags.push(
                    at.file,
                    Diagnostic::info(
                        "import-not-imported",
                        at.span,
                        format!("not imported: `{key}` (services are not part of a GoAlert export's policies)"),
                    ),
                );
            }
        }
    }
    description(&mut obj, diags);
    obj.skip(COMPUTED);
    obj.finish(diags, "not part of an escalation policy");
    p
}

fn user(mut obj: Obj<'_>, diags: &mut Diags) -> User {
    let what = "a user";
    let mut u = User {
        id: id(&mut obj, what, diags),
        loc: obj.loc(),
        ..User::default()
    };
    u.name = obj.str("name", what, diags);
    u.email = obj.str("email", what, diags);
    if let Some((methods, _)) = obj.list("contactMethods", what, diags) {
        for m in methods {
            let Some(mut o) = Obj::new(m, "a contact method", diags) else {
                continue;
            };
            let mut cm = ContactMethod {
                loc: o.loc(),
                ..ContactMethod::default()
            };
            cm.id = o
                .str("id", "a contact method", diags)
                .value()
                .cloned()
                .unwrap_or_default();
            cm.kind = o.str("type", "a contact method", diags);
            cm.value = o.str("value", "a contact method", diags);
            if let Some(dest) = o.get("dest") {
                if let Some(mut d) = Obj::new(dest, "a destination", diags) {
                    if cm.kind.is_absent() {
                        cm.kind = d.str("type", "a destination", diags);
                    }
                    d.skip(&["type", "values", "args", "displayInfo"]);
                    d.finish(diags, "not part of a destination");
                }
            }
            cm.disabled = matches!(
                o.bool("disabled", "a contact method", diags),
                Field::Known(true, _)
            );
            o.skip(&[
                "name",
                "formattedValue",
                "pending",
                "lastTestVerifyAt",
                "lastVerifyMessageState",
                "lastTestMessageState",
                "statusUpdates",
                "__typename",
            ]);
            o.finish(diags, "not part of a contact method");
            u.contact_methods.push(cm);
        }
    }
    if let Some((rules, _)) = obj.list("notificationRules", what, diags) {
        for r in rules {
            let Some(mut o) = Obj::new(r, "a notification rule", diags) else {
                continue;
            };
            let mut nr = NotificationRule {
                loc: o.loc(),
                ..NotificationRule::default()
            };
            nr.delay_minutes = o.int("delayMinutes", "a notification rule", diags);
            nr.contact_method_id = o.str("contactMethodID", "a notification rule", diags);
            if nr.contact_method_id.is_absent() {
                if let Some(cm) = o.get("contactMethod") {
                    if let Some(mut c) = Obj::new(cm, "a contact method", diags) {
                        nr.contact_method_id = c.str("id", "a contact method", diags);
                        c.skip(&["type", "name", "value", "__typename"]);
                        c.finish(diags, "the rule's contact method is read by its id");
                    }
                }
            }
            o.skip(&["id", "contactMethod", "__typename"]);
            o.finish(diags, "not part of a notification rule");
            u.notification_rules.push(nr);
        }
    }
    for key in [
        "role",
        "statusUpdateContactMethodID",
        "onCallSteps",
        "onCallOverview",
        "avatarURL",
        "authSubjects",
        "sessions",
    ] {
        if let Some(v) = obj.get(key) {
            let at = obj.key_loc(key).unwrap_or(v.loc());
            diags.push(
                at.file,
                Diagnostic::info(
                    "import-not-imported",
                    at.span,
                    format!("not imported: `{key}` (not part of who is on call or how they are reached)"),
                ),
            );
        }
    }
    obj.skip(COMPUTED);
    obj.finish(diags, "not part of a user's contact plan");
    u
}
