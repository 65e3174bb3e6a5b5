#!/usr/bin/env bash
# Where the time goes, independent of machine load: callgrind counts instructions, so the
# figures are the same on a busy and an idle machine. Runs the bare JSON parse and
# `taskguard check` (full pack, -j 1) on the same NDJSON sample, prints instructions per
# document for each and the hottest functions of taskguard.
#
#   bash bench/profile.sh [documents]      (default 300; needs valgrind and a build-bench)
# Run `make bench` (or bench/run.sh) first: it builds the binaries and the corpus.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BENCH_BUILD_DIR:-$root/build-bench}"
docs="${1:-300}"
out="$build/bench-work/profile"
mkdir -p "$out"

if [[ ! -x "$build/cli/taskguard" || ! -x "$build/bench/tg_bench_json_parse" ]]; then
  echo "profile: build first (bash bench/run.sh)" >&2
  exit 2
fi
sample="$out/sample.ndjson"
python3 "$root/bench/corpus/generate_corpus.py" --count "$docs" --seed 1 --out "$out/corpus" --stream-only
cp "$out/corpus/stream.ndjson" "$sample"

instructions() {  # total Ir of a callgrind output file (awk stops reading early: no pipefail)
  { callgrind_annotate "$1" 2>/dev/null || true; } | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); n = $1} END {print n}'
}

valgrind --tool=callgrind --callgrind-out-file="$out/parse.cg" \
  "$build/bench/tg_bench_json_parse" --ndjson "$sample" >/dev/null 2>&1
valgrind --tool=callgrind --callgrind-out-file="$out/check.cg" \
  "$build/cli/taskguard" check "$sample" --quiet --no-color --fail-on never -j 1 >/dev/null 2>&1 || true
valgrind --tool=callgrind --callgrind-out-file="$out/startup.cg" \
  "$build/cli/taskguard" check /dev/null --quiet --no-color --fail-on never -j 1 >/dev/null 2>&1 || true

parse=$(instructions "$out/parse.cg")
check=$(instructions "$out/check.cg")
startup=$(instructions "$out/startup.cg")
echo "instructions per document ($docs documents):"
echo "  bare nlohmann parse      $((parse / docs))"
echo "  taskguard check, -j 1    $(((check - startup) / docs))   (process start and pack load, $startup, subtracted)"
echo "  ratio parse/check        $(python3 -c "print(f'{$parse/($check-$startup):.2f}')")"
echo
echo "hottest functions in taskguard check (inclusive and self):"
{ callgrind_annotate --inclusive=yes "$out/check.cg" 2>/dev/null || true; } | sed -n '/^Ir/,$p' | head -40
echo
{ callgrind_annotate "$out/check.cg" 2>/dev/null || true; } | sed -n '/^Ir/,$p' | head -40
echo "callgrind files: $out (open with kcachegrind or callgrind_annotate)"
