// A consumer subscribing to the engine's calendars: `ev.ics` read back by the
// npm `ical.js` parser (a dev dependency of the consumer), next to the
// engine's own `ev.shifts` over the same window. Prints plain data for the
// test to assert on.
import * as escalator from 'escalator';
import ICAL from 'ical.js';
import { DOC as OFFICE, ICS_FROM, ICS_TO } from './exercise.mjs';

/** A weekly rotation in Berlin, Monday 09:00 handoffs: the week of 2026-03-23 spans the change to summer time. */
const WEEKLY = `version: 1
timezone: Europe/Berlin
people: [{id: alice, name: "Alice, A."}, {id: bob, name: Bob, contact: [{via: email, to: Bob@Example.com}]}]
schedules:
  - id: weekly
    name: Primary; weekly
    layers:
      - {id: rota, members: [alice, bob], shift: 1w, handoff: 2026-03-02T09:00}
    overrides:
      - {person: bob, from: 2026-04-01T12:00, to: 2026-04-01T18:00}
`;

// Calendar apps read X-WR-CALNAME as TEXT (escapes undone); ical.js keeps an
// unknown X- property raw unless told its type.
ICAL.design.defaultSet.property['x-wr-calname'] = { defaultType: 'text' };

const second = (t) => t.toJSDate().toISOString().replace('.000Z', 'Z');

/** What ical.js reads in a calendar: its name and each event. */
function read(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    name: calendar.getFirstPropertyValue('x-wr-calname'),
    events: calendar.getAllSubcomponents('vevent').map((c) => {
      const e = new ICAL.Event(c);
      const alarm = c.getFirstSubcomponent('valarm');
      return {
        uid: e.uid,
        start: second(e.startDate),
        end: second(e.endDate),
        utc: e.startDate.zone === ICAL.Timezone.utcTimezone && e.endDate.zone === ICAL.Timezone.utcTimezone,
        summary: e.summary,
        description: e.description,
        attendees: e.attendees.map((a) => [a.getParameter('cn'), a.getFirstValue()]),
        trigger: alarm ? alarm.getFirstPropertyValue('trigger').toSeconds() : null,
      };
    }),
  };
}

function value(answer) {
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.value;
}

const out = {};
for (const [key, doc, which, from, to, options] of [
  // Shift bounds: Monday 09:00 (CET, then CEST) to Monday 09:00, so the window holds whole shifts.
  ['weekly', WEEKLY, 'weekly', '2026-03-16T09:00', '2026-04-13T09:00', { alarm: '1h', dtstamp: Date.UTC(2026, 2, 1, 12) }],
  ['alice', WEEKLY, { person: 'alice' }, '2026-03-16T09:00', '2026-04-13T09:00', undefined],
  ['office', OFFICE, { schedule: 'office' }, ICS_FROM, ICS_TO, undefined],
  ['officeAlice', OFFICE, { person: 'alice' }, ICS_FROM, ICS_TO, undefined],
]) {
  const ev = value(escalator.Evaluator.load(doc));
  try {
    const text = value(ev.ics(which, from, to, options));
    out[key] = { text, ...read(text), shifts: value(ev.shifts(which.schedule ?? (typeof which === 'string' ? which : ev.outline().schedules[0].id), from, to)).shifts };
  } finally {
    ev.free();
  }
}
console.log(JSON.stringify(out));
