// Private names hidden from [[OwnPropertyKeys]] and proxies, the Symbol.for
// registry, the GeneratorFunction / AsyncFunction / AsyncGeneratorFunction
// constructors, %AsyncFromSyncIteratorPrototype%: prints what each sees.
var print = typeof print === "function" ? print : console.log;

// private elements never show up as keys, and proxies never see them
class Base { constructor(o) { return o; } }
class Stamp extends Base {
  #f = 1; #m() { return 2; } get #a() { return 3; } set #a(v) {}
  constructor(o) { super(o); }
  static read(o) { return [#f in o, o.#f, o.#m(), o.#a].join(); }
}
var o = {x: 1};
new Stamp(o);
print(Object.getOwnPropertySymbols(o).length, Reflect.ownKeys(o).join(), JSON.stringify(o),
      JSON.stringify(Object.assign({}, o)), JSON.stringify({...o}), Object.keys(Object.getOwnPropertyDescriptors(o)).join());
var seen = [];
for (var k in o) seen.push(k);
print("for-in", seen.join());
Object.freeze(o);
print("frozen", Stamp.read(o), Object.isFrozen(o));
var log = [];
var handler = {};
["defineProperty", "getOwnPropertyDescriptor", "get", "set", "has", "ownKeys"].forEach(function (t) {
  handler[t] = function () { log.push(t); return Reflect[t].apply(null, arguments); };
});
var p = new Proxy({}, handler);
new Stamp(p);
print("proxy", Stamp.read(p), "traps:" + log.join(), Reflect.ownKeys(p).length, log.join());
try { new Stamp(Object.preventExtensions({})); print("no error"); } catch (e) { print("non-extensible", e.name); }

// Symbol.for / keyFor
var s = Symbol.for("k");
print(s === Symbol.for("k"), Symbol.keyFor(s), Symbol.keyFor(Symbol("k")), Symbol.for("k") !== Symbol("k"));

// function kinds
var GF = Object.getPrototypeOf(function* () {}).constructor;
var AF = Object.getPrototypeOf(async function () {}).constructor;
var AGF = Object.getPrototypeOf(async function* () {}).constructor;
print(GF.name, AF.name, AGF.name, GF.length, AF.length, AGF.length);
print(Object.getPrototypeOf(GF) === Function, Object.getPrototypeOf(AF) === Function, typeof GF.prototype);
print(Object.prototype.toString.call(GF.prototype), Object.prototype.toString.call(AF.prototype),
      Object.prototype.toString.call(AGF.prototype));
print(GF.prototype.constructor === GF, AF.prototype.constructor === AF, AGF.prototype.constructor === AGF);
print(Object.getPrototypeOf(async () => 1) === AF.prototype, Object.getPrototypeOf(GF.prototype) === Function.prototype,
      "prototype" in AF.prototype, GF.prototype.prototype === Object.getPrototypeOf((function* () {})()).__proto__);
var g = new GF("a", "b", "yield a; yield b;");
print(Array.from(g(1, 2)).join(), Object.getPrototypeOf(g) === GF.prototype, g instanceof Function);
var g2 = GF("yield 7");
print(g2().next().value, typeof g2.prototype);
var d = Object.getOwnPropertyDescriptor(GF, "prototype");
print(d.writable, d.enumerable, d.configurable);
try { new GF("yield", "")(); print("no error"); } catch (e) { print("param yield", e.name); }
var af = AF("x", "return await x * 2;");
var agf = new AGF("yield 1; yield await Promise.resolve(2);");
af(21).then(function (v) { print("async fn", v); });
(async function () {
  var out = [];
  for await (var v of agf()) out.push(v);
  print("async gen", out.join());
})();

// %AsyncFromSyncIteratorPrototype%
var closed = [];
function syncIt(values, extra) {
  var i = 0;
  var it = {
    [Symbol.iterator]() { return this; },
    next() { return i < values.length ? {value: values[i++], done: false} : {value: undefined, done: true}; },
    return(v) { closed.push("return"); return {value: v, done: true}; }
  };
  for (var k in extra) it[k] = extra[k];
  return it;
}
(async function () {
  var out = [];
  for await (var v of syncIt([1, Promise.resolve(2), 3])) { out.push(v); if (v === 2) break; }
  print("break", out.join(), closed.join());
  closed.length = 0;
  try {
    for await (var w of syncIt([Promise.reject("boom"), 1])) out.push(w);
  } catch (e) { print("rejected", e, closed.join()); }
  closed.length = 0;
  async function* deleg() { var r = yield* syncIt([10, 20]); return r; }
  var it = deleg();
  print("yield*", JSON.stringify(await it.next()), JSON.stringify(await it.return(5)), closed.join());
  var noThrow = syncIt([1, 2], {throw: undefined});
  var it2 = (async function* () { yield* noThrow; })();
  await it2.next();
  try { await it2.throw(new Error("x")); } catch (e) { print("no throw method", e.name, closed.join()); }
})().catch(function (e) { print("ERR", e); });
