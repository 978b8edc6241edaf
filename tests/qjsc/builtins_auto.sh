#!/bin/sh
# qjsc --builtins auto: a hello world leaves out every optional built-in
# family (Math, Reflect, Date, the typed arrays, Atomics, Map/Set, the
# weak collections, RegExp, Proxy, the Unicode normalization tables), the
# std and os modules with os.Worker, and
# the bytecode verifier: their code is not in the executable, the
# program still prints its line, and, stripped and built with --web auto
# --no-compiler as well, the executable is smaller than BOUND bytes (0:
# neither checked, as in sanitizer or debug builds). A left-out global or
# module reached by a name made at run time throws a ReferenceError
# naming the option. A program that names Date, Map, Set and has a
# regular expression literal keeps them and prints what it prints with
# --builtins all; a program that calls match keeps RegExp, and so does a
# literal in a CommonJS module. A bad value is a usage error (exit 2).
#   usage: builtins_auto.sh QJSC BOUND
set -u
qjsc=$1 bound=$2
d=$(mktemp -d "${TMPDIR:-/tmp}/qjsc-builtins-auto.XXXXXX") || exit 1
trap 'rm -rf "$d"' EXIT
status=0
fail() { echo "builtins-auto: $*"; status=1; }

echo 'console.log("hello")' > "$d/hello.js"
"$qjsc" --script -ss --builtins auto --web auto --no-compiler -o "$d/hello" "$d/hello.js" ||
    { echo "builtins-auto: qjsc failed (hello)"; exit 1; }
[ "$(cd "$d" && ./hello)" = hello ] || fail "hello world does not print hello"
syms=$(nm "$d/hello" 2>/dev/null)
# (sanitizer and debug builds link without --gc-sections: code stays)
[ "$bound" -gt 0 ] && for s in js_init_math js_init_reflect js_init_date js_init_typed_arrays js_init_atomics js_init_mapset \
         js_init_weakref js_init_regexp js_re_compile js_re_exec js_bytecode_verify \
         js_init_proxy js_uni_normalize js_rt_new_std_with_args qjs_runtime_new_os js_rt_os_add_worker; do
    echo "$syms" | grep -q " $s\$" && fail "$s is still in the executable"
done
cp "$d/hello" "$d/hello.stripped" && strip "$d/hello.stripped"
size=$(wc -c < "$d/hello.stripped")
if [ "$bound" -gt 0 ] && [ "$size" -ge "$bound" ]; then
    fail "stripped hello world is $size bytes, not below $bound"
fi

# Left out, reached by names made at run time.
cat > "$d/names.mjs" <<'JS'
const get = (n) => { try { return typeof globalThis[n]; } catch (e) { return e.constructor.name + ": " + e.message; } };
console.log(get("Ma" + "p"));
console.log(get("Reg" + "Exp"));
console.log(get("s" + "td"));
try { "abc"["mat" + "ch"]("b"); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
try { "\u00e9"["norm" + "alize"]("NFD"); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
console.log("abc"["norm" + "alize"](), "\u00e9"["locale" + "Compare"]("e"));
console.log("a-b".split("-").join(), "abc".replace("b", "x"), Object.keys(globalThis).includes("Ma" + "p"));
import("o" + "s").then(() => console.log("imported"), (e) => console.log("import: " + e.message));
JS
cat > "$d/names.expected" <<'OUT'
ReferenceError: Map is not in this program: qjsc --builtins auto left it out, as no compiled file names it (build with --builtins all)
ReferenceError: RegExp is not in this program: qjsc --builtins auto left it out, as no compiled file names it (build with --builtins all)
ReferenceError: std is not in this program: qjsc --builtins auto left the std and os modules out, as no compiled file imports or names them (build with --builtins all)
ReferenceError: RegExp is not in this program: qjsc --builtins auto left it out, as no compiled file names it (build with --builtins all)
ReferenceError: Unicode normalization is not in this program: qjsc --builtins auto left it out, as no compiled file names it (build with --builtins all)
abc 1
a,b axc false
import: os is not in this program: qjsc --builtins auto left the std and os modules out, as no compiled file imports or names them (build with --builtins all)
OUT
"$qjsc" --builtins auto --web auto -o "$d/names" "$d/names.mjs" || { echo "builtins-auto: qjsc failed (names)"; exit 1; }
(cd "$d" && ./names) > "$d/names.out" 2>&1
cmp -s "$d/names.out" "$d/names.expected" || { fail "unexpected output:"; diff "$d/names.expected" "$d/names.out"; }

# Used: kept, and the same output as with every family.
cat > "$d/uses.mjs" <<'JS'
import * as std from "std";
const d = new Date(Date.UTC(2020, 1, 29));
const m = new Map([["k", 1]]), s = new Set([1, 2, 2]);
const re = /(\d+)-(\d+)/;
std.printf("%s %d %d %s %s\n", d.toISOString(), m.get("k"), s.size, "10-20".replace(re, "$2-$1"),
           JSON.stringify("x1y22".match(/\d+/g)));
console.log(typeof Math, typeof Uint8Array);
JS
printf '%s\n' 'console.log("a1b2".match("\\d").index, "abc".search("c"));' > "$d/match.js"
for mode in auto all; do
    "$qjsc" --builtins $mode -o "$d/uses_$mode" "$d/uses.mjs" || { echo "builtins-auto: qjsc failed (uses, $mode)"; exit 1; }
    (cd "$d" && ./uses_$mode) > "$d/uses_$mode.out" 2>&1
    "$qjsc" --script --builtins $mode -o "$d/match_$mode" "$d/match.js" || { echo "builtins-auto: qjsc failed (match)"; exit 1; }
    (cd "$d" && ./match_$mode) > "$d/match_$mode.out" 2>&1
done
printf '%s\n' '2020-02-29T00:00:00.000Z 1 2 20-10 ["1","22"]' 'object function' > "$d/uses.expected"
for mode in auto all; do
    cmp -s "$d/uses_$mode.out" "$d/uses.expected" || { fail "unexpected output (uses, $mode):"; diff "$d/uses.expected" "$d/uses_$mode.out"; }
done
echo "1 2" | cmp -s - "$d/match_auto.out" || { fail "match under auto:"; cat "$d/match_auto.out"; }
cmp -s "$d/match_auto.out" "$d/match_all.out" || fail "match differs between auto and all"

# A regular expression literal in a CommonJS module keeps RegExp too.
printf '%s\n' 'module.exports = (s) => /(\d)/.exec(s)[1];' > "$d/lib.cjs"
printf '%s\n' 'import f from "./lib.cjs";' 'console.log(f("a7"));' > "$d/cjs.mjs"
"$qjsc" --builtins auto -o "$d/cjs" "$d/cjs.mjs" || { echo "builtins-auto: qjsc failed (cjs)"; exit 1; }
[ "$(cd "$d" && ./cjs 2>&1)" = 7 ] || fail "a regex literal in a CommonJS module: $(cd "$d" && ./cjs 2>&1)"

"$qjsc" --builtins some "$d/hello.js" > /dev/null 2>&1
[ $? = 2 ] || fail "--builtins some is not a usage error"
[ $status = 0 ] && echo "builtins-auto: ok (stripped hello world $size bytes)"
exit $status
