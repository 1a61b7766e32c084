// The shapes the engine returns (SPEC section 6, the CLI's `--json`), and the
// messages between the page and its worker. Keys beyond these may appear;
// views only read what they know, and show "not available" when a query is
// missing from the engine build.

export interface Version {
  engine: string;
  format?: number;
  tzdb?: string;
}

export interface DiagnosticLabel {
  message: string;
  span?: SpanJson;
  start?: Position;
  end?: Position;
}

export interface Position {
  line: number;
  column: number;
  /** UTF-16 offset into the text. */
  offset?: number;
}

export interface SpanJson {
  start: number | Position;
  end: number | Position;
}

/** One diagnostic or finding as the engine serializes it. */
export interface DiagnosticJson {
  code: string;
  severity: "error" | "warning" | "info";
  message: string;
  help?: string | null;
  why?: string | null;
  /** UTF-16 offsets (preferred for the editor). */
  start?: Position | number;
  end?: Position | number;
  span?: SpanJson;
  line?: number;
  column?: number;
  end_line?: number;
  end_column?: number;
  labels?: DiagnosticLabel[];
  [key: string]: unknown;
}

export interface Shift {
  start: string;
  end: string;
  on_call: string[];
  why?: unknown;
  [key: string]: unknown;
}

export interface ShiftsOutput {
  schedule: string;
  from: string;
  to: string;
  shifts: Shift[];
  [key: string]: unknown;
}

export interface PlanEntry {
  after_seconds: number;
  pass: number;
  step: number;
  people: string[];
  vendors: string[];
  [key: string]: unknown;
}

export interface PlanOutput {
  policy: string;
  at: string;
  plan: PlanEntry[];
  exhausted_after_seconds: number;
}

export interface CoverageInterval {
  start: string;
  end: string;
  first_page_seconds: number | null;
  reached_within_target?: number | null;
  reached_total: number;
  plan: PlanEntry[];
  [key: string]: unknown;
}

export interface GapJson {
  start: string;
  end: string;
  kind?: string;
  severity?: string;
  cause?: string;
  message?: string;
  schedule?: string | null;
  pass?: number | null;
  step?: number | null;
  [key: string]: unknown;
}

/** One local hour of an engine heatmap. */
export interface HeatCellJson {
  seconds: number;
  fewest_reached: number | null;
  longest_first_page_seconds: number | null;
  gap_seconds: number;
}

export interface HeatmapsJson {
  zone: string;
  hour_of_week: { day: string; hours: HeatCellJson[] }[];
  calendar: { date: string; hours: HeatCellJson[] }[];
}

export interface CoverageOutput {
  policy: string;
  service?: string | null;
  severity?: string | null;
  from: string;
  to: string;
  intervals: CoverageInterval[];
  gaps?: GapJson[];
  heatmaps?: HeatmapsJson;
  [key: string]: unknown;
}

export interface QualityOutput {
  [key: string]: unknown;
}

/** How much the document holds (`Evaluator.summary()`). */
export interface Summary {
  people: number;
  schedules: number;
  policies: number;
  [key: string]: unknown;
}

/** What the document holds, by id (`Evaluator.outline()`, output::outline). */
export interface Outline {
  timezone?: string;
  people: { id: string; name?: string | null; source?: string }[];
  schedules: { id: string; name?: string; source?: string; timezone?: string; layers: string[]; overrides?: number }[];
  policies: { id: string; name?: string; source?: string; steps?: number }[];
  services: { id: string; name?: string; source?: string; routes: { severity: string; policy: string }[] }[];
  severities: { id: string; ack_within_seconds?: number | null }[];
}

export interface AnalyzeRequest {
  type: "analyze";
  id: number;
  text: string;
  /** Window, RFC 3339 UTC. */
  from: string;
  to: string;
  /** IANA zone the heatmaps are drawn in. */
  zone: string;
}

/** A query's outcome: a value, an error the engine reported, or "not in this build". */
export type Answer<T> =
  | { ok: true; value: T }
  | { ok: false; error: string; code?: string; missing?: boolean };

export interface Analysis {
  id: number;
  /** Milliseconds spent in the engine for the whole analysis. */
  ms: number;
  /** Milliseconds per query kind (summed over schedules and targets). */
  timings: Record<string, number>;
  diagnostics: DiagnosticJson[];
  /** Whether the document made an evaluator (no errors). */
  evaluated: boolean;
  /** The engine build has no `Evaluator` (nothing but the check runs). */
  evaluatorMissing?: boolean;
  /** Why no evaluator was made, when it was not. */
  evaluatorError?: string;
  summary: Answer<Summary>;
  outline: Answer<Outline>;
  shifts: Record<string, Answer<ShiftsOutput>>;
  quality: Record<string, Answer<QualityOutput>>;
  coverage: { key: string; label: string; answer: Answer<CoverageOutput> }[];
  findings: Answer<DiagnosticJson[]>;
  /** Engine queries this build does not export yet. */
  missing: string[];
}

/** One event of a simulation run (the engine's `SimulationEvent`). */
export interface SimEvent {
  index: number;
  at: string;
  offset_seconds: number;
  kind: string;
  pass?: number;
  step?: number;
  role?: string;
  people?: string[];
  vendors?: string[];
  person?: string;
  vendor?: string;
  via?: string;
  target?: string;
  within_seconds?: number;
  injected?: boolean;
  actions?: { id: string; title: string; approved_by: string | null; approved_until: string | null }[];
  explanation: string;
  [key: string]: unknown;
}

export interface SimState {
  at: string;
  elapsed_seconds: number;
  paged: string[];
  contacting: string[];
  vendors: string[];
  current_pass: number | null;
  current_step: number | null;
  next_escalation_at: string | null;
  next_pass: number | null;
  next_step: number | null;
  acknowledged: boolean;
  resolved: boolean;
  exhausted: boolean;
  missed: string[];
}

/** A whole run (`Simulation.toJSON()`). */
export interface SimOutput {
  incident: { policy: string; service?: string; severity?: string; at: string };
  events: SimEvent[];
  shown: number;
  state: SimState;
}

export type SimCommand = { type: "sim"; id: number } & (
  | { op: "start"; text: string; scenario: unknown; incident: unknown }
  | { op: "next" | "previous" | "reset" | "run" | "stop" }
  | { op: "seek"; index: number }
  | { op: "inject"; event: unknown }
  | { op: "debrief"; zone: string }
);

export interface SimReply {
  type: "sim";
  id: number;
  output?: SimOutput | null;
  scenario?: unknown;
  debrief?: string;
  error?: string;
  missing?: boolean;
}

export type WorkerMessage =
  | { type: "ready"; version: Version; exports: string[] }
  | { type: "load-error"; message: string }
  | { type: "result"; result: Analysis }
  | { type: "crash"; id: number; message: string }
  | SimReply;
