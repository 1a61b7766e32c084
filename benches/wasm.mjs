// Speed of the wasm engine in Node (the npm package in pkg/), per example:
// median of several runs of `check` and of building an evaluator. Printed,
// never asserted. Run by `./x bench`.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const escalator = await import(join(ROOT, 'pkg', 'node.js'));
const RUNS = 9;

function median(f) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)];
}

const files = (await readdir(join(ROOT, 'examples'), { recursive: true })).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
console.log(`wasm engine ${escalator.version().engine} in Node ${process.version}, median of ${RUNS} runs (ms)`);
console.log(`${'example'.padEnd(40)} ${'bytes'.padStart(8)} ${'check'.padStart(9)} ${'evaluator'.padStart(10)}`);
for (const file of files) {
  const text = await readFile(join(ROOT, 'examples', file), 'utf8');
  const check = median(() => escalator.check(text));
  const evaluator = median(() => {
    try {
      new escalator.Evaluator(text).free();
    } catch {
      // a broken example: reading it is still timed
    }
  });
  console.log(`${file.padEnd(40)} ${String(text.length).padStart(8)} ${check.toFixed(2).padStart(9)} ${evaluator.toFixed(2).padStart(10)}`);
}
