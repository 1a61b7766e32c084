// Instants in the display zone. The engine speaks UTC RFC 3339; the page
// shows local wall-clock times in the zone the user picked.

const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock fields of `ms` in `zone`. */
export interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Monday ... 6 = Sunday. */
  weekday: number;
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

export function wall(ms: number, zone: string): Wall {
  const out: Record<string, string> = {};
  for (const p of parts(zone).formatToParts(new Date(ms))) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour) % 24,
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAYS.indexOf(out.weekday ?? "Mon"),
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `2026-03-29 02:30` (seconds shown when not zero) in `zone`. */
export function formatInstant(ms: number, zone: string): string {
  const w = wall(ms, zone);
  const sec = w.second ? `:${pad(w.second)}` : "";
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}${sec}`;
}

/** `Mon 2026-03-29 02:30`. */
export function formatInstantDay(ms: number, zone: string): string {
  return `${WEEKDAYS[wall(ms, zone).weekday]} ${formatInstant(ms, zone)}`;
}

/** The zone's offset from UTC at `ms`, in minutes. */
export function offsetMinutes(ms: number, zone: string): number {
  const w = wall(ms, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

/** The instant of local midnight starting `y-m-d` in `zone` (first occurrence). */
export function localMidnight(y: number, m: number, d: number, zone: string): number {
  return localTime(y, m, d, 0, zone);
}

/**
 * The instant of local `hour:00` on `y-m-d` in `zone`, with SPEC section 1's
 * rule: a time that occurs twice is the earlier, a skipped time moves forward
 * by the length of the gap (02:00 on a 02:00 -> 03:00 day is 03:00).
 */
export function localTime(y: number, m: number, d: number, hour: number, zone: string, minute = 0): number {
  const wallMs = Date.UTC(y, m - 1, d, hour, minute);
  const before = offsetMinutes(wallMs - 86400000, zone);
  const after = offsetMinutes(wallMs + 86400000, zone);
  const candidates = [wallMs - before * 60000, wallMs - after * 60000].sort((a, b) => a - b);
  for (const c of candidates) {
    const w = wall(c, zone);
    if (w.year === y && w.month === m && w.day === d && w.hour === hour && w.minute === minute) return c;
  }
  // In a gap: the offset from before the change carries the time past the jump.
  return wallMs - before * 60000;
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

/** RFC 3339 UTC to the second, as the engine wants. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

export function parseInstant(text: string): number {
  return Date.parse(text);
}

/** The browser's zone, or UTC. */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** Every IANA zone the browser knows (for the zone picker). */
export function allZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    const zones = intl.supportedValuesOf?.("timeZone") ?? [];
    return zones.includes("UTC") ? zones : ["UTC", ...zones];
  } catch {
    return ["UTC"];
  }
}

export function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `YYYY-MM-DDTHH:MM` (a datetime-local input's value) of `ms` in `zone`. */
export function toLocalInput(ms: number, zone: string): string {
  const w = wall(ms, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** The instant of a datetime-local value in `zone` (NaN when malformed). */
export function fromLocalInput(value: string, zone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return NaN;
  const [y, mo, d, hh, mm] = m.slice(1).map(Number) as [number, number, number, number, number];
  return localTime(y, mo, d, hh, zone, mm);
}
