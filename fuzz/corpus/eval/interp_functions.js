// Functions: arguments objects, this binding, new, getters/setters, eval, Function, classes.
var print = typeof print === "function" ? print : console.log;
function mapped(a, b) { arguments[0] = 10; b = 20; return [a, arguments[1], arguments.length].join(); }
print(mapped(1, 2, 3));
function unmapped(a, b) { "use strict"; arguments[0] = 10; return [a, arguments[0]].join(); }
print(unmapped(1, 2));
function sloppyThis() { return typeof this; }
function strictThis() { "use strict"; return typeof this; }
print(sloppyThis(), strictThis(), sloppyThis.call(5), strictThis.call(5));
function P(x) { this.x = x; }
P.prototype.get = function () { return this.x; };
var p = new P(4);
print(p.get(), p instanceof P, p.constructor === P, Object.getPrototypeOf(p) === P.prototype);
function R() { return { r: 1 }; }
print(new R().r);
var acc = { _v: 1, get v() { return this._v; }, set v(x) { this._v = x * 2; } };
acc.v = 5;
print(acc.v);
print(eval("var e1 = 3; e1 * 2"), typeof e1);
function localEval() { var z = 1; eval("var z2 = z + 1"); return z2; }
print(localEval());
function strictEval() { "use strict"; eval("var hidden = 1"); return typeof hidden; }
print(strictEval());
var indirect = eval;
var gv = "global";
function shadow() { var gv = "local"; return [eval("gv"), indirect("gv")].join(); }
print(shadow());
print(new Function("a", "b", "return a + b")(2, 3), Function("return this")() === globalThis);
var named = function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); };
print(named(5), named.name, (function () {}).name === "", (() => 1).name === "");
var anon = function () {};
var arrow = () => {};
print(anon.name, arrow.name, ({ m() {} }).m.name, ({ get g() { return 1; } }).hasOwnProperty("g"));
class A { constructor(x) { this.x = x; } static of(x) { return new this(x); } get twice() { return this.x * 2; } toString() { return "A(" + this.x + ")"; } }
class B extends A { constructor(x) { super(x + 1); } toString() { return "B:" + super.toString(); } }
print(String(B.of(1)), B.of(2).twice, new B(0) instanceof A);
class F { 