//! GoAlert's own objects as its GraphQL API returns them: the one
//! intermediate that [`super::api`] fills and [`super::map`] turns into the
//! document. Field names and meanings are GoAlert's (`shiftLength`,
//! `activeUserIndex`, `weekdayFilter` starting on Sunday...), nothing of
//! Escalator's; every value keeps its place.

use crate::import::view::{Field, Loc};

/// Everything read from the files, in the order the files give it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Export {
    pub rotations: Vec<Rotation>,
    pub schedules: Vec<Schedule>,
    pub overrides: Vec<UserOverride>,
    pub policies: Vec<Policy>,
    pub users: Vec<User>,
    /// When the export was taken (`exportedAt`, our own key: GraphQL does
    /// not say "now"), RFC 3339, to check the anchors against.
    pub exported_at: Field<String>,
}

/// A reference to a GoAlert object, as a `Target` gives it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TargetRef {
    pub id: String,
    /// `user`, `schedule`, `rotation`, `slackChannel`, ... (a
    /// destination's type for `actions`: `builtin-user`, ...).
    pub kind: String,
    pub name: Option<String>,
    pub loc: Loc,
}

/// A rotation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rotation {
    pub id: String,
    pub loc: Loc,
    pub name: Field<String>,
    /// RFC 3339: the anchor of the handoff grid.
    pub start: Field<String>,
    pub time_zone: Field<String>,
    /// `hourly`, `daily`, `weekly` or `monthly`.
    pub kind: Field<String>,
    pub shift_length: Field<i64>,
    pub user_ids: Field<Vec<(String, Loc)>>,
    /// The index in `userIDs` of who is on call now.
    pub active_user_index: Field<i64>,
    /// RFC 3339 instants of the next handoffs.
    pub next_handoff_times: Field<Vec<(String, Loc)>>,
    /// Names of users as `users { id name }` gives them.
    pub user_names: Vec<(String, String)>,
}

/// One rule of a schedule target: a clock window on some weekdays.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rule {
    pub loc: Loc,
    /// `HH:MM`.
    pub start: Field<String>,
    pub end: Field<String>,
    /// Seven booleans, Sunday first.
    pub weekday_filter: Field<Vec<bool>>,
}

/// A schedule's rules for one target (a user or a rotation).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScheduleTarget {
    pub loc: Loc,
    pub target: Option<TargetRef>,
    pub rules: Vec<Rule>,
}

/// One shift of a temporary schedule.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TempShift {
    pub loc: Loc,
    pub user_id: Field<String>,
    pub start: Field<String>,
    pub end: Field<String>,
}

/// A temporary schedule: who is on call between `start` and `end`,
/// replacing everything else.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TemporarySchedule {
    pub loc: Loc,
    pub start: Field<String>,
    pub end: Field<String>,
    pub shifts: Vec<TempShift>,
}

/// A schedule.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Schedule {
    pub id: String,
    pub loc: Loc,
    pub name: Field<String>,
    pub time_zone: Field<String>,
    pub targets: Vec<ScheduleTarget>,
    pub temporary: Vec<TemporarySchedule>,
}

/// A user override: add, remove or replace, on `[start, end)`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UserOverride {
    pub id: String,
    pub loc: Loc,
    pub start: Field<String>,
    pub end: Field<String>,
    pub add_user_id: Field<String>,
    pub remove_user_id: Field<String>,
    /// The schedule it applies to.
    pub target: Option<TargetRef>,
}

/// A step of an escalation policy.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Step {
    pub id: Option<String>,
    pub loc: Loc,
    pub step_number: Field<i64>,
    pub delay_minutes: Field<i64>,
    pub targets: Vec<TargetRef>,
}

/// An escalation policy.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Policy {
    pub id: String,
    pub loc: Loc,
    pub name: Field<String>,
    pub repeat: Field<i64>,
    pub steps: Vec<Step>,
}

/// A contact method of a user.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContactMethod {
    pub id: String,
    pub loc: Loc,
    /// `SMS`, `VOICE`, `EMAIL`, `WEBHOOK`, `SLACK_DM` (or a destination type).
    pub kind: Field<String>,
    pub value: Field<String>,
    pub disabled: bool,
}

/// When a user is notified, through which contact method.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NotificationRule {
    pub loc: Loc,
    pub delay_minutes: Field<i64>,
    pub contact_method_id: Field<String>,
}

/// A user.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct User {
    pub id: String,
    pub loc: Loc,
    pub name: Field<String>,
    pub email: Field<String>,
    pub contact_methods: Vec<ContactMethod>,
    pub notification_rules: Vec<NotificationRule>,
}
