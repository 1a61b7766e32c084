// Unit tests of the page's parts (run in Node: `npm test` in www/). The
// engine is the npm package built in pkg/ (run.mjs passes its path), the
// same module the page loads: conversions into the display zone are the
// engine's, so they are tested with it.
import { test } from "node:test";
import assert from "node:assert/strict";
import type * as Escalator from "escalator";
import { addDays, dateText, dateTimeText, dayTimeText, formatDuration, formatter, inputText, instantsOf, isZone, localTimes, rfc3339, setClockEngine, shortText, weekdayOf, type ClockEngine } from "../src/clock";
import { decodeShare, encodeShare, type State } from "../src/state";
import { gapsOf, hasAckTarget, intervalAt, intervalsOf, pagesOf } from "../src/views/coverage";
import { gapsCsv } from "../src/exports";
import { diagnosticRange, lineOf } from "../src/spans";
import { analyze, calendar, coverageTargets } from "../src/engine";
import { explain, whyInstants } from "../src/views/schedules";

const T = (s: string) => Date.parse(s);
const engine = (await import(process.env.ESCALATOR_PKG ?? "../../pkg/node.js")) as typeof Escalator;

/** The engine as the page's clock, counting its calls. */
let calls = 0;
const counted: ClockEngine = {
  zones: () => engine.zones(),
  localTimes: (zone, instants) => (calls++, engine.localTimes(zone, instants)),
  instantsOf: (zone, locals) => (calls++, engine.instantsOf(zone, locals)),
};
setClockEngine(counted);

test("wall clocks come from the engine, across the spring-forward gap", () => {
  // 2026-03-08 07:00Z is 03:00 EDT (02:00-03:00 EST does not exist).
  const [l] = localTimes("America/New_York", [T("2026-03-08T07:00:00Z")]);
  assert.deepEqual(l, { year: 2026, month: 3, day: 8, hour: 3, minute: 0, second: 0, weekday: 7, offset_seconds: -14400 });
  assert.equal(dateTimeText(localTimes("America/New_York", [T("2026-03-08T06:59:59Z")])[0]!), "2026-03-08 01:59:59");
  assert.equal(localTimes("Asia/Kolkata", [T("2026-03-07T12:00:00Z")])[0]!.offset_seconds, 19800);
  assert.ok(isZone("Australia/Lord_Howe") && !isZone("Europe/Berln"));
});

test("local times to instants by the engine's rule: gap forward, fold earlier", () => {
  assert.deepEqual(instantsOf("Europe/Berlin", ["2026-03-29", "2026-03-30", "2026-10-25T02:30", "2026-03-29T02:30"]), [
    T("2026-03-28T23:00:00Z"),
    T("2026-03-29T22:00:00Z"),
    // 02:30 happens twice on 2026-10-25: the earlier.
    T("2026-10-25T00:30:00Z"),
    // 02:30 does not exist on 2026-03-29: forward by the gap (SPEC section 1).
    T("2026-03-29T01:30:00Z"),
  ]);
  // A day that does not start at midnight: Santiago jumps 00:00 -> 01:00 on 2026-09-06.
  assert.equal(dateTimeText(localTimes("America/Santiago", instantsOf("America/Santiago", ["2026-09-06"]))[0]!), "2026-09-06 01:00");
});

test("a drawing converts its instants in one engine call", () => {
  calls = 0;
  const f = formatter("Europe/Berlin", [T("2026-03-29T00:30:00Z"), T("2026-03-29T01:30:00Z"), T("2026-03-29T00:30:00Z")]);
  assert.equal(dayTimeText(f(T("2026-03-29T00:30:00Z"))), "Sun 2026-03-29 01:30");
  assert.equal(shortText(f(T("2026-03-29T01:30:00Z"))), "Sun 03-29 03:30");
  assert.equal(inputText(f(T("2026-03-29T01:30:00Z"))), "2026-03-29T03:30");
  assert.equal(calls, 1);
});

test("calendar arithmetic, durations and UTC text (no zone involved)", () => {
  assert.equal(weekdayOf("2026-03-29"), "Sun");
  assert.equal(addDays("2026-02-27", 2), "2026-03-01");
  assert.equal(dateText({ year: 987, month: 1, day: 2, hour: 0, minute: 0, second: 0, weekday: 1, offset_seconds: 0 }), "0987-01-02");
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

test("compare mode's OLD document round-trips in the share link", () => {
  const comparing: State = { ...state, old: "version: 1\ntimezone: UTC\n" };
  assert.deepEqual(decodeShare(encodeShare(comparing)), comparing);
  // Not comparing: no `old` at all.
  assert.equal("old" in decodeShare(encodeShare({ ...state, old: null }))!, false);
});

test("share links of another version or garbage are ignored", () => {
  assert.equal(decodeShare("#v2=abc"), null);
  assert.equal(decodeShare("#v1=!!!"), null);
  assert.equal(decodeShare("#v1=" + encodeShare({ ...state }).slice(4, 20)), null);
  assert.equal(decodeShare(""), null);
});

const DOC = `version: 1
timezone: Europe/Berlin
people: [{id: alice}, {id: bob}]
schedules:
  - id: office
    layers:
      - {id: days, members: [alice, bob], shift: 1d, handoff: 2026-03-02T09:00, restrictions: [{from: "09:00", to: "17:00"}]}
policies:
  - id: p
    steps: [{notify: [{schedule: office}], escalate_after: 5m}, {notify: [{person: bob}], escalate_after: 5m}]
  - id: lone
    steps: [{notify: [{person: alice}], escalate_after: 5m}]
severities: [{id: sev1, ack_within: 10m}]
services: [{id: shop, escalation: p}]
`;

function value<T>(r: Escalator.Answer<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

test("the coverage view reads the engine's columns: intervals, the interval at an instant, gaps", () => {
  const ev = value(engine.Evaluator.load(DOC));
  const c = value(ev.coverage({ service: "shop", severity: "sev1" }, "2026-03-03", "2026-03-04", { compact: true }));
  const full = value(ev.coverage({ service: "shop", severity: "sev1" }, "2026-03-03", "2026-03-04"));
  ev.free();
  assert.deepEqual(
    intervalsOf(c).map((i) => [i.start, i.end, i.plan.first_page_seconds]),
    full.intervals.map((i) => [T(i.start), T(i.end), i.first_page_seconds]),
  );
  const atTen = intervalAt(c, T("2026-03-03T10:00:00Z"))!;
  assert.equal(pagesOf(c, atTen.plan)[0]?.people[0], "bob");
  assert.deepEqual(intervalsOf(c).map((i) => pagesOf(c, i.plan)), full.intervals.map((i) => i.plan));
  assert.equal(intervalAt(c, T("2026-03-05T00:00:00Z")), null);
  assert.ok(hasAckTarget(c));
  const gaps = gapsOf(c);
  assert.deepEqual(gaps.map((g) => [g.start, g.end, g.kind]), full.gaps.map((g) => [T(g.start), T(g.end), g.kind]));
  calls = 0;
  const csv = gapsCsv(gaps, "Europe/Berlin").split("\r\n");
  assert.equal(calls, 1, "one engine call for the whole CSV");
  assert.equal(csv[0], "start_utc,end_utc,start_Europe/Berlin,end_Europe/Berlin,seconds,severity,kind,cause");
  assert.match(csv[1]!, /^2026-03-02T23:00:00Z,2026-03-03T08:00:00Z,2026-03-03 00:00,2026-03-03 09:00,32400,warning,level-skipped,step 1 \(pass 1\)/);
});

test("a cause with commas and quotes stays one CSV field", () => {
  const csv = gapsCsv([{ start: T("2026-03-02T05:00:00Z"), end: T("2026-03-02T06:00:00Z"), kind: "schedule-empty", severity: "info", cause: 'schedule "x", ok', schedule: "x" }], "UTC");
  assert.match(csv, /"schedule ""x"", ok"/);
});

test("calendars are the engine's (ev.ics): a schedule's shifts, a person's in every schedule, errors as answers", () => {
  const doc = 'version: 1\ntimezone: Europe/Berlin\npeople: [{id: alice, name: "Alice, A."}, {id: bob}]\nschedules:\n  - id: s\n    layers: [{members: [alice, bob], shift: 1w, handoff: 2026-03-23T09:00}]\n';
  const [from, to] = ["2026-03-23T08:00:00Z", "2026-04-06T07:00:00Z"];
  const dtstamp = T("2026-03-01T12:00:00Z");
  const schedule = calendar(engine, doc, { type: "ics", id: 1, which: { schedule: "s" }, dtstamp }, from, to);
  assert.ok(schedule.ok);
  // Exactly what the engine answers (the page adds nothing).
  const ev = engine.Evaluator.load(doc);
  assert.ok(ev.ok);
  assert.deepEqual(schedule, ev.value.ics("s", from, to, { dtstamp }));
  ev.value.free();
  // Alice's week crosses the change to summer time: 09:00 CET to 09:00 CEST; text escaped.
  assert.match(schedule.value, /^BEGIN:VCALENDAR\r\n/);
  assert.match(schedule.value, /DTSTAMP:20260301T120000Z\r\nDTSTART:20260323T080000Z\r\nDTEND:20260330T070000Z\r\nSUMMARY:On call: Alice\\, A\.\r\n/);
  assert.equal(schedule.value.match(/BEGIN:VEVENT/g)!.length, 2);
  const mine = calendar(engine, doc, { type: "ics", id: 2, which: { person: "bob" }, dtstamp }, from, to);
  assert.ok(mine.ok);
  assert.deepEqual(mine.value.match(/^UID:.*$/gm), ["UID:bob/s/2026-03-30T07:00:00Z@escalator"]);
  const unknown = calendar(engine, doc, { type: "ics", id: 3, which: { person: "carol" }, dtstamp }, from, to);
  assert.deepEqual(unknown.ok ? null : [unknown.error.kind, unknown.error.kind === "query" && unknown.error.code], ["query", "unknown-person"]);
  const broken = calendar(engine, "version: 1\ntimezone: Europe/Berln\n", { type: "ics", id: 4, which: { schedule: "s" }, dtstamp }, from, to);
  assert.equal(broken.ok ? null : broken.error.kind, "document");
});

test("diagnostic ranges are the engine's UTF-16 offsets", () => {
  const text = "version: 1\ntimezone: UTC\npeople: [{id: zoë}]\npolicies: [{id: p, steps: [{notify: [{person: zoé}], escalate_after: 5m}]}]\n";
  const [d] = value(engine.check(text));
  assert.equal(d!.code, "unknown-reference");
  const r = diagnosticRange(d!);
  assert.equal(text.slice(r.from, r.to), "zoé");
  assert.equal(lineOf(text, r.from), 4);
});

test("the analysis: lean answers, heatmaps only for the target in view, in the display zone", () => {
  const targets = coverageTargets(value(engine.Evaluator.load(DOC)).outline());
  assert.deepEqual(targets.map((t) => t.key), ["service:shop:sev1", "policy:lone"]);
  const a = analyze(engine, { type: "analyze", id: 1, text: DOC, from: "2026-03-02T00:00:00Z", to: "2026-03-09T00:00:00Z", zone: "Asia/Tokyo", target: "policy:lone" });
  assert.equal(a.evaluated, true);
  const [shop, lone] = a.coverage;
  assert.ok(shop!.answer.ok && !shop!.answer.value.heatmaps, "no heatmaps for a target out of view");
  assert.ok(lone!.answer.ok && lone!.answer.value.heatmaps?.zone === "Asia/Tokyo");
  assert.ok(a.shifts.office?.ok && a.shifts.office.value.shifts.some((s) => s.why?.length), "shifts explained for the timeline");
  const broken = analyze(engine, { type: "analyze", id: 2, text: "version: 1\ntimezone: Europe/Berln\n", from: "2026-03-02T00:00:00Z", to: "2026-03-09T00:00:00Z", zone: "UTC", target: null });
  assert.equal(broken.evaluated, false);
  assert.equal(broken.diagnostics[0]!.help, "did you mean `Europe/Berlin`?");
});

test("simulator inputs: behaviours and the incident of a coverage target", async () => {
  const { responders, incidentFor } = await import("../src/views/simulator");
  assert.deepEqual(responders({ default: "never", alice: "", bob: "unavailable", carol: "ack:5m" }), { default: "never", bob: "unavailable", carol: { ack_after: "5m" } });
  assert.deepEqual(incidentFor("service:checkout:sev1", "2026-03-24T10:00:00Z"), { service: "checkout", severity: "sev1", at: "2026-03-24T10:00:00Z" });
  assert.deepEqual(incidentFor("policy:payments", "2026-03-24T10:00:00Z"), { policy: "payments", at: "2026-03-24T10:00:00Z" });
  assert.equal(incidentFor("nonsense", "x"), null);
});

test("a shift's explanation names turns, events and overrides, in the display zone", () => {
  const doc = `version: 1
timezone: Europe/Berlin
people: [{id: alice}, {id: bob}, {id: carol}]
schedules:
  - id: s
    layers:
      - {id: days, members: [alice, bob], shift: 1d, handoff: 2026-03-02T09:00}
      - id: cal
        events:
          - {person: carol, from: 2026-03-03T12:00, to: 2026-03-03T14:00}
          - {uid: late, person: bob, from: 2026-03-03T13:00, to: 2026-03-03T15:00}
    overrides: [{person: carol, from: 2026-03-04T10:00, to: 2026-03-04T11:00}]
`;
  const ev = value(engine.Evaluator.load(doc));
  const lines = (at: string) => {
    const { shifts } = value(ev.shifts("s", at, "2026-03-05T00:00", { explain: true }));
    return { lines: explain(shifts[0]!, (ms) => localTimes("Europe/Berlin", [ms])[0]!), instants: whyInstants(shifts[0]!) };
  };
  assert.deepEqual(lines("2026-03-03T13:30").lines, [
    "bob: layer cal, event late (2026-03-03 13:00 → 2026-03-03 15:00)",
    "carol: layer cal, event 1 (2026-03-03 12:00 → 2026-03-03 14:00)",
  ]);
  assert.deepEqual(
    [...lines("2026-03-03T13:30").instants].sort((a, b) => a - b),
    ["2026-03-03T11:00:00Z", "2026-03-03T12:00:00Z", "2026-03-03T13:00:00Z", "2026-03-03T14:00:00Z"].map(T),
  );
  assert.deepEqual(lines("2026-03-02T10:00").lines, ["alice: layer days, turn 0 (2026-03-02 09:00 → 2026-03-03 09:00)"]);
  assert.deepEqual(lines("2026-03-04T10:30").lines, ["carol: override #1 (replace)"]);
  ev.free();
});
