
// ---- escalator: the fast path of `Evaluator.onCall` (npm/fast.js) ----
// `./x build` appends this to every entry's glue, where `Evaluator` is the
// class wasm-bindgen declares. A point query for one schedule at an instant
// given in epoch milliseconds, without options, is what a dashboard asks
// all day: the engine finds the shift holding the instant (a binary search
// in the shifts it keeps around the instants asked about) and names it by
// a slot; the shift's answer is handed over once per slot, and the answer
// object is put together here, fresh on every call, exactly as the
// engine's JSON answer reads. Everything else goes to the engine's `onCall`.
{
  const engineOnCall = Evaluator.prototype.onCall;
  const KEEP = 20000;
  const days = new Map();
  const times = [];
  // RFC 3339 in UTC to the second, as the engine writes instants.
  const rfc3339 = (ms) => {
    const s = Math.floor(ms / 1000);
    const day = Math.floor(s / 86400);
    const second = s - day * 86400;
    let date = days.get(day);
    if (date === undefined) {
      if (days.size >= KEEP) days.clear();
      days.set(day, (date = new Date(day * 86400000).toISOString().slice(0, 11)));
    }
    let time = times[second];
    if (time === undefined) time = times[second] = new Date(second * 1000).toISOString().slice(11, 19) + 'Z';
    return date + time;
  };
  Evaluator.prototype.onCall = function onCall(at, schedule, options) {
    if (typeof at === 'number' && typeof schedule === 'string' && options === undefined) {
      const fast = this.__fast ?? (this.__fast = { schedules: new Map(), answers: new Map() });
      let index = fast.schedules.get(schedule);
      if (index === undefined) fast.schedules.set(schedule, (index = this.__scheduleIndex(schedule)));
      const slot = index < 0 ? -1 : this.__onCallSlot(at, index);
      if (slot >= 0) {
        let a = fast.answers.get(slot);
        if (a === undefined) {
          if (fast.answers.size >= KEEP) fast.answers.clear();
          fast.answers.set(slot, (a = this.__onCallEntry(slot)));
        }
        return {
          ok: true,
          value: {
            at: rfc3339(at),
            schedules: [
              {
                schedule: a.schedule,
                timezone: a.timezone,
                on_call: a.on_call.slice(),
                since: a.since,
                next_handoff: a.next_handoff,
                next_on_call: a.next_on_call.slice(),
              },
            ],
          },
        };
      }
    }
    return engineOnCall.call(this, at, schedule, options);
  };
}
