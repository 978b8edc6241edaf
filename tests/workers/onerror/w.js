import * as os from 'os';
const parent = os.Worker.parent;
try {
  parent.onerror = () => {};
} catch (e) {
  parent.postMessage(`${e.name}: ${e.message}`);
}
parent.onmessage = (ev) => {
  if (ev.data === 'go') {
    os.setTimeout(() => { throw new RangeError('from a timer'); }, 0);
    Promise.reject(new SyntaxError('rejected'));
    os.setTimeout(() => { throw Symbol('not cloneable'); }, 5);
    os.setTimeout(() => { parent.postMessage('after errors'); }, 10);
    throw new TypeError('from a handler');
  }
  if (ev.data === 'last') {
    parent.onmessage = null;
    os.setTimeout(() => parent.postMessage('bye'), 0);
    throw new Error('printed by the worker');
  }
};
