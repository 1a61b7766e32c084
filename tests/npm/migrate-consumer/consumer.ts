// Type-checked with tsc --strict: the declared types of escalator-migrate in use.
import { importDocument, compare, type ImportOutput, type CompareOutput, type Diagnostic, type ImportInput } from 'escalator-migrate';
import { Evaluator } from 'escalator';

const files: ImportInput = [{ name: 'schedules.json', text: '{}' }];
const imported = importDocument(files, { from: 'pagerduty', vars: { start: '2026-03-02T09:00:00Z' } });
if (imported.ok) {
  const out: ImportOutput = imported.value;
  const first: Diagnostic | undefined = out.diagnostics[0];
  console.log(out.summary, out.needed.map((n) => `${n.name} ${n.span.start.line}`), first?.message, out.detected.label);
  const ev = Evaluator.load(out.document);
  if (ev.ok) ev.value.free();
} else {
  console.log(imported.error.kind === 'query' ? imported.error.help : imported.error.diagnostics.length);
}
const c = compare('version: 1', 'version: 1', { from: '2026-03-02', to: '2026-03-09', map: { ann: 'anna' }, allow: ['later-first-page'] });
if (c.ok) {
  const out: CompareOutput = c.value;
  for (const s of out.schedules) for (const row of s.hour_of_week) console.log(row.day, row.hours.map((h) => h.worse - h.better));
}
// @ts-expect-error: `from` names a vendor
importDocument('x', { from: 'pagerduty-api' });
