// Speed of the wasm engine in Node (the npm package in pkg/), per example:
// median of several runs of `check` and of building an evaluator. Printed,
// never asserted. Run by `./x bench`.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const escalator = await import(join(ROOT, 'pkg', 'node.js'));
const RUNS = 9;

function median(f) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)];
}

const files = (await readdir(join(ROOT, 'examples'), { recursive: true })).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
console.log(`wasm engine ${escalator.version().engine} in Node ${process.version}, median of ${RUNS} runs (ms)`);
console.log(`${'example'.padEnd(40)} ${'bytes'.padStart(8)} ${'check'.padStart(9)} ${'evaluator'.padStart(10)}`);
for (const file of files) {
  const text = await readFile(join(ROOT, 'examples', file), 'utf8');
  const check = median(() => escalator.check(text));
  // A broken example answers its diagnostics: reading it is still timed.
  const evaluator = median(() => escalator.Evaluator.load(text).value?.free());
  console.log(`${file.padEnd(40)} ${String(text.length).padStart(8)} ${check.toFixed(2).padStart(9)} ${evaluator.toFixed(2).padStart(10)}`);
}

// Issue 4's schedule benchmark in wasm: one schedule of 4 people, weekly
// handoff Monday 09:00 Europe/Berlin, Mon-Fri 09:00-17:00, all of 2026, in
// each answer shape (compact columns, lean JSON, explained JSON); `quality`
// runs the same sweep and returns a small object. The same-page comparison
// with native Temporal is benches/browser.mjs.
{
  const doc = `version: 1
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
  const ev = escalator.Evaluator.load(doc).value;
  const year = ['2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'];
  const n = 200;
  const rate = (f) => {
    const per = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) f();
      per.push((n / (performance.now() - t0)) * 1000);
    }
    per.sort((a, b) => a - b);
    return per[2];
  };
  const count = ev.shifts('s', ...year).value.shifts.length;
  console.log(`\nfull-year schedule evaluations in wasm (Node), median of 5 x ${n}:`);
  console.log(`  Evaluator.shifts, compact (${count} shifts in columns): ${rate(() => ev.shifts('s', ...year, { compact: true })).toFixed(0)}/s`);
  console.log(`  Evaluator.shifts (${count} shifts as JS objects):    ${rate(() => ev.shifts('s', ...year)).toFixed(0)}/s`);
  console.log(`  Evaluator.shifts, explained:                      ${rate(() => ev.shifts('s', ...year, { explain: true })).toFixed(0)}/s`);
  console.log(`  Evaluator.quality (same sweep, small answer):      ${rate(() => ev.quality('s', ...year)).toFixed(0)}/s`);
  ev.free();
}

// Issue 5's coverage benchmark in wasm: the organisation that
// `cargo run --release --example bench_coverage -- --emit FILE` writes
// (300 schedules, 100 policies of 2-4 steps), every policy over 90 days.
if (process.env.ORG_DOCUMENT) {
  const text = await readFile(process.env.ORG_DOCUMENT, 'utf8');
  const runs = 5;
  const build = [];
  const cover = [];
  let intervals = 0;
  for (let r = 0; r < runs; r++) {
    let t0 = performance.now();
    const ev = escalator.Evaluator.load(text).value;
    build.push(performance.now() - t0);
    t0 = performance.now();
    intervals = 0;
    for (let p = 0; p < 100; p++) {
      const c = ev.coverage({ service: `svc${p}`, severity: 'sev1' }, '2026-03-01', '2026-05-30', { compact: true }).value;
      intervals += c.plan.length;
    }
    cover.push(performance.now() - t0);
    ev.free();
  }
  const med = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`\nlarge organisation in wasm (Node), median of ${runs} runs:`);
  console.log(`  read and validate (${text.length} bytes): ${med(build).toFixed(1)} ms`);
  console.log(`  coverage of all 100 policies over 90 days (${intervals} intervals, compact): ${med(cover).toFixed(1)} ms`);
}
