#!/bin/sh
# Checks that each tests/web/NAME.expected is what node prints for
# NAME.js (node 20), or with -u rewrites them from node's output.
cd "$(dirname "$0")" || exit 1
st=0
for js in *.js; do
  exp=${js%.js}.expected
  if [ "$1" = -u ]; then
    node "$js" > "$exp" || st=1
  elif ! node "$js" | cmp -s - "$exp"; then
    echo "node differs: $js"; st=1
  fi
done
exit $st
