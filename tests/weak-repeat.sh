#!/usr/bin/env bash
# Runs the weak-reference tests (tests/js/weak_*.js, tests/runtime/weak_*.js)
# N times in a row (default 100) with one qjs binary and fails on the first
# run whose output or exit status differs from the expected files.
# usage: tests/weak-repeat.sh [path/to/qjs [N]]   (default: build/qjs, 100)
set -u
here="$(cd "$(dirname "$0")" && pwd)"
qjs="${1:-$here/../build/qjs}"
count="${2:-100}"
if [ ! -x "$qjs" ]; then
    echo "weak-repeat: no qjs at $qjs" >&2
    exit 2
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# check TEST EXPECTED_STDOUT EXPECTED_STATUS [STDERR_LINES_FILE]
check() {
    local test="$1" expected="$2" want_rc="$3" stderr_lines="${4:-}" rc
    "$qjs" "$test" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -ne "$want_rc" ]; then
        echo "weak-repeat: run $run: $test exited $rc, expected $want_rc" >&2
        cat "$tmp/err" >&2
        return 1
    fi
    if ! cmp -s "$tmp/out" "$expected"; then
        echo "weak-repeat: run $run: $test: stdout differs" >&2
        diff "$expected" "$tmp/out" >&2
        return 1
    fi
    if [ -n "$stderr_lines" ]; then
        while IFS= read -r line; do
            if ! grep -qF -- "$line" "$tmp/err"; then
                echo "weak-repeat: run $run: $test: stderr lacks '$line'" >&2
                cat "$tmp/err" >&2
                return 1
            fi
        done <"$stderr_lines"
    fi
    return 0
}

for run in $(seq 1 "$count"); do
    for t in "$here"/js/weak_*.js; do
        check "$t" "${t%.js}.expected" 0 || exit 1
    done
    for t in "$here"/runtime/weak_*.js; do
        [ -e "$t" ] || continue
        check "$t" "${t%.js}.expected" 1 "${t%.js}.stderr" || exit 1
    done
done
n=$(ls "$here"/js/weak_*.js "$here"/runtime/weak_*.js 2>/dev/null | wc -l)
echo "weak-repeat: $n tests, $count runs each, all identical"
