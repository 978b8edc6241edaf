// Getters, setters and proxy traps called from native code while a small
// frame runs inside a large one.
const o = {
  get x() { gc(); return "got"; },
  set y(v) { gc(); this._y = v; },
};
const p = new Proxy({}, { get(t, k) { gc(); return "trap " + String(k); } });
function small(obj) { return obj.x; }
function smallSet(obj) { obj.y = 7; return obj._y; }
function smallProxy(obj) { return obj.foo; }
function F(s) {
  const a = small(o, 0, 0, 0, s.repeat(2), { s });
  gc();
  const b = smallSet(o, 0, 0, 0, s.repeat(3));
  gc();
  const c = smallProxy(p, 0, 0, 0, s.repeat(4), [s]);
  gc();
  const d = Object.getOwnPropertyDescriptor(o, "x").get.call(o, s + "1", s + "2");
  gc();
  return [a, b, c, d, s.length].join(" ");
}
console.log(F("g".repeat(120)));
console.log(F("g"));
