// End-to-end tests of the static site (www/dist) in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openSite, ROOT } from './harness.mjs';

let site;
before(async () => {
  site = await openSite();
});
after(() => site?.close());

const cargoVersion = async () =>
  /^\[package\][^[]*?^version\s*=\s*"([^"]+)"/m.exec(await readFile(join(ROOT, 'Cargo.toml'), 'utf8'))[1];

test('the page loads the engine and shows its version', () =>
  site.view('/', 'home', async (page) => {
    await page.waitForSelector('#version:not(:empty)');
    const text = await page.textContent('#version');
    assert.match(text, new RegExp(`escalator ${(await cargoVersion()).replaceAll('.', '\\.')}\\b`));
    assert.match(text, /tzdb \d{4}[a-z]/);
  }));
