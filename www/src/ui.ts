// Shared pieces of the views: the tooltip, colour scales, people's colours
// and the "not available" notice.
import { h } from "./dom";

/** A single floating tooltip; content is text lines (never HTML). */
let tip: HTMLElement = null as unknown as HTMLElement;

export function installTooltip() {
  tip = h("div", { class: "tooltip", role: "tooltip", id: "tooltip", hidden: true });
  document.body.append(tip);
}

export function showTooltip(lines: string[], x: number, y: number) {
  tip.replaceChildren(...lines.map((line, i) => h("div", { class: i === 0 ? "tooltip-title" : "tooltip-line" }, line)));
  tip.hidden = false;
  const r = tip.getBoundingClientRect();
  const left = Math.min(x + 14, window.innerWidth - r.width - 8);
  const top = y + 16 + r.height > window.innerHeight ? y - r.height - 10 : y + 16;
  tip.style.left = `${Math.max(4, left)}px`;
  tip.style.top = `${Math.max(4, top)}px`;
}

export function hideTooltip() {
  if (tip) tip.hidden = true;
}

/** Wires an element so hovering or focusing it shows `lines()`. */
export function withTooltip(el: Element, lines: () => string[]) {
  el.addEventListener("mousemove", (e) => {
    const m = e as MouseEvent;
    showTooltip(lines(), m.clientX, m.clientY);
  });
  el.addEventListener("mouseleave", hideTooltip);
  el.addEventListener("focus", () => {
    const r = el.getBoundingClientRect();
    showTooltip(lines(), r.left + r.width / 2, r.bottom);
  });
  el.addEventListener("blur", hideTooltip);
}

/** Viridis, 9 stops (colour-blind safe, readable in greyscale). */
const VIRIDIS = ["#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725"];

/** A colour on viridis for `t` in [0, 1]. */
export function viridis(t: number): string {
  const x = Math.min(Math.max(t, 0), 1) * (VIRIDIS.length - 1);
  return VIRIDIS[Math.round(x)] ?? VIRIDIS[0]!;
}

/** Dark text on the light end of viridis, light text on the dark end. */
export function inkOn(t: number): string {
  return t > 0.55 ? "#111" : "#fff";
}

/** Okabe-Ito, the categorical palette that stays distinct for colour-blind eyes. */
const OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#7f7f7f"];

export function personColour(index: number): string {
  return OKABE_ITO[((index % OKABE_ITO.length) + OKABE_ITO.length) % OKABE_ITO.length]!;
}

/** Black or white, whichever reads on `hex`. */
export function inkFor(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  const lum = 0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
  return lum > 150 ? "#111" : "#fff";
}

/** A plain notice for a view whose engine query does not exist yet or failed. */
export function notice(title: string, detail?: string, kind: "info" | "error" = "info"): HTMLElement {
  return h("div", { class: `notice notice-${kind}`, role: kind === "error" ? "alert" : "status" }, h("strong", {}, title), detail ? h("p", {}, detail) : null);
}
