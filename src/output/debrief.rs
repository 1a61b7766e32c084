//! The debrief: a run written as a Markdown timeline for the post-incident
//! review, written from the run's JSON form
//! ([`SimulationOutput`]) so the two always tell the same story.

use chrono_tz::Tz;

use super::simulation::SimulationOutput;
use crate::simulation::{EventKind, Simulation};
use crate::time::values::format_duration;
use crate::time::{Seconds, Timestamp};

/// A duration in words, as the document writes it (`1h30m`).
fn human(seconds: i64) -> String {
    format_duration(Seconds(seconds))
}

/// Escapes text for a Markdown table cell: pipes, backslashes, HTML angle
/// brackets and line breaks (names may hold anything).
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A local reading of an instant in `zone`: `2026-03-29 02:30 CEST`.
fn local(at: Timestamp, zone: Tz) -> String {
    // Display forms, not `format`: chrono's strftime engine would be linked
    // into the wasm module for it (~5 KB gzipped).
    // The zone's periods from the engine's tz data (not chrono-tz's tables,
    // which the wasm module leaves out).
    let local = crate::time::zone::local_naive(zone, at);
    let period = crate::time::tzdata::zone_periods(zone).at(at.to_datetime().timestamp());
    format!("{} {} {}", local.date(), local.time(), period)
}

/// The run as a Markdown timeline, times in `zone`. Shows every event, or
/// only the shown ones of a paused run when `shown_only`.
pub fn markdown(sim: &Simulation, zone: Tz, shown_only: bool) -> String {
    let out = SimulationOutput::new(sim);
    let mut md = String::new();
    md.push_str("# Incident simulation debrief\n\n");
    let mut subject = format!("policy `{}`", cell(&out.incident.policy));
    if let (Some(service), Some(severity)) = (&out.incident.service, &out.incident.severity) {
        subject = format!(
            "service `{}` at `{}` (policy `{}`)",
            cell(service),
            cell(severity),
            cell(&out.incident.policy)
        );
    } else if let Some(severity) = &out.incident.severity {
        subject.push_str(&format!(" at `{}`", cell(severity)));
    }
    md.push_str(&format!("- Incident: {subject}\n"));
    md.push_str(&format!(
        "- Opened: {} ({})\n",
        local(sim.scenario().incident.at, zone),
        out.incident.at
    ));
    let state = &out.state;
    let end = sim.events().last().map_or(0, |e| e.offset);
    let ack = sim
        .events()
        .iter()
        .find(|e| matches!(e.kind, EventKind::Acknowledged { .. }));
    match ack {
        Some(e) => md.push_str(&format!("- Acknowledged after {}\n", human(e.offset))),
        None => md.push_str("- Never acknowledged\n"),
    }
    md.push_str(&format!("- People paged: {}\n", list(&state.paged)));
    if !state.vendors.is_empty() {
        md.push_str(&format!("- Vendors engaged: {}\n", list(&state.vendors)));
    }
    let missed: Vec<&str> = out
        .events
        .iter()
        .filter(|e| e.kind == "target_missed")
        .filter_map(|e| e.target)
        .collect();
    if missed.is_empty() {
        md.push_str("- Targets missed: none\n");
    } else {
        md.push_str(&format!("- Targets missed: {}\n", missed.join(", ")));
    }
    md.push_str(&format!("- Timeline length: {}\n\n", human(end)));
    md.push_str(&format!(
        "| # | time ({zone}) | after | event | details |\n"
    ));
    md.push_str("|---:|---|---:|---|---|\n");
    let limit = if shown_only {
        out.shown
    } else {
        out.events.len()
    };
    for (e, ev) in out.events.iter().zip(sim.events()).take(limit) {
        md.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            e.index + 1,
            local(ev.at, zone),
            human(e.offset_seconds),
            e.kind.replace('_', " "),
            cell(&e.explanation)
        ));
    }
    md
}

fn list(ids: &[String]) -> String {
    if ids.is_empty() {
        "nobody".into()
    } else {
        ids.iter()
            .map(|i| format!("`{}`", cell(i)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
