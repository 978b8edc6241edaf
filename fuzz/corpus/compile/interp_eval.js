// Direct eval: var declarations into the calling function, parameter-scope eval conflicts.
var print = typeof print === "function" ? print : console.log;
function outer() { var x = "outer"; function inner() { eval("var x = 'inner'"); return x; } var r = inner(); return r + "," + x; }
print(outer());
function p(a = eval("var b = 1"), c = b) { return c; }
print(p());
try { (function (a = eval("var a = 42")) {})(); } catch (e) { print(e.constructor.name); }
function same() { var y = 1; eval("var y = 2"); return y; }
print(same());
