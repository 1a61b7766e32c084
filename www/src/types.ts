// The messages between the page and its worker. Every engine shape comes
// from the package's own declarations (`escalator`: pkg/web.d.ts, which is
// src/wasm/escalator.d.ts plus wasm-bindgen's declarations); nothing here
// declares one again.
import type {
  Answer,
  CoverageCompact,
  Diagnostic,
  OutlineOutput,
  QualityOutput,
  ShiftsOutput,
  SimulationOutput,
  SummaryOutput,
  Version,
} from "escalator";

/** Analyse a text over a window, heatmaps of `target` in `zone`. */
export interface AnalyzeRequest {
  type: "analyze";
  id: number;
  text: string;
  /** Window, RFC 3339 UTC. */
  from: string;
  to: string;
  /** IANA zone the heatmaps are drawn in. */
  zone: string;
  /** The coverage target in view (its heatmaps are asked for); null: the first. */
  target: string | null;
}

export type { Answer };

/** A calendar of the last valid document over the last window analysed (worker.ts). */
export interface CalendarRequest {
  type: "ics";
  id: number;
  /** A schedule's shifts, or one person's in every schedule ("my on-call"). */
  which: { schedule: string } | { person: string };
  /** When the file is made (the page's clock), epoch ms. */
  dtstamp: number;
}

/** The calendar's text and file name, or why there is none. */
export interface CalendarReply {
  type: "ics";
  id: number;
  name: string;
  answer: Answer<string>;
}

/** One coverage target: a service at a severity, or a policy no service routes. */
export interface CoverageTarget {
  key: string;
  label: string;
  /** The engine's answer in columns; heatmaps only for the target in view. */
  answer: Answer<CoverageCompact>;
}

export interface Analysis {
  id: number;
  /** Milliseconds spent in the engine for the whole analysis. */
  ms: number;
  /** Milliseconds per query kind (summed over schedules and targets). */
  timings: Record<string, number>;
  diagnostics: Diagnostic[];
  /** Whether the document made an evaluator (no errors). */
  evaluated: boolean;
  /** Why no evaluator was made, when it was not. */
  evaluatorError?: string;
  summary: SummaryOutput | null;
  outline: OutlineOutput | null;
  shifts: Record<string, Answer<ShiftsOutput>>;
  quality: Record<string, Answer<QualityOutput>>;
  coverage: CoverageTarget[];
  findings: Answer<Diagnostic[]>;
  /** The zone the heatmaps were asked in. */
  zone: string;
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
  output?: SimulationOutput | null;
  scenario?: unknown;
  debrief?: string;
  error?: string;
}

export type WorkerMessage =
  | { type: "ready"; version: Version; module: WebAssembly.Module }
  | { type: "load-error"; message: string }
  | { type: "result"; result: Analysis }
  | { type: "crash"; id: number; message: string }
  | SimReply
  | CalendarReply;
