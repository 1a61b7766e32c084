// The playground page: editor on the left, views on the right, a header with
// the window, the display zone, examples, files and sharing. The engine runs
// in a worker (worker.ts); this file only wires state, controls and views.
import { examples } from "virtual:examples";
import { h, replace } from "./dom";
import { createEditor, type Editor } from "./editor";
import { decodeShare, encodeShare, load, save, STORAGE_CAP, type State } from "./state";
import { allZones, browserZone, formatDuration, isZone, localMidnight, rfc3339, wall } from "./time";
import { installTooltip, hideTooltip } from "./ui";
import type { Analysis, CoverageOutput, Version, WorkerMessage } from "./types";
import { allProblems, renderFindings, renderProblems, type Located } from "./views/findings";
import { renderSchedules, type ScheduleViewState, type Zoom } from "./views/schedules";
import { currentCoverage, gapsOf, renderCoverage, type GapRow } from "./views/coverage";
import { downloadPng, downloadText, gapsCsv, scheduleIcs, standaloneSvg } from "./exports";
import { incidentFor, renderSimulator, responders, type SimView } from "./views/simulator";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

// ---- state -------------------------------------------------------------

const fromHash = decodeShare(location.hash);
const saved = load();
/** The example a first visit opens: the payments one when bundled. */
const firstExample = examples.find((e) => e.name === "payments.yaml") ?? examples[0];
const state: State = fromHash ??
  saved ?? { text: firstExample?.text ?? "", from: null, days: 28, zone: null, tab: "coverage", target: null, schedule: null, zoom: "week" };
if (fromHash) history.replaceState(null, "", location.pathname + location.search);

const scheduleView: ScheduleViewState = { zoom: (state.zoom as Zoom) ?? "week", start: null, mark: null, focus: null };
let analysis: Analysis | null = null;
const simView: SimView = { target: null, start: null, responders: {}, output: null, scenario: null, error: null, missing: false, text: null };
let simId = 0;
let problems: Located[] = [];
let version: Version | null = null;
let engineError: string | null = null;
let requestId = 0;
let sentAt = 0;

function zone(): string {
  return state.zone && isZone(state.zone) ? state.zone : browserZone();
}

/** The window in ms: from local midnight of `state.from` (default today) for `state.days`. */
function windowMs(): { from: number; to: number } {
  const z = zone();
  let y: number, m: number, d: number;
  if (state.from && /^\d{4}-\d{2}-\d{2}$/.test(state.from)) [y, m, d] = state.from.split("-").map(Number) as [number, number, number];
  else ({ year: y, month: m, day: d } = wall(Date.now(), z));
  const from = localMidnight(y, m, d, z);
  const end = new Date(Date.UTC(y, m - 1, d + state.days));
  const to = localMidnight(end.getUTCFullYear(), end.getUTCMonth() + 1, end.getUTCDate(), z);
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
    renderStatus();
    analyze();
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
    simView.missing = msg.missing === true;
    if (msg.output !== undefined) simView.output = msg.output;
    if (msg.scenario !== undefined) simView.scenario = msg.scenario;
    if (msg.debrief !== undefined) downloadText("debrief.md", msg.debrief, "text/markdown");
    document.body.dataset.sim = String(msg.id);
    if (state.tab === "simulator") renderView();
  } else if (msg.type === "result" && msg.result.id === requestId) {
    analysis = msg.result;
    engineError = null;
    document.body.dataset.analysisMs = msg.result.ms.toFixed(2);
    document.body.dataset.timings = JSON.stringify(msg.result.timings);
    document.body.dataset.analysis = String(msg.result.id);
    renderAll();
  }
}
startWorker();

function analyze() {
  if (!version) return;
  if (crashedText !== null && crashedText === state.text) return;
  crashedText = null;
  const { from, to } = windowMs();
  requestId += 1;
  sentAt = performance.now();
  document.body.dataset.pending = String(requestId);
  worker.postMessage({ type: "analyze", id: requestId, text: state.text, from: rfc3339(from), to: rfc3339(to), zone: zone() });
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
  examples.forEach((ex, i) => exampleSelect.append(h("option", { value: String(i) }, ex.name)));
  exampleSelect.addEventListener("change", () => {
    const ex = examples[Number(exampleSelect.value)];
    if (ex) setText(ex.text);
    exampleSelect.value = "";
  });

  const fromInput = $<HTMLInputElement>("window-from");
  const { from } = windowMs();
  const w = wall(from, zone());
  fromInput.value = state.from ?? `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
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
  const list = $("zones");
  for (const z of allZones()) list.append(h("option", { value: z }));
  zoneInput.value = zone();
  zoneInput.addEventListener("change", () => {
    const z = zoneInput.value.trim();
    if (!isZone(z)) {
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
    const f = fileInput.files?.[0];
    if (f) setText(await f.text());
    fileInput.value = "";
  });
  $("download").addEventListener("click", () => {
    const isJson = /^\s*[{[]/.test(state.text);
    downloadText(isJson ? "escalation.json" : "escalation.yaml", state.text, isJson ? "application/json" : "application/yaml");
  });
  $("share").addEventListener("click", async () => {
    persistNow();
    // The link pins the window and the zone: "today" and "the browser's zone" differ for whoever opens it.
    const { from } = windowMs();
    const w = wall(from, zone());
    const day = `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
    const url = location.origin + location.pathname + encodeShare({ ...state, from: state.from ?? day, zone: zone() });
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
    const f = e.dataTransfer?.files?.[0];
    if (f) setText(await f.text());
  });
}

// ---- tabs --------------------------------------------------------------

const TABS = ["coverage", "schedules", "findings", "simulator"] as const;

function buildTabs() {
  const list = $("tabs");
  for (const tab of TABS) {
    const b = $<HTMLButtonElement>(`tab-${tab}`);
    b.addEventListener("click", () => selectTab(tab));
  }
  list.addEventListener("keydown", (e) => {
    const i = TABS.indexOf(state.tab as (typeof TABS)[number]);
    if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      const next = TABS[(i + (e.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length]!;
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
  for (const tab of TABS) {
    const b = $(`tab-${tab}`);
    const selected = tab === state.tab;
    b.setAttribute("aria-selected", String(selected));
    b.tabIndex = selected ? 0 : -1;
    $(`panel-${tab}`).hidden = !selected;
  }
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
    replace(el, h("span", { id: "version" }, `escalator ${version.engine}${version.tzdb ? ` · tzdb ${version.tzdb}` : ""}`));
    el.title = `engine ${version.engine}, document format v${version.format ?? "?"}, time zone database ${version.tzdb ?? "?"}`;
    const note = $("analysis-ms");
    note.textContent = analysis ? `analysed in ${analysis.ms < 10 ? analysis.ms.toFixed(1) : analysis.ms.toFixed(0)} ms` : "";
    note.title = analysis ? Object.entries(analysis.timings).map(([k, v]) => `${k}: ${v.toFixed(1)} ms`).join("\n") : "";
    if (analysis?.missing.length) el.title += `. Not in this build yet: ${analysis.missing.join(", ")}`;
  } else {
    el.className = "status";
    el.textContent = "loading engine…";
  }
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function card(id: string, value: string, label: string, tone: "good" | "bad" | "warn" | "plain" = "plain", detail?: string): HTMLElement {
  return h("div", { class: `summary-card tone-${tone}`, id: `card-${id}` }, h("span", { class: "summary-value" }, value), h("span", { class: "summary-label" }, label), detail ? h("span", { class: "summary-detail" }, detail) : null);
}

function renderSummary() {
  const root = $("summary");
  const a = analysis;
  if (!a) return replace(root);
  const cards: HTMLElement[] = [];
  const errors = problems.filter((p) => p.d.severity === "error").length;
  const warnings = problems.filter((p) => p.d.severity === "warning").length;
  if (a.evaluatorMissing) {
    cards.push(card("errors", String(errors), errors === 1 ? "error in the document" : "errors in the document", errors ? "bad" : "plain", "this engine build only checks documents"));
    return replace(root, ...cards);
  }
  if (!a.evaluated) {
    cards.push(card("errors", String(errors), errors === 1 ? "error in the document" : "errors in the document", "bad", a.evaluatorError && !errors ? a.evaluatorError : undefined));
    return replace(root, ...cards);
  }
  const counts = a.summary.ok
    ? a.summary.value
    : a.outline.ok
      ? { people: a.outline.value.people.length, schedules: a.outline.value.schedules.length, policies: a.outline.value.policies.length }
      : null;
  if (counts) cards.push(card("people", String(counts.people), counts.people === 1 ? "person" : "people", "plain", `${plural(counts.schedules, "schedule")} · ${plural(counts.policies, "policy", "policies")}`));
  else cards.push(card("people", "—", "people", "plain", "counts not available yet"));

  const answered = a.coverage.filter((c) => c.answer.ok).map((c) => ({ label: c.label, cov: (c.answer as { ok: true; value: CoverageOutput }).value }));
  if (answered.length) {
    let gapSeconds = 0;
    let gapCount = 0;
    let worst: number | null = 0;
    let worstLabel = "";
    let single = { share: 0, label: "" };
    for (const { label, cov } of answered) {
      const ack = cov.intervals.some((i) => typeof i.reached_within_target === "number");
      for (const g of gapsOf(cov, ack)) {
        if (g.kind === "nobody-paged") {
          gapCount++;
          gapSeconds += (g.end - g.start) / 1000;
        }
      }
      let singleSeconds = 0;
      for (const i of cov.intervals) {
        if (i.first_page_seconds === null) {
          if (worst !== null) worstLabel = label;
          worst = null;
        } else if (worst !== null && i.first_page_seconds > worst) {
          worst = i.first_page_seconds;
          worstLabel = label;
        }
        if (i.reached_within_target === 1) singleSeconds += (Date.parse(i.end) - Date.parse(i.start)) / 1000;
      }
      const span = (Date.parse(cov.to) - Date.parse(cov.from)) / 1000;
      const share = span > 0 ? singleSeconds / span : 0;
      if (share > single.share) single = { share, label };
    }
    cards.push(card("gaps", String(gapCount), gapCount === 1 ? "gap: nobody paged" : "gaps: nobody paged", gapCount ? "bad" : "good", gapCount ? `${formatDuration(gapSeconds)} in total` : "every incident pages someone"));
    cards.push(card("first-page", worst === null ? "never" : formatDuration(worst), "worst delay to first page", worst === null ? "bad" : worst > 900 ? "warn" : "good", worst === null || worst > 0 ? worstLabel : "for every route"));
    cards.push(card("single", `${Math.round(single.share * 100)}%`, "single responder before the ack target", single.share ? "warn" : "good", single.share ? `worst: ${single.label}` : "two or more everywhere"));
  } else if (a.coverage.length) {
    cards.push(card("gaps", "—", "gaps", "plain", a.coverage[0]!.answer.ok ? undefined : "coverage not available yet"));
  }
  cards.push(card("findings", String(errors + warnings), "errors and warnings", errors ? "bad" : warnings ? "warn" : "good", `${problems.length - errors - warnings} infos`));
  replace(root, ...cards);
}

function renderView() {
  const { from, to } = windowMs();
  const z = zone();
  if (state.tab === "coverage") {
    renderCoverage($("panel-coverage"), {
      analysis,
      zone: z,
      target: state.target ?? null,
      onTarget: (key) => {
        state.target = key;
        persist();
        renderView();
      },
      onGap: openGap,
      onSimulate: (target, ms) => {
        simView.target = target;
        simView.start = ms;
        selectTab("simulator");
        simStart();
      },
      onMoment: (ms) => openGap({ start: ms, end: ms + 3600000, severity: "warning", kind: "", cause: "", schedule: null, source: "intervals" }),
      exports: {
        csv: () => {
          const c = currentCoverage(analysis, state.target ?? null);
          if (!c?.answer.ok) return;
          const ack = c.answer.value.intervals.some((i) => typeof i.reached_within_target === "number");
          downloadText(`gaps-${c.key.replace(/[^a-z0-9-]+/gi, "-")}.csv`, gapsCsv(gapsOf(c.answer.value, ack), z), "text/csv");
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
      analysis,
      zone: z,
      from,
      to,
      view: scheduleView,
      onChange: () => {
        persist();
        renderView();
      },
      exportIcs: (id) => {
        const answer = analysis?.shifts[id];
        if (answer?.ok) downloadText(`${id}.ics`, scheduleIcs(answer.value), "text/calendar");
      },
    });
  } else if (state.tab === "simulator") {
    renderSimulator($("panel-simulator"), {
      analysis,
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
    $("problems-count").textContent = problems.length ? `${problems.length}${errors ? ` · ${errors} errors` : ""}` : "0";
    $("tab-findings-count").textContent = problems.length ? String(problems.length) : "";
  }
  renderStatus();
  renderSummary();
  renderView();
}

// ---- start -------------------------------------------------------------

installTooltip();
buildHeader();
buildTabs();
renderTabs();
renderAll();
persistNow();
document.body.dataset.ready = "true";
void sentAt;
