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
    t