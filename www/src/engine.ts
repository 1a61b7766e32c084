// The adapter between the page and the engine's JS API (src/wasm.rs): one
// analysis = check the text, build an evaluator, run every query the views
// need over the window. A query this engine build does not export is
// reported as missing (the view says "not available yet"); nothing here
// invents a value the engine did not return.
import type {
  Analysis,
  AnalyzeRequest,
  Answer,
  CoverageOutput,
  DiagnosticJson,
  Outline,
  QualityOutput,
  ShiftsOutput,
  Summary,
  Version,
} from "./types";

/** An engine evaluator object (wasm-bindgen class instance). */
export interface EvaluatorHandle {
  free?: () => void;
  [method: string]: unknown;
}

/** The wasm-bindgen module as the worker sees it. */
export interface EngineModule {
  version?: () => Version;
  check?: (text: string) => unknown;
  Evaluator?: { new (text: string): EvaluatorHandle; prototype: object };
  [name: string]: unknown;
}

/** The message of a thrown engine error (structured `Error` or anything else). */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === "string") return e;
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}

function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

let timings: Record<string, number> = {};

function timed<T>(name: string, f: () => T): T {
  const t0 = performance.now();
  try {
    return f();
  } finally {
    timings[name] = (timings[name] ?? 0) + performance.now() - t0;
  }
}

/** Calls `ev[name](...args)` if the build has it. */
function query<T>(ev: EvaluatorHandle, name: string, missing: Set<string>, ...args: unknown[]): Answer<T> {
  return timed(name, () => call<T>(ev, name, missing, ...args));
}

function call<T>(ev: EvaluatorHandle, name: string, missing: Set<string>, ...args: unknown[]): Answer<T> {
  const f = ev[name];
  if (typeof f !== "function") {
    missing.add(name);
    return { ok: false, error: `the engine does not answer \`${name}\` yet`, missing: true };
  }
  try {
    return { ok: true, value: (f as (...a: unknown[]) => T).apply(ev, args) };
  } catch (e) {
    return { ok: false, error: errorText(e), code: errorCode(e) };
  }
}

/** The diagnostics in whatever wrapper the engine used (array or `{diagnostics}`). */
export function diagnosticList(value: unknown): DiagnosticJson[] {
  if (Array.isArray(value)) return value as DiagnosticJson[];
  const inner = (value as { diagnostics?: unknown; findings?: unknown } | null) ?? {};
  if (Array.isArray(inner.diagnostics)) return inner.diagnostics as DiagnosticJson[];
  if (Array.isArray(inner.findings)) return inner.findings as DiagnosticJson[];
  return [];
}

function outlineOf(ev: EvaluatorHandle, missing: Set<string>): Answer<Outline> {
  if (typeof ev.outline === "function") return query<Outline>(ev, "outline", missing);
  missing.add("outline");
  return { ok: false, error: "the engine does not list the document's schedules, policies and services yet", missing: true };
}

/** Runs the whole analysis of one text over one window. */
export function analyze(mod: EngineModule, req: AnalyzeRequest): Analysis {
  const t0 = performance.now();
  timings = {};
  const missing = new Set<string>();
  // Diagnostics: with an evaluator, what reading found plus the findings over
  // the window (a superset of `check`'s, so `check` is not run twice); when
  // the document has errors, the ones the constructor throws; `check` only
  // for an engine without an evaluator.
  let diagnostics: DiagnosticJson[] = [];
  const runCheck = () => {
    if (typeof mod.check !== "function") {
      missing.add("check");
      return [];
    }
    try {
      return diagnosticList(timed("check", () => mod.check!(req.text)));
    } catch (e) {
      return diagnosticList((e as { diagnostics?: unknown })?.diagnostics ?? []);
    }
  };
  if (!mod.Evaluator) diagnostics = runCheck();

  const result: Analysis = {
    id: req.id,
    ms: 0,
    diagnostics,
    evaluated: false,
    summary: { ok: false, error: "the document has errors" },
    outline: { ok: false, error: "the document has errors" },
    shifts: {},
    quality: {},
    coverage: [],
    findings: { ok: false, error: "the document has errors" },
    missing: [],
    timings: {},
  };

  if (!mod.Evaluator) {
    missing.add("Evaluator");
    result.evaluatorMissing = true;
    result.evaluatorError = "this engine build has no evaluator yet";
  } else {
    let ev: EvaluatorHandle | null = null;
    try {
      const Evaluator = mod.Evaluator;
      ev = timed("new Evaluator", () => new Evaluator(req.text));
    } catch (e) {
      result.evaluatorError = errorText(e);
      const thrown = diagnosticList((e as { diagnostics?: unknown })?.diagnostics ?? []);
      result.diagnostics = thrown.length ? thrown : runCheck();
    }
    if (ev) {
      try {
        result.evaluated = true;
        if (typeof ev.diagnostics === "function") {
          result.diagnostics = diagnosticList(timed("diagnostics", () => (ev!.diagnostics as () => unknown).call(ev)));
        } else result.diagnostics = runCheck();
        result.summary = query<Summary>(ev, "summary", missing);
        result.outline = outlineOf(ev, missing);
        const outline = result.outline.ok ? result.outline.value : null;
        for (const s of outline?.schedules ?? []) {
          result.shifts[s.id] = query<ShiftsOutput>(ev, "shifts", missing, s.id, req.from, req.to);
          result.quality[s.id] = query<QualityOutput>(ev, "quality", missing, s.id, req.from, req.to);
        }
        for (const c of coverageTargets(outline)) {
          result.coverage.push({
            key: c.key,
            label: c.label,
            answer: query<CoverageOutput>(ev, "coverage", missing, c.args, req.from, req.to, req.zone),
          });
        }
        const findings = query<unknown>(ev, "findings", missing, req.from, req.to);
        result.findings = findings.ok ? { ok: true, value: diagnosticList(findings.value) } : findings;
      } finally {
        ev.free?.();
      }
    }
  }
  result.missing = [...missing].sort();
  result.ms = performance.now() - t0;
  result.timings = timings;
  return result;
}

/** What coverage is asked for: each service at each severity it routes, then each policy no service routes. */
export function coverageTargets(outline: Outline | null): { key: string; label: string; args: Record<string, string> }[] {
  if (!outline) return [];
  const targets: { key: string; label: string; args: Record<string, string> }[] = [];
  const routed = new Set<string>();
  for (const service of outline.services ?? []) {
    for (const route of service.routes ?? []) {
      routed.add(route.policy);
      targets.push({
        key: `service:${service.id}:${route.severity}`,
        label: `${service.id} · ${route.severity} → ${route.policy}`,
        args: { service: service.id, severity: route.severity },
      });
    }
  }
  for (const policy of outline.policies ?? []) {
    if (!routed.has(policy.id)) targets.push({ key: `policy:${policy.id}`, label: `policy ${policy.id}`, args: { policy: policy.id } });
  }
  return targets;
}
