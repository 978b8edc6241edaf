// Control flow: try/catch/finally completions, labels, for-in order, for-of closing, with, switch scoping, completion values.
var print = typeof print === "function" ? print : console.log;
function f1() { try { return "try"; } finally { print("finally runs"); } }
print(f1());
function f2() { try { throw new Error("x"); } catch (e) { return "caught " + e.message; } finally { print("f2 finally"); } }
print(f2());
function f3() { for (var i = 0; i < 3; i++) { try { if (i == 1) break; } finally { print("iter", i); } } return i; }
print(f3());
function f4() { try { return 1; } finally { return 2; } }
print(f4());
function f5() { l: try { break l; } finally { print("f5 fin"); } return "after"; }
print(f5());
var order = [];
var proto = { p1: 1, shadow: 1 };
var obj = Object.create(proto);
obj.b = 1; obj.a = 2; obj[2] = 0; obj[1] = 0; obj.shadow = 2;
for (var k in obj) order.push(k);
print(order.join());
var del = { a: 1, b: 2, c: 3 }, seen = [];
for (var k2 in del) { seen.push(k2); delete del.b; }
print(seen.join());
var closed = false;
var iterable = { [Symbol.iterator]() { var n = 0; return { next() { return { value: n++, done: n > 5 }; }, return() { closed = true; return {}; } }; } };
for (var x of iterable) { if (x == 2) break; }
print(x, closed);
var sum = 0;
for (const y of [1, 2, 3]) sum += y;
print(sum);
var wo = { wa: 1, wb: 2 };
with (wo) { wa = 10; var wc = wb + 1; }
print(wo.wa, wc);
print(eval("1; if (true) { 2; }"), eval("3; var zz = 1;"), eval("do { 4; break; } while (false)"), eval("5; try { 6 } finally { 7 }"));
try { undefinedThing(); } catch (e) { print(e.constructor.name); }
try { (void 0).x; } catch (e) { print(e.constructor.name); }
try { null(); } catch (e) { print(e.constructor.name); }
try { let q = q; } catch (e) { print(e.constructor.name); }
try { const cc = 1; cc = 2; } catch (e) { print(e.constructor.name); }
(function () { "use strict"; try { undeclaredStrict = 1; } catch (e) { print(e.constructor.name); } })();
var sw = [];
switch (2) { case 1: sw.push(1); case 2: sw.push(2); case 3: sw