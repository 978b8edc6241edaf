// A descriptor closed while the loop watches it: the handler is removed
// and the error reported (exit status 1); the loop goes on.
const [r, w] = os.pipe();
os.setReadHandler(r, () => console.log("never"));
os.close(r);
os.close(w);
setTimeout(() => console.log("the loop went on"), 20);
