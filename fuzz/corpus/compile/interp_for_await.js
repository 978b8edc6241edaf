// for await over async generators and over sync iterables of promises.
var print = typeof print === "function" ? print : console.log;
async function* src() { yield "a"; yield "b"; }
(async function () {
  var out = [];
  for await (var x of src()) out.push(x);
  for await (const y of [Promise.resolve(1), 2]) out.push(y);
  print(out.join());
})().catch(function (e) { print("err", e); });
