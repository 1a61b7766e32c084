// Files the user can take away: the document, the gaps as CSV, the heatmap
// as SVG or PNG, built in the page. (Calendars come from the engine: `ev.ics`,
// asked by the worker.)
import { download } from "./dom";
import { dateTimeText, formatter, rfc3339 } from "./clock";
import type { GapRow } from "./views/coverage";

function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Gaps as CSV: UTC instants (exact) and the same in the display zone. */
export function gapsCsv(gaps: GapRow[], zone: string): string {
  const rows = [["start_utc", "end_utc", `start_${zone}`, `end_${zone}`, "seconds", "severity", "kind", "cause"]];
  const local = formatter(zone, gaps.flatMap((g) => [g.start, g.end]));
  for (const g of gaps) {
    rows.push([rfc3339(g.start), rfc3339(g.end), dateTimeText(local(g.start)), dateTimeText(local(g.end)), String((g.end - g.start) / 1000), g.severity, g.kind, g.cause]);
  }
  return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** A standalone SVG (styles inlined from the page's computed values). */
export function standaloneSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const vb = svg.viewBox.baseVal;
  copy.setAttribute("width", String(vb.width));
  copy.setAttribute("height", String(vb.height));
  const css = getComputedStyle(document.body);
  const text = css.getPropertyValue("--text").trim() || "#222";
  const bg = css.getPropertyValue("--surface").trim() || "#fff";
  const style = document.createElementNS("http://www.w3.org/2000/svg", "style");
  style.textContent = `text{font-family:system-ui,sans-serif;font-size:11px}.axis-label{fill:${text}}.cell-out rect{fill:#8884}`;
  copy.insertBefore(style, copy.firstChild);
  const back = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  back.setAttribute("width", "100%");
  back.setAttribute("height", "100%");
  back.setAttribute("fill", bg);
  copy.insertBefore(back, style.nextSibling);
  // CSS variables do not survive outside the page: resolve the ones used as fills.
  for (const el of copy.querySelectorAll("[fill^='var(']")) {
    const name = el.getAttribute("fill")!.slice(4, -1);
    el.setAttribute("fill", css.getPropertyValue(name).trim() || "#888");
  }
  return new XMLSerializer().serializeToString(copy);
}

export function downloadText(name: string, text: string, type: string) {
  download(name, new Blob([text], { type }));
}

/** Rasterises an SVG to PNG at 2x. */
export async function downloadPng(name: string, svg: SVGSVGElement) {
  const source = standaloneSvg(svg);
  const vb = svg.viewBox.baseVal;
  const url = URL.createObjectURL(new Blob([source], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("could not draw the heatmap"));
      img.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = vb.width * 2;
    canvas.height = vb.height * 2;
    const g = canvas.getContext("2d");
    if (!g) return;
    g.scale(2, 2);
    g.drawImage(img, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    if (blob) download(name, blob);
  } finally {
    URL.revokeObjectURL(url);
  }
}
