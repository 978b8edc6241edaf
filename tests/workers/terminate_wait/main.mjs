// terminate() ends a worker blocked in Atomics.wait without a timeout:
// the worker's thread is gone soon after (counted in /proc/self/task).
import * as os from 'os';
const threads = () => os.readdir('/proc/self/task')[0].filter((n) => n[0] !== '.').length;
const before = threads();
const sab = new SharedArrayBuffer(8);
const w = new os.Worker('./waits.js');
w.onmessage = (ev) => {
  console.log(ev.data);
  os.setTimeout(() => {   // let it block
    console.log('threads while waiting:', threads() - before);
    w.terminate();
    let tries = 0;
    const check = () => {
      if (threads() - before === 0 || ++tries === 500)
        console.log('threads after terminate:', threads() - before);
      else
        os.setTimeout(check, 10);
    };
    check();
  }, 50);
};
w.postMessage(sab);
