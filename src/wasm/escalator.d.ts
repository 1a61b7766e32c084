// The TypeScript declarations of the JS API: the one place they are written.
// src/wasm.rs includes this file as wasm-bindgen's `typescript_custom_section`,
// so every entry's .d.ts (web, bundler, node) carries it; each export names
// its types with `unchecked_return_type` / `unchecked_param_type`. A shape
// is called here what it is called in Rust (`escalator::output::Shift` is
// `Shift`); tests/js_types.rs holds the two sets of names together, and the
// npm consumer test type-checks real answers against these declarations.

// ---------------------------------------------------------------- answers

/**
 * What every call that takes input answers: its value, or why it failed.
 * Bad input (a document with errors, an unknown id, a misspelled option) is
 * an answer, never an exception; only misusing the API (calling a freed
 * `Evaluator`) throws.
 */
export type Answer<T> = { ok: true; value: T } | { ok: false; error: EscalatorError };

/**
 * Why a call failed.
 * - `document`: the document has errors; `diagnostics` holds every one, `message` the first's `line:column: message`.
 * - `query`: the question was wrong (an unknown id, a bad instant, an unknown key); `code` and `help` say how.
 */
export type EscalatorError =
  | { kind: "document"; message: string; diagnostics: Diagnostic[] }
  | { kind: "query"; code: string; message: string; help: string | null };

// ---------------------------------------------------------------- inputs

/** A policy document: YAML or JSON text, or an already parsed object. */
export type DocumentInput = string | object;

/**
 * An instant: RFC 3339 text with `Z` or an offset ("2026-03-01T09:00:00Z"),
 * a local date-time or date ("2026-03-01T09:00", "2026-03-01") read in the
 * zone that applies (the schedule's for schedule queries, else the
 * document's), or epoch milliseconds (`Date.now()`), floored to the second.
 */
export type Instant = string | number;

/**
 * Which policy: by id (a severity gives the targets coverage uses), a
 * service's route at a severity, or the incident a trigger opens (by its id
 * or source). Exactly one of `policy`, `service` and `trigger`.
 */
export interface PolicyInput {
  policy?: string;
  service?: string;
  severity?: string;
  trigger?: string;
}

/** An incident to simulate: a policy choice and when it opens. */
export interface IncidentInput extends PolicyInput {
  at: Instant;
}

/** Options of `shifts`. */
export interface ShiftsOptions {
  /** Each shift's `why` (which layer and turn, or which override). Default false. */
  explain?: boolean;
  /** The columnar `ShiftsCompact` shape instead of `ShiftsOutput`. Default false. */
  compact?: boolean;
}

/** Options of `onCall` and `plan`. */
export interface ExplainOptions {
  /** Why each person is on call, or paged (`why`). Default false. */
  explain?: boolean;
}

/** Options of `coverage`. */
export interface CoverageOptions {
  /** The hour-of-week and calendar heatmaps (`heatmaps`). Default false. */
  heatmaps?: boolean;
  /** The heatmaps' display zone (IANA name). Default: the document's zone. */
  zone?: string;
  /** The columnar `CoverageCompact` shape instead of `CoverageOutput`. Default false. */
  compact?: boolean;
}

/**
 * Whose calendar `ics` writes: a schedule's shifts, or one person's in every
 * schedule ("my on-call"); with both, that person's in that schedule only.
 */
export interface CalendarInput {
  schedule?: string;
  person?: string;
}

/** Options of `ics`. */
export interface CalendarOptions {
  /** A reminder (`VALARM`) this long before each shift: a duration, `"15m"`, `"1h"`. Default: none. */
  alarm?: string;
  /** When the calendar is made (each event's `DTSTAMP`), e.g. `Date.now()`. Default: `from` (the engine never reads the clock). */
  dtstamp?: Instant;
}

/** A scenario: the incident, responder behaviours, injected events (the scenario file format). */
export interface ScenarioInput {
  incident?: { service?: string; severity?: string; policy?: string; trigger?: string; at: Instant };
  responders?: Record<string, "never" | "unavailable" | { ack_after: string }>;
  inject?: InjectInput[];
}

/** One injected event (`after` counts from the incident's start; not needed while paused). */
export type InjectInput = { after?: string; after_event?: number } & (
  | { unavailable: string }
  | { available: string }
  | { override: { schedule: string; person?: string; people?: string[]; replaces?: string; add?: string | string[]; remove?: string | string[]; from: Instant; to: Instant } }
  | { ack: string | true }
  | { resolve: true }
  | { escalate: true }
  | { note: string }
);

// ---------------------------------------------------------------- common

/** Versions of the engine, the document format and the bundled time zone database. */
export interface Version {
  /** The engine (crate and npm package) version, e.g. "0.1.0". */
  engine: string;
  /** The policy document format version this engine reads. */
  format: number;
  /** The IANA time zone database version compiled in, e.g. "2025b". */
  tzdb: string;
}

/** A position in the document: 1-based line, 1-based UTF-16 column, 0-based UTF-16 and byte offsets. */
export interface Position {
  line: number;
  column: number;
  offset: number;
  byte_offset: number;
}

/** A range of the document: start inclusive, end exclusive. */
export interface Span {
  start: Position;
  end: Position;
}

/** A secondary span with a short message ("first defined here"). */
export interface Label {
  message: string;
  span: Span;
}

/** One problem found in a document, from a syntax error to a practice finding. */
export interface Diagnostic {
  /** Stable kebab-case code, e.g. "unknown-reference". */
  code: string;
  severity: "error" | "warning" | "info";
  /** One line, lowercase, user input in backticks. */
  message: string;
  /** What to do about it ("did you mean `alice`?"). */
  help: string | null;
  /** Why it matters (findings). */
  why: string | null;
  span: Span;
  labels: Label[];
}

/** Counts of what a valid document holds. */
export interface SummaryOutput {
  timezone: string;
  people: number;
  schedules: number;
  policies: number;
  services: number;
  severities: number;
  triggers: number;
  vendors: number;
  actions: number;
  drills: number;
  /** Warnings and infos found while reading the document. */
  diagnostics: number;
}

/** A responder, by id. */
export interface PersonOutline {
  id: string;
  name?: string;
  /** Where it came from, as the source wrote it (`source:`), when given. */
  source?: string;
}

/** A schedule with its zone and its layers' ids, bottom to top. */
export interface ScheduleOutline {
  id: string;
  name?: string;
  /** Where it came from, as the source wrote it (`source:`), when given. */
  source?: string;
  timezone: string;
  layers: string[];
  overrides: number;
}

/** A policy and its number of steps. */
export interface PolicyOutline {
  id: string;
  name?: string;
  /** Where it came from, as the source wrote it (`source:`), when given. */
  source?: string;
  steps: number;
}

/** `severity` incidents of a service go to `policy`. */
export interface RouteOutline {
  severity: string;
  policy: string;
}

/** A service and the policy handling each severity it routes. */
export interface ServiceOutline {
  id: string;
  name?: string;
  /** Where it came from, as the source wrote it (`source:`), when given. */
  source?: string;
  routes: RouteOutline[];
}

/** An incident level. */
export interface SeverityOutline {
  id: string;
  ack_within_seconds?: number;
}

/** What a document defines, by id, in document order. */
export interface OutlineOutput {
  timezone: string;
  people: PersonOutline[];
  schedules: ScheduleOutline[];
  policies: PolicyOutline[];
  services: ServiceOutline[];
  severities: SeverityOutline[];
}

/** The wall clock of an instant in a zone (the engine's time zone database). */
export interface LocalTime {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 1 (Monday) to 7 (Sunday). */
  weekday: number;
  /** The zone's offset from UTC then, in seconds (east positive). */
  offset_seconds: number;
}

// ---------------------------------------------------------------- schedules

/**
 * Why a person is on call: a layer's turn (counted from 0 at the first
 * handoff, negative before it with `before_handoff: rotate`), an occurrence
 * of an events layer's event (its index in the layer's `events`, from 0; its
 * `uid` or null), an override of the schedule (its index in the schedule's
 * `overrides`, from 0), or an override of one layer (its index in that
 * layer's `overrides`, from 0).
 */
export type Why =
  | { person: string; layer: string; turn: number; turn_start: string; turn_end: string }
  | { person: string; layer: string; event: number; uid: string | null; event_start: string; event_end: string }
  | { person: string; override: number; kind: "replace" | "swap" | "add" }
  | { person: string; layer: string; override: number; kind: "replace" | "swap" | "add" };

/** A maximal interval with a constant on-call set (`on_call: []` is a gap). */
export interface Shift {
  start: string;
  end: string;
  /** Person ids, sorted. */
  on_call: string[];
  /** Only with `explain: true`. */
  why?: Why[];
}

/** The shifts of a schedule over `[from, to)`, covering it exactly (SPEC section 6). */
export interface ShiftsOutput {
  schedule: string;
  from: string;
  to: string;
  shifts: Shift[];
}

/**
 * The same shifts in columns (`compact: true`): shift `i` is
 * `[bounds[i], bounds[i + 1])` in epoch milliseconds, its on-call set is
 * `sets[set[i]]`. The columns are typed arrays (one copy out of the engine,
 * no number boxed): `Array.from` them before `JSON.stringify`.
 */
export interface ShiftsCompact {
  schedule: string;
  from: string;
  to: string;
  /** One more than the shifts, from `from` to `to`, epoch milliseconds. */
  bounds: Float64Array;
  /** The distinct on-call sets (ids sorted), in order of first use. */
  sets: string[][];
  /** Per shift, the index of its set in `sets`. */
  set: Uint32Array;
}

/** One schedule's on-call set at an instant, since when, and the next handoff. */
export interface OnCallSchedule {
  schedule: string;
  timezone: string;
  on_call: string[];
  /** Only with `explain: true`. */
  why?: Why[];
  since: string;
  next_handoff: string | null;
  next_on_call: string[];
}

/** Who is on call at an instant, per schedule. */
export interface OnCallOutput {
  at: string;
  schedules: OnCallSchedule[];
}

/** One person's on-call time in a window. */
export interface Load {
  person: string;
  seconds: number;
  above_average_seconds: number;
  above_average: number;
}

/** Schedule quality over a window (Grafana OnCall's scores), shares from 0 to 1. */
export interface QualityOutput {
  schedule: string;
  from: string;
  to: string;
  coverage: number;
  balance: number;
  people: Load[];
  overloaded: Load[];
}

// ---------------------------------------------------------------- escalation

/** Why someone is paged by a step. */
export interface PageWhy {
  via: "direct" | "schedule" | "vendor";
  person?: string;
  vendor?: string;
  schedule?: string;
  /** Which layer and turn, or which override, in words. */
  detail?: string;
  /** `next` or `previous` for a `turn: next|previous` target: the person holds that turn of a layer, not the pager now. */
  turn?: "next" | "previous";
  on_call?: Why[];
  /** `false` for a target with `essential: false` (absent otherwise): this person's acknowledgement stops their own contact attempts, not the escalation. */
  essential?: false;
  /** Where the step's target is in the document, in UTF-16 code units (`text.slice(a, b)`). */
  target_span: [number, number];
  /** The same range in UTF-8 bytes. */
  target_span_bytes: [number, number];
}

/** One step that pages someone (SPEC section 6). */
export interface Page {
  after_seconds: number;
  pass: number;
  step: number;
  people: string[];
  vendors: string[];
  role?: string;
  /** Only in plans with `explain: true`. */
  why?: PageWhy[];
}

/** One step as it fired, paged or skipped. */
export interface Level {
  after_seconds: number;
  pass: number;
  step: number;
  /** Whether it paged a person or a vendor (else a skipped level, or a step that only waits). */
  paged: boolean;
  /** `skipped`: a level gap; `wait`: a step that only waits (pages nobody, not a gap). */
  kind: "paged" | "skipped" | "wait";
  /** How long a `wait` step waits. */
  wait_seconds?: number;
  stakeholders?: string[];
  vendors_closed?: string[];
}

/** The paging plan of a policy for an incident at `at`. */
export interface PlanOutput {
  policy: string;
  service?: string;
  severity?: string;
  at: string;
  plan: Page[];
  levels: Level[];
  exhausted_after_seconds: number;
}

/** Incident start times `[start, end)` sharing one paging plan. */
export interface CoverageInterval {
  start: string;
  end: string;
  first_page_seconds: number | null;
  reached_within_target?: number;
  reached_total: number;
  plan: Page[];
  exhausted_after_seconds: number;
}

/** What an incident opening in an interval gets (a `CoverageInterval` without its bounds), its pages by index. */
export interface CoveragePlan {
  first_page_seconds: number | null;
  reached_within_target?: number;
  reached_total: number;
  /** The plan's pages in firing order: indices into `CoverageCompact.pages`. */
  plan: number[];
  exhausted_after_seconds: number;
}

/** Where a policy falls short, with its exact interval. */
export interface Gap {
  kind: "nobody-paged" | "level-skipped" | "single-responder" | "first-page-late" | "schedule-empty";
  severity: "error" | "warning" | "info";
  start: string;
  end: string;
  pass?: number;
  step?: number;
  schedule?: string;
  message: string;
}

/** One local hour of a heatmap: worst case and seconds of gap. */
export interface HeatmapCell {
  seconds: number;
  fewest_reached: number | null;
  longest_first_page_seconds: number | null;
  gap_seconds: number;
}

/** A weekday row of the hour-of-week heatmap: 24 cells. */
export interface HeatmapWeekRow {
  day: "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
  hours: HeatmapCell[];
}

/** A calendar day of the window in the display zone: 24 cells (a skipped hour has 0 seconds). */
export interface HeatmapDayRow {
  date: string;
  hours: HeatmapCell[];
}

/** Both heatmaps in the display zone. */
export interface Heatmaps {
  zone: string;
  hour_of_week: HeatmapWeekRow[];
  calendar: HeatmapDayRow[];
}

/** Coverage of a policy over `[from, to)` (SPEC section 6); `heatmaps` only when asked for. */
export interface CoverageOutput {
  policy: string;
  service?: string;
  severity?: string;
  from: string;
  to: string;
  intervals: CoverageInterval[];
  gaps: Gap[];
  heatmaps?: Heatmaps;
}

/**
 * The same coverage in columns (`compact: true`): interval `i` is
 * `[bounds[i], bounds[i + 1])` in epoch milliseconds, with the figures and
 * plan `plans[plan[i]]`, whose pages are `plans[k].plan.map((p) => pages[p])`;
 * each distinct plan and page is listed once. The columns are typed arrays:
 * `Array.from` them before `JSON.stringify`.
 */
export interface CoverageCompact {
  policy: string;
  service?: string;
  severity?: string;
  from: string;
  to: string;
  /** One more than the intervals, from `from` to `to`, epoch milliseconds. */
  bounds: Float64Array;
  /** Per interval, the index of its plan in `plans`. */
  plan: Uint32Array;
  plans: CoveragePlan[];
  /** The distinct pages of the plans. */
  pages: Page[];
  gaps: Gap[];
  heatmaps?: Heatmaps;
}

// ---------------------------------------------------------------- simulation

export type SimulationEventKind =
  | "triggered" | "actions_available" | "step_fired" | "level_skipped" | "waiting" | "contact_attempt"
  | "vendor_engaged" | "stakeholders_informed" | "acknowledged" | "acknowledged_not_essential" | "vendor_responded"
  | "escalated" | "pass_repeated" | "exhausted" | "target_missed" | "person_unavailable"
  | "person_available" | "override_added" | "note" | "injected" | "resolved" | "truncated";

/** A pre-approved action offered to responders. */
export interface ActionAvailable {
  id: string;
  title: string;
  runbook: string | null;
  approved_by: string | null;
  approved_until: string | null;
}

/** One event of a run; the optional keys appear when they apply to its kind. */
export interface SimulationEvent {
  index: number;
  at: string;
  offset_seconds: number;
  kind: SimulationEventKind;
  pass?: number;
  step?: number;
  to_step?: number;
  role?: string;
  owner?: string;
  people?: string[];
  vendors?: string[];
  person?: string;
  vendor?: string;
  via?: string;
  to?: string;
  stakeholders?: string[];
  target?: "ack_within" | "comms_within" | "vendor_sla";
  within_seconds?: number;
  manual?: boolean;
  /** How long a `waiting` step waits. */
  wait_seconds?: number;
  injected?: boolean;
  actions?: ActionAvailable[];
  explanation: string;
}

/** Where a paused run stands. */
export interface SimulationState {
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

/** The incident a run is about. */
export interface SimulationIncident {
  policy: string;
  service?: string;
  severity?: string;
  at: string;
}

/** A whole run (what `escalator simulate --json` prints). */
export interface SimulationOutput {
  incident: SimulationIncident;
  events: SimulationEvent[];
  shown: number;
  state: SimulationState;
}

// ---------------------------------------------------------------- overloads

// `shifts` and `coverage` answer another shape with `compact: true`; their
// signatures are declared here (merged into the class wasm-bindgen declares).
export interface Evaluator {
  /**
   * The shifts of a schedule over `[from, to)` (local instants in the
   * schedule's zone), gaps included, covering the window exactly. `why` per
   * shift with `explain: true`; the columnar `ShiftsCompact` with `compact: true`.
   */
  shifts(schedule: string, from: Instant, to: Instant, options?: ShiftsOptions & { compact?: false }): Answer<ShiftsOutput>;
  shifts(schedule: string, from: Instant, to: Instant, options: ShiftsOptions & { compact: true }): Answer<ShiftsCompact>;
  /**
   * The coverage of a policy over `[from, to)` of incident start times
   * (local instants in the document's zone): the exact intervals sharing one
   * paging plan, and the gaps; heatmaps with `heatmaps: true`; the columnar
   * `CoverageCompact` with `compact: true`.
   */
  coverage(which: PolicyInput, from: Instant, to: Instant, options?: CoverageOptions & { compact?: false }): Answer<CoverageOutput>;
  coverage(which: PolicyInput, from: Instant, to: Instant, options: CoverageOptions & { compact: true }): Answer<CoverageCompact>;
}
