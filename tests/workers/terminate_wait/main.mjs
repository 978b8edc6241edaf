// terminate() ends a worker blocked in Atomics.wait without a timeout:
// the worker's thread is gone soon after (counted in /proc/self/task,
// relative to the count while it waits: a sanitizer may run threads of
// its own).
import * as os from 'os';
const threads = () => os.readdir('/proc/self/task')[0].filter((n) => n[0] !== '.').length;
const sab = new SharedArrayBuffer(8);
const w = new os.Worker('./waits.js');
w.onmessage = (ev) => {
  console.log(ev.data);
  os.setTimeout(() => {   // let it block
    const waiting = threads();
    w.terminate();
    let tries = 0;
    const check = () => {
      if (threads() < waiting || ++tries === 500)
        console.log('a thread fewer after terminate:', threads() < waiting);
      else
        os.setTimeout(check, 10);
    };
    check();
  }, 50);
};
w.postMessage(sab);
