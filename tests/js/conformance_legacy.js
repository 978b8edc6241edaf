// Sloppy functions' legacy `caller` / `arguments` accessors, and other
// rules from the test262 conformance work (checked against node).
function g() { return g.caller; }
function f() { return g(); }
console.log("caller of g in f:", f() === f);
console.log("caller when not running:", g.caller, g.arguments);
function s() { "use strict"; return g(); }
console.log("caller from strict code:", s());
console.log("own keys:", Object.getOwnPropertyNames(function () {}).join());
console.log("arrow / method keys:", Object.getOwnPropertyNames(() => 1).join(),
            Object.getOwnPropertyNames({ m() {} }.m).join());
console.log("strict keys:", Object.getOwnPropertyNames(function () { "use strict"; }).join());
function h(a, b) { return h.arguments; }
var r = h(1, 2);
console.log("arguments:", r.length, r[0], r[1], r.callee === h);
function k(a) { arguments; return k.arguments; }
r = k(1, 2, 3);
console.log("arguments with extras:", r.length, r[2]);
function outer() { return arguments.callee.caller; }
function calls() { return outer(); }
console.log("arguments.callee.caller:", calls() === calls);
// Unlike V8's non-configurable data property (whose value changes, which the
// invariants of [[GetOwnProperty]] forbid), ours is a configurable accessor.
var d = Object.getOwnPropertyDescriptor(k, "caller");
console.log("caller is configurable, not enumerable:", d.configurable, d.enumerable);
Object.defineProperty(h, "caller", { get: function () { return 7; } });
console.log("redefined on one function only:", h.caller, k.caller);
console.log("Function.prototype.caller still throws:", (function () {
    try { return Function.prototype.caller; } catch (e) { return e instanceof TypeError; }
})());

// Stacked labels: the label set of a loop holds every label in front of it.
var out = [];
outer: inner: for (var i = 0; i < 3; i++) {
  for (var j = 0; j < 3; j++) { if (j == 1) continue outer; if (i == 2) break inner; out.push(i + "" + j); }
}
console.log(out.join());
var k = 0;
a: b: c: do { k++; if (k < 3) continue b; } while (k < 5);
console.log(k);
for (const src of ["a: { b: for(;;) { continue a; } }", "a: b: { for(;;) continue a; }", "a: if (1) b: for(;;) continue a;", "a: b: while(0) continue a;"]) {
  try { new Function(src); console.log("ok", src); } catch (e) { console.log(e.name, src); }
}

// A parenthesized optional chain used as a callee keeps its this.
var a=null;
try{(a?.b)()}catch(e){console.log(e.name)};
console.log((a?.b)?.());
var o={x:{f(){return this===o.x}}};
console.log((o?.x.f)(), (o.x?.f)());

// with: the reference of `var x = init` is resolved before init runs, and a
// var placed in a register the prologue used starts undefined.
var obj = { test262id: 1 };
with (obj) { var test262id = delete obj.test262id; }
console.log(obj.test262id, typeof test262id);
var named = function ref(x) { with ({}) { console.log("var before init:", v); } var v = x; };
named(10);

// Sloppy direct eval in an arrow (body or parameters) declares its vars in
// the arrow, not in the global scope.
(() => { eval("var inArrow = 1"); console.log("in the arrow:", inArrow); })();
console.log("global:", typeof inArrow);
var pa = (p = eval("var fromParams = 'param'"), q = () => fromParams) => [fromParams, q()];
console.log(pa().join(), typeof fromParams);
var pb = async (a = eval("var a = 42")) => 1;
pb().then(() => console.log("async arrow: no error"), (e) => console.log("async arrow:", e.name));

// Async generators: yield* unwraps a return request's value before asking the
// inner iterator (a rejection becomes a throw into it); return on a
// finished generator awaits its value.
var log = [];
var inner = { [Symbol.asyncIterator]() { return this; }, next() { return { done: false, value: 1 }; },
  throw(e) { log.push("inner throw " + e); return { done: true, value: "t" }; }, return(v) { log.push("inner return " + v); return { done: true, value: v }; } };
async function* f() { var r = yield* inner; log.push("after " + r); return r; }
var it = f();
it.next().then(() => it.return(Promise.reject("boom"))).then(r => log.push("result " + JSON.stringify(r)), e => log.push("rej " + e)).then(() => console.log(log.join("; ")));
var it2 = f();
it2.next().then(() => it2.return(Promise.resolve("v"))).then(r => console.log("return:", JSON.stringify(r)));
var done = (async function* () {})(); done.next().then(() => done.return(Promise.resolve("awaited"))).then(r => console.log("completed return:", r.value));

// Annex B odds: f() = g() calls f, then throws before g; a block function
// named `arguments` does not replace the arguments object; Function("-->").
function called(name) { return function () { console.log(name, "called"); return 1; }; }
try { called("f")() = called("g")(); } catch (e) { console.log(e.name); }
(function () {
    { function arguments() {} }
    console.log("outside the block:", String(arguments));
}());
console.log("html close comment body:", typeof Function("-->"));
