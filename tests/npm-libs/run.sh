#!/usr/bin/env bash
# Real npm libraries under the GC stress build (CTest label stress).
#   run.sh install NPM_DIR        installs tests/npm-libs/packages.txt (pinned)
#                                 into NPM_DIR with npm; skipped (77) when
#                                 npm or the network is missing
#   run.sh run QJS NPM_DIR NAME   runs tests/npm-libs/NAME.js with node and
#                                 with QJS, and fails unless the outputs
#                                 are identical; skipped (77) when the
#                                 packages are not installed
# The packages are fetched at test time, never committed. QJS_GC_STRESS
# (set by tests/run-all.sh) is replaced by QJS_NPM_GC_STRESS (default
# 1009, a prime): collecting at every allocation over a library's whole
# heap would take hours.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
skip() { echo "SKIPPED: $*"; exit 77; }

case "${1:-}" in
install)
  dir=$2
  command -v npm >/dev/null || skip "npm is not installed"
  mapfile -t pkgs < <(grep -v '^#' "$here/packages.txt" | grep .)
  mkdir -p "$dir"
  # already there at the pinned versions: nothing to fetch
  ok=1
  for p in "${pkgs[@]}"; do
    name=${p%@*} ver=${p##*@}
    grep -q "\"version\": \"$ver\"" "$dir/node_modules/$name/package.json" 2>/dev/null || ok=0
  done
  [ $ok = 1 ] && { echo "npm packages already installed in $dir"; exit 0; }
  log=$(cd "$dir" && timeout 600 npm install --prefix . --no-save --no-package-lock --no-audit \
          --no-fund --ignore-scripts "${pkgs[@]}" 2>&1)
  rc=$?
  echo "$log" | tail -5
  if [ $rc -ne 0 ]; then
    if echo "$log" | grep -Eq 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|network'; then
      skip "npm has no network: the npm library tests do not run"
    fi
    echo "npm install failed ($rc)"; exit 1
  fi
  ;;
run)
  qjs=$2 dir=$3 name=$4
  [ -d "$dir/node_modules/$name" ] || skip "$name is not installed (see the npm/install test)"
  command -v node >/dev/null || skip "node is not installed"
  expected=$(node "$here/$name.js" "$dir/node_modules" 2>&1) || { echo "node failed:"; echo "$expected"; exit 1; }
  export QJS_GC_STRESS=${QJS_NPM_GC_STRESS:-1009}
  got=$("$qjs" "$here/$name.js" "$dir/node_modules" 2>&1)
  rc=$?
  if [ $rc -ne 0 ] || [ "$got" != "$expected" ]; then
    echo "$name: qjs exit status $rc, output differs from node's"
    diff <(echo "$expected") <(echo "$got") | head -40
    exit 1
  fi
  echo "$name: same output as node ($(echo "$got" | wc -l) lines, QJS_GC_STRESS=$QJS_GC_STRESS)"
  ;;
*)
  echo "usage: run.sh install NPM_DIR | run.sh run QJS NPM_DIR NAME" >&2; exit 2 ;;
esac
