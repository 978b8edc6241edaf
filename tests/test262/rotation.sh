#!/usr/bin/env bash
# test262 in the sanitizer + GC stress build, rotated by date. The entries
# three levels down (test/built-ins/Array/prototype, test/language/
# expressions/class, ...; files at that level too) of built-ins, language
# and annexB are dealt into 7 shares of about the same number of files
# (largest entry first, each to the smallest share); the day of the year
# picks today's share, so every entry runs at least once a week.
#   usage: rotation.sh RUN_TEST262 BASELINE [SHARE]   (SHARE 0..6 overrides)
# Collects every QJS_ROTATION_GC_STRESS allocations (default 31, a prime;
# every allocation would not fit CI), with a 600 s limit a test. The URI
# functions' tests (decodeURI, encodeURI and their Component forms), whose
# loops over every code point take more than ten minutes at that period on
# a loaded machine, run in a second pass collecting every 1021 allocations.
# RegExp/property-escapes/generated is left out: its ~500 files check the
# Unicode tables (the release build runs them) and each takes minutes in
# a Debug + ASan build.
set -uo pipefail
runner=$1 baseline=$2
t262=$(cd "$(dirname "$0")/../../../shared/test262/test" 2>/dev/null && pwd) ||
  { echo "SKIPPED: no test262 checkout next to the source tree"; exit 77; }
share=${3:-$(( 10#$(date -u +%j) % 7 ))}
# "share entry" lines: files counted per entry, dealt out by size
mapfile -t pick < <(cd "$t262" &&
  find built-ins language annexB -mindepth 2 -name '*.js' ! -name '*_FIXTURE*' |
  grep -v '^built-ins/RegExp/property-escapes/generated/' |
  awk -F/ '{ e = $1 "/" $2 "/" $3; if ($3 == "property-escapes") e = $0; n[e]++ }
           END { for (e in n) print n[e], e }' |
  LC_ALL=C sort -k1,1nr -k2,2 |
  awk -v want="$share" '{
      best = 0
      for (i = 1; i < 7; i++) if (tot[i] < tot[best]) best = i
      tot[best] += $1
      if (best == want) print "test/" $2
    }')
entries=$(cd "$t262" && find built-ins language annexB -mindepth 2 -maxdepth 2 | wc -l)
echo "test262 rotation share $share of 7: ${#pick[@]} of $entries entries, QJS_GC_STRESS=${QJS_ROTATION_GC_STRESS:-31}"
sparse_re='^test/built-ins/(de|en)codeURI(Component)?/'
dense=() sparse=()
for e in "${pick[@]}"; do
  if [[ $e =~ $sparse_re ]]; then sparse+=("$e"); else dense+=("$e"); fi
done
status=0
if [ ${#dense[@]} -gt 0 ]; then
  QJS_GC_STRESS=${QJS_ROTATION_GC_STRESS:-31} \
    "$runner" --timeout 600 --baseline "$baseline" "${dense[@]}" || status=1
fi
if [ ${#sparse[@]} -gt 0 ]; then
  echo "test262 rotation: ${#sparse[@]} URI entries at QJS_GC_STRESS=1021"
  QJS_GC_STRESS=1021 "$runner" --timeout 600 --baseline "$baseline" "${sparse[@]}" || status=1
fi
exit $status
