// Native functions called from a small frame nested in a large one: the
// argument padding of a native call (argc < length), a native constructor
// that allocates (RegExp), and a native that calls back into JS.
function small1() { return "abc".padStart(); }          // padding: length 2, argc 0
function small2(p) { return new RegExp(p + "+", "g"); } // native constructor
function small3(a) { return a.map((x) => [x, String(x)]); }
function F(s) {
  const r1 = small1(0, 0, 0, 0, s.repeat(2), { k: s });
  gc();
  const r2 = small2("q", 0, 0, 0, s.repeat(3), [s]);
  gc();
  const r3 = small3([1, 2], 0, 0, s.repeat(4), { s });
  gc();
  return [r1, r2.source, r2.flags, JSON.stringify(r3), s.length].join(" ");
}
console.log(F("n".repeat(200)));
console.log(F("m"));
// a native callback calling a small function with a big argument list
function G(s) {
  return [3, 1, 2].sort(function (a, b) { gc(); return a - b; }, s + "1", s + "2").join();
}
console.log(G("z"));
