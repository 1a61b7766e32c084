//! PagerDuty's own objects, as both formats give them: the one intermediate
//! that the API JSON reader ([`super::api`]) and the Terraform reader
//! ([`super::terraform`]) fill, and that [`super::map`] turns into the
//! document.
//!
//! The objects keep PagerDuty's field names and meanings, nothing of
//! Escalator's: every vendor rule is applied once, in the mapping. Each
//! value carries the place it was written ([`Loc`]), so every diagnostic
//! points into the source. Layers are held bottom first (PagerDuty's
//! "Layer 1" first), whatever order the format listed them in: the readers
//! decide the order, since it depends on the format.

// A place, and a field that may be absent, unknown or known: the same
// as every importer's.
pub use crate::import::view::{Field, Loc};

/// A reference to another PagerDuty object: its id (`PUSR001`), or in
/// Terraform the address of the resource or data source that holds it
/// (`pagerduty_user.alice`, `data.pagerduty_schedule.secondary`).
#[derive(Clone, Debug, PartialEq)]
pub struct Ref {
    pub key: String,
    /// The display name the reference carries (the API's `summary`).
    pub summary: Option<String>,
    pub loc: Loc,
}

/// A field of an object that the readers do not read into the structure
/// (`description`, `color`, `incident_urgency_rule`, a field PagerDuty added
/// last month...): the mapping decides what each one means for the import,
/// from its name, in one table.
#[derive(Clone, Debug, PartialEq)]
pub struct Extra {
    /// The field's name as written (`acknowledgement_timeout`).
    pub field: String,
    /// Its key's place.
    pub key: Loc,
    /// Its value's place (the key's for a block).
    pub loc: Loc,
    /// A short rendering of a scalar value (`"round_robin"`, `1800`), for
    /// messages; `None` for collections.
    pub shown: Option<String>,
    /// For a mapping (or block): its scalar entries, rendered as `shown`
    /// (`type: constant`, `urgency: high`).
    pub parts: Vec<(String, String)>,
}

impl Extra {
    /// The rendering of one scalar entry of a mapping value.
    pub fn part(&self, key: &str) -> Option<&str> {
        self.parts
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// The reference to write as `source` for an object's key: `None` for the
/// keys a reader makes up for objects without an id (request bodies), which
/// start with `@`.
pub fn source_of(key: &str) -> Option<&str> {
    (!key.starts_with('@') && !key.is_empty()).then_some(key)
}

/// Everything read from the files, in the order the files give it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Export {
    pub users: Vec<User>,
    pub schedules: Vec<Schedule>,
    pub policies: Vec<Policy>,
    pub services: Vec<Service>,
    pub teams: Vec<Team>,
}

/// Which kind of PagerDuty object (for messages and the field table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ObjectKind {
    User,
    ContactMethod,
    NotificationRule,
    Schedule,
    Layer,
    Restriction,
    Override,
    Policy,
    Rule,
    Target,
    Service,
    Team,
    Membership,
}

impl ObjectKind {
    /// How messages name it.
    pub fn label(self) -> &'static str {
        match self {
            ObjectKind::User => "user",
            ObjectKind::ContactMethod => "contact method",
            ObjectKind::NotificationRule => "notification rule",
            ObjectKind::Schedule => "schedule",
            ObjectKind::Layer => "layer",
            ObjectKind::Restriction => "restriction",
            ObjectKind::Override => "override",
            ObjectKind::Policy => "escalation policy",
            ObjectKind::Rule => "escalation rule",
            ObjectKind::Target => "target",
            ObjectKind::Service => "service",
            ObjectKind::Team => "team",
            ObjectKind::Membership => "team membership",
        }
    }
}

/// A PagerDuty user.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct User {
    /// Its id, or its Terraform address.
    pub key: String,
    /// Where it is (its `id`, its name, or the resource's header).
    pub loc: Loc,
    pub name: Field<String>,
    pub email: Field<String>,
    pub time_zone: Field<String>,
    pub contact_methods: Vec<ContactMethod>,
    pub notification_rules: Vec<NotificationRule>,
    /// `contact_methods` / `notification_rules` given only as references
    /// (an export without `include[]`): where.
    pub stub_lists: Vec<Loc>,
    /// Looked up by a Terraform data source (not defined in the files).
    pub lookup: bool,
    pub extra: Vec<Extra>,
}

/// One way of reaching a user.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContactMethod {
    /// Its id, or Terraform address.
    pub key: String,
    pub loc: Loc,
    /// `phone_contact_method`, `sms_contact_method`, `email_contact_method`,
    /// `push_notification_contact_method` (`_reference` forms accepted).
    pub kind: Field<String>,
    pub address: Field<String>,
    /// Phone and SMS: the country calling code (`44`).
    pub country_code: Field<String>,
    pub label: Field<String>,
    pub extra: Vec<Extra>,
}

/// When a user is notified, by which contact method.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NotificationRule {
    pub key: String,
    pub loc: Loc,
    pub start_delay_in_minutes: Field<i64>,
    /// `high` or `low`.
    pub urgency: Field<String>,
    pub contact_method: Option<Ref>,
    /// The contact method's `type` as the rule states it.
    pub contact_method_kind: Field<String>,
    pub extra: Vec<Extra>,
}

/// A PagerDuty schedule.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Schedule {
    pub key: String,
    pub loc: Loc,
    pub name: Field<String>,
    pub time_zone: Field<String>,
    /// Bottom first (Layer 1 first): the readers put them in this order.
    pub layers: Vec<Layer>,
    pub overrides: Vec<Override>,
    /// The entries of a GET's `overrides_subschedule` (PagerDuty's overrides
    /// resolved over the window the request asked for), with where that key
    /// is; empty when there are none.
    pub rendered_overrides: Vec<Override>,
    pub rendered_overrides_at: Option<Loc>,
    /// Looked up by a Terraform data source: its layers are not in the files.
    pub lookup: bool,
    pub extra: Vec<Extra>,
}

/// A schedule layer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layer {
    /// Its id (`PLAYR01`), or `pagerduty_schedule.x.layer[0]`.
    pub key: Option<String>,
    pub loc: Loc,
    pub name: Field<String>,
    /// RFC 3339 texts as written.
    pub start: Field<String>,
    /// `None` inside: written as `null` (no end).
    pub end: Field<Option<String>>,
    pub rotation_virtual_start: Field<String>,
    pub rotation_turn_length_seconds: Field<i64>,
    /// The users in turn order.
    pub users: Field<Vec<Ref>>,
    pub restrictions: Vec<Restriction>,
    pub extra: Vec<Extra>,
}

/// A layer restriction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Restriction {
    pub loc: Loc,
    /// `daily_restriction` or `weekly_restriction`.
    pub kind: Field<String>,
    /// `HH:MM:SS`.
    pub start_time_of_day: Field<String>,
    pub duration_seconds: Field<i64>,
    /// 1 = Monday ... 7 = Sunday.
    pub start_day_of_week: Field<i64>,
    pub extra: Vec<Extra>,
}

/// A schedule override.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Override {
    pub key: Option<String>,
    pub loc: Loc,
    pub start: Field<String>,
    pub end: Field<String>,
    pub user: Option<Ref>,
    pub extra: Vec<Extra>,
}

/// An escalation policy.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Policy {
    pub key: String,
    pub loc: Loc,
    pub name: Field<String>,
    pub num_loops: Field<i64>,
    pub rules: Vec<Rule>,
    pub extra: Vec<Extra>,
}

/// An escalation rule (a level).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rule {
    pub key: Option<String>,
    pub loc: Loc,
    pub escalation_delay_in_minutes: Field<i64>,
    pub targets: Vec<Target>,
    /// `escalation_rule_assignment_strategy.type`.
    pub assignment_strategy: Field<String>,
    pub extra: Vec<Extra>,
}

/// One target of a rule.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Target {
    pub loc: Loc,
    /// `user_reference`, `schedule_reference`, `user`, `schedule` (the
    /// default in Terraform: `user_reference`).
    pub kind: Field<String>,
    pub reference: Option<Ref>,
}

/// A service.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Service {
    pub key: String,
    pub loc: Loc,
    pub name: Field<String>,
    pub escalation_policy: Option<Ref>,
    pub extra: Vec<Extra>,
}

/// A team (not a person: never an owner).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Team {
    pub key: String,
    pub loc: Loc,
    pub name: Field<String>,
    pub kind: ObjectKindOfTeam,
    pub extra: Vec<Extra>,
}

/// A team, or a membership of a user in a team.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ObjectKindOfTeam {
    #[default]
    Team,
    Membership,
}
