// What every consumer entry does with the package: the same calls, whatever
// the entry (Node ESM, CommonJS, browser, bundler). Returns plain data for
// the test to assert on. Extend it as the API grows.

/** A weekday office-hours rotation in Berlin: gaps at night and at weekends. */
export const DOC = `version: 1
timezone: Europe/Berlin
people: [{id: alice, name: Alice}, {id: bob, name: Bob}]
schedules:
  - id: office
    layers:
      - id: weekdays
        members: [alice, bob]
        shift: 1d
        handoff: 2026-03-02T09:00
        restrictions: [{days: [mon, tue, wed, thu, fri], from: "09:00", to: "17:00"}]
`;

/** An unknown key on line 5. */
export const BROKEN = 'version: 1\ntimezone: Europe/Berlin\npeople:\n  - id: alice\n    nmae: Alice\n';

/** The fields of a thrown error that a consumer reads. */
function caught(f) {
  try {
    f();
  } catch (e) {
    return { isError: e instanceof Error, name: e.name, kind: e.kind, message: e.message, code: e.code ?? null, help: e.help ?? null, diagnostics: e.diagnostics ?? null };
  }
  return null;
}

export function exercise(escalator) {
  const out = { version: escalator.version(), check: escalator.check(BROKEN) };
  out.checkAsOf = escalator.check(`${DOC}review: {every: 30d, last: 2026-01-01}\n`, '2026-06-01', '2026-07-01').map((d) => d.code);
  const ev = new escalator.Evaluator(DOC);
  try {
    out.summary = ev.summary();
    out.diagnostics = ev.diagnostics();
    out.shifts = ev.shifts('office', '2026-03-02', '2026-03-03');
    out.onCall = ev.onCall('2026-03-02T10:00');
    out.quality = ev.quality('office', '2026-03-02', '2026-03-09');
    out.queryError = caught(() => ev.shifts('ofice', '2026-03-02', '2026-03-03'));
  } finally {
    ev.free();
  }
  out.fromObject = new escalator.Evaluator(JSON.parse(JSON.stringify({ version: 1, timezone: 'UTC', people: [{ id: 'zoë' }] }))).summary();
  out.documentError = caught(() => new escalator.Evaluator(BROKEN));
  return out;
}
