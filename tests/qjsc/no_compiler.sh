#!/bin/sh
# qjsc --no-compiler: the executable leaves the parser and compiler out
# (no js_parse_program symbol, smaller than the same program built
# normally), runs precompiled code as usual, and eval, indirect eval and
# new Function throw "this program was compiled without the JavaScript
# compiler"; what the runtime library does in JS of its own (console's
# inspection of a Map, structuredClone, a CommonJS module, os.Worker,
# import.meta.resolve) works, as it is compiled with the library.
# (A compiled program never loads modules from files: import() of a
# module qjsc did not compile in fails either way.)
#   usage: no_compiler.sh QJSC
set -u
qjsc=$1
d=$(mktemp -d "${TMPDIR:-/tmp}/qjsc-no-compiler.XXXXXX") || exit 1
trap 'rm -rf "$d"' EXIT
cat > "$d/main.mjs" <<'JS'
import { twice } from "./lib.mjs";
import cjs from "./lib.cjs";
import * as os from "os";
console.log(twice(21));
console.log(new Map([[1, { a: 2 }]]), new Set(["s"]), new Date(0), /re/g);
console.log(structuredClone(new Map([[1, [2, 3]]])).get(1)[1], cjs.three);
console.log(import.meta.resolve("./lib.mjs").endsWith("/lib.mjs"));
const w = new os.Worker("./worker.mjs");
w.onmessage = (ev) => { console.log("worker:", ev.data); w.onmessage = null; };
const msg = (f) => { try { f(); return "no error"; } catch (e) { return e.constructor.name + ": " + e.message; } };
console.log(msg(() => eval("1 + 1")));
console.log(msg(() => (0, eval)("1 + 1")));
console.log(msg(() => new Function("return 1")));
JS
echo 'export const twice = (x) => x * 2;' > "$d/lib.mjs"
echo 'module.exports = { three: require("./three.cjs") };' > "$d/lib.cjs"
echo 'module.exports = 3;' > "$d/three.cjs"
echo 'import * as os from "os"; os.Worker.parent.postMessage(structuredClone({ n: 7 }).n);' > "$d/worker.mjs"
cat > "$d/expected" <<'OUT'
42
Map(1) { 1 => { a: 2 } } Set(1) { 's' } 1970-01-01T00:00:00.000Z /re/g
3 3
true
Error: this program was compiled without the JavaScript compiler
Error: this program was compiled without the JavaScript compiler
Error: this program was compiled without the JavaScript compiler
worker: 7
OUT
"$qjsc" --no-compiler -o "$d/small" "$d/main.mjs" || { echo "no-compiler: qjsc failed"; exit 1; }
"$qjsc" -o "$d/full" "$d/main.mjs" || { echo "no-compiler: qjsc failed (full)"; exit 1; }
status=0
(cd "$d" && ./small) > "$d/out" 2>&1
if ! cmp -s "$d/out" "$d/expected"; then
    echo "no-compiler: unexpected output:"; diff "$d/expected" "$d/out"; status=1
fi
if nm "$d/small" 2>/dev/null | grep -q ' js_parse_program$'; then
    echo "no-compiler: the parser is still in the executable"; status=1
fi
small=$(wc -c < "$d/small") full=$(wc -c < "$d/full")
if [ "$small" -ge "$full" ]; then
    echo "no-compiler: not smaller ($small >= $full bytes)"; status=1
fi
# The same program built normally compiles what it is given.
(cd "$d" && ./full) > "$d/out2" 2>&1
[ "$(grep -c '^no error$' "$d/out2")" = 3 ] ||
    { echo "no-compiler: the normal build fails:"; cat "$d/out2"; status=1; }
[ $status = 0 ] && echo "no-compiler: ok ($small bytes, $full with the compiler)"
exit $status
