// Classes: constructors, extends/super, accessors, static members, fields, static blocks.
var print = typeof print === "function" ? print : console.log;
class A { constructor(x) { this.x = x; } get dbl() { return this.x * 2; } static make() { return new A(5); } m() { return "A.m"; } }
class B extends A { constructor() { super(3); this.y = 1; } m() { return "B+" + super.m(); } }
var b = new B();
print(b.x, b.y, b.dbl, b.m(), A.make().x, b instanceof A, B.name, A.name);
class C extends B { z = 10; static s = 20; static { print("static block", this.s); } }
var c = new C();
print(c.z, C.s, c.x, typeof C, Object.getPrototypeOf(C) === B);
try { A(); } catch (e) { print(e.name); }
var D = class { };
print(D.name, (class {}).name === "");
print(String(A).slice(0, 9));
const arrow = () => this;
print(arrow() === globalThis);
