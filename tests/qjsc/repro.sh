#!/bin/sh
# Reproducibility of qjsc output: the same program (a copy of a module
# folder), compiled from two different absolute folders, working
# directories and entry paths (relative, absolute, through ".."), with
# different TZ, LANG/LC_ALL, umask and extra environment variables, must
# give byte-identical C and raw bytecode, at every strip level.
#   usage: repro.sh QJSC MODULE_DIR [ENTRY]   (ENTRY defaults to main.mjs)
set -u
qjsc=$1
src=$2
entry=${3:-main.mjs}
base=$(mktemp -d "${TMPDIR:-/tmp}/qjsc-repro.XXXXXX") || exit 1
trap 'rm -rf "$base"' EXIT
a=$base/first
b=$base/second/deeper/folder-with-a-longer-name
mkdir -p "$a" "$b/work"
cp -R "$src"/. "$a/"
mkdir -p "$b/prog" && cp -R "$src"/. "$b/prog/"

status=0
for strip in "" "-s" "-ss"; do
    tag=${strip:-full}
    # First: relative entry from the program's folder, UTC, C locale.
    (cd "$a" && env TZ=UTC LANG=C LC_ALL=C "$qjsc" $strip -o "$base/a$tag.c" "$entry" &&
        env TZ=UTC LANG=C "$qjsc" $strip -b "$base/a$tag.qbc" "$entry") || { echo "repro: qjsc failed in $a"; exit 1; }
    # Second: another folder, an entry path through "..", another time
    # zone, locale and umask, extra variables, a nearly empty environment.
    (cd "$b/work" && umask 077 && env -i PATH="$PATH" TZ=Asia/Kathmandu LANG=de_DE.UTF-8 LC_ALL=fr_FR.UTF-8 \
        QJSC_UNUSED=1 SOURCE_DATE_EPOCH=0 HOME=/nonexistent \
        "$qjsc" $strip -o "$base/b$tag.c" "../prog/$entry" &&
        env -i PATH="$PATH" TZ=America/St_Johns "$qjsc" $strip -b "$base/b$tag.qbc" "$b/prog/$entry") ||
        { echo "repro: qjsc failed in $b"; exit 1; }
    for ext in c qbc; do
        if cmp -s "$base/a$tag.$ext" "$base/b$tag.$ext"; then
            echo "repro: $tag .$ext identical ($(wc -c < "$base/a$tag.$ext") bytes)"
        else
            echo "repro: $tag .$ext DIFFERS"
            cmp "$base/a$tag.$ext" "$base/b$tag.$ext" | head -3
            status=1
        fi
    done
    if grep -q "$base" "$base/a$tag.c" "$base/b$tag.c"; then
        echo "repro: $tag output holds an absolute path"
        status=1
    fi
done
[ $status -eq 0 ] && echo "repro: all identical"
exit $status
