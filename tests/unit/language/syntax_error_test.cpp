// Every syntax error: its message, in words, and where it points (line:col).
#include <doctest/doctest.h>

#include "language/diagnostics/render.hpp"
#include "language/parser/parser.hpp"

namespace taskguard {
namespace {

struct Reported {
  std::uint32_t line;
  std::uint32_t column;
  std::string message;
  std::string hint;
};

std::vector<Reported> errors_of(std::string_view text) {
  diagnostics::DiagnosticList diags;
  parser::parse(text, "bad.tg", diags);
  std::vector<Reported> out;
  for (const auto& d : diags.items()) {
    out.push_back({d.range.begin.line, d.range.begin.column, d.message, d.hint});
  }
  return out;
}

// The first error of `text`, as "line:col message".
std::string first_error(std::string_view text) {
  const auto errors = errors_of(text);
  if (errors.empty()) return "no error";
  return std::to_string(errors[0].line) + ":" + std::to_string(errors[0].column) + " " +
         errors[0].message;
}

}  // namespace

TEST_SUITE("language") {
  TEST_CASE("syntax errors name what was expected and where") {
    CHECK(first_error("rule x {\n  deny\n}\n") ==
          "3:1 expected a condition after `deny`, found `}`");
    CHECK(first_error("rule x {\n  require\n}\n") ==
          "3:1 expected a condition after `require`, found `}`");
    CHECK(first_error("rule x {\n  when\n}\n") ==
          "3:1 expected a condition after `when`, found `}`");
    CHECK(first_error("rule x {\n  deny a\n") ==
          "3:1 expected `}` to close rule `x` opened at 1:1, found the end of the file");
    CHECK(first_error("rule x {\n  for in xs\n  deny a\n}\n") ==
          "2:7 expected a variable name after `for`, as in `for c in "
          "task.containerDefinitions`, found `in`");
    CHECK(first_error("rule x {\n  for c of xs\n  deny a\n}\n") ==
          "2:9 expected `in` after `for c`, found `of`");
    CHECK(first_error("rule x {\n  for c in\n  deny a\n}\n") ==
          "3:3 expected a collection to iterate after `for c in`, found `deny`");
    CHECK(first_error("rule x {\n  message \"m\"\n}\n") ==
          "2:3 expected `when`, `for`, `deny` or `require` in rule `x`, found `message`");
    CHECK(first_error("rule x {\n  deny a\n  message m\n}\n") ==
          "3:11 expected a string after `message`, found `m`");
    CHECK(first_error("rule x {\n  deny a\n  at\n}\n") ==
          "4:1 expected a location after `at`, such as `c.privileged`, found `}`");
    CHECK(first_error("rule {\n}\n") == "1:6 expected a rule name after `rule`, found `{`");
    CHECK(first_error("rule x\n  deny a\n") == "2:3 expected `{` to open rule `x`, found `deny`");
    CHECK(first_error("let = 1\n") == "1:5 expected a name after `let`, found `=`");
    CHECK(first_error("param p 1\n") == "1:9 expected `=` after `param p`, found the number `1`");
    CHECK(first_error("let a =\n") ==
          "2:1 expected a value after `=` in `let a`, found the end of the file");
    CHECK(first_error("fn f = 1\n") ==
          "1:6 expected `(` and a parameter list after `fn f`, found `=`");
    CHECK(first_error("fn f(a, ) = 1\n") == "1:9 expected a parameter name in `fn f`, found `)`");
    CHECK(first_error("fn f(a b) = 1\n") ==
          "1:8 expected `,` or `)` to close the parameters of `fn f`, found `b`");
    CHECK(first_error("fn f(a) =\n") ==
          "2:1 expected the body of `fn f` after `=`, found the end of the file");
    CHECK(
        first_error("package\n") ==
        "2:1 expected a package name after `package`, like `acme.ecs`, found the end of the file");
    CHECK(first_error("import\n") ==
          "2:1 expected what to import after `import`, like `std.secrets` or "
          "`taskguard.identity`, found the end of the file");
    CHECK(first_error("import a.b as\n") ==
          "2:1 expected a name after `as`, found the end of the file");
    CHECK(first_error("@ rule x {}") ==
          "1:2 expected an annotation name after `@`, like `@id`, found ` `");
    CHECK(first_error("@id(\"x\",) rule x { deny a }") ==
          "1:9 expected a string, number, boolean or name as an argument of `@id`, found `)`");
    CHECK(first_error("@id(\"x\" rule x { deny a }") ==
          "1:9 expected `,` or `)` to close the arguments of `@id`, found `rule`");
    CHECK(
        first_error("@id(\"x\")\n42") ==
        "2:1 expected `rule`, `let`, `param` or `fn` after the annotations, found the number `42`");
    CHECK(first_error("deny a\n") ==
          "1:1 expected a declaration (`rule`, `fn`, `let`, `param` or `import`), found `deny`");
  }

  TEST_CASE("syntax errors inside expressions") {
    CHECK(first_error("let a = [1, 2\n") ==
          "2:1 expected `,` or `]` to close the list opened at 1:9, found the end of the file");
    CHECK(first_error("let a = (1\n") ==
          "2:1 expected `)` to close the `(` opened at 1:9, found the end of the file");
    CHECK(first_error("let a = ()\n") == "1:10 expected an expression after `(`, found `)`");
    CHECK(first_error("let a = x[\n") ==
          "2:1 expected an index or a key inside `[ ]`, found the end of the file");
    CHECK(first_error("let a = x[1\n") ==
          "2:1 expected `]` to close the `[` opened at 1:10, found the end of the file");
    CHECK(first_error("let a = f(1\n") ==
          "2:1 expected `,` or `)` to close the argument list opened at 1:10, found the end of "
          "the file");
    CHECK(first_error("let a = x.\n") ==
          "1:11 expected a field name after `.`, found the end of the line");
    CHECK(first_error("let a = -\n") ==
          "2:1 expected an operand after `-`, found the end of the file");
    CHECK(first_error("let a = 1 *\n") ==
          "2:1 expected an operand after `*`, found the end of the file");
    CHECK(first_error("let a = 1 +\n") ==
          "2:1 expected an operand after `+`, found the end of the file");
    CHECK(first_error("let a = 1 ==\n") ==
          "2:1 expected a value after `==`, found the end of the file");
    CHECK(first_error("let a = x not y\n") ==
          "1:15 expected `in` after `not` (the operator is `not in`), found `y`");
    CHECK(first_error("let a = not\n") ==
          "2:1 expected a condition after `not`, found the end of the file");
    CHECK(first_error("let a = b and\n") ==
          "2:1 expected a condition after `and`, found the end of the file");
    CHECK(first_error("let a = b or\n") ==
          "2:1 expected a condition after `or`, found the end of the file");
    CHECK(first_error("let a = any x in\n") ==
          "2:1 expected a collection to iterate after `in`, found the end of the file");
    CHECK(first_error("let a = any x in xs x\n") ==
          "1:21 expected `:` between the quantifier's collection and its condition, found `x`");
    CHECK(first_error("let a = any x in xs:\n") ==
          "2:1 expected a condition after `:`, found the end of the file");
    CHECK(first_error("let a = \"abc\n") ==
          "1:13 unterminated string: expected `\"` before the end of the line");
    CHECK(first_error("let a = \"a\\qb\"\n") ==
          "1:12 unknown escape sequence; use \\\" \\\\ \\/ \\n \\t \\r or \\uXXXX");
    CHECK(first_error("let a = /abc\n") ==
          "1:13 unterminated regular expression: expected `/` before the end of the line");
    CHECK(first_error("let a = x[0](1)\n") ==
          "1:9 only functions can be called, like `lower(x)` or `secrets.kind(x)`");
    CHECK(first_error("rule x {\n  deny a\n  message \"a {b\"\n}\n") ==
          "3:16 expected `}` to close the interpolation opened at 3:14, found a string");
    CHECK(first_error("rule x {\n  deny a\n  message \"a {}\"\n}\n") ==
          "3:15 expected an expression inside `{ }`; write `{{` for a literal brace, found `}`");
    CHECK(first_error("rule x {\n  deny a\n  message \"a } b\"\n}\n") ==
          "3:14 unterminated message: expected `\"` (write `{{` and `}}` for literal braces)");
  }

  TEST_CASE("a misspelt keyword gets a suggestion") {
    const auto errors = errors_of("rule x {\n  deny a\n  mesage \"x\"\n}\n");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message == "expected `}` to close rule `x` opened at 1:1, found `mesage`");
    CHECK(errors[0].hint == "did you mean `message`?");
    const auto top = errors_of("rul x {}\n");
    REQUIRE_FALSE(top.empty());
    CHECK(top[0].hint == "did you mean `rule`?");
  }

  TEST_CASE("the parser reports every independent error") {
    const auto errors = errors_of(
        "rule a {\n  deny\n}\n"
        "let ok = 1\n"
        "rule b {\n  for c in\n}\n"
        "let bad = [1,\n"
        "fn f(x) = \n");
    // After the unclosed list the parser resumes at the next declaration line; `fn` inside the
    // list is read as a name, so the error is reported where the list cannot continue.
    REQUIRE(errors.size() == 3);
    CHECK(errors[0].line == 3);
    CHECK(errors[1].line == 7);
    CHECK(errors[2].line == 9);
    CHECK(errors[2].column == 4);
  }

  TEST_CASE("imports after declarations are an error") {
    const auto errors = errors_of("let a = 1\nimport std.secrets\n");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == 2);
    CHECK(errors[0].message == "`import` must come before the declarations");
  }

  TEST_CASE("rendering: file:line:col, the source line, a caret and tildes, the hint") {
    const std::string text = "rule x {\n  deny a\n  mesage \"x\"\n}\n";
    diagnostics::DiagnosticList diags;
    parser::parse(text, "p.tg", diags);
    REQUIRE(diags.items().size() == 1);
    CHECK(diagnostics::render(diags.items()[0], std::string_view(text), false) ==
          "p.tg:3:3: error: expected `}` to close rule `x` opened at 1:1, found `mesage`\n"
          " 3 |   mesage \"x\"\n"
          "   |   ^~~~~~\n"
          "   = hint: did you mean `message`?\n");
    // Without the source at hand only the first line is printed; with colour, escapes appear.
    CHECK(diagnostics::render(diags.items()[0], std::nullopt, false) ==
          "p.tg:3:3: error: expected `}` to close rule `x` opened at 1:1, found `mesage`\n"
          " = hint: did you mean `message`?\n");
    CHECK(diagnostics::render(diags.items()[0], std::string_view(text), true).find("\x1b[") !=
          std::string::npos);
  }
}

}  // namespace taskguard
