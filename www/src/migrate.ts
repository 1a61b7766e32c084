// Import and compare on the page. The migration module (escalator-migrate:
// the importers and the comparison, a wasm module of its own) is loaded
// only when a vendor file arrives or compare mode opens, by a dynamic import
// of the site's own `migrate/escalator_migrate.js`: pages that never import
// download nothing more. Everything pasted or dropped is shown as text only
// (textContent, CodeMirror), never parsed as HTML.
import { EditorState, StateEffect } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import type * as Migrate from "escalator-migrate";
import type { CompareOutput, ImportOutput, SourceFile, WeekRowJson } from "escalator-migrate";
import { h, replace } from "./dom";
import { createEditor, type Editor } from "./editor";

let module: Promise<typeof Migrate> | null = null;

/** The migration module, loaded (and instantiated) on first use. */
export function loadMigrate(): Promise<typeof Migrate> {
  module ??= (async () => {
    // A computed URL: the bundler leaves it alone, the browser fetches it
    // from this site when (and only when) it is first needed.
    const url = new URL("./migrate/escalator_migrate.js", location.href).href;
    const m = (await import(/* @vite-ignore */ url)) as typeof Migrate & { default: (o: { module_or_path: URL }) => Promise<unknown> };
    await m.default({ module_or_path: new URL("./migrate/escalator_migrate_bg.wasm", location.href) });
    document.body.dataset.migrateLoaded = "1";
    return m;
  })();
  return module;
}

/** An Escalator document (YAML or JSON with `version: 1`), as opposed to a vendor file. */
export function isDocument(text: string): boolean {
  return /^\s*version\s*:\s*1\b/m.test(text) || /^\s*\{\s*"version"\s*:\s*1\b/.test(text);
}

/** Text that is plainly a vendor export (pastes are imported only then). */
export function looksVendor(name: string, text: string): boolean {
  if (/\.(tf|tfvars|ics|ical)$/i.test(name)) return true;
  if (isDocument(text)) return false;
  return /BEGIN:VCALENDAR|schedule_layers|escalation_rules|rotation_virtual_start|escalation_policies|resource\s+"(pagerduty|opsgenie|aws_ssmcontacts|awscc_ssmcontacts|grafana_oncall)_|"rotations"\s*:|timeRestriction|AWS::SSMContacts|"on_call_shifts"|"escalation_chains"|"activeUserIndex"|"targets"\s*:.*"rules"|"Plan"\s*:\s*\{/s.test(
    text,
  );
}

/** The page's hooks the import and compare views use. */
export interface MigrateHost {
  /** Puts a document in the editor and analyses it. */
  setText(text: string): void;
  text(): string;
  /** The window (query instants, ms) and display zone. */
  window(): { from: number; to: number; zone: string } | null;
  /** The share link's extra state changed (the compare mode's OLD). */
  persist(): void;
}

// ---------------------------------------------------------------- import

interface Imported {
  files: SourceFile[];
  vars: Record<string, string>;
  out: ImportOutput | null;
  error: string | null;
}

let host: MigrateHost;
let current: Imported | null = null;
let originals: Editor | null = null;

export function installMigrate(h_: MigrateHost) {
  host = h_;
}

/** Imports files (a drop, a paste, the file picker) and shows the banner. */
export async function importFiles(files: SourceFile[]) {
  current = { files, vars: {}, out: null, error: null };
  await reimport();
}

async function reimport() {
  if (!current) return;
  const banner = bannerEl();
  banner.hidden = false;
  replace(banner, h("p", { class: "muted" }, "Loading the importers…"));
  const m = await loadMigrate();
  const answer = m.importDocument(current.files, Object.keys(current.vars).length ? { vars: current.vars } : undefined);
  if (answer.ok) {
    current.out = answer.value;
    current.error = null;
    host.setText(answer.value.document);
  } else {
    current.out = null;
    current.error = answer.error.kind === "query" ? `${answer.error.message}${answer.error.help ? ` (${answer.error.help})` : ""}` : answer.error.message;
  }
  document.body.dataset.imported = String(Number(document.body.dataset.imported ?? 0) + 1);
  renderBanner();
  renderOriginals();
}

function bannerEl(): HTMLElement {
  let el = document.getElementById("import-banner");
  if (!el) {
    el = h("div", { id: "import-banner", class: "import-banner", role: "region", "aria-label": "Import" });
    const editor = document.getElementById("editor")!;
    editor.before(el);
  }
  return el;
}

function renderBanner() {
  const banner = bannerEl();
  if (!current) {
    banner.hidden = true;
    return;
  }
  const close = h("button", { type: "button", class: "btn btn-small", id: "import-close", onclick: closeImport }, "Close");
  if (current.error || !current.out) {
    replace(banner, h("div", { class: "import-head" }, h("strong", { id: "import-summary", class: "import-error" }, current.error ?? "nothing imported"), close));
    return;
  }
  const out = current.out;
  const fields = out.needed.map((n) =>
    h(
      "label",
      { class: "field import-needed" },
      h("span", {}, `${n.name}${n.description ? ` (${n.description})` : ""}`),
      h("input", {
        "data-var": n.name,
        placeholder: n.example ?? "",
        value: current!.vars[n.name] ?? "",
        spellcheck: "false",
        onchange: (e: Event) => {
          const v = (e.target as HTMLInputElement).value;
          if (v) current!.vars[n.name] = v;
          else delete current!.vars[n.name];
          void reimport();
        },
      }),
    ),
  );
  // Values given that are no longer needed stay editable too.
  for (const [name, value] of Object.entries(current.vars)) {
    if (out.needed.some((n) => n.name === name)) continue;
    fields.push(
      h(
        "label",
        { class: "field import-needed" },
        h("span", {}, name),
        h("input", {
          "data-var": name,
          value,
          onchange: (e: Event) => {
            current!.vars[name] = (e.target as HTMLInputElement).value;
            void reimport();
          },
        }),
      ),
    );
  }
  const diags = out.diagnostics.map((d) =>
    h(
      "li",
      { class: `import-diag sev-text-${d.severity}` },
      h("code", {}, `${d.file}:${d.span.start.line}:${d.span.start.column}`),
      ` ${d.severity}[${d.code}] ${d.message}`,
    ),
  );
  replace(
    banner,
    h("div", { class: "import-head" }, h("strong", { id: "import-summary" }, `Imported ${out.summary}`), close),
    fields.length ? h("div", { class: "import-fields" }, ...fields) : null,
    diags.length
      ? h("details", { class: "import-diags" }, h("summary", {}, `${diags.length} note${diags.length === 1 ? "" : "s"} about the source files`), h("ul", {}, ...diags))
      : null,
  );
}

function closeImport() {
  current = null;
  renderBanner();
  renderOriginals();
}

/** The editor pane's tabs: the document, and the original files (read only). */
function renderOriginals() {
  let tabs = document.getElementById("source-tabs");
  const pane = document.getElementById("originals");
  if (!current) {
    tabs?.remove();
    pane?.remove();
    originals = null;
    document.getElementById("editor")!.hidden = false;
    return;
  }
  const files = current.files;
  const editorEl = document.getElementById("editor")!;
  if (!tabs) {
    tabs = h("div", { id: "source-tabs", class: "tabs source-tabs", role: "tablist" });
    editorEl.before(tabs);
  }
  let box = pane;
  if (!box) {
    box = h("div", { id: "originals", class: "editor originals" });
    box.hidden = true;
    editorEl.after(box);
  }
  const show = (which: "document" | "originals") => {
    editorEl.hidden = which !== "document";
    box!.hidden = which === "document";
    docTab.setAttribute("aria-selected", String(which === "document"));
    origTab.setAttribute("aria-selected", String(which !== "document"));
  };
  const docTab = h("button", { type: "button", role: "tab", id: "tab-document", onclick: () => show("document") }, "Document");
  const origTab = h("button", { type: "button", role: "tab", id: "tab-originals", onclick: () => show("originals") }, `Originals (${files.length})`);
  const picker = h("select", { id: "original-file", "aria-label": "Original file" }, ...files.map((f, i) => h("option", { value: String(i) }, f.name)));
  picker.addEventListener("change", () => originals?.setText(files[Number(picker.value)]?.text ?? ""));
  replace(tabs, docTab, origTab, picker);
  docTab.setAttribute("aria-selected", "true");
  origTab.setAttribute("aria-selected", "false");
  if (!originals) {
    originals = createEditor(box, files[0]?.text ?? "", () => {});
    originals.view.dispatch({ effects: StateEffect.appendConfig.of([EditorState.readOnly.of(true), EditorView.editable.of(false)]) });
  } else {
    originals.setText(files[0]?.text ?? "");
  }
  editorEl.hidden = false;
  box.hidden = true;
}

/** Files from a drop: every file, and a folder's files when the browser gives the folder. */
export async function droppedFiles(data: DataTransfer): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  const entries = [...data.items].map((i) => i.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  if (entries.some((e) => e.isDirectory)) {
    const walk = async (entry: FileSystemEntry, prefix: string, depth: number): Promise<void> => {
      if (entry.name.startsWith(".") || depth > 8) return;
      if (entry.isFile) {
        const file = await new Promise<File>((ok, no) => (entry as FileSystemFileEntry).file(ok, no));
        if (/\.(tf|tf\.json|tfvars|tfvars\.json|json|ya?ml|ics|ical)$/i.test(file.name)) out.push({ name: prefix + file.name, text: await file.text() });
      } else if (entry.isDirectory) {
        const reader = (entry as FileSystemDirectoryEntry).createReader();
        const children: FileSystemEntry[] = [];
        for (;;) {
          const batch = await new Promise<FileSystemEntry[]>((ok, no) => reader.readEntries(ok, no));
          if (!batch.length) break;
          children.push(...batch);
        }
        for (const c of children.sort((a, b) => (a.name < b.name ? -1 : 1))) await walk(c, `${prefix}${entry.name}/`, depth + 1);
      }
    };
    for (const e of entries) await walk(e, "", 0);
    return out;
  }
  for (const f of [...data.files]) out.push({ name: f.name, text: await f.text() });
  return out;
}

// ---------------------------------------------------------------- compare

let oldEditor: Editor | null = null;
let oldText = "";
let compared: CompareOutput | null = null;
let compareError: string | null = null;
let subject = 0;
let detail: { text: string; at: number } | null = null;

/** Whether compare mode is on. */
export function comparing(): boolean {
  return oldEditor !== null;
}

export function oldDocument(): string {
  return oldText;
}

/** Opens compare mode: OLD in a second editor (the given text: the last shared version, else the current). */
export function openCompare(old: string) {
  oldText = old;
  if (!oldEditor) {
    const editorEl = document.getElementById("editor")!;
    const wrap = h("div", { id: "compare-old", class: "compare-old" }, h("div", { class: "pane-head" }, h("h2", {}, "OLD"), h("span", { class: "muted" }, "the setup in use: the editor below it is NEW")));
    const box = h("div", { id: "old-editor", class: "editor editor-old" });
    wrap.append(box);
    editorEl.before(wrap);
    oldEditor = createEditor(box, old, (text) => {
      oldText = text;
      host.persist();
      runCompareSoon();
    });
    document.body.classList.add("compare-mode");
  } else {
    oldEditor.setText(old);
  }
  host.persist();
  void runCompare();
}

export function closeCompare() {
  document.getElementById("compare-old")?.remove();
  oldEditor = null;
  compared = null;
  document.body.classList.remove("compare-mode");
  host.persist();
}

let timer = 0;
export function runCompareSoon() {
  clearTimeout(timer);
  timer = window.setTimeout(() => void runCompare(), 300);
}

let compareRun = 0;
export async function runCompare() {
  if (!oldEditor) return;
  const id = ++compareRun;
  const m = await loadMigrate();
  if (id !== compareRun || !oldEditor) return;
  const w = host.window();
  if (!w) return;
  const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
  const answer = m.compare(oldText, host.text(), { from: iso(w.from), to: iso(w.to), zone: w.zone });
  compared = answer.ok ? answer.value : null;
  compareError = answer.ok ? null : answer.error.message;
  document.body.dataset.compared = String(compareRun);
  document.dispatchEvent(new CustomEvent("escalator:compared"));
}

/** A difference's length as people say it: 45m, 6h, 1h30m. */
export function amount(seconds: number): string {
  const m = Math.round(seconds / 60);
  if (m < 60) return `${m}m`;
  return m % 60 ? `${Math.floor(m / 60)}h${m % 60}m` : `${m / 60}h`;
}

interface Subject {
  label: string;
  grid: WeekRowJson[];
  rows: { start: string; end: string; kind: string; effect: string; message: string; old: string; new: string }[];
}

function subjects(c: CompareOutput): Subject[] {
  const list: Subject[] = [];
  for (const r of c.routes) {
    const label = r.service ? `route ${r.service} ${r.severity ?? ""}` : `policy ${r.policy ?? ""}`;
    list.push({
      label,
      grid: r.hour_of_week,
      rows: r.changes.map((x) => ({
        start: x.start,
        end: x.end,
        kind: x.kind,
        effect: x.effect,
        message: x.message,
        old: x.old ? x.old.plan.map((p) => `${amount(p.after_seconds)}: ${p.people.join(", ") || "nobody"}`).join("; ") || "pages nobody" : "no route",
        new: x.new ? x.new.plan.map((p) => `${amount(p.after_seconds)}: ${p.people.join(", ") || "nobody"}`).join("; ") || "pages nobody" : "no route",
      })),
    });
  }
  for (const s of c.schedules) {
    list.push({
      label: s.old === s.new ? `schedule ${s.new}` : `schedule ${s.new} (OLD ${s.old})`,
      grid: s.hour_of_week,
      rows: s.on_call.map((x) => ({
        start: x.start,
        end: x.end,
        kind: x.kind,
        effect: x.effect,
        message: x.message,
        old: x.old.on_call.join(", ") || "nobody",
        new: x.new.on_call.join(", ") || "nobody",
      })),
    });
  }
  return list;
}

/** The compare panel: the summary, a subject picker, the hour-of-week heatmap, the changed intervals. */
export function renderCompare(panel: HTMLElement, localText: (iso: string) => string, onMoment: (ms: number) => void) {
  if (compareError) {
    replace(panel, h("p", { class: "import-error", id: "compare-error" }, compareError));
    return;
  }
  if (!compared) {
    replace(panel, h("p", { class: "muted" }, "Comparing…"));
    return;
  }
  const c = compared;
  const list = subjects(c);
  if (subject >= list.length) subject = 0;
  const summary = h("ul", { class: "compare-summary", id: "compare-summary" }, ...(c.summary.length ? c.summary : ["OLD and NEW are equivalent over the window."]).map((l) => h("li", {}, l)));
  if (!list.length) {
    replace(panel, summary);
    return;
  }
  const picker = h("select", { id: "compare-subject", "aria-label": "What to compare" }, ...list.map((s, i) => h("option", { value: String(i), selected: i === subject }, s.label)));
  picker.addEventListener("change", () => {
    subject = Number(picker.value);
    detail = null;
    renderCompare(panel, localText, onMoment);
  });
  const chosen = list[subject]!;
  const head = h("tr", {}, h("th", {}, ""), ...Array.from({ length: 24 }, (_, i) => h("th", {}, String(i).padStart(2, "0"))));
  const body = chosen.grid.map((row) =>
    h(
      "tr",
      {},
      h("th", {}, row.day),
      ...row.hours.map((cell, hour) => {
        const tone = cell.worse > cell.better ? "worse" : cell.better > cell.worse ? "better" : cell.changed ? "changed" : "same";
        return h(
          "td",
          { class: `cmp-cell cmp-${tone}`, "data-day": row.day, "data-hour": hour, title: `${row.day} ${hour}:00 · worse ${amount(cell.worse)}, better ${amount(cell.better)}, changed ${amount(cell.changed)}` },
          cell.changed ? amount(cell.changed) : "",
        );
      }),
    ),
  );
  const grid = h("table", { class: "compare-grid", id: "compare-grid", "aria-label": `Difference by hour of week (${c.zone})` }, h("thead", {}, head), h("tbody", {}, ...body));
  const rows = chosen.rows.map((r, i) =>
    h(
      "li",
      {
        class: `cmp-row cmp-${r.effect}`,
        "data-start": r.start,
        "data-end": r.end,
        tabindex: 0,
        onclick: () => {
          detail = { text: `At ${localText(r.start)}: OLD ${r.old} · NEW ${r.new}`, at: Date.parse(r.start) };
          document.body.dataset.compareDetail = String(i);
          renderCompare(panel, localText, onMoment);
        },
      },
      h("code", {}, `${localText(r.start)} – ${localText(r.end)}`),
      ` ${r.kind}: ${r.message}`,
    ),
  );
  replace(
    panel,
    summary,
    h("label", { class: "field" }, h("span", {}, "Compare"), picker),
    grid,
    h("p", { class: "muted" }, `Seconds of difference per local hour of the week over the window (${c.zone}); red: NEW is worse, green: better.`),
    detail
      ? h(
          "p",
          { class: "compare-detail", id: "compare-detail" },
          detail.text,
          " ",
          h("button", { type: "button", class: "btn btn-small", id: "compare-open", onclick: () => onMoment(detail!.at) }, "Open the schedules at this instant"),
        )
      : null,
    h("ol", { class: "compare-rows", id: "compare-rows" }, ...rows),
  );
}
