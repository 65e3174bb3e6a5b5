// The simdjson fast path must build exactly the tree the careful (nlohmann) reader builds, with
// the same positions, and decline everything the careful reader has something to say about.

#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "interpreter/loaders/json_fast_reader.hpp"
#include "interpreter/loaders/json_reader.hpp"

namespace fs = std::filesystem;
using taskguard::document::Arena;
using taskguard::document::InputError;
using taskguard::document::Node;
using taskguard::loaders::JsonReadOptions;
using taskguard::loaders::read_json;
using taskguard::loaders::read_json_fast;

namespace {

// Every field of every node, children included, with its position: two trees print the same
// exactly when they are the same.
void describe(const Node* n, std::string& out) {
  out += std::to_string(static_cast<int>(n->kind)) + "@" + std::to_string(n->pos.line) + ":" +
         std::to_string(n->pos.column) + "|" + std::to_string(n->index_in_parent);
  switch (n->kind) {
    case taskguard::document::NodeKind::Bool:
      out += n->boolean ? "true" : "false";
      break;
    case taskguard::document::NodeKind::Number: {
      std::ostringstream number;
      number.precision(17);
      number << n->number << (std::signbit(n->number) ? "(neg)" : "");
      out += number.str();
      break;
    }
    case taskguard::document::NodeKind::String:
      out += "\"" + std::string(n->text()) + "\"";
      break;
    case taskguard::document::NodeKind::Array:
      out += "[";
      for (const Node* item : n->items()) {
        CHECK(item->parent == n);
        describe(item, out);
        out += ",";
      }
      out += "]";
      break;
    case taskguard::document::NodeKind::Object:
      out += "{";
      for (const auto& m : n->members()) {
        CHECK(m.value->parent == n);
        out += std::string(m.key()) + "#" + std::to_string(m.key_id) + "=";
        describe(m.value, out);
        out += ",";
      }
      out += "}";
      break;
    default:
      break;
  }
}

std::string careful(std::string_view text, std::uint32_t first_line = 1) {
  Arena arena;
  std::vector<InputError> errors;
  JsonReadOptions options;
  options.first_line = first_line;
  options.fast_path = false;
  const auto result = read_json(text, arena, "t.json", errors, options);
  REQUIRE(result.root != nullptr);
  REQUIRE(errors.empty());
  std::string out;
  describe(result.root, out);
  return out;
}

// "" when the fast path declined.
std::string fast(std::string_view text, std::uint32_t first_line = 1,
                 JsonReadOptions options = {}) {
  Arena arena;
  options.first_line = first_line;
  const Node* root = read_json_fast(text, arena, options);
  if (root == nullptr) return "";
  std::string out;
  describe(root, out);
  return out;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string repeated(std::string_view piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i)
    out += piece;
  return out;
}

}  // namespace

TEST_SUITE("documents") {
  TEST_CASE("the fast JSON path builds the careful reader's tree, positions included") {
    const std::vector<std::string> texts = {
        R"({"family":"web","containerDefinitions":[{"name":"app","image":"nginx:1.25"}]})",
        "{\n  \"a\": [1, -2, 3.5, -0, 0, -0.0, 1e3, 2E-2, 18446744073709551616, 9007199254740993],"
        "\n\t\"b\": {\"c\": null, \"d\": true, \"e\": false, \"f\": {}, \"g\": []}\n}\n",
        R"({"esc":"tab\there \"quoted\" back\\slash \/ \u00e9 \ud83d\ude00 \n","k\u0065y":1})",
        "{\"h\u00e9llo\": \"w\u00f6rld \xe2\x82\xac\", \"after\": [\"\xf0\x9f\x98\x80\", 2]}",
        "[[[[]]], [{}], \"x\"]",
        "  \r\n {\"spaced\" :  [ 1 ,2 ] }  \n\n",
        // Runs between tokens long enough for the counts' vector loops (32 bytes and more):
        // wide indentation, many blank lines, long keys and values of multi-byte characters.
        "{" + std::string(70, '\n') + std::string(100, ' ') + "\"" + repeated("\xc3\xa9", 90) +
            "\":" + std::string(65, ' ') + "\"" + repeated("\xe2\x82\xac", 50) + "\"," +
            std::string(40, '\n') + repeated("\t", 33) + "\"n\": [" + std::string(64, ' ') + "1," +
            repeated("\n ", 40) + "\"" + repeated("x\xf0\x9f\x98\x80", 20) + "\"]}",
    };
    for (const std::string& text : texts) {
      CAPTURE(text);
      const std::string expected = careful(text);
      CHECK(fast(text) == expected);
      CHECK(fast(text, 41) == careful(text, 41));  // NDJSON lines start at their line number
    }
  }

  TEST_CASE("the fast JSON path agrees on every shipped example and real task definition") {
    std::vector<fs::path> roots = {TASKGUARD_SOURCE_DIR "/examples",
                                   TASKGUARD_SOURCE_DIR "/tests/fixtures"};
    const fs::path corpus = TASKGUARD_SOURCE_DIR "/../shared/corpus/real";
    const bool with_corpus = fs::exists(corpus);  // beside the repository, not part of it
    if (with_corpus) roots.push_back(corpus);
    int compared = 0;
    int in_repository = 0;
    for (const fs::path& root : roots) {
      if (root == corpus) in_repository = compared;
      for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
        const std::string text = slurp(entry.path());
        Arena arena;
        std::vector<InputError> errors;
        JsonReadOptions options;
        options.fast_path = false;
        const auto result = read_json(text, arena, "t.json", errors, options);
        const std::string got = fast(text);
        if (result.root == nullptr || !errors.empty()) {
          CHECK_MESSAGE(got.empty(), entry.path().string());  // something to report: declined
          continue;
        }
        std::string expected;
        describe(result.root, expected);
        CHECK_MESSAGE(got == expected, entry.path().string());
        ++compared;
      }
    }
    if (!with_corpus) in_repository = compared;
    CHECK(in_repository >= 8);
    if (with_corpus) CHECK(compared - in_repository >= 20);
    MESSAGE(compared << " JSON files read the same by both paths (" << in_repository
                     << " from the repository)");
  }

  TEST_CASE("the fast JSON path declines whatever the careful reader reports") {
    const std::vector<std::string> declined = {
        R"({"a":1,"a":2})",      // duplicate key: a warning
        "{\"a\":\"raw\ttab\"}",  // a raw control character in a string
        "{\"k\tey\":1}",         // ... or in a key
        R"({"a":1e999})",        // out of range for a double
        R"({"a":1} {"b":2})",    // more than one value
        R"({"a":1} x)",          // trailing garbage
        R"({"a":[1,2})",         // malformed
        "{\"a\":\"\xff\"}",      // invalid UTF-8
        R"({"a":"\ud800"})",     // a lone surrogate
        R"("just a string")",    // a scalar document
        R"({"a":NaN})",         "", "   ",
    };
    for (const std::string& text : declined) {
      CAPTURE(text);
      CHECK(fast(text).empty());
    }
    JsonReadOptions tight;
    tight.limits.nesting_depth = 3;
    CHECK(fast(R"({"a":{"b":{"c":{}}}})", 1, tight).empty());  // four levels
    CHECK(!fast(R"({"a":{"b":{"c":1}}})", 1, tight).empty());  // three
    tight.limits.string_bytes = 4;
    CHECK(fast(R"({"a":"12345"})", 1, tight).empty());
    CHECK(fast(R"({"abcde":"1"})", 1, tight).empty());
    CHECK(!fast(R"({"a":"1234"})", 1, tight).empty());
  }
}
