//! Grafana OnCall's own objects, as its public API and its Terraform
//! provider give them (the same field names in both): the one intermediate
//! that [`super::read`] fills and [`super::map`] turns into the document.
//! Keys are API ids (`O9WTH7CKM3KZW`) or Terraform addresses
//! (`grafana_oncall_on_call_shift.apac`); references hold the same keys.

use crate::import::view::{Field, Loc};

/// Everything read from the files, in the order the files give it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Export {
    pub shifts: Vec<Shift>,
    pub schedules: Vec<Schedule>,
    pub chains: Vec<Chain>,
    pub steps: Vec<Escalation>,
    pub routes: Vec<Route>,
    pub integrations: Vec<Integration>,
    pub users: Vec<User>,
}

/// A list of references (user ids or addresses), each with its place.
pub type Refs = Vec<(String, Loc)>;

/// An on-call shift (`grafana_oncall_on_call_shift`, `/on_call_shifts`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shift {
    pub key: String,
    pub loc: Loc,
    pub name: Field<String>,
    /// `rolling_users`, `recurrent_event`, `single_event` or `override`.
    pub kind: Field<String>,
    /// `yyyy-MM-dd'T'HH:mm:ss`, a wall-clock time in `time_zone`.
    pub start: Field<String>,
    /// Seconds.
    pub duration: Field<i64>,
    pub rotation_start: Field<String>,
    /// `hourly`, `daily`, `weekly` or `monthly`.
    pub frequency: Field<String>,
    pub interval: Field<i64>,
    pub until: Field<String>,
    /// `MO` ... `SU`.
    pub week_start: Field<String>,
    pub by_day: Field<Refs>,
    pub by_month: Field<Vec<i64>>,
    pub by_monthday: Field<Vec<i64>>,
    pub time_zone: Field<String>,
    pub level: Field<i64>,
    /// `single_event` and `recurrent_event`.
    pub users: Field<Refs>,
    /// `rolling_users`: groups in order.
    pub rolling_users: Field<Vec<(Refs, Loc)>>,
    pub start_rotation_from_user_index: Field<i64>,
}

/// A schedule (`grafana_oncall_schedule`, `/schedules`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Schedule {
    pub key: String,
    pub loc: Loc,
    pub name: Field<String>,
    /// `calendar`, `ical` or `web`.
    pub kind: Field<String>,
    pub time_zone: Field<String>,
    pub shifts: Field<Refs>,
    pub ical_url_primary: Field<String>,
    pub ical_url_overrides: Field<String>,
}

/// An escalation chain.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Chain {
    pub key: String,
    pub loc: Loc,
    pub name: Field<String>,
}

/// An escalation step (`grafana_oncall_escalation`, `/escalation_policies`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Escalation {
    pub key: String,
    pub loc: Loc,
    pub chain: Field<String>,
    pub position: Field<i64>,
    pub kind: Field<String>,
    /// `wait`: seconds.
    pub duration: Field<i64>,
    pub important: Field<bool>,
    pub persons: Field<Refs>,
    pub persons_next: Field<Refs>,
    pub schedule: Field<String>,
    /// Everything else a step type reads (`group_to_notify`,
    /// `action_to_trigger`, `notify_if_time_from`, ...): name and shown value.
    pub other: Vec<(String, String, Loc)>,
}

/// A route of an integration.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Route {
    pub key: String,
    pub loc: Loc,
    pub integration: Field<String>,
    pub chain: Field<String>,
    pub position: Field<i64>,
    pub routing_type: Field<String>,
    pub routing_regex: Field<String>,
    pub is_default: bool,
}

/// An integration (an alert source).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Integration {
    pub key: String,
    pub loc: Loc,
    pub name: Field<String>,
    pub kind: Field<String>,
    /// The default route's escalation chain.
    pub default_chain: Field<String>,
}

/// A user (`/users`, or `data.grafana_oncall_user` by username).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct User {
    pub key: String,
    pub loc: Loc,
    pub username: Field<String>,
    pub email: Field<String>,
    pub timezone: Field<String>,
    /// Looked up by a Terraform data source.
    pub lookup: bool,
}
