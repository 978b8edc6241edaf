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
a: b: c: do { k++; if (k < 3) continue b; } while (k <