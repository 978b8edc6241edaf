// Generators: next/return/throw, finally on return, yield*, generator methods, arguments.
var print = typeof print === "function" ? print : console.log;
function* g(a) { var x = yield a; print("got", x); try { yield 2; } finally { print("cleanup"); } return 3; }
var it = g(1);
print(JSON.stringify(it.next()), JSON.stringify(it.next("X")), JSON.stringify(it.return(9)), JSON.stringify(it.next()));
function* inner() { yield 1; yield 2; return "r"; }
function* outer() { var r = yield* inner(); yield r; }
print([...outer()].join());
var o = { *m() { yield* [7, 8]; } };
print([...o.m()].join());
function* inf() { var i = 0; while (true) yield i++; }
for (var v of inf()) { if (v > 3) break; }
print(v);
var gen = inf();
gen.next();
try { gen.throw(new Error("boom")); } catch (e) { print("thrown", e.message); }
print(JSON.stringify(gen.next()));
print(Object.getPrototypeOf(g) === Object.getPrototypeOf(function*(){}), typeof g.prototype, g.prototype.constructor === undefined);
class K { *[Symbol.iterator]() { yield "k1"; yield "k2"; } }
print([...new K()].join());
function* args() { yield arguments.length; yield arguments[1]; }
print([...args(5, 6, 7)].join());
