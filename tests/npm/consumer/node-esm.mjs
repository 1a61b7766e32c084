// A Node ESM consumer of the packed package: no init ceremony.
import * as escalator from 'escalator';
import { exercise } from './exercise.mjs';

console.log(JSON.stringify(exercise(escalator)));
