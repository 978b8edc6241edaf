// A worker's module is resolved from the file that calls new os.Worker
// (lib/start.js names ./w.js, which is lib/w.js), and a worker can start
// a worker of its own.
import { start } from './lib/start.js';
start((msg) => console.log('main got', msg));
