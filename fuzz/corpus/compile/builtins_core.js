// Object, Function, Error, Symbol, Boolean, Reflect, JSON, Iterator and the
// global functions: prints only "core ok" (or the failures).
var nfail = 0;
function eq(a, b, m) { if (a !== b && !(a !== a && b !== b)) { nfail++; print("FAIL " + m + ": got " + String(a) + " expected " + String(b)); } }
function throws(C, f, m) { try { f(); } catch (e) { if (!(e instanceof C)) { nfail++; print("FAIL " + m + ": wrong error " + e); } return; } nfail++; print("FAIL " + m + ": no error"); }

// JSON
eq(JSON.stringify({a: 1, b: [1, "x", null, true, {c: 2.5}], d: undefined, e: "q\"\n\u0001\ud800"}),
   '{"a":1,"b":[1,"x",null,true,{"c":2.5}],"e":"q\\"\\n\\u0001\\ud800"}', "stringify");
eq(JSON.stringify({a: 1, b: {c: [1, 2]}}, null, 2), '{\n  "a": 1,\n  "b": {\n    "c": [\n      1,\n      2\n    ]\n  }\n}', "indent");
eq(JSON.stringify({a: 1, b: 2, c: 3}, ["c", "a"]), '{"c":3,"a":1}', "replacer list");
eq(JSON.stringify({a: 1, b: 2}, function (k, v) { return k === "b" ? undefined : v; }), '{"a":1}', "replacer fn");
eq(JSON.stringify({toJSON: function () { return [1]; }}), "[1]", "toJSON");
eq(JSON.stringify(-0), "0", "-0"); eq(JSON.stringify(NaN), "null", "NaN"); eq(JSON.stringify(function () {}), undefined, "fn");
var parsed = JSON.parse('{"x":[1,2,{"y":"z\\u0041"}],"__proto__":5, "n": -1.5e3, "s": "\\t\u00e9"}');
eq(parsed.x[2].y, "zA", "parse escape"); eq(parsed.n, -1500, "parse number"); eq(Object.getPrototypeOf(parsed), Object.prototype, "parse __proto__");
eq(Object.keys(parsed).join(), "x,__proto__,n,s", "parse keys"); eq(parsed.s, "\t\u00e9", "parse string");
eq(JSON.parse('[1,2,3]', function (k, v) { return typeof v === 'number' ? v * 2 : v; }).join(), "2,4,6", "reviver");
eq(1 / JSON.parse("-0"), -Infinity, "parse -0");
throws(SyntaxError, function () { JSON.parse("{bad"); }, "parse error");
throws(SyntaxError, function () { JSON.parse("[1,]"); }, "trailing comma");
throws(SyntaxError, function () { JSON.parse("01"); }, "leading zero");
throws(TypeError, function () { var o = {}; o.o = o; JSON.stringify(o); }, "cy