// The analysis the worker runs for the page (src/wasm.rs's API, typed by the
// package's declarations): check the text, read it once, then ask the
// queries the views draw from over the window. Lean answers: shifts are
// explained (the timeline's layer rows need `why`; a window is weeks, not
// years), coverage comes in columns, with heatmaps only for the target in
// view, in the display zone. Nothing here computes what the engine answers.
import type * as Escalator from "escalator";
import type { Analysis, AnalyzeRequest, Answer, CalendarRequest, CoverageTarget } from "./types";

/** The engine module (the wasm-bindgen glue, initialised). */
export type Engine = typeof Escalator;

let timings: Record<string, number> = {};

function timed<T>(name: string, f: () => T): T {
  const t0 = performance.now();
  try {
    return f();
  } finally {
    timings[name] = (timings[name] ?? 0) + performance.now() - t0;
  }
}

/** What coverage is asked for: each service at each severity it routes, then each policy no service routes. */
export function coverageTargets(outline: Escalator.OutlineOutput | null): { key: string; label: string; which: Escalator.PolicyInput }[] {
  if (!outline) return [];
  const targets: { key: string; label: string; which: Escalator.PolicyInput }[] = [];
  const routed = new Set<string>();
  for (const service of outline.services) {
    for (const route of service.routes) {
      routed.add(route.policy);
      targets.push({
        key: `service:${service.id}:${route.severity}`,
        label: `${service.id} · ${route.severity} → ${route.policy}`,
        which: { service: service.id, severity: route.severity },
      });
    }
  }
  for (const policy of outline.policies) {
    if (!routed.has(policy.id)) targets.push({ key: `policy:${policy.id}`, label: `policy ${policy.id}`, which: { policy: policy.id } });
  }
  return targets;
}

/** The message of an engine error, for a notice. */
export function errorText(e: Escalator.EscalatorError): string {
  return e.kind === "query" && e.help ? `${e.message} (${e.help})` : e.message;
}

/** Runs the whole analysis of one text over one window. */
export function analyze(engine: Engine, req: AnalyzeRequest): Analysis {
  const t0 = performance.now();
  timings = {};
  const result: Analysis = {
    id: req.id,
    ms: 0,
    timings: {},
    diagnostics: [],
    evaluated: false,
    summary: null,
    outline: null,
    shifts: {},
    quality: {},
    coverage: [],
    findings: { ok: true, value: [] },
    zone: req.zone,
  };
  const loaded = timed("load", () => engine.Evaluator.load(req.text));
  if (!loaded.ok) {
    // The document's diagnostics are the answer (errors first among them).
    result.evaluatorError = loaded.error.message;
    result.diagnostics = loaded.error.kind === "document" ? loaded.error.diagnostics : [];
  } else {
    const ev = loaded.value;
    try {
      result.evaluated = true;
      // What reading found, plus the findings over the window below (a
      // superset of `check`'s: `check` is not run again).
      result.diagnostics = timed("diagnostics", () => ev.diagnostics());
      result.summary = timed("summary", () => ev.summary());
      const outline = (result.outline = timed("outline", () => ev.outline()));
      for (const s of outline.schedules) {
        result.shifts[s.id] = timed("shifts", () => ev.shifts(s.id, req.from, req.to, { explain: true }));
        result.quality[s.id] = timed("quality", () => ev.quality(s.id, req.from, req.to));
      }
      const targets = coverageTargets(outline);
      const inView = targets.find((t) => t.key === req.target)?.key ?? targets[0]?.key;
      result.coverage = targets.map((t): CoverageTarget => {
        const heatmaps = t.key === inView;
        const answer: Answer<Escalator.CoverageCompact> = timed("coverage", () =>
          ev.coverage(t.which, req.from, req.to, heatmaps ? { compact: true, heatmaps, zone: req.zone } : { compact: true }),
        );
        return { key: t.key, label: t.label, answer };
      });
      result.findings = timed("findings", () => ev.findings(req.from, req.to));
    } finally {
      ev.free();
    }
  }
  result.ms = performance.now() - t0;
  result.timings = timings;
  return result;
}

/**
 * The calendar the page exports (`ev.ics`, the engine's RFC 5545 writer, the
 * same as `escalator ics`): a schedule's exact shifts, or one person's in
 * every schedule, overlapping `[from, to)`, stamped `dtstamp`.
 */
export function calendar(engine: Engine, text: string, req: CalendarRequest, from: string, to: string): Answer<string> {
  const loaded = engine.Evaluator.load(text);
  if (!loaded.ok) return loaded;
  const ev = loaded.value;
  try {
    return ev.ics(req.which, from, to, { dtstamp: req.dtstamp });
  } finally {
    ev.free();
  }
}
