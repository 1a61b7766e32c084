//! A deterministic large organisation as a policy document (YAML), for
//! benchmarks: `schedules` schedules of 1 to 3 layers (weekly, daily,
//! 12-hour and follow-the-sun rotations, business-hours and night
//! restrictions, both window forms) in several zones, `people` people and
//! `overrides` overrides of the four kinds spread over 2026.
//!
//! Shared by the benchmarks in `benches/`: include it with
//! `#[path = "support/org.rs"] mod org;`.

#![allow(dead_code)]

use std::fmt::Write;

/// Zones the schedules cycle through (DST north and south, half-hour
/// offsets, none).
pub const ZONES: [&str; 6] = [
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Sydney",
    "America/Sao_Paulo",
    "Australia/Lord_Howe",
];

/// The document: people `p0..`, schedules `s0..` (policies and services are
/// left out; [`with_policies`] adds them).
pub fn organisation(schedules: usize, people: usize, overrides: usize) -> String {
    let mut y = String::from("version: 1\ntimezone: Europe/Berlin\npeople:\n");
    for p in 0..people {
        let _ = writeln!(y, "  - {{id: p{p}}}");
    }
    y.push_str("schedules:\n");
    let per_schedule = overrides / schedules.max(1);
    let extra = overrides % schedules.max(1);
    for s in 0..schedules {
        let zone = ZONES[s % ZONES.len()];
        // Each schedule draws its members from its own stretch of people.
        let m = |k: usize| format!("p{}", (s * 5 + k) % people.max(1));
        let _ = writeln!(y, "  - id: s{s}\n    timezone: {zone}\n    layers:");
        match s % 4 {
            0 => {
                let _ = writeln!(y, "      - {{id: weekly, members: [{}, {}, {}, {}], shift: 1w, handoff: 2026-01-05T09:00}}", m(0), m(1), m(2), m(3));
            }
            1 => {
                let _ = writeln!(y, "      - {{id: daily, members: [{}, {}, {}], shift: 1d, handoff: 2026-01-05T08:00}}", m(0), m(1), m(4));
                let _ = writeln!(y, "      - {{id: office, members: [{}, [{}, {}]], shift: 1w, handoff: 2026-01-05T09:00, restrictions: [{{days: [mon, tue, wed, thu, fri], from: \"09:00\", to: \"17:00\"}}]}}", m(2), m(3), m(4));
            }
            2 => {
                let _ = writeln!(
                    y,
                    "      - {{id: base, members: [{}, {}], shift: 2w, handoff: 2026-01-05T10:00}}",
                    m(0),
                    m(1)
                );
                let _ = writeln!(y, "      - {{id: day, members: [{}, {}], shift: 1w, handoff: 2026-01-05T08:00, restrictions: [{{from: \"08:00\", to: \"20:00\"}}]}}", m(2), m(3));
                let _ = writeln!(y, "      - {{id: night, members: [{}, {}], shift: 12h, handoff: 2026-01-05T20:00, restrictions: [{{from: \"20:00\", to: \"08:00\"}}]}}", m(4), m(0));
            }
            _ => {
                let _ = writeln!(y, "      - {{id: weekend, members: [{}, {}, {}], shift: 1w, handoff: 2026-01-02T17:00, restrictions: [{{from: \"fri 17:00\", to: \"mon 09:00\"}}]}}", m(0), m(1), m(2));
                let _ = writeln!(y, "      - {{id: week, members: [{}, {}], shift: 1d, handoff: 2026-01-05T09:00, clock: elapsed}}", m(3), m(4));
            }
        }
        let count = per_schedule + usize::from(s < extra);
        if count > 0 {
            y.push_str("    overrides:\n");
        }
        for o in 0..count {
            let day = 1 + (s * 7 + o * 11) % 360;
            let date = chrono_date(day);
            let end = chrono_date(day + 1 + o % 3);
            let who = m(o % 5);
            let _ = match o % 4 {
                0 => writeln!(
                    y,
                    "      - {{person: {who}, from: {date}T09:00, to: {end}T09:00}}"
                ),
                1 => writeln!(
                    y,
                    "      - {{person: p{}, replaces: {}, from: {date}T00:00, to: {end}T00:00}}",
                    (s * 5 + 7) % people.max(1),
                    m(1)
                ),
                2 => writeln!(
                    y,
                    "      - {{add: p{}, from: {date}T12:00, to: {end}T12:00}}",
                    (s * 5 + 9) % people.max(1)
                ),
                _ => writeln!(
                    y,
                    "      - {{remove: {}, from: {date}T06:00, to: {end}T18:00}}",
                    m(2)
                ),
            };
        }
    }
    y
}

/// Policies `pol0..` of 2 to 4 steps over the schedules (each step a
/// schedule, delays of 5 to 30 minutes, every other policy repeated once),
/// two severities and one service `svc{k}` per policy, appended to an
/// [`organisation`] of `schedules` schedules.
pub fn with_policies(mut y: String, schedules: usize, policies: usize) -> String {
    y.push_str("policies:\n");
    for p in 0..policies {
        let steps = 2 + p % 3;
        let _ = writeln!(
            y,
            "  - id: pol{p}\n    owner: p{p}\n    repeat: {}\n    steps:",
            p % 2
        );
        for k in 0..steps {
            let schedule = (p * 3 + k) % schedules.max(1);
            let after = [5, 10, 15, 30][k % 4];
            let _ = writeln!(
                y,
                "      - {{notify: [{{schedule: s{schedule}}}], escalate_after: {after}m}}"
            );
        }
    }
    y.push_str("severities:\n  - {id: sev1, ack_within: 10m, comms_within: 30m}\n  - {id: sev2, ack_within: 30m}\nservices:\n");
    for p in 0..policies {
        let _ = writeln!(y, "  - {{id: svc{p}, owner: p{p}, escalation: pol{p}}}");
    }
    y
}

/// `2026-MM-DD` for day `n` (1-based) of 2026, saturating at the year's end.
fn chrono_date(n: usize) -> String {
    const DAYS: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut n = n.clamp(1, 365);
    for (month, &len) in DAYS.iter().enumerate() {
        if n <= len {
            return format!("2026-{:02}-{n:02}", month + 1);
        }
        n -= len;
    }
    "2026-12-31".to_string()
}
