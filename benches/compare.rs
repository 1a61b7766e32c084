//! Benchmark: `escalator compare` of a large organisation against a copy of
//! itself with 50 edits, over 90 days.
//!
//! The organisation is `benches/support/org.rs`'s (300 schedules of 1 to 3
//! layers in six zones, 1500 people, 2000 overrides) with 100 policies of 2
//! to 4 steps over them and a service per policy at two severities. The
//! copy has 20 overrides added, 20 rotations with two people swapped and 10
//! escalation delays changed. Prints the median of several runs of: reading
//! both documents, the comparison (everything `escalator compare --json`
//! computes: matching, every schedule, every route at both severities,
//! findings of both documents, summary) and its JSON, the findings alone,
//! and the organisation compared with itself.
//!
//! `cargo run --release --example bench_compare`

#[path = "support/org.rs"]
mod org;

use std::time::Instant;

use escalator::evaluator::CompareOptions;
use escalator::Evaluator;

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

/// The byte offset of schedule `s`'s or policy `p`'s block.
fn block(text: &str, id: &str) -> usize {
    text.find(&format!("  - id: {id}\n"))
        .unwrap_or_else(|| panic!("no `{id}` in the document"))
}

/// The copy with 50 edits, and what they are.
fn edited(text: &str, schedules: usize, people: usize) -> String {
    let mut y = text.to_string();
    // 20 overrides added: one person for 12 hours in April.
    for k in 0..20 {
        let s = (k * 7 + 1) % schedules;
        let at = block(&y, &format!("s{s}"));
        let o =
            at + y[at..].find("    overrides:\n").expect("overrides") + "    overrides:\n".len();
        let line = format!(
            "      - {{person: p{}, from: 2026-04-{:02}T08:00, to: 2026-04-{:02}T20:00}}\n",
            (k * 37) % people,
            1 + k,
            1 + k
        );
        y.insert_str(o, &line);
    }
    // 20 rotations with their first two members swapped.
    for k in 0..20 {
        let s = (k * 11 + 3) % schedules;
        let at = block(&y, &format!("s{s}"));
        let m = at + y[at..].find("members: [").expect("members") + "members: [".len();
        let end = m + y[m..].find(']').expect("]");
        let list: Vec<String> = y[m..end].split(", ").map(str::to_string).collect();
        if list.len() >= 2 {
            let mut swapped = list.clone();
            swapped.swap(0, 1);
            y.replace_range(m..end, &swapped.join(", "));
        }
    }
    // 10 escalation delays changed: a policy's first step waits 2 minutes longer.
    for k in 0..10 {
        let at = block(&y, &format!("pol{}", k * 9));
        let d = at + y[at..].find("escalate_after: 5m").expect("a 5m step");
        y.replace_range(d..d + "escalate_after: 5m".len(), "escalate_after: 7m");
    }
    y
}

fn main() {
    let (schedules, people, overrides, policies, runs) = (300, 1500, 2000, 100, 7);
    let old_text = org::with_policies(
        org::organisation(schedules, people, overrides),
        schedules,
        policies,
    );
    let new_text = edited(&old_text, schedules, people);
    let options = CompareOptions {
        from: "2026-03-01".into(),
        to: "2026-05-30".into(),
        ..CompareOptions::default()
    };
    let load = |text: &str| match Evaluator::new(text) {
        Ok(e) => e,
        Err(d) => {
            eprintln!("the generated document has errors: {:?}", d.first());
            std::process::exit(1);
        }
    };
    // Each measure: wall ms and CPU ms of the thread, per run.
    let mut read = Measure::default();
    let mut cmp = Measure::default();
    let mut json = Measure::default();
    let mut findings = Measure::default();
    let mut same = Measure::default();
    let mut counts = String::new();
    let mut json_bytes = 0;
    for _ in 0..runs {
        let (old, new) = read.time(|| (load(&old_text), load(&new_text)));
        let c = match cmp.time(|| old.comparison(&new, &options)) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("compare failed: {e}");
                std::process::exit(1);
            }
        };
        counts = c
            .counts()
            .iter()
            .map(|(k, n)| format!("{} {n}", k.code()))
            .collect::<Vec<_>>()
            .join(", ");
        match json.time(|| {
            old.compare(&new, &options)
                .map(|o| serde_json::to_string(&o))
        }) {
            Ok(Ok(text)) => json_bytes = text.len(),
            _ => {
                eprintln!("compare --json failed");
                std::process::exit(1);
            }
        }
        let (from, to) = (c.from, c.to);
        let n = findings.time(|| old.findings(from, to).len() + new.findings(from, to).len());
        std::hint::black_box(n);
        if same.time(|| old.comparison(&old, &options).map(|c| c.identical())) != Ok(true) {
            eprintln!("the organisation differs from itself");
            std::process::exit(1);
        }
    }
    println!(
        "organisation: {} bytes, {schedules} schedules, {people} people, {overrides} overrides, \
         {policies} policies (2-4 steps), {} routes; the copy has 50 edits (20 overrides added, \
         20 rotations with two people swapped, 10 delays changed); 90 days",
        old_text.len(),
        policies * 2
    );
    println!("differences: {counts}");
    println!("median of {runs} runs (wall clock; CPU time of the thread):");
    read.print("read and validate both documents");
    cmp.print("compare (the engine's answer)");
    json.print(&format!("compare as JSON ({json_bytes} bytes)"));
    findings.print("  of which both documents' findings");
    same.print("the organisation against itself");
}

/// Wall and CPU milliseconds of repeated runs.
#[derive(Default)]
struct Measure {
    wall: Vec<f64>,
    cpu: Vec<f64>,
}

impl Measure {
    fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let (t, c0) = (Instant::now(), cpu_ms());
        let out = f();
        self.wall.push(t.elapsed().as_secs_f64() * 1e3);
        if let (Some(a), Some(b)) = (c0, cpu_ms()) {
            self.cpu.push(b - a);
        }
        out
    }

    fn print(&self, what: &str) {
        println!(
            "  {what:<40} {:8.1} ms wall {:8.1} ms CPU",
            median(self.wall.clone()),
            median(self.cpu.clone())
        );
    }
}
