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
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
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

  assert.equal(r.summary.people, 2);
  assert.equal(r.summary.schedules, 1);
  assert.equal(r.fromObject.people, 1);

  // shifts on 2026-03-02 in Berlin (UTC+1): a gap, Alice 09:00-17:00, a gap
  assert.equal(r.shifts.from, '2026-03-01T23:00:00Z');
  assert.deepEqual(
    r.shifts.shifts.map((s) => [s.start, s.end, s.on_call]),
    [
      ['2026-03-01T23:00:00Z', '2026-03-02T08:00:00Z', []],
      ['2026-03-02T08:00:00Z', '2026-03-02T16:00:00Z', ['alice']],
      ['2026-03-02T16:00:00Z', '2026-03-02T23:00:00Z', []],
    ],
  );
  assert.equal(r.shifts.shifts[1].why[0].layer, 'weekdays');

  const office = r.onCall.schedules[0];
  assert.deepEqual([office.on_call, office.next_handoff, office.next_on_call], [['alice'], '2026-03-02T16:00:00Z', []]);
  assert.ok(r.quality.coverage > 0 && r.quality.coverage < 1, `coverage ${r.quality.coverage}`);

  // errors are Error objects carrying data, never bare strings
  assert.deepEqual(
    [r.documentError.isError, r.documentError.name, r.documentError.kind],
    [true, 'EscalatorError', 'document'],
  );
  assert.match(r.documentError.message, /^5:5: unknown key `nmae`/);
  assert.equal(r.documentError.diagnostics[0].span.start.line, 5);
  assert.deepEqual([r.queryError.isError, r.queryError.kind, r.queryError.code], [true, 'query', 'unknown-schedule']);
  assert.match(r.queryError.help, /`office`/);
}

test('the tarball holds one wasm and a glue file per entry, version in step with Cargo.toml', async () => {
  const { stdout } = await run('npm', ['pack', PKG, '--dry-run', '--json', '--silent']);
  const [info] = JSON.parse(stdout);
  const files = info.files.map((f) => f.path).sort();
  assert.deepEqual(files.filter((f) => f.endsWith('.wasm')), ['escalator_bg.wasm']);
  for (const f of ['README.md', 'package.json', 'web.js', 'web.d.ts', 'node.js', 'node.d.ts', 'node.cjs', 'node.d.cts', 'escalator.js', 'escalator_bg.js', 'escalator.d.ts']) {
    assert.ok(files.includes(f), `${f} is in the tarball`);
  }
  assert.equal(info.version, cargoVersion);
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

test('bundler entry (wasm imported as an ES module)', async () => {
  assertExercise(await node('--experimental-wasm-modules', '--no-warnings', 'bundler.mjs'));
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
    `import type { Diagnostic, OnCallOutput, QualityOutput, ShiftsOutput, Summary, Version } from 'escalator';`,
    `export const version: Version = ${JSON.stringify(r.version)};`,
    `export const check: Diagnostic[] = ${JSON.stringify(r.check)};`,
    `export const errorDiagnostics: Diagnostic[] = ${JSON.stringify(r.documentError.diagnostics)};`,
    `export const summary: Summary = ${JSON.stringify(r.summary)};`,
    `export const shifts: ShiftsOutput = ${JSON.stringify(r.shifts)};`,
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
    assert.deepEqual(escalator.check(await readFile(path, 'utf8'), FROM, TO), fromCli.diagnostics, file);
  }
});
