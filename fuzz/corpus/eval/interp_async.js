// Async functions: await ordering with the job queue, rejections, async arrows and methods.
var print = typeof print === "function" ? print : console.log;
async function f(x) { print("start", x); var y = await x; print("after await", y); return y + 1; }
var p = f(1);
print("sync after call", typeof p.then);
p.then(function (v) { print("resolved", v); });
async function thrower() { await null; throw new Error("bad"); }
thrower().catch(function (e) { print("rejected", e.message); });
const arrow = async () => { try { await Promise.reject(7); } catch (e) { return "caught " + e; } };
arrow().then(print);
async function seq() { var s = 0; for (var i = 0; i < 3; i++) s += await Promise.resolve(i); return s; }
seq().then(function (v) { print("seq", v); });
class K { async m() { return this.v; } v = 5; }
new K().m().then(function (v) { print("method", v); });
print("end of script");
