// `using` and `await using` declarations: disposal in reverse order at
// every exit of a block, function body, for head and for-of iteration;
// SuppressedError chains; `using` as an identifier; the early errors; and
// the Awaits of `await using` counted against a chain of microtasks.
var log = [];
function res(name, fail) {
    return { [Symbol.dispose]() { log.push("-" + name); if (fail) throw new Error(name); } };
}
function show(title) {
    console.log(title + ": " + log.join(" "));
    log.length = 0;
}

{
    using a = res("a"), b = res("b");
    using n = null, u = undefined;
    log.push("body");
}
show("block");

function exits(k) {
    using f = res("f");
    outer: for (var i = 0; i < 3; i++) {
        using x = res("x" + i);
        {
            using y = res("y" + i);
            if (k === "break" && i === 1) break outer;
            if (k === "continue" && i === 0) continue;
            if (k === "return" && i === 1) return "r" + i;
            if (k === "throw" && i === 1) throw new Error("t" + i);
        }
        log.push("end" + i);
    }
    return "done";
}
console.log(exits("break")); show("break");
console.log(exits("continue")); show("continue");
console.log(exits("return")); show("return");
try { exits("throw"); } catch (e) { console.log(e.message); } show("throw");

// for (using ...;;): one scope for the whole loop; for-of: one per
// iteration, disposed before the iterator is closed
for (using h = res("head"), h2 = null; log.length < 2;) log.push("it");
show("for");
var iterable = {
    [Symbol.iterator]() {
        var i = 0;
        return {
            next() { return { value: res("v" + i), done: i++ >= 3 }; },
            return() { log.push("close"); return {}; },
        };
    },
};
for (using v of iterable) { log.push("body"); if (log.length > 4) break; }
show("for-of");

// errors: one is thrown as is; more are chained, the latest outermost
try { using a = res("a", true); } catch (e) { console.log(e.message); }
try {
    using a = res("a", true), b = res("b", true);
    throw new Error("body");
} catch (e) {
    console.log(e instanceof SuppressedError, e.error.message,
                e.suppressed instanceof SuppressedError, e.suppressed.error.message,
                e.suppressed.suppressed.message);
}
function overridden() { using a = res("a", true); return 1; }
try { overridden(); } catch (e) { console.log("return replaced by", e.message); }
show("errors");
try { using bad = 1; } catch (e) { console.log(e.constructor.name); }
try { using bad = {}; } catch (e) { console.log(e.constructor.name); }
try { for (using x of [null]) x = 1; } catch (e) { console.log(e.constructor.name); }

// generators: return() while suspended disposes
function* gen() { using g = res("g"); yield 1; yield 2; }
var it = gen();
it.next(); it.return(5);
show("generator");

// static blocks and Function bodies
class C { static { using s = res("static"); log.push("init"); } }
new Function("r", "using x = r; log.push('fn');")(res("fnres"));
show("bodies");

// `using` as an identifier
var using = [10, 20], of = [[1], [2], [3]], x = 1;
using
x = 2;
console.log(x, using[x - 1], "0" in using);
var seen = [];
for (using of of [2]) seen.push(using);
console.log(seen.join());
using = [0];
{ using[0] = 7; console.log(using[0]); }

function syntax(src) {
    try { (0, eval)(src); return "ok"; } catch (e) { return e.constructor.name; }
}
console.log([
    "using a = null;",
    "{ using a = null; }",
    "{ using a; }",
    "{ using [x] = [null]; }",
    "{ using a = null, [b] = [null]; }",
    "{ using let = null; }",
    "{ using a = null; let a; }",
    "switch (0) { case 0: using a = null; }",
    "switch (0) { default: { using a = null; } }",
    "for (using a in {});",
    "for (using a of []);",
    "for (using a = null;;) break;",
    "if (1) using a = null;",
    "function f() { await using a = null; }",
    "async function f() { await using a = null; }",
    "async function f() { for (await using a of []); }",
    "class K { static { await using a = null; } }",
].map(syntax).join(" "));

// await using: the Awaits DisposeResources performs, against a chain of
// microtasks that logs its tick number
var tick = 0;
function ticks(n) {
    var p = Promise.resolve();
    for (var i = 0; i < n; i++) p = p.then(function () { log.push("t" + ++tick); });
}
function ares(name) {
    return { [Symbol.asyncDispose]() { log.push("-" + name); return Promise.resolve(); } };
}
async function one(step) {
    if (step === 0) {
        { await using n = null; log.push("body"); }
    } else if (step === 1) {
        { using s = res("s"); await using n = null; log.push("body"); }
    } else if (step === 2) {
        { await using a = ares("a"); using s = res("s"); log.push("body"); }
    } else if (step === 3) {
        outer: { if (step) break outer; await using n = null; }
    } else {
        { await using w = res("w"); log.push("body"); }
    }
    log.push("after");
}
var steps = ["null", "sync after null", "async then sync", "not evaluated", "sync method"];
var chain = Promise.resolve();
steps.forEach(function (title, i) {
    chain = chain.then(function () {
        tick = 0;
        ticks(4);
        var p = one(i);
        log.push("sync");
        return p.then(function () { return new Promise(function (r) { setTimeout(r, 0); }); })
                .then(function () { show(title); });
    });
});
chain.then(async function () {
    try {
        await using a = { async [Symbol.asyncDispose]() { throw new Error("async") } };
        throw new Error("body");
    } catch (e) {
        console.log(e.error.message, e.suppressed.message);
    }
    // an Await that throws in PromiseResolve still disposes the rest
    var p = Promise.resolve();
    Object.defineProperty(p, "constructor", { get() { throw new Error("ctor"); } });
    try {
        await using c = ares("c"), d = { [Symbol.asyncDispose]() { return p; } };
    } catch (e) {
        console.log(e.message);
    }
    show("await throws");
});
