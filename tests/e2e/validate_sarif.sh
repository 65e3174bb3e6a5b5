#!/usr/bin/env bash
# Validates SARIF files against the official SARIF 2.1.0 JSON schema (with python3-jsonschema)
# and with Microsoft's SARIF validator (Sarif.Multitool validate). Both ship in the npm package
# @microsoft/sarif-multitool-linux, fetched at test time into a cache folder (never committed).
# Exit 0: valid; 1: invalid; 77: the validator could not be fetched (the test reports a skip).
set -uo pipefail
[ $# -ge 1 ] || { echo "usage: $0 FILE.sarif..." >&2; exit 2; }
cache="${TASKGUARD_TOOL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/taskguard-test-tools}/sarif-multitool"
package="$cache/package"
# The suite runs tests in parallel, and two of them validate SARIF: on a fresh machine both
# would fetch into the same folder, and one would find the other's half-extracted package. So
# one fetches while the other waits, each into a private folder that becomes the package in
# one rename: a package that is there is whole.
fetch() {
  local scratch
  scratch=$(mktemp -d "$cache/fetch.XXXXXX") || return 1
  if ( cd "$scratch" && timeout 300 npm pack --silent @microsoft/sarif-multitool-linux >/dev/null 2>&1 \
         && tar xzf microsoft-sarif-multitool-linux-*.tgz ) && mv -T "$scratch/package" "$package"; then
    rm -rf "$scratch"
  else
    rm -rf "$scratch"; return 1
  fi
}
if [ ! -f "$package/sarif-2.1.0.json" ]; then
  if ! command -v npm >/dev/null 2>&1; then echo "npm is not installed" >&2; exit 77; fi
  mkdir -p "$cache" && exec 9>"$cache/.lock" && flock -w 600 9 \
    || { echo "cannot lock $cache/.lock to fetch the SARIF validator" >&2; exit 77; }
  if [ ! -f "$package/sarif-2.1.0.json" ]; then
    rm -rf "$package"  # left by an older version of this script, or incomplete
    fetch || { echo "cannot fetch @microsoft/sarif-multitool-linux from the npm registry" >&2; exit 77; }
  fi
  exec 9>&-
fi
python3 - "$package/sarif-2.1.0.json" "$@" <<'PY' || exit 1
import json, sys
try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed", file=sys.stderr); sys.exit(77)
schema = json.load(open(sys.argv[1]))
validator = jsonschema.validators.validator_for(schema)(schema)
bad = 0
for path in sys.argv[2:]:
    for error in validator.iter_errors(json.load(open(path))):
        bad += 1
        print(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}", file=sys.stderr)
sys.exit(1 if bad else 0)
PY
chmod +x "$package/Sarif.Multitool" 2>/dev/null
for file in "$@"; do
  out=$(mktemp)
  # Errors fail; the validator's style warnings (for example SARIF2005) are printed, not fatal.
  if ! "$package/Sarif.Multitool" validate "$file" -o "$out" --log ForceOverwrite >/dev/null 2>&1; then
    echo "Sarif.Multitool could not run on $file" >&2; rm -f "$out"; exit 1
  fi
  # The validator's own log: its results with level "error" are the problems found.
  if ! errors=$(python3 - "$out" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["runs"][0].get("results", [])
for r in results:
    if r.get("level") == "error":
        message = r["message"].get("text") or " ".join(r["message"].get("arguments", []))
        print(f"{r['ruleId']}: {message}")
PY
  ); then
    echo "cannot read the validator's log for $file" >&2; rm -f "$out"; exit 1
  fi
  rm -f "$out"
  if [ -n "$errors" ]; then echo "$file: $errors" >&2; exit 1; fi
done
exit 0
