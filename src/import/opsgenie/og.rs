//! Opsgenie's own objects, as every format says them: the one intermediate
//! the readers fill (API JSON, the community module's YAML, Terraform) and
//! the mapping reads.
//!
//! Values are kept as the source wrote them (strings, whole numbers), each
//! with the file and span it came from ([`At`]), so the mapping can point at
//! the source when it reports something. Readers apply only what a format
//! itself changes (the cloudposse module's defaults, the Terraform
//! provider's quirks); Opsgenie's rules are applied once, in the mapping.

/// Where a value is: a file of the import and a byte range in it (every
/// importer's [`Loc`](crate::import::view::Loc)).
pub type At = crate::import::view::Loc;

/// A value and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct F<T> {
    pub v: T,
    pub at: At,
}

impl<T> F<T> {
    pub fn new(v: T, at: At) -> F<T> {
        F { v, at }
    }
}

/// A reference to another object: by id (an Opsgenie id, or a Terraform
/// resource address), by name (or a user's username), or both.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ref {
    pub id: Option<String>,
    pub name: Option<String>,
    pub at: At,
    /// The object referred to (an index into the list of its kind), set
    /// when the files are linked.
    pub to: Option<usize>,
}

impl Ref {
    pub fn new(id: Option<String>, name: Option<String>, at: At) -> Ref {
        Ref {
            id,
            name,
            at,
            to: None,
        }
    }

    /// How the reference reads in messages: its name, else its id.
    pub fn shown(&self) -> String {
        self.name
            .clone()
            .or_else(|| self.id.clone())
            .unwrap_or_else(|| "?".to_string())
    }

    pub fn is_empty(&self) -> bool {
        self.id.is_none() && self.name.is_none()
    }
}

/// An Opsgenie user.
#[derive(Clone, Debug, PartialEq)]
pub struct User {
    /// Opsgenie id, or Terraform address.
    pub id: Option<String>,
    pub username: Option<F<String>>,
    pub full_name: Option<F<String>>,
    pub timezone: Option<F<String>>,
    /// The reference as the source writes it (`source:` in the document).
    pub source: String,
    pub at: At,
    /// Made up for a reference to a user in no file.
    pub stub: bool,
}

/// A team member and its role (`admin` or `user`).
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub user: Ref,
    pub role: F<String>,
}

/// An Opsgenie team.
#[derive(Clone, Debug, PartialEq)]
pub struct Team {
    pub id: Option<String>,
    pub name: F<String>,
    /// `None` when the source does not list members (the teams list form).
    pub members: Option<Vec<Member>>,
    pub routing: Vec<RoutingRule>,
    /// Terraform `delete_default_resources` (the default rule then notifies
    /// no one).
    pub delete_default_resources: Option<F<bool>>,
    pub source: String,
    pub at: At,
    pub stub: bool,
}

/// A window of a `time-of-day` restriction (every day).
#[derive(Clone, Debug, PartialEq)]
pub struct DailyWindow {
    pub start_hour: F<i64>,
    pub start_min: F<i64>,
    pub end_hour: F<i64>,
    pub end_min: F<i64>,
    pub at: At,
}

/// A window of a `weekday-and-time-of-day` restriction.
#[derive(Clone, Debug, PartialEq)]
pub struct WeeklyWindow {
    pub start_day: F<String>,
    pub start_hour: F<i64>,
    pub start_min: F<i64>,
    pub end_day: F<String>,
    pub end_hour: F<i64>,
    pub end_min: F<i64>,
    pub at: At,
}

/// `timeRestriction`.
#[derive(Clone, Debug, PartialEq)]
pub enum Restriction {
    TimeOfDay(DailyWindow),
    Weekly(Vec<WeeklyWindow>),
    /// A type Opsgenie does not have, or a restriction with no window.
    Invalid(F<String>),
}

/// Who takes a turn.
#[derive(Clone, Debug, PartialEq)]
pub enum Participant {
    User(Ref),
    /// The reserved word `none`: a turn with nobody.
    None(At),
    Team(Ref),
    Escalation(Ref),
    /// Any other type.
    Other(F<String>),
}

/// A schedule rotation.
#[derive(Clone, Debug, PartialEq)]
pub struct Rotation {
    pub id: Option<String>,
    pub name: Option<F<String>>,
    /// `hourly`, `daily`, `weekly`.
    pub kind: Option<F<String>>,
    /// `None`: Opsgenie's default (1).
    pub length: Option<F<i64>>,
    pub start: Option<F<String>>,
    pub end: Option<F<String>>,
    pub participants: Vec<Participant>,
    /// Where the participants list is (for an empty one).
    pub participants_at: At,
    pub restriction: Option<(Restriction, At)>,
    pub enabled: Option<F<bool>>,
    pub source: String,
    pub at: At,
}

/// The person an override puts on call.
#[derive(Clone, Debug, PartialEq)]
pub enum OverrideUser {
    User(Ref),
    /// The reserved word `none`.
    None(At),
    Other(F<String>),
}

/// A schedule override.
#[derive(Clone, Debug, PartialEq)]
pub struct Override {
    pub alias: Option<F<String>>,
    pub user: Option<OverrideUser>,
    pub start: Option<F<String>>,
    pub end: Option<F<String>>,
    /// Where a non-empty `rotations` list is (rotation-scoped override).
    pub rotations: Option<At>,
    pub at: At,
}

/// An Opsgenie schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    pub id: Option<String>,
    pub name: F<String>,
    pub timezone: Option<F<String>>,
    pub enabled: Option<F<bool>>,
    pub owner_team: Option<Ref>,
    pub rotations: Vec<Rotation>,
    /// Whether the source gives the rotations (the list form without
    /// `expand=rotation` does not).
    pub has_rotations: bool,
    pub overrides: Vec<Override>,
    pub source: String,
    pub at: At,
    pub stub: bool,
}

/// The recipient of an escalation rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Recipient {
    /// `user`, `team`, `schedule` (anything else is reported).
    pub kind: F<String>,
    pub target: Ref,
}

/// An escalation rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub condition: Option<F<String>>,
    pub notify_type: F<String>,
    /// Minutes after the escalation starts.
    pub delay: F<i64>,
    pub recipient: Option<Recipient>,
    /// Position in the source (`rules[2]`).
    pub source: String,
    pub at: At,
}

/// `repeat`.
#[derive(Clone, Debug, PartialEq)]
pub struct Repeat {
    /// Minutes after the last rule; 0 disables repeating.
    pub wait_interval: F<i64>,
    pub count: F<i64>,
    pub reset_recipient_states: Option<F<bool>>,
    pub close_alert_after_all: Option<F<bool>>,
    pub at: At,
}

/// An Opsgenie escalation.
#[derive(Clone, Debug, PartialEq)]
pub struct Escalation {
    pub id: Option<String>,
    pub name: F<String>,
    pub owner_team: Option<Ref>,
    pub rules: Vec<Rule>,
    pub rules_at: At,
    pub repeat: Option<Repeat>,
    pub source: String,
    pub at: At,
    pub stub: bool,
}

/// What a routing rule notifies.
#[derive(Clone, Debug, PartialEq)]
pub struct Notify {
    /// `schedule`, `escalation`, `none`.
    pub kind: F<String>,
    pub target: Ref,
}

/// A team routing rule.
#[derive(Clone, Debug, PartialEq)]
pub struct RoutingRule {
    pub name: Option<F<String>>,
    pub order: Option<F<i64>>,
    pub is_default: Option<F<bool>>,
    /// The criteria type (`match-all`, `match-any-condition`,
    /// `match-all-conditions`), `None` when absent (matches all).
    pub criteria: Option<F<String>>,
    pub restriction: Option<(Restriction, At)>,
    pub notify: Option<Notify>,
    pub source: String,
    pub at: At,
}

/// Something that belongs to another object named by reference (a
/// rotation, an override or a routing rule read on its own).
#[derive(Clone, Debug, PartialEq)]
pub struct Loose<T> {
    /// The owner; `None` when the source does not say it.
    pub owner: Option<Ref>,
    pub item: T,
}

/// Everything read from the Opsgenie files of one import.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Og {
    pub users: Vec<User>,
    pub teams: Vec<Team>,
    pub schedules: Vec<Schedule>,
    pub escalations: Vec<Escalation>,
    pub rotations: Vec<Loose<Rotation>>,
    pub overrides: Vec<Loose<Override>>,
    pub routing: Vec<Loose<RoutingRule>>,
}
