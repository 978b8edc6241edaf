// The main module's evaluation rejects after a top-level await: reported
// as an uncaught error (not an unhandled rejection), exit status 1, and
// the program ends at once: a later timer never runs.
console.log("before the await");
setTimeout(() => console.log("never printed: the program has ended"), 50);
await new Promise((r) => setTimeout(r, 5));
console.log("after the await");
throw new RangeError("failed after await");
