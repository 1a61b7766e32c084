//! Grafana OnCall objects from a [`View`], whatever wrote them: the public
//! API's JSON and the Terraform provider's resources use the same field
//! names, so each object is read once here. [`super::api`] and
//! [`super::terraform`] only find the objects and their keys.

use crate::diagnostic::Diagnostic;
use crate::import::view::{self, shown, Diags, Field, Loc, Obj, Scalar, View};

use super::objects::{Chain, Escalation, Integration, Refs, Route, Schedule, Shift, User};

/// Which kind of OnCall object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Shift,
    Schedule,
    Chain,
    Escalation,
    Route,
    Integration,
    User,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Shift => "an on-call shift",
            Kind::Schedule => "a schedule",
            Kind::Chain => "an escalation chain",
            Kind::Escalation => "an escalation step",
            Kind::Route => "a route",
            Kind::Integration => "an integration",
            Kind::User => "a user",
        }
    }
}

/// Fields that say who owns or shows an object, not who is on call.
const NOT_ON_CALL: &[&str] = &["team_id", "organization", "source", "__typename"];

/// Reports `team_id` once when it names a team (teams are not imported).
fn team(obj: &mut Obj<'_>, diags: &mut Diags) {
    if let Some(v) = obj.get("team_id") {
        if !matches!(v.scalar(), Scalar::Null) {
            let at = obj.key_loc("team_id").unwrap_or(v.loc());
            diags.push(
                at.file,
                Diagnostic::info(
                    "import-not-imported",
                    at.span,
                    "not imported: `team_id` (teams own objects in OnCall; the document has no teams)",
                ),
            );
        }
    }
}

/// A list of whole numbers (`by_month`, `by_monthday`).
fn ints(obj: &mut Obj<'_>, key: &str, what: &str, diags: &mut Diags) -> Field<Vec<i64>> {
    let Some(v) = obj.get(key) else {
        return Field::Absent;
    };
    let at = v.loc();
    let Some(items) = v.items() else {
        if !view::report_unknown(&v, &format!("`{key}` of {what}"), diags) {
            diags.push(
                at.file,
                Diagnostic::error(
                    "import-wrong-type",
                    at.span,
                    format!("`{key}` of {what} should be a list of numbers"),
                ),
            );
        }
        return Field::Unknown(at);
    };
    let mut out = Vec::new();
    for i in items {
        match view::int(&i, &format!("`{key}` of {what}"), diags) {
            Field::Known(n, _) => out.push(n),
            _ => return Field::Unknown(at),
        }
    }
    Field::Known(out, at)
}

pub fn shift(key: String, mut obj: Obj<'_>, diags: &mut Diags) -> Shift {
    let what = "the shift";
    let mut s = Shift {
        key,
        loc: obj.loc(),
        ..Shift::default()
    };
    s.name = obj.str("name", what, diags);
    s.kind = obj.str("type", what, diags);
    s.start = obj.str("start", what, diags);
    s.duration = obj.int("duration", what, diags);
    s.rotation_start = obj.str("rotation_start", what, diags);
    s.frequency = obj.str("frequency", what, diags);
    s.interval = obj.int("interval", what, diags);
    s.until = obj.str("until", what, diags);
    s.week_start = obj.str("week_start", what, diags);
    s.by_day = obj.strings("by_day", what, diags);
    s.by_month = ints(&mut obj, "by_month", what, diags);
    s.by_monthday = ints(&mut obj, "by_monthday", what, diags);
    s.time_zone = obj.str("time_zone", what, diags);
    s.level = obj.int("level", what, diags);
    s.users = obj.strings("users", what, diags);
    s.start_rotation_from_user_index = obj.int("start_rotation_from_user_index", what, diags);
    if let Some(groups) = obj.get("rolling_users") {
        let at = groups.loc();
        match groups.items() {
            Some(items) => {
                let mut out = Vec::new();
                let mut unknown = false;
                for g in items {
                    let g_at = g.loc();
                    match view::strings(&g, "a group of `rolling_users`", diags) {
                        Field::Known(users, _) => out.push((users, g_at)),
                        Field::Unknown(_) => unknown = true,
                        Field::Absent => out.push((Vec::new(), g_at)),
                    }
                }
                s.rolling_users = if unknown {
                    Field::Unknown(at)
                } else {
                    Field::Known(out, at)
                };
            }
            None => {
                if !view::report_unknown(&groups, "`rolling_users` of the shift", diags) {
                    diags.push(
                        at.file,
                        Diagnostic::error(
                            "import-wrong-type",
                            at.span,
                            "`rolling_users` should be a list of lists of users",
                        ),
                    );
                }
                s.rolling_users = Field::Unknown(at);
            }
        }
    }
    team(&mut obj, diags);
    obj.skip(NOT_ON_CALL);
    obj.skip(&["id"]);
    obj.finish(diags, "not part of an on-call shift");
    s
}

pub fn schedule(key: String, mut obj: Obj<'_>, diags: &mut Diags) -> Schedule {
    let what = "the schedule";
    let mut s = Schedule {
        key,
        loc: obj.loc(),
        ..Schedule::default()
    };
    s.name = obj.str("name", what, diags);
    s.kind = obj.str("type", what, diags);
    s.time_zone = obj.str("time_zone", what, diags);
    s.shifts = obj.strings("shifts", what, diags);
    s.ical_url_primary = obj.str("ical_url_primary", what, diags);
    s.ical_url_overrides = obj.str("ical_url_overrides", what, diags);
    for key in ["on_call_now"] {
        if let Some(v) = obj.get(key) {
            let at = obj.key_loc(key).unwrap_or(v.loc());
            diags.push(at.file, Diagnostic::info("import-not-imported", at.span, format!("not imported: `{key}` (computed by OnCall from the shifts, which are imported)")));
        }
    }
    if let Some(v) = obj.get("enable_web_overrides") {
        if v.scalar() == Scalar::Bool(true) {
            let at = obj.key_loc("enable_web_overrides").unwrap_or(v.loc());
            diags.push(at.file, Diagnostic::info("grafana-web-overrides", at.span, "overrides made in OnCall's web UI are kept by OnCall, not in these files; they are not imported"));
        }
    }
    if let Some(v) = obj.get("slack") {
        let at = obj.key_loc("slack").unwrap_or(v.loc());
        diags.push(
            at.file,
            Diagnostic::info(
                "import-not-imported",
                at.span,
                "not imported: `slack` (where OnCall posts the schedule, not who is on call)",
            ),
        );
    }
    team(&mut obj, diags);
    obj.skip(NOT_ON_CALL);
    obj.skip(&["id"]);
    obj.finish(diags, "not part of who is on call");
    s
}

pub fn chain(key: String, mut obj: Obj<'_>, diags: &mut Diags) -> Chain {
    let mut c = Chain {
        key,
        loc: obj.loc(),
        ..Chain::default()
    };
    c.name = obj.str("name", "the escalation chain", diags);
    team(&mut obj, diags);
    obj.skip(NOT_ON_CALL);
    obj.skip(&["id"]);
    obj.finish(diags, "not part of an escalation chain");
    c
}

/// The fields a step type reads beyond the ones the mapping uses.
const STEP_OTHER: &[&str] = &[
    "group_to_notify",
    "action_to_trigger",
    "notify_if_time_from",
    "notify_if_time_to",
    "num_alerts_in_window",
    "num_minutes_in_window",
    "notify_to_team_members",
    "severity",
];

pub fn escalation(key: String, mut obj: Obj<'_>, diags: &mut Diags) -> Escalation {
    let what = "the escalation step";
    let mut e = Escalation {
        key,
        loc: obj.loc(),
        ..Escalation::default()
    };
    e.chain = obj.reference("escalation_chain_id", what, diags);
    e.position = obj.int("position", what, diags);
    e.kind = obj.str("type", what, diags);
    e.duration = obj.int("duration", what, diags);
    e.important = obj.bool("important", what, diags);
    e.persons = obj.strings("persons_to_notify", what, diags);
    e.persons_next = obj.strings("persons_to_notify_next_each_time", what, diags);
    e.schedule = obj.reference("notify_on_call_from_schedule", what, diags);
    for key in STEP_OTHER {
        if let Some(v) = obj.get(key) {
            e.other.push((key.to_string(), shown(&v.scalar()), v.loc()));
        }
    }
    obj.skip(NOT_ON_CALL);
    obj.skip(&["id"]);
    obj.finish(diags, "not part of an escalation step");
    e
}

pub fn route(key: String, mut obj: Obj<'_>, diags: &mut Diags) -> Route {
    let what = "the route";
    let mut r = Route {
        key,
        loc: obj.loc(),
        ..Route::default()
    };
    r.integration = obj.reference("integration_id", what, diags);
    r.chain = obj.reference("escalation_chain_id", what, diags);
    r.position = obj.int("position", what, diags);
    r.routing_type = obj.str("routing_type", what, diags);
    r.routing_regex = obj.str("routing_regex", what, diags);
    r.is_default = matches!(
        obj.bool("is_the_last_route", what, diags),
        Field::Known(true, _)
    );
    obj.skip(NOT_ON_CALL);
    obj.skip(&["id"]);
    obj.finish(diags, "not part of a route");
    r
}

pub fn integration(key: String, mut obj: Obj<'_>, diags: &mut Diags) -> Integration {
    let what = "the integration";
    let mut i = Integration {
        key,
        loc: obj.loc(),
        ..Integration::default()
    };
    i.name = obj.str("name", what, diags);
    i.kind = obj.str("type", what, diags);
    if let Some(d) = obj.get("default_route") {
        let d = match d.items() {
            Some(items) => items.into_iter().next(),
            None => Some(d),
        };
        if let Some(mut o) = d.and_then(|d| Obj::new(d, "the default route", diags)) {
            i.default_chain = o.reference("escalation_chain_id", "the default route", diags);
            o.skip(&["id"]);
            o.finish(diags, "not part of a route");
        }
    }
    team(&mut obj, diags);
    obj.skip(NOT_ON_CALL);
    obj.skip(&[
        "id",
        "maintenance_mode",
        "maintenance_started_at",
        "maintenance_end_at",
    ]);
    obj.finish(diags, "not part of where alerts go");
    i
}

pub fn user(key: String, mut obj: Obj<'_>, lookup: bool, diags: &mut Diags) -> User {
    let what = "the user";
    let mut u = User {
        key,
        loc: obj.loc(),
        lookup,
        ..User::default()
    };
    u.username = obj.str("username", what, diags);
    u.email = obj.str("email", what, diags);
    u.timezone = obj.str("timezone", what, diags);
    obj.skip(&["id", "name", "__typename"]);
    obj.finish(diags, "not part of who is on call");
    u
}

/// A reference field's key, for messages.
pub fn first_loc(refs: &Refs, fallback: Loc) -> Loc {
    refs.first().map_or(fallback, |r| r.1)
}

/// `true` for a view that is an object, for classification.
pub fn is_object(v: &View<'_>) -> bool {
    v.entries().is_some()
}
