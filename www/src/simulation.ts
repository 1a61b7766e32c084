// The worker's side of the simulator: one live simulation (a wasm stepping
// handle) per page, driven by commands from the page. Every answer is the
// engine's own output (`toJSON()` of the handle); nothing is computed here.
import type { EngineModule, EvaluatorHandle } from "./engine";
import { errorText } from "./engine";
import type { SimCommand, SimReply, SimOutput } from "./types";

/** The wasm `Simulation` handle as the worker uses it. */
interface SimulationHandle {
  next(): unknown;
  previous(): unknown;
  reset(): void;
  runToEnd(): void;
  seek(index: number): void;
  inject(event: unknown): void;
  toJSON(): SimOutput;
  scenario(): unknown;
  debrief(zone?: string, shownOnly?: boolean): string;
  free?: () => void;
}

let sim: SimulationHandle | null = null;
let evaluator: EvaluatorHandle | null = null;

function drop() {
  sim?.free?.();
  evaluator?.free?.();
  sim = null;
  evaluator = null;
}

/** Runs one command; the reply carries the run as the engine describes it. */
export function simulate(mod: EngineModule, cmd: SimCommand): SimReply {
  try {
    if (cmd.op === "start") {
      drop();
      if (!mod.Evaluator) return { type: "sim", id: cmd.id, error: "this engine build has no evaluator", missing: true };
      const ev = new mod.Evaluator(cmd.text);
      evaluator = ev;
      if (typeof ev.simulate !== "function") {
        drop();
        return { type: "sim", id: cmd.id, error: "this engine build cannot simulate yet", missing: true };
      }
      sim = (ev.simulate as (s: unknown, i: unknown) => SimulationHandle).call(ev, cmd.scenario, cmd.incident);
    } else if (!sim) {
      return { type: "sim", id: cmd.id, error: "no simulation is running" };
    } else if (cmd.op === "next") sim.next();
    else if (cmd.op === "previous") sim.previous();
    else if (cmd.op === "reset") sim.reset();
    else if (cmd.op === "run") sim.runToEnd();
    else if (cmd.op === "seek") sim.seek(cmd.index);
    else if (cmd.op === "inject") sim.inject(cmd.event);
    else if (cmd.op === "stop") {
      drop();
      return { type: "sim", id: cmd.id, output: null };
    }
    const reply: SimReply = { type: "sim", id: cmd.id, output: sim.toJSON(), scenario: sim.scenario() };
    if (cmd.op === "debrief") reply.debrief = sim.debrief(cmd.zone, false);
    return reply;
  } catch (e) {
    const diagnostics = (e as { diagnostics?: { message: string }[] })?.diagnostics;
    const detail = diagnostics?.length ? `: ${diagnostics.map((d) => d.message).join("; ")}` : "";
    return { type: "sim", id: cmd.id, error: errorText(e) + detail, output: sim ? sim.toJSON() : undefined };
  }
}
