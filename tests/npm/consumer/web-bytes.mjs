// The browser entry given the wasm bytes (works anywhere, Node included).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import init, * as escalator from 'escalator/web';
import { exercise } from './exercise.mjs';

const require = createRequire(import.meta.url);
await init({ module_or_path: await readFile(require.resolve('escalator/escalator_bg.wasm')) });
console.log(JSON.stringify(exercise(escalator)));
