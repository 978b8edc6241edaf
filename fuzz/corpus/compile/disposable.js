// Explicit resource management built-ins: DisposableStack disposes in
// reverse order and folds several errors into SuppressedError chains;
// AsyncDisposableStack awaits each disposer in turn and rejects with the
// folded error; move() hands the resources over.
var log = [];
var s = new DisposableStack();
s.use({ [Symbol.dispose]() { log.push("use"); } });
s.adopt(7, function (v) { log.push("adopt " + v); });
s.defer(function () { log.push("defer"); });
var moved = s.move();
console.log(s.disposed, moved.disposed);
moved.dispose();
console.log(log.join(","), moved.disposed);

var e = new DisposableStack();
e.defer(function () { throw new Error("first"); });
e.defer(function () { throw new Error("second"); });
try { e[Symbol.dispose](); } catch (err) {
    console.log(err instanceof SuppressedError, err.error.message, err.suppressed.message);
}
console.log(new SuppressedError(1, 2, "m").message, SuppressedError.prototype.name);

var a = new AsyncDisposableStack();
var order = [];
a.defer(async function () { await null; order.push("d1"); throw new Error("x"); });
a.use({ [Symbol.asyncDispose]() { order.push("d2"); return Promise.resolve(); } });
a.use({ [Symbol.dispose]() { order.push("d3"); } });
a.disposeAsync().then(function () { console.log("unexpected"); }, function (err) {
    console.log(order.join(","), err.message, a.disposed);
});
order.push("sync");
