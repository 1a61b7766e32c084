//! `escalator oncall FILE [--at T] [--schedule ID] [--json]`.

use std::process::ExitCode;

use clap::Args;

use escalator::output::OnCallOutput;
use escalator::time::{parse_instant, Timestamp};

use super::io::load;
use super::io::{print_json, query_error};
use super::shifts::{local, why_line};

/// Arguments of `escalator oncall`.
#[derive(Args, Debug)]
pub struct OnCallArgs {
    /// The document (YAML or JSON); `-` reads stdin.
    pub file: String,
    /// The instant (default: now): RFC 3339, or a local date-time or date in
    /// the schedule's zone (the document's without `--schedule`).
    #[arg(long)]
    pub at: Option<String>,
    /// Only this schedule (default: every schedule).
    #[arg(long)]
    pub schedule: Option<String>,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Prints who is on call.
pub fn run(args: &OnCallArgs) -> ExitCode {
    let (_, evaluator) = match load(&args.file) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let model = evaluator.model();
    let zone = args
        .schedule
        .as_deref()
        .and_then(|id| model.schedule_by_id(id))
        .map(|i| model.schedule(i).timezone)
        .unwrap_or(model.timezone);
    let at = match &args.at {
        Some(text) => parse_instant(text, zone),
        None => Ok(Timestamp::from_datetime(chrono::Utc::now())),
    };
    match at.and_then(|at| evaluator.on_call(at, args.schedule.as_deref())) {
        Ok(out) if args.json => print_json(&out),
        Ok(out) => {
            super::io::print_out(&readable(&out));
            ExitCode::SUCCESS
        }
        Err(e) => query_error(&e),
    }
}

/// Per schedule: who, why, since when, the next handoff (schedule's zone).
pub fn readable(out: &OnCallOutput) -> String {
    let mut text = format!("on call at {}\n", out.at);
    for s in &out.schedules {
        let tz = escalator::time::parse_zone(&s.timezone).unwrap_or(chrono_tz::UTC);
        let who = if s.on_call.is_empty() {
            "nobody (gap)".to_string()
        } else {
            s.on_call.join(", ")
        };
        text.push_str(&format!("  {} ({}): {who}\n", s.schedule, s.timezone));
        for why in s.why.iter().flatten() {
            text.push_str(&format!("      why: {}\n", why_line(why, tz)));
        }
        text.push_str(&format!("      since {}\n", local(s.since, tz)));
        match s.next_handoff {
            Some(next) => {
                let who = if s.next_on_call.is_empty() {
                    "nobody (gap)".to_string()
                } else {
                    s.next_on_call.join(", ")
                };
                text.push_str(&format!(
                    "      next handoff {} to {who}\n",
                    local(next, tz)
                ));
            }
            None => text.push_str("      no handoff within a year\n"),
        }
    }
    text
}
