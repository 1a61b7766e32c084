// An app using the bundler entry (`import ... from 'escalator'` resolved
// with the browser and default conditions), bundled by esbuild in the test
// and run in a page.
import * as escalator from 'escalator';
import { exercise } from './exercise.mjs';

window.escalatorResult = exercise(escalator);
