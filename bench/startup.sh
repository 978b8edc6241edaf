#!/usr/bin/env bash
# Start-up cost of a compiled program: builds a hello-world executable
# with qjsc (console.log("hello"), -ss, then strip(1); and a second one
# with everything it does not use left out: --web auto --no-compiler
# --builtins auto) and a C hello world
# (puts("hello"), cc -O2, strip(1)) in the same run, prints their sizes,
# runs the two alternately (one pair after the other, so that machine load
# hits both alike) and prints the median start-to-exit wall time of each,
# the median of the per-pair ratios, and the peak RSS of each; node
# --jitless for scale when it is installed.
#   usage: bench/startup.sh [PAIRS]     (default 60; QJSC=path/to/qjsc,
#                                        CC=the C compiler, default cc)
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
qjsc=${QJSC:-$here/build/qjsc}
pairs=${1:-60}
cc=${CC:-cc}
[ -x "$qjsc" ] || { echo "startup: $qjsc not built" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/qjsc-startup.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

echo 'console.log("hello");' > "$work/hello.js"
"$qjsc" --script -ss -o "$work/hello" "$work/hello.js" || { echo "startup: qjsc failed" >&2; exit 1; }
cp "$work/hello" "$work/hello.stripped" && strip "$work/hello.stripped"
"$qjsc" --script -ss --web auto --no-compiler --builtins auto -o "$work/small" "$work/hello.js" &&
    strip "$work/small" || { echo "startup: qjsc failed (small)" >&2; exit 1; }
printf '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n' > "$work/chello.c"
$cc -O2 -o "$work/chello" "$work/chello.c" && strip "$work/chello" ||
    { echo "startup: $cc failed" >&2; exit 1; }
[ "$("$work/hello.stripped")" = hello ] || { echo "startup: the executable does not print hello" >&2; exit 1; }

# Sets now to the time in microseconds: bash's EPOCHREALTIME (no fork),
# else date(1).
now_us() {
  if [ -n "${EPOCHREALTIME:-}" ]; then
    local t=${EPOCHREALTIME/[.,]/}
    now=$((10#$t))
  else
    now=$(( $(date +%s%N) / 1000 ))
  fi
}

# Sets dt to the wall time of one run of a command, in microseconds.
time_once() {
  local s
  now_us; s=$now
  "$@" > /dev/null 2>&1
  now_us; dt=$(( now - s ))
}

median() {
  sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}

# Peak RSS in KiB of one run (GNU time's %M), or n/a.
peak_rss() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1
  else
    echo n/a
  fi
}

tq=() ts=() tc=() ratios=() sratios=()
for ((i = 0; i < 5; i++)); do          # warm the page cache
  "$work/chello" > /dev/null; "$work/hello.stripped" > /dev/null; "$work/small" > /dev/null
done
for ((i = 0; i < pairs; i++)); do
  time_once "$work/chello"; c=$dt
  time_once "$work/hello.stripped"; q=$dt
  time_once "$work/small"; sm=$dt
  tc+=("$c") tq+=("$q") ts+=("$sm")
  ratios+=("$(awk -v q="$q" -v c="$c" 'BEGIN {printf "%.4f", q / c}')")
  sratios+=("$(awk -v q="$sm" -v c="$c" 'BEGIN {printf "%.4f", q / c}')")
done
mc=$(printf '%s\n' "${tc[@]}" | median)
mq=$(printf '%s\n' "${tq[@]}" | median)
ms=$(printf '%s\n' "${ts[@]}" | median)
mr=$(printf '%s\n' "${ratios[@]}" | median)
msr=$(printf '%s\n' "${sratios[@]}" | median)

printf '%-32s %12s %12s %10s\n' program "size (B)" "median ms" "peak RSS"
printf '%-32s %12s %12s %10s\n' "C hello (cc -O2, stripped)" "$(wc -c < "$work/chello")" \
       "$(awk -v t="$mc" 'BEGIN {printf "%.3f", t / 1e3}')" "$(peak_rss "$work/chello") KiB"
printf '%-32s %12s %12s %10s\n' "qjsc hello (-ss, stripped)" "$(wc -c < "$work/hello.stripped")" \
       "$(awk -v t="$mq" 'BEGIN {printf "%.3f", t / 1e3}')" "$(peak_rss "$work/hello.stripped") KiB"
printf '%-32s %12s\n' "  same, not stripped" "$(wc -c < "$work/hello")"
printf '%-32s %12s %12s %10s\n' "qjsc hello, all left out (*)" "$(wc -c < "$work/small")" \
       "$(awk -v t="$ms" 'BEGIN {printf "%.3f", t / 1e3}')" "$(peak_rss "$work/small") KiB"
if command -v node > /dev/null; then
  tn=()
  for ((i = 0; i < 10; i++)); do time_once node --jitless -e 'console.log("hello")'; tn+=("$dt"); done
  mn=$(printf '%s\n' "${tn[@]}" | median)
  printf '%-32s %12s %12s\n' "node --jitless -e (10 runs)" "-" "$(awk -v t="$mn" 'BEGIN {printf "%.3f", t / 1e3}')"
fi
echo "start-up ratio qjsc/C: $(awk -v q="$mq" -v c="$mc" 'BEGIN {printf "%.2f", q / c}')x" \
     "(medians), $(awk -v r="$mr" 'BEGIN {printf "%.2f", r}')x (median of per-pair ratios);" \
     "$pairs alternating rounds, wall time from start to exit"
echo "(*) --web auto --no-compiler --builtins auto: $(awk -v q="$ms" -v c="$mc" 'BEGIN {printf "%.2f", q / c}')x" \
     "(medians), $(awk -v r="$msr" 'BEGIN {printf "%.2f", r}')x (median of per-pair ratios)"
