#include <doctest/doctest.h>

#include <random>

#include "interpreter/vm/vm.hpp"
#include "tests/unit/engine/engine_support.hpp"
#include "tests/unit/engine/reference_evaluator.hpp"

using namespace taskguard;

namespace {

// Random expressions over paths, literals, operators, quantifiers and builtins: the compiler
// and the VM must agree with the tree-walking reference on every one of them, errors included.
class ExpressionGenerator {
 public:
  explicit ExpressionGenerator(std::uint32_t seed) : random_(seed) {}

  std::string condition(int depth) {
    switch (pick(depth <= 0 ? 4 : 10)) {
      case 0:
        return comparison(depth);
      case 1:
        return path_bool();
      case 2:
        return pick(2) ? "true" : "false";
      case 3:
        return "has(" + path() + ")";
      case 4:
        return "(" + condition(depth - 1) + " and " + condition(depth - 1) + ")";
      case 5:
        return "(" + condition(depth - 1) + " or " + condition(depth - 1) + ")";
      case 6:
        return "not (" + condition(depth - 1) + ")";
      case 7: {
        const char* q[] = {"any", "all"};
        return std::string("(") + q[pick(2)] + " e in c.environment: " + env_condition(depth - 1) +
               ")";
      }
      case 8:
        return "((count e in c.environment: " + env_condition(depth - 1) + ") " +
               pick_of({"==", ">", "<="}) + " " + std::to_string(pick(3)) + ")";
      default:
        return "(" + value(depth - 1) + " in " + list(depth - 1) + ")";
    }
  }

 private:
  int pick(int n) { return static_cast<int>(random_() % static_cast<std::uint32_t>(n)); }
  std::string pick_of(std::initializer_list<const char*> options) {
    auto it = options.begin();
    std::advance(it, pick(static_cast<int>(options.size())));
    return *it;
  }
  std::string path() {
    return pick_of({"c.name", "c.user", "c.privileged", "c.essential", "c.memory", "c.image",
                    "task.family", "task.networkMode", "task.cpu", "task.pidMode",
                    "c.logConfiguration.logDriver", "c.dockerLabels.team",
                    "task.runtimePlatform.operatingSystemFamily", "c.environment[0].value",
                    "c.command[1]", "c.environment"});
  }
  std::string path_bool() {
    return pick_of({"c.privileged", "c.essential", "c.readonlyRootFilesystem"});
  }
  std::string literal() {
    return pick_of({"null", "true", "false", "0", "512", "-1.5", "\"app\"", "\"root\"", "\"\"",
                    "\"bridge\"", "\"web\"", "\"AWS\"", "[]", "[\"a\", 1]"});
  }
  std::string value(int depth) {
    switch (pick(depth <= 0 ? 2 : 6)) {
      case 0:
        return path();
      case 1:
        return literal();
      case 2:
        return "lower(" + path() + ")";
      case 3:
        return "len(" + path() + ")";
      case 4:
        return "(" + value(depth - 1) + " + " + value(depth - 1) + ")";
      default:
        return "\"x{" + path() + "}y\"";
    }
  }
  std::string list(int depth) {
    if (pick(2)) return "[" + literal() + ", " + value(depth) + "]";
    return pick_of({"c.command", "c.environment", "[\"app\", \"web\"]", "task.family"});
  }
  std::string comparison(int depth) {
    const std::string op = pick_of({"==", "!=", "<", ">=", "matches"});
    if (op == "matches")
      return "(" + value(depth) + " matches /" + pick_of({"^a", "o+t", "b.*e", "^$"}) + "/)";
    return "(" + value(depth) + " " + op + " " + value(depth) + ")";
  }
  std::string env_condition(int depth) {
    switch (pick(depth <= 0 ? 3 : 5)) {
      case 0:
        return "e.name == \"MODE\"";
      case 1:
        return "e.value matches /^[a-z]+$/";
      case 2:
        return "lower(e.name) in [\"mode\", \"db_password\"]";
      case 3:
        return "(" + env_condition(depth - 1) + " and " + condition(0) + ")";
      default:
        return "(" + env_condition(depth - 1) + " or " + condition(0) + ")";
    }
  }
  std::mt19937 random_;
};

const char* kDocuments[] = {
    R"({"family": "web", "networkMode": "awsvpc", "cpu": "256", "containerDefinitions": [
      {"name": "app", "image": "nginx", "privileged": true, "memory": 512, "user": "root",
       "command": ["run", "fast"], "dockerLabels": {"team": "core"},
       "environment": [{"name": "MODE", "value": "prod"}, {"name": "DB_PASSWORD", "value": "Hunter2"}]},
      {"name": "side", "image": "envoy", "essential": false, "environment": []}]})",
    R"({"family": "api", "cpu": {"$unknown": "!Ref Cpu"}, "containerDefinitions": [
      {"name": {"$unknown": "!Sub ${Env}-app"}, "image": "x", "memory": "lots",
       "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g"}},
       "environment": [{"name": "MODE", "value": {"$unknown": "!Ref Mode"}}, {"name": "B"}]},
      {"name": "root", "user": {"$unknown": "known after apply"}, "command": "not-a-list"}]})",
    R"({"containerDefinitions": []})",
};

std::string describe(Status s, const std::string& pointer, const std::string& message) {
  return std::string(status_name(s)) + " @" + pointer + " " + message;
}

}  // namespace

TEST_SUITE("engine") {
  TEST_CASE("differential: compiled bytecode agrees with the reference evaluator") {
    ExpressionGenerator generator(20261129);
    engine_test::Documents documents;
    std::vector<document::TaskDefinition> tasks;
    for (const char* d : kDocuments)
      tasks.push_back(documents.add(d));

    constexpr int kExpressions = 2500;
    constexpr int kPerProgram = 50;  // rules compiled together share the pools
    int compared = 0;
    for (int batch = 0; batch < kExpressions / kPerProgram; ++batch) {
      std::string source;
      for (int i = 0; i < kPerProgram; ++i) {
        const std::string guard = generator.condition(1);
        source += "rule r" + std::to_string(i) +
                  " {\n  for c in task.containerDefinitions\n  when " +
                  (i % 3 == 0 ? guard : "true") + "\n  " + (i % 2 ? "deny " : "require ") +
                  generator.condition(3) + "\n  message \"{c.name} {c.user}\"\n  at c.user\n}\n";
      }
      auto compiled = engine_test::compile_text(source);
      vm::Vm machine(compiled.program, {}, 1'000'000);
      for (const document::TaskDefinition& task : tasks) {
        for (std::size_t r = 0; r < compiled.program->rules().size(); ++r) {
          std::vector<Outcome> outcomes;
          vm::OutcomeSink sink{outcomes, true, 0, 0};
          machine.evaluate(r, task, sink);
          const auto expected = engine_test::reference_evaluate(*compiled.checked, r, task);
          std::vector<std::string> got;
          std::vector<std::string> want;
          for (const auto& o : outcomes) {
            got.push_back(describe(o.status, o.location.pointer, o.message));
          }
          for (const auto& o : expected) {
            want.push_back(describe(o.status, o.pointer, o.message));
          }
          if (got != want) {
            const ast::Rule& rule = *compiled.checked->rules[r];
            MESSAGE("rule source line " << rule.range.begin.line << " of:\n" << source);
          }
          REQUIRE(got == want);
          ++compared;
        }
        machine.end_document();
      }
    }
    CHECK(compared == kExpressions * 3);
  }
}
