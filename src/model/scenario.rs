//! A tabletop scenario: the incident, how responders behave, and the events
//! a trainer injects while the exercise runs.

use super::{
    Override, Participant, PersonIdx, PolicyIdx, ScheduleIdx, Seconds, ServiceIdx, SeverityIdx,
};
use crate::time::Timestamp;

/// Which policy an incident runs on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// A service at a severity, routed through `services[].escalation`.
    Service {
        service: ServiceIdx,
        severity: SeverityIdx,
    },
    /// A policy directly, with an optional severity for its targets.
    Policy {
        policy: PolicyIdx,
        severity: Option<SeverityIdx>,
    },
}

/// The incident a simulation opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Incident {
    pub route: Route,
    /// When it opens.
    pub at: Timestamp,
}

/// How a responder (a person, or a vendor's support desk) behaves when paged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Behaviour {
    /// Acknowledges (a vendor: responds) this long after being paged.
    Acknowledges { after: Seconds },
    /// Is reached but never answers (the default).
    #[default]
    NeverAnswers,
    /// Is paged but cannot answer (phone dead, on a plane).
    Unavailable,
}

/// An event a trainer injects into the run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inject {
    /// The person can no longer answer.
    Unavailable(PersonIdx),
    /// The person can answer again.
    Available(PersonIdx),
    /// An override is added to a schedule (a manager takes over, say).
    Override {
        schedule: ScheduleIdx,
        value: Override,
    },
    /// Someone acknowledges (a person, or anyone when `None`).
    Acknowledge(Option<PersonIdx>),
    /// The incident is resolved.
    Resolve,
    /// Manual escalation: the next step fires now.
    Escalate,
    /// A note for the debrief ("the vendor does not pick up").
    Note(String),
}

/// An injected event and when it happens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Injection {
    /// Seconds after the incident opened.
    pub after: Seconds,
    /// When injected while paused: it happens right after this many events
    /// have been emitted (so it changes only the future of a paused run).
    pub at_event: Option<usize>,
    pub inject: Inject,
}

/// Everything a simulation needs besides the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    pub incident: Incident,
    /// How everyone not listed in `behaviours` behaves.
    pub default_behaviour: Behaviour,
    pub behaviours: Vec<(Participant, Behaviour)>,
    pub injections: Vec<Injection>,
}

impl Scenario {
    /// A scenario where nobody answers and nothing is injected.
    pub fn new(incident: Incident) -> Scenario {
        Scenario {
            incident,
            default_behaviour: Behaviour::NeverAnswers,
            behaviours: Vec::new(),
            injections: Vec::new(),
        }
    }

    /// How `who` behaves.
    pub fn behaviour(&self, who: Participant) -> Behaviour {
        self.behaviours
            .iter()
            .rev()
            .find(|(p, _)| *p == who)
            .map_or(self.default_behaviour, |(_, b)| *b)
    }
}
