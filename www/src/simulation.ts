// The worker's side of the simulator: one live simulation (a wasm stepping
// handle) per page, driven by commands from the page. Every answer is the
// engine's own output (`toJSON()` of the handle); nothing is computed here.
import type { Evaluator, Simulation } from "escalator";
import { errorText, type Engine } from "./engine";
import type { SimCommand, SimReply } from "./types";

let sim: Simulation | null = null;
let evaluator: Evaluator | null = null;

function drop() {
  sim?.free();
  evaluator?.free();
  sim = null;
  evaluator = null;
}

/** Runs one command; the reply carries the run as the engine describes it. */
export function simulate(engine: Engine, cmd: SimCommand): SimReply {
  const reply = (extra: Partial<SimReply> = {}): SimReply => ({ type: "sim", id: cmd.id, output: sim ? sim.toJSON() : null, scenario: sim?.scenario(), ...extra });
  if (cmd.op === "start") {
    drop();
    const loaded = engine.Evaluator.load(cmd.text);
    if (!loaded.ok) return reply({ error: errorText(loaded.error) });
    evaluator = loaded.value;
    const started = evaluator.simulate(cmd.scenario as never, cmd.incident as never);
    if (!started.ok) {
      const detail = started.error.kind === "document" ? `: ${started.error.diagnostics.map((d) => d.message).join("; ")}` : "";
      drop();
      return reply({ error: errorText(started.error) + detail });
    }
    sim = started.value;
    return reply();
  }
  if (!sim) return { type: "sim", id: cmd.id, error: "no simulation is running" };
  switch (cmd.op) {
    case "next":
      sim.next();
      break;
    case "previous":
      sim.previous();
      break;
    case "reset":
      sim.reset();
      break;
    case "run":
      sim.runToEnd();
      break;
    case "seek":
      sim.seek(cmd.index);
      break;
    case "inject": {
      const r = sim.inject(cmd.event as never);
      if (!r.ok) {
        const detail = r.error.kind === "document" ? `: ${r.error.diagnostics.map((d) => d.message).join("; ")}` : "";
        return reply({ error: errorText(r.error) + detail });
      }
      break;
    }
    case "stop":
      drop();
      return { type: "sim", id: cmd.id, output: null };
    case "debrief": {
      const r = sim.debrief(cmd.zone, false);
      return r.ok ? reply({ debrief: r.value }) : reply({ error: errorText(r.error) });
    }
  }
  return reply();
}
