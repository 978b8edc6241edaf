// yield* in async generators: delegation to async and sync iterables, return forwarding.
var print = typeof print === "function" ? print : console.log;
async function* inner() { yield 1; yield 2; return "ret"; }
async function* outer() { var r = yield* inner(); yield r; yield* [3, 4]; }
(async function () {
  var out = [];
  for await (var v of outer()) out.push(v);
  print(out.join());
  var g = outer();
  print(JSON.stringify(await g.next()), JSON.stringify(await g.return("R")), JSON.stringify(await g.next()));
})();
