// FinalizationRegistry cleanup callbacks never run in the middle of a
// microtask drain: a collection inside a microtask (std.gc(), a full
// collection) only queues the cleanup; the callbacks run after every
// promise job of that checkpoint, including jobs queued during it. Each
// cleanup job is followed by its own checkpoint, so a microtask queued by
// a callback runs before the next callback and before the next timer.
const log = [];
let regA, regB, targets;

function register() {
    // the targets are only reachable from `targets` until m1 drops them
    regA = new FinalizationRegistry((h) => {
        log.push("cleanup " + h);
        Promise.resolve().then(() => log.push("microtask of cleanup " + h));
    });
    regB = new FinalizationRegistry((h) => {
        log.push("cleanup " + h);
        Promise.resolve().then(() => log.push("microtask of cleanup " + h));
    });
    targets = [{}, {}];
    regA.register(targets[0], "A");
    regB.register(targets[1], "B");
}

setTimeout(() => {
    register();
}, 0);

setTimeout(() => {
    log.push("task start");
    Promise.resolve()
        .then(() => {
            log.push("m1: collect");
            targets = null;
            std.gc();
            log.push("m1: after collect");
        })
        .then(() => {
            log.push("m2");
            queueMicrotask(() => log.push("m2 queued"));
            std.gc();
        })
        .then(() => log.push("m3"));
    log.push("task end");
    setTimeout(() => log.push("next timer"), 0);
}, 0);

setTimeout(() => {
    setTimeout(() => {
        // The two registries may be cleaned up in either order (the order
        // the collector finds them): print them in a fixed order, and
        // check that each callback's microtask followed it at once.
        const firstCleanup = log.findIndex((e) => e.startsWith("cleanup"));
        const micro = log.slice(0, firstCleanup);
        for (const e of micro)
            print(e);
        const rest = log.slice(firstCleanup);
        const pairs = [];
        let