// The reduced use-after-free of issue 16: h has fewer registers than the
// call window F builds for it, so the string argument in F's register
// above h's top was neither scanned nor cleared while h ran; after h
// returned, the next collection marked the freed string.
function h() { gc(); }
function F(s) {
  h(0, 0, 0, 0, s.repeat(2));
  gc();
  return s.length;
}
console.log(F("b".repeat(300)));
// the same with small strings (cells of the collector's own free lists)
function G(s) {
  h(0, 0, 0, 0, s + "x", s + "y", { s });
  gc();
  return s;
}
console.log(G("a"));
// repeated, so that freed cells are reused by later allocations
let total = 0;
for (let i = 0; i < 50; i++)
  total += F("c".repeat(i + 1));
console.log(total);
