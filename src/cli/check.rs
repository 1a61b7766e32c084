//! `escalator check FILE... [-]`: every diagnostic about each document.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use escalator::diagnostic::Severity;
use escalator::evaluator::QueryError;
use escalator::output::{diagnostics_json, DiagnosticJson};
use escalator::time::{parse_instant, Timestamp};

use super::io::{has_errors, read_input, write_diagnostics};

/// Arguments of `escalator check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Documents to check (YAML or JSON); `-` reads stdin.
    #[arg(required = true)]
    pub files: Vec<String>,
    /// Print a JSON array with one `{file, diagnostics}` object per file.
    #[arg(long)]
    pub json: bool,
    /// Start of the findings window and the "as of" instant (default: now).
    /// RFC 3339, or a local date-time or date in the document's zone.
    #[arg(long)]
    pub from: Option<String>,
    /// End of the findings window (default: 28 days after `--from`).
    #[arg(long)]
    pub to: Option<String>,
    /// `--deny warnings`: warnings fail the check too (exit 1), for CI.
    #[arg(long, value_parser = ["warnings"])]
    pub deny: Option<String>,
}

/// The default length of the findings window.
const DEFAULT_WINDOW_SECONDS: i64 = 28 * 86_400;

/// The findings window of a document: `--from`/`--to` read in its zone.
fn window(args: &CheckArgs, text: &str) -> Result<(Timestamp, Timestamp), QueryError> {
    let zone = escalator::Evaluator::new(text).map_or(chrono_tz::UTC, |e| e.model().timezone);
    let from = match &args.from {
        Some(t) => parse_instant(t, zone)?,
        None => Timestamp::from_datetime(chrono::Utc::now()),
    };
    let to = match &args.to {
        Some(t) => parse_instant(t, zone)?,
        None => from.add_seconds(DEFAULT_WINDOW_SECONDS),
    };
    Ok((from, to))
}

/// The diagnostics of one file, as `--json` prints them.
#[derive(Serialize)]
struct FileDiagnostics {
    file: String,
    diagnostics: Vec<DiagnosticJson>,
}

/// Runs the check: exit 0 when no file has an error, 1 when one has, 2
/// when a file cannot be read.
pub fn run(args: &CheckArgs) -> ExitCode {
    let mut any_error = false;
    let mut unreadable = false;
    let mut json = Vec::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for path in &args.files {
        let input = match read_input(path) {
            Ok(input) => input,
            Err(message) => {
                eprintln!("error: {message}");
                unreadable = true;
                continue;
            }
        };
        let diagnostics = match window(args, &input.text) {
            Ok((from, to)) => escalator::check_at(&input.text, from, to),
            Err(e) => return super::io::query_error(&e),
        };
        any_error |= has_errors(&diagnostics);
        if args.deny.is_some() {
            any_error |= diagnostics.iter().any(|d| d.severity == Severity::Warning);
        }
        if args.json {
            json.push(FileDiagnostics {
                file: input.name,
                diagnostics: diagnostics_json(&input.text, &diagnostics),
            });
        } else {
            let _ = write_diagnostics(&mut out, &input.name, &input.text, &diagnostics);
        }
    }
    if args.json {
        match serde_json::to_string_pretty(&json) {
            Ok(text) => {
                let _ = writeln!(out, "{text}");
            }
            Err(e) => eprintln!("error: {e}"),
        }
    } else if !any_error && !unreadable {
        let files = args.files.len();
        let _ = writeln!(
            out,
            "{} checked: no errors",
            if files == 1 {
                "1 document".to_string()
            } else {
                format!("{files} documents")
            }
        );
    }
    if unreadable {
        ExitCode::from(2)
    } else if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
