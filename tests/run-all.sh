#!/usr/bin/env bash
# The test command: builds the release configuration and runs every test
# (unit, JS, examples, test262 against its baseline), then builds the GC
# stress configuration with AddressSanitizer and UBSan and runs, under the
# stress label: the JS, GC and module tests, the examples and a slice of
# test262 collecting at every allocation; real npm libraries (tests/npm-libs,
# fetched at pinned versions, compared with node) and a seventh of
# test262 chosen by the date (tests/test262/rotation.sh) at prime periods.
# ASan also reports stack use after return: the collector walking a JSRoot
# left on the root list by a returned C function.
# Allocation failures are swept in that build, the fuzz targets are
# built and run for a short time, and the threads' tests run under
# ThreadSanitizer.
set -uo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null || exit 1
cmake --build build -j "$jobs" || exit 1
ctest --test-dir build -j "$jobs" --output-on-failure 2>&1 | tee build/ctest.log
release_status=${PIPESTATUS[0]}

cmake -S . -B build-stress -G Ninja -DCMAKE_BUILD_TYPE=Debug \
      -DQJS_SANITIZE=ON -DQJS_GC_STRESS=ON -DQJS_ALLOC_FAILURE=ON >/dev/null || exit 1
cmake --build build-stress -j "$jobs" || exit 1
export QJS_GC_STRESS=1 ASAN_OPTIONS=detect_leaks=0:detect_stack_use_after_return=1
ctest --test-dir build-stress -j "$jobs" --output-on-failure -L stress 2>&1 | tee build-stress/ctest.log
stress_status=${PIPESTATUS[0]}

# Allocation-failure sweeps in the same build (it has the injection
# compiled in; the sweep turns GC stress off and leak detection on). CI
# fails every 40th allocation of each program (docs/limits.md); a stride
# of 1 sweeps them all.
QJS_ALLOCFAIL_STRIDE=${QJS_ALLOCFAIL_STRIDE:-40} \
  ctest --test-dir build-stress -j "$jobs" --output-on-failure -L allocfail 2>&1 | tee build-stress/allocfail.log
allocfail_status=${PIPESTATUS[0]}

# The fuzz targets (clang, libFuzzer): the seed corpora as regression
# tests, then each target fuzzes for 30 seconds.
CC=clang cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQJS_FUZZ=ON \
      -DQJS_BUILD_TESTS=OFF -DQJS_BUILD_EXAMPLES=OFF -DQJS_INSTALL=OFF >/dev/null || exit 1
cmake --build build-fuzz -j "$jobs" --target fuzz || exit 1
bash fuzz/run-fuzz.sh build-fuzz 30 2>&1 | tee build-fuzz/fuzz.log
fuzz_status=${PIPESTATUS[0]}

# ThreadSanitizer (clang): the tsan label, threads sharing memory: the
# workers tests, test262's Atomics and SharedArrayBuffer agents and the
# shared-memory unit test; a race report fails the test. Only the targets
# those need are built (about 4 minutes in all on two cores).
CC=clang cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQJS_TSAN=ON \
      -DQJS_BUILD_EXAMPLES=OFF >/dev/null || exit 1
cmake --build build-tsan -j "$jobs" --target qjs run-test262 test_shared_memory || exit 1
env -u QJS_GC_STRESS -u ASAN_OPTIONS ctest --test-dir build-tsan -j "$jobs" --output-on-failure -L tsan 2>&1 |
  tee build-tsan/ctest.log
tsan_status=${PIPESTATUS[0]}

# One closing line over both runs.
p1=$(grep -Eo '[0-9]+ tests failed out of [0-9]+' build/ctest.log | awk '{print $6-$1}')
f1=$(grep -Eo '[0-9]+ tests failed out of [0-9]+' build/ctest.log | awk '{print $1}')
p2=$(grep -Eo '[0-9]+ tests failed out of [0-9]+' build-stress/ctest.log | awk '{print $6-$1}')
f2=$(grep -Eo '[0-9]+ tests failed out of [0-9]+' build-stress/ctest.log | awk '{print $1}')
p3=$(grep -Eo '[0-9]+ tests failed out of [0-9]+' build-stress/allocfail.log | awk '{print $6-$1}')
f3=$(grep -Eo '[0-9]+ tests failed out of [0-9]+' build-stress/allocfail.log | awk '{print $1}')
p4=$(grep -c ': ok,' build-fuzz/fuzz.log)
p5=$(grep -Eo '[0-9]+ tests failed out of [0-9]+' build-tsan/ctest.log | awk '{print $6-$1}')
f5=$(grep -Eo '[0-9]+ tests failed out of [0-9]+' build-tsan/ctest.log | awk '{print $1}')
[ -n "$p5" ] || { p5=0; f5=1; }
f4=$(grep -c ': FAILED' build-fuzz/fuzz.log)
[ -n "$p1" ] || { p1=$(grep -c 'Passed' build/ctest.log); f1=0; }
[ -n "$p2" ] || { p2=$(grep -c 'Passed' build-stress/ctest.log); f2=0; }
[ -n "$p3" ] || { p3=0; f3=1; }
echo "$((p1 + p2 + p3 + p4 + p5)) passed, $((f1 + f2 + f3 + f4 + f5)) failed"
[ "$release_status" -eq 0 ] && [ "$stress_status" -eq 0 ] &&
  [ "$allocfail_status" -eq 0 ] && [ "$fuzz_status" -eq 0 ] && [ "$tsan_status" -eq 0 ]
