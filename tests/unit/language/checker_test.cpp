// The checker, against the real task-definition schema: every diagnostic with its message and
// position, and the tables and metadata it fills in for the compiler.
#include <doctest/doctest.h>

#include <filesystem>

#include "language/frontend/frontend.hpp"
#include "stdlib/builtins/catalog.hpp"

namespace taskguard {
namespace {

const char* kHeader =
    "# checker test\n"
    "package acme.test\n"
    "import std.secrets\n";

// Rule boilerplate: the metadata every rule needs, so tests state only what they are about.
std::string rule(std::string_view name, std::string_view body, std::string_view id = "") {
  return "@id(\"" + std::string(id.empty() ? name : id) +
         "\") @title(\"t\") @severity(low)\nrule " + std::string(name) + " {\n" +
         std::string(body) + "\n}\n";
}

struct Result {
  std::optional<checker::CheckedProgram> program;
  diagnostics::DiagnosticList diagnostics;

  // "line:col message" of each diagnostic of the given level.
  std::vector<std::string> list(diagnostics::Level level) const {
    std::vector<std::string> out;
    for (const auto& d : diagnostics.items()) {
      if (d.level != level) continue;
      out.push_back(std::to_string(d.range.begin.line) + ":" +
                    std::to_string(d.range.begin.column) + " " + d.message);
    }
    return out;
  }
  std::vector<std::string> errors() const { return list(diagnostics::Level::Error); }
  std::vector<std::string> warnings() const { return list(diagnostics::Level::Warning); }
  std::string first_hint() const {
    for (const auto& d : diagnostics.items()) {
      if (!d.hint.empty()) return d.hint;
    }
    return {};
  }
};

Result check_sources(std::vector<std::pair<std::string, std::string>> files) {
  Result r;
  r.program = frontend::load_sources(files, r.diagnostics);
  return r;
}

Result check_one(const std::string& body) {
  return check_sources({{"t.tg", std::string(kHeader) + body}});
}

std::string one_error(const std::string& body) {
  const Result r = check_one(body);
  const auto e = r.errors();
  if (e.size() != 1) {
    std::string all;
    for (const auto& x : e)
      all += x + " | ";
    return std::to_string(e.size()) + " errors: " + all;
  }
  return e[0];
}

}  // namespace

TEST_SUITE("language") {
  TEST_CASE("checker: a correct policy checks and fills in the tables") {
    const Result r = check_one(
        "let ROOT = [\"0\", \"root\"]\n"
        "param allowed = [\"public.ecr.aws\"]\n"
        "fn is_root(u) = u in ROOT\n" +
        rule("r1",
             "  when task.networkMode == \"host\"\n"
             "  for c in task.containerDefinitions\n"
             "  for e in c.environment\n"
             "  deny is_root(c.user) or secrets.kind(e.value) != null or c.image in allowed\n"
             "  message \"container '{c.name}' sets {e.name}\"\n"
             "  at e.value"));
    CHECK(r.errors().empty());
    CHECK(r.warnings().empty());
    REQUIRE(r.program.has_value());
    const auto& p = *r.program;
    REQUIRE(p.rules.size() == 1);
    CHECK(p.constants.size() == 2);
    CHECK(p.functions.size() == 1);
    const ast::Rule& rule = *p.rules[0];
    CHECK(rule.slot_count == 2);
    CHECK(rule.clauses[1].slot == 0);
    CHECK(rule.clauses[2].slot == 1);
    CHECK(p.metadata[0].id == "r1");
    CHECK(p.metadata[0].package == "acme.test");
    CHECK(p.metadata[0].severity == Severity::Low);
    CHECK(p.metadata[0].parameters == std::vector<std::string>{"allowed"});
    CHECK(p.metadata[0].line == 8);
    const auto& condition = std::get<ast::Binary>(rule.condition->node);
    const auto& left = std::get<ast::Binary>(condition.left->node);
    const auto& call = std::get<ast::Call>(left.left->node);
    CHECK(call.target == ast::Call::Target::Function);
    CHECK(call.target_index == 0);
    const auto& kind_call = std::get<ast::Call>(std::get<ast::Binary>(left.right->node).left->node);
    CHECK(kind_call.target == ast::Call::Target::Builtin);
    CHECK(kind_call.target_index == *builtins::find("secrets.kind"));
    CHECK(rule.condition->type.is(Type::Kind::Bool));
    const auto& fn_body = std::get<ast::Binary>(p.functions[0]->body->node);
    CHECK(std::get<ast::Name>(fn_body.left->node).kind == ast::NameKind::FnParam);
    CHECK(std::get<ast::Name>(fn_body.right->node).kind == ast::NameKind::Constant);
    CHECK(std::get<ast::Name>(fn_body.right->node).slot == 0);
  }

  TEST_CASE("checker: unknown fields, with did-you-mean") {
    CHECK(one_error(rule("r", "  for c in task.containerDefinitions\n  deny c.privilegd")) ==
          "7:10 unknown field `privilegd` on ContainerDefinition");
    const Result r =
        check_one(rule("r", "  for c in task.containerDefinitions\n  deny c.privilegd"));
    CHECK(r.first_hint() == "did you mean `privileged`?");
    CHECK(one_error(rule("r", "  deny task.netwrkMode == \"host\"")) ==
          "6:13 unknown field `netwrkMode` on TaskDefinition");
  }

  TEST_CASE("checker: map-typed fields accept any key") {
    const Result r = check_one(rule(
        "r", "  for c in task.containerDefinitions\n  deny c.dockerLabels[\"com.x-y\"] == \"a\""));
    CHECK(r.errors().empty());
  }

  TEST_CASE("checker: values outside an enum") {
    CHECK(one_error(rule("r", "  deny task.networkMode == \"hosts\"")) ==
          "6:28 \"hosts\" is not a possible value of `networkMode`, so this comparison can never "
          "hold");
    const Result r = check_one(rule("r", "  deny task.networkMode == \"hosts\""));
    CHECK(r.first_hint().find("did you mean `host`?") == 0);
    CHECK(r.first_hint().find("\"awsvpc\"") != std::string::npos);
    CHECK(one_error(rule("r", "  deny task.networkMode in [\"host\", \"bridged\"]")) ==
          "6:37 \"bridged\" is not a possible value of `networkMode`, so this comparison can "
          "never hold");
  }

  TEST_CASE("checker: type mismatches") {
    CHECK(one_error(
              rule("r", "  for c in task.containerDefinitions\n  deny c.privileged == \"true\"")) ==
          "7:24 `==` compares `c.privileged` (bool) with a string: they are never equal");
    CHECK(one_error(rule(
              "r", "  for c in task.containerDefinitions\n  deny lower(c.environment) == \"x\"")) ==
          "7:14 `lower` expects a string as argument 1, but `c.environment` is a "
          "list<KeyValuePair>");
    CHECK(one_error(rule("r", "  for c in task.family\n  deny c == \"x\"")) ==
          "6:12 `for` needs a list to iterate, but `task.family` is a string");
    CHECK(one_error(rule("r", "  deny task.family")) ==
          "6:8 `deny` needs a condition (true or false), but `task.family` is a string");
    CHECK(one_error(rule("r", "  deny task.containerDefinitions.image == \"x\"")) ==
          "6:34 `task.containerDefinitions` is a list<ContainerDefinition>: a list has no field "
          "`image`");
    CHECK(one_error(rule("r", "  deny task.family matches 3")) ==
          "6:28 `matches` needs a regular expression like /^root$/, not a number");
    CHECK(one_error(rule("r", "  deny task.family matches /a(/")) ==
          "6:28 invalid regular expression: missing ): a(");
  }

  TEST_CASE("checker: names, imports and calls") {
    CHECK(one_error(rule("r", "  deny tsk.family == \"x\"")) == "6:8 unknown name `tsk`");
    CHECK(one_error(rule("r", "  deny arn.is_valid(task.taskRoleArn)")) ==
          "6:8 `arn` is not imported");
    CHECK(one_error(rule("r", "  deny secrets.kindd(task.family) == null")) ==
          "6:8 `std.secrets` has no function `kindd`");
    CHECK(one_error(rule("r", "  deny lowercase(task.family) == \"x\"")) ==
          "6:8 unknown function `lowercase`");
    CHECK(one_error(rule("r", "  deny lower(task.family, 1) == \"x\"")) ==
          "6:8 `lower` takes 1 argument, but 2 were given");
    CHECK(one_error("import std.secretz\n" + rule("r", "  deny true")) ==
          "4:1 there is no standard module `std.secretz`");
    CHECK(one_error("import acme.missing\n" + rule("r", "  deny true")) ==
          "4:1 package `acme.missing` not found; compile it together with --policy");
  }

  TEST_CASE("checker: shadowing, `at`, and `has`") {
    CHECK(one_error(rule("r",
                         "  for c in task.containerDefinitions\n  deny any c in "
                         "task.containerDefinitions: c.privileged")) ==
          "7:12 `c` is already defined; choose another name");
    CHECK(one_error(rule("r", "  deny true\n  at 1")) ==
          "7:6 `at` needs a path into the task definition, like `c.privileged`");
    CHECK(one_error(rule("r", "  deny has(\"x\")")) ==
          "6:12 `has` takes a field path, like `has(c.user)`");
  }

  TEST_CASE("checker: unused bindings, lets and params are warnings") {
    const Result r = check_one("let UNUSED = 1\nparam p = 2\n" +
                               rule("r",
                                    "  for c in task.containerDefinitions\n  deny any x in "
                                    "task.containerDefinitions: true"));
    CHECK(r.errors().empty());
    CHECK(r.program.has_value());
    CHECK(r.warnings() == std::vector<std::string>{
                              "9:12 variable `x` is never used", "8:7 binding `c` is never used",
                              "4:5 let `UNUSED` is never used", "5:7 param `p` is never used"});
  }

  TEST_CASE("checker: rule metadata is required and validated") {
    CHECK(check_one("rule r {\n deny true\n}\n").errors() ==
          std::vector<std::string>{"4:6 rule `r` has no `@id`", "4:6 rule `r` has no `@title`",
                                   "4:6 rule `r` has no `@severity`"});
    CHECK(one_error("@id(\"a\") @title(\"t\") @severity(hgh)\nrule r {\n deny true\n}\n") ==
          "4:22 `@severity` takes one of low, medium, high, critical");
    CHECK(one_error("@id(\"a\") @title(\"t\") @severity(low) @owasp_nhi(\"NHI11\")\nrule r {\n "
                    "deny true\n}\n") ==
          "4:48 \"NHI11\" is not an OWASP Non-Human Identities Top 10 id");
    CHECK(one_error("@id(\"a\") @title(\"t\") @severity(low) @nist_csf(\"PR.AA-5\")\nrule r {\n "
                    "deny true\n}\n") == "4:47 \"PR.AA-5\" is not a NIST CSF 2.0 subcategory id");
    CHECK(one_error("@id(\"a\") @title(\"t\") @severity(low) @remedation(\"x\")\nrule r {\n "
                    "deny true\n}\n") == "4:37 unknown annotation `@remedation`");
    const Result r = check_one(
        "@id(\"a\") @title(\"t\") @severity(low) @remedation(\"x\")\nrule r {\n deny true\n}\n");
    CHECK(r.first_hint() == "did you mean `remediation`?");
    CHECK(one_error("@id(\"x\") let a = 1\n" + rule("r", "  deny a == 1")) ==
          "4:1 `@id` cannot annotate a let; only @doc(\"...\") can");
  }

  TEST_CASE("checker: duplicate rule ids across files") {
    const Result r = check_sources({{"a.tg", "package p.a\n" + rule("one", "  deny true", "X-1")},
                                    {"b.tg", "package p.b\n" + rule("two", "  deny true", "X-1")}});
    REQUIRE(r.errors().size() == 1);
    CHECK(r.errors()[0] == "3:6 rule id \"X-1\" is already used by rule `one`");
    CHECK(r.first_hint() == "first declared at a.tg:3:6");
    CHECK(r.diagnostics.items()[0].file == "b.tg");
  }

  TEST_CASE("checker: recursion among functions is reported with its cycle") {
    CHECK(one_error("fn f(x) = g(x)\nfn g(y) = f(y)\n" + rule("r", "  deny f(1)")) ==
          "4:4 `f` depends on itself: f -> g -> f");
  }

  TEST_CASE("checker: packages import each other by name and alias") {
    const Result r = check_sources(
        {{"lib.tg", "package acme.lib\nlet NAMES = [\"a\"]\nfn bad(n) = n in NAMES\n" +
                        rule("lib-rule", "  deny false")},
         {"user.tg", "package acme.user\nimport acme.lib\nimport acme.lib as l2\n" +
                         rule("user-rule",
                              "  for c in task.containerDefinitions\n"
                              "  deny lib.bad(c.name) or c.name in l2.NAMES")}});
    CHECK(r.errors().empty());
    REQUIRE(r.program.has_value());
    CHECK(r.program->rules.size() == 2);
    const ast::Rule& user = *r.program->rules[1];
    const auto& cond = std::get<ast::Binary>(user.condition->node);
    CHECK(std::get<ast::Call>(cond.left->node).target == ast::Call::Target::Function);
    const auto& in = std::get<ast::Binary>(cond.right->node);
    const auto& resolved = std::get<ast::Name>(in.right->node);  // `l2.NAMES` became a Name
    CHECK(resolved.kind == ast::NameKind::Constant);
    CHECK(resolved.slot == 0);
  }

  TEST_CASE("checker: registered libraries are compiled in when imported") {
    frontend::register_library("acme.shared", "<acme.shared>",
                               "package acme.shared\nfn yes(x) = x == x\n");
    const Result r = check_sources(
        {{"u.tg", "package acme.u\nimport acme.shared as s\n" + rule("u", "  deny s.yes(1)")}});
    frontend::clear_libraries();
    CHECK(r.errors().empty());
    CHECK(r.program.has_value());
  }

  TEST_CASE("checker: the shipped policy pack checks without errors or warnings") {
    const std::string dir = TASKGUARD_SOURCE_DIR "/policies";
    if (!std::filesystem::exists(dir)) {
      MESSAGE("no policies/ folder");
      return;
    }
    diagnostics::DiagnosticList diags;
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() == ".tg") files.push_back(entry.path().string());
    }
    if (files.empty()) return;
    const auto program = frontend::load_policies(files, diags);
    for (const auto& d : diags.items()) {
      FAIL_CHECK(d.file, ":", d.range.begin.line, ":", d.range.begin.column, ": ", d.message);
    }
    REQUIRE(program.has_value());
    CHECK(program->rules.size() >= files.size());
    for (const auto& meta : program->metadata) {
      CHECK_FALSE(meta.id.empty());
      CHECK(meta.package.rfind("taskguard.", 0) == 0);
    }
  }
}

}  // namespace taskguard
