//! `escalator simulate FILE (--service ID --severity SEV | --policy ID) --at T
//! [--scenario FILE] [--json | --markdown] [--tz ZONE]`: a tabletop run.

use std::process::ExitCode;

use clap::Args;

use escalator::output::debrief;
use escalator::output::simulation::SimulationOutput;

use super::io::{load, read_input, write_diagnostics};
use super::io::{print_json, query_error};
use super::plan::{choice_of, offset};

/// Arguments of `escalator simulate`.
#[derive(Args, Debug)]
pub struct SimulateArgs {
    /// The document (YAML or JSON); `-` reads stdin.
    pub file: String,
    /// The policy, by id (instead of a service).
    #[arg(long, conflicts_with = "service")]
    pub policy: Option<String>,
    /// The trigger (id or `source`) whose service and severity open the incident.
    #[arg(long, conflicts_with_all = ["policy", "service", "severity"])]
    pub trigger: Option<String>,
    /// The service whose route for `--severity` gives the policy.
    #[arg(long, requires = "severity")]
    pub service: Option<String>,
    /// The incident's severity (its targets: `ack_within`, `comms_within`, vendor SLAs).
    #[arg(long)]
    pub severity: Option<String>,
    /// When the incident opens: RFC 3339, or a local date-time or date in the document's zone.
    #[arg(long)]
    pub at: Option<String>,
    /// A scenario file: behaviours and injected events (and the incident, unless given here).
    #[arg(long)]
    pub scenario: Option<String>,
    /// Print the run as JSON (the same object the JS API returns).
    #[arg(long, conflicts_with = "markdown")]
    pub json: bool,
    /// Print the debrief as a Markdown timeline.
    #[arg(long)]
    pub markdown: bool,
    /// Display zone for times (default: the document's).
    #[arg(long)]
    pub tz: Option<String>,
}

/// Runs the simulation to the end and prints it.
pub fn run(args: &SimulateArgs) -> ExitCode {
    let (_, evaluator) = match load(&args.file) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let zone = evaluator.model().timezone;
    let display = match super::shifts::display_zone(args.tz.as_deref(), zone) {
        Ok(tz) => tz,
        Err(code) => return code,
    };
    let choice = choice_of(&args.policy, &args.service, &args.severity, &args.trigger);
    let incident = match (choice, &args.at) {
        (Some(choice), Some(at)) => {
            match escalator::time::parse_instant(at, zone)
                .and_then(|at| evaluator.incident(&choice, at))
            {
                Ok(incident) => Some(incident),
                Err(e) => return query_error(&e),
            }
        }
        (None, None) => None,
        _ => {
            eprintln!(
                "error: give `--at` with `--service`/`--policy` (or neither, with `--scenario`)"
            );
            return ExitCode::from(2);
        }
    };
    let (name, text) = match &args.scenario {
        Some(path) => match read_input(path) {
            Ok(input) => (input.name, input.text),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        },
        None if incident.is_some() => (String::new(), String::new()),
        None => {
            eprintln!("error: give `--service ID --severity SEV --at T`, `--policy ID --at T`, or `--scenario FILE`");
            return ExitCode::from(2);
        }
    };
    let scenario = match evaluator.scenario(&text, incident) {
        Ok(scenario) => scenario,
        Err(diagnostics) => {
            let _ = write_diagnostics(&mut std::io::stderr().lock(), &name, &text, &diagnostics);
            return ExitCode::from(1);
        }
    };
    let mut sim = match evaluator.simulate(scenario) {
        Ok(sim) => sim,
        Err(e) => return query_error(&e),
    };
    sim.run_to_end();
    if args.json {
        return print_json(&SimulationOutput::new(&sim));
    } else if args.markdown {
        super::io::print_out(&debrief::markdown(&sim, display, false));
    } else {
        super::io::print_out(&readable(&SimulationOutput::new(&sim), &sim, display));
    }
    ExitCode::SUCCESS
}

/// One line per event: local time, offset, kind, explanation.
fn readable(
    out: &SimulationOutput,
    sim: &escalator::simulation::Simulation,
    zone: chrono_tz::Tz,
) -> String {
    let mut text = format!(
        "incident on policy `{}` at {}",
        out.incident.policy, out.incident.at
    );
    if let (Some(service), Some(severity)) = (&out.incident.service, &out.incident.severity) {
        text.push_str(&format!(" (service `{service}`, {severity})"));
    }
    text.push('\n');
    for (e, ev) in out.events.iter().zip(sim.events()) {
        let local = ev
            .at
            .to_datetime()
            .with_timezone(&zone)
            .format("%Y-%m-%d %H:%M:%S %Z");
        text.push_str(&format!(
            "  {local}  {:>8}  {:<22} {}\n",
            offset(e.offset_seconds),
            e.kind,
            e.explanation
        ));
    }
    text
}
