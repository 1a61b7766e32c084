// End-to-end tests of the playground (www/) in headless Chromium, through the
// harness (console errors, failed or off-origin requests fail a test; each
// view leaves a screenshot in target/screenshots/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSite, ROOT } from './harness.mjs';

let site;
before(async () => {
  site = await openSite();
});
after(() => site?.close());

const EXAMPLES = join(ROOT, 'examples');
const examples = existsSync(EXAMPLES)
  ? readdirSync(EXAMPLES).filter((f) => /\.(ya?ml|json)$/.test(f)).sort()
  : [];

/** Waits until the worker has answered the latest request. */
async function settled(page) {
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  await page.waitForFunction(
    () => document.body.dataset.pending && document.body.dataset.analysis === document.body.dataset.pending,
    null,
    { timeout: 20000 },
  );
}

/** Opens a document through the file picker, as a user would. */
async function openText(page, text, name = 'policy.yaml') {
  await page.setInputFiles('#file', { name, mimeType: 'text/yaml', buffer: Buffer.from(text) });
  await page.waitForFunction((t) => document.querySelector('.cm-content')?.textContent === t.replace(/\n/g, ''), text);
  await settled(page);
}

async function editorText(page) {
  // CodeMirror renders one .cm-line per line (lines outside the viewport may be elided).
  return page.$$eval('.cm-line', (lines) => lines.map((l) => l.textContent).join('\n'));
}

async function cursorLine(page) {
  return Number(await page.textContent('.cm-activeLineGutter'));
}

async function fresh(page) {
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await settled(page);
}

const BROKEN = `version: 1
timezone: Europe/Berlin
people:
  - id: alice
    nmae: Alice
`;

test('the first thing: the engine version and the counts of the example', () =>
  site.view('/', 'playground-start', async (page) => {
    await fresh(page);
    assert.match(await page.textContent('#version'), /escalator \d+\.\d+\.\d+/);
    if (examples.length) {
      const card = await page.textContent('#card-people');
      assert.match(card, /\d+ (people|person)\d+ schedules · \d+ policies/);
    }
  }));

for (const tab of ['coverage', 'schedules', 'findings']) {
  test(`the ${tab} view of each example`, () =>
    site.view('/', `playground-${tab}`, async (page) => {
      await fresh(page);
      for (const name of examples.length ? examples : [null]) {
        if (name) await openText(page, readFileSync(join(EXAMPLES, name), 'utf8'), name);
        await page.click(`#tab-${tab}`);
        assert.equal(await page.getAttribute(`#tab-${tab}`, 'aria-selected'), 'true');
        assert.equal(await page.isVisible(`#panel-${tab}`), true);
        const text = await page.textContent(`#panel-${tab}`);
        assert.ok(text.trim().length > 0, `the ${tab} panel is empty for ${name}`);
      }
    }));
}

test('a click on a problem moves the cursor to its line', () =>
  site.view('/', 'playground-problems', async (page) => {
    await fresh(page);
    await openText(page, BROKEN);
    const problem = page.locator('.problem').first();
    await problem.waitFor();
    const line = Number(await problem.getAttribute('data-line'));
    assert.equal(line, 5, 'the unknown key `nmae` is on line 5');
    await problem.click();
    assert.equal(await cursorLine(page), line);
    // And from the Findings tab.
    await page.click('#tab-findings');
    await page.locator('.cm-content').click({ position: { x: 5, y: 5 } });
    assert.equal(await cursorLine(page), 1);
    await page.locator('.finding-head').first().click();
    assert.equal(await cursorLine(page), line);
  }));

test('the text survives a reload', () =>
  site.view('/', 'playground-reload', async (page) => {
    await fresh(page);
    await openText(page, BROKEN);
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('# typed just now');
    await page.reload();
    await settled(page);
    assert.equal(await editorText(page), BROKEN + '# typed just now');
  }));

test('the share link reproduces the state in a fresh browser', async () => {
  const link = await site.view('/', 'playground-share', async (page) => {
    await fresh(page);
    await openText(page, BROKEN + '# shared\n');
    await page.fill('#zone', 'Asia/Kolkata');
    await page.dispatchEvent('#zone', 'change');
    await page.selectOption('#window-days', '14');
    await page.click('#tab-findings');
    await page.click('#share');
    const url = await page.inputValue('#share-url');
    assert.match(url, /#v1=[A-Za-z0-9_-]+$/);
    return new URL(url).hash;
  });
  const other = await openSite();
  try {
    await other.view('/' + link, 'playground-shared', async (page) => {
      await settled(page);
      assert.equal(await editorText(page), BROKEN + '# shared\n');
      assert.equal(await page.inputValue('#zone'), 'Asia/Kolkata');
      assert.equal(await page.inputValue('#window-days'), '14');
      assert.equal(await page.getAttribute('#tab-findings', 'aria-selected'), 'true');
      // The hash is consumed: a reload shows the autosaved state, not the link.
      assert.equal(new URL(page.url()).hash, '');
    });
  } finally {
    await other.close();
  }
});

test('a name with markup renders as text, never as HTML', () =>
  site.view('/', 'playground-xss', async (page) => {
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs += 1;
      return d.dismiss();
    });
    await fresh(page);
    const evil = '<img src=x onerror=alert(1)>';
    const base = examples.length ? readFileSync(join(EXAMPLES, examples[0]), 'utf8') : `version: 1\ntimezone: UTC\npeople:\n  - id: alice\n`;
    // The name goes in as a person's name, as an id, and in an unknown key's message.
    const text = base.replace(/^people:\n/m, `people:\n  - id: "${evil}"\n    name: "${evil}"\n`);
    await openText(page, text);
    for (const tab of ['coverage', 'schedules', 'findings']) {
      await page.click(`#tab-${tab}`);
      await page.waitForTimeout(100);
    }
    await page.locator('.problem').first().hover().catch(() => {});
    assert.equal(await page.locator('main img, #tooltip img, .cm-editor img').count(), 0);
    assert.equal(dialogs, 0);
    assert.ok((await editorText(page)).includes(evil));
  }));

test('keyboard: the tabs move with the arrow keys', () =>
  site.view('/', 'playground-keyboard', async (page) => {
    await fresh(page);
    await page.click('#tab-coverage');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getAttribute('#tab-schedules', 'aria-selected'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-schedules');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.getAttribute('#tab-findings', 'aria-selected'), 'true');
  }));

test('the page declares a Content-Security-Policy that keeps every request on its origin', () =>
  site.view('/', 'playground-csp', async (page) => {
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /connect-src 'self'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.doesNotMatch(csp, /\*|https?:/, 'no other origin is allowed');
  }));

test('benchmark: whole analysis time per example in Chromium (printed, not asserted)', () =>
  site.view('/', 'playground-bench', async (page) => {
    await fresh(page);
    for (const name of examples) {
      const text = readFileSync(join(EXAMPLES, name), 'utf8');
      await openText(page, text, name);
      const runs = [];
      for (let i = 0; i < 5; i++) {
        await page.evaluate(() => document.getElementById('window-days').dispatchEvent(new Event('change')));
        await settled(page);
        runs.push(Number(await page.evaluate(() => document.body.dataset.analysisMs)));
      }
      runs.sort((a, b) => a - b);
      console.log(`bench: ${name}: whole analysis ${runs[2].toFixed(1)} ms median of ${runs.length} (4-week window, Chromium)`);
    }
  }));
