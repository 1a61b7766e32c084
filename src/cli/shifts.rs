//! `escalator shifts FILE --schedule ID --from T --to T [--json] [--tz ZONE]`.

use std::process::ExitCode;

use chrono_tz::Tz;
use clap::Args;

use escalator::output::{ShiftsOutput, Why};
use escalator::time::{parse_instant, parse_zone, Timestamp};

use super::io::load;
use super::io::{print_json, query_error};

/// Arguments of `escalator shifts`.
#[derive(Args, Debug)]
pub struct ShiftsArgs {
    /// The document (YAML or JSON); `-` reads stdin.
    pub file: String,
    /// The schedule, by id.
    #[arg(long)]
    pub schedule: String,
    /// Start of the window: RFC 3339, or a local date-time or date in the schedule's zone.
    #[arg(long)]
    pub from: String,
    /// End of the window (exclusive), same forms.
    #[arg(long)]
    pub to: String,
    /// Print the shifts as JSON (SPEC section 6, with `why` per shift).
    #[arg(long)]
    pub json: bool,
    /// Display zone of the table (default: the schedule's).
    #[arg(long)]
    pub tz: Option<String>,
}

/// Reads `--tz` (the engine's one zone reader: `invalid-timezone` with a
/// "did you mean", exit 2), or falls back to `default`.
pub fn display_zone(tz: Option<&str>, default: Tz) -> Result<Tz, ExitCode> {
    match tz {
        None => Ok(default),
        Some(name) => parse_zone(name).map_err(|e| query_error(&e)),
    }
}

/// `Sun 2026-03-29 03:00 CEST`.
pub fn local(t: Timestamp, tz: Tz) -> String {
    t.to_datetime()
        .with_timezone(&tz)
        .format("%a %Y-%m-%d %H:%M %Z")
        .to_string()
}

/// One explanation line: `alice: layer `weekly`, turn 8 (from ... to ...)`.
pub fn why_line(why: &Why, tz: Tz) -> String {
    match why {
        Why::Turn {
            person,
            layer,
            turn,
            turn_start,
            turn_end,
        } => format!(
            "{person}: layer `{layer}`, turn {turn} ({} to {})",
            local(*turn_start, tz),
            local(*turn_end, tz)
        ),
        Why::Event {
            person,
            layer,
            event,
            uid,
            event_start,
            event_end,
        } => {
            let name = match uid {
                Some(uid) => format!("event `{uid}`"),
                None => format!("event {}", event + 1),
            };
            format!(
                "{person}: layer `{layer}`, {name} ({} to {})",
                local(*event_start, tz),
                local(*event_end, tz)
            )
        }
        Why::Override {
            person,
            index,
            kind,
        } => format!("{person}: override {} ({kind})", index + 1),
        Why::LayerOverride {
            person,
            layer,
            index,
            kind,
        } => format!(
            "{person}: override {} of layer `{layer}` ({kind})",
            index + 1
        ),
    }
}

/// Prints the shifts.
pub fn run(args: &ShiftsArgs) -> ExitCode {
    let (_, evaluator) = match load(&args.file) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let model = evaluator.model();
    let zone = model
        .schedule_by_id(&args.schedule)
        .map(|i| model.schedule(i).timezone)
        .unwrap_or(model.timezone);
    let display = match display_zone(args.tz.as_deref(), zone) {
        Ok(tz) => tz,
        Err(code) => return code,
    };
    let result = parse_instant(&args.from, zone).and_then(|from| {
        let to = parse_instant(&args.to, zone)?;
        evaluator.shifts(&args.schedule, from, to)
    });
    match result {
        Ok(out) if args.json => print_json(&out),
        Ok(out) => {
            super::io::print_out(&readable(&out, display));
            ExitCode::SUCCESS
        }
        Err(e) => query_error(&e),
    }
}

/// The shifts as a table in the display zone, each with its explanation.
pub fn readable(out: &ShiftsOutput, tz: Tz) -> String {
    let mut text = format!(
        "schedule `{}` from {} to {} (times in {})\n",
        out.schedule,
        local(out.from, tz),
        local(out.to, tz),
        tz.name()
    );
    let width = 25;
    text.push_str(&format!(
        "  {:<width$}  {:<width$}  on call\n",
        "start", "end"
    ));
    for s in &out.shifts {
        let who = if s.on_call.is_empty() {
            "(nobody: gap)".to_string()
        } else {
            s.on_call.join(", ")
        };
        text.push_str(&format!(
            "  {:<width$}  {:<width$}  {who}\n",
            local(s.start, tz),
            local(s.end, tz)
        ));
        for why in s.why.iter().flatten() {
            text.push_str(&format!("      why: {}\n", why_line(why, tz)));
        }
    }
    let on_call = out.shifts.iter().filter(|s| !s.on_call.is_empty()).count();
    text.push_str(&format!(
        "{} shifts, {} with someone on call, {} gaps\n",
        out.shifts.len(),
        on_call,
        out.shifts.len() - on_call
    ));
    text
}
