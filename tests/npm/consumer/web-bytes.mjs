// The browser entry given the wasm bytes (works anywhere, Node included).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import init, * as escalator from 'escalator/web';

const require = createRequire(import.meta.url);
const bytes = await readFile(require.resolve('escalator/escalator_bg.wasm'));
await init({ module_or_path: bytes });
console.log(JSON.stringify({ version: escalator.version() }));
