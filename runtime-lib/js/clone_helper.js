// The structured clone's helper object (runtime-lib/clone.c): the captured
// built-in methods that read and make the internal slots the public API
// has no accessor for (Map entries, a Date's time, a RegExp's source, a
// view's buffer, ...).
(() => {
'use strict';
const call = Function.prototype.call.bind(Function.prototype.call);
const get = (o, k) => Object.getOwnPropertyDescriptor(o, k).get;
const TA = Object.getPrototypeOf(Uint8Array.prototype);
const taBuf = get(TA, 'buffer'), taOff = get(TA, 'byteOffset'), taLen = get(TA, 'length');
const dvBuf = get(DataView.prototype, 'buffer'), dvOff = get(DataView.prototype, 'byteOffset');
const dvLen = get(DataView.prototype, 'byteLength');
const abRes = get(ArrayBuffer.prototype, 'resizable'), abMax = get(ArrayBuffer.prototype, 'maxByteLength');
const abDetached = get(ArrayBuffer.prototype, 'detached');
const mapEntries = Map.prototype.entries, mapSet = Map.prototype.set;
const setValues = Set.prototype.values, setAdd = Set.prototype.add;
const getTime = Date.prototype.getTime;
const reSource = get(RegExp.prototype, 'source'), reFlags = get(RegExp.prototype, 'flags');
const bigStr = BigInt.prototype.toString;
const fnStr = Function.prototype.toString, symStr = Symbol.prototype.toString;
const ctors = { Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
  Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array, DataView,
  Float16Array: globalThis.Float16Array };
const errs = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
const def = (o, k, v) => Object.defineProperty(o, k, { value: v, writable: true, configurable: true });
return {
  mapFlat(m) { const a = []; for (const [k, v] of call(mapEntries, m)) a.push(k, v); return a; },
  setFlat(s) { return [...call(setValues, s)]; },
  time: (d) => call(getTime, d),
  reParts: (r) => [call(reSource, r), call(reFlags, r)],
  bigStr: (b) => call(bigStr, b, 16),
  view: (v, dv) => dv ? [call(dvBuf, v), call(dvOff, v), call(dvLen, v)]
                      : [call(taBuf, v), call(taOff, v), call(taLen, v)],
  bufInfo: (b) => [call(abRes, b), call(abMax, b)],
  detached: (b) => call(abDetached, b),
  describe(v, cls) {
    if (typeof v === 'function') return call(fnStr, v);
    if (typeof v === 'symbol') return call(symStr, v);
    if (cls === 'Generator' || cls === 'AsyncGenerator') return `[object ${cls}]`;
    return `#<${cls === 'Proxy' ? 'Object' : cls}>`;
  },
  cloneError(msg) {
    if (typeof DOMException === 'function') return new DOMException(msg, 'DataCloneError');
    const e = new Error(msg); def(e, 'name', 'DataCloneError'); return e;
  },
  newMap: () => new Map(), mapSet: (m, k, v) => { call(mapSet, m, k, v); },
  newSet: () => new Set(), setAdd: (s, v) => { call(setAdd, s, v); },
  newDate: (t) => new Date(t), newRegExp: (s, f) => new RegExp(s, f),
  newBigInt: (s) => s[0] === '-' ? -BigInt('0x' + s.slice(1)) : BigInt('0x' + s),
  wrap: (p) => Object(p),
  newBuffer: (n, max) => max < 0 ? new ArrayBuffer(n) : new ArrayBuffer(n, { maxByteLength: max }),
  newView(kind, b, off, len) {
    const C = ctors[kind];
    if (typeof C !== 'function') throw new TypeError('cannot make a ' + kind);
    return len < 0 ? new C(b, off) : new C(b, off, len);
  },
  newError: (kind) => new errs[kind](),
  setOwn: def,
};
})()
