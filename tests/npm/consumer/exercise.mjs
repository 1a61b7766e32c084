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
policies:
  - id: office-hours
    owner: bob
    steps:
      - notify: [{schedule: office}]
        escalate_after: 15m
`;

/** The window of the calendars: two weeks in Berlin across the change to summer time. */
export const ICS_FROM = '2026-03-23';
export const ICS_TO = '2026-04-06';

/** An unknown key on line 5. */
export const BROKEN = 'version: 1\ntimezone: Europe/Berlin\npeople:\n  - id: alice\n    nmae: Alice\n';

/** The value of an `{ok: true}` answer (throws with the error otherwise: a test failure). */
function value(answer) {
  if (!answer.ok) throw new Error(`expected a value: ${JSON.stringify(answer.error)}`);
  return answer.value;
}

/** Whether calling `f` throws (bad input never does). */
function throws(f) {
  try {
    f();
    return false;
  } catch {
    return true;
  }
}

/** Typed arrays as plain arrays (to send the answer as JSON). */
const plain = (o) => ({ ...o, bounds: Array.from(o.bounds), set: o.set && Array.from(o.set), plan: o.plan && Array.from(o.plan) });

export function exercise(escalator) {
  const out = { version: escalator.version(), check: value(escalator.check(BROKEN)) };
  out.checkAsOf = value(escalator.check(`${DOC}review: {every: 30d, last: 2026-01-01}\n`, '2026-06-01', '2026-07-01')).map((d) => d.code);
  out.checkBadWindow = escalator.check(DOC, 'soon');
  const ev = value(escalator.Evaluator.load(DOC));
  try {
    out.summary = ev.summary();
    out.diagnostics = ev.diagnostics();
    out.shifts = value(ev.shifts('office', '2026-03-02', '2026-03-03'));
    out.shiftsExplained = value(ev.shifts('office', '2026-03-02', '2026-03-03', { explain: true }));
    out.shiftsCompact = plain(value(ev.shifts('office', '2026-03-02', '2026-03-03', { compact: true })));
    out.onCall = value(ev.onCall('2026-03-02T10:00'));
    // Point queries: the fast path (one schedule, epoch ms, no options)
    // against the engine's own path (the same question with options).
    const start = Date.UTC(2026, 2, 2);
    out.pointQueries = [];
    for (let k = 0; k < 200; k++) {
      const at = start + k * 3_607_000;
      out.pointQueries.push([ev.onCall(at, 'office'), ev.onCall(at, 'office', {})]);
    }
    out.quality = value(ev.quality('office', '2026-03-02', '2026-03-09'));
    out.queryError = ev.shifts('ofice', '2026-03-02', '2026-03-03');
    out.outline = ev.outline();
    out.plan = value(ev.plan({ policy: 'office-hours' }, '2026-03-02T10:00'));
    out.planExplained = value(ev.plan({ policy: 'office-hours' }, '2026-03-02T10:00', { explain: true }));
    out.coverage = value(ev.coverage({ policy: 'office-hours' }, '2026-03-02', '2026-03-03', { heatmaps: true, zone: 'Europe/Berlin' }));
    out.coverageCompact = plain(value(ev.coverage({ policy: 'office-hours' }, '2026-03-02', '2026-03-03', { compact: true })));
    // Strict inputs: errors as answers, never thrown, never silently dropped.
    out.wrongType = ev.plan({ policy: 'office-hours', severity: 3 }, '2026-03-02T10:00');
    out.misspelled = ev.coverage({ policy: 'office-hours' }, '2026-03-02', '2026-03-03', { heatmap: true });
    out.notAChoice = ev.plan('office-hours', '2026-03-02T10:00');
    out.badInputsThrow = [
      () => ev.plan({ policy: 'office-hours', severity: 3 }, '2026-03-02T10:00'),
      () => ev.shifts('office', {}, null, 42),
      () => ev.onCall(undefined, 7, 'x'),
      () => escalator.Evaluator.load(42),
      () => escalator.check(undefined),
    ].some(throws);
    out.findings = value(ev.findings('2026-03-02', '2026-03-30'));
    // Calendars (RFC 5545 text): across the change to summer time on 2026-03-29.
    out.ics = value(ev.ics('office', ICS_FROM, ICS_TO, { alarm: '15m', dtstamp: ICS_FROM }));
    out.icsMine = value(ev.ics({ person: 'alice' }, ICS_FROM, ICS_TO));
    out.icsShifts = value(ev.shifts('office', ICS_FROM, ICS_TO)).shifts;
    out.icsBad = [ev.ics('ofice', ICS_FROM, ICS_TO), ev.ics({ person: 'alice' }, ICS_FROM, ICS_TO, { alarm: 'soon' }), ev.ics(42, ICS_FROM, ICS_TO)];
    const sim = value(ev.simulate(undefined, { policy: 'office-hours', at: '2026-03-02T10:00' }));
    try {
      out.firstEvent = sim.next();
      sim.runToEnd();
      out.simulation = sim.toJSON();
      out.badInjection = sim.inject('{unavailable: alcie}');
    } finally {
      sim.free();
    }
  } finally {
    ev.free();
  }
  out.zones = escalator.zones().length;
  out.localTimes = value(escalator.localTimes('Australia/Lord_Howe', [1775313000000, 1775316600000]));
  out.instantsOf = value(escalator.instantsOf('America/Sao_Paulo', ['2018-11-04']));
  out.fromObject = value(escalator.Evaluator.load(JSON.parse(JSON.stringify({ version: 1, timezone: 'UTC', people: [{ id: 'zoë' }] })))).summary();
  out.documentError = escalator.Evaluator.load(BROKEN);
  return out;
}
