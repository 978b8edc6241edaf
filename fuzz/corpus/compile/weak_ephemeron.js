// Ephemeron chains: a WeakMap/WeakSet entry keeps its value alive only
// while its key is alive, whatever the order of insertion and across maps.
// gc() when qjs runs with --expose-gc; otherwise enough allocation to
// force full collections (under GC stress, one stress period's worth).
const stressPeriod = typeof std === "object" ? Number(std.getenv("QJS_GC_STRESS") || 0) : 0;
const collect = typeof gc === "function" ? gc : () => {
    const n = stressPeriod > 0 ? 2 * stressPeriod + 2 : 400000;
    let a;
    for (let i = 0; i < n; i++) a = [i, i, i, i];
};
const later = (f) => setTimeout(f, 0);
const alive = (r) => r.deref() !== undefined;

// (each step runs as a timer task: WeakRef targets are kept until the end
// of the task that created them)
const wm1 = new WeakMap(), wm2 = new WeakMap();
let k1, refs, selfRef, liveKey, deadMapValue, head, tailRef, ws, sym, symRef;
const N = 1000;
const chainMap = new WeakMap();

later(() => {
    k1 = {};
    (function () {
        // k1 -> k2 (wm2), k2 -> k3 (wm1), k3 -> v (wm2), inserted back to front
        const k2 = {}, k3 = {}, v = { name: "v" };
        wm2.set(k3, v);
        wm1.set(k2, k3);
        wm2.set(k1, k2);
        refs = [new WeakRef(k2), new WeakRef(k3), new WeakRef(v)];
    })();

    // a value that refers back to its own key keeps nothing alive
    (function () {
        const k = {};
        wm1.set(k, { back: k, payload: new ArrayBuffer(1024) });
        selfRef = new WeakRef(k);
    })();

    // a dead map does not keep its values alive, even when the keys live
    liveKey = {};
    (function () {
        const m = new WeakMap();
        const v = {};
        m.set(liveKey, v);
        deadMapValue = new WeakRef(v);
    })();

    // a long chain inserted in reverse order: key i -> key i+1
    (function () {
        const keys = [];
        for (let i = 0; i <= N; i++) keys.push({ i });
        for (let i = N - 1; i >= 0; i--) chainMap.set(keys[i], keys[i + 1]);
        head = keys[0];
        tailRef = new WeakRef(keys[N]);
    })();

    