// Instants in the display zone, from the engine: the page never converts an
// instant with the browser's time zone data (Intl), so the page and the
// CLI read the same database. The page's own copy of the engine (the
// module the worker compiled, instantiated on this thread) answers in one
// call per drawing: a view collects the instants it shows, asks once, then
// formats the wall clocks it got back.
import type { LocalTime } from "escalator";

/** What the page needs of its engine instance. */
export interface ClockEngine {
  zones(): string[];
  localTimes(zone: string, instants: ArrayLike<number>): { ok: true; value: LocalTime[] } | { ok: false; error: { message: string } };
  instantsOf(zone: string, locals: string[]): { ok: true; value: number[] } | { ok: false; error: { message: string } };
}

let engine: ClockEngine | null = null;
let zoneSet: Set<string> | null = null;

/** Called once the engine is instantiated on this thread. */
export function setClockEngine(e: ClockEngine) {
  engine = e;
  zoneSet = null;
}

function need(): ClockEngine {
  if (!engine) throw new Error("the engine is not loaded yet");
  return engine;
}

/** Every zone the engine knows. */
export function zones(): string[] {
  return need().zones();
}

export function isZone(zone: string): boolean {
  zoneSet ??= new Set(zones());
  return zoneSet.has(zone);
}

/** The browser's zone name (only its name: conversions are the engine's), or UTC. */
export function browserZone(): string {
  let name = "UTC";
  try {
    name = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    // no Intl: UTC
  }
  return engine && !isZone(name) ? "UTC" : name;
}

/** The wall clocks of `instants` (epoch ms) in `zone`: one engine call. */
export function localTimes(zone: string, instants: readonly number[]): LocalTime[] {
  if (!instants.length) return [];
  const r = need().localTimes(zone, instants);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** The instants (epoch ms) of local date-times or dates in `zone`: one engine call. */
export function instantsOf(zone: string, locals: string[]): number[] {
  if (!locals.length) return [];
  const r = need().instantsOf(zone, locals);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/**
 * Formats many instants at once: `const f = formatter(zone, [a, b]); f(a)`.
 * Instants not given up front are converted one by one (a tooltip, say).
 */
export function formatter(zone: string, instants: readonly number[]): (ms: number) => LocalTime {
  const known = new Map<number, LocalTime>();
  const all = [...new Set(instants.filter((x) => Number.isFinite(x)))];
  localTimes(zone, all).forEach((l, i) => known.set(all[i]!, l));
  return (ms) => known.get(ms) ?? localTimes(zone, [ms])[0]!;
}

const pad = (n: number) => String(n).padStart(2, "0");
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** `2026-03-29` */
export function dateText(l: LocalTime): string {
  return `${String(l.year).padStart(4, "0")}-${pad(l.month)}-${pad(l.day)}`;
}

/** `2026-03-29 02:30` (seconds shown when not zero). */
export function dateTimeText(l: LocalTime): string {
  return `${dateText(l)} ${pad(l.hour)}:${pad(l.minute)}${l.second ? `:${pad(l.second)}` : ""}`;
}

/** `Sun 2026-03-29 02:30`. */
export function dayTimeText(l: LocalTime): string {
  return `${WEEKDAYS[l.weekday - 1]} ${dateTimeText(l)}`;
}

/** `Sun 03-29 02:30`: the window above gives the year. */
export function shortText(l: LocalTime): string {
  return `${WEEKDAYS[l.weekday - 1]} ${pad(l.month)}-${pad(l.day)} ${pad(l.hour)}:${pad(l.minute)}${l.second ? `:${pad(l.second)}` : ""}`;
}

/** `YYYY-MM-DDTHH:MM`, a datetime-local input's value. */
export function inputText(l: LocalTime): string {
  return `${dateText(l)}T${pad(l.hour)}:${pad(l.minute)}`;
}

/** The weekday name of a civil date `YYYY-MM-DD` (calendar arithmetic, no zone). */
export function weekdayOf(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7]!;
}

/** The civil date `days` after `date` (calendar arithmetic, no zone). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** `1h 30m`, `45s`, `2d 3h`. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return "0m";
  const units: [number, string][] = [
    [86400, "d"],
    [3600, "h"],
    [60, "m"],
    [1, "s"],
  ];
  const out: string[] = [];
  let rest = Math.abs(seconds);
  for (const [size, unit] of units) {
    if (rest >= size) {
      out.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
    if (out.length === 2) break;
  }
  return (seconds < 0 ? "-" : "") + out.join(" ");
}

/** RFC 3339 in UTC to the second, as the engine writes and reads instants. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}
