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
        const reg = new Fin