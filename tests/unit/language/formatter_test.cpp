// The formatter: canonical layout, comments kept in place, idempotent on every policy file.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "language/format/formatter.hpp"

namespace taskguard {
namespace {

std::string fmt_ok(std::string_view text) {
  diagnostics::DiagnosticList diags;
  auto out = format::format_source(text, "f.tg", diags);
  REQUIRE_MESSAGE(out.has_value(), "does not parse");
  return *out;
}

}  // namespace

TEST_SUITE("language") {
  TEST_CASE("formatter: canonical layout") {
    CHECK(fmt_ok("package   a.b\nimport std.secrets\nimport  x.y   as z\nlet A=[1,2 ,3]\n"
                 "@id(\"X-1\") @title(\"T\") @severity( high )\nrule r{when a==1 for c in "
                 "xs deny (c.x or c.y)and not c.z message \"m {c.name} {{}}\" at c}\n"
                 "fn f( a,b )=a+b*2") ==
          "package a.b\n\nimport std.secrets\nimport x.y as z\n\nlet A = [1, 2, 3]\n\n"
          "@id(\"X-1\")\n@title(\"T\")\n@severity(high)\nrule r {\n  when a == 1\n"
          "  for c in xs\n  deny (c.x or c.y) and not c.z\n  message \"m {c.name} {{}}\"\n"
          "  at c\n}\n\nfn f(a, b) = a + b * 2\n");
  }

  TEST_CASE("formatter: parentheses a quantifier needs are added, others kept as written") {
    CHECK(fmt_ok("let a = (any x in xs: x) and b\n") == "let a = (any x in xs: x) and b\n");
    CHECK(fmt_ok("let a = b and any x in xs: x or y\n") == "let a = b and any x in xs: x or y\n");
    CHECK(fmt_ok("let a = (1 + 2) * 3\n") == "let a = (1 + 2) * 3\n");
    CHECK(fmt_ok("let a = - - 1\n") == "let a = --1\n");
    CHECK(fmt_ok("let a = /a\\/b/ matches \"q\\\"\"\n") == "let a = /a\\/b/ matches \"q\\\"\"\n");
  }

  TEST_CASE("formatter: comments stay where they were") {
    const std::string text =
        "# header\n\n# about A\nlet A = 1  # trailing\nlet B = [\n  1,  # one\n  2,\n]\n\n"
        "rule r {\n  # before the loop\n  for c in xs  // why\n  deny c\n  # at the end\n}\n"
        "# the last word\n";
    CHECK(fmt_ok(text) == text);
  }

  TEST_CASE("formatter: refuses a file that does not parse") {
    diagnostics::DiagnosticList diags;
    CHECK_FALSE(format::format_source("rule x {", "f.tg", diags).has_value());
    CHECK(diags.has_errors());
  }

  TEST_CASE("formatter: the shipped pack is formatted (taskguard fmt --check policies passes)") {
    namespace fs = std::filesystem;
    int files = 0;
    for (const auto& entry : fs::directory_iterator(TASKGUARD_SOURCE_DIR "/policies")) {
      if (entry.path().extension() != ".tg") continue;
      const std::string path = entry.path().string();
      std::ifstream in(path);
      std::stringstream text;
      text << in.rdbuf();
      diagnostics::DiagnosticList diags;
      const auto formatted = format::format_source(text.str(), path, diags);
      REQUIRE_MESSAGE(formatted.has_value(), path);
      CHECK_MESSAGE(*formatted == text.str(), path);
      ++files;
    }
    CHECK(files >= 8);
  }

  TEST_CASE("formatter: idempotent on every .tg file in the repository") {
    namespace fs = std::filesystem;
    int files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(TASKGUARD_SOURCE_DIR)) {
      const std::string path = entry.path().string();
      if (entry.path().extension() != ".tg" || path.find("/build") != std::string::npos) continue;
      std::ifstream in(path);
      std::stringstream text;
      text << in.rdbuf();
      diagnostics::DiagnosticList diags;
      const auto once = format::format_source(text.str(), path, diags);
      if (!once) continue;  // negative fixtures do not parse on purpose
      ++files;
      const auto twice = format::format_source(*once, path, diags);
      REQUIRE_MESSAGE(twice.has_value(), path);
      CHECK_MESSAGE(*twice == *once, path);
    }
    MESSAGE(files, " policy files formatted twice");
    CHECK(files > 0);
  }
}

}  // namespace taskguard
