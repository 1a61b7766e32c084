// The browser entries of both packages, given the wasm bytes.
import initMigrate, * as m from 'escalator-migrate/web';
import initEngine, * as e from 'escalator/web';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { exercise } from './exercise.mjs';
const require = createRequire(import.meta.url);
await initMigrate({ module_or_path: readFileSync(require.resolve('escalator-migrate/escalator_migrate_bg.wasm')) });
await initEngine({ module_or_path: readFileSync(require.resolve('escalator/escalator_bg.wasm')) });
const fixtures = JSON.parse(readFileSync(new URL('./fixtures.json', import.meta.url), 'utf8'));
process.stdout.write(JSON.stringify(exercise(m, e, fixtures)));
