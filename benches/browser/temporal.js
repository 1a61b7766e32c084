// A hand-written on-call evaluator for the benchmark scenario, on the
// browser's native Temporal: what a JavaScript developer would write
// without Escalator. One schedule, members a b c d in weekly turns from
// Monday 2025-12-29 09:00 Europe/Berlin (wall-clock weeks), covering only
// Monday to Friday 09:00-17:00 local (each edge resolved on its own day,
// "compatible" disambiguation, as SPEC section 1). Instants are epoch
// milliseconds.
const ZONE = 'Europe/Berlin';
const MEMBERS = ['a', 'b', 'c', 'd'];
const HANDOFF = Temporal.PlainDateTime.from('2025-12-29T09:00').toZonedDateTime(ZONE);
const WEEK_MS = 7 * 86_400_000;

/** The window of a local date, [open, close) in epoch ms, or null at weekends. */
function window(date) {
  if (date.dayOfWeek > 5) return null;
  const open = date.toZonedDateTime({ timeZone: ZONE, plainTime: '09:00' }).epochMilliseconds;
  const close = date.toZonedDateTime({ timeZone: ZONE, plainTime: '17:00' }).epochMilliseconds;
  return close > open ? [open, close] : null;
}

/** The maximal intervals of [from, to) with a constant on-call set: `{start, end, on_call}`. */
export function shifts(from, to) {
  const points = new Set([from, to]);
  const turns = [];
  for (let k = 0; ; k++) {
    const start = HANDOFF.add({ weeks: k }).epochMilliseconds;
    if (start >= to) break;
    turns.push(start);
    if (start > from) points.add(start);
  }
  const windows = [];
  const last = Temporal.Instant.fromEpochMilliseconds(to).toZonedDateTimeISO(ZONE).toPlainDate();
  let day = Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO(ZONE).toPlainDate().subtract({ days: 1 });
  for (; Temporal.PlainDate.compare(day, last) <= 0; day = day.add({ days: 1 })) {
    const w = window(day);
    if (!w) continue;
    windows.push(w);
    for (const edge of w) if (edge > from && edge < to) points.add(edge);
  }
  const sorted = [...points].sort((x, y) => x - y);
  const out = [];
  let turn = -1;
  let w = 0;
  for (let i = 0; i + 1 < sorted.length; i++) {
    const t = sorted[i];
    while (turn + 1 < turns.length && turns[turn + 1] <= t) turn++;
    while (w < windows.length && windows[w][1] <= t) w++;
    const staffed = turn >= 0 && w < windows.length && windows[w][0] <= t;
    const onCall = staffed ? [MEMBERS[turn % MEMBERS.length]] : [];
    const prev = out[out.length - 1];
    if (prev && prev.on_call.length === onCall.length && prev.on_call[0] === onCall[0]) prev.end = sorted[i + 1];
    else out.push({ start: t, end: sorted[i + 1], on_call: onCall });
  }
  return out;
}

/** Who is on call at `t` (epoch ms): a list of ids. */
export function onCall(t) {
  if (t < HANDOFF.epochMilliseconds) return [];
  // Inside Monday to Friday 09:00-17:00 local time (no DST change falls
  // between 09:00 and 17:00 in Berlin, so the wall clock says it).
  const local = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(ZONE);
  if (local.dayOfWeek > 5 || local.hour < 9 || local.hour >= 17) return [];
  // The turn: estimated from elapsed weeks, then corrected on the wall clock.
  let k = Math.floor((t - HANDOFF.epochMilliseconds) / WEEK_MS);
  while (k > 0 && HANDOFF.add({ weeks: k }).epochMilliseconds > t) k--;
  while (HANDOFF.add({ weeks: k + 1 }).epochMilliseconds <= t) k++;
  return [MEMBERS[k % MEMBERS.length]];
}
