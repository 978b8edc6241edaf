#!/bin/sh
# qjsc --web auto: the executable keeps the bundles of the Web globals
# its files name (here TextEncoder, named in an imported module, and
# misc, which every bundle needs) and their dependencies, and leaves out
# the rest (the URL bundle and the UTS 46 tables it alone uses are not in
# the executable); a global reached by a name made at run time throws a
# ReferenceError saying what happened, and enumerating the global object
# still works (the left-out names are non-enumerable getters). The same
# program built with --web all has them all. A bad --web value is a usage error (exit 2).
#   usage: web_auto.sh QJSC
set -u
qjsc=$1
d=$(mktemp -d "${TMPDIR:-/tmp}/qjsc-web-auto.XXXXXX") || exit 1
trap 'rm -rf "$d"' EXIT
cat > "$d/main.mjs" <<'JS'
import { size } from "./lib.mjs";
console.log(size("héllo"), typeof atob);
const get = (n) => { try { return typeof globalThis[n]; } catch (e) { return e.constructor.name + ": " + e.message; } };
console.log(get("U" + "RL"));
console.log(get("Abort" + "Controller"));
console.log(Object.keys(globalThis).includes("structured" + "Clone"), Object.getOwnPropertyNames(globalThis).includes("U" + "RL"));
JS
echo 'export const size = (s) => new TextEncoder().encode(s).length;' > "$d/lib.mjs"
cat > "$d/expected" <<'OUT'
6 function
ReferenceError: URL is not in this program: qjsc --web auto left it out, as no compiled file names it (build with --web all)
ReferenceError: AbortController is not in this program: qjsc --web auto left it out, as no compiled file names it (build with --web all)
false true
OUT
cat > "$d/expected_all" <<'OUT'
6 function
function
function
true true
OUT
"$qjsc" --web auto -o "$d/auto" "$d/main.mjs" || { echo "web-auto: qjsc failed"; exit 1; }
"$qjsc" --web all -o "$d/all" "$d/main.mjs" || { echo "web-auto: qjsc failed (all)"; exit 1; }
status=0
(cd "$d" && ./auto) > "$d/out" 2>&1
if ! cmp -s "$d/out" "$d/expected"; then
    echo "web-auto: unexpected output:"; diff "$d/expected" "$d/out"; status=1
fi
(cd "$d" && ./all) > "$d/out_all" 2>&1
if ! cmp -s "$d/out_all" "$d/expected_all"; then
    echo "web-auto: unexpected output with --web all:"; diff "$d/expected_all" "$d/out_all"; status=1
fi
syms=$(nm "$d/auto" 2>/dev/null)
for s in js_rt_web_url js_rt_web_events js_web_idna_add_host; do
    echo "$syms" | grep -q " $s\$" && { echo "web-auto: $s is still in the executable"; status=1; }
done
for s in js_rt_web_encoding js_rt_web_misc; do
    echo "$syms" | grep -q " $s\$" || { echo "web-auto: $s is missing"; status=1; }
done
small=$(wc -c < "$d/auto") full=$(wc -c < "$d/all")
[ "$small" -lt "$full" ] || { echo "web-auto: not smaller ($small >= $full bytes)"; status=1; }
"$qjsc" --web some "$d/main.mjs" > /dev/null 2>&1
[ $? = 2 ] || { echo "web-auto: --web some is not a usage error"; status=1; }
[ $status = 0 ] && echo "web-auto: ok ($small bytes, $full with every Web global)"
exit $status
