// The playground page: editor on the left, views on the right, a header with
// the window, the display zone, examples, files and sharing. The engine runs
// in a worker (worker.ts); this file only wires state, controls and views.
import { examples } from "virtual:examples";
import { h, replace } from "./dom";
import { createEditor, type Editor } from "./editor";
import { decodeShare, encodeShare, load, save, STORAGE_CAP, type State } from "./state";
import type { Version } from "escalator";
import { addDays, browserZone, dateText, instantsOf, isZone, localTimes, rfc3339, setClockEngine, zones, type ClockEngine } from "./clock";
import { installTooltip, hideTooltip } from "./ui";
import type { Analysis, WorkerMessage } from "./types";
import { allProblems, renderFindings, renderProblems, type Located } from "./views/findings";
import { renderSchedules, type ScheduleViewState, type Zoom } from "./views/schedules";
import { currentCoverage, gapsOf, renderCoverage, type GapRow } from "./views/coverage";
import { downloadPng, downloadText, gapsCsv, standaloneSvg } from "./exports";
import { incidentFor, renderSimulator, responders, type SimView } from "./views/simulator";
import { renderSummaryCards } from "./views/summary";
import { closeCompare, comparing, droppedFiles, importFiles, installMigrate, isDocument, looksVendor, oldDocument, openCompare, renderCompare, runCompareSoon } from "./migrate";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

// ---- state -------------------------------------------------------------

const fromHash = decodeShare(location.hash);
const saved = load();
/** The example a first visit opens: the payments one when bundled. */
const firstExample = examples.find((e) => e.name === "payments.yaml") ?? examples[0];
const state: State = fromHash ??
  saved ?? { text: firstExample?.text ?? "", from: null, days: 28, zone: null, tab: "coverage", target: null, schedule: null, zoom: "week" };
if (fromHash) history.replaceState(null, "", location.pathname + location.search);
/** The last shared version (the link the page was opened from): what compare mode starts from. */
const sharedText = fromHash?.text ?? null;

const scheduleView: ScheduleViewState = { zoom: (state.zoom as Zoom) ?? "week", start: null, mark: null, focus: null };
let analysis: Analysis | null = null;
/** The last analysis of a valid document: the views keep showing it while the text has errors. */
let lastGood: Analysis | null = null;
const simView: SimView = { target: null, start: null, responders: {}, output: null, scenario: null, error: null, text: null };
let simId = 0;
/** The latest calendar asked of the worker. */
let icsId = 0;
let problems: Located[] = [];
let version: Version | null = null;
let engineError: string | null = null;
let requestId = 0;

/** Whether the page's own engine instance is there (it converts instants for the views). */
let clockReady = false;

function zone(): string {
  return state.zone && clockReady && isZone(state.zone) ? state.zone : browserZone();
}

/** The window's first day: `state.from`, else today in the display zone. */
function windowDay(): string {
  if (state.from && /^\d{4}-\d{2}-\d{2}$/.test(state.from)) return state.from;
  return dateText(localTimes(zone(), [Date.now()])[0]!);
}

/** The window in ms: from local midnight of its first day for `state.days` days, in the display zone (one engine call). */
function windowMs(): { from: number; to: number } {
  const day = windowDay();
  const [from, to] = instantsOf(zone(), [day, addDays(day, state.days)]) as [number, number];
  return { from, to };
}

// ---- worker ------------------------------------------------------------

let worker: Worker;
/** The text that crashed the engine (not sent again until it changes). */
let crashedText: string | null = null;

/** Starts (or restarts, after the engine trapped) the analysis worker. */
function startWorker() {
  worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  worker.onmessage = onWorkerMessage;
  worker.onerror = (e) => {
    engineError = `the engine worker failed to start: ${e.message || "unknown error"}`;
    renderStatus();
  };
}

function onWorkerMessage(event: MessageEvent<WorkerMessage>) {
  const msg = event.data;
  if (msg.type === "ready") {
    version = msg.version;
    if (!clockReady) void startClock(msg.module);
    else {
      renderStatus();
      analyze();
    }
  } else if (msg.type === "load-error") {
    engineError = msg.message;
    renderStatus();
    renderAll();
  } else if (msg.type === "crash") {
    // A trapped wasm instance is unusable: start a fresh one, and wait for the
    // text to change before analysing again.
    engineError = `the engine failed on this document: ${msg.message}`;
    crashedText = state.text;
    version = null;
    worker.terminate();
    startWorker();
    renderStatus();
  } else if (msg.type === "sim") {
    if (msg.id !== simId) return;
    simView.error = msg.error ?? null;
    if (msg.output !== undefined) simView.output = msg.output;
    if (msg.scenario !== undefined) simView.scenario = msg.scenario;
    if (msg.debrief !== undefined) downloadText("debrief.md", msg.debrief, "text/markdown");
    document.body.dataset.sim = String(msg.id);
    if (state.tab === "simulator") renderView();
  } else if (msg.type === "ics") {
    if (msg.id !== icsId) return;
    if (msg.answer.ok) downloadText(msg.name, msg.answer.value, "text/calendar");
    else {
      engineError = `no calendar: ${msg.answer.error.message}`;
      renderStatus();
    }
  } else if (msg.type === "result" && msg.result.id === requestId) {
    analysis = msg.result;
    if (analysis.evaluated) lastGood = analysis;
    engineError = null;
    document.body.dataset.analysisMs = msg.result.ms.toFixed(2);
    document.body.dataset.timings = JSON.stringify(msg.result.timings);
    document.body.dataset.analysis = String(msg.result.id);
    renderAll();
  }
}
startWorker();

/**
 * Instantiates the engine on this thread too, from the module the worker
 * compiled: every instant the views show in the display zone is converted
 * by it (clock.ts), not by the browser's Intl.
 */
async function startClock(module: WebAssembly.Module) {
  try {
    const url = new URL("./engine/escalator.js", import.meta.url).href;
    const mod = (await import(/* @vite-ignore */ url)) as ClockEngine & { initSync: (o: { module: WebAssembly.Module }) => unknown };
    mod.initSync({ module });
    setClockEngine(mod);
    clockReady = true;
    fillHeader();
  } catch (e) {
    engineError = `the engine failed to start: ${e instanceof Error ? e.message : String(e)}`;
  }
  renderStatus();
  analyze();
}

function analyze() {
  if (!version || !clockReady) return;
  if (crashedText !== null && crashedText === state.text) return;
  crashedText = null;
  const { from, to } = windowMs();
  requestId += 1;
  document.body.dataset.pending = String(requestId);
  // The window asked for, in UTC (the end-to-end tests ask the CLI the same).
  document.body.dataset.windowFrom = rfc3339(from);
  document.body.dataset.windowTo = rfc3339(to);
  worker.postMessage({ type: "analyze", id: requestId, text: state.text, from: rfc3339(from), to: rfc3339(to), zone: zone(), target: state.target ?? null });
  if (comparing()) runCompareSoon();
}

let analyzeTimer = 0;
function analyzeSoon() {
  clearTimeout(analyzeTimer);
  analyzeTimer = window.setTimeout(analyze, 200);
}

// ---- persistence -------------------------------------------------------

let saveTimer = 0;
function persist() {
  clearTimeout(saveTimer);
  saveTimer = window.setTimeout(persistNow, 250);
}
function persistNow() {
  state.zoom = scheduleView.zoom;
  state.old = comparing() ? oldDocument() : null;
  const ok = save(state);
  const warn = $("autosave-warning");
  warn.hidden = ok;
  if (!ok) warn.textContent = `Not autosaved: the document is over ${Math.round(STORAGE_CAP / 1000)} KB. Download it to keep it.`;
}
window.addEventListener("pagehide", persistNow);

// ---- editor ------------------------------------------------------------

const editor: Editor = createEditor($("editor"), state.text, (text) => {
  state.text = text;
  persist();
  analyzeSoon();
});

function reveal(p: Located) {
  editor.reveal(p.from, p.to);
}

function setText(text: string) {
  editor.setText(text);
  state.text = text;
  persist();
  analyze();
}

// ---- header controls ---------------------------------------------------

function buildHeader() {
  const exampleSelect = $<HTMLSelectElement>("example");
  exampleSelect.append(h("option", { value: "" }, examples.length ? "Load an example…" : "No examples bundled"));
  const groups: Record<string, string> = { "": "Policies", json: "The same as JSON", broken: "Broken on purpose" };
  for (const [group, label] of Object.entries(groups)) {
    const members = examples.map((ex, i) => ({ ex, i })).filter(({ ex }) => ex.group === group);
    if (!members.length) continue;
    const optgroup = h("optgroup", { label });
    for (const { ex, i } of members) optgroup.append(h("option", { value: String(i) }, ex.name));
    exampleSelect.append(optgroup);
  }
  exampleSelect.addEventListener("change", () => {
    const ex = examples[Number(exampleSelect.value)];
    if (ex) setText(ex.text);
    exampleSelect.value = "";
  });

  const fromInput = $<HTMLInputElement>("window-from");
  fromInput.addEventListener("change", () => {
    state.from = fromInput.value || null;
    scheduleView.start = null;
    persist();
    analyze();
  });
  const days = $<HTMLSelectElement>("window-days");
  for (const [n, label] of [[7, "1 week"], [14, "2 weeks"], [28, "4 weeks"], [56, "8 weeks"], [91, "13 weeks"], [182, "26 weeks"]] as const) {
    days.append(h("option", { value: String(n), selected: n === state.days }, label));
  }
  days.addEventListener("change", () => {
    state.days = Number(days.value);
    scheduleView.start = null;
    persist();
    analyze();
  });

  const zoneInput = $<HTMLInputElement>("zone");
  zoneInput.addEventListener("change", () => {
    const z = zoneInput.value.trim();
    if (!clockReady || !isZone(z)) {
      zoneInput.setCustomValidity("Unknown time zone");
      zoneInput.reportValidity();
      return;
    }
    zoneInput.setCustomValidity("");
    state.zone = z === browserZone() ? null : z;
    persist();
    analyze();
  });

  const fileInput = $<HTMLInputElement>("file");
  $("open").addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", async () => {
    const files = await Promise.all([...(fileInput.files ?? [])].map(async (f) => ({ name: f.name, text: await f.text() })));
    fileInput.value = "";
    openFiles(files);
  });
  $("download").addEventListener("click", () => {
    const isJson = /^\s*[{[]/.test(state.text);
    downloadText(isJson ? "escalation.json" : "escalation.yaml", state.text, isJson ? "application/json" : "application/yaml");
  });
  $("share").addEventListener("click", async () => {
    persistNow();
    // The link pins the window and the zone: "today" and "the browser's zone" differ for whoever opens it.
    const day = clockReady ? windowDay() : state.from;
    const url = location.origin + location.pathname + encodeShare({ ...state, from: state.from ?? day, zone: state.zone ?? (clockReady ? zone() : null), old: comparing() ? oldDocument() : null });
    const out = $<HTMLInputElement>("share-url");
    out.value = url;
    $("share-box").hidden = false;
    out.select();
    try {
      await navigator.clipboard.writeText(url);
      $("share-status").textContent = `Copied (${url.length} characters).`;
    } catch {
      $("share-status").textContent = `${url.length} characters: copy it from the box.`;
    }
  });
  $("share-close").addEventListener("click", () => ($("share-box").hidden = true));

  // Drag and drop a file anywhere on the page.
  document.addEventListener("dragover", (e) => {
    e.preventDefault();
    document.body.classList.add("dropping");
  });
  document.addEventListener("dragleave", (e) => {
    if (!e.relatedTarget) document.body.classList.remove("dropping");
  });
  document.addEventListener("drop", async (e) => {
    e.preventDefault();
    document.body.classList.remove("dropping");
    if (e.dataTransfer) openFiles(await droppedFiles(e.dataTransfer));
  });
  // A pasted vendor export is imported (the migration module loads then).
  $("editor").addEventListener(
    "paste",
    (e) => {
      const text = e.clipboardData?.getData("text/plain") ?? "";
      if (!looksVendor("", text)) return;
      e.preventDefault();
      e.stopPropagation();
      void importFiles([{ name: "pasted", text }]);
    },
    true,
  );
  $("compare").addEventListener("click", () => {
    if (comparing()) {
      closeCompare();
      if (state.tab === "compare") selectTab("coverage");
      renderTabs();
      return;
    }
    openCompare(sharedText ?? state.text);
    selectTab("compare");
  });
  document.addEventListener("escalator:compared", () => {
    if (state.tab === "compare") renderView();
  });
}

/** Opens files: one Escalator document goes to the editor; vendor files (or several files) are imported. */
function openFiles(files: { name: string; text: string }[]) {
  const [one] = files;
  if (!one) return;
  if (files.length === 1 && (isDocument(one.text) || !looksVendor(one.name, one.text))) setText(one.text);
  else void importFiles(files);
}

/** The header's values that need the engine: the zones it knows, the window's first day. */
function fillHeader() {
  const list = $("zones");
  for (const z of zones()) list.append(h("option", { value: z }));
  $<HTMLInputElement>("zone").value = zone();
  $<HTMLInputElement>("window-from").value = windowDay();
}

// ---- tabs --------------------------------------------------------------

const TABS = ["coverage", "schedules", "findings", "simulator", "compare"] as const;

function buildTabs() {
  const list = $("tabs");
  for (const tab of TABS) {
    const b = $<HTMLButtonElement>(`tab-${tab}`);
    b.addEventListener("click", () => selectTab(tab));
  }
  list.addEventListener("keydown", (e) => {
    // The tabs shown (Compare only in compare mode).
    const shown = TABS.filter((t) => t !== "compare" || comparing());
    const i = shown.indexOf(state.tab as (typeof TABS)[number]);
    if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      const next = shown[(i + (e.key === "ArrowRight" ? 1 : shown.length - 1)) % shown.length]!;
      selectTab(next);
      $(`tab-${next}`).focus();
      e.preventDefault();
    }
  });
}

function selectTab(tab: string) {
  state.tab = TABS.includes(tab as (typeof TABS)[number]) ? tab : "coverage";
  persist();
  hideTooltip();
  renderTabs();
  renderView();
}

function renderTabs() {
  if (state.tab === "compare" && !comparing()) state.tab = "coverage";
  for (const tab of TABS) {
    const b = $(`tab-${tab}`);
    const selected = tab === state.tab;
    b.setAttribute("aria-selected", String(selected));
    b.tabIndex = selected ? 0 : -1;
    $(`panel-${tab}`).hidden = !selected;
  }
  $("tab-compare").hidden = !comparing();
}

// ---- rendering ---------------------------------------------------------

function renderStatus() {
  const el = $("engine-status");
  if (engineError) {
    el.className = "status status-error";
    el.textContent = engineError.includes("engine/escalator.js") || engineError.includes("Failed to fetch") ? "engine module not built (run ./x build)" : engineError;
    el.title = engineError;
  } else if (version) {
    el.className = "status status-ok";
    replace(el, h("span", { id: "version" }, `escalator ${version.engine} · tzdb ${version.tzdb}`));
    el.title = `engine ${version.engine}, document format v${version.format}, time zone database ${version.tzdb}`;
    const note = $("analysis-ms");
    note.textContent = analysis ? `analysed in ${analysis.ms < 10 ? analysis.ms.toFixed(1) : analysis.ms.toFixed(0)} ms` : "";
    note.title = analysis ? Object.entries(analysis.timings).map(([k, v]) => `${k}: ${v.toFixed(1)} ms`).join("\n") : "";
  } else {
    el.className = "status";
    el.textContent = "loading engine…";
  }
}

function renderSummary() {
  renderSummaryCards($("summary"), analysis, problems);
}

function renderView() {
  if (!clockReady) {
    if (!engineError) replace($(`panel-${state.tab}`), h("p", { class: "muted" }, "Waiting for the engine…"));
    return;
  }
  const { from, to } = windowMs();
  const z = zone();
  // While the text has errors (mid-edit, say), the views show the last valid version, and say so.
  const stale = analysis && !analysis.evaluated && lastGood && state.tab !== "findings" ? lastGood : null;
  const shown = stale ?? analysis;
  if (state.tab === "coverage") {
    renderCoverage($("panel-coverage"), {
      analysis: shown,
      zone: z,
      target: state.target ?? null,
      onTarget: (key) => {
        state.target = key;
        persist();
        renderView();
        // The heatmaps of the new target (only the one in view is asked for).
        analyze();
      },
      onGap: openGap,
      onSimulate: (target, ms) => {
        simView.target = target;
        simView.start = ms;
        selectTab("simulator");
        simStart();
      },
      onMoment: (ms) => openGap({ start: ms, end: ms + 3600000, severity: "warning", kind: "", cause: "", schedule: null }),
      exports: {
        csv: () => {
          const c = currentCoverage(analysis, state.target ?? null);
          if (!c?.answer.ok) return;
          downloadText(`gaps-${c.key.replace(/[^a-z0-9-]+/gi, "-")}.csv`, gapsCsv(gapsOf(c.answer.value), z), "text/csv");
        },
        svg: () => {
          const svg = document.querySelector<SVGSVGElement>("#week-heatmap svg");
          if (svg) downloadText("heatmap.svg", standaloneSvg(svg), "image/svg+xml");
        },
        png: () => {
          const svg = document.querySelector<SVGSVGElement>("#week-heatmap svg");
          if (svg) void downloadPng("heatmap.png", svg);
        },
      },
    });
  } else if (state.tab === "schedules") {
    renderSchedules($("panel-schedules"), {
      analysis: shown,
      zone: z,
      from,
      to,
      view: scheduleView,
      onChange: () => {
        persist();
        renderView();
      },
      exportIcs: (which) => {
        // The engine writes it (ev.ics in the worker), from the document and window shown.
        icsId += 1;
        worker.postMessage({ type: "ics", id: icsId, which, dtstamp: Date.now() });
      },
    });
  } else if (state.tab === "compare") {
    renderCompare($("panel-compare"), (iso) => {
      const l = localTimes(z, [Date.parse(iso)])[0]!;
      return `${dateText(l)} ${String(l.hour).padStart(2, "0")}:${String(l.minute).padStart(2, "0")}`;
    }, (ms) => openGap({ start: ms, end: ms + 3600000, severity: "warning", kind: "", cause: "", schedule: null }));
  } else if (state.tab === "simulator") {
    renderSimulator($("panel-simulator"), {
      analysis: shown,
      zone: z,
      windowFrom: from,
      view: simView,
      text: state.text,
      send: simSend,
      start: simStart,
      exportDebrief: () => simSend("debrief", { zone: z }),
      exportScenario: () => {
        if (simView.scenario) downloadText("scenario.json", JSON.stringify(simView.scenario, null, 2) + "\n", "application/json");
      },
    });
  } else {
    renderFindings($("panel-findings"), analysis, problems, reveal);
  }
  if (stale) {
    const errors = analysis!.diagnostics.filter((d) => d.severity === "error").length;
    $(`panel-${state.tab}`).prepend(
      h("div", { class: "notice notice-stale", role: "status", id: "stale-notice" }, h("strong", {}, `The document has ${errors === 1 ? "an error" : `${errors} errors`}: showing the last valid version.`), h("p", {}, "Fix the problems listed under the editor to see the current text.")),
    );
  }
  if (!analysis && engineError) {
    replace($(`panel-${state.tab}`), h("div", { class: "notice notice-error", role: "alert" }, h("strong", {}, "The engine is not available"), h("p", {}, engineError)));
  }
}

/** Sends a command to the simulation in the worker; its reply re-renders the tab. */
function simSend(op: string, extra: Record<string, unknown> = {}) {
  simId += 1;
  worker.postMessage({ type: "sim", id: simId, op, ...extra });
}

/** Opens the chosen incident with the chosen behaviours (a fresh run). */
function simStart() {
  const { from } = windowMs();
  const target = simView.target ?? analysis?.coverage[0]?.key ?? "";
  const incident = incidentFor(target, rfc3339(simView.start ?? from));
  if (!incident) return;
  simView.output = null;
  simView.text = state.text;
  simSend("start", { text: state.text, scenario: { responders: responders(simView.responders) }, incident });
}

function openGap(g: GapRow) {
  scheduleView.zoom = "day";
  scheduleView.start = g.start - 6 * 3600000;
  scheduleView.mark = g.start;
  scheduleView.focus = g.schedule;
  selectTab("schedules");
  if (!g.schedule) $("tabs").scrollIntoView({ block: "start" });
}

function renderAll() {
  if (analysis) {
    problems = allProblems(analysis, editor.range, editor.text());
    editor.setDiagnostics(problems.map((p) => p.d));
    renderProblems($("problems"), problems, reveal);
    const errors = problems.filter((p) => p.d.severity === "error").length;
    $("problems-count").textContent = errors ? `${errors} ${errors === 1 ? "error" : "errors"}${problems.length > errors ? ` · ${problems.length} in all` : ""}` : String(problems.length);
    $("tab-findings-count").textContent = problems.length ? String(problems.length) : "";
  }
  renderStatus();
  renderSummary();
  renderView();
}

// ---- start -------------------------------------------------------------

installTooltip();
installMigrate({
  setText,
  text: () => state.text,
  window: () => (clockReady ? { ...windowMs(), zone: zone() } : null),
  persist,
});
buildHeader();
buildTabs();
if (state.old) openCompare(state.old);
renderTabs();
renderAll();
persistNow();
document.body.dataset.ready = "true";

// Offline reloads: the service worker keeps a copy of the site's files.
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  navigator.serviceWorker.register("sw.js").catch(() => undefined);
}
