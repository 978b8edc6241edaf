import * as os from 'os';
const parent = os.Worker.parent;
parent.onmessage = (ev) => {
  parent.postMessage('before ' + ev.data);
  parent.onmessage = null;
  throw new Error('handler failed: ' + ev.data);
};
