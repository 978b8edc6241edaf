// Allocation-failure sweep: the event loop (an interval, timers, promise
// jobs, an async function) and a FinalizationRegistry whose target is
// collected.
const reg = new FinalizationRegistry(held => console.log('cleanup', held));
(function () { reg.register({}, 'obj'); })();
let ticks = 0;
const t = setInterval(() => {
    if (++ticks === 3) {
        clearInterval(t);
        console.log('ticks', ticks);
        main();
    }
}, 1);
async function main() {
    await new Promise(r => setTimeout(r, 2));
    gc();
    const v = await Promise.all([1, Promise.resolve(2), new Promise(r => setTimeout(() => r(3), 1))]);
    console.log('all', v.join());
}
