// A worker's module is resolved from the file that calls new os.Worker
// (lib/start.js names ./w.js, which is lib/w.js), and a worker can start
// a worker of its own. The calling file comes from the engine
// (qjs_get_script_name), not from a stack trace: a program may change
// what `new Error().stack` gives.
globalThis.Error = class extends Error { get stack() { return ''; } };
import { start } from './lib/start.js';
start((msg) => console.log('main got', msg));
