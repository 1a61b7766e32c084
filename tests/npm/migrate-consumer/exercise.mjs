// What the migration module does for a consumer, as plain data (the
// assertions are in tests/npm/migrate.test.mjs). `m` is escalator-migrate,
// `e` the engine package; `read(path)` gives a fixture's text.
export function exercise(m, e, fixtures) {
  const r = {};
  const value = (a) => {
    if (!a.ok) throw new Error(JSON.stringify(a.error));
    return a.value;
  };
  // A PagerDuty API export (several JSON files), imported and loaded in the engine.
  const api = value(m.importDocument(fixtures.api));
  r.api = { ...api, document: undefined };
  const ev = value(e.Evaluator.load(api.document));
  r.apiOnCall = ['2026-01-13T12:00:00Z', '2026-01-13T02:00:00Z', '2026-01-17T12:00:00Z'].map(
    (at) => value(ev.onCall(at, 'payments-primary')).schedules[0].on_call,
  );
  r.apiShifts = value(ev.shifts('payments-primary', '2026-01-12T00:00:00Z', '2026-01-19T00:00:00Z'));
  r.apiDocument = api.document;
  ev.free();
  // A Terraform module: one value needed, then given.
  const tf = value(m.importDocument(fixtures.terraform));
  r.terraform = { ...tf, document: undefined };
  const given = value(m.importDocument(fixtures.terraform, { vars: { start: '2026-03-02T09:00:00Z' } }));
  r.terraformGiven = { ...given, document: undefined };
  const tfEv = value(e.Evaluator.load(given.document));
  r.terraformOutline = tfEv.outline();
  r.terraformShifts = tfEv.outline().schedules.map((s) => [s.id, value(tfEv.shifts(s.id, '2026-03-02T00:00:00Z', '2026-03-16T00:00:00Z')).shifts]);
  tfEv.free();
  // Bad input is an answer.
  r.unsupported = m.importDocument('hello, world');
  r.misspelled = m.importDocument(fixtures.api, { form: 'pagerduty' });
  r.badVendor = m.importDocument(fixtures.api, { from: 'pagerdty' });
  r.notFiles = m.importDocument(42);
  // Compare: a document and the same with one override; a PagerDuty export against its own import.
  r.compare = value(m.compare(fixtures.old, fixtures.new, { from: '2026-03-02', to: '2026-03-16' }));
  r.compareSame = value(m.compare(fixtures.api, api.document, { from: '2026-01-12T00:00:00Z', to: '2026-01-26T00:00:00Z' }));
  r.compareMisspelled = m.compare(fixtures.old, fixtures.new, { from: '2026-03-02', to: '2026-03-16', alow: [] });
  r.compareIncomplete = m.compare(fixtures.terraform, fixtures.old, { from: '2026-03-02', to: '2026-03-16' });
  r.compareBroken = m.compare('version: 1\ntimezone: Europe/Berln\n', fixtures.old, { from: '2026-03-02', to: '2026-03-16' });
  return r;
}
