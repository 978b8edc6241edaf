// `new` of a bytecode constructor with few registers from a large frame,
// and of a derived class, with collections in the constructors.
function C(a) { this.a = a; gc(); }
class Base { constructor(x) { this.x = x; gc(); } }
class Derived extends Base { constructor(x) { super(x); gc(); } }
function F(s) {
  const c = new C(1, 0, 0, 0, s.repeat(2), { s });
  gc();
  const d = new Derived(2, 0, 0, s.repeat(3), [s]);
  gc();
  return [c.a, d.x, s.length].join(" ");
}
console.log(F("k".repeat(150)));
console.log(F("k"));
