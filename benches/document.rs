//! Benchmark: reading a 5 MB policy document (YAML and JSON).
//!
//! `cargo run --release --example bench_document` prints, for each syntax,
//! the median of 5 runs of parsing the text into a tree and of the whole
//! `escalator::check` (tree, model, diagnostics). No assertions: figures
//! only (the reference machine has 2 cores).

use std::time::{Duration, Instant};

/// A realistic document of about `target` bytes: many teams, each with
/// people, a schedule with two layers and an override, and a policy.
fn document(target: usize, json: bool) -> String {
    let mut people = Vec::new();
    let mut schedules = Vec::new();
    let mut policies = Vec::new();
    let mut size = 0;
    let mut team = 0;
    while size < target {
        let ids: Vec<String> = (0..4).map(|i| format!("t{team}-p{i}")).collect();
        for id in &ids {
            let p = if json {
                format!("{{\"id\": \"{id}\", \"name\": \"Persön {id}\", \"timezone\": \"Europe/Berlin\", \"contact\": [{{\"via\": \"push\", \"after\": \"0m\"}}, {{\"via\": \"phone\", \"after\": \"5m\"}}]}}")
            } else {
                format!("  - {{id: {id}, name: Persön {id}, timezone: Europe/Berlin, contact: [{{via: push, after: 0m}}, {{via: phone, after: 5m}}]}}\n")
            };
            size += p.len();
            people.push(p);
        }
        let s = if json {
            format!("{{\"id\": \"team-{team}\", \"layers\": [{{\"id\": \"weekly\", \"members\": [\"{a}\", \"{b}\", [\"{c}\", \"{d}\"]], \"shift\": \"1w\", \"handoff\": \"2026-01-05T09:00\"}}, {{\"id\": \"office\", \"members\": [\"{c}\", \"{d}\"], \"shift\": \"1d\", \"handoff\": \"2026-01-05T09:00\", \"restrictions\": [{{\"days\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"], \"from\": \"09:00\", \"to\": \"17:00\"}}]}}], \"overrides\": [{{\"person\": \"{a}\", \"replaces\": \"{b}\", \"from\": \"2026-02-10T09:00\", \"to\": \"2026-02-11T09:00\"}}]}}", a = ids[0], b = ids[1], c = ids[2], d = ids[3])
        } else {
            format!("  - id: team-{team}\n    layers:\n      - id: weekly\n        members: [{a}, {b}, [{c}, {d}]]\n        shift: 1w\n        handoff: 2026-01-05T09:00\n      - id: office\n        members: [{c}, {d}]\n        shift: 1d\n        handoff: 2026-01-05T09:00\n        restrictions: [{{days: [mon, tue, wed, thu, fri], from: \"09:00\", to: \"17:00\"}}]\n    overrides:\n      - {{person: {a}, replaces: {b}, from: 2026-02-10T09:00, to: 2026-02-11T09:00}}\n", a = ids[0], b = ids[1], c = ids[2], d = ids[3])
        };
        let p = if json {
            format!("{{\"id\": \"team-{team}\", \"owner\": \"{a}\", \"repeat\": 1, \"steps\": [{{\"notify\": [{{\"schedule\": \"team-{team}\"}}], \"escalate_after\": \"15m\"}}, {{\"notify\": [{{\"person\": \"{a}\"}}], \"escalate_after\": \"30m\"}}]}}", a = ids[0])
        } else {
            format!("  - id: team-{team}\n    owner: {a}\n    repeat: 1\n    steps:\n      - notify: [{{schedule: team-{team}}}]\n        escalate_after: 15m\n      - notify: [{{person: {a}}}]\n        escalate_after: 30m\n", a = ids[0])
        };
        size += s.len() + p.len();
        schedules.push(s);
        policies.push(p);
        team += 1;
    }
    if json {
        format!(
            "{{\"version\": 1, \"timezone\": \"Europe/Berlin\",\n\"people\": [\n{}],\n\"schedules\": [\n{}],\n\"policies\": [\n{}]}}\n",
            people.join(",\n"),
            schedules.join(",\n"),
            policies.join(",\n")
        )
    } else {
        format!(
            "version: 1\ntimezone: Europe/Berlin\npeople:\n{}schedules:\n{}policies:\n{}",
            people.concat(),
            schedules.concat(),
            policies.concat()
        )
    }
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut times = Vec::new();
    let mut last = 0;
    for _ in 0..runs {
        let start = Instant::now();
        last = f();
        times.push(start.elapsed());
    }
    (median(times), last)
}

fn main() {
    for json in [false, true] {
        let text = document(5 << 20, json);
        let name = if json { "JSON" } else { "YAML" };
        let (events, _) = time(5, || {
            let mut parser = saphyr_parser::Parser::new_from_str(&text);
            let mut n = 0;
            while let Some(Ok(_)) = parser.next_event() {
                n += 1;
            }
            n
        });
        let (parse, nodes) = time(5, || {
            escalator::document::parse(&text)
                .root
                .map_or(0, |r| r.count())
        });
        let (check, diagnostics) = time(5, || escalator::check(&text).len());
        println!(
            "{name}: {:.1} MB, {nodes} nodes: YAML events alone {:?}, parse {:?}, check {:?} (median of 5), {diagnostics} diagnostics",
            text.len() as f64 / 1e6,
            events,
            parse,
            check
        );
    }
}
