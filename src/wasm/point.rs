//! The fast path of point queries (`onCall` for one schedule at an instant
//! in epoch milliseconds, without options): the per-call cost across the
//! JS boundary is what a dashboard asking all day pays, so the engine only
//! finds the shift (a binary search in the shifts the evaluator keeps, see
//! [`OnCallIndex`](crate::evaluator::schedule::OnCallIndex)) and names it by
//! a slot; the lean answer of a slot is handed over once, and `npm/fast.js`
//! (appended to every entry's glue by `./x build`) puts the answer object
//! together in JavaScript, fresh each call. Every other `onCall` goes
//! through the JSON path, with the same answers.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use wasm_bindgen::prelude::*;

use super::answer::to_js;
use super::Evaluator;
use crate::evaluator::input::InstantInput;
use crate::model::ScheduleIdx;
use crate::output::OnCallSchedule;
use crate::time::Timestamp;

/// A multiplicative hash for the integer keys below (SipHash's defence
/// against chosen keys is not needed for instants).
#[derive(Default)]
struct Mix(u64);

impl Hasher for Mix {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The lean answers handed to the fast path, by slot.
#[derive(Default)]
pub(crate) struct PointAnswers {
    /// Slot by schedule and shift start.
    slots: HashMap<(u32, i64), u32, BuildHasherDefault<Mix>>,
    /// Answers by slot (`answers[slot - first]`).
    answers: Vec<OnCallSchedule>,
    /// The slot of `answers[0]`: slots are never reused, so what JS keeps
    /// by slot stays right when this table starts again.
    first: u32,
}

/// Beyond this many kept answers the table starts again (a page asking
/// about ever new shifts stays bounded); `npm/fast.js` keeps as many.
const KEEP: usize = 20_000;

#[wasm_bindgen]
impl Evaluator {
    /// (For `npm/fast.js`.) The index of the schedule `id`, or -1.
    #[wasm_bindgen(js_name = __scheduleIndex, skip_typescript)]
    pub fn schedule_index(&self, id: &str) -> i32 {
        self.inner
            .model()
            .schedule_by_id(id)
            .map_or(-1, |i| i.0 as i32)
    }

    /// (For `npm/fast.js`.) The slot of the lean answer for schedule
    /// `schedule` at `at` (epoch milliseconds), or -1 when only the full
    /// `onCall` can answer (an instant out of range, a shift the index does
    /// not hold).
    #[wasm_bindgen(js_name = __onCallSlot, skip_typescript)]
    pub fn on_call_slot(&self, at: f64, schedule: u32) -> i32 {
        let model = self.inner.model();
        let Some(s) = model.schedules.get(schedule as usize) else {
            return -1;
        };
        let Ok(at) = InstantInput::Millis(at).resolve(s.timezone) else {
            return -1;
        };
        let i = ScheduleIdx(schedule);
        let mut index = self.index.borrow_mut();
        let Some((start, _)) = index.shift_at(model, i, at) else {
            return -1;
        };
        let mut points = self.points.borrow_mut();
        if let Some(&slot) = points.slots.get(&(schedule, start.0)) {
            return slot as i32;
        }
        let Ok(out) = self
            .inner
            .on_call_indexed(&mut index, at, Some(&s.id.value), false)
        else {
            return -1;
        };
        let Some(answer) = out.schedules.into_iter().next() else {
            return -1;
        };
        points.keep(schedule, start, answer) as i32
    }

    /// (For `npm/fast.js`.) The lean answer of a slot (`null` when no
    /// longer kept).
    #[wasm_bindgen(js_name = __onCallEntry, skip_typescript)]
    pub fn on_call_entry(&self, slot: u32) -> JsValue {
        let points = self.points.borrow();
        match slot
            .checked_sub(points.first)
            .and_then(|k| points.answers.get(k as usize))
        {
            Some(answer) => to_js(answer),
            None => JsValue::NULL,
        }
    }
}

impl PointAnswers {
    /// Keeps a shift's lean answer; its slot.
    fn keep(&mut self, schedule: u32, start: Timestamp, answer: OnCallSchedule) -> u32 {
        if self.answers.len() >= KEEP {
            self.first += self.answers.len() as u32;
            self.answers.clear();
            self.slots.clear();
        }
        let slot = self.first + self.answers.len() as u32;
        self.answers.push(answer);
        self.slots.insert((schedule, start.0), slot);
        slot
    }
}
