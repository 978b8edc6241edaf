// A FinalizationRegistry cleanup callback that throws: the error is
// reported on stderr ("Uncaught" and its stack), the other cells of the
// registry and the other registries are still cleaned up, later timers
// still run, and the exit status is 1.
let targets;
const seen = [];
const throwing = new FinalizationRegistry((h) => {
    seen.push(h);
    if (h === "bad")
        throw new Error("cleanup failed for " + h);
});
const other = new FinalizationRegistry((h) => seen.push(h));

function register() {
    targets = [{}, {}, {}];
    throwing.register(targets[0], "bad");
    throwing.register(targets[1], "good");
    other.register(targets[2], "other");
}

setTimeout(() => {
    register();
}, 0);
setTimeout(() => {
    targets = null;
    std.gc();
}, 0);
setTimeout(() => {
    console.log("cleaned up:", seen.sort().join(" "));
}, 0);
