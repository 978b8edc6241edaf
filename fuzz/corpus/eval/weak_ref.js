// WeakRef: the constructor and deref() keep the target alive until the
// end of the current job (AddToKeptObjects); after that a collection
// clears an otherwise unreachable target. Symbols are valid targets,
// except registered ones.
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

let fresh, strong, derefd, symRef, wellKnown;
step(() => {
    fresh = new WeakRef({ tag: "fresh" });
    collect();
    print("kept through the job that created it:", fresh.deref().tag);
    strong = { tag: "strong" };
    derefd = new WeakRef(strong);
    symRef = new WeakRef(Symbol("local"));
    wellKnown = new WeakRef(Symbol.iterator);
    for (const bad of [1, "s", null, undefined, Symbol.for("registered")]) {
        try {
            new WeakRef(bad);
            print("accepted", String(bad));
        } catch (e) {
            print("rejected", String(bad), e instanceof TypeError);
        }
    }
    print(Object.prototype.toString.call(fresh), typeof WeakRef.prototype.deref);
});
step(() => {
    collect();
    print("cleared in the next job:", fresh.deref() === undefined);
    print("symbol cleared:", symRef.deref() === undefined);
    print("well-known symbol kept:", wellKnown.deref() === Symbol.iterator);
    // deref() keeps the target for the rest of this job even after the
    // last strong reference is dropped
    print("deref:", derefd.deref().tag);
    strong = null;
    collect();
    print("still there in the same job:", derefd.deref() !== undefined);
    Promise.resolve().then(() => {