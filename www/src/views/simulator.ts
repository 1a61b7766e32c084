// The Simulator tab: a tabletop exercise on the document. Pick the incident
// (service and severity, or policy) and when it opens, set how responders
// behave, then step through what the escalation path does, event by event,
// injecting events while paused. Every event and the state come from the
// engine's simulation handle (in the worker).
import { h, replace, rich } from "../dom";
import { notice } from "../ui";
import type { SimulationOutput } from "escalator";
import { dayTimeText, formatDuration, formatter, inputText, instantsOf } from "../clock";
import type { Analysis } from "../types";

/** What the simulator shows and what it was asked. */
export interface SimView {
  target: string | null;
  /** Incident start (ms); null = the window's start. */
  start: number | null;
  /** Behaviour per person id (`default` for everyone else): "", never, unavailable, ack:5m. */
  responders: Record<string, string>;
  output: SimulationOutput | null;
  scenario: unknown;
  error: string | null;
  /** The document text the run was started on. */
  text: string | null;
}

export interface SimContext {
  analysis: Analysis | null;
  zone: string;
  windowFrom: number;
  view: SimView;
  /** The document text now. */
  text: string;
  /** Sends a command to the worker (the reply re-renders). */
  send: (op: string, extra?: Record<string, unknown>) => void;
  start: () => void;
  exportDebrief: () => void;
  exportScenario: () => void;
}

const BEHAVIOURS: [string, string][] = [
  ["", "default"],
  ["never", "never answers"],
  ["unavailable", "unavailable"],
  ["ack:1m", "acks after 1m"],
  ["ack:3m", "acks after 3m"],
  ["ack:5m", "acks after 5m"],
  ["ack:10m", "acks after 10m"],
  ["ack:20m", "acks after 20m"],
  ["ack:45m", "acks after 45m"],
];

/** The scenario's `responders` for the chosen behaviours. */
export function responders(choices: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, b] of Object.entries(choices)) {
    if (!b) continue;
    out[id] = b.startsWith("ack:") ? { ack_after: b.slice(4) } : b;
  }
  return out;
}

/** The engine's incident input for a coverage target key. */
export function incidentFor(target: string, at: string): Record<string, string> | null {
  const [kind, id, severity] = target.split(":");
  if (kind === "service" && id && severity) return { service: id, severity, at };
  if (kind === "policy" && id) return { policy: id, at };
  return null;
}

const KIND_LABEL: Record<string, string> = {
  triggered: "triggered",
  actions_available: "actions",
  step_fired: "step fired",
  level_skipped: "level skipped",
  waiting: "waiting",
  contact_attempt: "contact",
  vendor_engaged: "vendor engaged",
  stakeholders_informed: "stakeholders",
  acknowledged: "acknowledged",
  acknowledged_not_essential: "acknowledged (not essential)",
  vendor_responded: "vendor responded",
  escalated: "escalated",
  pass_repeated: "pass repeated",
  exhausted: "exhausted",
  target_missed: "target missed",
  person_unavailable: "unavailable",
  person_available: "available",
  override_added: "override",
  note: "note",
  injected: "injected",
  resolved: "resolved",
  truncated: "truncated",
};

const TONE: Record<string, string> = {
  target_missed: "bad",
  exhausted: "bad",
  level_skipped: "warn",
  person_unavailable: "warn",
  acknowledged: "good",
  resolved: "good",
  vendor_responded: "good",
};

export function renderSimulator(root: HTMLElement, ctx: SimContext) {
  const a = ctx.analysis;
  const v = ctx.view;
  if (!a) return replace(root, notice("Waiting for the engine…"));
  if (!a.evaluated || !a.outline) return replace(root, notice("The document has errors", "A simulation runs once the document is valid: see the problems list.", "error"));
  if (!a.coverage.length) return replace(root, notice("Nothing to simulate", "The document has no services or policies."));
  const outline = a.outline;
  const out = v.output;
  // Every instant this drawing shows, in the display zone: one engine call.
  const opens = v.start ?? ctx.windowFrom;
  const local = formatter(ctx.zone, [opens, ...(out ? [out.state.at, out.state.next_escalation_at, out.incident.at].flatMap((t) => (t ? [Date.parse(t)] : [])) : [])]);

  const target = a.coverage.find((c) => c.key === v.target)?.key ?? a.coverage[0]!.key;
  v.target = target;
  const select = h("select", { id: "sim-target", "aria-label": "Incident on", onchange: (e: Event) => { v.target = (e.target as HTMLSelectElement).value; } });
  for (const c of a.coverage) select.append(h("option", { value: c.key, selected: c.key === target }, c.label));
  const startInput = h("input", {
    id: "sim-start",
    type: "datetime-local",
    value: inputText(local(opens)),
    "aria-label": `Incident opens at (${ctx.zone})`,
    onchange: (e: Event) => {
      const value = (e.target as HTMLInputElement).value;
      if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) v.start = instantsOf(ctx.zone, [value.slice(0, 16)])[0] ?? v.start;
    },
  });
  const setup = h(
    "section",
    { class: "card" },
    h("header", { class: "card-head" }, h("h3", {}, "Incident"), h("span", { class: "muted" }, `times in ${ctx.zone}`)),
    h(
      "div",
      { class: "toolbar" },
      h("label", { class: "field" }, h("span", {}, "On"), select),
      h("label", { class: "field" }, h("span", {}, "opens at"), startInput),
      h("button", { type: "button", class: "btn btn-primary", id: "sim-start-button", onclick: ctx.start }, v.output ? "Restart" : "Open the incident"),
    ),
    h("h4", { class: "sub" }, "How responders behave"),
    h(
      "div",
      { class: "responders" },
      ...[{ id: "default", name: "Everyone else" }, ...outline.people].map((p) => {
        const sel = h("select", { "data-person": p.id, "aria-label": `${p.name ?? p.id}: behaviour`, onchange: (e: Event) => { v.responders[p.id] = (e.target as HTMLSelectElement).value; } });
        for (const [value, label] of BEHAVIOURS) {
          sel.append(h("option", { value, selected: (v.responders[p.id] ?? "") === value }, p.id === "default" && value === "" ? "default (never answers)" : label));
        }
        return h("label", { class: "responder" }, h("span", { class: "responder-name" }, p.id === "default" ? p.name ?? "" : p.name ? `${p.name} (${p.id})` : p.id), sel);
      }),
    ),
  );
  const parts: Node[] = [setup];
  if (v.error) parts.push(notice("The simulation reported a problem", v.error, "error"));
  if (v.output && v.text !== null && v.text !== ctx.text) parts.push(notice("The document changed since this run started", "The run below is of the earlier text: press Restart to simulate the current one."));
  if (out) {
    const shown = out.events.slice(0, out.shown);
    const current = shown[shown.length - 1];
    const s = out.state;
    const running = !s.resolved && !s.exhausted;
    const controls = h(
      "div",
      { class: "toolbar sim-controls", role: "group", "aria-label": "Playback" },
      h("button", { type: "button", class: "btn", id: "sim-reset", onclick: () => ctx.send("reset"), disabled: out.shown === 0 }, "Reset"),
      h("button", { type: "button", class: "btn", id: "sim-back", onclick: () => ctx.send("previous"), disabled: out.shown === 0 }, "◀ Back"),
      h("button", { type: "button", class: "btn btn-primary", id: "sim-step", onclick: () => ctx.send("next"), disabled: out.shown >= out.events.length }, "Step ▶"),
      h("button", { type: "button", class: "btn", id: "sim-run", onclick: () => ctx.send("run"), disabled: out.shown >= out.events.length }, "Run to end"),
      h("span", { class: "sim-clock", id: "sim-clock" }, `+${formatDuration(s.elapsed_seconds)}`, h("span", { class: "muted" }, ` · ${dayTimeText(local(Date.parse(s.at)))}`)),
      h("span", { class: "spacer" }),
      h("button", { type: "button", class: "btn btn-small", onclick: ctx.exportDebrief }, "Debrief (.md)"),
      h("button", { type: "button", class: "btn btn-small", onclick: ctx.exportScenario }, "Scenario (.json)"),
    );
    const people = outline.people;
    const kind = h("select", { id: "inject-kind", "aria-label": "Event to inject" });
    for (const [value, label] of [["unavailable", "becomes unavailable"], ["available", "becomes available"], ["ack", "acknowledges"], ["escalate", "manual escalation"], ["resolve", "resolve the incident"], ["note", "note"]]) kind.append(h("option", { value }, label));
    const who = h("select", { id: "inject-person", "aria-label": "Who" });
    for (const p of people) who.append(h("option", { value: p.id }, p.name ? `${p.name} (${p.id})` : p.id));
    const note = h("input", { id: "inject-note", type: "text", placeholder: "note", size: 10, "aria-label": "Note" });
    const inject = h(
      "div",
      { class: "toolbar" },
      h("span", { class: "field-label" }, "Inject:"),
      who,
      kind,
      note,
      h("button", {
        type: "button",
        class: "btn",
        id: "inject-button",
        disabled: !running || out.shown === 0,
        onclick: () => {
          const k = kind.value;
          const event = k === "escalate" ? { escalate: true } : k === "resolve" ? { resolve: true } : k === "note" ? { note: note.value || "note" } : { [k]: who.value };
          ctx.send("inject", { event });
        },
      }, "Inject"),
    );
    const chips = (ids: string[], cls: string) => (ids.length ? ids.map((id) => h("span", { class: `chip ${cls}` }, id)) : [h("span", { class: "muted" }, "nobody")]);
    const state = h(
      "div",
      { class: "sim-state", id: "sim-state" },
      h("div", {}, h("span", { class: "stat-label" }, "paged"), h("div", { class: "chips" }, ...chips(s.paged, "chip-paged"))),
      h("div", {}, h("span", { class: "stat-label" }, "being contacted"), h("div", { class: "chips" }, ...chips(s.contacting, "chip-contacting"))),
      h("div", {}, h("span", { class: "stat-label" }, "next escalation"), h("div", {}, s.next_escalation_at ? `step ${s.next_step} (pass ${s.next_pass}) at ${dayTimeText(local(Date.parse(s.next_escalation_at)))}` : "none")),
      h("div", {}, h("span", { class: "stat-label" }, "status"), h("div", {}, s.resolved ? "resolved" : s.exhausted ? "exhausted: nobody else is paged" : s.acknowledged ? "acknowledged" : out.shown ? "open" : "not started")),
      s.missed.length ? h("div", { class: "missed" }, h("span", { class: "stat-label" }, "missed targets"), h("div", { class: "chips" }, ...s.missed.map((m) => h("span", { class: "chip chip-missed" }, m)))) : null,
    );
    const list = h(
      "ol",
      { class: "sim-events", id: "sim-events", "aria-label": "Events" },
      ...shown.map((e) =>
        h(
          "li",
          { class: `sim-event tone-${TONE[e.kind] ?? "plain"}${e === current ? " current" : ""}${e.injected ? " injected" : ""}`, "data-kind": e.kind, "aria-current": e === current ? "step" : null },
          h("span", { class: "sim-offset" }, `+${formatDuration(e.offset_seconds)}`),
          h("span", { class: "sim-kind" }, KIND_LABEL[e.kind] ?? e.kind),
          h("span", { class: "sim-text" }, rich(e.explanation), e.actions?.length ? h("ul", { class: "sim-actions" }, ...e.actions.map((x) => h("li", {}, `${x.title} (${x.id})${x.approved_by ? `, approved by ${x.approved_by}` : ""}${x.approved_until ? ` until ${x.approved_until}` : ""}`))) : null),
        ),
      ),
    );
    const more = out.events.length - out.shown;
    parts.push(
      h(
        "section",
        { class: "card" },
        h("header", { class: "card-head" }, h("h3", {}, `Run: ${out.incident.service ? `${out.incident.service} · ${out.incident.severity} → ` : ""}${out.incident.policy}`), h("span", { class: "muted" }, `opened ${dayTimeText(local(Date.parse(out.incident.at)))}`)),
        controls,
        state,
        inject,
        shown.length ? list : h("p", { class: "muted" }, "Paused before the first event: press Step."),
        more ? h("p", { class: "muted sim-more" }, `${more} more ${more === 1 ? "event" : "events"} ahead`) : h("p", { class: "muted sim-more" }, "End of the run."),
      ),
    );
  }
  replace(root, ...parts);
}
