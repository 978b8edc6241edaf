// Uncaught errors in a worker are printed on stderr (with the worker's
// file) and end only that worker's turn; the parent runs on.
import * as os from 'os';
const w = new os.Worker('./bad.js');
w.onmessage = (ev) => console.log('parent got', ev.data);
const w2 = new os.Worker('./throws_at_load.js');
w2.onmessage = (ev) => console.log('never', ev.data);
os.setTimeout(() => w.postMessage('boom'), 10);
