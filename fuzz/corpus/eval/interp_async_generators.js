// Async generators: request queue, await inside, return while suspended, errors rejecting.
var print = typeof print === "function" ? print : console.log;
async function* ag() { print("body start"); var x = yield 1; print("got", x); yield await Promise.resolve(2); try { yield 3; } finally { print("finally"); } return "end"; }
var it = ag();
it.next().then(function (r) { print("r1", JSON.stringify(r)); });
it.next("X").then(function (r) { print("r2", JSON.stringify(r)); });
it.next().then(function (r) { print("r3", JSON.stringify(r)); });
it.return("early").then(function (r) { print("r4", JSON.stringify(r)); });
it.next().then(function (r) { print("r5", JSON.stringify(r)); });
async function* thrower() { yield 1; throw new Error("agen boom"); }
var t = thrower();
t.next().then(function () { return t.next(); }).catch(function (e) { print("caught", e.message); });
print("sync end");
