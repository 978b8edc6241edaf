// JSON.rawJSON / isRawJSON, JSON.parse source text for revivers, the
// Error.prototype.stack accessor and Array.fromAsync: prints what each
// call gives.
var print = typeof print === "function" ? print : console.log;

var raw = JSON.rawJSON("12345678901234567890");
print(JSON.isRawJSON(raw), JSON.isRawJSON({rawJSON: "1"}), Object.isFrozen(raw), Object.getPrototypeOf(raw));
print(JSON.stringify({big: raw, list: [JSON.rawJSON('"s"'), JSON.rawJSON("null")]}));
["", " 1", "1\n", "{}", "[1]", "01", "tru"].forEach(function (t) {
  try { JSON.rawJSON(t); print("accepted", JSON.stringify(t)); } catch (e) { print(JSON.stringify(t), e.name); }
});
var sources = [];
var parsed = JSON.parse('{"a": 1.50, "b": [true, "x\\u0041", -0], "c": {"d": null}}', function (k, v, ctx) {
  sources.push(k + "=" + (ctx && "source" in ctx ? ctx.source : "-"));
  return v;
});
print(sources.join(" "), parsed.b[1]);
var big = JSON.parse("[9007199254740993]", function (k, v, ctx) {
  return typeof v === "number" ? BigInt(ctx.source) : v;
});
print(big[0] === 9007199254740993n);
var forward = [];
JSON.parse('{"p": 1, "q": 2}', function (k, v, ctx) {
  if (k === "p") this.q = 2;     /* same value: source kept */
  forward.push(k + ":" + ctx.source);
  return v;
});
print(forward.join());

// Error.prototype.stack accessor: no own "stack" on instances
var err = new TypeError("m");
var sd = Object.getOwnPropertyDescriptor(Error.prototype, "stack");
print(err.hasOwnProperty("stack"), typeof err.stack, typeof sd.get, sd.get.name, sd.set.name, sd.enumerable);
print(sd.get.call({}), Object.create(Error.prototype).stack);
err.stack = "custom";
print(err.stack, Object.getOwnPropertyDescriptor(err, "stack").enumerable);
try { new Error("x").stack = 5; } catch (e) { print("non-string", e.name); }
try { Error.prototype.stack = ""; } catch (e) { print("on prototype", e.name); }

function* gen() { yield 1; yield Promise.resolve(2); yield 3; }
async function* agen() { yield "a"; yield "b"; }
function MyArray() { this.made = arguments.length; }
(async function () {
  print((await Array.fromAsync(gen())).join());
  print((await Array.fromAsync(agen(), function (v, i) { return v + i; })).join());
  print((await Array.fromAsync({length: 3, 0: Promise.resolve("x"), 2: "z"})).join("|"));
  var m = await Array.fromAsync.call(MyArray, [1, 2]);
  print(m instanceof MyArray, m.made, m.length, m[1]);
  var n = await Array.fromAsync.call(MyArray, {length: 2, 0: 5, 1: 6});
  print(n.made, n.length);
  try { await Array.fromAsync([1], 5); } catch (e) { print("mapper", e.name); }
  try { await Array.fromAsync(null); } catch (e) { print("null", e.name); }
  var closed = false;
  var it = { [Symbol.iterator]() { return { next() { return {value: 1, done: false}; },
                                             return() { closed = true; return {}; } }; } };
  try { await Array.fromAsync(it, function () { throw new RangeError("stop"); }); }
  catch (e) { print("mapper throws", e.name, closed); }
  var p = Array.fromAsync([]);
  print(p instanceof Promise, Array.fromAsync.length, Array.fromAsync.name);
})().catch(function (e) { print("ERR", e); });

// Iterator.prototype.includes / join / chunks / windows
function* nums() { yield 1; yield 2; yield 3; yield 4; yield 5; }
print(nums().includes(3), nums().includes(3, 3), nums().includes(NaN), [NaN].values().includes(NaN));
print(nums().join(), nums().join(" - "), ["a", null, undefined, "b"].values().join("/"));
print(JSON.stringify(nums().chunks(2).toArray()), JSON.stringify(nums().windows(3).toArray()));
print(JSON.stringify([1, 2].values().windows(3, "allow-partial").toArray()), JSON.stringify([1, 2].values().windows(3).toArray()));
try { nums().chunks(0); } catch (e) { print("chunks(0)", e.name); }
try { nums().windows(2, "partial"); } catch (e) { print("windows undersized", e.name); }

// Iterator.zip / Iterator.zipKeyed
print(JSON.stringify(Iterator.zip([[1, 2, 3], "ab".split("")]).toArray()));
print(JSON.stringify(Iterator.zip([[1, 2], [3]], {mode: "longest", padding: ["p", "q"]}).toArray()));
try { Iterator.zip([[1, 2], [3]], {mode: "strict"}).toArray(); } catch (e) { print("strict", e.name); }
print(JSON.stringify(Iterator.zipKeyed({a: [1, 2], b: [3, 4, 5]}).toArray()));
print(JSON.stringify(Iterator.zipKeyed({a: [1], b: [3, 4]}, {mode: "longest", padding: {a: 0}}).toArray()));
var zclosed = [];
function closable(name, n) {
  var i = 0;
  return { __proto__: Iterator.prototype, next() { return i < n ? {value: i++, done: false} : {done: true}; },
           return() { zclosed.push(name); return {}; } };
}
var z = Iterator.zip([closable("x", 5), closable("y", 5)]);
z.next();
z.return();
print("closed", zclosed.join());
