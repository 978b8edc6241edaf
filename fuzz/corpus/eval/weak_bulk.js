// 100,000 registrations in one registry, a tenth of them unregistered,
// the rest collected at once and cleaned up in one job; then the same
// registry is reused. (2,000 registrations when GC stress collects more
// often than every 1,000 allocations: each collection walks every cell.)
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

const N = stressPeriod > 0 && stressPeriod < 1000 ? 2000 : 100000;
let count = 0, sum = 0, batches = 0, lastBatch = -1;
let reg, targets, tokens;
step(() => {
    reg = new FinalizationRegistry((h) => {
        count++;
        sum += h.n;
        if (h.batch !== lastBatch) {
            lastBatch = h.batch;
            batches++;
        }
    });
    targets = [];
    tokens = [];
    for (let i = 0; i < N; i++) {
        const t = {};
        targets.push(t);
        if (i % 10 === 0) {
            const tok = {};
            tokens.push(tok);
            reg.register(t, { n: i, batch: 0 }, tok);
        } else {
            reg.register(t, { n: i, batch: 0 });
        }
    }
    let removed = 0;
    for (const tok of tokens)
        removed += reg.unregister(tok) ? 1 : 0;
    print("unregistered a tenth:", removed === N / 10);
});
step(() => {
    targets = null;
    collect();
});
step(() => {
    let expected = 0;
    for (let i = 0; i < N; i++)
        if (i % 10 !== 0) expected += i;
    print("callbacks for the rest:", count === N - N / 10, "sum ok:", sum === expected, "batches:", batches);
    // reuse the emptied registry
    count = 0;
    sum =