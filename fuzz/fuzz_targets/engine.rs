//! Arbitrary bytes as a document (the first 8 bytes choose the window);
//! when it makes an evaluator, every query runs over a bounded window
//! (at most 35 days around 2026) and keeps its invariants.
#![no_main]

use escalator::time::Timestamp;
use escalator::Evaluator;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzzing/mod.rs"]
mod fuzzing;

/// 2026-01-01T00:00:00Z.
const BASE: i64 = 1_767_225_600;

fuzz_target!(|data: &[u8]| {
    let (head, body) = data.split_at(data.len().min(8));
    let mut h = [0u8; 8];
    h[..head.len()].copy_from_slice(head);
    let offset = i64::from(u32::from_le_bytes([h[0], h[1], h[2], h[3]]) % (366 * 86_400));
    let length = i64::from(u32::from_le_bytes([h[4], h[5], h[6], h[7]]) % (35 * 86_400)) - 3_600;
    let text = String::from_utf8_lossy(body);
    let Ok(ev) = Evaluator::new(&text) else {
        return;
    };
    let from = Timestamp(BASE + offset);
    let to = Timestamp(BASE + offset + length);
    let m = ev.model();
    fuzzing::assert_spans(ev.text(), &ev.findings(from, to));
    for s in &m.schedules {
        fuzzing::shifts(&ev, &s.id.value, from, to);
        let _ = ev.quality(&s.id.value, from, to);
    }
    let _ = ev.on_call(from, None);
    for p in &m.policies {
        let choice = escalator::PolicyChoice::Policy {
            policy: p.id.value.clone(),
            severity: m.severities.first().map(|s| s.id.value.clone()),
        };
        fuzzing::plan(&ev, &choice, from);
        fuzzing::coverage(&ev, &choice, from, to, None);
    }
    // Random scenarios and stepping, driven by the window bytes.
    let list: Vec<u32> = h.iter().map(|&b| u32::from(b)).collect();
    fuzzing::simulate(&ev, &mut fuzzing::Choices::new(&list));
});
