import * as os from 'os';
const w = new os.Worker('./echo.js');
const a = [1, , 3]; a.extra = 'x';
const cyc = { name: 'cyc' }; cyc.self = cyc;
const shared = { s: 1 };
const err = new RangeError('bad', { cause: 42 });
const buf = new ArrayBuffer(8); new Uint8Array(buf).set([1,2,3,4,5,6,7,8]);
const values = [
  undefined, null, true, -0, 1.5, 'héllo ☃', 12345678901234567890n, -5n,
  { a: 1, b: { c: [1, 2] } }, a,
  new Map([[1, 'one'], ['k', { v: 2 }]]), new Set([1, 'two', 3]),
  new Date(0), /ab+c/gi, new Boolean(false), new Number(3), new String('s'), Object(7n),
  buf, new Uint16Array([1, 2, 65535]), new Float64Array([0.5, NaN]), new DataView(buf, 2, 4),
  new BigInt64Array([-1n]), err, new TypeError('t'), cyc, [shared, shared],
  new Uint8Array(buf, 4, 2),
];
const out = [];
w.onmessage = (ev) => {
  out.push(ev.data);
  if (out.length === values.length) {
    for (const v of out) console.log(v instanceof Error ? [v.name, v.message, v.stack.split('\n')[0]] : v);
    const c = out[values.indexOf(cyc)];
    console.log('cycle kept', c.self === c);
    const s = out[values.length - 2];
    console.log('shared kept', s[0] === s[1]);
    const e = out[values.indexOf(err)];
    console.log(e instanceof RangeError, e.name, e.message, e.cause, typeof e.stack);
    w.postMessage('stop');
    w.onmessage = null;
  }
};
for (const v of values) w.postMessage(v);
