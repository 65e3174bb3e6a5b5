#pragma once
// `taskguard explain RULE FILE`: for each binding of the rule on each task definition in FILE,
// the sub-expressions it evaluated with their values (true / false / unknown ...), the document
// data each read (JSON pointer and file:line:col) and the policy source position, so an author
// sees exactly why the outcome is what it is.
//   exit 0  explained;  exit 2  unknown rule, policy error;  exit 3  FILE cannot be loaded

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace taskguard::cli {

struct ExplainOptions {
  std::string rule;  // id or name
  std::string file;
  std::vector<std::string> policies;  // default: ./policies, else the embedded pack
};

int run_explain(const ExplainOptions& options, std::ostream& out, std::ostream& errors);

// Adds the `explain` subcommand to `app`; when it runs, its exit code is stored in `exit_code`.
void register_explain(CLI::App& app, int& exit_code);

}  // namespace taskguard::cli
