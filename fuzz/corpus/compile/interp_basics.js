// Interpreter basics: arithmetic fast/slow paths, closures, calls, loops.
var print = typeof print === "function" ? print : console.log;
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
print(fib(20));
print(1 + 2, 1.5 + 2, "a" + 1, 1 + "a", 2 ** 10, 7 % 3, -7 % 3, 5 / 2, 1 / (0 / -1));
print(2147483647 + 1, -2147483648 - 1, 65536 * 65536, 1 << 31, -1 >>> 0, -8 >> 1);
print(1 < 2, "a" < "b", "10" < "9", 10 < "9", null == undefined, null === undefined, NaN == NaN);
print({} + 1, [1, 2] + "", { valueOf() { return 41; } } + 1, "" + { toString() { return "T"; } });
var s = 0;
for (var i = 0; i < 100; i++) { if (i % 2) continue; s += i; }
print(s);
var j = 0;
do { j++; } while (j < 5);
while (j < 10) j += 2;
print(j);
function counter() { var c = 0; return { inc: function () { return ++c; }, get: () => c }; }
var c1 = counter(), c2 = counter();
c1.inc(); c1.inc(); c2.inc();
print(c1.get(), c2.get());
var fs = [];
for (let k = 0; k < 3; k++) fs.push(function () { return k; });
print(fs.map(function (f) { return f(); }).join());
var vs = [];
for (var v = 0; v < 3; v++) vs.push(function () { return v; });
print(vs.map(function (f) { return f(); }).join());
outer: for (var a = 0; a < 3; a++) { for (var b = 0; b < 3; b++) { if (b == 1) continue outer; if (a == 2) break outer; } }
print(a, b);
switch ("x") { case "y": print("no"); default: print("default"); case "z": print("fall"); }
print(typeof undeclared, typeof null, typeof [], typeof print, typeof Symbol());
print(void 0, (1, 2), true ? "t" : "f", null ?? "d", 0 || "or", 1 && "and");
var o = { n: 1 };
o.n += 5; o["n"] *= 2; o.m ??= 7; o.n ||= 100;
print(o.n, o.m, delete o.n, o.n, "m" in o);
print([1, , 3].length, [...[1, 2], 3].join(), Math.max(...[4, 9, 2]));
