import * as m from 'escalator-migrate';
import * as e from 'escalator';
import { readFileSync } from 'node:fs';
import { exercise } from './exercise.mjs';
const fixtures = JSON.parse(readFileSync(new URL('./fixtures.json', import.meta.url), 'utf8'));
process.stdout.write(JSON.stringify(exercise(m, e, fixtures)));
