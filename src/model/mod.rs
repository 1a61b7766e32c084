//! The validated model: a policy document with every id resolved.
//!
//! Engines only ever see this model. Every reference is an index into one of
//! the [`Model`]'s vectors, so an engine cannot meet an unknown id. Each
//! object keeps the [`Span`]s findings need to point back into the text.
//!
//! Reading a model from a document tree is [`read`]'s job; this module
//! defines what a model is, and the lookups every engine shares: objects by
//! id, routing (which policy handles an incident, which incident a trigger
//! opens) and whether an approval holds at an instant. The value types
//! (durations, date-times, windows) come from [`crate::time`].

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::diagnostic::Span;
pub use crate::time::calendar::MonthOverflow;
pub use crate::time::points::PointSpec;
use crate::time::recurrence::Recurrence;
use crate::time::{DateTimeSpec, DstRule, Seconds, Timestamp, Window};

pub mod read;
pub mod scenario;

/// A value together with the span of text it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Wraps a value with its span.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);
        impl $name {
            /// The position in the model's vector.
            pub fn index(self) -> usize { self.0 as usize }
        }
    };
}

index_type!(/// Index into [`Model::people`].
    PersonIdx);
index_type!(/// Index into [`Model::schedules`].
    ScheduleIdx);
index_type!(/// Index into [`Model::policies`].
    PolicyIdx);
index_type!(/// Index into [`Model::services`].
    ServiceIdx);
index_type!(/// Index into [`Model::severities`].
    SeverityIdx);
index_type!(/// Index into [`Model::vendors`].
    VendorIdx);

/// A responder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub id: Spanned<String>,
    pub name: Option<String>,
    /// Where the person came from, as the source wrote it (an importer's
    /// `pagerduty_user.alice`, an e-mail...): shown, never computed with.
    pub source: Option<String>,
    /// The person's own zone (display only; schedules use their own zone).
    pub timezone: Option<Tz>,
    /// The engagement plan: which channel is tried how long after a page.
    pub contact: Vec<ContactRule>,
    /// The whole object.
    pub span: Span,
}

/// One step of a person's engagement plan (`{via: sms, after: 2m}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactRule {
    pub via: String,
    pub after: Seconds,
    /// Address, phone number... when the document gives one.
    pub to: Option<String>,
    pub span: Span,
}

/// How a layer counts its turns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Clock {
    /// `handoff + k * shift` on the local wall clock (default).
    #[default]
    Wall,
    /// `k * shift` of elapsed time after the first handoff instant.
    Elapsed,
}

/// Whether a layer's rotation also runs before its first handoff
/// (`before_handoff`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum BeforeHandoff {
    /// `none` (default): nobody is on call before the first handoff (SPEC
    /// section 2: the rotation never runs backwards).
    #[default]
    Nobody,
    /// `rotate`: turns count in both directions from the handoff; turn `k < 0`
    /// starts at `handoff + k * shift` and is held by `members[k mod n]`
    /// (turn -1 is the last member). PagerDuty anchors its turns at
    /// `rotation_virtual_start`, which may lie after the layer's `start`.
    Rotate,
}

/// How a layer numbers its turns when grid points collapse (two turn
/// starts resolving to one instant across a DST gap).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum TurnCount {
    /// `grid` (default, SPEC section 2): turn `k` is the `k`-th grid point;
    /// a turn overtaken by a later one is empty (its member is skipped).
    #[default]
    Grid,
    /// `instants`: the rotation advances one member at each distinct
    /// handoff instant (GoAlert's `calcAdvance`), so no member is skipped;
    /// turns are numbered by instants.
    Instants,
}

/// How a layer's turns are laid out in time.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub enum Cadence {
    /// Every `shift` from the handoff (default).
    #[default]
    Shift,
    /// `shift: 3mo`: turn `k` starts `k * months` months after the handoff
    /// on the wall clock, counted from the handoff each time (a day the
    /// month lacks follows the layer's `month_overflow`).
    Months(u32),
    /// `handoffs:`: turns change at local points of each day, week or
    /// month; turn `k + 1` starts at the `every`-th point strictly after
    /// turn `k`'s start (turn 0 at the handoff).
    Points { points: PointSpec, every: u32 },
}

/// How the layers of a schedule combine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Combine {
    /// The top-most layer that has anyone wins (PagerDuty); with `level`s,
    /// every layer of the highest level that has anyone (Grafana OnCall).
    #[default]
    Top,
    /// Everyone on any layer (GoAlert, Opsgenie).
    Union,
}

/// One layer of a schedule: a rotation or a list of events, shown only
/// within `[from, until)` and its restriction windows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layer {
    pub id: Spanned<String>,
    /// Display name (`name:`), for people reading explanations.
    pub name: Option<String>,
    /// The reference in the source this layer was imported from (`source:`).
    pub source: Option<String>,
    pub kind: LayerKind,
    /// Active from (default: the first handoff, or always for events;
    /// unbounded in the past with `before_handoff: rotate`).
    pub from: Option<Spanned<DateTimeSpec>>,
    /// Active until (exclusive).
    pub until: Option<Spanned<DateTimeSpec>>,
    /// Empty means no restriction.
    pub restrictions: Vec<Spanned<Window>>,
    /// Overrides of this layer's own set, applied in the order listed
    /// before the schedule combines its layers (AWS rotation overrides).
    pub overrides: Vec<Override>,
    /// Priority under `combine: top` (`level:`; default: the layer's
    /// position from 1, so the top-most layer is the highest): the layers
    /// of the highest level with anyone on call win, together.
    pub level: i64,
    pub span: Span,
}

/// What a layer is made of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LayerKind {
    /// Turns of `members`, one every `shift` from the first handoff.
    Rotation(Turns),
    /// Explicit events, each once or on a recurrence; at an instant the
    /// layer holds everyone of every event occurring then (a union).
    Events(Vec<LayerEvent>),
}

/// A rotation: who takes turns, how long, from when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Turns {
    /// Turn `k` is held by `members[k mod n]`; an empty turn holds nobody.
    pub members: Vec<Vec<PersonIdx>>,
    pub members_span: Span,
    /// Length of one turn; always positive in a valid model. For a month
    /// shift or handoff points (see `cadence`), the average turn length
    /// (used only to size searches; turns follow `cadence`).
    pub shift: Spanned<Seconds>,
    /// How turns are laid out: every `shift` (default), every few months,
    /// or at handoff points.
    pub cadence: Cadence,
    /// What a day of the month the target month lacks becomes
    /// (`month_overflow`), for month shifts and monthly handoff points.
    pub month_overflow: MonthOverflow,
    /// How turns are numbered when handoffs collapse (`turn_count`).
    pub turn_count: TurnCount,
    /// The first handoff: `members[0]`'s first turn starts here.
    pub handoff: Spanned<DateTimeSpec>,
    pub clock: Clock,
    /// Whether turns also run before the handoff (`before_handoff: rotate`).
    pub before_handoff: BeforeHandoff,
}

/// One event of an events layer: `people` on call from `from` to `to`,
/// once, or again at each start of `repeat` (an RFC 5545 recurrence rule
/// counted on the event zone's wall clock) except the starts in `except`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayerEvent {
    /// A stable name (a calendar's `UID`), used in explanations.
    pub uid: Option<Spanned<String>>,
    /// What the event says (a calendar's `SUMMARY`).
    pub name: Option<String>,
    pub people: Vec<PersonIdx>,
    pub from: Spanned<DateTimeSpec>,
    pub to: Spanned<DateTimeSpec>,
    /// The zone its local times are read in (default: the schedule's).
    pub timezone: Tz,
    pub repeat: Option<Spanned<Recurrence>>,
    /// Starts of `repeat` left out.
    pub except: Vec<Spanned<DateTimeSpec>>,
    pub span: Span,
}

impl Layer {
    /// The rotation, when the layer is one.
    pub fn turns(&self) -> Option<&Turns> {
        match &self.kind {
            LayerKind::Rotation(t) => Some(t),
            LayerKind::Events(_) => None,
        }
    }

    /// The rotation, when the layer is one, to change it.
    pub fn turns_mut(&mut self) -> Option<&mut Turns> {
        match &mut self.kind {
            LayerKind::Rotation(t) => Some(t),
            LayerKind::Events(_) => None,
        }
    }

    /// The events, when the layer is made of events (empty otherwise).
    pub fn events(&self) -> &[LayerEvent] {
        match &self.kind {
            LayerKind::Events(e) => e,
            LayerKind::Rotation(_) => &[],
        }
    }

    /// Everyone the layer can put on call (with repeats).
    pub fn people(&self) -> Vec<PersonIdx> {
        match &self.kind {
            LayerKind::Rotation(t) => t.members.iter().flatten().copied().collect(),
            LayerKind::Events(e) => e.iter().flat_map(|e| e.people.iter().copied()).collect(),
        }
    }
}

/// What an override does to the on-call set while it is active.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OverrideKind {
    /// `person:`/`people:` replaces the whole set (and so fills a gap);
    /// `people: []` replaces it with nobody (Opsgenie's `user: none`).
    Replace { people: Vec<PersonIdx> },
    /// `person: X, replaces: Y`: swaps Y for the people while Y is in the set.
    Swap {
        replaces: PersonIdx,
        people: Vec<PersonIdx>,
    },
    /// `add:` joins the set.
    Add { people: Vec<PersonIdx> },
    /// `remove:` leaves the set.
    Remove { people: Vec<PersonIdx> },
}

/// A temporary change to a schedule on `[from, to)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    pub kind: OverrideKind,
    /// The reference in the source this override was imported from (`source:`).
    pub source: Option<String>,
    pub from: Spanned<DateTimeSpec>,
    pub to: Spanned<DateTimeSpec>,
    pub span: Span,
}

/// An on-call schedule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub id: Spanned<String>,
    pub name: Option<String>,
    /// The reference in the source this schedule was imported from (`source:`).
    pub source: Option<String>,
    /// The schedule's zone (already defaulted to the document's).
    pub timezone: Tz,
    /// Listed bottom to top.
    pub layers: Vec<Layer>,
    pub combine: Combine,
    /// Applied in the order listed.
    pub overrides: Vec<Override>,
    /// How local times in a DST gap or fold resolve (`dst_gap`,
    /// `dst_fold_close`; default SPEC section 1's rule).
    pub dst: DstRule,
    /// `enabled: false` (the span of `false`): nobody is ever on call in
    /// this schedule; its layers and overrides are kept for the record
    /// (Opsgenie's disabled schedules). `None`: enabled (the default).
    pub disabled: Option<Span>,
    pub span: Span,
}

impl Schedule {
    /// Whether anyone can be on call in it (`enabled`, the default).
    pub fn is_enabled(&self) -> bool {
        self.disabled.is_none()
    }
}

/// What a step does when it resolves to nobody.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum OnEmptyStep {
    /// The next step fires at once (PagerDuty, incident.io).
    #[default]
    Skip,
    /// The step still waits its `escalate_after` (GoAlert).
    Wait,
}

/// Which turn a schedule target pages instead of the current on-call set
/// (`turn: next` or `turn: previous`; `current` is [`Target::Schedule`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TurnChoice {
    /// The turn after each layer's turn at the instant the step fires
    /// (turn 0 before the first handoff): Opsgenie's `notifyType: next`.
    Next,
    /// The turn before it (nobody before the first handoff unless the layer
    /// has `before_handoff: rotate`): Opsgenie's `notifyType: previous`.
    Previous,
}

impl TurnChoice {
    /// The word used in documents and output: `next`, `previous`.
    pub fn as_str(self) -> &'static str {
        match self {
            TurnChoice::Next => "next",
            TurnChoice::Previous => "previous",
        }
    }
}

/// Who a step notifies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The schedule's on-call set at the instant the step fires.
    Schedule(ScheduleIdx),
    /// `{schedule: s, turn: next|previous}`: for each layer within its
    /// active range at the instant the step fires, the people of the turn
    /// after (before) its turn then; the union over the layers.
    /// Restrictions and overrides are not applied: they say who holds the
    /// pager now, not whose turn is next.
    ScheduleTurn {
        schedule: ScheduleIdx,
        turn: TurnChoice,
    },
    Person(PersonIdx),
    Vendor(VendorIdx),
    /// Informed, never paged (`{stakeholders: status-page}`).
    Stakeholders(String),
}

/// One level of an escalation policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Display name (`name:`).
    pub name: Option<String>,
    /// The reference in the source this step was imported from (`source:`).
    pub source: Option<String>,
    /// Empty for a step that only waits.
    pub targets: Vec<Spanned<Target>>,
    /// How long after this step fires the next one does if nobody
    /// acknowledges; for a step that only waits, the wait (`wait: 5m`).
    pub escalate_after: Spanned<Seconds>,
    /// A step that only waits (`{wait: 5m}`): it pages and informs nobody,
    /// the next step fires `escalate_after` later whatever `on_empty_step`
    /// says, and it is not a level gap. Opsgenie's rule delays (counted from
    /// the alert) and Grafana OnCall's `wait` steps are imported as these.
    pub wait: bool,
    /// The targets (indices into `targets`) written with `essential: false`,
    /// each with the span of `false`: someone reached only through them
    /// stops their own contact attempts by acknowledging, not the
    /// escalation (AWS Incident Manager's `IsEssential`).
    pub non_essential: Vec<(usize, Span)>,
    pub role: Option<String>,
    pub owner: Option<PersonIdx>,
    pub span: Span,
}

impl Step {
    /// Whether an acknowledgement from someone reached through target
    /// `target` (an index into `targets`) stops the escalation: `essential`
    /// is `true` unless the document says `essential: false`.
    pub fn is_essential(&self, target: usize) -> bool {
        !self.non_essential.iter().any(|(i, _)| *i == target)
    }
}

/// An escalation policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    pub id: Spanned<String>,
    pub name: Option<String>,
    /// The reference in the source this policy was imported from (`source:`).
    pub source: Option<String>,
    pub owner: Option<PersonIdx>,
    /// Extra passes over all steps, `0..=20` (Opsgenie repeats up to 20 times).
    pub repeat: u8,
    pub on_empty_step: OnEmptyStep,
    pub steps: Vec<Step>,
    pub span: Span,
}

/// Which policy handles a service's incidents, per severity.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Routing {
    pub by_severity: Vec<(SeverityIdx, PolicyIdx)>,
    pub default: Option<PolicyIdx>,
    pub span: Span,
}

impl Routing {
    /// The policy for a severity, falling back to the default.
    pub fn policy_for(&self, severity: SeverityIdx) -> Option<PolicyIdx> {
        self.by_severity
            .iter()
            .find(|(s, _)| *s == severity)
            .map(|(_, p)| *p)
            .or(self.default)
    }
}

/// Something that can have incidents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    pub id: Spanned<String>,
    pub name: Option<String>,
    /// The reference in the source this service was imported from (`source:`).
    pub source: Option<String>,
    pub owner: Option<PersonIdx>,
    pub escalation: Routing,
    pub vendors: Vec<VendorIdx>,
    pub span: Span,
}

/// An incident level. The first listed is the most severe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Severity {
    pub id: Spanned<String>,
    pub ack_within: Option<Seconds>,
    pub comms_within: Option<Seconds>,
    pub span: Span,
}

/// An escalation prompt: which alarm opens which incident.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trigger {
    pub id: Spanned<String>,
    pub source: String,
    pub service: ServiceIdx,
    pub severity: SeverityIdx,
    pub span: Span,
}

/// How to reach a vendor (`{via: phone, to: "+1 555 0100"}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VendorContact {
    pub via: String,
    pub to: String,
}

/// A third party with an SLA.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vendor {
    pub id: Spanned<String>,
    pub name: Option<String>,
    /// The reference in the source this vendor was imported from (`source:`).
    pub source: Option<String>,
    /// The vendor's zone (already defaulted to the document's).
    pub timezone: Tz,
    /// Contractual time to respond, per severity.
    pub sla: Vec<(SeverityIdx, Spanned<Seconds>)>,
    /// Empty means always.
    pub support_hours: Vec<Spanned<Window>>,
    pub contacts: Vec<VendorContact>,
    pub span: Span,
}

/// A pre-approved mitigation action (runbook).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    pub id: Spanned<String>,
    pub title: String,
    pub runbook: Option<String>,
    pub services: Vec<ServiceIdx>,
    /// Empty means every severity.
    pub severities: Vec<SeverityIdx>,
    /// `None` when the document names nobody (a finding).
    pub approved_by: Option<PersonIdx>,
    pub approved_until: Option<Spanned<DateTimeSpec>>,
    pub span: Span,
}

/// Someone who took part in a drill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Participant {
    Person(PersonIdx),
    Vendor(VendorIdx),
}

/// A rehearsal that was held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drill {
    pub date: Spanned<NaiveDate>,
    pub scenario: String,
    pub participants: Vec<Participant>,
    pub span: Span,
}

/// The review cadence of the whole document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    pub every: Spanned<Seconds>,
    pub last: Option<Spanned<NaiveDate>>,
    pub span: Span,
}

/// A whole validated policy document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Model {
    /// The default zone for everything local.
    pub timezone: Tz,
    pub people: Vec<Person>,
    pub schedules: Vec<Schedule>,
    pub policies: Vec<Policy>,
    pub services: Vec<Service>,
    pub severities: Vec<Severity>,
    pub triggers: Vec<Trigger>,
    pub vendors: Vec<Vendor>,
    pub actions: Vec<Action>,
    pub drills: Vec<Drill>,
    pub review: Option<Review>,
}

macro_rules! lookup {
    ($fn:ident, $field:ident, $idx:ident) => {
        /// Finds an object by id.
        pub fn $fn(&self, id: &str) -> Option<$idx> {
            self.$field
                .iter()
                .position(|x| x.id.value == id)
                .map(|i| $idx(i as u32))
        }
    };
}

impl Model {
    lookup!(person_by_id, people, PersonIdx);
    lookup!(schedule_by_id, schedules, ScheduleIdx);
    lookup!(policy_by_id, policies, PolicyIdx);
    lookup!(service_by_id, services, ServiceIdx);
    lookup!(severity_by_id, severities, SeverityIdx);
    lookup!(vendor_by_id, vendors, VendorIdx);

    /// A person by index.
    pub fn person(&self, idx: PersonIdx) -> &Person {
        &self.people[idx.index()]
    }
    /// A schedule by index.
    pub fn schedule(&self, idx: ScheduleIdx) -> &Schedule {
        &self.schedules[idx.index()]
    }
    /// A policy by index.
    pub fn policy(&self, idx: PolicyIdx) -> &Policy {
        &self.policies[idx.index()]
    }
    /// A service by index.
    pub fn service(&self, idx: ServiceIdx) -> &Service {
        &self.services[idx.index()]
    }
    /// A severity by index.
    pub fn severity(&self, idx: SeverityIdx) -> &Severity {
        &self.severities[idx.index()]
    }
    /// A vendor by index.
    pub fn vendor(&self, idx: VendorIdx) -> &Vendor {
        &self.vendors[idx.index()]
    }

    /// The policy that handles incidents of `service` at `severity`
    /// (`services[].escalation`, falling back to its `default`).
    pub fn policy_for(&self, service: ServiceIdx, severity: SeverityIdx) -> Option<PolicyIdx> {
        self.services
            .get(service.index())
            .and_then(|s| s.escalation.policy_for(severity))
    }

    /// The trigger (index into [`Model::triggers`]) whose `id` or `source` is `name`.
    pub fn trigger_by_name(&self, name: &str) -> Option<usize> {
        self.triggers
            .iter()
            .position(|t| t.id.value == name || t.source == name)
    }

    /// The service, severity and policy (if routed) of the incident a trigger opens.
    pub fn route_trigger(
        &self,
        trigger: usize,
    ) -> Option<(ServiceIdx, SeverityIdx, Option<PolicyIdx>)> {
        let t = self.triggers.get(trigger)?;
        Some((
            t.service,
            t.severity,
            self.policy_for(t.service, t.severity),
        ))
    }

    /// Every (service, severity) pair routed to `policy`.
    pub fn routes_to(&self, policy: PolicyIdx) -> Vec<(ServiceIdx, SeverityIdx)> {
        let mut out = Vec::new();
        for (si, _) in self.services.iter().enumerate() {
            let service = ServiceIdx(si as u32);
            for (vi, _) in self.severities.iter().enumerate() {
                let severity = SeverityIdx(vi as u32);
                if self.policy_for(service, severity) == Some(policy) {
                    out.push((service, severity));
                }
            }
        }
        out
    }

    /// Whether the approval of an action has expired at `at`: its
    /// `approved_until`, a local one read in the document's zone (SPEC
    /// section 1: a time in a DST fold is its earlier occurrence), is at or
    /// before `at`. The one rule for findings (`approval-expired`) and the
    /// simulator (actions available during an incident); compared on
    /// instants, so both agree in a DST fold.
    pub fn approval_expired(&self, action: &Action, at: Timestamp) -> bool {
        action
            .approved_until
            .as_ref()
            .is_some_and(|until| crate::time::resolve(&until.value, self.timezone) <= at)
    }
}
