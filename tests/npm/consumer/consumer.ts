// Type-checked with `tsc --noEmit --strict` against the installed package:
// every export, with its declared types, used the way a consumer would.
// (samples.ts, written by the test from real outputs, checks the output
// types against what the engine really returns.)
import * as node from 'escalator';
import init, * as web from 'escalator/web';
import type {
  CoverageOutput, Diagnostic, EscalatorError, OnCallOutput, OutlineOutput, PlanOutput, QualityOutput, ShiftsOutput,
  SimulationEvent, SimulationOutput, SimulationState, Summary, Version, Why,
} from 'escalator';

const v: Version = node.version();
const checked: Diagnostic[] = node.check('version: 1\ntimezone: UTC\n');
const lines: number[] = checked.map((d) => d.span.start.line);
const asOf: Diagnostic[] = node.check('version: 1\ntimezone: UTC\n', '2026-06-01', '2026-07-01T00:00:00Z');
const asOfDefaultEnd: Diagnostic[] = node.check({ version: 1, timezone: 'UTC' }, '2026-06-01');

const ev = new node.Evaluator({ version: 1, timezone: 'UTC' });
const summary: Summary = ev.summary();
const warnings: Diagnostic[] = ev.diagnostics();
const shifts: ShiftsOutput = ev.shifts('primary', '2026-03-01', '2026-04-01');
const onCall: OnCallOutput = ev.onCall('2026-03-01T09:00:00Z');
const onCallOne: OnCallOutput = ev.onCall('2026-03-01T09:00', 'primary');
const quality: QualityOutput = ev.quality('primary', '2026-03-01', '2026-04-01');
const outline: OutlineOutput = ev.outline();
const plan: PlanOutput = ev.plan({ service: 'checkout', severity: 'sev1' }, '2026-03-01T09:00');
const coverage: CoverageOutput = ev.coverage({ policy: 'payments', severity: 'sev1' }, '2026-03-01', '2026-04-01', 'UTC');
const coverageDocZone: CoverageOutput = ev.coverage({ policy: 'payments' }, '2026-03-01', '2026-04-01');
const findings: Diagnostic[] = ev.findings('2026-03-01', '2026-04-01');
const sim = ev.simulate(undefined, { policy: 'payments', at: '2026-03-01T09:00' });
const first: SimulationEvent | null = sim.next();
sim.runToEnd();
const events: SimulationEvent[] = sim.events();
const state: SimulationState = sim.state();
const run: SimulationOutput = sim.toJSON();
sim.free();
ev.free();

function reason(why: Why): string {
  if ('turn' in why) return `${why.layer} turn ${why.turn}`;
  if ('event' in why) return `${why.layer} event ${why.uid ?? why.event}`;
  return `override ${why.override} (${why.kind})`;
}

function describe(e: unknown): string {
  const err = e as EscalatorError;
  if (err.kind === 'document') return (err.diagnostics ?? []).map((d) => `${d.span.start.line}: ${d.message}`).join('\n');
  return `${err.code ?? ''} ${err.message} ${err.help ?? ''}`;
}

async function inBrowser(bytes: Uint8Array): Promise<string> {
  await init({ module_or_path: bytes });
  const e = new web.Evaluator('version: 1\ntimezone: UTC\n');
  return `${web.version().engine} ${web.check('').length} ${e.summary().people}`;
}

export { outline, plan, coverage, coverageDocZone, findings, first, events, state, run };
export { v, lines, asOf, asOfDefaultEnd, summary, warnings, shifts, onCall, onCallOne, quality, reason, describe, inBrowser };
