//! Builds models in Rust for the schedule tests (no document parser needed).

use chrono::{NaiveDate, NaiveDateTime, Weekday};
use chrono_tz::Tz;

use crate::diagnostic::Span;
use crate::model::*;
use crate::time::{parse_instant, Timestamp};
use crate::time::{DateTimeSpec, DaySet, Seconds, WallTime};

pub fn sp<T>(value: T) -> Spanned<T> {
    Spanned::new(value, Span::default())
}

/// `2026-03-08T02:30` as a local date-time.
pub fn local(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default())
        })
        .unwrap_or_else(|_| panic!("bad local time {text}"))
}

pub fn at(text: &str, tz: Tz) -> Timestamp {
    parse_instant(text, tz).unwrap_or_else(|e| panic!("{e}"))
}

pub fn utc(text: &str) -> Timestamp {
    at(text, chrono_tz::UTC)
}

pub fn hm(text: &str) -> WallTime {
    let (h, m) = text.split_once(':').unwrap_or(("0", "0"));
    WallTime(h.parse::<u32>().unwrap_or(0) * 3600 + m.parse::<u32>().unwrap_or(0) * 60)
}

pub fn days(list: &[Weekday]) -> DaySet {
    list.iter().fold(DaySet::default(), |s, d| s.with(*d))
}

/// A model with people `p0..` named by `names`, one schedule.
pub struct Kit {
    pub model: Model,
}

impl Kit {
    pub fn new(tz: Tz, names: &[&str]) -> Kit {
        let people = names
            .iter()
            .map(|n| Person {
                source: None,
                id: sp(n.to_string()),
                name: None,
                timezone: None,
                contact: Vec::new(),
                span: Span::default(),
            })
            .collect();
        let schedule = Schedule {
            disabled: None,
            dst: Default::default(),
            source: None,
            id: sp("s".to_string()),
            name: None,
            timezone: tz,
            layers: Vec::new(),
            combine: Combine::Top,
            overrides: Vec::new(),
            span: Span::default(),
        };
        Kit {
            model: Model {
                timezone: tz,
                people,
                schedules: vec![schedule],
                policies: Vec::new(),
                services: Vec::new(),
                severities: Vec::new(),
                triggers: Vec::new(),
                vendors: Vec::new(),
                actions: Vec::new(),
                drills: Vec::new(),
                review: None,
            },
        }
    }

    pub fn p(&self, name: &str) -> PersonIdx {
        self.model
            .person_by_id(name)
            .unwrap_or_else(|| panic!("no person {name}"))
    }

    pub fn schedule(&mut self) -> &mut Schedule {
        &mut self.model.schedules[0]
    }

    /// Adds a layer: `members` as lists of names, `shift` seconds, local handoff.
    pub fn layer(&mut self, members: &[&[&str]], shift: i64, handoff: &str) -> &mut Layer {
        let members = members
            .iter()
            .map(|m| m.iter().map(|n| self.p(n)).collect())
            .collect();
        let n = self.model.schedules[0].layers.len();
        let layer = Layer {
            name: None,
            source: None,
            id: sp(format!("l{n}")),
            kind: LayerKind::Rotation(Turns {
                members,
                members_span: Span::default(),
                shift: sp(Seconds(shift)),
                cadence: Default::default(),
                month_overflow: Default::default(),
                turn_count: Default::default(),
                handoff: sp(DateTimeSpec::Local(local(handoff))),
                clock: Clock::Wall,
                before_handoff: crate::model::BeforeHandoff::Nobody,
            }),
            from: None,
            until: None,
            restrictions: Vec::new(),
            overrides: Vec::new(),
            level: n as i64 + 1,
            span: Span::default(),
        };
        let s = self.schedule();
        s.layers.push(layer);
        let last = s.layers.len() - 1;
        &mut s.layers[last]
    }

    pub fn add_override(&mut self, kind: OverrideKind, from: &str, to: &str) {
        self.schedule().overrides.push(Override {
            source: None,
            kind,
            from: sp(DateTimeSpec::Local(local(from))),
            to: sp(DateTimeSpec::Local(local(to))),
            span: Span::default(),
        });
    }

    /// Shifts as `(start, end, [names])` in UTC RFC 3339.
    pub fn shifts(&self, from: Timestamp, to: Timestamp) -> Vec<(String, String, Vec<String>)> {
        super::shifts(&self.model, ScheduleIdx(0), from, to)
            .unwrap_or_else(|e| panic!("{e}"))
            .iter()
            .map(|s| {
                (
                    s.start.to_rfc3339(),
                    s.end.to_rfc3339(),
                    self.names(&s.on_call),
                )
            })
            .collect()
    }

    pub fn names(&self, people: &[PersonIdx]) -> Vec<String> {
        people
            .iter()
            .map(|p| self.model.people[p.index()].id.value.clone())
            .collect()
    }
}

/// Compact expectation: `(start, end, "a,b")`.
pub fn expect(rows: &[(&str, &str, &str)]) -> Vec<(String, String, Vec<String>)> {
    rows.iter()
        .map(|(a, b, who)| {
            let people = if who.is_empty() {
                Vec::new()
            } else {
                who.split(',').map(str::to_string).collect()
            };
            (a.to_string(), b.to_string(), people)
        })
        .collect()
}
