#!/bin/sh
# Writes tools/startup_functions.txt: the functions of the engine and the
# runtime library that a compiled hello world runs from exec to exit (as a
# classic script and as a module), one name a line, sorted. CMakeLists.txt
# turns the list into the linker script qjs_startup.ld, which qjsc links
# executables with so that these functions sit together at the start of
# .text (docs/startup.md). Run it again when start-up changes much; a
# stale list costs only page faults, never correctness.
#   usage: tools/gen_startup_functions.sh [BUILD_DIR]   (default build;
#          needs valgrind)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
work=$(mktemp -d "${TMPDIR:-/tmp}/qjs-startup-fns.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo 'console.log("hello");' > "$work/hello.js"
"$build/qjsc" --script -o "$work/script" "$work/hello.js"
"$build/qjsc" -o "$work/module" "$work/hello.js"
for exe in script module; do
  valgrind --tool=callgrind --callgrind-out-file="$work/$exe.cg" "$work/$exe" > /dev/null 2>&1
  # the functions of the executable itself, without callgrind's cycle
  # and recursion marks; main and the C start-up code are not ours
  callgrind_annotate --threshold=100 "$work/$exe.cg" |
    sed -n "s|^ *[0-9,]* ([ 0-9.]*%)  ???:\\([A-Za-z_][A-Za-z0-9_.]*\\).* \\[$work/$exe\\]\$|\\1|p"
done | grep -v -x -E 'main|_start|_init|_fini|_dl_relocate_static_pie|(de)?register_tm_clones|__do_global_dtors_aux|frame_dummy' |
  LC_ALL=C sort -u > "$here/tools/startup_functions.txt"
wc -l < "$here/tools/startup_functions.txt"
