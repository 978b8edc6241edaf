import * as os from 'os';
os.Worker.parent.onmessage = (ev) => {
  const a = new Int32Array(ev.data);
  os.Worker.parent.onmessage = null;
  os.Worker.parent.postMessage('waiting');
  Atomics.wait(a, 0, 0);    // nobody notifies
  os.Worker.parent.postMessage('never');
};
