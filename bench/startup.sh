#!/usr/bin/env bash
# Start-up cost of a compiled program: builds a stripped (-ss) hello-world
# executable with qjsc, prints its size and the median wall time from
# start to exit over RUNS runs, beside `node --jitless -e` printing the
# same line, for scale.
#   usage: bench/startup.sh [RUNS]      (default 50; QJSC=path/to/qjsc)
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
qjsc=${QJSC:-$here/build/qjsc}
runs=${1:-50}
[ -x "$qjsc" ] || { echo "startup: $qjsc not built" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/qjsc-startup.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

echo 'console.log("hello");' > "$work/hello.js"
"$qjsc" --script -ss -o "$work/hello" "$work/hello.js" || { echo "startup: qjsc failed" >&2; exit 1; }
stripped=$work/hello.stripped
cp "$work/hello" "$stripped" && strip "$stripped" 2>/dev/null || true

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

# Median wall time of a command in milliseconds.
median_ms() {
  local t=() i s e
  for ((i = 0; i < runs; i++)); do
    now_us; s=$now
    "$@" > /dev/null 2>&1 || { echo "n/a"; return; }
    now_us; e=$now
    t+=($(( e - s )))
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "%.2f", m / 1e3}'
}

size=$(wc -c < "$work/hello")
ssize=$(wc -c < "$stripped")
q=$(median_ms "$work/hello")
printf '%-34s %10s %14s\n' program "size" "median ms"
printf '%-34s %10s %14s\n' "qjsc -ss hello (executable)" "$size" "$q"
printf '%-34s %10s %14s\n' "  same, after strip(1)" "$ssize" "$(median_ms "$stripped")"
if command -v node > /dev/null; then
  n=$(median_ms node --jitless -e 'console.log("hello")')
  printf '%-34s %10s %14s\n' "node --jitless -e" "-" "$n"
else
  echo "node not found: no comparison"
fi
echo "($runs runs each, wall time from start to exit)"
