// A Node CommonJS consumer of the packed package.
const escalator = require('escalator');

import('./exercise.mjs').then(({ exercise }) => console.log(JSON.stringify(exercise(escalator))));
