import * as os from 'os';
const inner = new os.Worker('./inner/w2.js');
inner.onmessage = (ev) => os.Worker.parent.postMessage('via lib/w.js: ' + ev.data);
