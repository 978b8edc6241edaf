#!/usr/bin/env bash
# Runs each benchmark program with build/qjs and with `node --jitless`,
# alternately (one qjs run, then one node run, RUNS pairs; default 3), and
# prints per program the median qjs / node --jitless speed ratio of the
# pairs (higher is better for qjs), the median CPU seconds (user + sys) of
# each side, and the peak RSS of each side (largest over the runs, from
# /usr/bin/time %M), then the geometric mean of the ratios.
#
# Programs: the V8 benchmarks of ../shared/bench (they print a score: the
# ratio is qjs score / node score) and this directory's own programs
# (bench/*.js, one per kind of program; they print a checksum line, which
# must be the same on both sides: the ratio is node CPU time / qjs CPU
# time). CPU time rather than wall time, because the machine is shared.
#   usage: bench/run.sh [RUNS] [program.js ...]
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
qjs=${QJS:-$here/build/qjs}
benchdir=${BENCH_DIR:-$here/../shared/bench}
runs=${1:-3}
shift || true
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$benchdir"/bench-*.js "$here"/bench/*.js)
[ -x "$qjs" ] || { echo "bench: $qjs not built" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qjs-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# one run: prints "score-or-checksum cpu-seconds rss-kb" ("FAIL" on error)
one() {
  /usr/bin/time -o "$tmp/time" -f '%U %S %M' "$@" >"$tmp/out" 2>/dev/null || { echo FAIL; return; }
  local s
  s=$(sed -n 's/^Score (version 7): *\([0-9.]*\).*/\1/p' "$tmp/out" | tail -1)
  [ -n "$s" ] || s=$(grep -m1 'checksum' "$tmp/out" | tr ' ' '_')
  awk -v s="$s" '{ printf "%s %.3f %d\n", s, $1 + $2, $3 }' "$tmp/time"
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
maxof() { printf '%s\n' "$@" | sort -g | tail -1; }

printf '%-22s %8s %8s %7s %10s %10s\n' program qjs-cpu node-cpu ratio qjs-rss node-rss
logsum=0 count=0
for f in "${files[@]}"; do
  ratios=() qt=() nt=() qm=() nm=() fail=
  for ((i = 0; i < runs; i++)); do
    read -r qs qc qr <<<"$(one "$qjs" "$f")"
    read -r ns nc nr <<<"$(one node --jitless "$f")"
    if [ "$qs" = FAIL ] || [ "$ns" = FAIL ]; then fail="failed"; break; fi
    case $qs in
      *checksum*) [ "$qs" = "$ns" ] || { fail="checksum differs: $qs / $ns"; break; }
                  ratios+=("$(awk -v a="$qc" -v b="$nc" 'BEGIN { printf "%.4f", b / a }')") ;;
      *) ratios+=("$(awk -v a="$qs" -v b="$ns" 'BEGIN { printf "%.4f", (b > 0) ? a / b : 0 }')") ;;
    esac
    qt+=("$qc") nt+=("$nc") qm+=("$qr") nm+=("$nr")
  done
  name=$(basename "$f" .js)
  if [ -n "$fail" ]; then printf '%-22s %s\n' "$name" "$fail"; continue; fi
  r=$(median "${ratios[@]}")
  printf '%-22s %8s %8s %6.2fx %8dMB %8dMB\n' "$name" "$(median "${qt[@]}")" "$(median "${nt[@]}")" "$r" \
    $(( $(maxof "${qm[@]}") / 1024 )) $(( $(maxof "${nm[@]}") / 1024 ))
  logsum=$(awk -v s="$logsum" -v r="$r" 'BEGIN { printf "%.6f", s + log(r) }')
  count=$((count + 1))
done
[ "$count" -gt 0 ] && awk -v s="$logsum" -v n="$count" 'BEGIN { printf "%-22s %25.2fx\n", "geometric mean", exp(s / n) }'
