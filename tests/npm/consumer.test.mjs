// The npm package as a consumer gets it: `npm pack` pkg/, install the tarball
// into a fresh temporary folder, then use it from Node (ESM, CommonJS, the
// bundler entry), from a page in headless Chromium, and type-check a
// consumer file with `tsc --noEmit --strict`; the CLI's `--json` and the JS
// API agree on every example.
//
// The consumer scripts live in tests/npm/consumer/ (all of them run
// `exercise.mjs`, which returns plain data); the assertions are here. As the
// API grows: add the call to exercise.mjs, its assertion to `assertExercise`,
// its use to consumer.ts, and its output type to `samples.ts` below.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openSite, ROOT } from '../e2e/harness.mjs';

const run = promisify(execFile);
const PKG = join(ROOT, 'pkg');
const FIXTURES = join(ROOT, 'tests', 'npm', 'consumer');
let dir;
let cargoVersion;

before(async () => {
  cargoVersion = /^\[package\][^[]*?^version\s*=\s*"([^"]+)"/m.exec(await readFile(join(ROOT, 'Cargo.toml'), 'utf8'))[1];
  dir = await mkdtemp(join(tmpdir(), 'escalator-consumer-'));
  const { stdout } = await run('npm', ['pack', PKG, '--pack-destination', dir, '--json', '--silent']);
  const [packed] = JSON.parse(stdout);
  // The consumer's dev dependencies: the npm `ical.js` parser, installed by
  // `./x setup` among the repository's (npm ci), linked from there.
  const devDependencies = { 'ical.js': `file:${join(ROOT, 'node_modules', 'ical.js')}` };
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', devDependencies }));
  await run('npm', ['install', '--no-audit', '--no-fund', '--offline', join(dir, packed.filename)], { cwd: dir });
  await cp(FIXTURES, dir, { recursive: true });
});
after(() => dir && rm(dir, { recursive: true, force: true }));

/** Runs a consumer script with node in the consumer folder; returns its JSON. */
async function node(...args) {
  const { stdout } = await run(process.execPath, args, { cwd: dir });
  return JSON.parse(stdout);
}

/** The assertions on what exercise.mjs returns, the same for every entry. */
function assertExercise(r) {
  assert.equal(r.version.engine, cargoVersion);
  assert.equal(r.version.format, 1);
  assert.match(r.version.tzdb, /^\d{4}[a-z]$/);

  // check: the unknown key `nmae` on line 5, columns in UTF-16
  assert.equal(r.check[0].code, 'unknown-key');
  assert.equal(r.check[0].help, 'did you mean `name`?');
  assert.deepEqual([r.check[0].span.start.line, r.check[0].span.start.column], [5, 5]);
  assert.ok(r.checkAsOf.includes('review-overdue'), `findings as of 2026-06-01: ${r.checkAsOf}`);
  assert.deepEqual([r.checkBadWindow.ok, r.checkBadWindow.error.kind, r.checkBadWindow.error.code], [false, 'query', 'invalid-instant']);

  assert.equal(r.summary.people, 2);
  assert.equal(r.summary.schedules, 1);
  assert.equal(r.fromObject.people, 1);

  // shifts on 2026-03-02 in Berlin (UTC+1): a gap, Alice 09:00-17:00, a gap;
  // lean by default, `why` on demand, the same shifts in columns
  assert.equal(r.shifts.from, '2026-03-01T23:00:00Z');
  const rows = [
    ['2026-03-01T23:00:00Z', '2026-03-02T08:00:00Z', []],
    ['2026-03-02T08:00:00Z', '2026-03-02T16:00:00Z', ['alice']],
    ['2026-03-02T16:00:00Z', '2026-03-02T23:00:00Z', []],
  ];
  assert.deepEqual(r.shifts.shifts.map((s) => [s.start, s.end, s.on_call]), rows);
  assert.ok(r.shifts.shifts.every((s) => !('why' in s)), 'no explanation unless asked');
  assert.equal(r.shiftsExplained.shifts[1].why[0].layer, 'weekdays');
  const c = r.shiftsCompact;
  assert.deepEqual(
    c.set.map((k, i) => [new Date(c.bounds[i]).toISOString().replace('.000Z', 'Z'), new Date(c.bounds[i + 1]).toISOString().replace('.000Z', 'Z'), c.sets[k]]),
    rows,
  );

  const office = r.onCall.schedules[0];
  assert.deepEqual([office.on_call, office.next_handoff, office.next_on_call], [['alice'], '2026-03-02T16:00:00Z', []]);
  // the fast point query answers exactly as the engine's own path
  for (const [fast, engine] of r.pointQueries) assert.deepEqual(fast, engine);
  assert.ok(r.pointQueries.some(([a]) => a.value.schedules[0].on_call.length), 'someone is on call at some of the instants');
  assert.ok(r.quality.coverage > 0 && r.quality.coverage < 1, `coverage ${r.quality.coverage}`);

  assert.deepEqual(r.outline.schedules.map((x) => x.id), ['office']);
  // the paging plan at 10:00 pages Alice at once; why on demand
  assert.deepEqual(r.plan.plan.map((p) => [p.after_seconds, p.step, p.people]), [[0, 1, ['alice']]]);
  assert.ok(!('why' in r.plan.plan[0]));
  assert.equal(r.planExplained.plan[0].why[0].via, 'schedule');
  // coverage: nobody is paged at night, exactly until Alice's 09:00
  const night = r.coverage.gaps.find((g) => g.kind === 'nobody-paged');
  assert.deepEqual([night.start, night.end, night.severity], ['2026-03-01T23:00:00Z', '2026-03-02T08:00:00Z', 'error']);
  assert.equal(r.coverage.heatmaps.zone, 'Europe/Berlin');
  assert.ok(!('heatmaps' in r.coverageCompact), 'heatmaps only when asked');
  assert.deepEqual(
    r.coverageCompact.plan.map((k, i) => [r.coverageCompact.bounds[i], r.coverageCompact.plans[k].first_page_seconds]),
    r.coverage.intervals.map((i) => [Date.parse(i.start), i.first_page_seconds]),
  );
  assert.ok(r.findings.every((d) => typeof d.code === 'string' && d.span.start.line >= 1));

  // strict inputs: an error naming the key, a "did you mean", never a throw
  assert.deepEqual([r.wrongType.ok, r.wrongType.error.code, r.wrongType.error.message], [false, 'wrong-type', '`severity` in `which` must be a string, not the number `3`']);
  assert.deepEqual([r.misspelled.error.code, r.misspelled.error.help], ['unknown-key', 'did you mean `heatmaps`?']);
  assert.equal(r.notAChoice.error.message, '`which` must be an object, not the text `office-hours`');
  assert.equal(r.badInputsThrow, false, 'bad input is answered, not thrown');

  assert.equal(r.firstEvent.kind, 'triggered');
  assert.equal(r.simulation.incident.policy, 'office-hours');
  assert.ok(r.simulation.events.some((e) => e.kind === 'step_fired' && e.people?.includes('alice')), 'alice is paged');
  assert.deepEqual([r.badInjection.ok, r.badInjection.error.kind], [false, 'document']);

  // the engine's time zone database: Lord Howe's half-hour fall-back, Sao Paulo's midnight gap
  assert.ok(r.zones > 400);
  assert.deepEqual(r.localTimes.map((l) => [l.hour, l.minute, l.offset_seconds]), [[1, 30, 39600], [2, 0, 37800]]);
  assert.deepEqual(r.instantsOf, [Date.parse('2018-11-04T03:00:00Z')]);

  // calendars: RFC 5545 text from the engine, bad input an error answer
  assert.match(r.ics, /^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);
  assert.ok(r.ics.includes('TRIGGER:-PT15M\r\n') && r.ics.includes('DTSTAMP:20260322T230000Z\r\n'), 'alarm and DTSTAMP as asked');
  assert.equal((r.icsMine.match(/BEGIN:VEVENT\r\n/g) ?? []).length, r.icsShifts.filter((s) => s.on_call.includes('alice')).length);
  assert.deepEqual(r.icsBad.map((a) => [a.ok, a.error.code]), [[false, 'unknown-schedule'], [false, 'invalid-duration'], [false, 'wrong-type']]);

  // errors are answers carrying data: the document's diagnostics, a query's code and help
  assert.deepEqual([r.documentError.ok, r.documentError.error.kind], [false, 'document']);
  assert.match(r.documentError.error.message, /^5:5: unknown key `nmae`/);
  assert.equal(r.documentError.error.diagnostics[0].span.start.line, 5);
  assert.deepEqual([r.queryError.ok, r.queryError.error.kind, r.queryError.error.code], [false, 'query', 'unknown-schedule']);
  assert.match(r.queryError.error.help, /`office`/);
}

test('the tarball holds one wasm, one glue and an entry per environment, within 400 KB, version in step with Cargo.toml', async () => {
  const { stdout } = await run('npm', ['pack', PKG, '--dry-run', '--json', '--silent']);
  const [info] = JSON.parse(stdout);
  const files = info.files.map((f) => f.path).sort();
  assert.deepEqual(files.filter((f) => f.endsWith('.wasm')), ['escalator_bg.wasm']);
  assert.deepEqual(files, ['README.md', 'escalator.d.ts', 'escalator.js', 'escalator_bg.wasm', 'node.cjs', 'node.d.cts', 'node.d.ts', 'node.js', 'package.json', 'web.d.ts', 'web.js']);
  assert.equal(info.version, cargoVersion);
  // The budget of issue 16 (printed by ./x build; checked here so it is not lost).
  assert.ok(info.size <= 400_000, `npm pack is ${info.size} bytes, over 400 KB`);
});

test('ev.ics read by ical.js: each event is exactly a shift of ev.shifts, to the second, across the change to summer time', async () => {
  const r = await node('ical.mjs');
  const stamp = (t) => t.replace(/\.000Z$/, 'Z');
  const onCall = (shifts) => shifts.filter((s) => s.on_call.length).map((s) => [stamp(s.start), stamp(s.end)]);
  /** A person's stretches on call: their shifts, the adjacent ones joined. */
  const stretches = (shifts, who) => {
    const out = [];
    for (const s of shifts.filter((x) => x.on_call.includes(who))) {
      const last = out[out.length - 1];
      if (last && last[1] === s.start) last[1] = s.end;
      else out.push([s.start, s.end]);
    }
    return out;
  };
  for (const [key, feed] of Object.entries(r)) {
    assert.ok(feed.events.length > 0, `${key}: events`);
    assert.ok(feed.events.every((e) => e.utc), `${key}: UTC times`);
    assert.equal(new Set(feed.events.map((e) => e.uid)).size, feed.events.length, `${key}: one UID per event`);
    assert.ok(feed.text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75), `${key}: lines folded at 75 octets`);
  }
  // A schedule: one event per shift with someone on call, the same bounds and people.
  for (const key of ['weekly', 'office']) {
    const feed = r[key];
    assert.deepEqual(feed.events.map((e) => [e.start, e.end]), onCall(feed.shifts), key);
    assert.deepEqual(
      feed.events.map((e) => e.attendees.map(([cn]) => cn)),
      feed.shifts.filter((s) => s.on_call.length).map((s) => s.on_call.map((p) => ({ alice: key === 'weekly' ? 'Alice, A.' : 'Alice', bob: 'Bob' })[p])),
      `${key}: attendees`,
    );
  }
  // Bob's week spans the change to summer time: 09:00 CET to 09:00 CEST, 167 hours.
  assert.deepEqual(r.weekly.events[1], {
    ...r.weekly.events[1],
    start: '2026-03-23T08:00:00Z',
    end: '2026-03-30T07:00:00Z',
    summary: 'On call: Bob',
    attendees: [['Bob', 'mailto:Bob@Example.com']],
    trigger: -3600,
  });
  assert.equal(r.weekly.name, 'On call: Primary; weekly');
  assert.equal(r.weekly.events[0].summary, 'On call: Alice, A.');
  assert.equal(r.weekly.events[0].description, 'Schedule `weekly`\nalice: layer `rota`, turn 2');
  assert.match(r.weekly.events[3].description, /override/);
  // Office hours before and after the change: 09:00 to 17:00 Berlin is 08:00Z, then 07:00Z.
  assert.ok(r.office.events.some((e) => e.start === '2026-03-27T08:00:00Z' && e.end === '2026-03-27T16:00:00Z'));
  assert.ok(r.office.events.some((e) => e.start === '2026-03-30T07:00:00Z' && e.end === '2026-03-30T15:00:00Z'));
  // "My on-call": a person's stretches, in every schedule.
  for (const key of ['alice', 'officeAlice']) {
    const feed = r[key];
    assert.deepEqual(feed.events.map((e) => [e.start, e.end]), stretches(feed.shifts, 'alice').map(([a, b]) => [stamp(a), stamp(b)]), key);
    assert.ok(feed.events.every((e) => e.trigger === null), `${key}: no alarm unless asked`);
  }
  assert.ok(r.alice.events.some((e) => e.end === '2026-04-01T10:00:00Z'), 'the override cuts Alice\'s week');
});

test('Node ESM: import without init', async () => {
  assertExercise(await node('node-esm.mjs'));
});

test('Node CommonJS: require', async () => {
  assertExercise(await node('node-cjs.cjs'));
});

test('browser entry given the wasm bytes', async () => {
  assertExercise(await node('web-bytes.mjs'));
});

test('bundler entry: an app bundled by esbuild, run in headless Chromium', async () => {
  // The bundler entry initialises the engine on import from
  // `new URL("./escalator_bg.wasm", import.meta.url)`: esbuild leaves that
  // URL alone, so the .wasm is copied next to the bundle.
  const out = join(dir, 'bundled');
  const esbuild = join(ROOT, 'www', 'node_modules', '.bin', 'esbuild');
  await run(esbuild, ['bundler.mjs', '--bundle', '--format=esm', '--platform=browser', `--outfile=${join(out, 'app.js')}`, '--log-level=warning'], { cwd: dir });
  await cp(join(dir, 'node_modules', 'escalator', 'escalator_bg.wasm'), join(out, 'escalator_bg.wasm'));
  await writeFile(join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="./app.js"></script>\n');
  const site = await openSite(out);
  try {
    const result = await site.view('/', 'npm-consumer-bundled', async (page) => {
      await page.waitForFunction(() => window.escalatorResult !== undefined);
      return page.evaluate(() => window.escalatorResult);
    });
    assertExercise(result);
  } finally {
    await site.close();
  }
});

test('a page in headless Chromium using the browser entry', async () => {
  const site = await openSite(dir);
  try {
    const result = await site.view('/', 'npm-consumer-page', async (page) => {
      await page.waitForFunction(() => window.escalatorResult !== undefined);
      return page.evaluate(() => window.escalatorResult);
    });
    assertExercise(result);
  } finally {
    await site.close();
  }
});

test('tsc --noEmit --strict: a consumer using every export, and real outputs against the declared types', async () => {
  // Real outputs as object literals typed with the declared types: tsc's
  // excess-property and missing-property checks hold the types to the truth.
  const r = await node('node-esm.mjs');
  const samples = [
    `import type { CoverageCompact, CoverageOutput, Diagnostic, EscalatorError, LocalTime, OnCallOutput, OutlineOutput, PlanOutput, QualityOutput, ShiftsOutput, SimulationEvent, SimulationOutput, SummaryOutput, Version } from 'escalator';`,
    `export const outline: OutlineOutput = ${JSON.stringify(r.outline)};`,
    `export const plan: PlanOutput = ${JSON.stringify(r.plan)};`,
    `export const coverage: CoverageOutput = ${JSON.stringify(r.coverage)};`,
    `export const findings: Diagnostic[] = ${JSON.stringify(r.findings)};`,
    `export const firstEvent: SimulationEvent = ${JSON.stringify(r.firstEvent)};`,
    `export const simulation: SimulationOutput = ${JSON.stringify(r.simulation)};`,
    `export const version: Version = ${JSON.stringify(r.version)};`,
    `export const check: Diagnostic[] = ${JSON.stringify(r.check)};`,
    `export const documentError: EscalatorError = ${JSON.stringify(r.documentError.error)};`,
    `export const queryError: EscalatorError = ${JSON.stringify(r.queryError.error)};`,
    `export const summary: SummaryOutput = ${JSON.stringify(r.summary)};`,
    `export const shifts: ShiftsOutput = ${JSON.stringify(r.shifts)};`,
    `export const shiftsExplained: ShiftsOutput = ${JSON.stringify(r.shiftsExplained)};`,
    `export const planExplained: PlanOutput = ${JSON.stringify(r.planExplained)};`,
    `export const localTimes: LocalTime[] = ${JSON.stringify(r.localTimes)};`,
    `export const coverageCompact: Omit<CoverageCompact, 'bounds' | 'plan'> = ${JSON.stringify({ ...r.coverageCompact, bounds: undefined, plan: undefined })};`,
    `export const onCall: OnCallOutput = ${JSON.stringify(r.onCall)};`,
    `export const quality: QualityOutput = ${JSON.stringify(r.quality)};`,
  ];
  await writeFile(join(dir, 'samples.ts'), samples.join('\n') + '\n');
  const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
  const args = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2022,esnext.disposable,dom', 'consumer.ts', 'samples.ts'];
  try {
    await run(tsc, args, { cwd: dir });
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
});

test('parity: the CLI `check --json` and the JS `check` agree on every example (same findings window)', async () => {
  await run('cargo', ['build', '-q', '--bin', 'escalator'], { cwd: ROOT });
  const cli = join(ROOT, 'target', 'debug', 'escalator');
  const [FROM, TO] = ['2026-06-01', '2026-07-01T12:00'];
  const escalator = createRequire(join(dir, 'x.js'))('escalator');
  const examples = (await readdir(join(ROOT, 'examples'), { recursive: true }))
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
  assert.ok(examples.length > 0, 'there are examples');
  for (const file of examples) {
    const path = join(ROOT, 'examples', file);
    let stdout;
    try {
      ({ stdout } = await run(cli, ['check', '--json', '--from', FROM, '--to', TO, path], { maxBuffer: 64 << 20 }));
    } catch (e) {
      ({ stdout } = e); // exit 1: the example has errors (the broken ones do)
    }
    const [fromCli] = JSON.parse(stdout);
    assert.deepEqual(escalator.check(await readFile(path, 'utf8'), FROM, TO), { ok: true, value: fromCli.diagnostics }, file);
  }
});

test('parity: shifts, on call, plan, coverage and simulate agree between the CLI `--json` and the JS API (with explanations and heatmaps), calendars between `escalator ics` and `ev.ics` byte for byte, on every example', async () => {
  await run('cargo', ['build', '-q', '--bin', 'escalator'], { cwd: ROOT });
  const cli = join(ROOT, 'target', 'debug', 'escalator');
  const json = async (args) => JSON.parse((await run(cli, [...args, '--json'], { maxBuffer: 64 << 20 })).stdout);
  const [FROM, TO, AT] = ['2026-06-01T00:00:00Z', '2026-06-15T00:00:00Z', '2026-06-05T22:30:00Z'];
  const escalator = createRequire(join(dir, 'x.js'))('escalator');
  const examples = (await readdir(join(ROOT, 'examples'), { recursive: true }))
    .filter((f) => /\.(ya?ml|json)$/.test(f) && !f.startsWith('scenarios'))
    .sort();
  let compared = 0;
  for (const file of examples) {
    const path = join(ROOT, 'examples', file);
    const loaded = escalator.Evaluator.load(await readFile(path, 'utf8'));
    if (!loaded.ok) continue; // a broken example: `check` parity covers it
    const ev = loaded.value;
    const value = (answer) => {
      assert.equal(answer.ok, true, JSON.stringify(answer.error));
      return answer.value;
    };
    const outline = ev.outline();
    for (const s of outline.schedules) {
      assert.deepEqual(value(ev.shifts(s.id, FROM, TO, { explain: true })), await json(['shifts', path, '--schedule', s.id, '--from', FROM, '--to', TO]), `${file} shifts ${s.id}`);
      // The calendar: the same bytes.
      const ics = (await run(cli, ['ics', path, '--schedule', s.id, '--from', FROM, '--to', TO, '--alarm', '10m', '--dtstamp', AT], { maxBuffer: 64 << 20 })).stdout;
      assert.equal(value(ev.ics(s.id, FROM, TO, { alarm: '10m', dtstamp: AT })), ics, `${file} ics ${s.id}`);
      compared += 2;
    }
    assert.deepEqual(value(ev.onCall(AT, undefined, { explain: true })), await json(['oncall', path, '--at', AT]), `${file} oncall`);
    for (const p of outline.people.slice(0, 2)) {
      const ics = (await run(cli, ['ics', path, '--person', p.id, '--from', FROM, '--to', TO, '--dtstamp', AT], { maxBuffer: 64 << 20 })).stdout;
      assert.equal(value(ev.ics({ person: p.id }, FROM, TO, { dtstamp: AT })), ics, `${file} ics ${p.id}`);
      compared++;
    }
    for (const service of outline.services) {
      const route = service.routes[0];
      if (!route) continue;
      const which = ['--service', service.id, '--severity', route.severity];
      const input = { service: service.id, severity: route.severity };
      assert.deepEqual(value(ev.plan(input, AT, { explain: true })), await json(['plan', path, ...which, '--at', AT]), `${file} plan ${service.id}`);
      assert.deepEqual(value(ev.coverage(input, FROM, TO, { heatmaps: true })), await json(['coverage', path, ...which, '--from', FROM, '--to', TO]), `${file} coverage ${service.id}`);
      const sim = value(ev.simulate(undefined, { ...input, at: AT }));
      sim.runToEnd();
      assert.deepEqual(sim.toJSON(), await json(['simulate', path, ...which, '--at', AT]), `${file} simulate ${service.id}`);
      sim.free();
      compared += 3;
    }
    ev.free();
  }
  assert.ok(compared > 20, `compared ${compared} answers`);
});
