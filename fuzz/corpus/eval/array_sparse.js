// Arrays whose length is set by assignment (the "length" store must always
// run ArraySetLength, also once the property-store inline cache is warm):
// prints what each step sees.
function grow() { var a = []; a.length = 10000; a.fill(7, 0); return a[9999] + "," + a.length; }
print(grow(), grow(), grow());
function shrink() { var a = [1, 2, 3]; a.length = 1; return a[2] + "," + a.length + "," + (2 in a); }
print(shrink(), shrink(), shrink());
function bad(v) { var a = []; try { a.length = v; return "ok " + a.length; } catch (e) { return e.name; } }
print(bad(5), bad(-1), bad(1.5), bad(3));
function regrow() { var a = [1, 2, 3]; a.length = 0; a.length = 3; return a.join("|") + " " + (0 in a); }
print(regrow(), regrow());
// an ordinary object with an array-like "length" slot must not warm a
// cache that arrays then use
var o = Object.create(Array.prototype);
Object.defineProperty(o, "length", {value: 0, writable: true});
function setLen(x, n) { x.length = n; return x.length; }
setLen(o, 4); setLen(o, 5);
var arr = [];
print(setLen(arr, 50), arr.indexOf(undefined), arr.fill(1).join("").length);
var big = [];
big.length = 3000000;
print(big.length, big[2999999], big.fill(2, 2999998).lastIndexOf(2));
