#pragma once

namespace taskguard::cli {

// Exit codes are a contract with CI pipelines (docs/cli.md).
enum ExitCode : int {
  kExitOk = 0,
  kExitFindings = 1,
  kExitUsage = 2,
  kExitUnreadableInput = 3,
};

// Parses the command line and runs one subcommand; returns the process exit code.
int run(int argc, char** argv);

}  // namespace taskguard::cli
