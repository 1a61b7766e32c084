//! `escalator coverage FILE (--policy ID | --service ID --severity SEV) --from T --to T [--json] [--tz ZONE]`.

use std::process::ExitCode;

use clap::Args;

use escalator::output::coverage::HeatmapCell;
use escalator::output::CoverageOutput;

use super::io::load;
use super::io::{print_json, query_error};
use super::plan::{offset, PolicyArgs};

/// Arguments of `escalator coverage`.
#[derive(Args, Debug)]
pub struct CoverageArgs {
    /// The document (YAML or JSON); `-` reads stdin.
    pub file: String,
    #[command(flatten)]
    pub which: PolicyArgs,
    /// First incident start time: RFC 3339, or a local date-time or date in the document's zone.
    #[arg(long)]
    pub from: String,
    /// End of the window (exclusive).
    #[arg(long)]
    pub to: String,
    /// Print intervals, gaps and heatmaps as JSON.
    #[arg(long)]
    pub json: bool,
    /// Display zone of the heatmaps (default: the document's).
    #[arg(long)]
    pub tz: Option<String>,
}

/// Prints the coverage.
pub fn run(args: &CoverageArgs) -> ExitCode {
    let (_, evaluator) = match load(&args.file) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let zone = evaluator.model().timezone;
    let result = escalator::time::parse_instant(&args.from, zone).and_then(|from| {
        let to = escalator::time::parse_instant(&args.to, zone)?;
        evaluator.coverage(&args.which.choice(), from, to, args.tz.as_deref())
    });
    match result {
        Ok(c) if args.json => print_json(&c),
        Ok(c) => {
            super::io::print_out(&readable(&c));
            ExitCode::SUCCESS
        }
        Err(e) => query_error(&e),
    }
}

/// The most intervals the readable summary lists.
const SHOWN: usize = 40;

/// A readable summary: intervals, gaps and the hour-of-week heatmap.
pub fn readable(c: &CoverageOutput) -> String {
    let mut out = format!("coverage of policy `{}`", c.policy);
    if let Some(service) = &c.service {
        out.push_str(&format!(" (service `{service}`)"));
    }
    if let Some(severity) = &c.severity {
        out.push_str(&format!(" at {severity}"));
    }
    out.push_str(&format!(
        " for incidents opening from {} to {}\n",
        c.from, c.to
    ));
    out.push_str(&format!(
        "{} intervals with the same plan:\n",
        c.intervals.len()
    ));
    for i in c.intervals.iter().take(SHOWN) {
        let first = i
            .first_page_seconds
            .map_or("nobody paged".to_string(), |f| {
                format!("first page {}", offset(f))
            });
        let within = i
            .reached_within_target
            .map_or(String::new(), |n| format!(", {n} within target"));
        let steps: Vec<String> = i
            .plan
            .iter()
            .map(|p| {
                let mut who = p.people.clone();
                who.extend(p.vendors.iter().map(|v| format!("vendor {v}")));
                format!("{} {}", offset(p.after_seconds), who.join("+"))
            })
            .collect();
        out.push_str(&format!(
            "  {} .. {}  {first}{within}, {} in all: {}\n",
            i.start,
            i.end,
            i.reached_total,
            if steps.is_empty() {
                "-".to_string()
            } else {
                steps.join(", ")
            }
        ));
    }
    if c.intervals.len() > SHOWN {
        out.push_str(&format!(
            "  ... and {} more (use --json)\n",
            c.intervals.len() - SHOWN
        ));
    }
    let window = (c.to.0 - c.from.0).max(1);
    let mut totals: Vec<(&str, i64)> = Vec::new();
    for g in &c.gaps {
        match totals.iter_mut().find(|(k, _)| *k == g.kind) {
            Some((_, t)) => *t += g.end.0 - g.start.0,
            None => totals.push((g.kind, g.end.0 - g.start.0)),
        }
    }
    for (kind, seconds) in &totals {
        out.push_str(&format!(
            "{kind}: {} of the window ({:.1}%)\n",
            escalator::time::values::format_duration(escalator::time::Seconds(*seconds)),
            *seconds as f64 * 100.0 / window as f64
        ));
    }
    if c.gaps.is_empty() {
        out.push_str("no gaps\n");
    } else {
        out.push_str(&format!("gaps ({}):\n", c.gaps.len()));
        for g in c.gaps.iter().take(SHOWN) {
            out.push_str(&format!(
                "  {}[{}] {} .. {}  {}\n",
                g.severity, g.kind, g.start, g.end, g.message
            ));
        }
        if c.gaps.len() > SHOWN {
            out.push_str(&format!(
                "  ... and {} more (use --json)\n",
                c.gaps.len() - SHOWN
            ));
        }
    }
    let Some(heatmaps) = &c.heatmaps else {
        return out;
    };
    out.push_str(&format!(
        "hour of week in {} (worst case per hour: `#` nobody paged, `1` one person reached, `+` two or more, blank: outside the window):\n",
        heatmaps.zone
    ));
    out.push_str("       0         1         2\n       012345678901234567890123\n");
    for row in &heatmaps.hour_of_week {
        let cells: String = row.hours.iter().map(mark).collect();
        out.push_str(&format!("  {}  {cells}\n", row.day));
    }
    out
}

fn mark(cell: &HeatmapCell) -> char {
    match (cell.seconds, cell.gap_seconds, cell.fewest_reached) {
        (0, _, _) => ' ',
        (_, g, _) if g > 0 => '#',
        (_, _, Some(0)) => '#',
        (_, _, Some(1)) => '1',
        _ => '+',
    }
}
