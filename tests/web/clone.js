// structuredClone (expected output from node 20).
const show = (label, f) => {
    try {
        console.log(label, f());
    } catch (e) {
        console.log(label, 'threw', e.name, e.code, JSON.stringify(e.message), e instanceof DOMException);
    }
};
show('primitives', () => [1, -0, NaN, 'str', true, null, undefined, 10n].map((v) => Object.is(structuredClone(v), v)).join());
show('wrappers', () => [new Number(3), new String('s'), new Boolean(false), Object(5n)]
    .map((w) => { const c = structuredClone(w); return typeof c + ':' + c.valueOf() + ':' + (c !== w); }).join());
const d = new Date(1700000000000);
show('date', () => { const c = structuredClone(d); return [c.getTime(), c !== d, c instanceof Date].join(); });
show('regexp', () => { const r = /a+b/gimsuy; r.lastIndex = 3; const c = structuredClone(r); return [c.source, c.flags, c.lastIndex, c !== r].join(); });
const obj = { a: 1, nested: { b: [1, 2, { c: 'd' }] }, s: 'x' };
show('object', () => JSON.stringify(structuredClone(obj)));
show('deep copy', () => { const c = structuredClone(obj); return c.nested !== obj.nested && c.nested.b[2] !== obj.nested.b[2]; });
show('array', () => { const a = [1, , 3]; a.extra = 'e'; const c = structuredClone(a); return [c.length, 1 in c, c.extra, Array.isArray(c)].join(); });
show('map', () => { const k = { key: 1 }; const m = new Map([[k, 'v'], ['x', { y: 2 }]]); const c = structuredClone(m);
    const [ck] = c.keys(); return [c.size, ck !== k, ck.key, c.get('x').y, c instanceof Map].join(); });
show('set', () => { const s = new Set([1, 'a', { z: 1 }]); const c = structuredClone(s); return [c.size, c.has(1), c.has('a'), [...c][2].z].join(); });
show('cycle', () => { const o = { name: 'o' }; o.self = o; o.list = [o]; const c = structuredClone(o); return [c.self === c, c.list[0] === c, c !== o].join(); });
show('shared', () => { const shared = { v: 1 }; const c = structuredClone({ a: shared, b: shared, m: new Map([[shared, shared]]) });
    return [c.a === c.b, c.m.get(c.a) === c.a, c.a !== shared].join(); });
show('class instance', () => { class A { constructor() { this.x = 1; } get g() { return 2; } } const c = structuredClone(new A());
    return [c.constructor.name, c.x, c.g].join(); });
show('getter', () => JSON.stringify(structuredClone({ get a() { return 41 + 1; } })));
show('non-enumerable', () => { const o = {}; Object.defineProperty(o, 'h', { value: 1 }); return Object.keys(structuredClone(o)).length; });
show('symbol keys', () => Object.getOwnPropertySymbols(structuredClone({ [Symbol('k')]: 1 })).length);
show('errors', () => [new Error('e'), new TypeError('t'), new RangeError('r'), new SyntaxError('s'), new URIError('u'),
    new EvalError('v'), new ReferenceError('f')].map((e) => { const c = structuredClone(e); return c.name + ':' + c.message + ':' + (c instanceof e.constructor); }).join());
show('error cause', () => { const e = new Error('m', { cause: { why: 1 } }); e.extra = 1; const c = structuredClone(e); return [c.cause.why, c.extra, c.stack === e.stack].join(); });
show('error name', () => { const e = new Error('x'); e.name = 'Custom'; return structuredClone(e).name; });
show('error subclass', () => { class MyErr extends TypeError {} return structuredClone(new MyErr('x')).name; });
show('aggregate', () => { const c = structuredClone(new AggregateError([1], 'agg')); return [c.name, c.message, c.errors].join(); });
const buf = new ArrayBuffer(8);
new Uint8Array(buf).set([1, 2, 3, 4, 5, 6, 7, 8]);
show('arraybuffer', () => { const c = structuredClone(buf); return [c.byteLength, new Uint8Array(c).join(''), c !== buf].join(); });
show('views', () => { const v = { a: new Uint16Array(buf, 2, 2), b: new DataView(buf, 1, 3), f: new Float64Array([1.5]), i: new BigInt64Array([-5n]) };
    const c = structuredClone(v);
    return [c.a.buffer === c.b.buffer, c.a.byteOffset, c.a.length, c.a[0], c.b.byteOffset, c.b.byteLength, c.b.getUint8(0), c.f[0], c.i[0]].join(); });
show('transfer', () => { const b = new ArrayBuffer(4); const v = new Uint8Array(b, 1, 2); v[0] = 7;
    const c = structuredClone({ b, v }, { transfer: [b] }); return [b.byteLength, c.b.byteLength, c.v[0], c.v.buffer === c.b, c.v.byteOffset].join(); });
show('transfer only', () => { const b = new ArrayBuffer(3); const c = structuredClone(1, { transfer: [b] }); return [c, b.byteLength].join(); });
show('transfer bad', () => structuredClone(1, { transfer: [{}] }));
show('transfer dup', () => { const b = new ArrayBuffer(1); return structuredClone(b, { transfer: [b, b] }); });
show('transfer not iterable', () => structuredClone(1, { transfer: 5 }));
show('options', () => structuredClone(1, 5));
show('function', () => structuredClone(function foo() {}));
show('nested function', () => structuredClone({ f: () => 1 }));
show('symbol', () => structuredClone(Symbol('s')));
show('weakmap', () => structuredClone(new WeakMap()));
show('weakset', () => structuredClone(new WeakSet()));
show('weakref', () => structuredClone(new WeakRef({})));
show('promise', () => structuredClone(Promise.resolve(1)));
show('proxy', () => structuredClone(new Proxy({}, {})));
show('generator', () => structuredClone((function* () {})()));
show('none', () => structuredClone());
