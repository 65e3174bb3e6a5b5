// The shipped pack on the real task definitions in ../shared/corpus/real: per-rule counts of
// every outcome, compared with the reviewed table in docs/corpus-findings.md. A change in what
// the pack finds on real inputs shows up here as a diff that someone has to look at and explain.

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli_runner.hpp"

using taskguard::e2e::read_file;
using taskguard::e2e::Run;
using taskguard::e2e::run_cli;

namespace {

const std::string kBegin = "<!-- findings:begin -->\n";
const std::string kEnd = "<!-- findings:end -->";

struct RuleCounts {
  std::string name;
  std::set<std::pair<std::string, int>> failing_definitions;  // (file, index)
  std::map<std::string, int> by_status;
};

std::string findings_table(const nlohmann::json& report) {
  std::map<std::string, RuleCounts> rules;
  for (const auto& o : report["outcomes"]) {
    RuleCounts& counts = rules[o["rule"].get<std::string>()];
    counts.name = o["name"].get<std::string>();
    const std::string status = o["status"].get<std::string>();
    counts.by_status[status] += 1;
    if (status == "fail") counts.failing_definitions.insert({o["file"], o["index"].get<int>()});
  }
  const auto& summary = report["summary"];
  std::ostringstream out;
  out << summary["task_definitions"].get<int>() << " task definitions from "
      << summary["files"].get<int>() << " files; " << summary["input_errors"].get<int>()
      << " files refused as invalid input.\n\n";
  out << "| rule | name | task definitions failing | fail | unknown | pass | n/a |\n";
  out << "|---|---|---|---|---|---|---|\n";
  for (auto& [id, counts] : rules) {
    out << "| " << id << " | " << counts.name << " | " << counts.failing_definitions.size() << " | "
        << counts.by_status["fail"] << " | " << counts.by_status["unknown"] << " | "
        << counts.by_status["pass"] << " | " << counts.by_status["not_applicable"] << " |\n";
  }
  return out.str();
}

}  // namespace

TEST_SUITE("e2e") {
  TEST_CASE("the pack's findings on the real corpus match the reviewed table") {
    const std::string corpus = std::string(TASKGUARD_SOURCE_DIR) + "/../shared/corpus/real";
    if (!std::filesystem::is_directory(corpus)) {
      MESSAGE("no ../shared/corpus/real: skipped");
      return;
    }
    const Run run = run_cli("check '" + corpus + "' --format json --fail-on never");
    CHECK_MESSAGE(run.exit_code == 3, run.err);  // two corpus files are not valid JSON
    const auto report = nlohmann::json::parse(run.out, nullptr, false);
    REQUIRE_MESSAGE(!report.is_discarded(), run.err);
    const std::string table = findings_table(report);

    const std::string doc_path = std::string(TASKGUARD_SOURCE_DIR) + "/docs/corpus-findings.md";
    std::string doc = read_file(doc_path);
    const auto begin = doc.find(kBegin);
    const auto end = doc.find(kEnd);
    REQUIRE_MESSAGE((begin != std::string::npos && end != std::string::npos && begin < end),
                    doc_path << " lacks the findings markers");
    const std::string current = doc.substr(begin + kBegin.size(), end - begin - kBegin.size());
    if (std::getenv("TASKGUARD_UPDATE_DOCS") != nullptr) {
      doc.replace(begin + kBegin.size(), current.size(), table);
      std::ofstream(doc_path, std::ios::binary) << doc;
      return;
    }
    CHECK_MESSAGE(current == table,
                  "the pack's findings on the corpus changed; review them and regenerate with "
                  "TASKGUARD_UPDATE_DOCS=1 ./tests/taskguard_tests -tc='*real corpus*'\nnow:\n"
                      << table);
  }
}
