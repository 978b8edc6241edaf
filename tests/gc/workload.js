// A larger program of many allocating features at once, for the stress
// build (collections at every allocation) and compared with node: a tiny
// expression language (tokenizer with regexps, recursive-descent parser
// of classes, closures as evaluators), JSON round trips, Map/Set/WeakMap,
// generators, sorting with callbacks, typed arrays, string building and
// promise jobs.
class Tok { constructor(kind, text) { this.kind = kind; this.text = text; } }
function* tokens(src) {
  const re = /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_]\w*)|(\*\*|[-+*\/%(),=]))/y;
  let m;
  while (re.lastIndex < src.length && (m = re.exec(src)))
    yield m[1] ? new Tok("num", m[1]) : m[2] ? new Tok("id", m[2]) : new Tok("op", m[3]);
}
function parse(src) {
  const ts = [...tokens(src)];
  let i = 0;
  const peek = () => ts[i] && ts[i].text, next = () => ts[i++];
  function primary() {
    const t = next();
    if (t.kind === "num") { const v = Number(t.text); return () => v; }
    if (t.kind === "id") {
      if (peek() === "(") {
        next();
        const args = [];
        while (peek() !== ")") { args.push(expr()); if (peek() === ",") next(); }
        next();
        return (env) => env[t.text](...args.map((a) => a(env)));
      }
      return (env) => env[t.text];
    }
    if (t.text === "(") { const e = expr(); next(); return e; }
    if (t.text === "-") { const e = primary(); return (env) => -e(env); }
    throw new SyntaxError("unexpected " + t.text);
  }
  function power() {
    const b = primary();
    if (peek() === "**") { next(); const e = power(); return (env) => b(env) ** e(env); }
    return b;
  }
  function binary(sub, ops) {
    return function () {
      let l = sub();
      while (ops.includes(peek())) {
        const op = next().text, r = sub(), a = l;
        l = { "+": (e) => a(e) + r(e), "-": (e) => a(e) - r(e), "*": (e) => a(e) * r(e),
              "/": (e) => a(e) / r(e), "%": (e) => a(e) % r(e) }[op];
      }
      return l;
    };
  }
  const term = binary(power, ["*", "/", "%"]);
  const expr = binary(term, ["+", "-"]);
  return expr();
}
const env = { x: 3, y: 4, max: Math.max, hyp: (a, b) => Math.sqrt(a * a + b * b), fact: (n) => n <= 1 ? 1 : n * env.fact(n - 1) };
for (const src of ["1 + 2 * 3", "2 ** 3 ** 2", "hyp(x, y) * 10 % 7", "max(x, y, fact(5)) - -1", "(x + y) * (x - y) / 7"])
  console.log(src, "=", parse(src)(env));

// JSON round trips of a generated tree
function tree(d, k) {
  return d === 0 ? { leaf: k, s: "v" + k } : { d, kids: [tree(d - 1, k * 2), tree(d - 1, k * 2 + 1)], tag: "n" + d + "_" + k };
}
let t = tree(6, 1);
for (let r = 0; r < 3; r++) t = JSON.parse(JSON.stringify(t, null, r));
console.log(JSON.stringify(t).length, JSON.stringify(t.kids[1].kids[0]).slice(0, 80));

// collections
const m = new Map(), s = new Set(), wm = new WeakMap();
const keys = [];
for (let i = 0; i < 300; i++) {
  const k = { i };
  keys.push(k);
  m.set("k" + (i % 97), (m.get("k" + (i % 97)) || 0) + i);
  s.add(i % 41);
  wm.set(k, [i, String(i)]);
}
let wsum = 0;
for (const k of keys) wsum += wm.get(k)[0];
console.log(m.size, s.size, wsum, [...m].slice(0, 3).join(";"));

// sorting with a comparator, typed arrays, string building
const words = [];
for (let i = 0; i < 200; i++) words.push(((i * 7919) % 1000).toString(36) + "x".repeat(i % 5));
words.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
console.log(words.slice(0, 6).join(","), words.at(-1));
const f64 = new Float64Array(64).map((_, i) => Math.sin(i) * 100);
const u8 = Uint8Array.from(f64, (v) => v & 255);
console.log(u8.reduce((a, b) => a + b, 0), f64.filter((v) => v > 50).length);
let sb = "";
for (let i = 0; i < 500; i++) sb += String.fromCharCode(97 + (i % 26)) + (i % 50 === 0 ? "\n" : "");
console.log(sb.length, sb.split("\n").map((l) => l.length).join(" "));
console.log("a-b_c d".replace(/[-_ ](.)/g, (_, c) => c.toUpperCase()), "x".padEnd(5, "ab") + "|", [..."héllo wörld"].reverse().join(""));

// promise jobs and async functions
async function chain(n) {
  let acc = [];
  for (let i = 0; i < n; i++) acc.push(await new Promise((res) => res(i * i)));
  return acc;
}
Promise.all([chain(5), chain(3).then((a) => a.map(String))]).then((r) => console.log(JSON.stringify(r)));
