#!/usr/bin/env bash
# `make bench`: builds TaskGuard and the benchmark binaries in Release, generates the corpus
# (once per seed and size), then measures everything in one run (bench/runner.py).
# Not part of the test suite or CI. Method and figures: docs/performance.md.
#
# Environment: BENCH_DOCS (corpus size, default 2000), BENCH_SEED (default 1), BENCH_BUILD_DIR
# (default build-bench), BENCH_REPEATS (best of, default 3), BENCH_STREAM_COPIES (NDJSON runs
# read the stream this many times, default 10), BENCH_RSS_DOCS (documents streamed for the
# memory run, default 100000), BENCH_SKIP_CFN_GUARD=1 (no npm, no comparison).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BENCH_BUILD_DIR:-$root/build-bench}"
docs="${BENCH_DOCS:-2000}"
seed="${BENCH_SEED:-1}"

launcher=()
if command -v ccache >/dev/null; then
  export CCACHE_BASEDIR="$root"
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTASKGUARD_TESTS=OFF \
  "${launcher[@]}" >/dev/null
cmake --build "$build" -j "${BENCH_JOBS:-2}" --target taskguard tg_bench_json_parse tg_bench_pack tg_bench_measure

corpus="$build/bench-corpus/seed$seed-n$docs"
if [[ ! -f "$corpus/stream.ndjson" || "$root/bench/corpus/generate_corpus.py" -nt "$corpus/stream.ndjson" ]]; then
  rm -rf "$corpus"
  python3 "$root/bench/corpus/generate_corpus.py" --count "$docs" --seed "$seed" --out "$corpus"
fi

extra=()
[[ "${BENCH_SKIP_CFN_GUARD:-0}" == 1 ]] && extra+=(--skip-cfn-guard)
python3 "$root/bench/runner.py" \
  --taskguard "$build/cli/taskguard" \
  --parse-bench "$build/bench/tg_bench_json_parse" \
  --bundle-bench "$build/bench/tg_bench_pack" \
  --measure "$build/bench/tg_bench_measure" \
  --policies "$root/policies" \
  --corpus "$corpus" \
  --work "$build/bench-work" \
  --repeats "${BENCH_REPEATS:-3}" \
  --stream-copies "${BENCH_STREAM_COPIES:-10}" \
  --rss-documents "${BENCH_RSS_DOCS:-100000}" \
  "${extra[@]}"
