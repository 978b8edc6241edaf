// FinalizationRegistry: cleanup callbacks, unregister (also of a cell
// whose target died, and from inside a callback), a self-referencing
// registry that re-registers from its callback, registries that are
// garbage with their targets or kept only by their own callback.
// Each step is its own timer task: cleanup jobs run between tasks, and
// what callbacks record is printed sorted, in a later step.
// gc() when qjs runs with --expose-gc; otherwise enough allocation to
// force full collections (under GC stress, one stress period's worth).
const stressPeriod = typeof std === "object" ? Number(std.getenv("QJS_GC_STRESS") || 0) : 0;
const collect = typeof gc === "function" ? gc : () => {
    const n = stressPeriod > 0 ? 2 * stressPeriod + 2 : 400000;
    let a;
    for (let i = 0; i < n; i++) a = [i, i, i, i];
};
const steps = [];
const step = (f) => steps.push(f);
const run = (i) => {
    if (i < steps.length)
        setTimeout(() => { steps[i](); run(i + 1); }, 0);
};
const show = (name, log) => print(name + ":", log.length ? log.slice().sort().join(" ") : "(none)");

// basic: held values reach the callback; unregister after the target died
const basicLog = [];
let basic, basicTargets;
const basicToken = {};
step(() => {
    basic = new FinalizationRegistry((h) => basicLog.push(h));
    basicTargets = [{}, {}, {}];
    basic.register(basicTargets[0], "a");
    basic.register(basicTargets[1], "b", basicToken);
    basic.register(basicTargets[2], "c");
    try {
        basic.register(basicTargets[0], basicTargets[0]);
    } catch (e) {
        print("target === held:", e instanceof TypeError);
    }
});
step(() => {
    basicTargets = null;
    collect();
    print("unregister a dead cell:", basic.unregister(basicToken), basic.unregister(basicToken));
});

// a self-referencing registry whose held values hold ArrayBuffers and
// typed arrays; its callback re-registers once
const selfLog = [];
const holder = {};
let selfTargets, selfRef, keepAlive;
step(() => {
    (function () {
        const reg = new FinalizationRegistry(function (held) {
            selfLog.push(held.label + "/" + held.buf.byteLength);
            if (held.label === "first")
                reg.register({}, { label: "again", buf: new ArrayBuffer(8) });
        });
        holder.reg = reg;
        selfRef = new WeakRef(reg);
        selfTargets = [{}, {}];
        reg.register(selfTargets[0], { label: "first", buf: new ArrayBuffer(16) });
        reg.register(selfTargets[1], { label: "second", buf: new Uint8Array(32) });
    })();
});
step(() => {
    selfTargets = null;
    collect();
});
step(() => {
    collect();     // the target registered by the callback
});
step(() => {
    show("basic", basicLog);
    show("self", selfLog);
    // now only its own callback refers to the registry, and one of its
    // targets is alive: the registry is garbage all the same
    keepAlive = {};
    holder.reg.register(keepAlive, { label: "kept", buf: new Float64Array(4) });
    holder.reg = null;
});
step(() => {
    collect();
    print("registry kept only by its callback collected:", selfRef.deref() === undefined);
    keepAlive = null;
});
step(() => {
    collect();
});

// a registry that is garbage together with its targets (the targets are
// reachable only through the registry's callback)
const garbageLog = [];
let garbageRef;
step(() => {
    (function () {
        const targets = [];
        const reg = new FinalizationRegistry((h) => garbageLog.push(h + "/" + targets.length));
        for (let i = 0; i < 10; i++) {
            const t = {};
            targets.push(t);
            reg.register(t, new ArrayBuffer(64), t);
        }
        garbageRef = new WeakRef(reg);
    })();
});
step(() => {
    collect();
    print("registry dead with its targets collected:", garbageRef.deref() === undefined);
});

// unregister from inside a cleanup callback removes cleared cells
const unregLog = [];
let unreg, unregTargets;
const tokYZ = Symbol("yz");
step(() => {
    unreg = new FinalizationRegistry((h) => {
        unregLog.push(h);
        if (h === "x")
            unregLog.push("unregister:" + unreg.unregister(tokYZ));
    });
    unregTargets = [{}, Symbol("y"), {}];
    unreg.register(unregTargets[0], "x");
    unreg.register(unregTargets[1], "y", tokYZ);
    unreg.register(unregTargets[2], "z", tokYZ);
});
step(() => {
    unregTargets = null;
    collect();
});
step(() => {
    show("self after", selfLog);
    show("garbage", garbageLog);
    show("unregister", unregLog);
});
run(0);
