// The Coverage tab: per service and severity (or per policy) the 7x24
// hour-of-week heatmap and the calendar heatmap over the window, both drawn
// from the engine's exact coverage intervals in the display zone, and the
// list of gaps with their exact intervals and cause.
import { h, replace, rich, s } from "../dom";
import { inkOn, notice, viridis, withTooltip } from "../ui";
import { formatDuration, formatInstant, formatInstantDay, localTime, wall } from "../time";
import type { Analysis, CoverageInterval, CoverageOutput, GapJson, HeatCellJson, PlanEntry } from "../types";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** The worst case over the part of the window that falls in one cell. */
export interface Cell {
  /** Seconds of the window inside this cell. */
  seconds: number;
  /** Fewest people reached (within the ack target when the severity has one). */
  minReached: number | null;
  /** Longest delay to the first page; null while `never` is false. */
  maxFirstPage: number | null;
  /** Some incident in this cell pages nobody. */
  never: boolean;
  /** Seconds in which an incident pages nobody. */
  gapSeconds: number;
  /** The interval that gave the worst case (for the tooltip). */
  worst: CoverageInterval | null;
}

const emptyCell = (): Cell => ({ seconds: 0, minReached: null, maxFirstPage: null, never: false, gapSeconds: 0, worst: null });

/** People reached: within the ack target when the engine gives it, else in the whole plan. */
export function reached(i: CoverageInterval): number {
  return typeof i.reached_within_target === "number" ? i.reached_within_target : i.reached_total;
}

function worse(i: CoverageInterval, cell: Cell): boolean {
  if (!cell.worst) return true;
  const r = reached(i);
  const rw = reached(cell.worst);
  if (r !== rw) return r < rw;
  const f = i.first_page_seconds ?? Infinity;
  const fw = cell.worst.first_page_seconds ?? Infinity;
  return f > fw;
}

function add(cell: Cell, i: CoverageInterval, seconds: number) {
  cell.seconds += seconds;
  const r = reached(i);
  cell.minReached = cell.minReached === null ? r : Math.min(cell.minReached, r);
  if (i.first_page_seconds === null) {
    cell.never = true;
    cell.gapSeconds += seconds;
  } else cell.maxFirstPage = Math.max(cell.maxFirstPage ?? 0, i.first_page_seconds);
  if (worse(i, cell)) cell.worst = i;
}

export interface Heatmaps {
  week: Cell[][]; // [weekday][hour]
  days: { label: string; date: string; cells: Cell[] }[];
  /** Whether the cell figures are the engine's own heatmap (else derived here). */
  fromEngine: boolean;
}

/** Puts the engine's figures for one hour into a cell (the worst plan stays ours, for the tooltip). */
function overlay(cell: Cell, json: HeatCellJson) {
  cell.seconds = json.seconds;
  cell.minReached = json.seconds ? json.fewest_reached : null;
  cell.maxFirstPage = json.longest_first_page_seconds;
  cell.gapSeconds = json.gap_seconds;
  cell.never = json.gap_seconds > 0;
}

/** The heatmaps: the engine's figures when it gives them for this zone, with the worst plans found here. */
export function heatmapsOf(cov: CoverageOutput, zone: string): Heatmaps {
  const maps = heatmaps(cov, zone);
  const engine = cov.heatmaps;
  if (!engine || engine.zone !== zone) return maps;
  engine.hour_of_week.forEach((row, d) => row.hours.forEach((json, hour) => {
    const cell = maps.week[d]?.[hour];
    if (cell) overlay(cell, json);
  }));
  const byDate = new Map(maps.days.map((d) => [d.date, d]));
  maps.days = engine.calendar.map((row) => {
    const mine = byDate.get(row.date);
    const weekday = (new Date(`${row.date}T12:00:00Z`).getUTCDay() + 6) % 7;
    const cells = row.hours.map((json, hour) => {
      const cell = mine?.cells[hour] ?? emptyCell();
      overlay(cell, json);
      return cell;
    });
    return { label: `${DAYS[weekday]} ${row.date.slice(5)}`, date: row.date, cells };
  });
  maps.fromEngine = true;
  return maps;
}

/** Cuts the intervals at the display zone's hour boundaries. Exact to the second. */
export function heatmaps(cov: CoverageOutput, zone: string): Heatmaps {
  const week = DAYS.map(() => Array.from({ length: 24 }, emptyCell));
  const byDate = new Map<string, { label: string; date: string; cells: Cell[] }>();
  const from = Date.parse(cov.from);
  const to = Date.parse(cov.to);
  for (const i of cov.intervals) {
    let cursor = Math.max(Date.parse(i.start), from);
    const end = Math.min(Date.parse(i.end), to);
    let guard = 0;
    while (cursor < end && guard++ < 100000) {
      const w = wall(cursor, zone);
      const cellEnd = cursor + ((60 - w.minute) * 60 - w.second) * 1000;
      const stop = Math.min(end, cellEnd);
      const seconds = (stop - cursor) / 1000;
      add(week[w.weekday]![w.hour]!, i, seconds);
      const date = `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
      let day = byDate.get(date);
      if (!day) {
        day = { label: `${DAYS[w.weekday]} ${date.slice(5)}`, date, cells: Array.from({ length: 24 }, emptyCell) };
        byDate.set(date, day);
      }
      add(day.cells[w.hour]!, i, seconds);
      cursor = stop;
    }
  }
  return { week, days: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)), fromEngine: false };
}

/** A gap as listed: from the engine's `gaps` when it gives them, else from the intervals. */
export interface GapRow {
  start: number;
  end: number;
  severity: "error" | "warning" | "info";
  kind: string;
  cause: string;
  schedule: string | null;
  source: "engine" | "intervals";
}

function gapKind(g: GapJson): string {
  return String(g.kind ?? g.code ?? "gap");
}

/** The gaps of one coverage answer. */
export function gapsOf(cov: CoverageOutput, ackTarget: boolean): GapRow[] {
  if (Array.isArray(cov.gaps)) {
    return cov.gaps.map((g) => ({
      start: Date.parse(g.start),
      end: Date.parse(g.end),
      severity: g.severity === "error" ? "error" : g.severity === "info" ? "info" : "warning",
      kind: gapKind(g),
      cause: String(g.message ?? g.cause ?? ""),
      schedule: typeof g.schedule === "string" ? g.schedule : null,
      source: "engine",
    }));
  }
  // Derived from the intervals: the two kinds an interval states by itself.
  const rows: GapRow[] = [];
  for (const i of cov.intervals) {
    let row: Omit<GapRow, "start" | "end"> | null = null;
    if (i.first_page_seconds === null) row = { severity: "error", kind: "nobody-paged", cause: "no step of the policy pages anyone", schedule: null, source: "intervals" };
    else if (ackTarget && i.reached_within_target === 1) {
      const who = [...new Set(i.plan.flatMap((p) => p.people))];
      row = { severity: "warning", kind: "single-responder", cause: `only ${who[0] ?? "one person"} is reached before the ack target`, schedule: null, source: "intervals" };
    }
    if (!row) continue;
    const start = Date.parse(i.start);
    const end = Date.parse(i.end);
    const last = rows[rows.length - 1];
    if (last && last.end === start && last.kind === row.kind && last.cause === row.cause) last.end = end;
    else rows.push({ ...row, start, end });
  }
  return rows;
}

function level(p: PlanEntry): string {
  const who = [...p.people, ...p.vendors.map((v) => `vendor ${v}`)].join(", ") || "nobody";
  const role = typeof p.role === "string" ? ` ${p.role}` : "";
  return `step ${p.step}${role}, pass ${p.pass} (+${formatDuration(p.after_seconds)}): ${who}`;
}

function cellLines(title: string, cell: Cell, ackTarget: boolean): string[] {
  if (!cell.seconds) return [title, "outside the window"];
  const lines = [title];
  const people = ackTarget ? "within the ack target" : "in the whole plan";
  lines.push(`worst case: ${cell.minReached} ${cell.minReached === 1 ? "person" : "people"} reached ${people}`);
  lines.push(cell.never ? `nobody paged for ${formatDuration(cell.gapSeconds)}` : `first page after ${formatDuration(cell.maxFirstPage ?? 0)} at worst`);
  if (cell.worst) {
    lines.push("levels in the worst case:");
    if (!cell.worst.plan.length) lines.push("  (no level pages anyone)");
    for (const p of cell.worst.plan) lines.push(`  ${level(p)}`);
  }
  return lines;
}

/** What the heatmap colours: people reached, or the delay to the first page. */
export type Metric = "reached" | "delay";
let metric: Metric = "reached";

/** Delay steps of the legend, in seconds (the last is "longer"). */
const DELAYS = [0, 300, 900, 1800, 3600];

function cellValue(cell: Cell): number {
  if (metric === "delay") {
    if (cell.never) return 0;
    const d = cell.maxFirstPage ?? 0;
    const step = DELAYS.findIndex((x) => d <= x);
    return 1 - (step < 0 ? DELAYS.length : step) / DELAYS.length;
  }
  // 0 people -> 0, 4 or more -> 1.
  return Math.min(cell.minReached ?? 0, 4) / 4;
}

function cellText(cell: Cell): string {
  if (!cell.seconds) return "";
  if (cell.never) return "✕";
  if (metric === "delay") return String(Math.round((cell.maxFirstPage ?? 0) / 60));
  return String(cell.minReached ?? "");
}

const CW = 30;
const CH = 22;

/** An SVG grid; rows labelled on the left, hours along the top. */
function grid(rows: { label: string; cells: Cell[]; title: (h: number) => string }[], ackTarget: boolean, label: string, onCell?: (row: number, hour: number) => void): SVGElement {
  const left = 78;
  const top = 20;
  const width = left + 24 * CW + 4;
  const height = top + rows.length * CH + 4;
  const svg = s("svg", { class: "heatmap", viewBox: `0 0 ${width} ${height}`, width, role: "grid", "aria-label": label });
  for (let hour = 0; hour < 24; hour += 1) {
    if (hour % 3 === 0) svg.append(s("text", { x: left + hour * CW + 2, y: 13, class: "axis-label" }, `${String(hour).padStart(2, "0")}h`));
  }
  rows.forEach((row, r) => {
    const y = top + r * CH;
    const g = s("g", { role: "row" });
    g.append(s("text", { x: 2, y: y + CH / 2 + 4, class: "axis-label" }, row.label));
    row.cells.forEach((cell, hour) => {
      const t = cellValue(cell);
      const x = left + hour * CW;
      const lines = cellLines(row.title(hour), cell, ackTarget);
      const c = s("g", { class: cell.never ? "cell cell-gap" : cell.seconds ? "cell" : "cell cell-out", role: "gridcell", tabindex: cell.seconds ? 0 : -1, "aria-label": lines.join(". "), "data-row": r, "data-hour": hour, "data-reached": cell.seconds ? String(cell.minReached) : "", "data-gap-seconds": String(cell.gapSeconds), "data-seconds": String(cell.seconds) });
      c.append(s("rect", { x: x + 1, y: y + 1, width: CW - 2, height: CH - 2, rx: 3, fill: cell.seconds ? viridis(t) : "var(--cell-out)" }));
      const text = cellText(cell);
      if (text) c.append(s("text", { x: x + CW / 2, y: y + CH / 2 + 4, class: "cell-text", fill: cell.never ? "#fff" : inkOn(t), "text-anchor": "middle" }, text));
      withTooltip(c, () => lines);
      if (onCell) {
        c.addEventListener("click", () => onCell(r, hour));
        c.addEventListener("keydown", (e) => {
          if ((e as KeyboardEvent).key === "Enter") onCell(r, hour);
        });
      }
      g.append(c);
    });
    svg.append(g);
  });
  return svg;
}

function legend(ackTarget: boolean): HTMLElement {
  if (metric === "delay") {
    const items = DELAYS.map((d, i) =>
      h("span", { class: "legend-item" }, h("span", { class: "legend-swatch", style: `background:${viridis(1 - i / DELAYS.length)}` }), `≤ ${d / 60}m`),
    );
    return h("div", { class: "legend", "aria-label": "Legend" }, h("span", { class: "legend-title" }, "Longest delay to the first page in the hour, minutes:"), ...items, h("span", { class: "legend-item" }, h("span", { class: "legend-swatch", style: `background:${viridis(0)}` }, "✕"), "longer or nobody"), h("span", { class: "legend-item" }, h("span", { class: "legend-swatch legend-out" }), "outside window"));
  }
  const items = [0, 1, 2, 3, 4].map((n) =>
    h("span", { class: "legend-item" }, h("span", { class: "legend-swatch", style: `background:${viridis(n / 4)}` }, n === 0 ? "✕" : ""), n === 0 ? "nobody" : n === 4 ? "4+" : String(n)),
  );
  return h("div", { class: "legend", "aria-label": "Legend" }, h("span", { class: "legend-title" }, ackTarget ? "People reached within the ack target (worst case in the hour):" : "People reached (worst case in the hour):"), ...items, h("span", { class: "legend-item" }, h("span", { class: "legend-swatch legend-out" }), "outside window"));
}

export interface CoverageContext {
  analysis: Analysis | null;
  zone: string;
  target: string | null;
  onTarget: (key: string) => void;
  onGap: (gap: GapRow) => void;
  /** Opens the schedules at an instant (a calendar cell's hour). */
  onMoment: (ms: number) => void;
  /** Opens the simulator with an incident on `target` at `ms`. */
  onSimulate: (target: string, ms: number) => void;
  exports: { csv: () => void; svg: () => void; png: () => void };
}

/** The coverage answer in view (the chosen target, else the first). */
export function currentCoverage(a: Analysis | null, target: string | null) {
  if (!a) return null;
  return a.coverage.find((c) => c.key === target) ?? a.coverage[0] ?? null;
}

/** Gap lists longer than this start folded. */
const GAPS_SHOWN = 12;
let gapsUnfolded: string | null = null;

export function renderCoverage(root: HTMLElement, ctx: CoverageContext) {
  const a = ctx.analysis;
  if (!a) return replace(root, notice("Waiting for the engine…"));
  if (a.evaluatorMissing) return replace(root, notice("Coverage is not available in this engine build yet", "This build of the engine checks documents but does not evaluate them yet."));
  if (!a.evaluated) return replace(root, notice("The document has errors", "Coverage is computed once the document is valid: see the problems list.", "error"));
  if (!a.outline.ok) return replace(root, notice("Coverage is not available yet", a.outline.error));
  if (!a.coverage.length) return replace(root, notice("Nothing to cover", "The document has no services or policies."));
  const current = currentCoverage(a, ctx.target)!;
  const select = h("select", { id: "coverage-target", "aria-label": "Service and severity, or policy", onchange: (e: Event) => ctx.onTarget((e.target as HTMLSelectElement).value) });
  for (const c of a.coverage) select.append(h("option", { value: c.key, selected: c.key === current.key }, c.label));
  const metricButtons = ([["reached", "People reached"], ["delay", "First page delay"]] as [Metric, string][]).map(([m, label]) =>
    h("button", { type: "button", class: m === metric ? "seg-btn active" : "seg-btn", "aria-pressed": String(m === metric), "data-metric": m, onclick: () => { metric = m; renderCoverage(root, ctx); } }, label),
  );
  const head = h(
    "div",
    { class: "toolbar" },
    h("label", { class: "field" }, h("span", {}, "Incident on"), select),
    h("div", { class: "seg-group", role: "group", "aria-label": "Heatmap shows" }, ...metricButtons),
    h("span", { class: "spacer" }),
    h(
      "span",
      { class: "export-group", role: "group", "aria-label": "Export" },
      h("span", { class: "field-label" }, "Export"),
      h("button", { type: "button", class: "btn btn-small", id: "export-csv", title: "The gaps as CSV", onclick: ctx.exports.csv, disabled: !current.answer.ok }, "gaps CSV"),
      h("button", { type: "button", class: "btn btn-small", id: "export-svg", title: "The hour-of-week heatmap as SVG", onclick: ctx.exports.svg, disabled: !current.answer.ok }, "SVG"),
      h("button", { type: "button", class: "btn btn-small", id: "export-png", title: "The hour-of-week heatmap as PNG", onclick: ctx.exports.png, disabled: !current.answer.ok }, "PNG"),
    ),
  );
  if (!current.answer.ok) {
    return replace(root, head, notice(current.answer.missing ? "Coverage is not available in this engine build yet" : "Coverage failed", current.answer.missing ? "Heatmaps and gaps appear once the engine answers `coverage`." : current.answer.error, current.answer.missing ? "info" : "error"));
  }
  const cov = current.answer.value;
  const ackTarget = cov.intervals.some((i) => typeof i.reached_within_target === "number");
  const maps = heatmapsOf(cov, ctx.zone);
  const weekRows = DAYS.map((d, i) => ({ label: d, cells: maps.week[i]!, title: (hour: number) => `${d} ${String(hour).padStart(2, "0")}:00–${String(hour + 1).padStart(2, "0")}:00 (${ctx.zone})` }));
  const dayRows = maps.days.map((d) => ({ label: d.label, cells: d.cells, title: (hour: number) => `${d.date} ${String(hour).padStart(2, "0")}:00–${String(hour + 1).padStart(2, "0")}:00 (${ctx.zone})` }));
  const gaps = gapsOf(cov, ackTarget);

  const gapList = gaps.length
    ? h(
        "table",
        { class: "gaps", id: "gap-table" },
        h("thead", {}, h("tr", {}, h("th", {}, "From"), h("th", {}, "To"), h("th", {}, "Length"), h("th", {}, "Kind"), h("th", {}, "Cause"), h("th", {}, h("span", { class: "sr-only" }, "Simulate")))),
        h(
          "tbody",
          {},
          ...(gapsUnfolded === current.key ? gaps : gaps.slice(0, GAPS_SHOWN)).map((g) =>
            h(
              "tr",
              { class: `gap-row gap-${g.severity}`, tabindex: 0, "data-start": new Date(g.start).toISOString(), onclick: () => ctx.onGap(g), onkeydown: (e: Event) => { if ((e as KeyboardEvent).key === "Enter") ctx.onGap(g); }, title: "Open the schedules at this moment" },
              h("td", {}, formatInstantDay(g.start, ctx.zone)),
              h("td", {}, formatInstantDay(g.end, ctx.zone)),
              h("td", {}, formatDuration((g.end - g.start) / 1000)),
              h("td", {}, h("span", { class: `sev-pill sev-pill-${g.severity}` }, g.kind)),
              h("td", {}, rich(g.cause)),
              h(
                "td",
                {},
                h("button", {
                  type: "button",
                  class: "btn btn-small sim-here",
                  title: "Open an incident at the start of this gap in the simulator",
                  onclick: (e: Event) => {
                    e.stopPropagation();
                    ctx.onSimulate(current.key, g.start);
                  },
                }, "simulate"),
              ),
            ),
          ),
        ),
      )
    : h("p", { class: "empty-good" }, "No gaps: every incident in the window pages someone" + (ackTarget ? " and reaches two people within the ack target." : "."));

  replace(
    root,
    head,
    h(
      "section",
      { class: "card" },
      h("header", { class: "card-head" }, h("h3", {}, "Hour of week"), h("span", { class: "muted" }, `${formatInstant(Date.parse(cov.from), ctx.zone)} → ${formatInstant(Date.parse(cov.to), ctx.zone)} · ${ctx.zone} · worst case per hour${maps.fromEngine ? "" : " (derived from the coverage intervals)"}`)),
      legend(ackTarget),
      h("div", { class: "heatmap-wrap", id: "week-heatmap" }, grid(weekRows, ackTarget, `Hour-of-week heatmap for ${current.label}`)),
    ),
    h(
      "section",
      { class: "card" },
      h("header", { class: "card-head" }, h("h3", {}, `Gaps (${gaps.length})`), h("span", { class: "muted" }, gaps.length && gaps[0]!.source === "intervals" ? "derived from the coverage intervals" : `exact intervals in ${ctx.zone} · click one to see the schedules then`)),
      gapList,
      gaps.length > GAPS_SHOWN && gapsUnfolded !== current.key
        ? h("button", { type: "button", class: "btn btn-small more", id: "gaps-more", onclick: () => { gapsUnfolded = current.key; renderCoverage(root, ctx); } }, `Show all ${gaps.length} gaps`)
        : null,
    ),
    h("section", { class: "card" }, h("header", { class: "card-head" }, h("h3", {}, "Calendar"), h("span", { class: "muted" }, "click an hour to see the schedules then")), h("div", { class: "heatmap-wrap", id: "calendar-heatmap" }, grid(dayRows, ackTarget, `Calendar heatmap for ${current.label}`, (row, hour) => {
      const day = maps.days[row];
      if (!day) return;
      const [y, m, d] = day.date.split("-").map(Number) as [number, number, number];
      ctx.onMoment(localTime(y, m, d, hour, ctx.zone));
    }))),
  );
}
