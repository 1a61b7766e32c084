// Dev helper: serves dist/, opens it in headless Chromium, saves a screenshot
// per tab and prints console messages. node dev/shot.mjs OUTDIR [file.yaml]
import { chromium } from "playwright-core";
import { readFileSync, mkdirSync } from "node:fs";
import { serve } from "../../tests/e2e/server.mjs";

const out = process.argv[2] ?? "/tmp/shots";
const doc = process.argv[3];
mkdirSync(out, { recursive: true });
const server = await serve(new URL("../dist", import.meta.url).pathname);
const url = server.url;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
for (const scheme of ["light", "dark"]) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: scheme });
  page.on("console", (m) => console.log(`[${scheme} console.${m.type()}] ${m.text()}`));
  page.on("pageerror", (e) => console.log(`[${scheme} pageerror] ${e.message}`));
  page.on("request", (r) => { if (!r.url().startsWith(url)) console.log(`[${scheme} OFF-ORIGIN] ${r.url()}`); });
  await page.goto(url);
  if (doc) {
    await page.waitForTimeout(1000);
    await page.setInputFiles("#file", { name: doc.split("/").pop(), mimeType: "text/yaml", buffer: readFileSync(doc) });
  }
  await page.waitForTimeout(1500);
  for (const tab of ["coverage", "schedules", "findings"]) {
    await page.click(`#tab-${tab}`);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/${scheme}-${tab}.png` });
  }
  await page.close();
}
await browser.close();
await server.close();
console.log(`screenshots in ${out}`);
