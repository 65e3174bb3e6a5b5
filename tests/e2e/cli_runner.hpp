#pragma once
// Runs the built `taskguard` binary the way a user or a CI job does and captures what it says.

#include <string>

namespace taskguard::e2e {

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a shell command in `cwd`.
Run shell(const std::string& command, const std::string& cwd = TASKGUARD_SOURCE_DIR);

// Runs `taskguard ARGS` through the shell in `cwd` (default: the source tree, so reports name
// files as examples/... and tests/fixtures/...). `env` is prefixed (e.g. "NO_COLOR=1").
Run run_cli(const std::string& args, const std::string& cwd = TASKGUARD_SOURCE_DIR,
            const std::string& env = "");

// Compares `actual` with tests/golden/cli/NAME; TASKGUARD_UPDATE_GOLDEN=1 rewrites the file
// instead (review the diff by hand before committing it). Returns "" when equal, else a diff hint.
std::string golden_mismatch(const std::string& name, const std::string& actual);

std::string read_file(const std::string& path);
std::string scratch_dir();  // a fresh temporary folder

}  // namespace taskguard::e2e
