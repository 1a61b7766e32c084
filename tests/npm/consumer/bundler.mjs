// The bundler entry imports the .wasm as an ES module, as bundlers (and
// Node's --experimental-wasm-modules) do.
import * as escalator from 'escalator/bundler';

console.log(JSON.stringify({ version: escalator.version() }));
