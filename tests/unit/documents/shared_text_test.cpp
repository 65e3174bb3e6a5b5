#include <doctest/doctest.h>
#include <fmt/format.h>

#include <map>
#include <string>

#include "interpreter/document/shared_text.hpp"
#include "tests/unit/engine/engine_support.hpp"
#include "tests/unit/engine/test_documents.hpp"

using namespace taskguard;
using document::SharedText;

TEST_SUITE("documents") {
  TEST_CASE("shared text: copies share one string and compare, order and print as text") {
    const SharedText file(std::string("stacks/web-service.template.json"));
    const SharedText copy = file;
    CHECK(&copy.str() == &file.str());
    CHECK(copy == "stacks/web-service.template.json");
    CHECK(copy == std::string_view("stacks/web-service.template.json"));
    CHECK(fmt::format("[{}]", copy) == "[stacks/web-service.template.json]");
    CHECK(SharedText("a") < SharedText("b"));

    const SharedText nothing;
    CHECK(nothing.empty());
    CHECK(nothing.str().empty());
    CHECK(nothing == SharedText(std::string()));

    std::map<SharedText, int> by_file;  // junit groups outcomes by file this way
    by_file[SharedText("b.json")] = 2;
    by_file[SharedText("a.json")] = 1;
    CHECK(by_file.begin()->first == "a.json");
  }

  TEST_CASE("shared text: the outcomes of a task definition share its file and family") {
    auto compiled = engine_test::compile_text(R"(
rule r {
  for c in task.containerDefinitions
  deny c.privileged
})");
    engine_test::Documents documents;
    std::vector<document::TaskDefinition> tasks = {
        documents.add(R"({"family": "a-family-name-longer-than-sso", "containerDefinitions": [
          {"name": "x", "privileged": true}, {"name": "y", "privileged": true}]})",
                      "a/file/name/longer/than/sso.json"),
        documents.add(R"({"family": "another-family-name", "containerDefinitions": [
          {"name": "z", "privileged": true}]})",
                      "a/file/name/longer/than/sso.json")};
    const auto outcomes = driver::evaluate(compiled.program, tasks, {});
    REQUIRE(outcomes.size() == 3);
    CHECK(outcomes[0].family == "a-family-name-longer-than-sso");
    CHECK(&outcomes[0].family.str() == &outcomes[1].family.str());
    CHECK(&outcomes[0].origin.file.str() == &outcomes[1].origin.file.str());
    CHECK(outcomes[2].family == "another-family-name");
    CHECK(outcomes[2].origin.file == "a/file/name/longer/than/sso.json");
  }
}
