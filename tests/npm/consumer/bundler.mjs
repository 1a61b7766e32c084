// The bundler entry imports the .wasm as an ES module, as bundlers (and
// Node's --experimental-wasm-modules) do.
import * as escalator from 'escalator/bundler';
import { exercise } from './exercise.mjs';

console.log(JSON.stringify(exercise(escalator)));
