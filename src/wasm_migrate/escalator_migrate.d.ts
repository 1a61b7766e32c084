// The TypeScript declarations of the migration module (`escalator-migrate`):
// src/wasm_migrate.rs includes this file as wasm-bindgen's
// `typescript_custom_section`. The shapes the engine's module declares
// (answers, diagnostics, spans, explanations, pages) are imported from the
// `escalator` package (a peer dependency), not written twice; the others are
// named as in Rust (`escalator::output::ImportOutput` is `ImportOutput`).
import type { Answer, Diagnostic, EscalatorError, Page, Span, Why } from "escalator";
export type { Answer, Diagnostic, EscalatorError, Page, Span, Why };

// ---------------------------------------------------------------- inputs

/** One source file: its name (the extension helps recognise `.tf`, `.tfvars`, `.ics`) and text. */
export interface SourceFile {
  name: string;
  text: string;
}

/** What to import, or one side of a comparison: one text, one file, or several files (a Terraform module's). */
export type ImportInput = string | SourceFile | SourceFile[];

/** Options of `importDocument` (the CLI's `escalator import` flags). Unknown keys are errors. */
export interface ImportOptions {
  /** Read every file as this vendor's (default: recognised from content). */
  from?: "pagerduty" | "opsgenie" | "aws" | "grafana" | "goalert" | "ical";
  /** Terraform variables' values (`--var NAME=VALUE`), winning over defaults and `.tfvars`. */
  vars?: Record<string, string>;
  /** The document's zone when the sources name none. */
  timezone?: string;
  /** Calendars: where an event's person comes from. Default `auto`. */
  personFrom?: "auto" | "summary" | "attendee";
  /** Calendars: where the person is in a summary, `{}` marking them (`"On call: {}"`). */
  personPattern?: string;
  /** Calendars: the window a series that cannot be kept as a rule is written out over. */
  expandFrom?: string;
  expandTo?: string;
}

/** Options of `compare` (the CLI's `escalator compare` flags). Unknown keys are errors. */
export interface CompareOptions {
  /** The window `[from, to)`: RFC 3339, or a local date-time or date in `zone` (default OLD's zone). */
  from: string;
  to: string;
  /** The display zone of the summary and the hour-of-week grids (default OLD's zone). */
  zone?: string;
  /** OLD ids paired with NEW ids (`"person:ann": "anna"` when an id names several kinds). */
  map?: Record<string, string>;
  /** Kinds of difference accepted: reported, but `equivalent` stays true if only they differ. */
  allow?: string[];
}

// ---------------------------------------------------------------- import

/** `escalator import --json`: the document, what was recognised, what is needed, every diagnostic. */
export interface ImportOutput {
  /** The Escalator document (YAML). */
  document: string;
  /** Nothing needs a value and nothing failed to import. */
  complete: boolean;
  /** "PagerDuty Terraform, 3 files: 5 schedules, 3 policies, 2 values needed". */
  summary: string;
  detected: DetectedJson;
  counts: CountsJson;
  /** Values to give (`vars`), one field each on a page. */
  needed: NeededJson[];
  /** Diagnostics about the source files, each naming its file. */
  diagnostics: FileDiagnosticJson[];
}

/** What the files were recognised as. */
export interface DetectedJson {
  /** "PagerDuty Terraform", "Opsgenie API and PagerDuty Terraform". */
  label: string;
  files: DetectedFileJson[];
}

/** One file: `vendor`/`format` null when not recognised, or read along with others (`.tfvars`). */
export interface DetectedFileJson {
  name: string;
  vendor: string | null;
  format: string | null;
}

/** How many objects of each kind the document holds. */
export interface CountsJson {
  people: number;
  schedules: number;
  policies: number;
  services: number;
}

/** A value the import needs: where it is declared, what it is for, an example. */
export interface NeededJson {
  name: string;
  description: string | null;
  example: string | null;
  file: string;
  span: Span;
}

/** A diagnostic about one source file. */
export type FileDiagnosticJson = Diagnostic & { file: string };

// ---------------------------------------------------------------- compare

/** `escalator compare --json`. */
export interface CompareOutput {
  from: string;
  to: string;
  /** The display zone of `summary` and the `hour_of_week` grids. */
  zone: string;
  /** No difference of a kind that is not `allowed`. */
  equivalent: boolean;
  allowed: string[];
  /** Differences found per kind (allowed ones included). */
  counts: Record<string, number>;
  /** The human summary, most serious first. */
  summary: string[];
  matched: MatchJson[];
  unmatched: UnmatchedJson[];
  schedules: ScheduleDiffJson[];
  routes: RouteDiffJson[];
  findings: FindingDiffJson[];
}

/** One pair of objects, and what matched them (`map`, `id`, `source`, `name`, `email`). */
export interface MatchJson {
  kind: string;
  old: string;
  new: string;
  by: string;
}

/** An object with no counterpart on the other side. */
export interface UnmatchedJson {
  kind: string;
  effect: string;
  object: string;
  side: "old" | "new";
  id: string;
  name?: string;
}

/** One matched schedule's differences. */
export interface ScheduleDiffJson {
  old: string;
  new: string;
  on_call: OnCallChangeJson[];
  hours: HoursChangeJson[];
  handoffs: HandoffMoveJson[];
  /** Seconds of difference per local hour of the week (7 rows of 24 cells). */
  hour_of_week: WeekRowJson[];
}

/** An interval where the on-call sets differ. */
export interface OnCallChangeJson {
  kind: string;
  effect: string;
  start: string;
  end: string;
  message: string;
  old: OnCallSideJson;
  new: OnCallSideJson;
}

export interface OnCallSideJson {
  on_call: string[];
  why: Why[];
}

export interface HoursChangeJson {
  kind: string;
  effect: string;
  person: string;
  old_seconds: number;
  new_seconds: number;
  /** NEW minus OLD. */
  change_seconds: number;
}

export interface HandoffMoveJson {
  kind: string;
  effect: string;
  old_at: string;
  new_at: string;
  moved_seconds: number;
  before: string[];
  after: string[];
}

/** A row of an hour-of-week grid: `day` (`mon`..`sun`), 24 cells. */
export interface WeekRowJson {
  day: string;
  hours: WeekCellJson[];
}

/** Seconds of difference in one local hour of the week over the window: any, worse, better. */
export interface WeekCellJson {
  changed: number;
  worse: number;
  better: number;
}

/** One matched route's differences (intervals of incident start time). */
export interface RouteDiffJson {
  service?: string;
  severity?: string;
  policy?: string;
  old_policy: string | null;
  new_policy: string | null;
  old_ack_within_seconds: number | null;
  new_ack_within_seconds: number | null;
  changes: PlanChangeJson[];
  hour_of_week: WeekRowJson[];
}

export interface PlanChangeJson {
  kind: string;
  effect: string;
  start: string;
  end: string;
  message: string;
  change_seconds?: number;
  lost?: string[];
  gained?: string[];
  old: PlanSideJson | null;
  new: PlanSideJson | null;
}

export interface PlanSideJson {
  policy: string;
  first_page_seconds: number | null;
  reached_within_target?: number;
  reached_total: number;
  levels: number;
  plan: Page[];
  exhausted_after_seconds: number;
}

/** A finding in one document and not the other. */
export interface FindingDiffJson {
  kind: string;
  effect: string;
  side: "old" | "new";
  object: { kind: string; id: string };
  diagnostic: Diagnostic;
}
