//! Benchmark: schedule shifts.
//!
//! (a) One schedule (4 people, weekly handoff Monday 09:00 Europe/Berlin
//!     from 2025-12-29,
//!     Mon-Fri 09:00-17:00 restriction): full-year 2026 evaluations per
//!     second, through `schedule::shifts` (engine shifts with explanations)
//!     and `Evaluator::shifts` (the JSON shape).
//! (b) A large organisation (300 schedules of 1-3 layers, 1500 people, 2000
//!     overrides): all shifts of every schedule over 365 days.
//!
//! Prints medians of several runs. `cargo run --release --example bench_schedule`

#[path = "support/org.rs"]
mod org;

use std::time::Instant;

use escalator::model::ScheduleIdx;
use escalator::schedule::{shifts, timeline, Timeline};
use escalator::time::parse_instant;
use escalator::Evaluator;

const ONE: &str = "version: 1
timezone: Europe/Berlin
people: [{id: alice}, {id: bob}, {id: carol}, {id: dan}]
schedules:
  - id: office
    layers:
      - id: weekly
        members: [alice, bob, carol, dan]
        shift: 1w
        handoff: 2025-12-29T09:00
        restrictions: [{days: [mon, tue, wed, thu, fri], from: \"09:00\", to: \"17:00\"}]
";

/// CPU time of this thread in seconds (Linux `schedstat`), to see through
/// a machine shared with other work; falls back to wall time.
fn cpu() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Wall and CPU seconds of `f`.
fn timed(f: impl FnOnce()) -> (f64, f64) {
    let (t, c) = (Instant::now(), cpu());
    f();
    let wall = t.elapsed().as_secs_f64();
    (wall, cpu().zip(c).map(|(b, a)| b - a).unwrap_or(wall))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn main() {
    let evaluator = match Evaluator::new(ONE) {
        Ok(e) => e,
        Err(d) => {
            eprintln!("bad document: {:?}", d.first());
            std::process::exit(1);
        }
    };
    let tz = chrono_tz::Europe::Berlin;
    let (Ok(from), Ok(to)) = (
        parse_instant("2026-01-01", tz),
        parse_instant("2027-01-01", tz),
    ) else {
        std::process::exit(1);
    };
    let model = evaluator.model();
    let one = shifts(model, ScheduleIdx(0), from, to).unwrap_or_default();
    let staffed = one.iter().filter(|s| !s.on_call.is_empty()).count();
    println!(
        "(a) one schedule, 2026: {} shifts, {staffed} with someone on call, {} gaps",
        one.len(),
        one.len() - staffed
    );

    let runs = 7;
    let per_run = 20_000;
    let (mut engine, mut engine_cpu, mut json, mut json_cpu) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut flat, mut flat_cpu) = (Vec::new(), Vec::new());
    let mut reused = Timeline::new();
    for _ in 0..runs {
        let mut n = 0usize;
        let (wall, cpu) = timed(|| {
            for _ in 0..per_run {
                if timeline(model, ScheduleIdx(0), from, to, &mut reused).is_ok() {
                    n += reused.len();
                }
            }
        });
        std::hint::black_box(n);
        flat.push(per_run as f64 / wall);
        flat_cpu.push(per_run as f64 / cpu);
        let mut n = 0usize;
        let (wall, cpu) = timed(|| {
            for _ in 0..per_run {
                n += shifts(model, ScheduleIdx(0), from, to)
                    .map(|v| v.len())
                    .unwrap_or(0);
            }
        });
        std::hint::black_box(n);
        engine.push(per_run as f64 / wall);
        engine_cpu.push(per_run as f64 / cpu);
        let (wall, cpu) = timed(|| {
            for _ in 0..per_run / 10 {
                n += evaluator
                    .shifts("office", from, to)
                    .map(|o| o.shifts.len())
                    .unwrap_or(0);
            }
        });
        std::hint::black_box(n);
        json.push((per_run / 10) as f64 / wall);
        json_cpu.push((per_run / 10) as f64 / cpu);
    }
    println!(
        "    schedule::timeline (reused buffers): {:.0} full-year evaluations/s wall, {:.0}/s per CPU second",
        median(flat),
        median(flat_cpu)
    );
    println!(
        "    schedule::shifts: {:.0} full-year evaluations/s wall, {:.0}/s per CPU second (median of {runs} runs of {per_run})",
        median(engine),
        median(engine_cpu)
    );
    println!(
        "    Evaluator::shifts serialized to JSON (what the CLI and wasm print): {:.0}/s wall, {:.0}/s per CPU second",
        median(json),
        median(json_cpu)
    );

    let (schedules, people, overrides) = (300, 1500, 2000);
    let text = org::organisation(schedules, people, overrides);
    let t = Instant::now();
    let big = match Evaluator::new(&text) {
        Ok(e) => e,
        Err(d) => {
            eprintln!("the generated document has errors: {:?}", d.first());
            std::process::exit(1);
        }
    };
    let build_ms = t.elapsed().as_secs_f64() * 1e3;
    let model = big.model();
    let layers: usize = model.schedules.iter().map(|s| s.layers.len()).sum();
    let n_overrides: usize = model.schedules.iter().map(|s| s.overrides.len()).sum();
    let (mut times, mut times_cpu, mut flat, mut flat_cpu) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut total = 0;
    for _ in 0..runs {
        let (wall, cpu) = timed(|| {
            total = 0;
            for s in 0..model.schedules.len() {
                total += shifts(model, ScheduleIdx(s as u32), from, to)
                    .map(|v| v.len())
                    .unwrap_or(0);
            }
        });
        times.push(wall * 1e3);
        times_cpu.push(cpu * 1e3);
        let (wall, cpu) = timed(|| {
            for s in 0..model.schedules.len() {
                let _ = timeline(model, ScheduleIdx(s as u32), from, to, &mut reused);
            }
        });
        flat.push(wall * 1e3);
        flat_cpu.push(cpu * 1e3);
    }
    println!(
        "(b) organisation: {} schedules, {layers} layers, {} people, {n_overrides} overrides ({} KB of YAML, built in {build_ms:.1} ms)",
        model.schedules.len(),
        model.people.len(),
        text.len() / 1024
    );
    println!(
        "    all shifts over 365 days: {:.1} ms wall, {:.1} ms CPU (median of {runs}), {total} shifts",
        median(times),
        median(times_cpu)
    );
    println!(
        "    the same into one reused Timeline: {:.1} ms wall, {:.1} ms CPU",
        median(flat),
        median(flat_cpu)
    );
}
