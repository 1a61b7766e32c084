// End-to-end tests of the playground (www/) in headless Chromium, through the
// harness (console errors, failed or off-origin requests fail a test; each
// view leaves a screenshot in target/screenshots/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  await settled(page);
  const before = await page.evaluate(() => document.body.dataset.pending);
  await page.setInputFiles('#file', { name, mimeType: 'text/yaml', buffer: Buffer.from(text) });
  await page.waitForFunction((b) => document.body.dataset.pending !== b, before);
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
  // Let the first load finish (a reload would abort the engine's download).
  await settled(page);
  // The page saves its state on pagehide: clear after it does.
  await page.evaluate(() => {
    localStorage.clear();
    addEventListener('pagehide', () => localStorage.clear());
  });
  await page.reload();
  await settled(page);
}

const BROKEN = `version: 1
timezone: Europe/Berlin
people:
  - id: alice
    nmae: Alice
`;

/** Counts `- id:` items of a top-level YAML list (an oracle independent of the engine). */
function countItems(yaml, key) {
  const block = yaml.split(new RegExp(`^${key}:\\s*$`, 'm'))[1]?.split(/^\S/m)[0] ?? '';
  return (block.match(/^  - (\{\s*)?id:/gm) ?? []).length;
}

test('the first thing: the engine version and the counts of the example', () =>
  site.view('/', 'playground-start', async (page) => {
    await fresh(page);
    assert.match(await page.textContent('#version'), /escalator \d+\.\d+\.\d+ · tzdb \d{4}[a-z]/);
    const text = readFileSync(join(EXAMPLES, 'payments.yaml'), 'utf8');
    assert.equal(await editorText(page).then((t) => t.slice(0, 40)), text.slice(0, 40), 'a first visit opens payments.yaml');
    const card = await page.textContent('#card-people');
    const [people, schedules, policies] = ['people', 'schedules', 'policies'].map((k) => countItems(text, k));
    assert.ok(people > 0 && schedules > 0 && policies > 0);
    const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
    assert.equal(card, `${people}people${plural(schedules, 'schedule', 'schedules')} · ${plural(policies, 'policy', 'policies')}`);
  }));

/** The CLI's coverage answer for the same document and window. */
function cliCoverage(file, args) {
  return cli(['coverage', file, ...args, '--json']);
}

/** Runs the native CLI (built first if `cargo test` has not built it) and parses its JSON. */
function cli(args) {
  return JSON.parse(cliText(args));
}

/** Runs the native CLI; its output as text. */
function cliText(args) {
  const bin = join(ROOT, 'target', 'debug', 'escalator');
  if (!existsSync(bin)) execFileSync('cargo', ['build', '-q', '--bin', 'escalator'], { cwd: ROOT, stdio: 'inherit' });
  return execFileSync(bin, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
}

test('the heatmaps and the gap list agree with `escalator coverage --json`', () =>
  site.view('/', 'playground-coverage-cli', async (page) => {
    await fresh(page);
    const file = join(EXAMPLES, 'payments.yaml');
    await openText(page, readFileSync(file, 'utf8'), 'payments.yaml');
    // Two weeks around the spring-forward change in Berlin.
    await page.fill('#zone', 'Europe/Berlin');
    await page.dispatchEvent('#zone', 'change');
    await settled(page);
    await page.fill('#window-from', '2026-03-23');
    await page.dispatchEvent('#window-from', 'change');
    await page.selectOption('#window-days', '14');
    await settled(page);
    await page.click('#tab-coverage');
    await page.selectOption('#coverage-target', 'service:checkout:sev1');
    const want = cliCoverage(file, ['--service', 'checkout', '--severity', 'sev1', '--from', '2026-03-23', '--to', '2026-04-06', '--tz', 'Europe/Berlin']);

    const cells = async (selector) =>
      page.$$eval(`${selector} .cell`, (els) => els.map((e) => [Number(e.dataset.row), Number(e.dataset.hour), e.dataset.seconds, e.dataset.reached, e.dataset.gapSeconds]));
    const expect = (rows) =>
      rows.flatMap((row, r) => row.hours.map((c, hour) => [r, hour, String(c.seconds), c.seconds ? String(c.fewest_reached) : '', String(c.gap_seconds)]));
    assert.deepEqual(await cells('#week-heatmap'), expect(want.heatmaps.hour_of_week));
    assert.deepEqual(await cells('#calendar-heatmap'), expect(want.heatmaps.calendar));
    // The DST day has a 23-hour row: 02:00 does not exist.
    assert.equal(want.heatmaps.calendar.find((d) => d.date === '2026-03-29').hours[2].seconds, 0);

    if (await page.locator('#gaps-more').count()) await page.click('#gaps-more');
    const rows = await page.$$eval('#gap-table .gap-row', (els) => els.map((e) => [e.dataset.start, e.children[3].textContent]));
    assert.deepEqual(
      rows.map(([start, kind]) => [Date.parse(start), kind]),
      want.gaps.map((g) => [Date.parse(g.start), g.kind]),
    );

    // A cell's tooltip gives the engine's worst case; a calendar hour's also
    // who each level pages for an incident then.
    await page.hover('#week-heatmap .cell[data-row="0"][data-hour="10"]');
    const tip = await page.textContent('#tooltip');
    assert.match(tip, /^Mon 10:00–11:00 \(Europe\/Berlin\)/);
    assert.match(tip, /worst case: \d+ (person|people) reached within the ack target/);
    await page.hover('#calendar-heatmap .cell[data-row="0"][data-hour="10"]');
    const dayTip = await page.textContent('#tooltip');
    assert.match(dayTip, /^2026-03-23 10:00–11:00 \(Europe\/Berlin\)/);
    assert.match(dayTip, /levels for an incident at 10:00:\s*step 1, pass 1 \(\+0m\): [a-z]/);

    // A click on a calendar hour opens the schedules then (03:00 CEST on the DST day = 01:00Z; the view starts 6 elapsed hours earlier, 20:00 CET).
    await page.click('#calendar-heatmap .cell[data-row="6"][data-hour="3"]');
    assert.equal(await page.getAttribute('#tab-schedules', 'aria-selected'), 'true');
    assert.match(await page.textContent('#panel-schedules .range-label'), /^2026-03-28 20:00 → 2026-03-29 21:00$/);
    await page.click('#tab-coverage');

    // "simulate" on a gap opens an incident there in the simulator.
    const gapStart = await page.getAttribute('#gap-table .gap-row', 'data-start');
    const before = await page.evaluate(() => document.body.dataset.sim ?? '');
    await page.click('#gap-table .gap-row .sim-here');
    await page.waitForFunction((b) => document.body.dataset.sim !== b, before);
    assert.equal(await page.getAttribute('#tab-simulator', 'aria-selected'), 'true');
    assert.equal(await page.inputValue('#sim-start'), '2026-03-23T00:00');
    assert.equal(Date.parse(gapStart), Date.parse('2026-03-22T23:00:00Z'));
    await page.click('#tab-coverage');

    // A click on a gap opens the schedules at that moment.
    await page.click('#gap-table .gap-row');
    assert.equal(await page.getAttribute('#tab-schedules', 'aria-selected'), 'true');
    assert.ok(await page.locator('#panel-schedules .mark-line').count() > 0);
    assert.match(await page.textContent('#panel-schedules .range-label'), /^2026-03-2\d/);
  }));

for (const tab of ['coverage', 'schedules', 'findings', 'simulator']) {
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
    // The hover offers the "did you mean" fix, which edits the text.
    await page.hover('.cm-lintRange-error');
    const before = await page.evaluate(() => document.body.dataset.pending);
    await page.click('.cm-diagnosticAction');
    await page.waitForFunction(() => [...document.querySelectorAll('.cm-line')].some((l) => l.textContent === '    name: Alice'));
    await page.waitForFunction((b) => document.body.dataset.pending !== b, before);
    await settled(page);
    assert.equal(await page.locator('.problem[data-code="unknown-key"]').count(), 0);
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
    // As a responder's name (free text, so the document stays valid), and as an
    // id (invalid: it shows up in a diagnostic's message).
    const valid = readFileSync(join(EXAMPLES, 'payments.yaml'), 'utf8').replace('name: Alice Schmidt', `name: "${evil}"`);
    assert.ok(valid.includes(evil));
    await openText(page, valid);
    await page.click('#tab-schedules');
    const load = await page.textContent('#panel-schedules .load-bars');
    assert.ok(load.includes(`${evil} (alice)`), 'the name is shown as text in the load bars');
    await page.hover('#panel-schedules .seg');
    assert.ok((await page.textContent('#tooltip')).length > 0);
    const invalid = valid.replace('- id: bob', `- id: "${evil}"`);
    await openText(page, invalid);
    await page.click('#tab-findings');
    assert.ok((await page.textContent('#panel-findings')).includes(evil), 'the id is shown as text in the message');
    assert.ok((await page.textContent('#problems')).includes(evil));
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
    assert.equal(await page.getAttribute('#tab-simulator', 'aria-selected'), 'true');
    // The heatmap is one tab stop; arrows move between hours, and focus shows the tooltip.
    await page.click('#tab-coverage');
    await page.focus('#week-heatmap .cell[data-row="0"][data-hour="0"]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')?.slice(0, 15)), 'Tue 01:00–02:00');
    assert.match(await page.textContent('#tooltip'), /^Tue 01:00–02:00/);
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
      const timings = JSON.parse(await page.evaluate(() => document.body.dataset.timings ?? '{}'));
      const parts = Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
      console.log(`bench: ${name}: whole analysis ${runs[2].toFixed(1)} ms median of ${runs.length} (4-week window, Chromium; last run: ${parts})`);
    }
  }));

/** Clicks `selector` and returns the downloaded file's name and text. */
async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const stream = await file.createReadStream();
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

test('exports: gaps CSV as the engine lists them, a schedule and a person as the engine\'s .ics (as `escalator ics` writes them), the heatmap as SVG and PNG, the document', () =>
  site.view('/', 'playground-exports', async (page) => {
    await fresh(page);
    const file = join(EXAMPLES, 'payments.yaml');
    const text = readFileSync(file, 'utf8');
    await openText(page, text, 'payments.yaml');
    await page.fill('#zone', 'UTC');
    await page.dispatchEvent('#zone', 'change');
    await page.fill('#window-from', '2026-03-23');
    await page.dispatchEvent('#window-from', 'change');
    await page.selectOption('#window-days', '14');
    await settled(page);
    await page.click('#tab-coverage');
    await page.selectOption('#coverage-target', 'service:checkout:sev1');

    const csv = await download(page, '#export-csv');
    assert.match(csv.name, /\.csv$/);
    const lines = csv.text.trim().split('\r\n');
    assert.equal(lines[0], 'start_utc,end_utc,start_UTC,end_UTC,seconds,severity,kind,cause');
    // The window is read in the document's zone by the CLI: Berlin midnight = 23:00Z.
    const want = cliCoverage(file, ['--service', 'checkout', '--severity', 'sev1', '--from', '2026-03-23T00:00:00Z', '--to', '2026-04-06T00:00:00Z', '--tz', 'UTC']);
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(',').slice(0, 2).concat(l.split(',')[6])),
      want.gaps.map((g) => [g.start, g.end, g.kind]),
    );

    const svg = await download(page, '#export-svg');
    assert.match(svg.text, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.equal((svg.text.match(/class="cell[ "]/g) ?? []).length, 7 * 24);
    const png = await download(page, '#export-png');
    assert.equal(png.name, 'heatmap.png');

    // Calendars come from the engine (ev.ics): byte for byte what
    // `escalator ics` writes for the same document, window and DTSTAMP (the
    // page stamps its clock's now).
    await page.click('#tab-schedules');
    const window = ['--from', '2026-03-23T00:00:00Z', '--to', '2026-04-06T00:00:00Z'];
    const stampOf = (ics) => /^DTSTAMP:(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z\r$/m.exec(ics).slice(1);
    const rfc3339 = ([y, mo, d, h, mi, s]) => `${y}-${mo}-${d}T${h}:${mi}:${s}Z`;
    const ics = await download(page, '#schedule-payments-primary button:has-text("Export .ics")');
    assert.equal(ics.name, 'payments-primary.ics');
    assert.equal(ics.text, cliText(['ics', file, '--schedule', 'payments-primary', ...window, '--dtstamp', rfc3339(stampOf(ics.text))]));
    assert.match(ics.text, /^BEGIN:VCALENDAR\r\n[\s\S]*DTSTART:2026032\dT\d{6}Z\r\nDTEND:/);
    assert.ok(Math.abs(Date.parse(rfc3339(stampOf(ics.text))) - Date.now()) < 120_000, 'stamped now');
    // "My on-call": one person's shifts in every schedule.
    await page.selectOption('#ics-person', 'carol');
    const mine = await download(page, '#ics-person-export');
    assert.equal(mine.name, 'on-call-carol.ics');
    assert.equal(mine.text, cliText(['ics', file, '--person', 'carol', ...window, '--dtstamp', rfc3339(stampOf(mine.text))]));
    assert.match(mine.text, /^UID:carol\//m);

    const doc = await download(page, '#download');
    assert.equal(doc.text, text);
  }));

test('once loaded, the page works offline', () =>
  site.view('/', 'playground-offline', async (page) => {
    await fresh(page);
    await page.context().setOffline(true);
    try {
      await openText(page, readFileSync(join(EXAMPLES, 'union-overrides.yaml'), 'utf8'), 'union-overrides.yaml');
      await page.click('#tab-schedules');
      assert.ok(await page.locator('#panel-schedules .timeline').count() > 0);
      await page.selectOption('#example', { label: 'payments.yaml' });
      await settled(page);
      assert.match(await page.textContent('#card-people'), /^6people2 schedules · 1 policy$/);
      // And it reloads offline: the service worker answers from its cache.
      await page.context().setOffline(false);
      await page.evaluate(() => navigator.serviceWorker.ready);
      await page.reload();
      await settled(page);
      await page.context().setOffline(true);
      await page.reload();
      await settled(page);
      assert.match(await page.textContent('#version'), /escalator \d/);
      assert.match(await page.textContent('#card-people'), /^6people/);
    } finally {
      await page.context().setOffline(false);
    }
  }));

/** Waits for the worker's answer to the latest simulator command. */
async function simSettled(page, before) {
  await page.waitForFunction((b) => document.body.dataset.sim && document.body.dataset.sim !== b, before);
}

async function simClick(page, selector) {
  const before = await page.evaluate(() => document.body.dataset.sim ?? '');
  await page.click(selector);
  await simSettled(page, before);
}

test('the simulator steps through the same run as `escalator simulate --json`, and injects while paused', () =>
  site.view('/', 'playground-simulator', async (page) => {
    await fresh(page);
    const file = join(EXAMPLES, 'payments.yaml');
    await openText(page, readFileSync(file, 'utf8'), 'payments.yaml');
    await page.fill('#zone', 'UTC');
    await page.dispatchEvent('#zone', 'change');
    await settled(page);
    await page.click('#tab-simulator');
    await page.selectOption('#sim-target', 'service:checkout:sev1');
    await page.fill('#sim-start', '2026-03-24T10:00');
    await page.dispatchEvent('#sim-start', 'change');
    await simClick(page, '#sim-start-button');
    assert.match(await page.textContent('#panel-simulator'), /Paused before the first event/);

    const run = cli(['simulate', file, '--service', 'checkout', '--severity', 'sev1', '--at', '2026-03-24T10:00:00Z', '--json']);
    const shown = () => page.$$eval('#sim-events .sim-event', (els) => els.map((e) => e.dataset.kind));
    for (let i = 1; i <= 4; i++) {
      await simClick(page, '#sim-step');
      assert.deepEqual(await shown(), run.events.slice(0, i).map((e) => e.kind));
    }
    assert.equal(await page.getAttribute('#sim-events .sim-event:last-child', 'aria-current'), 'step');
    await simClick(page, '#sim-back');
    assert.equal((await shown()).length, 3);
    await simClick(page, '#sim-run');
    assert.deepEqual(await shown(), run.events.map((e) => e.kind));
    assert.match(await page.textContent('#sim-state'), /missed targets/);

    // Back to the start, step to the first page, then bob acknowledges: the future changes.
    await simClick(page, '#sim-reset');
    for (let i = 0; i < 4; i++) await simClick(page, '#sim-step');
    await page.selectOption('#inject-person', 'bob');
    await page.selectOption('#inject-kind', 'ack');
    await simClick(page, '#inject-button');
    await simClick(page, '#sim-run');
    const kinds = await shown();
    assert.deepEqual(kinds.slice(0, 4), run.events.slice(0, 4).map((e) => e.kind), 'the past is kept');
    assert.ok(kinds.includes('acknowledged'), `an acknowledgement follows the injection: ${kinds.join(', ')}`);
    assert.ok(!kinds.includes('escalated'), 'nobody escalates after the acknowledgement');

    // The exported scenario replays the same run in the CLI.
    const scenario = await download(page, 'button:has-text("Scenario (.json)")');
    const dir = mkdtempSync(join(tmpdir(), 'escalator-scenario-'));
    writeFileSync(join(dir, 'scenario.json'), scenario.text);
    const replay = cli(['simulate', file, '--scenario', join(dir, 'scenario.json'), '--json']);
    assert.deepEqual(replay.events.map((e) => e.kind), kinds);
    const debrief = await download(page, 'button:has-text("Debrief (.md)")');
    assert.match(debrief.text, /acknowledge/);
  }));

test('a file dropped on the page opens', () =>
  site.view('/', 'playground-drop', async (page) => {
    await fresh(page);
    const text = readFileSync(join(EXAMPLES, 'union-overrides.yaml'), 'utf8');
    const before = await page.evaluate(() => document.body.dataset.pending);
    await page.evaluate((t) => {
      const data = new DataTransfer();
      data.items.add(new File([t], 'dropped.yaml', { type: 'text/yaml' }));
      document.querySelector('.views-pane').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, text);
    await page.waitForFunction((b) => document.body.dataset.pending !== b, before);
    await settled(page);
    assert.equal((await editorText(page)).slice(0, 60), text.slice(0, 60));
  }));

test('a document too large to autosave says so, and the last saved text survives a reload', () =>
  site.view('/', 'playground-autosave-cap', async (page) => {
    await fresh(page);
    await openText(page, BROKEN);
    await page.waitForTimeout(400); // the autosave is debounced
    await openText(page, '# ' + 'x'.repeat(1_100_000) + '\n');
    await page.waitForSelector('#autosave-warning:not([hidden])');
    assert.match(await page.textContent('#autosave-warning'), /Not autosaved/);
    await page.reload();
    await settled(page);
    assert.equal(await editorText(page), BROKEN);
  }));

for (const tab of ['coverage', 'schedules', 'findings', 'simulator']) {
  test(`dark mode: the ${tab} view`, () =>
    site.view('/', `playground-dark-${tab}`, async (page) => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await fresh(page);
      await page.click(`#tab-${tab}`);
      if (tab === 'simulator') {
        const before = await page.evaluate(() => document.body.dataset.sim ?? '');
        await page.click('#sim-start-button');
        await page.waitForFunction((b) => document.body.dataset.sim !== b, before);
        for (let i = 0; i < 6; i++) {
          const b = await page.evaluate(() => document.body.dataset.sim);
          await page.click('#sim-step');
          await page.waitForFunction((x) => document.body.dataset.sim !== x, b);
        }
      }
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(bg, 'rgb(14, 17, 23)', 'the dark palette applies');
    }));
}

test('the broken examples give diagnostics, never a dead page', () =>
  site.view('/', 'playground-broken', async (page) => {
    await fresh(page);
    const options = await page.$$eval('#example option', (els) => els.map((e) => e.textContent).filter((t) => t.startsWith('broken/')));
    assert.ok(options.length > 0, 'the menu lists examples/broken/');
    for (const label of options) {
      const before = await page.evaluate(() => document.body.dataset.pending);
      await page.selectOption('#example', { label });
      await page.waitForFunction((b) => document.body.dataset.pending !== b, before);
      await settled(page);
      const status = await page.textContent('#engine-status');
      assert.match(status, /escalator \d/, `${label}: the engine is still there`);
      assert.ok((await page.locator('.problem').count()) > 0, `${label}: its diagnostics are listed`);
    }
    await page.selectOption('#example', { label: 'payments.yaml' });
    await settled(page);
    assert.match(await page.textContent('#card-people'), /^6people/);
  }));

test('a finding lists its secondary spans, and each moves the cursor there', () =>
  site.view('/', 'playground-labels', async (page) => {
    await fresh(page);
    await openText(page, 'version: 1\ntimezone: UTC\npeople:\n  - id: alice\n  - id: alice\n');
    await page.click('#tab-findings');
    const label = page.locator('.finding-labels button').first();
    assert.equal(await label.textContent(), 'line 4');
    assert.match(await page.textContent('.finding-labels'), /first used here/);
    await label.click();
    assert.equal(await cursorLine(page), 4);
  }));

test('while the text has errors, the views keep the last valid version and say so', () =>
  site.view('/', 'playground-stale', async (page) => {
    await fresh(page);
    await page.click('#tab-coverage');
    assert.equal(await page.locator('#week-heatmap .cell').count(), 7 * 24);
    const before = await page.evaluate(() => document.body.dataset.pending);
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('version: [\n');
    await page.waitForFunction((b) => document.body.dataset.pending !== b, before);
    await settled(page);
    assert.match(await page.textContent('#stale-notice'), /showing the last valid version/);
    assert.equal(await page.locator('#week-heatmap .cell').count(), 7 * 24);
    assert.match(await page.textContent('#summary'), /error/);
    await page.click('#tab-findings');
    assert.equal(await page.locator('#panel-findings #stale-notice').count(), 0, 'findings are always of the current text');
  }));

/** A schedule in Sao Paulo from 2018, when Brazil still had DST (the clocks
 * jumped from 00:00 to 01:00 on 2018-11-04: that day had no midnight). */
const SAO_PAULO = `version: 1
timezone: America/Sao_Paulo
people: [{id: ana}, {id: bruno}, {id: carla}]
schedules:
  - id: plantao
    layers:
      - id: dias
        members: [ana, bruno, carla]
        shift: 1d
        handoff: 2018-10-01T00:30
        restrictions: [{days: [mon, tue, wed, thu, fri, sat], from: "00:00", to: "20:00"}]
policies:
  - id: loja
    steps:
      - notify: [{schedule: plantao}]
        escalate_after: 10m
      - notify: [{person: carla}]
        escalate_after: 10m
severities: [{id: sev1, ack_within: 15m}]
services:
  - {id: checkout, escalation: loja}
`;

/** `YYYY-MM-DD HH:MM[:SS]` of an instant in `zone`, by Node's ICU: an oracle independent of the engine. */
function icuLocal(iso, zone) {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const p = Object.fromEntries(f.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${p.second === '00' ? '' : `:${p.second}`}`;
}

for (const c of [
  // Lord Howe's clocks move by half an hour: back from 02:00 to 01:30 on 2026-04-05.
  // Lord Howe: the hour from 01:00 happens one and a half times on 2026-04-05.
  { zone: 'Australia/Lord_Howe', name: 'payments.yaml', text: () => readFileSync(join(EXAMPLES, 'payments.yaml'), 'utf8'), from: '2026-03-30', days: '14', target: 'service:checkout:sev1', which: ['--service', 'checkout', '--severity', 'sev1'], edge: ['2026-04-05', 1, 5400] },
  // Sao Paulo: 2018-11-04 has no hour from 00:00.
  { zone: 'America/Sao_Paulo', name: 'sao-paulo.yaml', text: () => SAO_PAULO, from: '2018-10-29', days: '14', target: 'service:checkout:sev1', which: ['--service', 'checkout', '--severity', 'sev1'], edge: ['2018-11-04', 0, 0] },
]) {
  test(`display zone ${c.zone}: the heatmap cells and the gap list are \`escalator coverage --json --tz ${c.zone}\``, () =>
    site.view('/', `playground-zone-${c.zone.replace('/', '-')}`, async (page) => {
      await fresh(page);
      const text = c.text();
      await openText(page, text, c.name);
      await page.fill('#zone', c.zone);
      await page.dispatchEvent('#zone', 'change');
      await settled(page);
      await page.fill('#window-from', c.from);
      await page.dispatchEvent('#window-from', 'change');
      await page.selectOption('#window-days', c.days);
      await settled(page);
      await page.click('#tab-coverage');
      await page.selectOption('#coverage-target', c.target);
      await page.waitForSelector('#calendar-heatmap .cell');
      const [from, to] = await page.evaluate(() => [document.body.dataset.windowFrom, document.body.dataset.windowTo]);
      const dir = mkdtempSync(join(tmpdir(), 'escalator-zone-'));
      const file = join(dir, c.name);
      writeFileSync(file, text);
      const want = cliCoverage(file, [...c.which, '--from', from, '--to', to, '--tz', c.zone]);
      assert.equal(want.heatmaps.zone, c.zone);
      const [date, hour, seconds] = c.edge;
      assert.equal(want.heatmaps.calendar.find((d) => d.date === date).hours[hour].seconds, seconds, "the window holds the zone's odd day");

      const cells = async (selector) =>
        page.$$eval(`${selector} .cell`, (els) => els.map((e) => [Number(e.dataset.row), Number(e.dataset.hour), e.dataset.seconds, e.dataset.reached, e.dataset.gapSeconds]));
      const expect = (rows) => rows.flatMap((row, r) => row.hours.map((h, hour) => [r, hour, String(h.seconds), h.seconds ? String(h.fewest_reached) : '', String(h.gap_seconds)]));
      assert.deepEqual(await cells('#week-heatmap'), expect(want.heatmaps.hour_of_week));
      assert.deepEqual(await cells('#calendar-heatmap'), expect(want.heatmaps.calendar));
      // The calendar's days are the engine's local days.
      const labels = await page.$$eval('#calendar-heatmap g[role="row"] > text', (els) => els.map((e) => e.textContent));
      assert.deepEqual(labels.map((l) => l.slice(-5)), want.heatmaps.calendar.map((d) => d.date.slice(5)));

      if (await page.locator('#gaps-more').count()) await page.click('#gaps-more');
      const rows = await page.$$eval('#gap-table .gap-row', (els) =>
        els.map((e) => [e.dataset.start, e.dataset.end, e.children[3].textContent, e.querySelector('.gap-from').title, e.querySelector('.gap-to').title]),
      );
      assert.ok(rows.length > 0, 'the window has gaps to list');
      assert.deepEqual(
        rows.map(([start, end, kind]) => [Date.parse(start), Date.parse(end), kind]),
        want.gaps.map((g) => [Date.parse(g.start), Date.parse(g.end), g.kind]),
      );
      // Shown in the display zone as ICU reads the zone too.
      assert.deepEqual(
        rows.map(([, , , a, b]) => [a, b]),
        want.gaps.map((g) => [icuLocal(g.start, c.zone), icuLocal(g.end, c.zone)]),
      );
    }));
}
