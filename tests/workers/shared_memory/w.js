import * as os from 'os';
os.Worker.parent.onmessage = (ev) => {
  const { sab, view } = ev.data;
  const ia = new Int32Array(sab);
  for (let i = 0; i < 1000; i++)
    Atomics.add(view, 0, 1);    // view[0] is ia[1]
  os.Worker.parent.postMessage('waiting');
  const result = Atomics.wait(ia, 0, 0, 10000);
  Atomics.store(ia, 2, 1);
  os.Worker.parent.postMessage({ result: result === 'timed-out' ? result : 'woken', sab, view });
  os.Worker.parent.onmessage = null;
};
