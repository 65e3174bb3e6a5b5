#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each one briefly on its seed corpus.
# Exits non-zero when a target fails to build or finds a crash, leak, timeout or sanitizer error;
# the offending input is left in $FUZZ_WORK/<target>/ (crash-*, leak-*, timeout-*, oom-*).
#
#   bash tests/fuzz/run.sh                 # every target, 20 s each
#   bash tests/fuzz/run.sh policy_source   # one target
#   FUZZ_SECONDS=600 bash tests/fuzz/run.sh json_document
#
# Environment: FUZZ_SECONDS (per target, default 20), FUZZ_BUILD_DIR (default build-fuzz),
# FUZZ_WORK (scratch corpora and artifacts, default $FUZZ_BUILD_DIR/fuzz-work), CXX_CLANG
# (default clang++-14), FUZZ_JOBS (build parallelism, default 2).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${FUZZ_BUILD_DIR:-$root/build-fuzz}"
seconds="${FUZZ_SECONDS:-20}"
work="${FUZZ_WORK:-$build/fuzz-work}"
clang="${CXX_CLANG:-clang++-14}"

if ! command -v "$clang" >/dev/null; then
  echo "fuzz: $clang not found (apt-get install clang-14 libclang-rt-14-dev)" >&2
  exit 2
fi

launcher=()
if command -v ccache >/dev/null; then
  export CCACHE_BASEDIR="$root"
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER="$clang" -DTASKGUARD_FUZZ=ON -DTASKGUARD_TESTS=OFF "${launcher[@]}" >/dev/null

if [[ $# -gt 0 ]]; then
  targets=("$@")
else
  targets=()
  for source in "$root"/tests/fuzz/targets/*.cpp; do
    targets+=("$(basename "$source" .cpp)")
  done
fi

cmake --build "$build" -j "${FUZZ_JOBS:-2}" --target "${targets[@]/#/fuzz_}"

failed=()
for target in "${targets[@]}"; do
  binary="$build/tests/fuzz/fuzz_$target"
  scratch="$work/$target"
  mkdir -p "$scratch/corpus"
  seeds=()
  [[ -d "$root/tests/fuzz/corpus/$target" ]] && seeds+=("$root/tests/fuzz/corpus/$target")
  [[ -d "$root/tests/fuzz/regressions/$target" ]] && seeds+=("$root/tests/fuzz/regressions/$target")
  dictionary=()
  [[ -f "$root/tests/fuzz/dictionaries/$target.dict" ]] &&
    dictionary=(-dict="$root/tests/fuzz/dictionaries/$target.dict")
  echo "== fuzz_$target: ${seconds}s"
  # New inputs go to the scratch corpus (first directory); the committed seeds stay untouched.
  if "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$scratch/" "${dictionary[@]}" \
      "$scratch/corpus" "${seeds[@]}" >"$scratch/log.txt" 2>&1; then
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$scratch/log.txt" | tr '\n' ' '
    echo
  else
    echo "fuzz_$target FAILED: see $scratch/log.txt" >&2
    grep -E 'ERROR: |SUMMARY: |Test unit written' "$scratch/log.txt" | head -5 >&2 || true
    failed+=("$target")
  fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz: crashes in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: no crash in ${#targets[@]} target(s), ${seconds}s each"
