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
(async functi