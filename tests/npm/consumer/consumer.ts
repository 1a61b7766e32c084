// Type-checked with `tsc --noEmit --strict` against the installed package:
// every export, with its declared types, used the way a consumer would.
import * as node from 'escalator';
import init, * as web from 'escalator/web';
import type { Version } from 'escalator';

const v: Version = node.version();
const engine: string = v.engine;
const format: number = v.format;
const tzdb: string = v.tzdb;

async function inBrowser(bytes: Uint8Array): Promise<string> {
  await init({ module_or_path: bytes });
  return web.version().engine;
}

export { engine, format, tzdb, inBrowser };
