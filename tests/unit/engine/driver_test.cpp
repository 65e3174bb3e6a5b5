#include <doctest/doctest.h>

#include "tests/unit/engine/engine_support.hpp"

using namespace taskguard;

TEST_SUITE("engine") {
  TEST_CASE("many threads on one program give exactly the single-threaded outcomes, in order") {
    auto compiled = engine_test::compile_text(R"(
rule a {
  for c in task.containerDefinitions
  deny c.privileged or lower(c.name) == "bad"
  message "{c.name} in {task.family}"
}
rule b {
  when task.networkMode == "host"
  require all c in task.containerDefinitions: c.user != null
})");
    engine_test::Documents documents;
    std::vector<document::TaskDefinition> tasks;
    for (int i = 0; i < 600; ++i) {
      const std::string n = std::to_string(i);
      tasks.push_back(documents.add(
          R"({"family": "fam)" + n + R"(", "networkMode": ")" + (i % 3 == 0 ? "host" : "awsvpc") +
          R"(", "containerDefinitions": [{"name": ")" + (i % 5 == 0 ? "BAD" : "ok") +
          R"(", "privileged": )" + (i % 7 == 0 ? "true" : "false") + R"(}, {"name": "s)" + n +
          R"(", "user": "1"}]})"));
    }
    driver::EvaluationOptions single;
    single.threads = 1;
    const auto expected = driver::evaluate(compiled.program, tasks, single);
    REQUIRE(expected.size() == 600 * 3);
    for (unsigned threads : {2u, 4u, 8u}) {
      driver::EvaluationOptions many;
      many.threads = threads;
      const auto actual = driver::evaluate(compiled.program, tasks, many);
      REQUIRE(actual.size() == expected.size());
      bool same = true;
      for (std::size_t i = 0; i < actual.size(); ++i) {
        same = same && actual[i].status == expected[i].status &&
               actual[i].message == expected[i].message && actual[i].family == expected[i].family &&
               actual[i].location.pointer == expected[i].location.pointer;
      }
      CHECK(same);
    }
  }

  TEST_CASE(
      "list_every_outcome=false counts passes and not_applicable without materialising them; "
      "rule_filter selects") {
    auto compiled = engine_test::compile_text(
        "@id(\"X-1\") rule a {\n deny task.family == \"x\"\n}\n"
        "@id(\"X-2\") rule b {\n deny task.family == \"y\"\n}\n"
        "@id(\"X-3\") rule c {\n when task.family == \"q\"\n deny true\n}\n");
    engine_test::Documents documents;
    std::vector<document::TaskDefinition> tasks{documents.add(R"({"family": "x"})"),
                                                documents.add(R"({"family": "z"})")};
    driver::EvaluationOptions options;
    options.threads = 2;
    options.list_every_outcome = false;
    driver::Evaluator evaluator(compiled.program, options);
    const auto outcomes = evaluator.evaluate(tasks);
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].rule->id == "X-1");
    CHECK(evaluator.pass_count() == 3);
    CHECK(evaluator.not_applicable_count() == 2);  // X-3 applies to neither

    options.list_every_outcome = true;
    options.rule_filter = [](const RuleMetadata& m) { return m.id == "X-2"; };
    const auto filtered = driver::evaluate(compiled.program, tasks, options);
    REQUIRE(filtered.size() == 2);
    CHECK(filtered[0].rule->id == "X-2");
    CHECK(filtered[1].rule->id == "X-2");
  }

  TEST_CASE("record_pointers=false leaves out the JSON pointer, and only the pointer") {
    const std::string source = R"(
rule a {
  for c in task.containerDefinitions
  deny c.privileged
  message "{c.name}"
})";
    const std::string task =
        "{\"family\": \"f\",\n \"containerDefinitions\": [{\"name\": \"ok\"},\n"
        "  {\"name\": \"bad\", \"privileged\": true}]}";
    const auto with = engine_test::run(source, task);
    driver::EvaluationOptions options;
    options.record_pointers = false;
    const auto without = engine_test::run(source, task, options);
    REQUIRE(with.size() == 2);
    REQUIRE(without.size() == 2);
    CHECK(with[1].location.pointer == "/containerDefinitions/1");
    CHECK(with[1].location.line > with[0].location.line);  // the second container's line
    for (std::size_t i = 0; i < with.size(); ++i) {
      CAPTURE(i);
      CHECK(without[i].location.pointer.empty());
      CHECK(without[i].location.line == with[i].location.line);
      CHECK(without[i].location.column == with[i].location.column);
      CHECK(without[i].status == with[i].status);
      CHECK(without[i].message == with[i].message);
      CHECK(without[i].container == with[i].container);
    }
  }

  TEST_CASE("the streaming form hands over each task definition's outcomes in input order") {
    auto compiled = engine_test::compile_text("rule a {\n deny task.family == \"x\"\n}\n");
    engine_test::Documents documents;
    std::vector<document::TaskDefinition> tasks;
    for (int i = 0; i < 50; ++i)
      tasks.push_back(documents.add(R"({"family": "x"})"));
    driver::EvaluationOptions options;
    options.threads = 4;
    driver::Evaluator evaluator(compiled.program, options);
    std::vector<std::size_t> order;
    evaluator.evaluate(tasks, [&](std::vector<Outcome>&& outcomes) {
      REQUIRE(outcomes.size() == 1);
      order.push_back(outcomes[0].origin.index);
    });
    std::vector<std::size_t> expected(50);
    for (std::size_t i = 0; i < 50; ++i)
      expected[i] = i;
    CHECK(order == expected);
  }
}
