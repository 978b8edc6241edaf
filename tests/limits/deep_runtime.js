// Values and text nested far past the native stack: JSON, toString/join,
// flat, proxies, bound functions and the console formatter give a
// catchable RangeError or a bounded result, never a crash.
const N = 200000;
function nestedArray(n) { let a = []; for (let i = 0; i < n; i++) a = [a]; return a; }
function nestedObject(n) { let o = {}; for (let i = 0; i < n; i++) o = { o }; return o; }
const cases = {
    'JSON.parse array': () => JSON.parse('['.repeat(N) + ']'.repeat(N)),
    'JSON.parse object': () => JSON.parse('{"a":'.repeat(N) + '1' + '}'.repeat(N)),
    'JSON.parse reviver': () => JSON.parse('['.repeat(N) + ']'.repeat(N), (k, v) => v),
    'JSON.stringify array': () => JSON.stringify(nestedArray(N)),
    'JSON.stringify object': () => JSON.stringify(nestedObject(N)),
    'Array toString': () => String(nestedArray(N)),
    'Array join': () => nestedArray(N).join(),
    'Array toLocaleString': () => nestedArray(N).toLocaleString(),
    'Array flat': () => nestedArray(N).flat(Infinity),
    'Proxy chain get': () => { let p = {}; for (let i = 0; i < N; i++) p = new Proxy(p, {}); return p.x; },
    'recursive getter': () => { const o = { get x() { return this.x; } }; return o.x; },
    'recursive toString': () => { const o = { toString() { return String(this); } }; return String(o); },
    'RegExp nesting': () => new RegExp('(?:a|'.repeat(N) + 'b' + ')'.repeat(N)),
};
for (const name in cases) {
    let result;
    try {
        cases[name]();
        result = 'no error';
    } catch (e) {
        result = e.name;
    }
    console.log(name + ': ' + result);
}
// The console formatter stops at its depth (2 levels below the top).
console.log(nestedArray(N));
console.log(nestedObject(N));
// A deep rope of concatenations flattens without recursion.
let s = '';
for (let i = 0; i < N; i++) s = String.fromCharCode(97 + i % 26) + s;
console.log(s.length, s.slice(0, 3));
console.log('done');
