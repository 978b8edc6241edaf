import * as os from 'os';
os.Worker.parent.onmessage = (ev) => {
  if (ev.data === 'stop') { os.Worker.parent.onmessage = null; return; }
  os.Worker.parent.postMessage(ev.data);
};
