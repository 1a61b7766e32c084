// Unit tests of the page's pure parts (run in Node: `npm test` in www/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { formatInstant, localMidnight, localTime, offsetMinutes, wall, formatDuration, rfc3339 } from "../src/time";
import { decodeShare, encodeShare, type State } from "../src/state";
import { heatmaps, heatmapsOf, gapsOf } from "../src/views/coverage";
import { gapsCsv, scheduleIcs } from "../src/exports";
import { diagnosticRange, lineOf } from "../src/spans";
import { diagnosticList } from "../src/engine";
import type { CoverageInterval, CoverageOutput } from "../src/types";

const T = (s: string) => Date.parse(s);

test("wall clock in a zone, across the spring-forward gap", () => {
  // 2026-03-08 07:00Z is 03:00 EDT (02:00-03:00 EST does not exist).
  assert.deepEqual(wall(T("2026-03-08T07:00:00Z"), "America/New_York"), { year: 2026, month: 3, day: 8, hour: 3, minute: 0, second: 0, weekday: 6 });
  assert.equal(formatInstant(T("2026-03-08T06:59:59Z"), "America/New_York"), "2026-03-08 01:59:59");
  assert.equal(offsetMinutes(T("2026-03-08T12:00:00Z"), "America/New_York"), -240);
  assert.equal(offsetMinutes(T("2026-03-07T12:00:00Z"), "Asia/Kolkata"), 330);
});

test("local midnight on days that are 23 and 25 hours long", () => {
  assert.equal(localMidnight(2026, 3, 29, "Europe/Berlin"), T("2026-03-28T23:00:00Z"));
  assert.equal(localMidnight(2026, 3, 30, "Europe/Berlin"), T("2026-03-29T22:00:00Z"));
  assert.equal(localMidnight(2026, 10, 25, "Europe/Berlin"), T("2026-10-24T22:00:00Z"));
  assert.equal(localMidnight(2026, 10, 26, "Europe/Berlin"), T("2026-10-25T23:00:00Z"));
  // A day that does not start at midnight: Santiago jumps 00:00 -> 01:00 on 2026-09-06.
  assert.equal(formatInstant(localMidnight(2026, 9, 6, "America/Santiago"), "America/Santiago"), "2026-09-06 01:00");
});

test("durations and instants", () => {
  assert.equal(formatDuration(0), "0m");
  assert.equal(formatDuration(90), "1m 30s");
  assert.equal(formatDuration(5400), "1h 30m");
  assert.equal(formatDuration(2 * 86400 + 3 * 3600 + 60), "2d 3h");
  assert.equal(rfc3339(T("2026-03-01T10:00:00.750Z")), "2026-03-01T10:00:00Z");
});

const state: State = { text: "people:\n  - id: ä<img src=x onerror=alert(1)>\n", from: "2026-03-01", days: 14, zone: "Europe/Berlin", tab: "schedules", target: "policy:p", schedule: null, zoom: "day" };

test("share link round-trips the whole state", () => {
  const hash = encodeShare(state);
  assert.match(hash, /^#v1=[A-Za-z0-9_-]+$/);
  assert.deepEqual(decodeShare(hash), state);
});

test("share links of another version or garbage are ignored", () => {
  assert.equal(decodeShare("#v2=abc"), null);
  assert.equal(decodeShare("#v1=!!!"), null);
  assert.equal(decodeShare("#v1=" + encodeShare({ ...state }).slice(4, 20)), null);
  assert.equal(decodeShare(""), null);
});

function interval(start: string, end: string, first: number | null, within: number, total: number, people: string[] = []): CoverageInterval {
  return { start, end, first_page_seconds: first, reached_within_target: within, reached_total: total, plan: people.length ? [{ after_seconds: 0, pass: 1, step: 1, people, vendors: [] }] : [] };
}

test("heatmap cells cut the intervals at the zone's hours, to the second", () => {
  // Kolkata is +05:30: local hours start at :30 UTC.
  const cov: CoverageOutput = {
    policy: "p",
    from: "2026-03-02T00:00:00Z",
    to: "2026-03-02T02:00:00Z",
    intervals: [interval("2026-03-02T00:00:00Z", "2026-03-02T00:45:10Z", 0, 2, 2, ["a", "b"]), interval("2026-03-02T00:45:10Z", "2026-03-02T02:00:00Z", null, 0, 0)],
  };
  const m = heatmaps(cov, "Asia/Kolkata");
  // 2026-03-02 is a Monday: 05:30-06:30 local is Mon 05h.
  const c5 = m.week[0]![5]!;
  assert.equal(c5.seconds, 1800);
  assert.equal(c5.minReached, 2);
  assert.equal(c5.never, false);
  const c6 = m.week[0]![6]!;
  assert.equal(c6.seconds, 3600);
  assert.equal(c6.minReached, 0);
  assert.equal(c6.never, true);
  assert.equal(c6.gapSeconds, 3600 - 15 * 60 - 10);
  assert.equal(m.week[0]![7]!.gapSeconds, 1800);
  assert.equal(m.days.length, 1);
  assert.equal(m.days[0]!.cells[6]!.gapSeconds, c6.gapSeconds);
  // Seconds in all cells add up to the window.
  const total = m.week.flat().reduce((n, c) => n + c.seconds, 0);
  assert.equal(total, 7200);
});

test("gaps from intervals merge adjacent ones of the same kind", () => {
  const cov: CoverageOutput = {
    policy: "p",
    from: "2026-03-02T00:00:00Z",
    to: "2026-03-03T00:00:00Z",
    intervals: [
      interval("2026-03-02T00:00:00Z", "2026-03-02T01:00:00Z", null, 0, 0),
      interval("2026-03-02T01:00:00Z", "2026-03-02T02:00:00Z", null, 0, 0),
      interval("2026-03-02T02:00:00Z", "2026-03-02T03:00:00Z", 0, 1, 2, ["a"]),
      interval("2026-03-02T03:00:00Z", "2026-03-03T00:00:00Z", 0, 2, 2, ["a", "b"]),
    ],
  };
  const gaps = gapsOf(cov, true);
  assert.equal(gaps.length, 2);
  assert.deepEqual([gaps[0]!.start, gaps[0]!.end, gaps[0]!.severity], [T("2026-03-02T00:00:00Z"), T("2026-03-02T02:00:00Z"), "error"]);
  assert.equal(gaps[1]!.kind, "single-responder");
  const csv = gapsCsv(gaps, "UTC");
  assert.equal(csv.split("\r\n")[1], "2026-03-02T00:00:00Z,2026-03-02T02:00:00Z,2026-03-02 00:00,2026-03-02 02:00,7200,error,nobody-paged,no step of the policy pages anyone");
});

test("engine gaps are listed as given", () => {
  const cov: CoverageOutput = { policy: "p", from: "2026-03-02T00:00:00Z", to: "2026-03-03T00:00:00Z", intervals: [], gaps: [{ start: "2026-03-02T05:00:00Z", end: "2026-03-02T06:00:00Z", kind: "schedule-empty", severity: "warning", cause: 'schedule "x", ok', schedule: "x" }] };
  const gaps = gapsOf(cov, true);
  assert.equal(gaps[0]!.schedule, "x");
  assert.match(gapsCsv(gaps, "UTC"), /"schedule ""x"", ok"/);
});

test("ics escapes text and uses UTC times", () => {
  const ics = scheduleIcs({ schedule: "a,b", from: "", to: "", shifts: [{ start: "2026-03-02T00:00:00Z", end: "2026-03-02T08:00:00Z", on_call: ["alice", "bob"] }, { start: "2026-03-02T08:00:00Z", end: "2026-03-03T00:00:00Z", on_call: [] }] });
  assert.match(ics, /DTSTART:20260302T000000Z\r\nDTEND:20260302T080000Z\r\nSUMMARY:On call \(a\\,b\): alice\\, bob/);
  assert.equal(ics.match(/BEGIN:VEVENT/g)!.length, 1);
});

test("diagnostic ranges: UTF-16 offsets, lines and columns, byte spans", () => {
  const text = "a: é\nname: 😀x\n";
  assert.deepEqual(diagnosticRange({ code: "c", severity: "error", message: "m", start: { line: 2, column: 7 }, end: { line: 2, column: 10 } }, text), { from: 11, to: 14 });
  // Bytes: "a: é\n" is 6 bytes; "name: " 6 more; the emoji is 4 bytes (2 UTF-16 units).
  assert.deepEqual(diagnosticRange({ code: "c", severity: "error", message: "m", span: { start: 12, end: 17 } }, text), { from: 11, to: 14 });
  assert.deepEqual(diagnosticRange({ code: "c", severity: "error", message: "m", start: 3, end: 4 }, text), { from: 3, to: 4 });
  assert.equal(lineOf(text, 11), 2);
});

test("diagnostic lists in any wrapper", () => {
  const d = { code: "c", severity: "error", message: "m" };
  assert.deepEqual(diagnosticList([d]), [d]);
  assert.deepEqual(diagnosticList({ diagnostics: [d] }), [d]);
  assert.deepEqual(diagnosticList(null), []);
});

test("the engine's heatmap figures win; the worst plan for the tooltip is found here", () => {
  const hours = (n: number) => Array.from({ length: 24 }, (_, i) => ({ seconds: i === n ? 3600 : 0, fewest_reached: i === n ? 1 : null, longest_first_page_seconds: i === n ? 600 : null, gap_seconds: 0 }));
  const cov: CoverageOutput = {
    policy: "p",
    from: "2026-03-02T09:00:00Z",
    to: "2026-03-02T10:00:00Z",
    intervals: [interval("2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", 0, 2, 2, ["a", "b"])],
    heatmaps: { zone: "UTC", hour_of_week: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((day, d) => ({ day, hours: hours(d === 0 ? 9 : -1) })), calendar: [{ date: "2026-03-02", hours: hours(9) }] },
  };
  const m = heatmapsOf(cov, "UTC");
  assert.equal(m.fromEngine, true);
  assert.equal(m.week[0]![9]!.minReached, 1);
  assert.equal(m.week[0]![9]!.maxFirstPage, 600);
  assert.deepEqual(m.week[0]![9]!.worst?.plan[0]?.people, ["a", "b"]);
  assert.equal(m.days[0]!.label, "Mon 03-02");
  // Another zone than the engine's: derived here.
  assert.equal(heatmapsOf(cov, "Asia/Tokyo").fromEngine, false);
});

test("local hours on DST days", () => {
  assert.equal(localTime(2026, 3, 29, 3, "Europe/Berlin"), T("2026-03-29T01:00:00Z"));
  assert.equal(localTime(2026, 3, 29, 1, "Europe/Berlin"), T("2026-03-29T00:00:00Z"));
  assert.equal(localTime(2026, 10, 25, 4, "Europe/Berlin"), T("2026-10-25T03:00:00Z"));
  assert.equal(formatInstant(localTime(2026, 3, 29, 2, "Europe/Berlin"), "Europe/Berlin"), "2026-03-29 03:00");
});
