#!/usr/bin/env bash
# CI: builds the libFuzzer targets (fuzz/) with clang, ASan and UBSan, replays each target's
# regressions, then fuzzes each for FUZZ_SECONDS (default 60) on a copy of its seed corpus (the tree
# is never written to). Fails if any target crashes, leaks, times out or runs out of memory; the
# reproducer is left in <build>/fuzz-run/<target>/artifacts/. One summary line per target.
#   FUZZ_SECONDS=60  FUZZ_TARGETS="envelope_fuzz csv_fuzz"  FUZZ_BUILD_DIR=build-fuzz  .ci/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
BUILD_DIR="${FUZZ_BUILD_DIR:-build-fuzz}"
SECONDS_PER_TARGET="${FUZZ_SECONDS:-60}"
export CCACHE_BASEDIR="$ROOT"
export CCACHE_NOHASHDIR=true

command -v clang++ >/dev/null || { echo "fuzz: clang++ is not installed (Debian: clang libclang-rt-14-dev)" >&2; exit 2; }

# Warnings are the gcc CI's business (LIENKET_WERROR there); clang's extra ones must not stop fuzzing.
cmake -S . -B "$BUILD_DIR" -DCMAKE_CXX_COMPILER=clang++ -DLIENKET_FUZZ=ON \
  -DLIENKET_SANITIZE=address,undefined,fuzzer-no-link -DLIENKET_BUILD_TESTS=OFF -DLIENKET_BUILD_BENCH=OFF \
  -DLIENKET_ONLY_PLUGINS="offtake;farming;trace;csv;console" >/dev/null
if [ ! -d "$BUILD_DIR/fuzz/CMakeFiles" ]; then
  echo "fuzz: the top-level CMakeLists.txt does not add fuzz/ (if(LIENKET_FUZZ) add_subdirectory(fuzz) endif())" >&2
  exit 2
fi
cmake --build "$BUILD_DIR" -j"${FUZZ_JOBS:-2}" --target lienket_fuzz
# The targets and their inputs, as the build declared them (cmake/LienketFuzz.cmake).
MANIFEST="$BUILD_DIR/fuzz/targets.tsv"
TARGETS="${FUZZ_TARGETS:-$(cut -f1 "$MANIFEST" | tr '\n' ' ')}"
field() { awk -F'\t' -v t="$1" -v c="$2" '$1 == t { print $c }' "$MANIFEST"; }

export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

failed=()
summary=()
for t in $TARGETS; do
  bin="$(field "$t" 2)"; corpus="$(field "$t" 3)"; regressions="$(field "$t" 4)"; dict="$(field "$t" 5)"
  [ -x "$bin" ] || { summary+=("$t: not built"); failed+=("$t"); continue; }
  run="$BUILD_DIR/fuzz-run/$t"
  rm -rf "$run" && mkdir -p "$run/corpus" "$run/artifacts"
  cp -r "$corpus/." "$run/corpus/"
  # Fixed bugs stay fixed: every saved reproducer must pass before fuzzing starts.
  if [ -d "$regressions" ] && ! "$bin" -runs=0 "$regressions" >"$run/regressions.log" 2>&1; then
    summary+=("$t: REGRESSION (see $run/regressions.log)"); failed+=("$t"); continue
  fi
  echo "== $t: fuzzing for ${SECONDS_PER_TARGET}s"
  status=0
  "$bin" -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 -timeout=25 -print_final_stats=1 \
    -dict="$dict" -artifact_prefix="$run/artifacts/" "$run/corpus" >"$run/fuzz.log" 2>&1 || status=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$run/fuzz.log" | grep -o '[0-9]*$' || echo "?")
  secs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$run/fuzz.log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' || echo "$SECONDS_PER_TARGET")
  corpus=$(find "$run/corpus" -type f | wc -l)
  if [ "$status" -ne 0 ]; then
    tail -40 "$run/fuzz.log"
    summary+=("$t: CRASH (exit $status) after ${execs:-?} execs; reproducer in $run/artifacts/, log $run/fuzz.log")
    failed+=("$t")
  else
    summary+=("$t: ok, ${execs} execs in ${secs} s, corpus ${corpus} inputs")
  fi
done

echo "== fuzz summary"
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]}" >&2
  exit 1
fi
