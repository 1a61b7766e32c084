// A Node ESM consumer of the packed package: no init ceremony.
import * as escalator from 'escalator';

const result = { version: escalator.version() };
console.log(JSON.stringify(result));
