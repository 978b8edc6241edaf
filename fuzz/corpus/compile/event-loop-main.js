// The event loop at work: the order of synchronous code, microtasks and
// timers; setInterval and clearInterval; async functions, Promise.all /
// race / allSettled and an async generator; and a FinalizationRegistry
// whose cleanup callbacks run as jobs after a collection. Every line of
// the output is deterministic (also when the collector runs at every
// allocation): the registry's callbacks only record, and the program
// prints what they recorded once the next task has started.
const collect = typeof gc === "function" ? gc : std.gc;
const sleep = (ms, value) => new Promise((resolve) => setTimeout(resolve, ms, value));
const fail = (ms, message) => new Promise((_, reject) => setTimeout(() => reject(new Error(message)), ms));

// 1. One turn of the loop: the script, then its microtasks, then timers.
console.log("script: start");
setTimeout(() => console.log("timer: 0 ms"), 0);
Promise.resolve().then(() => console.log("microtask: promise reaction"));
queueMicrotask(() => console.log("microtask: queueMicrotask"));
console.log("script: end");

// 2. An interval that stops itself after three ticks.
function ticks(count, every) {
    return new Promise((resolve) => {
        let n = 0;
        const id = setInterval(() => {
            n++;
            console.log(`interval: tick ${n}/${count}`);
            if (n === count) {
                clearInterval(id);
                resolve(n);
            }
        }, every);
    });
}

// 3. An async generator fed by timers.
async function* countdown(from) {
    for (let i = from; i > 0; i--) {
        await sleep(1);
        yield i;
    }
}

// 4. Resources tracked by a FinalizationRegistry: closing one explicitly
// unregisters it; the others are finalized once unreachable.
const finalized = [];
const registry = new FinalizationRegistry((name) => finalized.push(name));
const open = new Map();
function openResources(names) {
    for (const name of names) {
        const resource = { name, buffer: new ArrayBuffer(64) };
        registry.register(resource, name, re