#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {

struct Run {
  int exit_code = -1;
  std::string out;
};

Run run(const std::string& arguments) {
  Run r;
  const std::string command =
      std::string(TASKGUARD_BINARY) + " normalize " + arguments + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
    r.out.append(buffer, n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

const std::string kSame = TASKGUARD_SOURCE_DIR "/tests/fixtures/documents/same/";

}  // namespace

TEST_SUITE("documents") {
  TEST_CASE("normalize: one JSON line per task definition, with locations on request") {
    const Run r = run("--locations " + kSame + "cloudformation.yaml " + kSame + "stream.ndjson");
    CHECK(r.exit_code == 0);
    std::istringstream lines(r.out);
    std::string line;
    std::vector<nlohmann::json> docs;
    while (std::getline(lines, line))
      docs.push_back(nlohmann::json::parse(line));
    REQUIRE(docs.size() == 3);
    CHECK(docs[0]["origin"]["resource"] == "WebTask");
    CHECK(docs[0]["taskDefinition"]["containerDefinitions"][0]["essential"] == true);
    CHECK(docs[0]["locations"]["/containerDefinitions/0/privileged"] == "18:23");
    CHECK(docs[2]["origin"]["line"] == 3);
  }

  TEST_CASE("normalize: an unreadable input exits 3 and the others are still printed") {
    const Run r = run(kSame + "api.json /no/such/file.json");
    CHECK(r.exit_code == 3);
    CHECK(nlohmann::json::parse(r.out)["taskDefinition"]["family"] == "web");
  }
}
