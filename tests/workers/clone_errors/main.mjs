import * as os from 'os';
const w = new os.Worker('./echo.js');
for (const v of [function f() {}, Symbol('s'), new WeakMap(), new Proxy({}, {}), { deep: () => 1 }]) {
  try { w.postMessage(v); console.log('no error'); }
  catch (e) { console.log(e.name, e.message, e instanceof DOMException, e.code); }
}
let deep = {}; for (let i = 0; i < 3000; i++) deep = { d: deep };
try { w.postMessage(deep); } catch (e) { console.log(e.name, e.message); }
const b = new ArrayBuffer(4); new Uint8Array(b)[0] = 9;
w.postMessage(b, [b]);
console.log('detached', b.detached, b.byteLength);
try { w.postMessage(b, [b]); } catch (e) { console.log(e.name, e.message); }
w.onmessage = (ev) => { console.log('back', new Uint8Array(ev.data)); w.postMessage('stop'); w.onmessage = null; };
try { new os.Worker('./nope.js'); } catch (e) { console.log(e.name, e.message.replace(/\(.*\)/, '(..)')); }
