#!/bin/sh
# qjs_startup.ld (docs/startup.md): a hello world built by qjsc has the
# functions start-up runs in .text.qjs_startup, before .text (checked on
# js_new_runtime and js_init_builtins), and the data read only on first
# use (the url bundle) in .rodata.qjs_cold, after .rodata; and it prints
# its line. Registered only where the build links with the script.
#   usage: startup_ld.sh QJSC
set -u
qjsc=$1
d=$(mktemp -d "${TMPDIR:-/tmp}/qjsc-startup-ld.XXXXXX") || exit 1
trap 'rm -rf "$d"' EXIT
status=0
fail() { echo "startup-ld: $*"; status=1; }

echo 'console.log("hello")' > "$d/hello.js"
"$qjsc" --script -ss -o "$d/hello" "$d/hello.js" || { echo "startup-ld: qjsc failed"; exit 1; }
[ "$("$d/hello")" = hello ] || fail "hello world does not print hello"
command -v readelf > /dev/null && command -v nm > /dev/null ||
    { echo "startup-ld: no readelf or nm, sections not checked"; exit $status; }

# start and end (hexadecimal, without 0x) of section $1
section() {
  readelf -SW "$d/hello" | sed -n "s/.*] $1 *[A-Z]* *\([0-9a-f]*\) [0-9a-f]* \([0-9a-f]*\) .*/\1 \2/p"
}
# fails unless symbol $1 lies in [$2, $2 + $3)
inside() {
  a=$(nm "$d/hello" | sed -n "s/^\([0-9a-f]*\) [A-Za-z] $1\$/\1/p" | head -n 1)
  [ -n "$a" ] || { fail "no symbol $1"; return; }
  [ $((0x$a >= 0x$2 && 0x$a < 0x$2 + 0x$3)) = 1 ] || fail "$1 (0x$a) is not in $4"
}
set -- $(section .text.qjs_startup)
if [ $# = 2 ]; then
  inside js_new_runtime "$1" "$2" .text.qjs_startup
  inside js_init_builtins "$1" "$2" .text.qjs_startup
  text=$(section .text)
  [ $((0x$1 < 0x${text%% *})) = 1 ] || fail ".text.qjs_startup is not before .text"
else
  fail "no section .text.qjs_startup"
fi
set -- $(section .rodata.qjs_cold)
if [ $# = 2 ]; then
  inside js_rt_web_url "$1" "$2" .rodata.qjs_cold
else
  fail "no section .rodata.qjs_cold"
fi
[ $status = 0 ] && echo "startup-ld: ok"
exit $status
