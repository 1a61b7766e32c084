//! Reading documents (files or `-` for stdin) and printing diagnostics the
//! way rustc and ruff do: `file:line:col: severity[code]: message`, the
//! source line, carets under the span, then help.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use escalator::diagnostic::{Diagnostic, LineIndex, Severity};

/// A document read from a file or stdin.
pub struct Input {
    /// The path as given, or `<stdin>`.
    pub name: String,
    pub text: String,
}

/// Reads a path, or stdin for `-`.
pub fn read_input(path: &str) -> Result<Input, String> {
    if path == "-" {
        let mut text = String::new();
        io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        return Ok(Input {
            name: "<stdin>".to_string(),
            text,
        });
    }
    std::fs::read_to_string(path)
        .map(|text| Input {
            name: path.to_string(),
            text,
        })
        .map_err(|e| format!("cannot read `{path}`: {e}"))
}

/// Reads a path and builds an evaluator, printing diagnostics on failure
/// (for commands that query a document rather than check it).
#[allow(dead_code)] // for the query commands (shifts, plan, coverage...)
pub fn load(path: &str) -> Result<(Input, escalator::Evaluator), std::process::ExitCode> {
    let input = read_input(path).map_err(|e| {
        eprintln!("error: {e}");
        std::process::ExitCode::from(2)
    })?;
    match escalator::Evaluator::new(&input.text) {
        Ok(evaluator) => Ok((input, evaluator)),
        Err(diagnostics) => {
            let mut err = io::stderr().lock();
            let _ = write_diagnostics(&mut err, &input.name, &input.text, &diagnostics);
            Err(std::process::ExitCode::from(1))
        }
    }
}

/// Prints diagnostics in the human format.
pub fn write_diagnostics(
    out: &mut impl Write,
    name: &str,
    text: &str,
    diagnostics: &[Diagnostic],
) -> io::Result<()> {
    let index = LineIndex::new(text);
    for d in diagnostics {
        let p = index.position(d.span.start);
        writeln!(
            out,
            "{name}:{}:{}: {}[{}]: {}",
            p.line,
            p.column,
            d.severity.as_str(),
            d.code,
            d.message
        )?;
        write_snippet(out, &index, d.span.start, d.span.end, '^')?;
        if let Some(help) = &d.help {
            writeln!(out, "   = help: {help}")?;
        }
        if let Some(why) = &d.why {
            writeln!(out, "   = why: {why}")?;
        }
        for label in &d.labels {
            let lp = index.position(label.span.start);
            writeln!(
                out,
                "{name}:{}:{}: note: {}",
                lp.line, lp.column, label.message
            )?;
            write_snippet(out, &index, label.span.start, label.span.end, '-')?;
        }
    }
    Ok(())
}

/// The source line of `start` with `mark`s under the span (in chars; a span
/// running past the line is underlined to the line's end).
fn write_snippet(
    out: &mut impl Write,
    index: &LineIndex<'_>,
    start: u32,
    end: u32,
    mark: char,
) -> io::Result<()> {
    let p = index.position(start);
    let line = index.line_text(p.line);
    let (_, line_end) = index.line_range(p.line);
    let end = end.clamp(start, line_end.max(start));
    let width = if end > start {
        index.position(end).column.saturating_sub(p.column).max(1)
    } else {
        1
    };
    let gutter = p.line.to_string().len();
    // Long lines (minified JSON) are cut to a window around the span.
    let column = p.column.saturating_sub(1) as usize;
    let skip = column.saturating_sub(CONTEXT_BEFORE);
    let shown: String = line
        .chars()
        .skip(skip)
        .take(CONTEXT_BEFORE + MAX_SHOWN)
        .collect();
    let (prefix, pad_from) = if skip > 0 {
        ("...", skip.saturating_sub(3))
    } else {
        ("", 0)
    };
    let suffix = if line.chars().count() > skip + CONTEXT_BEFORE + MAX_SHOWN {
        "..."
    } else {
        ""
    };
    let width = (width as usize).min(MAX_SHOWN);
    writeln!(out, "{:gutter$} |", "")?;
    writeln!(
        out,
        "{} | {prefix}{}{suffix}",
        p.line,
        shown.replace('\t', " ")
    )?;
    let pad = " ".repeat(column - pad_from);
    let marks: String = std::iter::repeat_n(mark, width).collect();
    writeln!(out, "{:gutter$} | {pad}{marks}", "")?;
    Ok(())
}

/// Chars of a long source line shown before the span.
const CONTEXT_BEFORE: usize = 60;
/// Most chars shown from the span on, and most carets.
const MAX_SHOWN: usize = 100;

/// Whether any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// Prints a query error (`error[code]: message`, then help) and returns exit code 2.
pub fn query_error(e: &escalator::QueryError) -> ExitCode {
    eprintln!("error[{}]: {}", e.code, e.message);
    if let Some(help) = &e.help {
        eprintln!("   = help: {help}");
    }
    ExitCode::from(2)
}

/// Prints a value as pretty JSON (what the JS API returns).
pub fn print_json(value: &impl serde::Serialize) -> ExitCode {
    match serde_json::to_string_pretty(value) {
        Ok(text) => {
            print_out(&format!("{text}\n"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Writes to stdout. A closed pipe (`escalator coverage ... | head`) ends
/// the program quietly, as Unix tools do, instead of panicking.
pub fn print_out(text: &str) {
    let mut out = io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write to stdout: {e}");
        std::process::exit(2);
    }
}
