// A Node CommonJS consumer of the packed package.
const escalator = require('escalator');

const result = { version: escalator.version() };
console.log(JSON.stringify(result));
