// Job ordering of promises (ECMA-262 27.2): then chains interleave one
// job per step, resolving with a thenable (or a promise) takes two extra
// jobs, queueMicrotask shares the same FIFO queue. Expected output is
// that of node.
var log = [];
function out(s) { log.push(s); }

// 1. Two then chains interleave step by step.
function chains() {
    var a = Promise.resolve();
    var b = Promise.resolve();
    a.then(function () { out("a1"); }).then(function () { out("a2"); }).then(function () { out("a3"); });
    b.then(function () { out("b1"); }).then(function () { out("b2"); }).then(function () { out("b3"); });
}

// 2. Resolving with a native promise adopts it two ticks later than
// resolving with a plain value.
function adoption() {
    var p1 = new Promise(function (resolve) { resolve(Promise.resolve("adopted")); });
    var p2 = new Promise(function (resolve) { resolve("plain"); });
    p1.then(function (v) { out("p1 " + v); });
    p2.then(function (v) { out("p2 " + v); })
      .then(function () { out("p2 tick2"); })
      .then(function () { out("p2 tick3"); })
      .then(function () { out("p2 tick4"); });
}

// 3. A user thenable: its then is called in a job, not synchronously.
function thenable() {
    var t = {
        then: function (res) { out("thenable.then called"); res("from thenable"); }
    };
    var p = Promise.resolve(t);
    out("after Promise.resolve(thenable)");
    p.then(function (v) { out("thenable " + v); });
}

// 4. queueMicrotask, then() on a settled promise, and resolve() of a
// pending promise with reactions all enqueue in call order.
function mixed() {
    var resolveIt;
    var pending = new Promise(function (r) { resolveIt = r; });
    pending.then(function (v) { out("pending " + v); });
    queueMicrotask(function () { out("microtask 1"); });
    Promise.resolve().then(function () { out("settled then"); });
    resolveIt("now");
    queueMicrotask(function () { out("microtask 2"); });
    resolveIt("ignored");
}

// 5. Rejections pass through then() without a handler; ca