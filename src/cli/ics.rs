//! `escalator ics FILE [--schedule ID] [--person ID] [--from T] [--to T]
//! [--alarm 15m] [--dtstamp T] [--output FILE]`: an RFC 5545 calendar of
//! exact shifts.

use std::process::ExitCode;

use clap::Args;

use escalator::output::ics::IcsOptions;
use escalator::time::values::parse_duration;
use escalator::time::{parse_instant, Timestamp};

use super::io::load;
use super::io::query_error;

/// Arguments of `escalator ics`.
#[derive(Args, Debug)]
pub struct IcsArgs {
    /// The document (YAML or JSON); `-` reads stdin.
    pub file: String,
    /// The schedule, by id: its shifts (with `--person`, only that person's
    /// shifts in it).
    #[arg(long)]
    pub schedule: Option<String>,
    /// A person, by id: their shifts in every schedule ("my on-call").
    #[arg(long)]
    pub person: Option<String>,
    /// Start of the window (default: now): RFC 3339, or a local date-time or
    /// date in the schedule's zone (the document's without `--schedule`).
    /// Shifts overlapping the window are written whole.
    #[arg(long)]
    pub from: Option<String>,
    /// End of the window (exclusive; default: 90 days after the start).
    #[arg(long)]
    pub to: Option<String>,
    /// A reminder this long before each shift (`15m`, `1h`).
    #[arg(long)]
    pub alarm: Option<String>,
    /// When the calendar is made (each event's `DTSTAMP`; default: now), for
    /// reproducible output.
    #[arg(long)]
    pub dtstamp: Option<String>,
    /// Write the calendar to this file instead of stdout.
    #[arg(long, short)]
    pub output: Option<String>,
}

/// Writes the calendar.
pub fn run(args: &IcsArgs) -> ExitCode {
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
    let now = Timestamp::from_datetime(chrono::Utc::now());
    let result = (|| {
        let from = match &args.from {
            Some(t) => parse_instant(t, zone)?,
            None => now,
        };
        let to = match &args.to {
            Some(t) => parse_instant(t, zone)?,
            None => from.add_seconds(90 * 86_400),
        };
        let alarm_before = match &args.alarm {
            Some(text) => Some(parse_duration(text)?.0),
            None => None,
        };
        let dtstamp = match &args.dtstamp {
            Some(t) => parse_instant(t, zone)?,
            None => now,
        };
        let options = IcsOptions {
            dtstamp,
            alarm_before,
        };
        evaluator.ics(
            args.schedule.as_deref(),
            args.person.as_deref(),
            from,
            to,
            &options,
        )
    })();
    match result {
        Ok(text) => match &args.output {
            Some(path) => match std::fs::write(path, text) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: cannot write `{path}`: {e}");
                    ExitCode::from(2)
                }
            },
            None => {
                super::io::print_out(&text);
                ExitCode::SUCCESS
            }
        },
        Err(e) => query_error(&e),
    }
}
