// ClearKeptObjects runs at the end of the main script's own microtask
// checkpoint even when the script queued no promise job: a WeakRef target
// created (or deref'ed) by the main script alone is kept through the
// script, then released, so the first timer's collection clears it.
function make(tag) {
    return new WeakRef({ tag });
}
const created = make("created");
let strong = { tag: "deref'ed" };
const derefd = new WeakRef(strong);
derefd.deref();
strong = null;
std.gc();
print("kept through the main script:", created.deref().tag, derefd.deref().tag);
setTimeout(() => {
    std.gc();
    print("cleared after it:", created.deref() === undefined, derefd.deref() === undefined);
}, 0);
