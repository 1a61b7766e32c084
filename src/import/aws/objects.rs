//! AWS Incident Manager's own objects (`ssm-contacts`), as its API, its
//! CloudFormation resources and its two Terraform providers give them: the
//! one intermediate that [`super::read`] fills and [`super::map`] turns into
//! the document. Keys are ARNs (API), logical ids (CloudFormation) or
//! Terraform addresses; references hold the same keys.

use chrono::{NaiveDateTime, Weekday};

use crate::import::view::{Field, Loc};
use crate::time::Timestamp;

/// Everything read from the files, in the order the files give it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Export {
    pub contacts: Vec<Contact>,
    pub rotations: Vec<Rotation>,
    pub overrides: Vec<Override>,
    pub channels: Vec<Channel>,
    /// Plans given apart from their contact (`AWS::SSMContacts::Plan`,
    /// `aws_ssmcontacts_plan`), joined to it by the mapping.
    pub plans: Vec<Plan>,
}

/// References with their places.
pub type Refs = Vec<(String, Loc)>;

/// A contact: `PERSONAL`, `ESCALATION` or `ONCALL_SCHEDULE`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Contact {
    pub key: String,
    pub loc: Loc,
    pub alias: Field<String>,
    pub display_name: Field<String>,
    pub kind: Field<String>,
    /// The plan's stages (a personal contact's engagement plan, or an
    /// escalation plan).
    pub stages: Vec<Stage>,
    /// An on-call schedule's rotations.
    pub rotation_ids: Field<Refs>,
    /// Whether the files give its plan (`list-contacts` does not).
    pub has_plan: bool,
}

/// A plan given apart from its contact.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub key: String,
    pub loc: Loc,
    pub contact: Field<String>,
    pub stages: Vec<Stage>,
    pub rotation_ids: Field<Refs>,
}

/// One stage of a plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stage {
    pub loc: Loc,
    pub duration_minutes: Field<i64>,
    pub targets: Vec<Target>,
}

/// A stage's target: a contact or a contact channel.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Target {
    pub loc: Loc,
    pub contact: Field<String>,
    pub essential: Field<bool>,
    pub channel: Field<String>,
    pub retry_minutes: Field<i64>,
}

/// When a rotation starts: an instant, or (CloudFormation) a date-time
/// without an offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    Instant(Timestamp),
    Local(NaiveDateTime),
}

/// One coverage window of a day (`ShiftCoverages`).
#[derive(Clone, Debug, PartialEq)]
pub struct Coverage {
    pub day: Weekday,
    /// Seconds after midnight.
    pub start: u32,
    pub end: u32,
    pub loc: Loc,
}

/// A rotation's recurrence.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recurrence {
    pub loc: Loc,
    pub number_of_on_calls: Field<i64>,
    pub multiplier: Field<i64>,
    /// `DailySettings`: times of day (seconds after midnight).
    pub daily: Vec<(u32, Loc)>,
    /// `WeeklySettings`.
    pub weekly: Vec<(Weekday, u32, Loc)>,
    /// `MonthlySettings`: day of month, time of day.
    pub monthly: Vec<(u32, u32, Loc)>,
    /// `ShiftCoverages`, when given.
    pub coverages: Option<Vec<Coverage>>,
    /// Something in it could not be read (already reported).
    pub broken: bool,
}

/// A rotation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rotation {
    pub key: String,
    pub loc: Loc,
    pub name: Field<String>,
    pub contact_ids: Field<Refs>,
    pub start: Field<Start>,
    pub time_zone: Field<String>,
    pub recurrence: Option<Recurrence>,
}

/// A rotation override: these contacts replace the rotation's on-call
/// contacts between `start` and `end`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Override {
    pub key: String,
    pub loc: Loc,
    /// The rotation it belongs to (its ARN, or `None` when the file does
    /// not say).
    pub rotation: Option<String>,
    pub new_contacts: Field<Refs>,
    pub start: Field<Timestamp>,
    pub end: Field<Timestamp>,
}

/// A contact channel.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Channel {
    pub key: String,
    pub loc: Loc,
    pub contact: Field<String>,
    pub name: Field<String>,
    /// `SMS`, `VOICE`, `EMAIL` (`CHATBOT` in awscc).
    pub kind: Field<String>,
    pub address: Field<String>,
    /// `ActivationStatus` (`ACTIVATED`/`NOT_ACTIVATED`), or
    /// `DeferActivation` read as not activated.
    pub activated: Option<bool>,
}
