#!/usr/bin/env bash
# The CI step of the fuzz targets: every target first runs its whole seed
# corpus (fuzz/corpus/TARGET, crash inputs found earlier included: the
# regression part), then fuzzes for SECONDS from there with its
# dictionary. New inputs go to a scratch folder, never to the repository;
# a crash, leak, sanitizer report or timeout fails the step and leaves
# the input in BUILD_DIR/fuzz-artifacts/. Two targets run at a time.
# Usage: fuzz/run-fuzz.sh BUILD_DIR [SECONDS]
set -uo pipefail
cd "$(dirname "$0")/.."
build=$1
secs=${2:-30}
work=$build/fuzz-work
art=$build/fuzz-artifacts
rm -rf "$work"
mkdir -p "$work" "$art"
dict_of() {
  case $1 in
    compile|eval) echo fuzz/js.dict ;;
    regexp) echo fuzz/regexp.dict ;;
    json) echo fuzz/json.dict ;;
    *) echo fuzz/bytecode.dict ;;
  esac
}
run_one() {
  local t=$1
  mkdir -p "$work/$t"
  "$build/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2560 \
      -max_len=4096 -dict="$(dict_of "$t")" -artifact_prefix="$art/$t-" \
      -print_final_stats=1 "$work/$t" "fuzz/corpus/$t" > "$work/$t.log" 2>&1
  local rc=$?
  local runs rate
  runs=$(grep -Eo 'stat::number_of_executed_units: [0-9]+' "$work/$t.log" | grep -Eo '[0-9]+$')
  rate=$(grep -Eo 'exec/s: [0-9]+' "$work/$t.log" | tail -1 | grep -Eo '[0-9]+$')
  if [ $rc -eq 0 ]; then
    echo "fuzz $t: ok, ${runs:-?} runs, ${rate:-?} exec/s"
  else
    echo "fuzz $t: FAILED (exit $rc)"
    grep -E 'ERROR|SUMMARY|^    #[0-9]' "$work/$t.log" | head -30
  fi
  return $rc
}
status=0
targets=(eval compile bytecode_forge regexp json bytecode)
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  run_one "${targets[i]}" &
  p1=$!
  p2=
  if [ $((i + 1)) -lt ${#targets[@]} ]; then
    run_one "${targets[i + 1]}" &
    p2=$!
  fi
  wait $p1 || status=1
  [ -z "$p2" ] || wait $p2 || status=1
done
exit $status
