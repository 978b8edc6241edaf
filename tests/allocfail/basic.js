// Allocation-failure sweep: one program touching many areas (objects,
// arrays, strings, closures, classes, generators, RegExp, JSON, Map/Set,
// BigInt, errors caught and rethrown).
class Point {
    #x; #y;
    constructor(x, y) { this.#x = x; this.#y = y; }
    get len() { return Math.hypot(this.#x, this.#y); }
    toString() { return `(${this.#x}, ${this.#y})`; }
}
function* range(n) { for (let i = 0; i < n; i++) yield i; }
const pts = [...range(20)].map(i => new Point(i, i * 2));
const m = new Map(pts.map(p => [String(p), p.len]));
const s = new Set('hello world'.split(''));
const text = JSON.stringify({ pts: pts.slice(0, 3).map(String), n: m.size, s: [...s].join('') });
const back = JSON.parse(text, (k, v) => typeof v === 'number' ? v * 10 : v);
const re = /(\w+)@(\w+)\.com/g;
const mails = 'a@b.com, cc@dd.com'.replace(re, (_, u, d) => `${d}:${u}`);
let big = 1n;
for (let i = 1n; i < 30n; i++) big *= i;
const counter = (() => { let c = 0; return () => ++c; })();
counter(); counter();
let caught;
try { null.x; } catch (e) { if (!(e instanceof TypeError)) throw e; caught = 'TypeError'; }
console.log(text.length, back.n, mails, String(big).length, counter(), caught);
console.log(JSON.stringify(Object.entries({ a: 1, b: [2, 3] })), new Date(0).toISOString());
