import * as os from 'os';
const w = new os.Worker('./w.js');
let n = 0;
w.onmessage = (ev) => {
  console.log('parent got', ev.data);
  ++n;
  if (n < 3) w.postMessage({ ping: n });
};
w.postMessage({ ping: 0 });
