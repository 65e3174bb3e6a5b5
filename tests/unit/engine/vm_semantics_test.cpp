#include <doctest/doctest.h>

#include "interpreter/loaders/load.hpp"
#include "interpreter/value/operators.hpp"
#include "language/bytecode/chunk.hpp"
#include "language/bytecode/disassembler.hpp"
#include "language/bytecode/verifier.hpp"
#include "stdlib/text/regex.hpp"
#include "tests/unit/engine/engine_support.hpp"

using namespace taskguard;
using engine_test::deny_status;
using engine_test::run;
using engine_test::statuses;

namespace {

// cpu is unknown (a CloudFormation !Ref); family is "web".
const char* kDocument = R"({
  "family": "web",
  "cpu": {"$unknown": "!Ref TaskCpu"},
  "containerDefinitions": [
    {"name": "app", "image": "nginx", "privileged": true,
     "environment": [{"name": "DB_PASSWORD", "value": "hunter2"}, {"name": "MODE", "value": "x"}]},
    {"name": "sidecar", "image": "envoy", "user": "1000"}
  ]
})";

// Non-foldable true, false and unknown operands.
const char* T = "task.family == \"web\"";
const char* F = "task.family == \"api\"";
const char* U = "task.cpu == \"256\"";

Status expected(int v) {
  return v == 1 ? Status::Fail : v == 0 ? Status::Pass : Status::Unknown;
}

}  // namespace

TEST_SUITE("engine") {
  TEST_CASE("Kleene and/or/not truth tables, short-circuit included") {
    const char* operand[3] = {F, T, U};  // 0 false, 1 true, 2 unknown
    // Kleene: and = min, or = max with false < unknown < true.
    auto rank = [](int v) { return v == 0 ? 0 : v == 2 ? 1 : 2; };
    auto unrank = [](int r) { return r == 0 ? 0 : r == 1 ? 2 : 1; };
    for (int a = 0; a < 3; ++a) {
      for (int b = 0; b < 3; ++b) {
        const std::string l = std::string("(") + operand[a] + ")";
        const std::string r = std::string("(") + operand[b] + ")";
        CAPTURE(l);
        CAPTURE(r);
        CHECK(deny_status(l + " and " + r, kDocument) ==
              expected(unrank(std::min(rank(a), rank(b)))));
        CHECK(deny_status(l + " or " + r, kDocument) ==
              expected(unrank(std::max(rank(a), rank(b)))));
      }
      const std::string negated = std::string("not (") + operand[a] + ")";
      CHECK(deny_status(negated, kDocument) == expected(a == 2 ? 2 : 1 - a));
    }
  }

  TEST_CASE("constant operands fold without changing the answer") {
    CHECK(deny_status(std::string("false and ") + U, kDocument) == Status::Pass);
    CHECK(deny_status(std::string("true or ") + U, kDocument) == Status::Fail);
    CHECK(deny_status(std::string("true and ") + U, kDocument) == Status::Unknown);
    CHECK(deny_status("1 + 2 * 3 == 7", kDocument) == Status::Fail);
    CHECK(deny_status("\"a\" in [\"b\", \"a\"]", kDocument) == Status::Fail);
  }

  TEST_CASE("quantifiers follow Kleene logic over unknown elements") {
    const char* doc = R"({"family": "f", "containerDefinitions": [
        {"name": "a", "user": "root"}, {"name": "b", "user": {"$unknown": "!Ref User"}}]})";
    CHECK(deny_status("any c in task.containerDefinitions: c.user == \"root\"", doc) ==
          Status::Fail);
    CHECK(deny_status("any c in task.containerDefinitions: c.user == \"nobody\"", doc) ==
          Status::Unknown);
    CHECK(deny_status("all c in task.containerDefinitions: c.user == \"nobody\"", doc) ==
          Status::Pass);
    CHECK(deny_status("all c in task.containerDefinitions: c.name != \"\"", doc) == Status::Fail);
    CHECK(deny_status("(count c in task.containerDefinitions: c.name == \"a\") == 1", doc) ==
          Status::Fail);
    CHECK(deny_status("(count c in task.containerDefinitions: c.user == \"root\") > 0", doc) ==
          Status::Unknown);
  }

  TEST_CASE("one outcome per binding, in binding order, with the binding's location") {
    auto outcomes = run(R"(
@id("T-1") @title("No privileged containers")
rule no-privileged {
  for c in task.containerDefinitions
  deny c.privileged
  message "container '{c.name}' is privileged"
})",
                        kDocument);
    REQUIRE(outcomes.size() == 2);
    CHECK(outcomes[0].status == Status::Fail);
    CHECK(outcomes[0].message == "container 'app' is privileged");
    CHECK(outcomes[0].location.pointer == "/containerDefinitions/0");
    CHECK(outcomes[0].container == "app");
    CHECK(outcomes[0].family == "web");
    CHECK(outcomes[0].rule->id == "T-1");
    // The sidecar does not write `privileged`: the schema default (false) applies.
    CHECK(outcomes[1].status == Status::Pass);
    CHECK(outcomes[1].location.pointer == "/containerDefinitions/1");
    CHECK(outcomes[1].container == "sidecar");
  }

  TEST_CASE("defaults apply to absent fields; has() tells whether the field was written") {
    const char* doc = R"({"family": "f", "containerDefinitions": [{"name": "a"}]})";
    CHECK(deny_status("task.networkMode == \"bridge\"", doc) == Status::Fail);
    CHECK(deny_status("has(task.networkMode)", doc) == Status::Pass);
    CHECK(deny_status("task.containerDefinitions[0].essential", doc) == Status::Fail);
    // A list field defaults to the empty list, a field without default to null.
    CHECK(deny_status("len(task.containerDefinitions[0].environment) == 0", doc) == Status::Fail);
    CHECK(deny_status("task.containerDefinitions[0].user == null", doc) == Status::Fail);
    // Null-safe paths: absent struct, then a field of it.
    CHECK(deny_status("task.runtimePlatform.operatingSystemFamily == null", doc) == Status::Fail);
    // Out of range index → null.
    CHECK(deny_status("task.containerDefinitions[5] == null", doc) == Status::Fail);
  }

  TEST_CASE("functions are inlined with their arguments' types, so defaults still apply") {
    auto outcomes =
        run(R"(
fn is_privileged(c) = c.privileged or c.user == "root"
rule r {
  for c in task.containerDefinitions
  deny is_privileged(c)
})",
            R"({"containerDefinitions": [{"name": "a"}, {"name": "b", "user": "root"}]})");
    CHECK(statuses(outcomes) == std::vector<Status>{Status::Pass, Status::Fail});
  }

  TEST_CASE("a binding or parameter passed to a function is read in place, not copied") {
    const std::string source = R"(
fn root_like(u) = u == "root" or u == "0"
fn runs_as_root(c, n) = root_like(c.user) and n >= 0
rule r {
  for c in task.containerDefinitions
  for i in [1, -1]
  deny runs_as_root(c, i) and (any x in [c.user]: root_like(x))
})";
    // Only the computed argument c.user is stored; c, i and x are read where they are.
    const std::string code = bytecode::disassemble(*engine_test::compile_text(source).program);
    std::size_t stores = 0;
    for (std::size_t at = code.find("StoreLocal"); at != std::string::npos;
         at = code.find("StoreLocal", at + 1)) {
      ++stores;
    }
    CHECK(stores == 1);  // c.user, the argument of root_like inside runs_as_root
    auto outcomes = run(source, R"({"containerDefinitions": [{"user": "0"}, {"user": "app"}]})");
    CHECK(statuses(outcomes) ==
          std::vector<Status>{Status::Fail, Status::Pass, Status::Pass, Status::Pass});
  }

  TEST_CASE("a field of a binding is one instruction, with the same defaults and errors") {
    const std::string source = R"(
rule r {
  for c in task.containerDefinitions
  for e in c.environment
  deny c.essential and e.value == "x"
  message "{c.name}: {e.name}"
})";
    const std::string code = bytecode::disassemble(*engine_test::compile_text(source).program);
    CHECK(code.find("GetLocalField   local 0  key") != std::string::npos);
    CHECK(code.find("LoadLocal ") == std::string::npos);
    // essential defaults to true; a field of a string binding is a runtime error.
    auto outcomes = run(source, R"({"containerDefinitions": [{"name": "a", "environment": [
        {"name": "A", "value": "x"}, {"name": "B", "value": "y"}]}]})");
    CHECK(statuses(outcomes) == std::vector<Status>{Status::Fail, Status::Pass});
    CHECK(outcomes[0].message == "a: A");
    auto error = run("rule r {\n  for s in [\"a\"]\n  deny s.name == \"b\"\n}\n", "{}");
    REQUIRE(error.size() == 1);
    CHECK(error[0].status == Status::Error);
    CHECK(error[0].message.find("cannot read field `name` of a string") != std::string::npos);
  }

  TEST_CASE("not_applicable when a guard is false or there is nothing to iterate") {
    auto guarded = run("rule r {\n when task.networkMode == \"host\"\n deny true\n}\n", kDocument);
    REQUIRE(guarded.size() == 1);
    CHECK(guarded[0].status == Status::NotApplicable);
    CHECK(guarded[0].location.pointer == "");
    auto empty = run("rule r {\n for c in task.containerDefinitions\n deny true\n}\n",
                     R"({"family": "f", "containerDefinitions": []})");
    CHECK(statuses(empty) == std::vector<Status>{Status::NotApplicable});
    auto dead = run("rule r {\n when false\n deny true\n}\n", kDocument);
    CHECK(statuses(dead) == std::vector<Status>{Status::NotApplicable});
  }

  TEST_CASE("an unknown guard or collection gives an unknown outcome with its reason") {
    auto guard = run("rule r {\n when task.cpu == \"256\"\n deny true\n}\n", kDocument);
    REQUIRE(guard.size() == 1);
    CHECK(guard[0].status == Status::Unknown);
    CHECK(guard[0].unknown_reason == "!Ref TaskCpu");
    auto collection = run("rule r {\n for c in task.containerDefinitions\n deny true\n}\n",
                          R"({"containerDefinitions": {"$unknown": "!Ref Containers"}})");
    REQUIRE(collection.size() == 1);
    CHECK(collection[0].status == Status::Unknown);
    CHECK(collection[0].location.pointer == "/containerDefinitions");
  }

  TEST_CASE("a runtime error is an error outcome for that binding only") {
    auto outcomes = run(
        R"(
rule r {
  for c in task.containerDefinitions
  deny c.memory > 100
})",
        R"({"containerDefinitions": [{"name": "a", "memory": "lots"}, {"name": "b", "memory": 512}]})");
    REQUIRE(outcomes.size() == 2);
    CHECK(outcomes[0].status == Status::Error);
    CHECK(outcomes[0].message.find("cannot order") != std::string::npos);
    CHECK(outcomes[1].status == Status::Fail);
  }

  TEST_CASE("an error in a loop body errs on to that loop's next binding, at every depth") {
    const std::string source = R"(
rule r {
  for c in task.containerDefinitions
  when c.cpu > 0
  for e in c.environment
  deny e.value > "m"
})";
    // One Try for the whole rule: each loop's ForNextTry is the handler of its own body.
    const std::string code = bytecode::disassemble(*engine_test::compile_text(source).program);
    CHECK(code.find("  Try  ") != std::string::npos);
    CHECK(code.find("  Try  ") == code.rfind("  Try  "));
    CHECK(code.find("ForNextTry") != code.rfind("ForNextTry"));
    auto outcomes = run(source, R"({"containerDefinitions": [
      {"name": "a", "cpu": "x", "environment": [{"name": "A", "value": "z"}]},
      {"name": "b", "cpu": 1, "environment": [{"name": "B", "value": 1}, {"name": "C", "value": "z"}]},
      {"name": "c", "cpu": 2, "environment": [{"name": "D", "value": "a"}]}]})");
    // a: the guard errs (string > number); b: B errs, C fails; c: D passes.
    CHECK(statuses(outcomes) ==
          std::vector<Status>{Status::Error, Status::Error, Status::Fail, Status::Pass});
  }

  TEST_CASE("a loop-invariant call is computed once per rule evaluation") {
    const std::string source = R"(
fn named(t) = count x in t.containerDefinitions: x.name != ""
rule r {
  for c in task.containerDefinitions
  deny named(task) > 1 and c.name == "c7"
})";
    const std::string code = bytecode::disassemble(*engine_test::compile_text(source).program);
    CHECK(code.find("LoadCached") != std::string::npos);
    CHECK(code.find("LoadCached") == code.rfind("LoadCached"));
    std::string containers;
    for (int i = 0; i < 30; ++i)
      containers += std::string(i == 0 ? "" : ",") + R"({"name": "c)" + std::to_string(i) + R"("})";
    const std::string doc = R"({"containerDefinitions": [)" + containers + "]}";
    // Counting 30 names costs some 200 steps: once per binding would exceed this budget.
    driver::EvaluationOptions options;
    options.step_budget = 1500;
    const auto outcomes = run(source, doc, options);
    REQUIRE(outcomes.size() == 30);
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      CAPTURE(i);
      CHECK(outcomes[i].status == (i == 7 ? Status::Fail : Status::Pass));
    }
  }

  TEST_CASE("a cached computation that fails fails again for every binding") {
    const auto outcomes =
        run(R"(
rule r {
  for c in task.containerDefinitions
  deny any x in task.memory: x == 1
})",
            R"({"memory": 512, "containerDefinitions": [{"name": "a"}, {"name": "b"}]})");
    REQUIRE(outcomes.size() == 2);
    for (const Outcome& o : outcomes) {
      CHECK(o.status == Status::Error);
      CHECK(o.message.find("cannot iterate over a number") != std::string::npos);
    }
  }

  TEST_CASE("every binding that reads a cached value resting on a parameter default is assumed") {
    const document::LoadedFile file = loaders::load_text(R"(
Parameters:
  Cpu: {Type: String, Default: 512}
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Cpu: !Ref Cpu
      ContainerDefinitions:
        - {Name: a, Image: x}
        - {Name: b, Image: x}
)",
                                                         "stack.yaml");
    REQUIRE(file.task_definitions.size() == 1);
    const auto compiled = engine_test::compile_text(R"(
rule r {
  for c in task.containerDefinitions
  deny c.name != "" and to_number(task.cpu) > 256
})");
    driver::EvaluationOptions options;
    options.threads = 1;
    const auto outcomes = driver::evaluate(compiled.program, file.task_definitions, options);
    REQUIRE(outcomes.size() == 2);
    for (const Outcome& o : outcomes) {
      CHECK(o.status == Status::Fail);
      CHECK(o.assumed);
    }
  }

  TEST_CASE("the verifier refuses a ForNextTry (an error handler) above an empty stack") {
    bytecode::ChunkWriter writer;
    const bytecode::ChunkWriter::Label end = writer.new_label();
    writer.emit(bytecode::Opcode::PushNull);
    writer.emit(bytecode::Opcode::ForNextTry, 0, 0, end);
    writer.bind(end);
    writer.emit(bytecode::Opcode::Halt);
    const std::vector<std::uint8_t> code = writer.finish();
    bytecode::VerifierLimits limits;
    limits.locals = 1;
    limits.iterators = 1;
    const bytecode::VerifierResult result = bytecode::verify(code, limits);
    CHECK_FALSE(result.ok);
    CHECK(result.error.find("empty operand stack") != std::string::npos);
  }

  TEST_CASE("`at` points at the field, or its nearest present ancestor") {
    auto outcomes = run(R"(
rule r {
  for c in task.containerDefinitions
  for e in c.environment
  deny e.name matches /PASSWORD/
  at e.value
})",
                        kDocument);
    REQUIRE(outcomes.size() == 2);
    CHECK(outcomes[0].status == Status::Fail);
    CHECK(outcomes[0].location.pointer == "/containerDefinitions/0/environment/0/value");
    CHECK(outcomes[0].container == "app");
    CHECK(outcomes[0].location.line > 0);
    auto absent = run("rule r {\n for c in task.containerDefinitions\n deny true\n at c.user\n}\n",
                      kDocument);
    REQUIRE(absent.size() == 2);
    CHECK(absent[0].location.pointer == "/containerDefinitions/0");  // no user: the container
    CHECK(absent[1].location.pointer == "/containerDefinitions/1/user");
  }

  TEST_CASE("messages are only built for findings and print unknown, null and lists") {
    auto outcomes = run(R"(
rule r {
  require task.family == "web"
  message "cpu={task.cpu} user={task.pidMode} list={[1, "a"]}"
})",
                        R"({"family": "api", "cpu": {"$unknown": "x"}})");
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].status == Status::Fail);
    CHECK(outcomes[0].message == "cpu=<unknown> user=null list=[1, \"a\"]");
  }

  TEST_CASE("each finding has its own message; a rule without one, its title; a pass, none") {
    // Messages are built in one buffer the VM keeps: a shorter message after a longer one must
    // not keep the longer one's tail, and a rule without a message must not inherit the last.
    auto outcomes = run(R"(
rule long-then-short {
  for c in task.containerDefinitions
  deny c.name != "b"
  message "container {c.name} is not b"
}
@title("The task has no family named x")
rule titled {
  deny task.family != "x"
})",
                        R"({"family": "web", "containerDefinitions": [
                              {"name": "a-very-long-container-name"}, {"name": "b"},
                              {"name": "c"}]})");
    REQUIRE(outcomes.size() == 4);
    CHECK(outcomes[0].message == "container a-very-long-container-name is not b");
    CHECK(outcomes[1].status == Status::Pass);
    CHECK(outcomes[1].message.empty());
    CHECK(outcomes[2].message == "container c is not b");
    CHECK(outcomes[3].status == Status::Fail);
    CHECK(outcomes[3].message == "The task has no family named x");
  }

  TEST_CASE("parameters take their defaults or --param overrides, checked by type") {
    const std::string source = R"(
param allowed = ["nginx"]
rule r {
  for c in task.containerDefinitions
  require c.image in allowed
})";
    CHECK(statuses(run(source, kDocument)) == std::vector<Status>{Status::Pass, Status::Fail});
    driver::EvaluationOptions options;
    options.parameters["allowed"] = nlohmann::json::array({"nginx", "envoy"});
    CHECK(statuses(run(source, kDocument, options)) ==
          std::vector<Status>{Status::Pass, Status::Pass});
    options.parameters["allowed"] = "nginx";
    CHECK_THROWS_AS(run(source, kDocument, options), driver::OptionsError);
    driver::EvaluationOptions unknown_name;
    unknown_name.parameters["nope"] = 1;
    CHECK_THROWS_AS(run(source, kDocument, unknown_name), driver::OptionsError);
  }

  TEST_CASE("builtins: split, split_any, lower and upper build their results at run time") {
    CHECK(deny_status("split(task.family + \"-a--b\", \"-\") == [\"web\", \"a\", \"\", \"b\"]",
                      kDocument) == Status::Fail);
    CHECK(deny_status("split_any(upper(task.family) + \":x/y\", \":/\") == [\"WEB\", \"x\", \"y\"]",
                      kDocument) == Status::Fail);
    CHECK(deny_status("split(task.family, \"\") == [\"w\", \"e\", \"b\"]", kDocument) ==
          Status::Fail);
    CHECK(deny_status("lower(upper(task.family)) == task.family", kDocument) == Status::Fail);
    // Two splits in one expression: the second does not overwrite the first one's list.
    CHECK(deny_status("split(task.family + \",1\", \",\")[1] == \"1\" and "
                      "split(task.family + \",2\", \",\")[1] == \"2\" and "
                      "split(task.family + \",1\", \",\") != split(task.family + \",2\", \",\")",
                      kDocument) == Status::Fail);
  }

  TEST_CASE("builtins: unknown propagates except through is_unknown and has") {
    CHECK(deny_status("lower(task.family) == \"web\"", kDocument) == Status::Fail);
    CHECK(deny_status("lower(task.cpu) == \"x\"", kDocument) == Status::Unknown);
    CHECK(deny_status("is_unknown(task.cpu)", kDocument) == Status::Fail);
    CHECK(deny_status("has(task.cpu)", kDocument) == Status::Fail);
    CHECK(deny_status("arn.parse(\"arn:aws:iam::123456789012:role/app\").account == "
                      "\"123456789012\"",
                      kDocument) == Status::Fail);
  }

  TEST_CASE("coalesce: a null value gives way to the second; an unknown one does not") {
    // kDocument: family "web", cpu unknown, no pidMode (null: no schema default).
    CHECK(deny_status("coalesce(task.family, \"x\") == \"web\"", kDocument) == Status::Fail);
    CHECK(deny_status("coalesce(task.pidMode, \"x\") == \"x\"", kDocument) == Status::Fail);
    CHECK(deny_status("coalesce(task.cpu, \"x\") == \"x\"", kDocument) == Status::Unknown);
    CHECK(deny_status("coalesce(task.pidMode, task.cpu) == \"x\"", kDocument) == Status::Unknown);
    // A value it does not need cannot make it unknown.
    CHECK(deny_status("coalesce(task.family, task.cpu) == \"web\"", kDocument) == Status::Fail);
    // A schema default is a value: networkMode reads "bridge" when absent.
    CHECK(deny_status("coalesce(task.networkMode, \"x\") == \"bridge\"", kDocument) ==
          Status::Fail);
    auto outcomes = run(R"(
rule r {
  for c in task.containerDefinitions
  deny c.user != "1000"
  message "{c.name} runs as {coalesce(c.user, "the image's user")}"
})",
                        kDocument);
    REQUIRE(outcomes.size() == 2);
    CHECK(outcomes[0].message == "app runs as the image's user");
    CHECK(outcomes[1].status == Status::Pass);
  }

  TEST_CASE("regex matching against a regex literal and a string parameter") {
    CHECK(deny_status("task.family matches /^w/", kDocument) == Status::Fail);
    auto outcomes =
        run("param p = \"^w.b$\"\nrule r {\n deny task.family matches p\n}\n", kDocument);
    CHECK(statuses(outcomes) == std::vector<Status>{Status::Fail});
  }

  TEST_CASE("each VM compiles a program's regex constants itself, once") {
    // A regex object searched by two threads would share RE2's lock between their cores.
    const engine_test::Compiled c =
        engine_test::compile_text("rule r {\n deny task.family matches /^w.b$/\n}\n");
    const program::RegexConstant* regex = nullptr;
    for (std::uint32_t i = 0; i < c.program->constants().size(); ++i) {
      if (c.program->regex(i) != nullptr) regex = c.program->regex(i);
    }
    REQUIRE(regex != nullptr);
    CHECK(regex->pattern == "^w.b$");
    vm::RegexCache one;
    vm::RegexCache other;
    const text::FilteredRegex& first = one.get(*regex);
    CHECK(&one.get(*regex) == &first);
    CHECK(&other.get(*regex) != &first);
    CHECK(first.partial_match("web"));
    CHECK(!other.get(*regex).partial_match("wet"));
  }

  TEST_CASE("the step budget stops a runaway rule with an error outcome") {
    std::string containers;
    for (int i = 0; i < 200; ++i) {
      containers += (i ? "," : "") + std::string(R"({"name": "c)") + std::to_string(i) + "\"}";
    }
    const std::string doc = "{\"containerDefinitions\": [" + containers + "]}";
    const std::string source = R"(
rule quadratic {
  deny any a in task.containerDefinitions: any b in task.containerDefinitions:
       any c in task.containerDefinitions: a.name == "x" and b.name == c.name and false
})";
    driver::EvaluationOptions options;
    options.step_budget = 100'000;
    auto outcomes = run(source, doc, options);
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].status == Status::Error);
    CHECK(outcomes[0].message.find("step budget") != std::string::npos);
  }
}
