// The npm package as a consumer gets it: `npm pack` pkg/, install the tarball
// into a fresh temporary folder, then use it from Node (ESM, CommonJS, the
// bundler entry), from a page in headless Chromium, and type-check a
// consumer file with `tsc --noEmit --strict`.
//
// The consumer scripts live in tests/npm/consumer/ and print JSON; the
// assertions are here. As the API grows, extend both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

function assertVersion(version) {
  assert.equal(version.engine, cargoVersion);
  assert.equal(version.format, 1);
  assert.match(version.tzdb, /^\d{4}[a-z]$/);
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
  assertVersion((await node('node-esm.mjs')).version);
});

test('Node CommonJS: require', async () => {
  assertVersion((await node('node-cjs.cjs')).version);
});

test('browser entry given the wasm bytes', async () => {
  assertVersion((await node('web-bytes.mjs')).version);
});

test('bundler entry (wasm imported as an ES module)', async () => {
  assertVersion((await node('--experimental-wasm-modules', '--no-warnings', 'bundler.mjs')).version);
});

test('a page in headless Chromium using the browser entry', async () => {
  const site = await openSite(dir);
  try {
    const result = await site.view('/', 'npm-consumer-page', async (page) => {
      await page.waitForFunction(() => window.escalatorResult !== undefined);
      return page.evaluate(() => window.escalatorResult);
    });
    assertVersion(result.version);
  } finally {
    await site.close();
  }
});

test('tsc --noEmit --strict on a consumer using every export', async () => {
  const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
  const args = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2022,dom', 'consumer.ts'];
  try {
    await run(tsc, args, { cwd: dir });
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
});
