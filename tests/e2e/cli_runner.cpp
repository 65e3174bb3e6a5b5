#include "cli_runner.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace taskguard::e2e {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string scratch_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "taskguard-e2e-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return "/tmp";
  return pattern;
}

Run shell(const std::string& command, const std::string& cwd) {
  static const std::string scratch = scratch_dir();
  static int counter = 0;
  const std::string err_file = scratch + "/stderr" + std::to_string(++counter);
  const std::string line = "cd '" + cwd + "' && " + command + " 2>'" + err_file + "'";
  Run run;
  FILE* pipe = popen(line.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
    run.out.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.err = read_file(err_file);
  return run;
}

Run run_cli(const std::string& args, const std::string& cwd, const std::string& env) {
  return shell(env + (env.empty() ? "" : " ") + "'" + TASKGUARD_BINARY + "' " + args, cwd);
}

std::string golden_mismatch(const std::string& name, const std::string& actual) {
  const std::string path = std::string(TASKGUARD_SOURCE_DIR) + "/tests/golden/cli/" + name;
  const char* update = std::getenv("TASKGUARD_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    return "";
  }
  const std::string expected = read_file(path);
  if (expected == actual) return "";
  std::size_t at = 0;
  while (at < expected.size() && at < actual.size() && expected[at] == actual[at])
    ++at;
  const std::size_t from = at > 80 ? at - 80 : 0;
  return "differs from " + path + " at byte " + std::to_string(at) + "\nexpected: ..." +
         expected.substr(from, 200) + "\nactual:   ..." + actual.substr(from, 200) +
         "\n(TASKGUARD_UPDATE_GOLDEN=1 rewrites goldens; review the diff)";
}

}  // namespace taskguard::e2e
