// The Coverage tab: per service and severity (or per policy) the engine's
// hour-of-week and calendar heatmaps in the display zone and its gaps with
// their exact intervals and cause. Everything drawn is the engine's answer
// (coverage in columns, expanded here); instants are shown in the display
// zone through the engine (clock.ts).
import type { CoverageCompact, CoveragePlan, HeatmapCell, Page } from "escalator";
import { h, replace, rich, s } from "../dom";
import { inkOn, notice, viridis, withTooltip } from "../ui";
import { dateTimeText, formatDuration, formatter, instantsOf, shortText, weekdayOf } from "../clock";
import type { Analysis, CoverageTarget } from "../types";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** One interval of incident start times (epoch ms) and what an incident then gets. */
export interface Interval {
  start: number;
  end: number;
  plan: CoveragePlan;
}

/** The intervals of a coverage answer in columns. */
export function intervalsOf(c: CoverageCompact): Interval[] {
  return Array.from(c.plan, (k, i) => ({ start: c.bounds[i]!, end: c.bounds[i + 1]!, plan: c.plans[k]! }));
}

/** The pages (levels that page someone) of a plan. */
export function pagesOf(c: CoverageCompact, plan: CoveragePlan): Page[] {
  return plan.plan.map((k) => c.pages[k]!);
}

/** The interval holding `ms` (binary search over the bounds), if any. */
export function intervalAt(c: CoverageCompact, ms: number): Interval | null {
  let lo = 0;
  let hi = c.plan.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.bounds[mid + 1]! <= ms) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= c.plan.length || c.bounds[lo]! > ms) return null;
  return { start: c.bounds[lo]!, end: c.bounds[lo + 1]!, plan: c.plans[c.plan[lo]!]! };
}

/** Whether the severity gives an acknowledgement target (the figures then count within it). */
export function hasAckTarget(c: CoverageCompact): boolean {
  return c.plans.some((p) => typeof p.reached_within_target === "number");
}

/** A gap as listed: the engine's `gaps`, instants in epoch ms. */
export interface GapRow {
  start: number;
  end: number;
  severity: "error" | "warning" | "info";
  kind: string;
  cause: string;
  schedule: string | null;
}

/** The gaps of one coverage answer, as the engine lists them. */
export function gapsOf(c: CoverageCompact): GapRow[] {
  return c.gaps.map((g) => ({
    start: Date.parse(g.start),
    end: Date.parse(g.end),
    severity: g.severity,
    kind: g.kind,
    cause: g.message,
    schedule: g.schedule ?? null,
  }));
}

function level(p: Page): string {
  const who = [...p.people, ...p.vendors.map((v) => `vendor ${v}`)].join(", ") || "nobody";
  const role = p.role ? ` ${p.role}` : "";
  return `step ${p.step}${role}, pass ${p.pass} (+${formatDuration(p.after_seconds)}): ${who}`;
}

/** The tooltip of a cell: its title and the engine's worst case. */
function cellLines(title: string, cell: HeatmapCell, ackTarget: boolean): string[] {
  if (!cell.seconds) return [title, "outside the window"];
  const lines = [title];
  const people = ackTarget ? "within the ack target" : "in the whole plan";
  const fewest = cell.fewest_reached ?? 0;
  lines.push(`worst case: ${fewest} ${fewest === 1 ? "person" : "people"} reached ${people}`);
  lines.push(cell.gap_seconds > 0 ? `nobody paged for ${formatDuration(cell.gap_seconds)}` : `first page after ${formatDuration(cell.longest_first_page_seconds ?? 0)} at worst`);
  return lines;
}

/** The levels an incident opening at `ms` gets. */
function levelLines(c: CoverageCompact, ms: number, label: string): string[] {
  const i = intervalAt(c, ms);
  if (!i) return [];
  const lines = [`levels for an incident at ${label}:`];
  if (!i.plan.plan.length) lines.push("  (no level pages anyone)");
  for (const p of pagesOf(c, i.plan)) lines.push(`  ${level(p)}`);
  return lines;
}

/** What the heatmap colours: people reached, or the delay to the first page. */
export type Metric = "reached" | "delay";
let metric: Metric = "reached";

/** Delay steps of the legend, in seconds (the last is "longer"). */
const DELAYS = [0, 300, 900, 1800, 3600];

function cellValue(cell: HeatmapCell): number {
  if (metric === "delay") {
    if (cell.gap_seconds > 0) return 0;
    const d = cell.longest_first_page_seconds ?? 0;
    const step = DELAYS.findIndex((x) => d <= x);
    return 1 - (step < 0 ? DELAYS.length : step) / DELAYS.length;
  }
  // 0 people -> 0, 4 or more -> 1.
  return Math.min(cell.fewest_reached ?? 0, 4) / 4;
}

function cellText(cell: HeatmapCell): string {
  if (!cell.seconds) return "";
  if (cell.gap_seconds > 0) return "✕";
  if (metric === "delay") return String(Math.round((cell.longest_first_page_seconds ?? 0) / 60));
  return String(cell.fewest_reached ?? "");
}

const CW = 30;
const CH = 22;

interface Row {
  label: string;
  cells: HeatmapCell[];
  title: (hour: number) => string;
  /** More tooltip lines, asked for when the cell is shown (one engine call then). */
  more?: (hour: number) => string[];
}

/** An SVG grid; rows labelled on the left, hours along the top. */
function grid(rows: Row[], ackTarget: boolean, label: string, onCell?: (row: number, hour: number) => void): SVGElement {
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
      const gap = cell.gap_seconds > 0;
      const c = s("g", {
        class: gap ? "cell cell-gap" : cell.seconds ? "cell" : "cell cell-out",
        role: "gridcell",
        tabindex: r === 0 && hour === 0 ? 0 : -1,
        "aria-label": lines.join(". "),
        "data-row": r,
        "data-hour": hour,
        "data-reached": cell.seconds ? String(cell.fewest_reached) : "",
        "data-gap-seconds": String(cell.gap_seconds),
        "data-seconds": String(cell.seconds),
      });
      c.append(s("rect", { x: x + 1, y: y + 1, width: CW - 2, height: CH - 2, rx: 3, fill: cell.seconds ? viridis(t) : "var(--cell-out)" }));
      const text = cellText(cell);
      if (text) c.append(s("text", { x: x + CW / 2, y: y + CH / 2 + 4, class: "cell-text", fill: gap ? "#fff" : inkOn(t), "text-anchor": "middle" }, text));
      withTooltip(c, () => (cell.seconds && row.more ? [...lines, ...row.more(hour)] : lines));
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
  // One tab stop for the whole grid; the arrow keys move between hours and rows.
  svg.addEventListener("keydown", (e) => {
    const k = (e as KeyboardEvent).key;
    const moves: Record<string, [number, number]> = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0], Home: [0, -24], End: [0, 24] };
    const move = moves[k];
    const from = (e.target as Element).closest(".cell") as SVGElement | null;
    if (!move || !from) return;
    e.preventDefault();
    const r = Math.min(Math.max(Number(from.dataset.row) + move[0], 0), rows.length - 1);
    const hr = Math.min(Math.max(Number(from.dataset.hour) + move[1], 0), 23);
    const to = svg.querySelector<SVGElement>(`.cell[data-row="${r}"][data-hour="${hr}"]`);
    if (!to) return;
    from.setAttribute("tabindex", "-1");
    to.setAttribute("tabindex", "0");
    to.focus();
  });
  return svg;
}

function legend(ackTarget: boolean): HTMLElement {
  if (metric === "delay") {
    const items = DELAYS.map((d, i) => h("span", { class: "legend-item" }, h("span", { class: "legend-swatch", style: `background:${viridis(1 - i / DELAYS.length)}` }), `≤ ${d / 60}m`));
    return h("div", { class: "legend", "aria-label": "Legend" }, h("span", { class: "legend-title" }, "Longest delay to the first page in the hour, minutes:"), ...items, h("span", { class: "legend-item" }, h("span", { class: "legend-swatch", style: `background:${viridis(0)}` }, "✕"), "longer or nobody"), h("span", { class: "legend-item" }, h("span", { class: "legend-swatch legend-out" }), "outside window"));
  }
  const items = [0, 1, 2, 3, 4].map((n) => h("span", { class: "legend-item" }, h("span", { class: "legend-swatch", style: `background:${viridis(n / 4)}` }, n === 0 ? "✕" : ""), n === 0 ? "nobody" : n === 4 ? "4+" : String(n)));
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
export function currentCoverage(a: Analysis | null, target: string | null): CoverageTarget | null {
  if (!a) return null;
  return a.coverage.find((c) => c.key === target) ?? a.coverage[0] ?? null;
}

/** Gap lists longer than this start folded. */
const GAPS_SHOWN = 12;
let gapsUnfolded: string | null = null;

const hh = (hour: number) => String(hour).padStart(2, "0");

export function renderCoverage(root: HTMLElement, ctx: CoverageContext) {
  const a = ctx.analysis;
  if (!a) return replace(root, notice("Waiting for the engine…"));
  if (!a.evaluated) return replace(root, notice("The document has errors", "Coverage is computed once the document is valid: see the problems list.", "error"));
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
  if (!current.answer.ok) return replace(root, head, notice("Coverage failed", current.answer.error.message, "error"));
  const cov = current.answer.value;
  const maps = cov.heatmaps;
  // Heatmaps come with the target in view, in the zone asked; a new target
  // or zone is a new analysis, on its way.
  if (!maps || maps.zone !== ctx.zone) return replace(root, head, notice("Drawing the heatmaps…"));
  const ackTarget = hasAckTarget(cov);
  const gaps = gapsOf(cov);
  const shownGaps = gapsUnfolded === current.key ? gaps : gaps.slice(0, GAPS_SHOWN);
  // Every instant this drawing shows, in the display zone: one engine call.
  const local = formatter(ctx.zone, [Date.parse(cov.from), Date.parse(cov.to), ...shownGaps.flatMap((g) => [g.start, g.end])]);

  const weekRows: Row[] = maps.hour_of_week.map((row, i) => ({ label: DAYS[i]!, cells: row.hours, title: (hour) => `${DAYS[i]} ${hh(hour)}:00–${hh(hour + 1)}:00 (${ctx.zone})` }));
  const dayRows: Row[] = maps.calendar.map((row) => ({
    label: `${weekdayOf(row.date)} ${row.date.slice(5)}`,
    cells: row.hours,
    title: (hour) => `${row.date} ${hh(hour)}:00–${hh(hour + 1)}:00 (${ctx.zone})`,
    more: (hour) => {
      const at = instantsOf(ctx.zone, [`${row.date}T${hh(hour)}:00`])[0];
      return at === undefined ? [] : levelLines(cov, at, `${hh(hour)}:00`);
    },
  }));

  const gapList = gaps.length
    ? h(
        "table",
        { class: "gaps", id: "gap-table" },
        h("thead", {}, h("tr", {}, h("th", {}, "From"), h("th", {}, "To"), h("th", {}, "Length"), h("th", {}, "Kind"), h("th", {}, "Cause"), h("th", {}, h("span", { class: "sr-only" }, "Simulate")))),
        h(
          "tbody",
          {},
          ...shownGaps.map((g) =>
            h(
              "tr",
              { class: `gap-row gap-${g.severity}`, tabindex: 0, "data-start": new Date(g.start).toISOString(), "data-end": new Date(g.end).toISOString(), onclick: () => ctx.onGap(g), onkeydown: (e: Event) => { if ((e as KeyboardEvent).key === "Enter") ctx.onGap(g); }, title: "Open the schedules at this moment" },
              h("td", { title: dateTimeText(local(g.start)), class: "gap-from" }, shortText(local(g.start))),
              h("td", { title: dateTimeText(local(g.end)), class: "gap-to" }, shortText(local(g.end))),
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
      h("header", { class: "card-head" }, h("h3", {}, "Hour of week"), h("span", { class: "muted" }, `${dateTimeText(local(Date.parse(cov.from)))} → ${dateTimeText(local(Date.parse(cov.to)))} · ${ctx.zone} · worst case per hour`)),
      legend(ackTarget),
      h("div", { class: "heatmap-wrap", id: "week-heatmap" }, grid(weekRows, ackTarget, `Hour-of-week heatmap for ${current.label}`)),
    ),
    h(
      "section",
      { class: "card" },
      h("header", { class: "card-head" }, h("h3", {}, `Gaps (${gaps.length})`), h("span", { class: "muted" }, `exact intervals in ${ctx.zone} · click one to see the schedules then`)),
      h("div", { class: "gaps-wrap" }, gapList),
      gaps.length > GAPS_SHOWN && gapsUnfolded !== current.key
        ? h("button", { type: "button", class: "btn btn-small more", id: "gaps-more", onclick: () => { gapsUnfolded = current.key; renderCoverage(root, ctx); } }, `Show all ${gaps.length} gaps`)
        : null,
    ),
    h(
      "section",
      { class: "card" },
      h("header", { class: "card-head" }, h("h3", {}, "Calendar"), h("span", { class: "muted" }, "click an hour to see the schedules then")),
      h(
        "div",
        { class: "heatmap-wrap", id: "calendar-heatmap" },
        grid(dayRows, ackTarget, `Calendar heatmap for ${current.label}`, (row, hour) => {
          const day = maps.calendar[row];
          if (!day) return;
          const at = instantsOf(ctx.zone, [`${day.date}T${hh(hour)}:00`])[0];
          if (at !== undefined) ctx.onMoment(at);
        }),
      ),
    ),
  );
}
