// Every construct of the language parses to the expected tree, with source ranges.
#include <doctest/doctest.h>

#include "language/parser/parser.hpp"
#include "tests/unit/language/ast_dump.hpp"

namespace taskguard {
namespace {

std::unique_ptr<ast::Module> parse_ok(std::string_view text) {
  diagnostics::DiagnosticList diags;
  auto module = parser::parse(text, "test.tg", diags);
  for (const auto& d : diags.items()) {
    FAIL_CHECK(d.range.begin.line, ":", d.range.begin.column, ": ", d.message);
  }
  return module;
}

// Parses `let x = <expr>` and dumps the expression.
std::string expr(std::string_view text) {
  auto module = parse_ok("let x = " + std::string(text) + "\n");
  REQUIRE(module->lets.size() == 1);
  return test::dump(*module->lets[0].value);
}

}  // namespace

TEST_SUITE("language") {
  TEST_CASE("literals") {
    CHECK(expr("null") == "null");
    CHECK(expr("true") == "true");
    CHECK(expr("false") == "false");
    CHECK(expr("42") == "42");
    CHECK(expr("1.5e3") == "1500");
    CHECK(expr(R"("a\"b\\c\n\u0041")") == "\"a\"b\\c\nA\"");
    CHECK(expr(R"(/^(0|root):\/x/)") == "/^(0|root):/x/");
    CHECK(expr("[1, \"a\", [true],]") == "(list 1 \"a\" (list true))");
    CHECK(expr("[]") == "(list)");
  }

  TEST_CASE("paths, indexes and calls") {
    CHECK(expr("task.networkMode") == "(. task networkMode)");
    CHECK(expr("task.containerDefinitions[0].image") ==
          "(. ([] (. task containerDefinitions) 0) image)");
    CHECK(expr(R"(c.dockerLabels["com.example-key"])") ==
          "([] (. c dockerLabels) \"com.example-key\")");
    CHECK(expr("lower(x)") == "(call lower x)");
    CHECK(expr("secrets.kind(e.value)") == "(call secrets.kind (. e value))");
    CHECK(expr("f()") == "(call f)");
    CHECK(expr("c.message") == "(. c message)");  // clause keywords are fine as field names
  }

  TEST_CASE("operator precedence and associativity") {
    CHECK(expr("a or b and not c") == "(or a (and b (not c)))");
    CHECK(expr("not a == b") == "(not (== a b))");
    CHECK(expr("a + b * c - d / e") == "(- (+ a (* b c)) (/ d e))");
    CHECK(expr("-a * b") == "(* (neg a) b)");
    CHECK(expr("a - b - c") == "(- (- a b) c)");
    CHECK(expr("x in [1, 2]") == "(in x (list 1 2))");
    CHECK(expr("x not in xs") == "(not-in x xs)");
    CHECK(expr("x not   in xs") == "(not-in x xs)");
    CHECK(expr("u matches /^root/") == "(matches u /^root/)");
    CHECK(expr("a != b") == "(!= a b)");
    CHECK(expr("a <= b or a >= b or a < b or a > b") ==
          "(or (or (or (<= a b) (>= a b)) (< a b)) (> a b))");
    CHECK(expr("(a or b) and c") == "(and (or a b) c)");
  }

  TEST_CASE("a slash is a regex where an operand is expected, else division") {
    CHECK(expr("a / b / c") == "(/ (/ a b) c)");
    CHECK(expr("a matches /b/") == "(matches a /b/)");
    CHECK(expr("[/x/, 1 / 2]") == "(list /x/ (/ 1 2))");
    CHECK(expr("a // a comment, not a regex\n") == "a");
  }

  TEST_CASE("quantifiers extend as far right as possible") {
    CHECK(expr("any c in task.containerDefinitions: c.privileged") ==
          "(any c (. task containerDefinitions) (. c privileged))");
    CHECK(expr("all x in xs: x > 1 and x < 5") == "(all x xs (and (> x 1) (< x 5)))");
    CHECK(expr("(count x in xs: x) > 2") == "(> (count x xs x) 2)");
    CHECK(expr("count(xs)") == "(call count xs)");  // not a quantifier without `v in`
    CHECK(expr("any") == "any");
  }

  TEST_CASE("package, imports, let, param, fn") {
    auto m = parse_ok(R"(package nhi.secrets
import std.secrets
import taskguard.isolation as iso
let NAME = /(?i)secret/
@doc("Registries images may come from")
param allowed = ["public.ecr.aws"]
fn is_root(u, v) = u == null or u in ["0", "root"]
)");
    CHECK(m->package == "nhi.secrets");
    CHECK(m->package_range.begin.column == 9);
    REQUIRE(m->imports.size() == 2);
    CHECK(m->imports[0].path == "std.secrets");
    CHECK(m->imports[0].alias.empty());
    CHECK(m->imports[1].path == "taskguard.isolation");
    CHECK(m->imports[1].alias == "iso");
    REQUIRE(m->lets.size() == 2);
    CHECK(m->lets[0].name == "NAME");
    CHECK_FALSE(m->lets[0].is_parameter);
    CHECK(m->lets[1].is_parameter);
    REQUIRE(m->lets[1].annotations.size() == 1);
    CHECK(m->lets[1].annotations[0].name == "doc");
    CHECK(test::dump(*m->lets[1].annotations[0].args[0]) == "\"Registries images may come from\"");
    REQUIRE(m->functions.size() == 1);
    CHECK(m->functions[0].params == std::vector<std::string>{"u", "v"});
    CHECK(test::dump(*m->functions[0].body) == "(or (== u null) (in u (list \"0\" \"root\")))");
    CHECK(m->order.size() == 5);
  }

  TEST_CASE("rules: annotations, interleaved clauses, verdict, message, at") {
    auto m = parse_ok(R"(# leading comment
@id("TG-RUN-001") @title("No privileged containers") @severity(high)
@owasp_nhi("NHI5") @sensitive
rule privileged-container {  // trailing comment
  when task.networkMode == "host"
  for c in task.containerDefinitions
  when c.essential
  for e in c.environment
  deny c.privileged
  message "container '{c.name}' {{literally}} runs {e.name}"
  at c.privileged
}
rule second { require true }
)");
    REQUIRE(m->rules.size() == 2);
    const ast::Rule& r = m->rules[0];
    CHECK(r.name == "privileged-container");
    CHECK(r.range.begin.line == 4);
    CHECK(r.range.begin.column == 1);
    CHECK(r.range.end.line == 12);
    REQUIRE(r.annotations.size() == 5);
    CHECK(r.annotations[2].name == "severity");
    CHECK(test::dump(*r.annotations[2].args[0]) == "high");
    CHECK(r.annotations[4].name == "sensitive");
    CHECK(r.annotations[4].args.empty());
    CHECK(test::dump(r) ==
          "(rule privileged-container (when (== (. task networkMode) \"host\")) (for c (. task "
          "containerDefinitions)) (when (. c essential)) (for e (. c environment)) (deny (. c "
          "privileged)) (message 'container '' {(. c name)} '' {literally} runs ' {(. e name)}) "
          "(at (. c privileged)))");
    CHECK(test::dump(m->rules[1]) == "(rule second (require true))");
    REQUIRE(m->comments.size() == 2);
    CHECK(m->comments[0].text == "# leading comment");
    CHECK(m->comments[1].text == "// trailing comment");
    CHECK(m->comments[1].range.begin.line == 4);
  }

  TEST_CASE("every expression node has its source range") {
    auto m = parse_ok("let x = a.b[0] + f(y)\n");
    const ast::Expr& e = *m->lets[0].value;
    CHECK(e.range.begin.line == 1);
    CHECK(e.range.begin.column == 9);
    CHECK(e.range.end.column == 22);
    const auto& bin = std::get<ast::Binary>(e.node);
    CHECK(bin.left->range.end.column == 15);
    const auto& call = std::get<ast::Call>(bin.right->node);
    CHECK(call.callee_range.begin.column == 18);
    CHECK(bin.right->range.begin.offset == 17);
    const auto& index = std::get<ast::Index>(bin.left->node);
    const auto& member = std::get<ast::Member>(index.base->node);
    CHECK(member.name_range.begin.column == 11);
  }
}

}  // namespace taskguard
