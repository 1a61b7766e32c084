// End-to-end tests of the playground's import and compare views in headless
// Chromium (the harness fails a test on console errors and off-origin
// requests). The migration module loads only when a vendor file arrives or
// compare mode opens; the answers shown are held to the CLI's `escalator
// import --json` and `escalator compare --json` on the same inputs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openSite, ROOT } from './harness.mjs';

const run = promisify(execFile);
let site;
let cli;
before(async () => {
  site = await openSite();
  await run('cargo', ['build', '-q', '--bin', 'escalator'], { cwd: ROOT });
  cli = join(ROOT, 'target', 'debug', 'escalator');
});
after(() => site?.close());

async function cliJson(args) {
  try {
    return JSON.parse((await run(cli, args, { cwd: ROOT, maxBuffer: 64 << 20 })).stdout);
  } catch (e) {
    if (e.code === 1) return JSON.parse(e.stdout);
    throw e;
  }
}

async function settled(page) {
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  await page.waitForFunction(() => document.body.dataset.pending && document.body.dataset.analysis === document.body.dataset.pending, null, { timeout: 20000 });
}

async function fresh(page) {
  await settled(page);
  await page.evaluate(() => {
    localStorage.clear();
    addEventListener('pagehide', () => localStorage.clear());
  });
  await page.reload();
  await settled(page);
}

async function editorText(page, sel = '#editor') {
  return page.$$eval(`${sel} .cm-line`, (lines) => lines.map((l) => l.textContent).join('\n'));
}

/** Drops files on the page as a user's drag and drop does. */
async function drop(page, files) {
  const before = await page.evaluate(() => Number(document.body.dataset.imported ?? 0));
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([f.text], f.name));
    document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
  await page.waitForFunction((b) => Number(document.body.dataset.imported ?? 0) > b, before, { timeout: 30000 });
}

/** The whole document as the page keeps it (the editor renders only the lines in view). */
async function savedText(page, prefix) {
  await page.waitForFunction((p) => JSON.parse(localStorage.getItem('escalator.playground.v1') ?? '{}').text?.startsWith(p), prefix);
  return page.evaluate(() => JSON.parse(localStorage.getItem('escalator.playground.v1')).text);
}

/** A document without its comment lines (the import's header names the files as given). */
const uncommented = (t) => t.replace(/^#.*\n/gm, '');

async function folder(path) {
  const names = (await readdir(join(ROOT, path))).sort();
  return Promise.all(names.map(async (n) => ({ name: n, text: await readFile(join(ROOT, path, n), 'utf8') })));
}

/** The page's amount: 45m, 6h, 1h30m (www/src/migrate.ts). */
function amount(seconds) {
  const m = Math.round(seconds / 60);
  if (m < 60) return `${m}m`;
  return m % 60 ? `${Math.floor(m / 60)}h${m % 60}m` : `${m / 60}h`;
}

test('import: a dropped calendar export (.ics) becomes a schedule the page analyses (issue 14)', () =>
  site.view('/', 'migrate-import-ics', async (page) => {
    await fresh(page);
    const name = 'google-rota.ics';
    const text = await readFile(join(ROOT, 'tests/fixtures/ical', name), 'utf8');
    await drop(page, [{ name, text }]);
    const cliOut = await cliJson(['import', `tests/fixtures/ical/${name}`, '--json']);
    assert.equal(await page.textContent('#import-summary'), `Imported ${cliOut.summary}`);
    await settled(page);
    const doc = await savedText(page, '# Imported');
    // (the CLI was given the path, the page only the file's name: `source`)
    assert.equal(uncommented(doc), uncommented(cliOut.document).replaceAll(`tests/fixtures/ical/${name}`, name));
    assert.equal(await page.evaluate(() => document.querySelectorAll('#problems .problem-error, #problems .sev-error').length), 0);
    // the calendar's schedule is drawn like any other
    await page.click('#tab-schedules');
    await page.waitForSelector('[data-schedule="payments-on-call"]');
  }));

test('import: a dropped PagerDuty export is recognised, the migration module loads only then, originals stay viewable', () =>
  site.view('/', 'migrate-import-pagerduty', async (page) => {
    await fresh(page);
    const migrateRequests = () => page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/migrate/')).length);
    assert.equal(await migrateRequests(), 0, 'no migration module before a vendor file arrives');
    const files = await folder('tests/fixtures/import/pagerduty/api');
    await drop(page, files);
    assert.ok((await migrateRequests()) >= 2, 'the module and its wasm are loaded now');
    const cliOut = await cliJson(['import', 'tests/fixtures/import/pagerduty/api', '--json']);
    assert.equal(await page.textContent('#import-summary'), `Imported ${cliOut.summary}`);
    await settled(page);
    // the converted document is in the editor and analysed as any document
    assert.match(await editorText(page), /^# Imported by `escalator import` from:/);
    const text = await savedText(page, '# Imported');
    assert.equal(uncommented(text), uncommented(cliOut.document));
    assert.equal(await page.evaluate(() => document.querySelectorAll('#problems .problem-error, #problems .sev-error').length), 0);
    // diagnostics listed with file:line:col, as the CLI places them
    const listed = await page.$$eval('.import-diag code', (c) => c.map((x) => x.textContent));
    const expected = cliOut.diagnostics.map((d) => `${d.file.split('/').pop()}:${d.span.start.line}:${d.span.start.column}`);
    assert.deepEqual(listed, expected);
    // the originals, read only, in a second tab
    await page.click('#tab-originals');
    assert.equal(await page.isVisible('#originals'), true);
    assert.equal(await page.isVisible('#editor'), false);
    const first = files[0];
    assert.equal(await page.inputValue('#original-file'), '0');
    assert.ok((await editorText(page, '#originals')).startsWith(first.text.split('\n')[0]));
    assert.equal(await page.getAttribute('#originals .cm-content', 'contenteditable'), 'false');
    await page.click('#tab-document');
    assert.equal(await page.isVisible('#editor'), true);
  }));

test('import: a Terraform module asks for its value in a field, and re-imports when it is given', () =>
  site.view('/', 'migrate-import-terraform', async (page) => {
    await fresh(page);
    await drop(page, await folder('tests/fixtures/import/pagerduty/terraform'));
    const without = await cliJson(['import', 'tests/fixtures/import/pagerduty/terraform', '--json']);
    assert.equal(await page.textContent('#import-summary'), `Imported ${without.summary}`);
    assert.match(without.summary, /1 value needed$/);
    assert.equal(await page.getAttribute('input[data-var="start"]', 'placeholder'), '2026-03-02T09:00:00Z');
    const before = await page.evaluate(() => Number(document.body.dataset.imported));
    await page.fill('input[data-var="start"]', '2026-03-02T09:00:00Z');
    await page.dispatchEvent('input[data-var="start"]', 'change');
    await page.waitForFunction((b) => Number(document.body.dataset.imported) > b, before);
    const given = await cliJson(['import', 'tests/fixtures/import/pagerduty/terraform', '--json', '--var', 'start=2026-03-02T09:00:00Z']);
    assert.equal(await page.textContent('#import-summary'), `Imported ${given.summary}`);
    assert.doesNotMatch(given.summary, /needed/);
    await settled(page);
    // the document in the editor is the CLI's (its header names the files as dropped)
    // the re-imported document (the weekday layer's handoff now known) is the one kept
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('escalator.playground.v1') ?? '{}').text?.includes('2026-02-23T09:00:00Z'));
    assert.equal(uncommented(await savedText(page, '# Imported')), uncommented(given.document));
  }));

test('import: text nothing reads says what is read; a pasted document is not imported', () =>
  site.view('/', 'migrate-import-unknown', async (page) => {
    await fresh(page);
    await drop(page, [{ name: 'a.txt', text: 'hello' }, { name: 'b.txt', text: 'world' }]);
    assert.match(await page.textContent('#import-summary'), /^no supported format recognised in `a.txt`, `b.txt` \(the importers read: PagerDuty REST API v2 JSON/);
    // A pasted vendor export is imported; a pasted document is not.
    const paste = (text) =>
      page.evaluate((text) => {
        const dt = new DataTransfer();
        dt.setData('text/plain', text);
        document.querySelector('#editor .cm-content').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      }, text);
    const imported = () => page.evaluate(() => Number(document.body.dataset.imported ?? 0));
    const before = await imported();
    await paste('version: 1\ntimezone: UTC\n');
    await page.waitForTimeout(300);
    assert.equal(await imported(), before, 'a document is pasted as text');
    const schedule = await readFile(join(ROOT, 'tests/fixtures/import/pagerduty/api/schedule-PSCH003.json'), 'utf8');
    await paste(schedule);
    await page.waitForFunction((b) => Number(document.body.dataset.imported) > b, before);
    assert.match(await page.textContent('#import-summary'), /^Imported PagerDuty API, 1 file: /);
  }));

const doc = (extra, handoff = '09:00') => `version: 1
timezone: Europe/London
people: [{id: ann}, {id: bo}]
schedules:
  - id: s
    layers: [{id: l, members: [ann, bo], shift: 2w, handoff: 2026-03-02T${handoff}}]${extra}
policies: [{id: p, steps: [{notify: [{schedule: s}], escalate_after: 5m}]}]
`;
const OLD = doc('');
// NEW: bo takes Saturday 09:00-15:00 (other people paged), and the rotation
// starts an hour later (nobody paged Monday 09:00-10:00: worse).
const NEW = doc('\n    overrides: [{person: bo, from: 2026-03-07T09:00, to: 2026-03-07T15:00}]', '10:00');

async function openText(page, text) {
  const before = await page.evaluate(() => document.body.dataset.pending);
  await page.setInputFiles('#file', { name: 'policy.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text) });
  await page.waitForFunction((b) => document.body.dataset.pending !== b, before);
  await settled(page);
}

async function compared(page, before) {
  await page.waitForFunction((b) => Number(document.body.dataset.compared ?? 0) > b && document.querySelector('#compare-grid, #compare-error, #compare-summary'), before, { timeout: 30000 });
}

test('compare: heatmap figures and changed intervals are escalator compare --json, a click opens the instant, the share link carries both', async () => {
  const link = await site.view('/', 'migrate-compare', async (page) => {
    await fresh(page);
    await page.fill('#window-from', '2026-03-02');
    await page.dispatchEvent('#window-from', 'change');
    await page.selectOption('#window-days', '14');
    await page.fill('#zone', 'Europe/London');
    await page.dispatchEvent('#zone', 'change');
    await openText(page, OLD);
    await page.click('#compare');
    assert.equal(await editorText(page, '#old-editor'), OLD);
    let before = await page.evaluate(() => Number(document.body.dataset.compared ?? 0));
    await openText(page, NEW);
    await compared(page, before);
    await page.waitForFunction(() => document.querySelectorAll('#compare-rows li').length > 0);
    const [from, to] = await page.evaluate(() => [document.body.dataset.windowFrom, document.body.dataset.windowTo]);
    const dir = await mkdtemp(join(tmpdir(), 'escalator-compare-'));
    await writeFile(join(dir, 'old.yaml'), OLD);
    await writeFile(join(dir, 'new.yaml'), NEW);
    const out = await cliJson(['compare', join(dir, 'old.yaml'), join(dir, 'new.yaml'), '--from', from, '--to', to, '--tz', 'Europe/London', '--json']);
    assert.equal(out.equivalent, false);
    assert.deepEqual(await page.$$eval('#compare-summary li', (l) => l.map((x) => x.textContent)), out.summary);
    // The first subject: the policy's route (routes come first), then the schedule.
    const subjects = [...out.routes.map((r) => ({ grid: r.hour_of_week, rows: r.changes })), ...out.schedules.map((s) => ({ grid: s.hour_of_week, rows: s.on_call }))];
    assert.ok(subjects.length >= 2);
    for (const [i, subject] of subjects.entries()) {
      before = await page.evaluate(() => Number(document.body.dataset.compared ?? 0));
      await page.selectOption('#compare-subject', String(i));
      const cells = await page.$$eval('#compare-grid tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => [td.textContent, td.className])));
      const want = subject.grid.map((row) => row.hours.map((c) => [c.changed ? amount(c.changed) : '', `cmp-cell cmp-${c.worse > c.better ? 'worse' : c.better > c.worse ? 'better' : c.changed ? 'changed' : 'same'}`]));
      assert.deepEqual(cells, want, `heatmap of subject ${i}`);
      assert.ok(want.flat().some(([t]) => t), 'some cell has a figure');
      if (i === 0) assert.ok(cells.flat().some(([, c]) => c.includes('cmp-worse')), 'the route is worse somewhere');
      const rows = await page.$$eval('#compare-rows li', (l) => l.map((x) => [x.dataset.start, x.dataset.end]));
      assert.deepEqual(rows, subject.rows.map((x) => [x.start, x.end]));
    }
    // Saturday 09:00-15:00 London (GMT) turned to bo: the schedule's interval, and a click on it
    const schedule = out.schedules[0].on_call.find((x) => x.start === '2026-03-07T09:00:00Z');
    assert.deepEqual([schedule.start, schedule.end, schedule.old.on_call, schedule.new.on_call], ['2026-03-07T09:00:00Z', '2026-03-07T15:00:00Z', ['ann'], ['bo']]);
    await page.selectOption('#compare-subject', String(subjects.length - 1));
    await page.click('#compare-rows li[data-start="2026-03-07T09:00:00Z"]');
    assert.equal(await page.textContent('#compare-detail .btn'), 'Open the schedules at this instant');
    assert.match(await page.textContent('#compare-detail'), /^At 2026-03-07 09:00: OLD ann · NEW bo/);
    await page.click('#compare-open');
    assert.equal(await page.getAttribute('#tab-schedules', 'aria-selected'), 'true');
    await page.click('#tab-compare');
    await page.click('#share');
    return new URL(await page.inputValue('#share-url')).hash;
  });
  const other = await openSite();
  try {
    await other.view('/' + link, 'migrate-compare-shared', async (page) => {
      await settled(page);
      assert.equal(await editorText(page), NEW);
      assert.equal(await editorText(page, '#old-editor'), OLD);
      await compared(page, 0);
      assert.equal(await page.getAttribute('#tab-compare', 'aria-selected'), 'true');
      assert.ok((await page.$$eval('#compare-rows li', (l) => l.length)) > 0);
    });
  } finally {
    await other.close();
  }
});
