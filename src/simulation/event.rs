//! What happens during a simulated incident, one event at a time.

use crate::model::{PersonIdx, PolicyIdx, ServiceIdx, SeverityIdx, VendorIdx};
use crate::time::Timestamp;

use crate::model::scenario::Inject;

/// A target the incident missed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Missed {
    /// Nobody acknowledged within the severity's `ack_within`.
    AckWithin { within: i64 },
    /// Stakeholders were not informed within the severity's `comms_within`.
    CommsWithin { within: i64 },
    /// The vendor did not respond within its SLA for the severity.
    VendorSla { vendor: VendorIdx, within: i64 },
}

/// One thing that happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// The incident opened on a policy.
    Triggered {
        policy: PolicyIdx,
        service: Option<ServiceIdx>,
        severity: Option<SeverityIdx>,
    },
    /// Pre-approved actions (indices into the model's actions) for this
    /// service and severity.
    ActionsAvailable { actions: Vec<usize> },
    /// A step fired and paged someone.
    StepFired {
        pass: u32,
        step: u32,
        role: Option<String>,
        owner: Option<PersonIdx>,
        people: Vec<PersonIdx>,
        vendors: Vec<VendorIdx>,
    },
    /// A step fired and paged nobody: a level gap.
    LevelSkipped {
        pass: u32,
        step: u32,
        role: Option<String>,
        owner: Option<PersonIdx>,
        vendors_closed: Vec<VendorIdx>,
    },
    /// A step that only waits (`{wait: 5m}`) began: it pages nobody and is
    /// not a level gap; the next step fires `wait` seconds later.
    Waiting {
        pass: u32,
        step: u32,
        role: Option<String>,
        owner: Option<PersonIdx>,
        wait: i64,
    },
    /// One contact attempt on one channel of a person's engagement plan.
    ContactAttempt {
        person: PersonIdx,
        via: String,
        to: Option<String>,
        pass: u32,
        step: u32,
    },
    /// A vendor engaged through its contacts.
    VendorEngaged {
        vendor: VendorIdx,
        pass: u32,
        step: u32,
    },
    /// Stakeholders informed by a step.
    StakeholdersInformed {
        stakeholders: Vec<String>,
        pass: u32,
        step: u32,
    },
    /// Someone acknowledged: escalation stops.
    Acknowledged {
        by: Option<PersonIdx>,
        injected: bool,
    },
    /// Someone reached only through targets with `essential: false`
    /// acknowledged: their own contact attempts stop, the escalation goes
    /// on (AWS Incident Manager's non-essential targets).
    AcknowledgedNotEssential { by: PersonIdx, injected: bool },
    /// A vendor responded to its engagement.
    VendorResponded { vendor: VendorIdx },
    /// Escalated from one step to the next (by timeout, or manually).
    Escalated {
        pass: u32,
        from_step: u32,
        to_step: u32,
        manual: bool,
    },
    /// A new pass over all steps starts.
    PassRepeated { pass: u32 },
    /// Nobody else will be paged.
    Exhausted,
    /// A response target was missed.
    TargetMissed(Missed),
    /// An injected event took effect (unavailable, available, override, note).
    Injected(Inject),
    /// The incident was resolved.
    Resolved,
    /// The run stopped at its event limit.
    Truncated,
}

/// One event, with its instant and explanation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Position in the run, from 0.
    pub index: usize,
    pub at: Timestamp,
    /// Seconds after the incident opened.
    pub offset: i64,
    pub kind: EventKind,
    /// Why it happened, in words.
    pub explanation: String,
}
