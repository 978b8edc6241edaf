#!/usr/bin/env bash
# Runs the V8 benchmarks of ../shared/bench with build/qjs and with
# `node --jitless`, alternately, RUNS times each (default 3), and prints
# the median score of each and their ratio (qjs / node --jitless; higher
# is better for qjs).
#   usage: bench/run.sh [RUNS] [benchmark.js ...]
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
qjs=${QJS:-$here/build/qjs}
benchdir=${BENCH_DIR:-$here/../shared/bench}
runs=${1:-3}
shift || true
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$benchdir"/bench-*.js)
[ -x "$qjs" ] || { echo "bench: $qjs not built" >&2; exit 2; }

score() {   # prints the score of one run, or 0 if it failed
  local s
  s=$("$@" 2>/dev/null | sed -n 's/^Score (version 7): *\([0-9.]*\).*/\1/p' | tail -1)
  echo "${s:-0}"
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

printf '%-28s %12s %14s %8s\n' benchmark qjs "node-jitless" ratio
for f in "${files[@]}"; do
  q=() n=()
  for ((i = 0; i < runs; i++)); do
    q+=("$(score "$qjs" "$f")")
    n+=("$(score node --jitless "$f")")
  done
  mq=$(median "${q[@]}")
  mn=$(median "${n[@]}")
  ratio=$(awk -v a="$mq" -v b="$mn" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
  printf '%-28s %12s %14s %8s\n' "$(basename "$f" .js)" "$mq" "$mn" "${ratio}x"
done
