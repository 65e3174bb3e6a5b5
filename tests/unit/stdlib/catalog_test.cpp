#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "stdlib/builtins/catalog.hpp"
#include "stdlib/builtins/markdown.hpp"

using namespace taskguard;
using namespace taskguard::builtins;

TEST_SUITE("stdlib") {
  TEST_CASE("catalogue order is the bytecode contract: existing ids never move") {
    // Appending to this list is fine; changing a position breaks every compiled bundle.
    const std::string_view expected[] = {"has",
                                         "len",
                                         "lower",
                                         "upper",
                                         "trim",
                                         "starts_with",
                                         "ends_with",
                                         "contains",
                                         "split",
                                         "join",
                                         "replace",
                                         "to_number",
                                         "keys",
                                         "values",
                                         "unique",
                                         "min",
                                         "max",
                                         "is_string",
                                         "is_number",
                                         "is_bool",
                                         "is_list",
                                         "is_object",
                                         "is_null",
                                         "is_unknown",
                                         "find",
                                         "secrets.kind",
                                         "secrets.entropy",
                                         "secrets.credential_name",
                                         "secrets.is_placeholder",
                                         "arn.parse",
                                         "arn.is_valid",
                                         "arn.account",
                                         "arn.role_name",
                                         "secret_ref.kind",
                                         "image.parse",
                                         "image.registry",
                                         "image.is_ecr",
                                         "image.pinned",
                                         "user.is_root",
                                         "user.is_windows_admin",
                                         "capability.normalize",
                                         "split_any"};
    const auto entries = catalog();
    REQUIRE(entries.size() >= std::size(expected));
    for (std::size_t i = 0; i < std::size(expected); ++i) {
      CAPTURE(i);
      CHECK(entries[i].name == expected[i]);
      CHECK(find(expected[i]) == static_cast<std::uint32_t>(i));
    }
  }

  TEST_CASE("catalogue entries are unique and documented") {
    std::set<std::string_view> names;
    for (const Builtin& b : catalog()) {
      CAPTURE(b.name);
      CHECK(names.insert(b.name).second);
      CHECK_FALSE(b.summary.empty());
      CHECK_FALSE(b.example.empty());
      CHECK_FALSE(b.params.empty());
    }
    CHECK_FALSE(find("no_such_builtin").has_value());
    CHECK_FALSE(find("").has_value());
    CHECK_FALSE(find("secrets").has_value());
  }

  TEST_CASE("only has, is_unknown and coalesce look at unknown values themselves") {
    for (const Builtin& b : catalog()) {
      CAPTURE(b.name);
      CHECK(b.propagates_unknown ==
            !(b.name == "has" || b.name == "is_unknown" || b.name == "coalesce"));
    }
  }

  TEST_CASE("signatures the checker types calls with") {
    const auto at = [](std::string_view name) -> const Builtin& { return catalog()[*find(name)]; };
    CHECK(signature(at("lower")) == "lower(string) → string");
    CHECK(signature(at("split")) == "split(string, string) → list<string>");
    CHECK(signature(at("join")) == "join(list<string>, string) → string");
    CHECK(signature(at("replace")) == "replace(string, string, string) → string");
    CHECK(signature(at("secrets.kind")) == "secrets.kind(string) → string");
    CHECK(signature(at("secrets.entropy")) == "secrets.entropy(string) → number");
    CHECK(signature(at("arn.parse")) == "arn.parse(string) → map<string>");
    CHECK(signature(at("image.parse")) == "image.parse(string) → map<string>");
    CHECK(signature(at("user.is_root")) == "user.is_root(any) → bool");
    CHECK(signature(at("find")) == "find(string, any) → list<string>");
    // The checker accepts a string field where a string is expected and refuses a number.
    CHECK(at("lower").params[0].accepts(Type::string()));
    CHECK_FALSE(at("lower").params[0].accepts(Type::number()));
    CHECK(at("join").params[0].accepts(Type::list_of(Type::string())));
    CHECK_FALSE(at("join").params[0].accepts(Type::list_of(Type::number())));
  }

  TEST_CASE("the rendered reference documents every builtin") {
    const std::string md = render_stdlib_markdown();
    for (const Builtin& b : catalog()) {
      CAPTURE(b.name);
      CHECK(md.find("### `" + signature(b) + "`") != std::string::npos);
    }
    for (std::string_view section :
         {"## Core", "## secrets", "## arn", "## secret_ref", "## image", "## user",
          "## capability", "### Detectors", "### High entropy", "### Credential names",
          "### Placeholders"}) {
      CAPTURE(section);
      CHECK(md.find(section) != std::string::npos);
    }
  }

  TEST_CASE("docs/stdlib.md is the rendering of the catalogue") {
    const std::string path = TASKGUARD_SOURCE_DIR "/docs/stdlib.md";
    const std::string rendered = render_stdlib_markdown();
    if (std::getenv("TASKGUARD_UPDATE_DOCS") != nullptr) {
      std::ofstream(path, std::ios::binary) << rendered;
      MESSAGE("rewrote " << path);
    }
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "missing " << path);
    std::stringstream committed;
    committed << in.rdbuf();
    const std::string on_disk = committed.str();
    if (on_disk == rendered) return;
    // Name the first differing line rather than dumping two whole pages.
    std::istringstream a(on_disk), b(rendered);
    std::string line_a, line_b;
    int line = 1;
    while (std::getline(a, line_a) && std::getline(b, line_b) && line_a == line_b)
      ++line;
    FAIL_CHECK("docs/stdlib.md is out of date at line "
               << line << "; regenerate it with TASKGUARD_UPDATE_DOCS=1 ./tests/taskguard_tests "
               << "-ts=stdlib\n  committed: " << line_a << "\n  rendered:  " << line_b);
  }
}
