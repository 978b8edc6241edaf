// A generator (and an async function) resumed from a small frame nested
// in a large one: the resumed frame is rebuilt at the top of the VM stack.
function* gen(n) {
  let acc = [];
  for (let i = 0; i < n; i++) {
    const t = "v" + i;
    acc.push(t);
    gc();
    yield acc.join(",");
  }
  return acc.length;
}
function step(it) { return it.next().value; }
function F(s) {
  const it = gen(3);
  const out = [];
  for (let i = 0; i < 4; i++) {
    out.push(step(it, 0, 0, 0, s.repeat(2), { s }));
    gc();
  }
  return out.join(" | ") + " " + s.length;
}
console.log(F("y".repeat(100)));
async function af(x) {
  const a = x + "!";
  await null;
  gc();
  return a + a;
}
function small(v) { return af(v); }
function G(s) {
  const pr = small("w", 0, 0, 0, s.repeat(2), [s]);
  gc();
  return pr;
}
G("u".repeat(90)).then((v) => { gc(); console.log(v); });
// a spread call from a large frame into a small function
function sum(a, b) { gc(); return a + b; }
function H(s) {
  const args = [1, 2, s.repeat(2), { s }];
  const r = sum(...args);
  gc();
  return r + " " + s.length;
}
console.log(H("h".repeat(80)));
