// Private class members: fields, methods, accessors, static, brand checks with in.
var print = typeof print === "function" ? print : console.log;
class A {
  #x = 1; static #count = 0;
  #m() { return this.#x * 10; }
  get #g() { return this.#x + 100; } set #g(v) { this.#x = v; }
  constructor() { A.#count++; }
  run() { this.#g = 5; return [this.#x, this.#m(), this.#g, #x in this, A.#count].join(); }
  static has(o) { return #x in o; }
  static #sm() { return "static private"; }
  static callSm() { return A.#sm(); }
}
var a = new A();
print(a.run(), A.has(a), A.has({}), A.callSm());
try { A.prototype.run.call({}); } catch (e) { print(e.constructor.name); }
class B extends A { #y = 2; y() { return this.#y; } }
print(new B().y(), new B().run());
