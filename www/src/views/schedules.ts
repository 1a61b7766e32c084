// The Schedules tab: a timeline per schedule (what each layer and override
// contributes when the engine explains it, and the final on-call result),
// zoomable by day / week / month, with a "now" line, tooltips carrying the
// engine's explanation, and the schedule's quality.
import { h, replace, s } from "../dom";
import { inkFor, notice, personColour, withTooltip } from "../ui";
import { formatDuration, formatInstant, formatInstantDay, localMidnight, wall } from "../time";
import type { Analysis, Answer, QualityOutput, Shift, ShiftsOutput } from "../types";

export type Zoom = "day" | "week" | "month";
const ZOOM_DAYS: Record<Zoom, number> = { day: 1, week: 7, month: 30 };

export interface ScheduleViewState {
  zoom: Zoom;
  /** First instant shown (ms); null = window start. */
  start: number | null;
  /** A moment to mark (a gap the user clicked). */
  mark: number | null;
  /** Schedule to scroll to. */
  focus: string | null;
}

export interface ScheduleContext {
  analysis: Analysis | null;
  zone: string;
  from: number;
  to: number;
  view: ScheduleViewState;
  onChange: () => void;
  exportIcs: (schedule: string) => void;
}

/** One reason the engine gives for a person being on call. */
interface Why {
  person?: string;
  layer?: string;
  turn?: number;
  turn_start?: string;
  turn_end?: string;
  override?: number;
  kind?: string;
}

function whys(shift: Shift): Why[] {
  return Array.isArray(shift.why) ? (shift.why as Why[]) : [];
}

/** The engine's explanation of a shift, one line per person. */
export function explain(shift: Shift, zone: string): string[] {
  return whys(shift).map((w) => {
    if (typeof w.layer === "string" && typeof w.override === "number") {
      return `${w.person ?? "?"}: override #${w.override + 1} of layer ${w.layer}${w.kind ? ` (${w.kind})` : ""}`;
    }
    if (typeof w.layer === "string") {
      const turn = typeof w.turn === "number" ? `, turn ${w.turn}` : "";
      const span = w.turn_start && w.turn_end ? ` (${formatInstant(Date.parse(w.turn_start), zone)} → ${formatInstant(Date.parse(w.turn_end), zone)})` : "";
      return `${w.person ?? "?"}: layer ${w.layer}${turn}${span}`;
    }
    if (typeof w.override === "number") return `${w.person ?? "?"}: override #${w.override + 1}${w.kind ? ` (${w.kind})` : ""}`;
    return `${w.person ?? "?"}: ${JSON.stringify(w)}`;
  });
}

function nameOf(a: Analysis | null, id: string): string {
  const people = a?.outline.ok ? a.outline.value.people : [];
  const p = people.find((x) => x.id === id);
  return p?.name ? `${p.name} (${id})` : id;
}

function colourIndex(a: Analysis | null, id: string): number {
  const people = a?.outline.ok ? a.outline.value.people : [];
  const i = people.findIndex((x) => x.id === id);
  return i < 0 ? 7 : i;
}

const ROW_H = 30;
const LABEL_W = 110;

interface Row {
  label: string;
  shifts: Shift[];
}

/** One row per layer (who each layer put in the result), one for overrides, and the result. */
function rowsOf(out: ShiftsOutput, layers: string[]): Row[] {
  // A layer's contribution, with neighbouring shifts that put the same people on merged.
  const only = (keep: (w: Why) => boolean) => {
    const merged: (Shift & { blank: boolean })[] = [];
    for (const shift of out.shifts) {
      const reasons = whys(shift).filter(keep);
      const people = [...new Set(reasons.map((w) => w.person ?? ""))].filter(Boolean).sort();
      const last = merged[merged.length - 1];
      if (last && last.end === shift.start && last.on_call.join(",") === people.join(",") && JSON.stringify(last.why) === JSON.stringify(reasons)) {
        last.end = shift.end;
      } else merged.push({ ...shift, on_call: people, why: reasons, blank: !people.length });
    }
    return merged;
  };
  const rows: Row[] = layers.map((layer) => ({ label: layer, shifts: only((w) => w.layer === layer) }));
  // Schedule overrides (a layer's own show in its row).
  const overrides = only((w) => typeof w.override === "number" && typeof w.layer !== "string");
  if (overrides.some((x) => x.on_call.length)) rows.push({ label: "overrides", shifts: overrides });
  rows.push({ label: "on call", shifts: out.shifts });
  return rows;
}

function timeline(ctx: ScheduleContext, out: ShiftsOutput, start: number, end: number): SVGElement {
  const width = 900;
  const layers = ctx.analysis?.outline.ok ? ctx.analysis.outline.value.schedules.find((x) => x.id === out.schedule)?.layers ?? [] : [];
  const rows = rowsOf(out, layers);
  const axisH = 24;
  const height = axisH + rows.length * (ROW_H + 6) + 4;
  const span = end - start;
  const x = (ms: number) => LABEL_W + ((Math.min(Math.max(ms, start), end) - start) / span) * (width - LABEL_W - 4);
  const svg = s("svg", {
    class: "timeline",
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": `Timeline of ${out.schedule} from ${formatInstant(start, ctx.zone)} to ${formatInstant(end, ctx.zone)}`,
  });
  svg.append(
    s("defs", {}, s("pattern", { id: `hatch-${out.schedule}`, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" }, s("rect", { width: 6, height: 6, class: "hatch-bg" }), s("line", { x1: 0, y1: 0, x2: 0, y2: 6, class: "hatch-line" }))),
  );
  // Axis: one tick per day (per 3 hours when zoomed to a day), in the display zone.
  const first = wall(start, ctx.zone);
  let day = localMidnight(first.year, first.month, first.day, ctx.zone);
  const ticks: number[] = [];
  for (let i = 0; i < 40 && day < end; i++) {
    if (span <= 2 * 86400000) {
      for (let hour = 0; hour < 24; hour += 3) ticks.push(day + hour * 3600000);
    } else ticks.push(day);
    const w = wall(day + 36 * 3600000, ctx.zone);
    day = localMidnight(w.year, w.month, w.day, ctx.zone);
  }
  for (const t of ticks) {
    if (t < start || t > end) continue;
    const w = wall(t, ctx.zone);
    const label = span <= 2 * 86400000 ? `${String(w.hour).padStart(2, "0")}:00` : `${["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][w.weekday]} ${w.day}`;
    svg.append(s("line", { x1: x(t), x2: x(t), y1: axisH - 4, y2: height, class: "tick" }));
    if (span <= 8 * 86400000 || w.weekday === 0) svg.append(s("text", { x: x(t) + 3, y: 14, class: "tick-label" }, label));
  }
  rows.forEach((row, i) => {
    const y = axisH + i * (ROW_H + 6);
    const last = i === rows.length - 1;
    svg.append(s("text", { x: 4, y: y + ROW_H / 2 + 4, class: last ? "row-label row-label-result" : "row-label" }, row.label.length > 16 ? row.label.slice(0, 15) + "…" : row.label));
    if (!last) svg.append(s("rect", { x: LABEL_W, y, width: width - LABEL_W - 4, height: ROW_H, class: "row-bg" }));
    for (const shift of row.shifts) {
      const a = Date.parse(shift.start);
      const b = Date.parse(shift.end);
      if (b <= start || a >= end) continue;
      const x0 = x(a);
      const x1 = x(b);
      const w = Math.max(x1 - x0, 1);
      const people = shift.on_call;
      const blank = (shift as { blank?: boolean }).blank === true;
      if (blank) continue;
      const lines = () => [
        people.length ? people.map((p) => nameOf(ctx.analysis, p)).join(", ") : "Nobody on call (gap)",
        `${formatInstantDay(a, ctx.zone)} → ${formatInstantDay(b, ctx.zone)} (${formatDuration((b - a) / 1000)})`,
        ...explain(shift, ctx.zone),
      ];
      const g = s("g", { class: people.length ? "seg" : "seg seg-gap", tabindex: 0, role: "img", "aria-label": lines().join(". ") });
      if (!people.length) {
        g.append(s("rect", { x: x0, y, width: w, height: ROW_H, fill: `url(#hatch-${out.schedule})`, class: "gap-rect" }));
      } else {
        const band = ROW_H / people.length;
        people.forEach((p, k) => {
          g.append(s("rect", { x: x0, y: y + k * band, width: w, height: band, fill: personColour(colourIndex(ctx.analysis, p)), class: "person-rect" }));
        });
      }
      const label = people.length ? people.join(" + ") : "gap";
      if (w > label.length * 6.5 + 8) {
        const fill = people.length ? inkFor(personColour(colourIndex(ctx.analysis, people[0]!))) : "var(--danger)";
        g.append(s("text", { x: x0 + 4, y: y + ROW_H / 2 + 4, class: "seg-label", fill }, label));
      } else if (people.length > 1) {
        // Several people: each band carries its own name when it fits.
        const band = ROW_H / people.length;
        people.forEach((p, k) => {
          if (w > p.length * 5.6 + 6 && band >= 12) {
            g.append(s("text", { x: x0 + 3, y: y + k * band + band / 2 + 3.5, class: "seg-label seg-label-small", fill: inkFor(personColour(colourIndex(ctx.analysis, p))) }, p));
          }
        });
      }
      withTooltip(g, lines);
      svg.append(g);
    }
  });
  const now = Date.now();
  if (now >= start && now <= end) {
    svg.append(s("line", { x1: x(now), x2: x(now), y1: axisH - 6, y2: height, class: "now-line" }), s("text", { x: x(now) + 3, y: axisH - 8, class: "now-label" }, "now"));
  }
  if (ctx.view.mark !== null && ctx.view.mark >= start && ctx.view.mark <= end) {
    svg.append(s("line", { x1: x(ctx.view.mark), x2: x(ctx.view.mark), y1: axisH - 6, y2: height, class: "mark-line" }));
  }
  return svg;
}

interface Load {
  person: string;
  seconds: number;
}

function qualityPanel(q: Answer<QualityOutput> | undefined, a: Analysis | null): HTMLElement | null {
  if (!q) return null;
  if (!q.ok) {
    return h("p", { class: "quality-missing" }, q.missing ? "Schedule quality (coverage, balance, who carries more) is not available in this engine build yet." : `Quality: ${q.error}`);
  }
  const v = q.value as { coverage?: number; balance?: number; people?: Load[]; overloaded?: Load[] };
  const pct = (x: number | undefined) => (typeof x === "number" ? `${(x * 100).toFixed(1)}%` : "—");
  const people = Array.isArray(v.people) ? v.people : [];
  const over = new Set((v.overloaded ?? []).map((l) => l.person));
  const max = Math.max(1, ...people.map((p) => p.seconds));
  const total = people.reduce((n, p) => n + p.seconds, 0);
  const bars = h(
    "div",
    { class: "load-bars", role: "list", "aria-label": "On-call time per person" },
    ...[...people]
      .sort((x, y) => y.seconds - x.seconds)
      .map((p) =>
        h(
          "div",
          { class: over.has(p.person) ? "load load-over" : "load", role: "listitem" },
          h("span", { class: "load-name" }, nameOf(a, p.person)),
          h("span", { class: "load-track" }, h("span", { class: "load-fill", style: `width:${((p.seconds / max) * 100).toFixed(1)}%;background:${personColour(colourIndex(a, p.person))}` })),
          h("span", { class: "load-value" }, `${formatDuration(p.seconds)}${total ? ` · ${((p.seconds / total) * 100).toFixed(0)}%` : ""}${over.has(p.person) ? " · above average" : ""}`),
        ),
      ),
  );
  return h(
    "div",
    { class: "quality" },
    h(
      "div",
      { class: "quality-stats" },
      h("div", { class: "stat" }, h("span", { class: "stat-value" }, pct(v.coverage)), h("span", { class: "stat-label" }, "coverage")),
      h("div", { class: "stat" }, h("span", { class: "stat-value" }, pct(v.balance)), h("span", { class: "stat-label" }, "balance")),
      h("div", { class: "stat" }, h("span", { class: "stat-value stat-text" }, over.size ? [...over].join(", ") : "nobody"), h("span", { class: "stat-label" }, "carry more than average")),
    ),
    people.length ? bars : null,
  );
}

export function renderSchedules(root: HTMLElement, ctx: ScheduleContext) {
  const a = ctx.analysis;
  if (!a) return replace(root, notice("Waiting for the engine…"));
  if (a.evaluatorMissing) return replace(root, notice("Schedules are not available in this engine build yet", "This build of the engine checks documents but does not evaluate them yet."));
  if (!a.evaluated) return replace(root, notice("The document has errors", "Schedules are drawn once the document is valid: see the problems list.", "error"));
  if (!a.outline.ok) return replace(root, notice("Schedules are not available yet", a.outline.error));
  const schedules = a.outline.value.schedules;
  if (!schedules.length) return replace(root, notice("No schedules in this document"));

  const days = ZOOM_DAYS[ctx.view.zoom];
  // A month is 30 days, or the whole window when that is shorter.
  const span = Math.min(ctx.view.zoom === "month" ? 30 * 86400000 : days * 86400000, Math.max(ctx.to - ctx.from, 86400000));
  let start = ctx.view.start ?? ctx.from;
  start = Math.min(Math.max(start, ctx.from), Math.max(ctx.from, ctx.to - span));
  const end = start + span;

  const zoomButtons = (["day", "week", "month"] as Zoom[]).map((z) =>
    h("button", { type: "button", class: z === ctx.view.zoom ? "seg-btn active" : "seg-btn", "aria-pressed": String(z === ctx.view.zoom), onclick: () => { ctx.view.zoom = z; ctx.onChange(); } }, z),
  );
  const pan = (dir: number) => () => {
    ctx.view.start = start + dir * span;
    ctx.onChange();
  };
  const toolbar = h(
    "div",
    { class: "toolbar" },
    h("div", { class: "seg-group", role: "group", "aria-label": "Zoom" }, ...zoomButtons),
    h("button", { type: "button", class: "btn", onclick: pan(-1), disabled: start <= ctx.from, "aria-label": "Earlier" }, "←"),
    h("span", { class: "range-label" }, `${formatInstant(start, ctx.zone)} → ${formatInstant(end, ctx.zone)}`),
    h("button", { type: "button", class: "btn", onclick: pan(1), disabled: end >= ctx.to, "aria-label": "Later" }, "→"),
    h("span", { class: "zone-label" }, ctx.zone),
  );
  const cards: Node[] = [toolbar];
  for (const sched of schedules) {
    const answer = a.shifts[sched.id];
    const card = h("section", { class: "card schedule-card", id: `schedule-${sched.id}`, "data-schedule": sched.id }, h("header", { class: "card-head" }, h("h3", {}, sched.id), answer?.ok ? h("button", { type: "button", class: "btn btn-small", onclick: () => ctx.exportIcs(sched.id) }, "Export .ics") : null));
    if (!answer) card.append(notice("No shifts asked for"));
    else if (!answer.ok) card.append(notice(answer.missing ? "Shifts are not available in this engine build yet" : "Shifts failed", answer.missing ? "The timeline appears once the engine answers `shifts`." : answer.error, answer.missing ? "info" : "error"));
    else {
      const now = Date.now();
      const current = answer.value.shifts.find((x) => Date.parse(x.start) <= now && now < Date.parse(x.end));
      if (current) {
        const until = Date.parse(current.end);
        card.append(
          h(
            "p",
            { class: "on-call-now" },
            h("span", { class: "muted" }, "On call now: "),
            h("strong", {}, current.on_call.length ? current.on_call.map((p) => nameOf(ctx.analysis, p)).join(", ") : "nobody"),
            h("span", { class: "muted" }, ` until ${formatInstantDay(until, ctx.zone)}${until >= ctx.to ? " or later" : ""}`),
          ),
        );
      }
      card.append(h("div", { class: "timeline-wrap" }, timeline(ctx, answer.value, start, end)));
      const gaps = answer.value.shifts.filter((x) => !x.on_call.length);
      const gapSeconds = gaps.reduce((n, x) => n + (Date.parse(x.end) - Date.parse(x.start)) / 1000, 0);
      card.append(h("p", { class: "schedule-foot" }, `${answer.value.shifts.length} shifts in the window · ${gaps.length ? `${gaps.length} empty intervals, ${formatDuration(gapSeconds)} with nobody on call` : "never empty"}`));
    }
    const q = qualityPanel(a.quality[sched.id], a);
    if (q) card.append(q);
    cards.push(card);
  }
  replace(root, ...cards);
  if (ctx.view.focus) {
    document.getElementById(`schedule-${ctx.view.focus}`)?.scrollIntoView({ block: "nearest" });
    ctx.view.focus = null;
  }
}
