// The migration package `escalator-migrate` as a consumer gets it: `npm
// pack` pkg-migrate/ and pkg/, install both tarballs into a fresh folder,
// then import vendor files and compare setups from Node (ESM, CommonJS, the
// browser entry given the bytes), load the imported documents in the
// engine's `Evaluator`, type-check a consumer with `tsc --strict`, and hold
// the answers to the CLI's `escalator import --json` and `compare --json`.
//
// The consumer scripts are in tests/npm/migrate-consumer/ (each runs
// `exercise.mjs`); the assertions are here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../e2e/harness.mjs';

const run = promisify(execFile);
const PKG = join(ROOT, 'pkg');
const PKG_MIGRATE = join(ROOT, 'pkg-migrate');
const SCRIPTS = join(ROOT, 'tests', 'npm', 'migrate-consumer');
const API = 'tests/fixtures/import/pagerduty/api';
const TERRAFORM = 'tests/fixtures/import/pagerduty/terraform';
let dir;
let cargoVersion;
let cli;

/** A folder's files as the CLI names them (paths from the root, sorted). */
async function folder(path) {
  const names = (await readdir(join(ROOT, path))).sort();
  return Promise.all(names.map(async (n) => ({ name: `${path}/${n}`, text: await readFile(join(ROOT, path, n), 'utf8') })));
}

const doc = (extra) => `version: 1
timezone: Europe/London
people: [{id: ann}, {id: bo}]
schedules:
  - id: s
    layers: [{id: l, members: [ann, bo], shift: 2w, handoff: 2026-03-02T09:00}]${extra}
policies: [{id: p, steps: [{notify: [{schedule: s}], escalate_after: 5m}]}]
`;
const OLD = doc('');
const NEW = doc('\n    overrides: [{person: bo, from: 2026-03-07T09:00, to: 2026-03-07T15:00}]');

before(async () => {
  cargoVersion = /^\[package\][^[]*?^version\s*=\s*"([^"]+)"/m.exec(await readFile(join(ROOT, 'Cargo.toml'), 'utf8'))[1];
  dir = await mkdtemp(join(tmpdir(), 'escalator-migrate-consumer-'));
  const tarballs = [];
  for (const pkg of [PKG, PKG_MIGRATE]) {
    const { stdout } = await run('npm', ['pack', pkg, '--pack-destination', dir, '--json', '--silent']);
    tarballs.push(join(dir, JSON.parse(stdout)[0].filename));
  }
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await run('npm', ['install', '--no-audit', '--no-fund', '--offline', ...tarballs], { cwd: dir });
  await cp(SCRIPTS, dir, { recursive: true });
  const fixtures = { api: await folder(API), terraform: await folder(TERRAFORM), old: OLD, new: NEW };
  await writeFile(join(dir, 'fixtures.json'), JSON.stringify(fixtures));
  await writeFile(join(dir, 'old.yaml'), OLD);
  await writeFile(join(dir, 'new.yaml'), NEW);
  await run('cargo', ['build', '-q', '--bin', 'escalator'], { cwd: ROOT });
  cli = join(ROOT, 'target', 'debug', 'escalator');
});
after(() => dir && rm(dir, { recursive: true, force: true }));

async function node(script) {
  const { stdout } = await run(process.execPath, [script], { cwd: dir, maxBuffer: 64 << 20 });
  return JSON.parse(stdout);
}

/** The CLI's JSON (exit 1 means "incomplete" or "differs": still JSON). */
async function cliJson(args, cwd = ROOT) {
  try {
    return JSON.parse((await run(cli, args, { cwd, maxBuffer: 64 << 20 })).stdout);
  } catch (e) {
    if (e.code === 1) return JSON.parse(e.stdout);
    throw e;
  }
}

let cliApi;
let cliTerraform;
let cliCompare;
async function cliAnswers() {
  cliApi ??= await cliJson(['import', API, '--json']);
  cliTerraform ??= await cliJson(['import', TERRAFORM, '--json', '--var', 'start=2026-03-02T09:00:00Z']);
  cliCompare ??= await cliJson(['compare', 'old.yaml', 'new.yaml', '--from', '2026-03-02', '--to', '2026-03-16', '--json'], dir);
}

async function assertExercise(r) {
  await cliAnswers();
  // PagerDuty API JSON: recognised, complete, the CLI's JSON exactly
  assert.equal(r.api.detected.label, 'PagerDuty API');
  assert.equal(r.api.complete, true);
  assert.deepEqual(r.api.needed, []);
  assert.deepEqual({ ...r.api, document: r.apiDocument }, cliApi);
  assert.ok(r.api.diagnostics.some((d) => d.code === 'pagerduty-round-robin' && d.file.endsWith('escalation_policies.json') && d.span.start.line > 1));
  // the document loads in the engine: PagerDuty's rules (tests/import_pagerduty.rs):
  // bob's turn 1 by day, carol's night across midnight, erin's override
  assert.deepEqual(r.apiOnCall, [['bob-example'], ['carol-example'], ['erin-example']]);
  assert.ok(r.apiShifts.shifts.length > 5);
  // Terraform: one value needed (where it is declared), then given
  assert.equal(r.terraform.detected.label, 'PagerDuty Terraform');
  assert.equal(r.terraform.complete, false);
  assert.deepEqual(r.terraform.needed.map((n) => [n.name, n.file, n.example]), [['start', `${TERRAFORM}/variables.tf`, '2026-03-02T09:00:00Z']]);
  assert.match(r.terraform.summary, /^PagerDuty Terraform, 2 files: .*1 value needed$/);
  assert.ok(r.terraform.diagnostics.some((d) => d.code === 'unknown-value' && d.file.endsWith('main.tf')), 'an expression waiting on `var.start`, at its span');
  assert.deepEqual(r.terraformGiven.needed, []);
  assert.deepEqual({ ...r.terraformGiven, document: cliTerraform.document }, cliTerraform);
  assert.ok(r.terraformGiven.diagnostics.some((d) => d.code === 'pagerduty-urgency-not-evaluated' && d.file.endsWith('main.tf')));
  assert.deepEqual(r.terraformOutline.schedules.map((s) => s.id).sort(), ['payments-primary', 'payments-secondary']);
  const primary = Object.fromEntries(r.terraformShifts)['payments-primary'];
  assert.ok(primary.some((s) => s.on_call.length > 0), 'someone is on call in the imported Terraform schedule');
  // bad input: answers, with the formats listed, a did-you-mean
  assert.deepEqual([r.unsupported.ok, r.unsupported.error.code], [false, 'unsupported-format']);
  assert.match(r.unsupported.error.help, /PagerDuty REST API v2 JSON.*Opsgenie.*iCalendar/);
  assert.deepEqual([r.misspelled.error.code, r.misspelled.error.help], ['unknown-key', 'did you mean `from`?']);
  assert.deepEqual([r.badVendor.error.code, r.badVendor.error.help], ['unknown-vendor', 'did you mean `pagerduty`?']);
  assert.deepEqual([r.notFiles.ok, r.notFiles.error.code], [false, 'wrong-type']);
  // compare: a real difference, exactly the CLI's JSON
  assert.equal(r.compare.equivalent, false);
  const change = r.compare.schedules[0].on_call[0];
  assert.deepEqual([change.start, change.end, change.old.on_call, change.new.on_call], ['2026-03-07T09:00:00Z', '2026-03-07T15:00:00Z', ['ann'], ['bo']]);
  assert.deepEqual(r.compare, cliCompare);
  // a vendor export against its own import: nothing differs
  assert.equal(r.compareSame.equivalent, true, JSON.stringify(r.compareSame.summary));
  assert.deepEqual([r.compareMisspelled.error.code, r.compareMisspelled.error.help], ['unknown-key', 'did you mean `allow`?']);
  assert.deepEqual([r.compareIncomplete.error.code], ['import-incomplete']);
  assert.match(r.compareIncomplete.error.message, /^OLD did not import completely .*`start`/);
  assert.deepEqual([r.compareBroken.error.kind], ['document']);
  assert.match(r.compareBroken.error.message, /^OLD 2:11: /);
}

test('escalator-migrate: one wasm, an entry per environment, version in step, escalator as a peer', async () => {
  const { stdout } = await run('npm', ['pack', PKG_MIGRATE, '--dry-run', '--json', '--silent']);
  const [info] = JSON.parse(stdout);
  const files = info.files.map((f) => f.path).sort();
  assert.deepEqual(files, ['README.md', 'escalator_migrate.d.ts', 'escalator_migrate.js', 'escalator_migrate_bg.wasm', 'node.cjs', 'node.d.cts', 'node.d.ts', 'node.js', 'package.json', 'web.d.ts', 'web.js']);
  assert.equal(info.version, cargoVersion);
  const pkg = JSON.parse(await readFile(join(PKG_MIGRATE, 'package.json'), 'utf8'));
  assert.deepEqual(pkg.peerDependencies, { escalator: cargoVersion });
  console.log(`# escalator-migrate npm pack: ${info.size} B`);
});

test('the engine package holds no importer: its wasm does not know the migration exports', async () => {
  const glue = await readFile(join(PKG, 'web.js'), 'utf8');
  assert.ok(!/importDocument|export function compare/.test(glue));
  const wasm = await readFile(join(PKG, 'escalator_bg.wasm'));
  assert.ok(!wasm.includes('pagerduty_schedule'), 'no PagerDuty Terraform reader in the engine wasm');
  const migrate = await readFile(join(PKG_MIGRATE, 'escalator_migrate_bg.wasm'));
  assert.ok(migrate.includes('pagerduty_schedule'), 'the migration wasm has it');
});

test('Node ESM: importDocument and compare, the import loaded in the engine', async () => {
  await assertExercise(await node('node-esm.mjs'));
});

test('Node CommonJS: require', async () => {
  await assertExercise(await node('node-cjs.cjs'));
});

test('browser entries given the wasm bytes', async () => {
  await assertExercise(await node('web-bytes.mjs'));
});

test('tsc --noEmit --strict: a consumer of both packages, and real outputs against the declared types', async () => {
  const r = await node('node-esm.mjs');
  const samples = [
    `import type { ImportOutput, CompareOutput } from 'escalator-migrate';`,
    `export const api: ImportOutput = ${JSON.stringify({ ...r.api, document: '' })};`,
    `export const terraform: ImportOutput = ${JSON.stringify({ ...r.terraform, document: '' })};`,
    `export const compared: CompareOutput = ${JSON.stringify(r.compare)};`,
    `export const same: CompareOutput = ${JSON.stringify(r.compareSame)};`,
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
