//! Arbitrary bytes as a calendar (the first 8 bytes choose the window):
//! reading never panics and every span lies inside the text on character
//! boundaries; expanding every series over a window of at most 35 days
//! around 2026 stays bounded, gives occurrences in order that end at or
//! after their start, and its diagnostics' spans lie inside the text too.
#![no_main]

use escalator::ical::{expand, read_bytes, ExpandOptions};
use escalator::time::Timestamp;
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
    let (cal, diagnostics, text) = read_bytes(body);
    fuzzing::assert_spans(&text, &diagnostics);
    let from = Timestamp(BASE + offset);
    let to = Timestamp(BASE + offset + length);
    let (occurrences, diagnostics) = expand(&cal, from, to, ExpandOptions::new(chrono_tz::Europe::Berlin));
    fuzzing::assert_spans(&text, &diagnostics);
    for pair in occurrences.windows(2) {
        assert!(pair[0].start <= pair[1].start);
    }
    for o in &occurrences {
        assert!(o.start <= o.end);
        assert!(o.start < to || from >= to);
    }
});
