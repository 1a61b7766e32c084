//! `escalator compare OLD NEW --from T --to T [--map OLD_ID=NEW_ID]...
//! [--allow KIND,...] [--tz ZONE] [--json]`: what changes for who is on
//! call and who gets paged between two setups.
//!
//! OLD and NEW are Escalator documents, or anything `escalator import`
//! reads (a file or a folder), imported with default options first.
//! Exit status: 0 when equivalent over the window (differences of allowed
//! kinds aside), 1 when they differ, 2 on errors.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Args;

use escalator::compare::weekly::{duration, local_text, span_text};
use escalator::evaluator::migrate::{compare_side, SideError};
use escalator::evaluator::CompareOptions;
use escalator::import::{Import, SourceFile};
use escalator::output::CompareOutput;
use escalator::time::parse_zone;
use escalator::Evaluator;

use super::io::{print_json, print_out, query_error, read_input, write_diagnostics};

/// Arguments of `escalator compare`.
#[derive(Args, Debug)]
pub struct CompareArgs {
    /// The setup in use: an Escalator document, or a file or folder
    /// `escalator import` reads; `-` reads a document from stdin.
    pub old: String,
    /// The setup proposed, read the same way.
    pub new: String,
    /// Start of the window: RFC 3339, or a local date-time or date in
    /// `--tz` (default: OLD's zone).
    #[arg(long)]
    pub from: String,
    /// End of the window (exclusive); at most 731 days after `--from`.
    #[arg(long)]
    pub to: String,
    /// Pair OLD's object OLD_ID with NEW's NEW_ID (repeatable; wins over
    /// matching by id, source, name and e-mail). `KIND:OLD_ID=NEW_ID`
    /// (`person:`, `schedule:`, ...) when an id names several kinds.
    #[arg(long = "map", value_name = "OLD_ID=NEW_ID")]
    pub map: Vec<String>,
    /// Kinds of difference to accept (repeatable, or comma-separated):
    /// still reported, but the exit status is 0 if only they differ.
    #[arg(long, value_name = "KIND,...")]
    pub allow: Vec<String>,
    /// Display zone of the summary and the tables (default: OLD's zone).
    #[arg(long)]
    pub tz: Option<String>,
    /// Print the comparison as JSON (what the JS `compare` returns).
    #[arg(long)]
    pub json: bool,
}

/// Runs `escalator compare`.
pub fn run(args: &CompareArgs) -> ExitCode {
    let old = match load_side(&args.old, "OLD") {
        Ok(e) => e,
        Err(code) => return code,
    };
    let new = match load_side(&args.new, "NEW") {
        Ok(e) => e,
        Err(code) => return code,
    };
    let options = CompareOptions {
        from: args.from.clone(),
        to: args.to.clone(),
        zone: args.tz.clone(),
        map: args.map.clone(),
        allow: args.allow.clone(),
    };
    let out = match old.compare(&new, &options) {
        Ok(out) => out,
        Err(e) => return query_error(&e),
    };
    let status = if out.equivalent {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    if args.json {
        let code = print_json(&out);
        return if code == ExitCode::SUCCESS {
            status
        } else {
            code
        };
    }
    print_out(&readable(&out, &args.old, &args.new));
    status
}

/// Reads one side: a document as is, or an import of whatever else the
/// path holds ([`compare_side`], as the JS `compare` reads its inputs).
/// Problems are printed; the error is the exit code (2).
fn load_side(path: &str, side: &str) -> Result<Evaluator, ExitCode> {
    let fail = |message: String| {
        eprintln!("error: {side} {message}");
        ExitCode::from(2)
    };
    let mut files = Vec::new();
    let folder = path != "-" && Path::new(path).is_dir();
    if folder {
        super::import::collect(path, &mut files).map_err(&fail)?;
    } else {
        let input = read_input(path).map_err(&fail)?;
        files.push(SourceFile::new(input.name, input.text));
    }
    let read = match compare_side(path, &files, folder) {
        Ok(read) => read,
        Err(SideError::Import(e)) => {
            eprintln!("error: {side} `{path}`: {e}");
            return Err(ExitCode::from(2));
        }
        Err(SideError::Incomplete(result)) => {
            report_import(path, side, &files, &result);
            let mut err = std::io::stderr().lock();
            for needed in &result.needed {
                let _ = writeln!(err, "needed: `{}`", needed.name);
            }
            let _ = writeln!(
                err,
                "error: {side} `{path}` did not import completely; fix it, or import it with `escalator import` and compare the document"
            );
            return Err(ExitCode::from(2));
        }
    };
    if let Some(result) = &read.import {
        report_import(path, side, &files, result);
    }
    let (name, text) = (read.name, read.text);
    Evaluator::new(&text).map_err(|diagnostics| {
        let mut err = std::io::stderr().lock();
        let _ = write_diagnostics(&mut err, &name, &text, &diagnostics);
        let _ = writeln!(err, "error: {side} `{path}` is not a valid document");
        ExitCode::from(2)
    })
}

/// Says what an import of a side recognised, with its diagnostics.
fn report_import(path: &str, side: &str, files: &[SourceFile], result: &Import) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{side} `{path}`: imported {}", result.summary());
    for (i, file) in files.iter().enumerate() {
        let mine: Vec<_> = result
            .diagnostics
            .iter()
            .filter(|d| d.file == i)
            .map(|d| d.diagnostic.clone())
            .collect();
        let _ = write_diagnostics(&mut err, &file.name, &file.text, &mine);
    }
}

/// The most entries listed per subject and kind.
const SHOWN: usize = 20;

fn more(out: &mut String, total: usize) {
    if total > SHOWN {
        out.push_str(&format!(
            "      ... and {} more (--json lists all)\n",
            total - SHOWN
        ));
    }
}

fn people(list: &[String]) -> String {
    if list.is_empty() {
        "nobody".to_string()
    } else {
        list.iter()
            .map(|p| format!("`{p}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The comparison as text: the summary first, then every difference.
pub fn readable(c: &CompareOutput, old: &str, new: &str) -> String {
    let zone = parse_zone(&c.zone).unwrap_or(chrono_tz::UTC);
    let when = |a, b| span_text(zone, a, b);
    let mut out = format!(
        "OLD {old}\nNEW {new}\nfrom {} {}\n\n",
        when(c.from, c.to),
        c.zone
    );
    for line in &c.summary {
        out.push_str(&format!("- {line}\n"));
    }
    if !c.routes.is_empty() {
        out.push_str("\nroutes (intervals of incident start time)\n");
    }
    for r in &c.routes {
        let label = match (&r.service, &r.severity, &r.policy) {
            (Some(s), Some(v), _) => format!("`{s}` `{v}`"),
            (_, _, Some(p)) => format!("policy `{p}`"),
            _ => "route".to_string(),
        };
        let policy =
            |p: &Option<String>| p.as_ref().map_or("none".to_string(), |p| format!("`{p}`"));
        out.push_str(&format!(
            "  {label}: OLD policy {}, NEW policy {}\n",
            policy(&r.old_policy),
            policy(&r.new_policy)
        ));
        for x in r.changes.iter().take(SHOWN) {
            out.push_str(&format!(
                "    {:<26} {}  {}\n",
                x.kind,
                when(x.start, x.end),
                x.message
            ));
        }
        more(&mut out, r.changes.len());
    }
    if !c.schedules.is_empty() {
        out.push_str("\nschedules\n");
    }
    for s in &c.schedules {
        if s.old == s.new {
            out.push_str(&format!("  `{}`\n", s.new));
        } else {
            out.push_str(&format!("  `{}` (OLD `{}`)\n", s.new, s.old));
        }
        for x in s.on_call.iter().take(SHOWN) {
            out.push_str(&format!(
                "    {:<26} {}  {}\n",
                x.kind,
                when(x.start, x.end),
                x.message
            ));
        }
        more(&mut out, s.on_call.len());
        for h in s.hours.iter().take(SHOWN) {
            let sign = if h.change_seconds > 0 { '+' } else { '-' };
            out.push_str(&format!(
                "    {:<26} `{}`: {} -> {} ({sign}{})\n",
                h.kind,
                h.person,
                duration(h.old_seconds),
                duration(h.new_seconds),
                duration(h.change_seconds)
            ));
        }
        more(&mut out, s.hours.len());
        for h in s.handoffs.iter().take(SHOWN) {
            let sign = if h.moved_seconds > 0 { '+' } else { '-' };
            out.push_str(&format!(
                "    {:<26} {} -> {} ({sign}{}): {} to {}\n",
                h.kind,
                local_text(zone, h.old_at),
                local_text(zone, h.new_at),
                duration(h.moved_seconds),
                people(&h.before),
                people(&h.after)
            ));
        }
        more(&mut out, s.handoffs.len());
    }
    if !c.findings.is_empty() {
        out.push_str("\nfindings\n");
    }
    for f in &c.findings {
        let d = &f.diagnostic;
        let object = if f.object.kind == "document" {
            "document".to_string()
        } else {
            format!("{} `{}`", f.object.kind, f.object.id)
        };
        out.push_str(&format!(
            "    {:<26} {}[{}] on {object} ({} line {}): {}\n",
            f.kind,
            d.severity,
            d.code,
            f.side.to_uppercase(),
            d.span.start.line,
            d.message
        ));
    }
    if !c.unmatched.is_empty() {
        out.push_str("\nunmatched\n");
    }
    for u in &c.unmatched {
        let name = u
            .name
            .as_ref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        out.push_str(&format!(
            "    {:<26} only in {}: {} `{}`{name}\n",
            u.kind,
            u.side.to_uppercase(),
            u.object,
            u.id
        ));
    }
    out.push('\n');
    if c.counts.is_empty() {
        out.push_str("equivalent: nothing differs\n");
    } else {
        let counts: Vec<String> = c
            .counts
            .iter()
            .map(|(k, n)| {
                let allowed = if c.allowed.contains(k) {
                    ", allowed"
                } else {
                    ""
                };
                format!("{k} ({n}{allowed})")
            })
            .collect();
        let verdict = if c.equivalent {
            "equivalent (only allowed kinds differ)"
        } else {
            "OLD and NEW differ"
        };
        out.push_str(&format!("{verdict}: {}\n", counts.join(", ")));
    }
    out
}
