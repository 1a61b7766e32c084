//! Benchmark: coverage of a large organisation for 90 days.
//!
//! 100 policies of 2 to 4 steps over 300 schedules (weekly and daily
//! rotations, business-hours restrictions, follow-the-sun layers,
//! overrides), 600 people, in several zones. Prints the median of several
//! runs of: building the evaluator, and the coverage of every policy over 90
//! days (intervals, gaps and heatmaps, as `escalator coverage` computes them).
//!
//! `cargo run --release --example bench_coverage [-- --emit FILE]`

use std::fmt::Write;
use std::time::Instant;

use escalator::time::parse_instant;
use escalator::Evaluator;
use escalator::PolicyChoice;

const ZONES: [&str; 4] = [
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Sydney",
];

/// A deterministic large organisation document.
fn organisation(schedules: usize, policies: usize) -> String {
    let mut y = String::from("version: 1\ntimezone: Europe/Berlin\npeople:\n");
    let people = schedules * 2;
    for p in 0..people {
        let _ = writeln!(y, "  - {{id: p{p}}}");
    }
    y.push_str("schedules:\n");
    for s in 0..schedules {
        let zone = ZONES[s % ZONES.len()];
        let m = |k: usize| format!("p{}", (s * 2 + k) % people);
        let _ = writeln!(y, "  - id: s{s}\n    timezone: {zone}\n    layers:");
        match s % 3 {
            0 => {
                let _ = writeln!(
                    y,
                    "      - {{id: weekly, members: [{}, {}, {}, {}], shift: 1w, handoff: 2026-01-05T09:00}}",
                    m(0),
                    m(1),
                    m(2),
                    m(3)
                );
            }
            1 => {
                let _ = writeln!(y, "      - {{id: daily, members: [{}, {}, {}], shift: 1d, handoff: 2026-01-05T08:00}}", m(0), m(1), m(4));
                let _ = writeln!(
                    y,
                    "      - {{id: office, members: [{}, {}], shift: 1w, handoff: 2026-01-05T09:00, restrictions: [{{days: [mon, tue, wed, thu, fri], from: \"09:00\", to: \"17:00\"}}]}}",
                    m(2),
                    m(3)
                );
            }
            _ => {
                let _ = writeln!(
                    y,
                    "      - {{id: day, members: [{}, {}], shift: 1w, handoff: 2026-01-05T08:00, restrictions: [{{from: \"08:00\", to: \"20:00\"}}]}}",
                    m(0),
                    m(1)
                );
                let _ = writeln!(
                    y,
                    "      - {{id: night, members: [{}, {}], shift: 12h, handoff: 2026-01-05T20:00, restrictions: [{{from: \"20:00\", to: \"08:00\"}}]}}",
                    m(2),
                    m(3)
                );
            }
        }
        if s % 5 == 0 {
            let _ = writeln!(y, "    overrides:\n      - {{person: {}, from: 2026-03-10T00:00, to: 2026-03-12T00:00}}", m(5));
        }
    }
    y.push_str("policies:\n");
    for p in 0..policies {
        let steps = 2 + p % 3;
        let _ = writeln!(
            y,
            "  - id: pol{p}\n    owner: p{p}\n    repeat: {}\n    steps:",
            p % 2
        );
        for k in 0..steps {
            let schedule = (p * 3 + k) % schedules;
            let after = [5, 10, 15, 30][k % 4];
            let _ = writeln!(
                y,
                "      - {{notify: [{{schedule: s{schedule}}}], escalate_after: {after}m}}"
            );
        }
    }
    y.push_str("severities:\n  - {id: sev1, ack_within: 10m, comms_within: 30m}\n  - {id: sev2, ack_within: 30m}\nservices:\n");
    for p in 0..policies {
        let _ = writeln!(y, "  - {{id: svc{p}, owner: p{p}, escalation: pol{p}}}");
    }
    y
}

/// CPU time of this thread in ms (Linux `schedstat`), to see through a busy machine.
fn cpu_ms() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e6)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn main() {
    let (schedules, policies, runs) = (300, 100, 7);
    let text = organisation(schedules, policies);
    // `--emit FILE` writes the document (for the wasm benchmark in Node) and stops.
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--emit") {
        let path = args.get(i + 1).map_or("organisation.yaml", |p| p.as_str());
        if let Err(e) = std::fs::write(path, &text) {
            eprintln!("cannot write `{path}`: {e}");
            std::process::exit(2);
        }
        println!("wrote {path} ({} bytes)", text.len());
        return;
    }
    let mut build = Vec::new();
    let mut cover = Vec::new();
    let mut cover_cpu = Vec::new();
    let mut shared = Vec::new();
    let mut intervals = 0;
    let mut gaps = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let evaluator = match Evaluator::new(&text) {
            Ok(e) => e,
            Err(d) => {
                eprintln!("the generated document has errors: {:?}", d.first());
                std::process::exit(1);
            }
        };
        build.push(t.elapsed().as_secs_f64() * 1e3);
        let zone = evaluator.model().timezone;
        let (Ok(from), Ok(to)) = (
            parse_instant("2026-03-01", zone),
            parse_instant("2026-05-30", zone),
        ) else {
            std::process::exit(1);
        };
        let t = Instant::now();
        let c0 = cpu_ms();
        intervals = 0;
        gaps = 0;
        for p in 0..policies {
            let choice = PolicyChoice::Service {
                service: format!("svc{p}"),
                severity: "sev1".into(),
            };
            match evaluator.coverage(&choice, from, to, None) {
                Ok(c) => {
                    intervals += c.intervals.len();
                    gaps += c.gaps.len();
                }
                Err(e) => {
                    eprintln!("coverage failed: {e}");
                    std::process::exit(1);
                }
            }
        }
        cover.push(t.elapsed().as_secs_f64() * 1e3);
        if let (Some(a), Some(b)) = (c0, cpu_ms()) {
            cover_cpu.push(b - a);
        }
        // What the JS handle does: the schedules' shifts over the window
        // computed once for every policy, answers in columns.
        let c0 = cpu_ms();
        let mut cache = escalator::evaluator::coverage::CoverageCache::new();
        let options = escalator::evaluator::input::CoverageOptions {
            compact: true,
            ..Default::default()
        };
        for p in 0..policies {
            let choice = PolicyChoice::Service {
                service: format!("svc{p}"),
                severity: "sev1".into(),
            };
            if let Err(e) =
                evaluator.coverage_compact_cached(&mut cache, &choice, from, to, &options)
            {
                eprintln!("coverage failed: {e}");
                std::process::exit(1);
            }
        }
        if let (Some(a), Some(b)) = (c0, cpu_ms()) {
            shared.push(b - a);
        }
    }
    println!(
        "document: {} bytes, {schedules} schedules, {policies} policies (2-4 steps), 90 days",
        text.len()
    );
    println!("median of {runs} runs:");
    println!("  parse + validate: {:8.1} ms", median(build));
    println!(
        "  coverage, all {policies} policies: {:8.1} ms wall ({intervals} intervals, {gaps} gaps)",
        median(cover)
    );
    if !cover_cpu.is_empty() {
        println!(
            "  coverage, all {policies} policies: {:8.1} ms CPU time of the thread",
            median(cover_cpu)
        );
        println!(
            "  the same with the schedules' shifts shared, compact answers (the JS handle): {:8.1} ms CPU time",
            median(shared)
        );
    }
}
