// worker.onerror: the worker's uncaught errors (thrown by a handler or a
// timer, or a rejection without a handler) reach the parent as
// { message, error } in order with its messages, the error a structured
// clone (left out when the thrown value cannot be cloned); with onerror
// null again, the worker prints its errors itself.
import * as os from 'os';
const w = new os.Worker('./w.js');
w.onerror = (ev) => {
  const e = ev.error;
  console.log('onerror:', ev.message, '|',
              'error' in ev ? `${e instanceof Error} ${e.name} ${e.message} ${typeof e.stack}` : 'no error value');
};
w.onmessage = (ev) => {
  console.log('message:', ev.data);
  if (ev.data === 'after errors') {
    w.onerror = null;
    console.log('onerror is now', w.onerror);
    w.postMessage('last');
  }
  if (ev.data === 'bye')
    w.onmessage = null;
};
console.log(typeof w.onerror, Object.keys(Object.getPrototypeOf(w)).join());
w.postMessage('go');
