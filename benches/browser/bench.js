// The same-page benchmark (run by benches/browser.mjs, part of `./x bench`):
// the wasm engine against a hand-written native-Temporal implementation of
// the same scenario, in one Chromium page, rounds interleaved; the answers
// are checked to be identical before anything is timed.
import init, * as escalator from './web.js';
import * as temporal from './temporal.js';

const ROUNDS = 9;
const DOC = `version: 1
timezone: Europe/Berlin
people: [{id: a}, {id: b}, {id: c}, {id: d}]
schedules:
  - id: s
    layers:
      - id: weekly
        members: [a, b, c, d]
        shift: 1w
        handoff: 2025-12-29T09:00
        restrictions: [{days: [mon, tue, wed, thu, fri], from: "09:00", to: "17:00"}]
`;
const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2027, 0, 1);
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Milliseconds per call of each function: the median over ROUNDS
 * interleaved rounds. In a round each function runs for about BLOCK_MS
 * (calls counted once, beforehand), starting from a collected heap and
 * ending with a collection of the young generation inside the timing, so
 * each side pays for the garbage it makes, and only for its own.
 */
const BLOCK_MS = 25;
function race(fns) {
  const gc = globalThis.gc;
  const calls = fns.map((f) => {
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < BLOCK_MS / 5) (f(), n++);
    return Math.max(1, n * 5);
  });
  const times = fns.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    fns.forEach((f, i) => {
      gc?.();
      const t0 = performance.now();
      for (let n = 0; n < calls[i]; n++) f();
      gc?.({ type: 'minor' });
      times[i].push((performance.now() - t0) / calls[i]);
    });
  }
  return times.map(median);
}

function assertEqual(a, b, what) {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  if (x !== y) throw new Error(`${what}: the answers differ\n${x.slice(0, 400)}\n${y.slice(0, 400)}`);
}

/** Unwraps a `Result`, failing loudly. */
function value(r) {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** Expands `ShiftsCompact` into intervals `{start, end, on_call}` (epoch ms). */
function expandShifts(c) {
  return Array.from(c.set, (k, i) => ({ start: c.bounds[i], end: c.bounds[i + 1], on_call: c.sets[k] }));
}

async function run() {
  await init({ module_or_path: new URL('./escalator_bg.wasm', import.meta.url) });
  const out = { engine: escalator.version(), userAgent: navigator.userAgent, hasTemporal: typeof Temporal !== 'undefined', rounds: ROUNDS };
  const ev = value(escalator.Evaluator.load(DOC));

  // The full-year weekly scenario: shifts, in each shape, checked first.
  const theirs = temporal.shifts(FROM, TO);
  const compact = () => ev.shifts('s', FROM, TO, { compact: true });
  const lean = () => ev.shifts('s', FROM, TO);
  const explained = () => ev.shifts('s', FROM, TO, { explain: true });
  assertEqual(expandShifts(value(compact())), theirs, 'shifts (compact)');
  const fromSpec = (o) => value(o).shifts.map((s) => ({ start: Date.parse(s.start), end: Date.parse(s.end), on_call: s.on_call }));
  assertEqual(fromSpec(lean()), theirs, 'shifts');
  assertEqual(fromSpec(explained()), theirs, 'shifts (explained)');
  const quality = () => ev.quality('s', FROM, TO);
  const [shiftsT, compactW, leanW, explainedW, qualityW] = race([() => temporal.shifts(FROM, TO), compact, lean, explained, quality]);
  out.shifts = {
    count: theirs.length,
    temporalMs: shiftsT,
    compact: { ms: compactW, ratio: shiftsT / compactW },
    lean: { ms: leanW, ratio: shiftsT / leanW },
    explained: { ms: explainedW, ratio: shiftsT / explainedW },
    // The same sweep with a small answer (coverage, balance, loads): the engine alone.
    quality: { ms: qualityW, ratio: shiftsT / qualityW },
  };

  // 2,000 point queries over the year, at arbitrary seconds (epoch ms, as Date.now() gives).
  const queries = [];
  let x = 12345;
  for (let i = 0; i < 2000; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    queries.push(FROM + Math.floor((x / 2147483648) * ((TO - FROM) / 1000)) * 1000);
  }
  queries.forEach((q) => assertEqual(value(ev.onCall(q, 's')).schedules[0].on_call, temporal.onCall(q), `on call at ${iso(q)}`));
  const texts = queries.map(iso);
  const [pointT, pointW, pointText] = race([
    () => { for (const q of queries) temporal.onCall(q); },
    () => { for (const q of queries) ev.onCall(q, 's'); },
    () => { for (const t of texts) ev.onCall(t, 's'); },
  ]);
  out.pointQueries = { count: queries.length, temporalMs: pointT, wasmMs: pointW, ratio: pointT / pointW, wasmTextMs: pointText, ratioText: pointT / pointText };
  ev.free();

  // The large organisation's coverage (benches/support/org.rs).
  const org = await fetch('./org.yaml').then((r) => (r.ok ? r.text() : null));
  if (org) {
    const load = [];
    const cover = [];
    const full = [];
    let intervals = 0;
    // One run first, untimed: the engine's code is compiled in tiers, and a
    // page analysing again and again runs the optimised tier.
    for (let r = -1; r < 5; r++) {
      globalThis.gc?.();
      let t0 = performance.now();
      const big = value(escalator.Evaluator.load(org));
      if (r >= 0) load.push(performance.now() - t0);
      t0 = performance.now();
      intervals = 0;
      for (let p = 0; p < 100; p++) intervals += value(big.coverage({ service: `svc${p}`, severity: 'sev1' }, '2026-03-01', '2026-05-30', { compact: true })).plan.length;
      if (r >= 0) cover.push(performance.now() - t0);
      t0 = performance.now();
      for (let p = 0; p < 100; p++) value(big.coverage({ service: `svc${p}`, severity: 'sev1' }, '2026-03-01', '2026-05-30'));
      if (r >= 0) full.push(performance.now() - t0);
      big.free();
    }
    out.organisation = { bytes: org.length, loadMs: median(load), coverageCompactMs: median(cover), coverageMs: median(full), intervals };
  }
  return out;
}

run().then(
  (r) => { window.benchResult = r; document.getElementById('output').textContent = JSON.stringify(r, null, 2); },
  (e) => { window.benchResult = { error: String(e?.stack ?? e) }; },
);
