// The wasm engine in headless Chromium (part of `./x bench`): serves
// benches/browser/ with the npm package's browser entry (pkg/web.js and the
// .wasm) and the large organisation (target/bench-org.yaml, written by
// `bench_coverage --emit`), runs benches/browser/bench.js in one page and
// prints its figures. Printed, never asserted.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSite, ROOT } from '../tests/e2e/harness.mjs';

const dir = await mkdtemp(join(tmpdir(), 'escalator-bench-'));
try {
  await cp(join(ROOT, 'benches', 'browser'), dir, { recursive: true });
  for (const f of ['web.js', 'escalator_bg.wasm']) await cp(join(ROOT, 'pkg', f), join(dir, f));
  const org = process.env.ORG_DOCUMENT ?? join(ROOT, 'target', 'bench-org.yaml');
  if (existsSync(org)) await cp(org, join(dir, 'org.yaml'));
  // --expose-gc: each timed run starts from a collected heap, so neither side
  // pays for the other's garbage.
  const site = await openSite(dir, { args: ['--js-flags=--expose-gc'] });
  try {
    const r = await site.view('/', 'bench-browser', async (page) => {
      await page.waitForFunction(() => window.benchResult !== undefined, null, { timeout: 600_000 });
      return page.evaluate(() => window.benchResult);
    });
    if (r.error) throw new Error(r.error);
    console.log(JSON.stringify(r, null, 2));
  } finally {
    await site.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
