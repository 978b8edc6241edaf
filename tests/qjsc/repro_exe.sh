#!/bin/sh
# Reproducible executables, not only reproducible C: the same module
# folder compiled to an executable by qjsc from two folders, working
# directories, TMPDIRs and environments gives byte-identical files (also
# with -g), and the C that a qjsc_add_executable target embeds equals
# qjsc's output for a copy of its sources elsewhere.
#   usage: repro_exe.sh QJSC MODULE_DIR TARGET_C
#     TARGET_C: the .qjsc.c file of a qjsc_add_executable target built
#     from MODULE_DIR/main.mjs
set -u
qjsc=$1
src=$2
target_c=$3
base=$(mktemp -d "${TMPDIR:-/tmp}/qjsc-repro-exe.XXXXXX") || exit 1
trap 'rm -rf "$base"' EXIT
a=$base/first
b=$base/second/deeper/folder-with-a-longer-name
mkdir -p "$a" "$b/work" "$b/prog" "$base/tmp1" "$base/tmp2/other"
cp -R "$src"/. "$a/"
cp -R "$src"/. "$b/prog/"

status=0
for cflags in "-O2" "-O2 -g"; do
    (cd "$a" && env TMPDIR="$base/tmp1" CFLAGS="$cflags" TZ=UTC LANG=C \
        "$qjsc" -o "$base/a.exe" main.mjs) || { echo "repro-exe: qjsc failed in $a"; exit 1; }
    (cd "$b/work" && umask 077 && env -i PATH="$PATH" TMPDIR="$base/tmp2/other" CFLAGS="$cflags" \
        TZ=Asia/Kathmandu LANG=de_DE.UTF-8 HOME=/nonexistent \
        "$qjsc" -o "$base/b.exe" ../prog/main.mjs) || { echo "repro-exe: qjsc failed in $b"; exit 1; }
    if cmp -s "$base/a.exe" "$base/b.exe"; then
        echo "repro-exe: executables identical with CFLAGS='$cflags' ($(wc -c < "$base/a.exe") bytes)"
    else
        echo "repro-exe: executables DIFFER with CFLAGS='$cflags'"
        cmp "$base/a.exe" "$base/b.exe" | head -3
        status=1
    fi
    "$base/a.exe" > /dev/null || { echo "repro-exe: the executable failed"; status=1; }
done

(cd "$b/work" && "$qjsc" -o "$base/again.c" ../prog/main.mjs) || exit 1
if cmp -s "$target_c" "$base/again.c"; then
    echo "repro-exe: qjsc_add_executable's embedded C identical"
else
    echo "repro-exe: qjsc_add_executable's embedded C DIFFERS from $base/again.c"
    status=1
fi
[ $status -eq 0 ] && echo "repro-exe: all identical"
exit $status
