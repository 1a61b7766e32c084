//! The command-line surface: parses arguments, calls the same
//! [`escalator::Evaluator`] queries as the wasm bindings, prints results.
//!
//! One file per subcommand; shared reading of files and printing of
//! diagnostics lives in `io`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod check;
mod compare;
mod coverage;
mod ics;
mod import;
pub mod io;
mod oncall;
mod plan;
mod shifts;
mod simulate;

/// Evaluates incident escalation paths and on-call schedules.
#[derive(Parser, Debug)]
#[command(name = "escalator", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the engine, format and time zone database versions.
    Version,
    /// Check documents: every syntax, model and practice diagnostic.
    Check(check::CheckArgs),
    /// The paging plan of an incident opening at an instant.
    Plan(plan::PlanArgs),
    /// Coverage of a policy over a window: intervals, gaps, heatmaps.
    Coverage(coverage::CoverageArgs),
    /// Simulate an incident: responders, injected events, the timeline.
    Simulate(simulate::SimulateArgs),
    /// Vendor files (PagerDuty, Opsgenie, Terraform...) to one Escalator document.
    Import(import::ImportArgs),
    /// Compare two setups: who is on call, who is paged when, findings.
    Compare(compare::CompareArgs),
    /// The shifts of a schedule over a window, each explained.
    Shifts(shifts::ShiftsArgs),
    /// Who is on call at an instant (default now), why, and the next handoff.
    Oncall(oncall::OnCallArgs),
    /// An iCalendar feed (.ics) of a schedule's or a person's exact shifts.
    Ics(ics::IcsArgs),
}

/// Runs the CLI and returns its exit code (0 ok, 1 problems found, 2 usage).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Version => {
            io::print_out(&format!(
                "escalator {} (format v{}, tzdb {})\n",
                escalator::ENGINE_VERSION,
                escalator::FORMAT_VERSION,
                escalator::TZDB_VERSION
            ));
            ExitCode::SUCCESS
        }
        Command::Check(args) => check::run(&args),
        Command::Plan(args) => plan::run(&args),
        Command::Coverage(args) => coverage::run(&args),
        Command::Simulate(args) => simulate::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Compare(args) => compare::run(&args),
        Command::Shifts(args) => shifts::run(&args),
        Command::Oncall(args) => oncall::run(&args),
        Command::Ics(args) => ics::run(&args),
    }
}
