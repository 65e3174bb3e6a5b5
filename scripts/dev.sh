#!/usr/bin/env bash
# One entry point for people and CI: installs Debian packages, configures, builds, runs.
#   bash scripts/dev.sh setup   install the build dependencies (Debian, as root or with sudo)
#   bash scripts/dev.sh build   setup + configure + build (build/)
#   bash scripts/dev.sh run     build + taskguard check on examples/
#   bash scripts/dev.sh test    build + the whole test suite (ctest)
#   bash scripts/dev.sh asan    the test suite again under AddressSanitizer + UBSan (build-asan/)
#   bash scripts/dev.sh format  check formatting with clang-format (exit 1 on any difference)
#   bash scripts/dev.sh fuzz    build the libFuzzer targets with clang and run each briefly
#                               (FUZZ_SECONDS each, default 15) on its seeds and saved regressions
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(build-essential cmake ninja-build pkg-config git clang-format
          tao-pegtl-dev nlohmann-json3-dev libcli11-dev doctest-dev
          libre2-dev libyaml-cpp-dev libfmt-dev libsimdjson-dev libsodium-dev python3 python3-jsonschema)
JOBS=$(nproc 2>/dev/null || echo 2)
CMAKE_EXTRA=()
# -Werror goes back on in CI once a clean-machine build has been seen warning-free.
[ "${TASKGUARD_WERROR:-}" = "1" ] && CMAKE_EXTRA+=(-DTASKGUARD_WERROR=ON)
command -v ccache >/dev/null 2>&1 && CMAKE_EXTRA+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
export CCACHE_BASEDIR="$PWD"

setup() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

configure_and_build() {  # dir, extra cmake args...
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja "${CMAKE_EXTRA[@]}" "$@" >/dev/null
  cmake --build "$dir" -j "$JOBS"
}

build() { setup; configure_and_build build -DCMAKE_BUILD_TYPE=RelWithDebInfo; }

case "${1:-}" in
  setup) setup ;;
  build) build ;;
  run)
    build
    set +e
    ./build/cli/taskguard check examples/
    rc=$?
    echo "taskguard check examples/ exited with $rc (1 means findings: the examples are meant to have some)"
    [ $rc -le 1 ] ;;
  test)
    build
    ctest --test-dir build --output-on-failure -j "$JOBS" ;;
  asan)
    setup
    # The build runs the instrumented pack compiler; leaks are judged on the test run, not there.
    ASAN_OPTIONS=detect_leaks=0 configure_and_build build-asan -DCMAKE_BUILD_TYPE=Debug -DTASKGUARD_SANITIZE=ON
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
      ctest --test-dir build-asan --output-on-failure -j "$JOBS" ;;
  fuzz)
    PACKAGES+=(clang-14 libclang-rt-14-dev)
    setup
    FUZZ_SECONDS="${FUZZ_SECONDS:-15}" FUZZ_JOBS="$JOBS" bash tests/fuzz/run.sh ;;
  format)
    setup
    git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run -Werror ;;
  *)
    sed -n '2,11p' "$0"; exit 2 ;;
esac
