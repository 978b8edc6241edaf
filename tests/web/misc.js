// atob/btoa, DOMException, performance, crypto (expected output from node 20).
const show = (label, f) => {
    try {
        console.log(label, JSON.stringify(f()));
    } catch (e) {
        console.log(label, 'threw', e.name, e.code, JSON.stringify(e.message),
                    e instanceof DOMException, e instanceof Error);
    }
};

// btoa / atob
show('btoa', () => btoa('Hello, world'));
show('btoa latin1', () => btoa('\xff\xfe\x00\x80'));
show('btoa empty', () => btoa(''));
show('btoa 1', () => btoa('a'));
show('btoa 2', () => btoa('ab'));
show('btoa number', () => btoa(12345));
show('btoa wide', () => btoa('\u0100'));
show('btoa none', () => btoa());
show('atob', () => atob('SGVsbG8sIHdvcmxk'));
show('atob ws', () => atob(' SGVs\tbG8s\nIHdv\fcmxk\r'));
show('atob no pad', () => atob('YWI'));
show('atob pad', () => atob('YWI='));
show('atob pad2', () => atob('YQ=='));
show('atob bad len', () => atob('YQ='));
show('atob 1 mod 4', () => atob('abcde'));
show('atob bad char', () => atob('ab$c'));
show('atob inner pad', () => atob('ab=c'));
show('atob 3 pad', () => atob('a==='));
show('atob non-ascii', () => atob('\u00e9abc'));
show('atob undefined', () => atob(undefined));
show('atob null', () => atob(null));
show('atob none', () => atob());
show('atob empty', () => atob(''));
show('round trip', () => {
    let s = '';
    for (let i = 0; i < 256; i++) s += String.fromCharCode(i);
    return atob(btoa(s)) === s;
});

// DOMException
const d = new DOMException('oops', 'AbortError');
show('dom', () => [d.name, d.message, d.code, d instanceof Error, String(d)]);
show('dom default', () => { const e = new DOMException(); return [e.name, e.message, e.code]; });
show('dom codes', () => ['IndexSizeError', 'HierarchyRequestError', 'NotFoundError', 'SyntaxError',
    'InvalidStateError', 'NetworkError', 'TimeoutError', 'DataCloneError', 'DOMStringSizeError',
    'EncodingError', 'NotAllowedError', 'whatever'].map((n) => new DOMException('', n).code));
show('dom constants', () => [DOMException.ABORT_ERR, DOMException.prototype.DATA_CLONE_ERR,
    d.QUOTA_EXCEEDED_ERR, DOMException.VALIDATION_ERR]);
show('dom own', () => Object.getOwnPropertyNames(d));
show('dom proto', () => Object.getOwnPropertyNames(DOMException.prototype).slice(0, 6));
show('dom tag', () => Object.prototype.toString.call(d));
show('dom chain', () => Object.getPrototypeOf(DOMException.prototype) === Error.prototype);
show('dom stack', () => d.stack.split('\n')[0]);
show('dom name getter', () => Object.getOwnPropertyDescriptor(DOMException.prototype, 'name').get.call({}));
show('dom options', () => { const e = new DOMException('m', { name: 'DataError', cause: 42 }); return [e.name, e.cause, e.code]; });
show('dom call', () => DOMException('x'));

// performance
const t0 = performance.now();
let spin = 0;
for (let i = 0; i < 1000; i++) spin += i;
const t1 = performance.now();
show('perf type', () => [typeof t0, t1 >= t0, t0 >= 0, t0 < 10000]);
show('perf origin', () => Math.abs(performance.timeOrigin + performance.now() - Date.now()) < 1000);
show('perf json', () => Object.keys(performance.toJSON()).includes('timeOrigin'));
show('perf tag', () => Object.prototype.toString.call(performance));
show('perf this', () => performance.now.call({}));

// crypto
const u8 = new Uint8Array(32);
show('grv same', () => crypto.getRandomValues(u8) === u8);
show('grv filled', () => {
    const a = new Uint32Array(64);
    crypto.getRandomValues(a);
    return a.some((x) => x !== 0);
});
show('grv kinds', () => [Int8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, BigInt64Array, BigUint64Array]
    .map((C) => crypto.getRandomValues(new C(4)).length));
show('grv max', () => crypto.getRandomValues(new Uint8Array(65536)).length);
show('grv too big', () => crypto.getRandomValues(new Uint8Array(65537)));
show('grv float', () => crypto.getRandomValues(new Float64Array(2)));
show('grv dataview', () => crypto.getRandomValues(new DataView(new ArrayBuffer(4))));
show('grv number', () => crypto.getRandomValues(3));
show('grv none', () => crypto.getRandomValues());
show('grv this', () => crypto.getRandomValues.call({}, new Uint8Array(1)));
const uuids = new Set();
for (let i = 0; i < 100; i++) uuids.add(crypto.randomUUID());
show('uuid unique', () => uuids.size);
show('uuid form', () => [...uuids].every((u) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u)));
show('crypto tag', () => Object.prototype.toString.call(crypto));

// the globals are ordinary, replaceable properties
show('typeof', () => [typeof atob, typeof btoa, typeof DOMException, typeof performance, typeof crypto]);
show('desc', () => { const x = Object.getOwnPropertyDescriptor(globalThis, 'atob'); return [x.writable, x.enumerable, x.configurable]; });
globalThis.btoa = 5;
show('assign', () => btoa);
