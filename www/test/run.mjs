// Bundles the unit tests with esbuild and runs them with Node's test runner,
// with the engine of the npm package built in pkg/ (`./x build`).
import * as esbuild from "esbuild";
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// Inside www/ so the bundles resolve the externals from node_modules.
const out = join(here, "..", "node_modules", ".cache", "unit-tests");
const tests = readdirSync(here).filter((f) => f.endsWith(".test.ts"));
await esbuild.build({
  entryPoints: tests.map((f) => join(here, f)),
  outdir: out,
  bundle: true,
  format: "esm",
  platform: "node",
  outExtension: { ".js": ".mjs" },
  external: ["@codemirror/*", "codemirror", "@lezer/*"],
  // The engine is loaded at run time from pkg/ (a dynamic import).
  logLevel: "warning",
});
const engine = join(here, "..", "..", "pkg", "node.js");
const run = spawnSync(process.execPath, ["--test", ...tests.map((f) => join(out, f.replace(/\.ts$/, ".mjs")))], {
  stdio: "inherit",
  cwd: here,
  env: { ...process.env, ESCALATOR_PKG: engine },
});
process.exit(run.status ?? 1);
