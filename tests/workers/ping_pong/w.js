// Answers each ping with a pong; stops listening after the third, which
// ends this worker (its loop has nothing left) and, with it, the parent's.
import { Worker } from 'qjs:os';
const parent = Worker.parent;
parent.onmessage = (ev) => {
  console.log('worker got', ev.data);
  parent.postMessage({ pong: ev.data.ping });
  if (ev.data.ping === 2)
    parent.onmessage = null;
};
