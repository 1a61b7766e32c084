//! `escalator check FILE... [-]`: every diagnostic about each document.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use escalator::diagnostic::Severity;
use escalator::output::{diagnostics_json, Diagnostic};
use escalator::time::Timestamp;

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

/// The diagnostics of one file, as `--json` prints them.
#[derive(Serialize)]
struct FileDiagnostics {
    file: String,
    diagnostics: Vec<Diagnostic>,
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
        let window = escalator::CheckWindow {
            from: args.from.as_deref(),
            to: args.to.as_deref(),
            now: Some(Timestamp::from_datetime(chrono::Utc::now())),
        };
        let diagnostics = match window.check(&input.text) {
            Ok(diagnostics) => diagnostics,
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
