// The analysis worker: loads the engine's wasm module once, then answers
// "analyze this text over this window" requests off the main thread, so
// typing never stalls. Only the latest request is worked on: requests that
// arrive while one runs replace each other.
import type { AnalyzeRequest, SimCommand, WorkerMessage } from "./types";
import { simulate } from "./simulation";
import { analyze, type EngineModule } from "./engine";

declare const self: DedicatedWorkerGlobalScope;

let engine: EngineModule | null = null;
let pending: AnalyzeRequest | null = null;
let running = false;

function post(message: WorkerMessage) {
  self.postMessage(message);
}

async function load() {
  try {
    // Kept out of the bundle (see build.mjs): the wasm-bindgen glue and the
    // .wasm beside it in `engine/`.
    const url = new URL("./engine/escalator.js", import.meta.url).href;
    const mod = (await import(/* @vite-ignore */ url)) as EngineModule & { default: (opts?: unknown) => Promise<unknown> };
    await mod.default({ module_or_path: new URL("./engine/escalator_bg.wasm", import.meta.url) });
    engine = mod;
    const version = typeof mod.version === "function" ? mod.version() : { engine: "unknown" };
    const exports = Object.keys(mod).filter((k) => k !== "default" && !k.startsWith("__") && !k.startsWith("init"));
    const proto = mod.Evaluator ? Object.getOwnPropertyNames(mod.Evaluator.prototype).map((k) => `Evaluator.${k}`) : [];
    post({ type: "ready", version, exports: [...exports, ...proto] });
    drain();
  } catch (e) {
    post({ type: "load-error", message: e instanceof Error ? e.message : String(e) });
  }
}

function drain() {
  if (running || !engine || !pending) return;
  const request = pending;
  pending = null;
  running = true;
  try {
    post({ type: "result", result: analyze(engine, request) });
  } catch (e) {
    post({ type: "crash", id: request.id, message: e instanceof Error ? e.message : String(e) });
  } finally {
    running = false;
  }
  // Let newer messages land before picking the next one.
  setTimeout(drain, 0);
}

self.onmessage = (event: MessageEvent<AnalyzeRequest | SimCommand>) => {
  if (event.data?.type === "sim") {
    if (engine) post(simulate(engine, event.data));
    else post({ type: "sim", id: event.data.id, error: "the engine is not loaded" });
  } else if (event.data?.type === "analyze") {
    pending = event.data;
    setTimeout(drain, 0);
  }
};

load();
