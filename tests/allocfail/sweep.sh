#!/usr/bin/env bash
# Allocation-failure sweep (a QJS_ALLOC_FAILURE build under ASan): runs
# PROGRAM once counting its allocations, then once per N in 1, 1+STRIDE,
# 1+2*STRIDE, ... with QJS_FAIL_ALLOC=N. Every run must end cleanly:
# either as the normal run did (same output, exit 0), or with exit
# status 1 and an out-of-memory error reported; never a crash, a
# sanitizer report or a leak (LeakSanitizer on).
# Usage: sweep.sh QJS STRIDE PROGRAM [qjs options...]
set -uo pipefail
qjs=$1 stride=$2 prog=$3
shift 3
export ASAN_OPTIONS=detect_leaks=1:exitcode=97:abort_on_error=0
export UBSAN_OPTIONS=halt_on_error=1:exitcode=98:print_stacktrace=1
unset QJS_GC_STRESS
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

QJS_FAIL_ALLOC=count "$qjs" "$@" "$prog" > "$tmp/expected" 2> "$tmp/count.err"
rc=$?
total=$(grep -Eo 'qjs-alloc-count: [0-9]+' "$tmp/count.err" | grep -Eo '[0-9]+$')
if [ $rc -ne 0 ] || [ -z "$total" ]; then
  echo "allocfail $prog: the normal run failed (exit $rc)"
  cat "$tmp/count.err"
  exit 1
fi
runs=0 oom=0 bad=0
for ((n = 1; n <= total; n += stride)); do
  QJS_FAIL_ALLOC=$n "$qjs" "$@" "$prog" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  runs=$((runs + 1))
  why=
  if grep -qE 'Sanitizer|runtime error:' "$tmp/err"; then
    why="sanitizer report"
  elif [ $rc -eq 0 ]; then
    cmp -s "$tmp/out" "$tmp/expected" || why="exit 0 with different output"
  elif [ $rc -eq 1 ] && grep -qiE 'out of memory|cannot create' "$tmp/err"; then
    oom=$((oom + 1))
  else
    why="exit $rc without an out-of-memory error"
  fi
  if [ -n "$why" ]; then
    bad=$((bad + 1))
    echo "allocfail $prog: QJS_FAIL_ALLOC=$n: $why"
    head -40 "$tmp/err"
    [ $bad -ge 5 ] && break
  fi
done
echo "allocfail $(basename "$prog"): $total allocations, $runs runs (stride $stride), $oom out of memory, $bad bad"
[ $bad -eq 0 ]
