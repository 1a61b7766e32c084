// Builds the playground into a static site (default `www/dist/`): the app and
// its worker bundled by esbuild, the page, the styles, the project's examples
// (read from `examples/` at build time) and the engine's wasm module (the
// wasm-bindgen `--target web` output, copied from `pkg/`). Nothing is fetched
// at run time: the output can be copied to any static host.
//
// Usage: node www/build.mjs [--out DIR] [--pkg DIR] [--watch]
import * as esbuild from "esbuild";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? resolve(args[i + 1]) : fallback;
};
const out = option("--out", join(here, "dist"));
const pkg = option("--pkg", process.env.ESCALATOR_PKG ? resolve(process.env.ESCALATOR_PKG) : join(root, "pkg"));

// The examples, embedded in the bundle as a generated module.
// Policy documents only: the top level, then `json/` and `broken/` (scenario
// files and Rust examples are left out).
function examplesModule() {
  const dir = join(root, "examples");
  const list = [];
  for (const sub of ["", "json", "broken"]) {
    const d = join(dir, sub);
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).filter((f) => /\.(ya?ml|json)$/.test(f)).sort()) {
      list.push({ name: sub ? `${sub}/${f}` : f, group: sub, text: readFileSync(join(d, f), "utf8") });
    }
  }
  return `export const examples = ${JSON.stringify(list)};\n`;
}

const examplesPlugin = {
  name: "examples",
  setup(build) {
    build.onResolve({ filter: /^virtual:examples$/ }, () => ({ path: "examples", namespace: "examples" }));
    build.onLoad({ filter: /.*/, namespace: "examples" }, () => ({
      contents: examplesModule(),
      loader: "js",
      watchDirs: ["", "json", "broken"].map((d) => join(root, "examples", d)),
    }));
  },
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// The engine: copy the wasm-bindgen output when it has been built.
let engine = "missing";
if (existsSync(join(pkg, "escalator.js")) && existsSync(join(pkg, "escalator_bg.wasm"))) {
  mkdirSync(join(out, "engine"), { recursive: true });
  for (const f of ["escalator.js", "escalator_bg.wasm"]) cpSync(join(pkg, f), join(out, "engine", f));
  engine = pkg;
}

// The migration module (importers, compare; pkg-migrate/, the package
// escalator-migrate): the page imports it at run time from `migrate/`, only
// when a vendor file arrives or compare mode opens.
const migrate = option("--migrate", join(root, "pkg-migrate"));
let migrateBuilt = false;
if (existsSync(join(migrate, "web.js")) && existsSync(join(migrate, "escalator_migrate_bg.wasm"))) {
  mkdirSync(join(out, "migrate"), { recursive: true });
  cpSync(join(migrate, "web.js"), join(out, "migrate", "escalator_migrate.js"));
  cpSync(join(migrate, "escalator_migrate_bg.wasm"), join(out, "migrate", "escalator_migrate_bg.wasm"));
  migrateBuilt = true;
}

for (const f of ["index.html", "app.css", "icon.svg", "sw.js"]) cpSync(join(here, f), join(out, f));

const common = {
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: !args.includes("--dev"),
  sourcemap: args.includes("--dev") ? "inline" : false,
  legalComments: "none",
  logLevel: "warning",
  plugins: [examplesPlugin],
};
const entries = [
  { entryPoints: [join(here, "src/main.ts")], outfile: join(out, "app.js") },
  // The engine module is loaded by the worker at run time from `engine/`.
  { entryPoints: [join(here, "src/worker.ts")], outfile: join(out, "worker.js"), external: ["./engine/*"] },
];

if (args.includes("--watch")) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
  console.log(`watching; output in ${out}`);
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  const size = (f) => (existsSync(join(out, f)) ? readFileSync(join(out, f)).length : 0);
  console.log(
    `playground: ${out} (app.js ${(size("app.js") / 1024).toFixed(0)} KB, worker.js ${(size("worker.js") / 1024).toFixed(0)} KB, ` +
      `engine ${engine === "missing" ? "NOT BUILT (no pkg/escalator.js)" : (size("engine/escalator_bg.wasm") / 1024).toFixed(0) + " KB wasm"}, ` +
      `migrate ${migrateBuilt ? (size("migrate/escalator_migrate_bg.wasm") / 1024).toFixed(0) + " KB wasm, loaded on import" : "NOT BUILT (no pkg-migrate/)"})`,
  );
}
