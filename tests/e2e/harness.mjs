// End-to-end harness: serves a folder on 127.0.0.1 and drives Debian's
// Chromium (headless, fresh profile) through playwright-core.
//
// Every page opened through `site.view` fails its test on:
//   - any console error or uncaught exception,
//   - any request to an origin other than the page's own (it is also blocked),
//   - any failed request (a 404, say; requests cancelled by a reload are fine).
// and writes a screenshot to target/screenshots/<name>.png.
//
// Usage in a test file (tests/e2e/<topic>.test.mjs):
//
//   import { test, before, after } from 'node:test';
//   import assert from 'node:assert/strict';
//   import { openSite } from './harness.mjs';
//
//   let site;
//   before(async () => { site = await openSite(); });   // serves www/dist
//   after(() => site?.close());
//
//   test('shows the version', () => site.view('/', 'home', async (page) => {
//     await page.waitForSelector('#version:not(:empty)');
//     assert.match(await page.textContent('#version'), /escalator \d/);
//   }));
import { chromium } from 'playwright-core';
import { mkdtemp, mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SITE_DIR = join(ROOT, 'www', 'dist');
export const SCREENSHOTS = join(ROOT, 'target', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Serves `dir` (default: the built site) and starts Chromium with a new,
 * empty profile (`args`: more Chromium flags). Returns `{ url, context,
 * view(path, name, body), close() }`.
 */
export async function openSite(dir = SITE_DIR, { args = [] } = {}) {
  try {
    await stat(join(dir, 'index.html'));
  } catch {
    throw new Error(`${dir}/index.html is missing: run ./x build first`);
  }
  const server = await serve(dir, 0);
  const profile = await mkdtemp(join(tmpdir(), 'escalator-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_FLAGS, ...args],
      viewport: { width: 1280, height: 800 },
    });
  } catch (e) {
    await server.close();
    await rm(profile, { recursive: true, force: true });
    throw e;
  }
  const origin = new URL(server.url).origin;
  await mkdir(SCREENSHOTS, { recursive: true });

  /**
   * Opens `path` in a new page, runs `body(page)`, writes the screenshot
   * `name`.png, then fails if the page logged an error or reached another
   * origin. Returns what `body` returned.
   */
  async function view(path, name, body = async () => {}) {
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
    page.on('requestfailed', (r) => {
      // A reload or navigation cancels requests in flight (net::ERR_ABORTED): not a fault.
      const why = r.failure()?.errorText ?? '';
      if (new URL(r.url()).origin === origin && !why.includes('ERR_ABORTED')) {
        problems.push(`request failed (${why}): ${r.url()}`);
      }
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin) {
        return route.continue();
      }
      problems.push(`request to another origin: ${url}`);
      return route.abort('blockedbyclient');
    });
    try {
      await page.goto(new URL(path, server.url).href, { waitUntil: 'load' });
      const result = await body(page);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
      if (problems.length) throw new Error(`page ${path} had problems:\n  ${problems.join('\n  ')}`);
      return result;
    } finally {
      await page.close();
    }
  }

  async function close() {
    await context.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }

  return { url: server.url, context, view, close };
}
