// Minimal page: loads the engine, shows its version and a summary of the
// bundled example policy. The playground replaces it.
import init, * as escalator from './engine/escalator.js';

const EXAMPLE = 'examples/payments.yaml';
const $ = (id) => document.getElementById(id);

await init();
const v = escalator.version();
$('version').textContent = `escalator ${v.engine} · document format v${v.format} · tzdb ${v.tzdb}`;

const text = await (await fetch(EXAMPLE)).text();
$('example-name').textContent = EXAMPLE;
$('document').textContent = text;
if (escalator.Evaluator) {
  try {
    const s = new escalator.Evaluator(text).summary();
    $('summary').textContent = `${s.people} people, ${s.schedules} schedules, ${s.policies} policies`;
  } catch (e) {
    $('summary').className = 'error';
    $('summary').textContent = (e.diagnostics ?? []).map((d) => `${d.line}:${d.column} ${d.message}`).join('\n') || String(e);
  }
}
