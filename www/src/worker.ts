// The analysis worker: compiles the engine's wasm module once, hands the
// compiled module to the page (which instantiates its own copy for time
// conversions), then answers "analyze this text over this window" requests
// off the main thread, so typing never stalls. Only the latest request is
// worked on: requests that arrive while one runs replace each other.
import type { AnalyzeRequest, CalendarRequest, SimCommand, WorkerMessage } from "./types";
import { simulate } from "./simulation";
import { analyze, calendar, type Engine } from "./engine";

declare const self: DedicatedWorkerGlobalScope;

let engine: Engine | null = null;
let pending: AnalyzeRequest | null = null;
let running = false;
/** The last valid document analysed and its window: what the views show, and what calendars export. */
let shown: { text: string; from: string; to: string } | null = null;

function post(message: WorkerMessage) {
  self.postMessage(message);
}

async function load() {
  try {
    // Kept out of the bundle (see build.mjs): the wasm-bindgen glue and the
    // .wasm beside it in `engine/`.
    const url = new URL("./engine/escalator.js", import.meta.url).href;
    const mod = (await import(/* @vite-ignore */ url)) as Engine & { initSync: (o: { module: WebAssembly.Module }) => unknown };
    const module = await WebAssembly.compileStreaming(fetch(new URL("./engine/escalator_bg.wasm", import.meta.url)));
    mod.initSync({ module });
    engine = mod;
    post({ type: "ready", version: mod.version(), module });
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
    const result = analyze(engine, request);
    if (result.evaluated) shown = { text: request.text, from: request.from, to: request.to };
    post({ type: "result", result });
  } catch (e) {
    post({ type: "crash", id: request.id, message: e instanceof Error ? e.message : String(e) });
  } finally {
    running = false;
  }
  // Let newer messages land before picking the next one.
  setTimeout(drain, 0);
}

self.onmessage = (event: MessageEvent<AnalyzeRequest | SimCommand | CalendarRequest>) => {
  if (event.data?.type === "ics") {
    const req = event.data;
    const name = `${"schedule" in req.which ? req.which.schedule : `on-call-${req.which.person}`}.ics`;
    const answer = engine && shown ? calendar(engine, shown.text, req, shown.from, shown.to) : { ok: false as const, error: { kind: "query" as const, code: "not-ready", message: "no valid document analysed yet", help: null } };
    post({ type: "ics", id: req.id, name, answer });
  } else if (event.data?.type === "sim") {
    if (engine) post(simulate(engine, event.data));
    else post({ type: "sim", id: event.data.id, error: "the engine is not loaded" });
  } else if (event.data?.type === "analyze") {
    pending = event.data;
    setTimeout(drain, 0);
  }
};

load();
