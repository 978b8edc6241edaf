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
print(Object.prototype.toStrin