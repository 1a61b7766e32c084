// The summary cards: people, gaps where an incident pages nobody, the worst
// delay to the first page, the share of time a single responder is reached
// before the ack target, and the errors and warnings. All from the engine's
// answers in the analysis.
import type { CoverageCompact } from "escalator";
import { h, replace } from "../dom";
import { formatDuration } from "../clock";
import type { Analysis } from "../types";
import { gapsOf, intervalsOf } from "./coverage";
import type { Located } from "./findings";

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function card(id: string, value: string, label: string, tone: "good" | "bad" | "warn" | "plain" = "plain", detail?: string): HTMLElement {
  return h("div", { class: `summary-card tone-${tone}`, id: `card-${id}` }, h("span", { class: "summary-value" }, value), h("span", { class: "summary-label" }, label), detail ? h("span", { class: "summary-detail" }, detail) : null);
}

/** The cards above the tabs: the numbers that matter first. */
export function renderSummaryCards(root: HTMLElement, a: Analysis | null, problems: Located[]) {
  if (!a) return replace(root);
  const cards: HTMLElement[] = [];
  const errors = problems.filter((p) => p.d.severity === "error").length;
  const warnings = problems.filter((p) => p.d.severity === "warning").length;
  if (!a.evaluated) {
    cards.push(card("errors", String(errors), errors === 1 ? "error in the document" : "errors in the document", "bad", a.evaluatorError && !errors ? a.evaluatorError : undefined));
    return replace(root, ...cards);
  }
  const counts = a.summary;
  if (counts) cards.push(card("people", String(counts.people), counts.people === 1 ? "person" : "people", "plain", `${plural(counts.schedules, "schedule")} · ${plural(counts.policies, "policy", "policies")}`));

  const answered = a.coverage.flatMap((c) => (c.answer.ok ? [{ label: c.label, cov: c.answer.value as CoverageCompact }] : []));
  if (answered.length) {
    let gapSeconds = 0;
    let gapCount = 0;
    let worst: number | null = 0;
    let worstLabel = "";
    let single = { share: 0, label: "" };
    for (const { label, cov } of answered) {
      for (const g of gapsOf(cov)) {
        if (g.kind === "nobody-paged") {
          gapCount++;
          gapSeconds += (g.end - g.start) / 1000;
        }
      }
      let singleSeconds = 0;
      for (const i of intervalsOf(cov)) {
        if (i.plan.first_page_seconds === null) {
          if (worst !== null) worstLabel = label;
          worst = null;
        } else if (worst !== null && i.plan.first_page_seconds > worst) {
          worst = i.plan.first_page_seconds;
          worstLabel = label;
        }
        if (i.plan.reached_within_target === 1) singleSeconds += (i.end - i.start) / 1000;
      }
      const span = (Date.parse(cov.to) - Date.parse(cov.from)) / 1000;
      const share = span > 0 ? singleSeconds / span : 0;
      if (share > single.share) single = { share, label };
    }
    cards.push(card("gaps", String(gapCount), gapCount === 1 ? "gap: nobody paged" : "gaps: nobody paged", gapCount ? "bad" : "good", gapCount ? `${formatDuration(gapSeconds)} in total` : "every incident pages someone"));
    cards.push(card("first-page", worst === null ? "never" : formatDuration(worst), "worst delay to first page", worst === null ? "bad" : worst > 900 ? "warn" : "good", worst === null || worst > 0 ? worstLabel : "for every route"));
    cards.push(card("single", `${Math.round(single.share * 100)}%`, "single responder before the ack target", single.share ? "warn" : "good", single.share ? `worst: ${single.label}` : "two or more everywhere"));
  } else if (a.coverage.length) {
    cards.push(card("gaps", "—", "gaps", "plain", "coverage failed"));
  }
  cards.push(card("findings", String(errors + warnings), "errors and warnings", errors ? "bad" : warnings ? "warn" : "good", `${problems.length - errors - warnings} infos`));
  replace(root, ...cards);
}

