// Type-checked with `tsc --noEmit --strict` against the installed package:
// every export, with its declared types, used the way a consumer would.
// (samples.ts, written by the test from real outputs, checks the output
// types against what the engine really returns.)
import * as node from 'escalator';
import init, * as web from 'escalator/web';
import type {
  CoverageCompact, CoverageOutput, Diagnostic, EscalatorError, LocalTime, OnCallOutput, OutlineOutput, PlanOutput,
  QualityOutput, Answer, ShiftsCompact, ShiftsOutput, SimulationEvent, SimulationOutput, SimulationState, SummaryOutput,
  Version, Why, CalendarInput, CalendarOptions,
} from 'escalator';

/** The value of an answer, or a thrown Error with its message (a consumer's choice). */
function value<T>(r: Answer<T>): T {
  if (!r.ok) throw new Error(r.error.kind === 'query' ? `${r.error.code}: ${r.error.message}` : r.error.message);
  return r.value;
}

const v: Version = node.version();
const checked: Answer<Diagnostic[]> = node.check('version: 1\ntimezone: UTC\n');
const lines: number[] = value(checked).map((d) => d.span.start.line);
const asOf: Diagnostic[] = value(node.check('version: 1\ntimezone: UTC\n', '2026-06-01', Date.UTC(2026, 6, 1)));
const asOfDefaultEnd: Diagnostic[] = value(node.check({ version: 1, timezone: 'UTC' }, '2026-06-01'));
const zones: string[] = node.zones();
const local: LocalTime[] = value(node.localTimes('Europe/Berlin', [Date.now()]));
const instants: number[] = value(node.instantsOf('Europe/Berlin', ['2026-03-29T02:30']));

const loaded = node.Evaluator.load({ version: 1, timezone: 'UTC' });
if (!loaded.ok) {
  const why: EscalatorError = loaded.error;
  if (why.kind === 'document') why.diagnostics.forEach((d) => d.message);
  throw new Error(why.message);
}
const ev: node.Evaluator = loaded.value;
const summary: SummaryOutput = ev.summary();
const warnings: Diagnostic[] = ev.diagnostics();
const shifts: ShiftsOutput = value(ev.shifts('primary', '2026-03-01', '2026-04-01'));
const explained: ShiftsOutput = value(ev.shifts('primary', '2026-03-01', '2026-04-01', { explain: true }));
const compact: ShiftsCompact = value(ev.shifts('primary', Date.UTC(2026, 2, 1), Date.UTC(2026, 3, 1), { compact: true }));
const firstBound: number = compact.bounds[0] ?? 0;
const onCall: OnCallOutput = value(ev.onCall('2026-03-01T09:00:00Z'));
const onCallOne: OnCallOutput = value(ev.onCall(Date.now(), 'primary'));
const onCallWhy: OnCallOutput = value(ev.onCall('2026-03-01T09:00', 'primary', { explain: true }));
const quality: QualityOutput = value(ev.quality('primary', '2026-03-01', '2026-04-01'));
const outline: OutlineOutput = ev.outline();
const plan: PlanOutput = value(ev.plan({ service: 'checkout', severity: 'sev1' }, '2026-03-01T09:00'));
const planWhy: PlanOutput = value(ev.plan({ policy: 'payments' }, '2026-03-01T09:00', { explain: true }));
const coverage: CoverageOutput = value(ev.coverage({ policy: 'payments', severity: 'sev1' }, '2026-03-01', '2026-04-01', { heatmaps: true, zone: 'UTC' }));
const coverageDocZone: CoverageOutput = value(ev.coverage({ policy: 'payments' }, '2026-03-01', '2026-04-01'));
const coverageCompact: CoverageCompact = value(ev.coverage({ trigger: 'checkout-5xx' }, '2026-03-01', '2026-04-01', { compact: true }));
const findings: Diagnostic[] = value(ev.findings('2026-03-01', '2026-04-01'));
const calendar: string = value(ev.ics('primary', '2026-03-01', '2026-04-01'));
const mine: Answer<string> = ev.ics({ person: 'alice' }, Date.UTC(2026, 2, 1), '2026-04-01', { alarm: '15m', dtstamp: Date.now() });
const options: CalendarOptions = { alarm: '1h' };
const which: CalendarInput = { schedule: 'primary', person: 'alice' };
const both: Answer<string> = ev.ics(which, '2026-03-01', '2026-04-01', options);
const sim = value(ev.simulate(undefined, { policy: 'payments', at: '2026-03-01T09:00' }));
const first: SimulationEvent | null = sim.next();
value(sim.inject({ after_event: 1, note: 'phone is dead' }));
value(sim.seekTime('2026-03-01T09:05'));
sim.runToEnd();
const events: SimulationEvent[] = sim.events();
const state: SimulationState = sim.state();
const run: SimulationOutput = sim.toJSON();
const debrief: string = value(sim.debrief('Europe/Berlin'));
sim.free();
ev.free();

function reason(why: Why): string {
  if ('turn' in why) return `${why.layer} turn ${why.turn}`;
  if ('event' in why) return `${why.layer} event ${why.uid ?? why.event}`;
  return `override ${why.override} (${why.kind})`;
}

async function inBrowser(bytes: Uint8Array): Promise<string> {
  await init({ module_or_path: bytes });
  const e = value(web.Evaluator.load('version: 1\ntimezone: UTC\n'));
  return `${web.version().engine} ${value(web.check('')).length} ${e.summary().people}`;
}

export { outline, plan, planWhy, coverage, coverageDocZone, coverageCompact, findings, first, events, state, run, debrief };
export { v, lines, asOf, asOfDefaultEnd, zones, local, instants, summary, warnings, shifts, explained, compact, firstBound };
export { onCall, onCallOne, onCallWhy, quality, reason, inBrowser, calendar, mine, both };
