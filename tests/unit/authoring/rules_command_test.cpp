#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands/policy_loading.hpp"
#include "cli/commands/rules.hpp"

using namespace taskguard;

namespace {

cli::ProgramList default_programs() {
  std::ostringstream errors;
  auto programs = cli::load_programs(cli::PolicySources{}, false, errors);
  REQUIRE_MESSAGE(programs.has_value(), errors.str());
  return *programs;
}

}  // namespace

TEST_SUITE("authoring") {
  TEST_CASE("docs/policies.md is `taskguard rules --format markdown` for the default pack") {
    std::ifstream in(TASKGUARD_SOURCE_DIR "/docs/policies.md", std::ios::binary);
    REQUIRE_MESSAGE(
        in.good(),
        "docs/policies.md is missing: taskguard rules --format markdown > docs/policies.md");
    std::ostringstream text;
    text << in.rdbuf();
    const std::string generated = cli::render_rules_markdown(default_programs());
    if (text.str() != generated) {
      // Name the first line that differs so the fix is obvious.
      std::istringstream a(text.str()), b(generated);
      std::string la, lb;
      int line = 1;
      while (std::getline(a, la) && std::getline(b, lb) && la == lb)
        ++line;
      FAIL("docs/policies.md is stale at line "
           << line
           << ": regenerate it with "
              "`taskguard rules --format markdown > docs/policies.md`");
    }
  }

  TEST_CASE("the JSON listing carries every rule's id, metadata and parameters") {
    const auto programs = default_programs();
    const auto json = nlohmann::json::parse(cli::render_rules_json(programs));
    std::size_t rules = 0;
    for (const auto& p : programs)
      rules += p->rules().size();
    REQUIRE(json.size() == rules);
    for (const auto& rule : json) {
      for (const char* key :
           {"id", "name", "title", "severity", "owasp_nhi", "nist_csf", "aws", "parameters"}) {
        CHECK_MESSAGE(rule.contains(key), rule.value("id", "?") << " lacks " << key);
      }
      CHECK(rule["id"].get<std::string>().starts_with("TG-"));
    }
    // A rule that reads a parameter lists it with its declared default.
    bool found = false;
    for (const auto& rule : json) {
      for (const auto& p : rule["parameters"]) {
        if (p["name"] == "allowed_registries") {
          found = true;
          CHECK(p["default"].is_array());
        }
      }
    }
    CHECK(found);
  }

  TEST_CASE("the markdown matrices name every OWASP NHI risk and say which are not covered") {
    const std::string md = cli::render_rules_markdown(default_programs());
    for (int i = 1; i <= 10; ++i)
      CHECK(md.find("| NHI" + std::to_string(i) + " ") != std::string::npos);
    CHECK(md.find("| PR.AA-05 | [TG-") != std::string::npos);
    CHECK(md.find("**not covered**") != std::string::npos);  // e.g. NHI6 or a CSF gap
  }
}
