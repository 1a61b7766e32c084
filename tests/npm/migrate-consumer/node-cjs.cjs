const m = require('escalator-migrate');
const e = require('escalator');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
import('./exercise.mjs').then(({ exercise }) => {
  const fixtures = JSON.parse(readFileSync(join(__dirname, 'fixtures.json'), 'utf8'));
  process.stdout.write(JSON.stringify(exercise(m, e, fixtures)));
});
