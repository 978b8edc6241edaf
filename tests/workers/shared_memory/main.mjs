// A SharedArrayBuffer is shared, not copied: the worker waits on it with
// Atomics.wait until the parent notifies, and both threads add to one
// counter with Atomics.add.
import * as os from 'os';
const sab = new SharedArrayBuffer(16);
const ia = new Int32Array(sab);
const w = new os.Worker('./w.js');
w.onmessage = (ev) => {
  if (ev.data === 'waiting') {
    for (let i = 0; i < 1000; i++)
      Atomics.add(ia, 1, 1);
    Atomics.store(ia, 0, 1);
    // the worker may not be asleep yet: notify until it has woken
    const t = () => { if (Atomics.load(ia, 2) === 0) { Atomics.notify(ia, 0); os.setTimeout(t, 5); } };
    t();
    return;
  }
  console.log('worker says', ev.data.result, 'same buffer:', ev.data.view.buffer === ev.data.sab);
  console.log('counter', Atomics.load(ia, 1), 'flag', Atomics.load(ia, 2));
  w.onmessage = null;
};
w.postMessage({ sab, view: new Int32Array(sab, 4, 2) });
