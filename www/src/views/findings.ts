// The Findings tab (grouped by severity, with "why it matters") and the
// problems list under the editor. A click moves the editor to the span.
import { h, replace, rich } from "../dom";
import { notice } from "../ui";
import { lineOf, spanRange } from "../spans";
import type { Diagnostic } from "escalator";
import type { Analysis } from "../types";

export interface Located {
  d: Diagnostic;
  from: number;
  to: number;
  line: number;
  /** The secondary spans ("first defined here"), located the same way. */
  labels: { message: string; from: number; to: number; line: number }[];
}

/** Diagnostics from the check and findings from the linter, deduplicated, in text order. */
export function allProblems(a: Analysis, range: (d: Diagnostic) => { from: number; to: number }, text: string): Located[] {
  const seen = new Set<string>();
  const out: Located[] = [];
  const list = [...a.diagnostics, ...(a.findings.ok ? a.findings.value : [])];
  for (const d of list) {
    const r = range(d);
    const key = `${d.code}|${r.from}|${r.to}|${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const labels = d.labels.map((l) => {
      const lr = spanRange(l.span);
      return { message: l.message, from: lr.from, to: lr.to, line: lineOf(text, lr.from) };
    });
    out.push({ d, from: r.from, to: r.to, line: lineOf(text, r.from), labels });
  }
  const rank = { error: 0, warning: 1, info: 2 } as const;
  out.sort((x, y) => x.from - y.from || rank[x.d.severity] - rank[y.d.severity]);
  return out;
}

const LABEL = { error: "Errors", warning: "Warnings", info: "Info" } as const;

function severityBadge(sev: Diagnostic["severity"]): HTMLElement {
  const symbol = sev === "error" ? "✕" : sev === "warning" ? "!" : "i";
  return h("span", { class: `sev sev-${sev}`, "aria-label": sev, title: sev }, symbol);
}

/** The compact list under the editor. */
export function renderProblems(root: HTMLElement, problems: Located[], reveal: (p: Located) => void) {
  if (!problems.length) {
    replace(root, h("p", { class: "problems-empty" }, "No problems found."));
    return;
  }
  const list = h("ul", { class: "problems-list", "aria-label": "Problems" });
  for (const p of problems) {
    const item = h(
      "li",
      {},
      h(
        "button",
        { class: "problem", type: "button", "data-line": p.line, "data-code": p.d.code, onclick: () => reveal(p) },
        severityBadge(p.d.severity),
        h("span", { class: "problem-message", title: p.d.message }, rich(p.d.message)),
        h("span", { class: "problem-code" }, p.d.code),
        h("span", { class: "problem-line" }, `line ${p.line}`),
      ),
    );
    list.append(item);
  }
  replace(root, list);
}

/** The Findings tab. */
export function renderFindings(root: HTMLElement, a: Analysis | null, problems: Located[], reveal: (p: Located) => void) {
  if (!a) {
    replace(root, notice("Waiting for the engine…"));
    return;
  }
  const parts: Node[] = [];
  if (!a.evaluated) {
    parts.push(notice("The document has errors", "Fix the errors below; the other checks run once the document is valid.", "error"));
  } else if (!a.findings.ok) {
    parts.push(notice("Findings failed", a.findings.error.message, "error"));
  }
  for (const sev of ["error", "warning", "info"] as const) {
    const group = problems.filter((p) => p.d.severity === sev);
    if (!group.length) continue;
    const section = h("section", { class: "finding-group", "aria-label": LABEL[sev] }, h("h3", {}, severityBadge(sev), `${LABEL[sev]} (${group.length})`));
    for (const p of group) {
      section.append(
        h(
          "article",
          { class: `finding finding-${sev}` },
          h(
            "button",
            { class: "finding-head", type: "button", "data-line": p.line, onclick: () => reveal(p), title: "Show in the document" },
            h("span", { class: "finding-message" }, rich(p.d.message)),
            h("span", { class: "finding-where" }, h("code", {}, p.d.code), ` · line ${p.line}`),
          ),
          p.d.help ? h("p", { class: "finding-help" }, h("strong", {}, "Fix: "), rich(p.d.help)) : null,
          p.d.why ? h("p", { class: "finding-why" }, h("strong", {}, "Why it matters: "), rich(p.d.why)) : null,
          p.labels.length
            ? h("ul", { class: "finding-labels" }, ...p.labels.map((l) => h("li", {}, h("button", { type: "button", class: "link", onclick: () => reveal({ ...p, from: l.from, to: l.to, line: l.line }) }, `line ${l.line}`), ": ", rich(l.message))))
            : null,
        ),
      );
    }
    parts.push(section);
  }
  if (a.evaluated && !problems.length) parts.push(h("p", { class: "empty-good" }, "No findings: nothing to fix in this document."));
  replace(root, ...parts);
}
