//! `escalator import PATH... [--from VENDOR] [--var NAME=VALUE]... [-o OUT] [--json]`:
//! vendor files (a PagerDuty or Opsgenie export, a Terraform module...) to
//! one Escalator document.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use escalator::evaluator::migrate::ImportRequest;
use escalator::import::{SourceFile, Vendor};
use escalator::output::ImportOutput;

use super::io::{print_json, print_out, write_diagnostics};

/// Arguments of `escalator import`.
#[derive(Args, Debug)]
pub struct ImportArgs {
    /// Files or folders (a Terraform module is a folder of `.tf` files);
    /// `-` reads stdin.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Read the files as this vendor's (default: recognised from content).
    #[arg(long, value_parser = vendor_keys())]
    pub from: Option<String>,
    /// A Terraform variable's value, `NAME=VALUE` (repeatable); wins over
    /// defaults and `.tfvars` files, as `terraform -var` does.
    #[arg(long = "var", value_name = "NAME=VALUE")]
    pub vars: Vec<String>,
    /// The document's zone when the sources name none (default: the first
    /// zone the sources give, else UTC).
    #[arg(long)]
    pub timezone: Option<String>,
    /// Calendars: where each event's person comes from: `auto` (the
    /// attendees when there are any, else the summary), `summary`, or
    /// `attendee` (else the organizer).
    #[arg(long, value_parser = ["auto", "summary", "attendee"], default_value = "auto")]
    pub person_from: String,
    /// Calendars: where the person is in a summary, `{}` marking them:
    /// `'On call: {}'`, `'{} (primary)'`, `'@{word}'` (one word); `*`
    /// matches any text, the rest is matched ignoring case.
    #[arg(long)]
    pub person_pattern: Option<String>,
    /// Calendars: start of the window a series that cannot be kept as a
    /// rule is written out over (default: its start), RFC 3339 or a date.
    #[arg(long)]
    pub expand_from: Option<String>,
    /// Calendars: end of that window (default: a year after its start).
    #[arg(long)]
    pub expand_to: Option<String>,
    /// Write the document to this file instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<String>,
    /// Print the import as JSON (`{document, detected, diagnostics, ...}`,
    /// what the JS `importDocument` returns) instead of the document.
    #[arg(long)]
    pub json: bool,
}

fn vendor_keys() -> Vec<&'static str> {
    Vendor::ALL
        .iter()
        .filter(|v| **v != Vendor::Escalator)
        .map(|v| v.key())
        .collect()
}

/// The most files a folder may hold, and the largest file read.
const MAX_FILES: usize = 2_000;
const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Runs `escalator import`.
pub fn run(args: &ImportArgs) -> ExitCode {
    let mut files = Vec::new();
    for path in &args.paths {
        if let Err(e) = collect(path, &mut files) {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    }
    let mut vars = Vec::new();
    for var in &args.vars {
        match var.split_once('=') {
            Some((name, value)) if !name.trim().is_empty() => {
                vars.push((name.trim().to_string(), value.to_string()))
            }
            _ => {
                eprintln!("error: `--var {var}` is not NAME=VALUE");
                return ExitCode::from(2);
            }
        }
    }
    let request = ImportRequest {
        from: args.from.clone(),
        vars,
        timezone: args.timezone.clone(),
        person_from: Some(args.person_from.clone()),
        person_pattern: args.person_pattern.clone(),
        expand_from: args.expand_from.clone(),
        expand_to: args.expand_to.clone(),
    };
    let options = match request.options() {
        Ok(options) => options,
        Err(e) => return super::io::query_error(&e),
    };
    let result = match escalator::import_document(&files, &options) {
        Ok(result) => result,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let status = if result.is_complete() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    if args.json {
        let code = print_json(&ImportOutput::new(&files, &result));
        return if code == ExitCode::SUCCESS {
            status
        } else {
            code
        };
    }
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "detected: {}", result.summary());
    for (i, file) in files.iter().enumerate() {
        let mine: Vec<_> = result
            .diagnostics
            .iter()
            .filter(|d| d.file == i)
            .map(|d| d.diagnostic.clone())
            .collect();
        let _ = write_diagnostics(&mut err, &file.name, &file.text, &mine);
    }
    for needed in &result.needed {
        let example = needed.example.as_deref().unwrap_or("...");
        let _ = writeln!(
            err,
            "needed: `{}`{}: pass `--var {}={example}`",
            needed.name,
            needed
                .description
                .as_deref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default(),
            needed.name
        );
    }
    match &args.output {
        Some(out) => {
            if let Err(e) = std::fs::write(out, &result.document) {
                eprintln!("error: cannot write `{out}`: {e}");
                return ExitCode::from(2);
            }
        }
        None => print_out(&result.document),
    }
    status
}

/// Reads a path: a file, `-` for stdin, or every readable file below a
/// folder (hidden folders and `.terraform` skipped), in name order.
/// (`escalator compare` reads its sides with it too.)
pub(super) fn collect(path: &str, files: &mut Vec<SourceFile>) -> Result<(), String> {
    if path == "-" {
        let input = super::io::read_input("-")?;
        files.push(SourceFile::new(input.name, input.text));
        return Ok(());
    }
    let p = Path::new(path);
    let meta = std::fs::metadata(p).map_err(|e| format!("cannot read `{path}`: {e}"))?;
    if meta.is_dir() {
        let mut found = Vec::new();
        walk(p, &mut found, 0)?;
        found.sort();
        if found.is_empty() {
            return Err(format!("`{path}` holds no file to import"));
        }
        for f in found {
            read_file(&f, files)?;
        }
        Ok(())
    } else {
        read_file(p, files)
    }
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>, depth: usize) -> Result<(), String> {
    if depth > 8 {
        return Ok(());
    }
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, found, depth + 1)?;
        } else if kind.is_file() && importable(&name) {
            found.push(path);
            if found.len() > MAX_FILES {
                return Err(format!(
                    "`{}` holds more than {MAX_FILES} files; import a smaller folder",
                    dir.display()
                ));
            }
        }
    }
    Ok(())
}

/// File names a folder import reads.
fn importable(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [
        ".tf",
        ".tf.json",
        ".tfvars",
        ".tfvars.json",
        ".json",
        ".yaml",
        ".yml",
        ".ics",
        ".ical",
        ".ifb",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext))
}

fn read_file(path: &Path, files: &mut Vec<SourceFile>) -> Result<(), String> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!("`{shown}` is over 32 MiB"));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("`{shown}` is not UTF-8 text"))?;
    files.push(SourceFile::new(shown, text));
    Ok(())
}
