// The Schedules tab: per schedule a timeline of what each layer and the
// overrides put on call and the final result, in the display zone (day /
// week / window zoom, a "now" line, tooltips with the layer and turn or
// override), and the schedule's quality. Shifts and their explanations are
// the engine's; instants are shown through the engine (clock.ts), one call
// per drawing.
import type { LocalTime, QualityOutput, Shift, ShiftsOutput, Why } from "escalator";
import { h, replace, s } from "../dom";
import { inkFor, notice, personColour, withTooltip } from "../ui";
import { addDays, dateText, dateTimeText, dayTimeText, formatDuration, formatter, instantsOf, weekdayOf } from "../clock";
import type { Analysis, Answer } from "../types";

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
  /** Downloads the engine's calendar of a schedule, or of one person's shifts in every schedule. */
  exportIcs: (which: { schedule: string } | { person: string }) => void;
}

/** A shift's explanation (the page asks for shifts with `explain: true`). */
function whys(shift: Shift): Why[] {
  return shift.why ?? [];
}

/** The bounds of the turn or event occurrence an explanation names, if any. */
function whyBounds(w: Why): [string, string] | null {
  if ("turn" in w) return [w.turn_start, w.turn_end];
  if ("event" in w) return [w.event_start, w.event_end];
  return null;
}

/** The instants an explanation mentions (turn and event occurrence bounds). */
export function whyInstants(shift: Shift): number[] {
  return whys(shift).flatMap((w) => whyBounds(w)?.map(Date.parse) ?? []);
}

/** The engine's explanation of a shift, one line per person. */
export function explain(shift: Shift, local: (ms: number) => LocalTime): string[] {
  return whys(shift).map((w) => {
    const bounds = whyBounds(w);
    const span = bounds ? ` (${dateTimeText(local(Date.parse(bounds[0])))} → ${dateTimeText(local(Date.parse(bounds[1])))})` : "";
    if ("turn" in w) return `${w.person}: layer ${w.layer}, turn ${w.turn}${span}`;
    if ("event" in w) return `${w.person}: layer ${w.layer}, ${w.uid === null ? `event ${w.event + 1}` : `event ${w.uid}`}${span}`;
    if ("layer" in w) return `${w.person}: override #${w.override + 1} of layer ${w.layer} (${w.kind})`;
    return `${w.person}: override #${w.override + 1} (${w.kind})`;
  });
}

function nameOf(a: Analysis | null, id: string): string {
  const people = a?.outline?.people ?? [];
  const p = people.find((x) => x.id === id);
  return p?.name ? `${p.name} (${id})` : id;
}

function colourIndex(a: Analysis | null, id: string): number {
  const people = a?.outline?.people ?? [];
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
      const people = [...new Set(reasons.map((w) => w.person))].sort();
      const last = merged[merged.length - 1];
      if (last && last.end === shift.start && last.on_call.join(",") === people.join(",") && JSON.stringify(last.why) === JSON.stringify(reasons)) {
        last.end = shift.end;
      } else merged.push({ ...shift, on_call: people, why: reasons, blank: !people.length });
    }
    return merged;
  };
  const rows: Row[] = layers.map((layer) => ({ label: layer, shifts: only((w) => "layer" in w && w.layer === layer) }));
  // Schedule overrides (a layer's own show in its row).
  const overrides = only((w) => "override" in w && !("layer" in w));
  if (overrides.some((x) => x.on_call.length)) rows.push({ label: "overrides", shifts: overrides });
  rows.push({ label: "on call", shifts: out.shifts });
  return rows;
}

/** The day ticks of `[start, end)` in the zone (every 3 hours when zoomed to a day): instants and labels. */
function ticksOf(zone: string, start: number, end: number, local: (ms: number) => LocalTime): Tick[] {
  const byHour = end - start <= 2 * 86400000;
  const dates: string[] = [];
  for (let d = dateText(local(start)); dates.length < 40; d = addDays(d, 1)) {
    dates.push(d);
    if (d >= dateText(local(end))) break;
  }
  const hours = byHour ? [0, 3, 6, 9, 12, 15, 18, 21] : [0];
  const locals = dates.flatMap((d) => hours.map((hour) => (hour ? `${d}T${String(hour).padStart(2, "0")}:00` : d)));
  // One engine call for every tick: local midnights (or hours) to instants.
  return instantsOf(zone, locals).map((at, i) => {
    const date = dates[Math.floor(i / hours.length)]!;
    const hour = hours[i % hours.length]!;
    const weekday = weekdayOf(date);
    return { at, label: byHour ? `${String(hour).padStart(2, "0")}:00` : `${weekday} ${Number(date.slice(8))}`, monday: weekday === "Mon" };
  });
}

type Tick = { at: number; label: string; monday: boolean };

function timeline(ctx: ScheduleContext, out: ShiftsOutput, start: number, end: number, ticks: Tick[]): SVGElement {
  const width = 900;
  const layers = ctx.analysis?.outline?.schedules.find((x) => x.id === out.schedule)?.layers ?? [];
  const rows = rowsOf(out, layers);
  const axisH = 24;
  const height = axisH + rows.length * (ROW_H + 6) + 4;
  const span = end - start;
  const x = (ms: number) => LABEL_W + ((Math.min(Math.max(ms, start), end) - start) / span) * (width - LABEL_W - 4);
  const svg = s("svg", {
    class: "timeline",
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": `Timeline of ${out.schedule}`,
  });
  svg.append(
    s("defs", {}, s("pattern", { id: `hatch-${out.schedule}`, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" }, s("rect", { width: 6, height: 6, class: "hatch-bg" }), s("line", { x1: 0, y1: 0, x2: 0, y2: 6, class: "hatch-line" }))),
  );
  // Axis: one tick per day (per 3 hours when zoomed to a day), in the display zone.
  for (const t of ticks) {
    if (t.at < start || t.at > end) continue;
    svg.append(s("line", { x1: x(t.at), x2: x(t.at), y1: axisH - 4, y2: height, class: "tick" }));
    if (span <= 8 * 86400000 || t.monday) svg.append(s("text", { x: x(t.at) + 3, y: 14, class: "tick-label" }, t.label));
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
      // Shown on hover: one engine call for the instants it names.
      const lines = () => {
        const at = formatter(ctx.zone, [a, b, ...whyInstants(shift)]);
        return [
          people.length ? people.map((p) => nameOf(ctx.analysis, p)).join(", ") : "Nobody on call (gap)",
          `${dayTimeText(at(a))} → ${dayTimeText(at(b))} (${formatDuration((b - a) / 1000)})`,
          ...explain(shift, at),
        ];
      };
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

function qualityPanel(q: Answer<QualityOutput> | undefined, a: Analysis | null): HTMLElement | null {
  if (!q) return null;
  if (!q.ok) return h("p", { class: "quality-missing" }, `Quality: ${q.error.message}`);
  const v = q.value;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const people = v.people;
  const over = new Set(v.overloaded.map((l) => l.person));
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

/** "My on-call": a person's shifts in every schedule, as a calendar. */
function myOnCall(ctx: ScheduleContext, people: { id: string; name?: string }[]): Node | null {
  if (!people.length) return null;
  const who = h("select", { id: "ics-person", "aria-label": "Whose on-call calendar" }, ...people.map((p) => h("option", { value: p.id }, p.name ?? p.id)));
  return h("span", { class: "my-on-call" }, who, h("button", { type: "button", class: "btn btn-small", id: "ics-person-export", onclick: () => ctx.exportIcs({ person: who.value }) }, "My on-call .ics"));
}

export function renderSchedules(root: HTMLElement, ctx: ScheduleContext) {
  const a = ctx.analysis;
  if (!a) return replace(root, notice("Waiting for the engine…"));
  if (!a.evaluated || !a.outline) return replace(root, notice("The document has errors", "Schedules are drawn once the document is valid: see the problems list.", "error"));
  const schedules = a.outline.schedules;
  if (!schedules.length) return replace(root, notice("No schedules in this document"));

  const days = ZOOM_DAYS[ctx.view.zoom];
  // A month is 30 days, or the whole window when that is shorter.
  const span = Math.min(ctx.view.zoom === "month" ? 30 * 86400000 : days * 86400000, Math.max(ctx.to - ctx.from, 86400000));
  let start = ctx.view.start ?? ctx.from;
  start = Math.min(Math.max(start, ctx.from), Math.max(ctx.from, ctx.to - span));
  const end = start + span;
  // Every instant this drawing shows in the display zone: one engine call
  // (and one for the ticks); tooltips ask on hover.
  const now = Date.now();
  const currents = new Map<string, Shift>();
  for (const sched of schedules) {
    const answer = a.shifts[sched.id];
    const current = answer?.ok ? answer.value.shifts.find((x) => Date.parse(x.start) <= now && now < Date.parse(x.end)) : undefined;
    if (current) currents.set(sched.id, current);
  }
  const local = formatter(ctx.zone, [start, end, ...[...currents.values()].map((x) => Date.parse(x.end))]);
  const ticks = ticksOf(ctx.zone, start, end, local);

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
    h("span", { class: "range-label" }, `${dateTimeText(local(start))} → ${dateTimeText(local(end))}`),
    h("button", { type: "button", class: "btn", onclick: pan(1), disabled: end >= ctx.to, "aria-label": "Later" }, "→"),
    h("span", { class: "zone-label" }, ctx.zone),
    myOnCall(ctx, a.outline.people),
  );
  const cards: Node[] = [toolbar];
  for (const sched of schedules) {
    const answer = a.shifts[sched.id];
    const card = h("section", { class: "card schedule-card", id: `schedule-${sched.id}`, "data-schedule": sched.id }, h("header", { class: "card-head" }, h("h3", {}, sched.id), answer?.ok ? h("button", { type: "button", class: "btn btn-small", onclick: () => ctx.exportIcs({ schedule: sched.id }) }, "Export .ics") : null));
    if (!answer) card.append(notice("No shifts asked for"));
    else if (!answer.ok) card.append(notice("Shifts failed", answer.error.message, "error"));
    else {
      const current = currents.get(sched.id);
      if (current) {
        const until = Date.parse(current.end);
        card.append(
          h(
            "p",
            { class: "on-call-now" },
            h("span", { class: "muted" }, "On call now: "),
            h("strong", {}, current.on_call.length ? current.on_call.map((p) => nameOf(ctx.analysis, p)).join(", ") : "nobody"),
            h("span", { class: "muted" }, ` until ${dayTimeText(local(until))}${until >= ctx.to ? " or later" : ""}`),
          ),
        );
      }
      card.append(h("div", { class: "timeline-wrap" }, timeline(ctx, answer.value, start, end, ticks)));
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
