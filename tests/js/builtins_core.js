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
throws(TypeError, function () { var o = {}; o.o = o; JSON.stringify(o); }, "cycle");
var big = []; for (var i = 0; i < 300; i++) big.push({id: i, s: "v" + i, a: [i, i + 1]});
eq(JSON.stringify(JSON.parse(JSON.stringify(big))), JSON.stringify(big), "round trip");

// Object
eq(Object.keys({a: 1, b: 2, 1: 3}).join(), "1,a,b", "keys order");
eq(Object.entries({a: 1}).join(), "a,1", "entries");
eq(Object.prototype.toString.call([]) + Object.prototype.toString.call(null) + Object.prototype.toString.call(function () {}),
   "[object Array][object Null][object Function]", "toString tags");
var tagged = {}; tagged[Symbol.toStringTag] = "Tagged"; eq(String(tagged), "[object Tagged]", "toStringTag");
eq(Object.groupBy([1, 2, 3, 4], function (x) { return x % 2 ? "odd" : "even"; }).odd.join(), "1,3", "groupBy");
eq(Object.fromEntries([["a", 1], ["b", 2]]).b, 2, "fromEntries");
var fr = Object.freeze({a: 1}); eq(Object.isFrozen(fr), true, "freeze"); eq(Object.isSealed(fr), true, "sealed");
eq(Object.assign({}, {a: 1}, null, {b: 2}).b, 2, "assign");
var d = Object.getOwnPropertyDescriptor({get x() { return 1; }}, "x");
eq(typeof d.get + d.enumerable + d.configurable + ("value" in d), "functiontruetruefalse", "descriptor");
var cr = Object.create({p: 1}, {q: {value: 2, enumerable: true}}); eq(cr.p + cr.q, 3, "create");
throws(TypeError, function () { Object.defineProperty({}, "x", {get: 1}); }, "bad getter");
throws(TypeError, function () { Object.defineProperty({}, "x", {get: function () {}, value: 1}); }, "mixed descriptor");
var gs = {}; gs.__defineGetter__("g", function () { return 7; }); eq(gs.g, 7, "__defineGetter__");
eq(gs.__lookupGetter__("g")(), 7, "__lookupGetter__");
eq(Object.is(NaN, NaN) && !Object.is(0, -0), true, "is");
eq(Object.hasOwn({z: 1}, "z"), true, "hasOwn");

// Function
var f = function (a, b, c) { return [this.v, a, b, c].join(); }.bind({v: 9}, 1);
eq(f(2, 3), "9,1,2,3", "bind call"); eq(f.name, "bound ", "bind name"); eq(f.length, 2, "bind length");
function P(x) { this.x = x; } var BP = P.bind(null, 5); var bp = new BP(); eq(bp.x, 5, "bound new"); eq(bp instanceof P, true, "bound proto");
eq(bp instanceof BP, true, "instanceof bound");
eq(Math.max.apply(null, [1, 5, 2]), 5, "apply"); eq(Array.prototype.join.call([1, 2], "-"), "1-2", "call");
throws(TypeError, function () { "use strict"; return Function.prototype.caller; }, "caller poison");
eq(new Function("a", "b", "return a + b")(1, 2), 3, "Function ctor");

// Error
eq(new Error("boom", {cause: 1}).cause, 1, "cause"); eq(String(new TypeError("bad")), "TypeError: bad", "toString");
eq(Object.getPrototypeOf(TypeError), Error, "native proto"); eq(new AggregateError([1, 2], "m").errors.length, 2, "aggregate");
eq(Error.prototype.toString.call({name: "N", message: ""}), "N", "toString empty message");
eq("message" in new Error(), true, "inherited message"); eq(new Error().hasOwnProperty("message"), false, "no own message");

// Symbol and Boolean
eq(Symbol.for("k"), Symbol.for("k"), "for"); eq(Symbol.keyFor(Symbol.for("k")), "k", "keyFor");
eq(Symbol("d").toString(), "Symbol(d)", "toString"); eq(Symbol().description, undefined, "no description");
eq(Symbol("e").description, "e", "description"); eq(typeof Symbol.iterator, "symbol", "well-known");
throws(TypeError, function () { new Symbol(); }, "new Symbol");
eq(new Boolean(0).valueOf(), false, "Boolean"); eq(Boolean.prototype.toString.call(true), "true", "Boolean toString");

// globals
eq(parseInt("  0x1F") + " " + parseInt("-12px") + " " + parseFloat("3.5e2x") + " " + parseInt("z", 36), "31 -12 350 35", "parse");
eq(1 / parseInt("-0"), -Infinity, "parseInt -0"); eq(parseFloat(".5"), 0.5, "parseFloat .5"); eq(parseFloat("-Infinityx"), -Infinity, "parseFloat inf");
eq(encodeURIComponent("a b&\u00fc\ud83d\ude00") + " " + decodeURIComponent("%F0%9F%98%80"), "a%20b%26%C3%BC%F0%9F%98%80 \ud83d\ude00", "URI");
eq(encodeURI("http://x/a b?c#d"), "http://x/a%20b?c#d", "encodeURI"); eq(decodeURI("%3B%20"), "%3B ", "decodeURI reserved");
throws(URIError, function () { decodeURIComponent("%E0%80"); }, "bad URI"); throws(URIError, function () { encodeURI("\udc00"); }, "lone surrogate");
eq(escape("a b\u0100") + " " + unescape("%41%u0042"), "a%20b%u0100 AB", "escape");
eq(isNaN("x") && isFinite("1"), true, "isNaN");

// Reflect
eq(Reflect.ownKeys({a: 1, [Symbol.iterator]: 2}).length, 2, "ownKeys");
eq(Reflect.apply(Math.min, null, [3, 1]), 1, "Reflect.apply"); eq(Reflect.construct(P, [4]).x, 4, "Reflect.construct");
eq(Reflect.defineProperty(Object.freeze({}), "x", {value: 1}), false, "Reflect.defineProperty");
eq(Reflect.has({a: 1}, "a"), true, "Reflect.has"); eq(Reflect.getPrototypeOf([]), Array.prototype, "Reflect.getPrototypeOf");

// Iterator
eq(typeof Iterator, "function", "Iterator");
eq([1, 2, 3].values().map(function (x) { return x * 2; }).toArray().join(), "2,4,6", "map");
eq([1, 2, 3, 4, 5].values().filter(function (x) { return x % 2; }).take(2).toArray().join(), "1,3", "filter take");
eq([1, 2, 3].values().drop(1).toArray().join(), "2,3", "drop");
eq([1, 2].values().flatMap(function (x) { return [x, x]; }).toArray().join(), "1,1,2,2", "flatMap");
eq([1, 2, 3].values().reduce(function (a, b) { return a + b; }), 6, "reduce");
eq([1, 2, 3].values().some(function (x) { return x > 2; }) + " " + [1, 2].values().every(function (x) { return x > 1; }), "true false", "some every");
eq([5, 6].values().find(function (x) { return x > 5; }), 6, "find");
var n = 0; [1, 2].values().forEach(function (x) { n += x; }); eq(n, 3, "forEach");
eq(Iterator.from({next: function () { return {done: true}; }}).toArray().length, 0, "from");
eq(Iterator.concat([1], [2, 3]).toArray().join(), "1,2,3", "concat");
throws(TypeError, function () { new Iterator(); }, "abstract Iterator");

print(nfail ? nfail + " failures" : "core ok");
