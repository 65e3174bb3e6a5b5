#include "interpreter/testing/test_file.hpp"

#include <fmt/core.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "interpreter/testing/yaml_to_json.hpp"

namespace taskguard::testing {
namespace {

namespace fs = std::filesystem;

class Reader {
 public:
  Reader(std::string_view text, std::string path) : text_(text), path_(std::move(path)) {}

  TestFile read() {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text_));
    } catch (const YAML::Exception& e) {
      throw TestFileError(fmt::format("{}:{}:{}: error: invalid YAML: {}", path_, e.mark.line + 1,
                                      e.mark.column + 1, e.msg));
    }
    if (!root.IsMap()) fail(root, "a test file is a mapping with a `tests:` list");
    check_keys(root, {"params", "tests"}, "test file");
    ParameterValues file_params;
    if (root["params"]) file_params = params(root["params"]);
    const YAML::Node tests = root["tests"];
    if (!tests || !tests.IsSequence()) fail(root, "missing `tests:` list");
    TestFile out{path_, {}};
    std::set<std::string> names;
    for (const auto& node : tests) {
      TestCase test = test_case(node, file_params);
      if (!names.insert(test.name).second) {
        fail(node["name"], fmt::format("duplicate test name '{}'", test.name));
      }
      out.tests.push_back(std::move(test));
    }
    return out;
  }

 private:
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    const auto mark = node.Mark();
    throw TestFileError(
        fmt::format("{}:{}:{}: error: {}", path_, mark.line + 1, mark.column + 1, message));
  }

  SourceRef where(const YAML::Node& node) const {
    const auto mark = node.Mark();
    return {path_, static_cast<std::uint32_t>(mark.line + 1),
            static_cast<std::uint32_t>(mark.column + 1)};
  }

  void check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                  std::string_view what) const {
    for (const auto& entry : map) {
      const auto key = entry.first.as<std::string>();
      bool known = false;
      for (auto a : allowed)
        known = known || a == key;
      if (known) continue;
      std::string list;
      for (auto a : allowed)
        list += fmt::format("{}{}", list.empty() ? "" : ", ", a);
      fail(entry.first,
           fmt::format("unknown key '{}' in a {} (expected one of: {})", key, what, list));
    }
  }

  std::string scalar(const YAML::Node& node, std::string_view key) const {
    if (!node.IsScalar()) fail(node, fmt::format("`{}` must be a single value", key));
    return node.Scalar();
  }

  std::size_t natural(const YAML::Node& node, std::string_view key) const {
    const std::string text = scalar(node, key);
    std::size_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size()) {
      fail(node, fmt::format("`{}` must be a whole number, not '{}'", key, text));
    }
    return value;
  }

  ParameterValues params(const YAML::Node& node) const {
    if (!node.IsMap()) fail(node, "`params` must map parameter names to values");
    ParameterValues out;
    for (const auto& entry : node)
      out[entry.first.as<std::string>()] = yaml_to_json(entry.second);
    return out;
  }

  std::string relative(const std::string& file) const {
    if (fs::path(file).is_absolute()) return file;
    return (fs::path(path_).parent_path() / file).lexically_normal().string();
  }

  TestCase test_case(const YAML::Node& node, const ParameterValues& file_params) {
    if (!node.IsMap())
      fail(node, "a test is a mapping with `name`, `document` or `file`, and `expect`");
    check_keys(node, {"name", "document", "file", "params", "waivers", "load_error", "expect"},
               "test");
    TestCase test;
    test.where = where(node);
    if (!node["name"]) fail(node, "a test needs a `name`");
    test.name = scalar(node["name"], "name");
    const bool has_document = static_cast<bool>(node["document"]);
    const bool has_file = static_cast<bool>(node["file"]);
    if (has_document == has_file) {
      fail(node, fmt::format("test '{}' needs exactly one of `document` and `file`", test.name));
    }
    if (has_file) {
      const std::string fixture = relative(scalar(node["file"], "file"));
      std::ifstream in(fixture, std::ios::binary);
      if (!in) fail(node["file"], fmt::format("fixture '{}' cannot be read", fixture));
      std::ostringstream content;
      content << in.rdbuf();
      test.input = {fixture, content.str(), true};
    } else {
      test.input = inline_document(node, test.name);
    }
    test.params = file_params;
    if (node["params"]) {
      for (auto& [name, value] : params(node["params"]))
        test.params[name] = value;
    }
    if (node["waivers"]) {
      const std::string file = relative(scalar(node["waivers"], "waivers"));
      if (!fs::exists(file))
        fail(node["waivers"], fmt::format("waiver file '{}' does not exist", file));
      test.waivers = file;
    }
    if (node["load_error"]) {
      test.load_error = scalar(node["load_error"], "load_error");
      if (node["expect"]) fail(node["expect"], "a test with `load_error` has no `expect`");
      return test;
    }
    const YAML::Node expect = node["expect"];
    if (!expect || !expect.IsSequence() || expect.size() == 0) {
      fail(expect ? expect : node,
           fmt::format("test '{}' needs a non-empty `expect` list", test.name));
    }
    for (const auto& item : expect)
      test.expect.push_back(expectation(item));
    return test;
  }

  Expectation expectation(const YAML::Node& node) const {
    if (!node.IsMap()) fail(node, "an expectation is a mapping with `rule` and `status`");
    check_keys(node, {"rule", "status", "count", "pointer", "message", "document_index", "line"},
               "expectation");
    Expectation out;
    out.where = where(node);
    if (!node["rule"]) fail(node, "an expectation needs a `rule`");
    if (!node["status"]) fail(node, "an expectation needs a `status`");
    out.rule = scalar(node["rule"], "rule");
    const std::string status = scalar(node["status"], "status");
    const auto parsed = parse_status(status);
    if (!parsed) {
      fail(node["status"], fmt::format("unknown status '{}' (expected pass, fail, unknown, waived, "
                                       "not_applicable or error)",
                                       status));
    }
    out.status = *parsed;
    if (node["count"]) out.count = natural(node["count"], "count");
    if (node["pointer"]) out.pointer = scalar(node["pointer"], "pointer");
    if (node["message"]) out.message = scalar(node["message"], "message");
    if (node["document_index"])
      out.document_index = natural(node["document_index"], "document_index");
    if (node["line"]) out.line = static_cast<std::uint32_t>(natural(node["line"], "line"));
    return out;
  }

  // The inline document as text the loaders read. A string is the raw input; a mapping is cut
  // out of the test file in place (short-form CloudFormation tags survive, positions are the
  // test file's), preceded by a `---` marker so that a flow mapping is still read as YAML.
  TestInput inline_document(const YAML::Node& test, const std::string& name) const {
    YAML::Node key;
    YAML::Node value;
    for (const auto& entry : test) {
      if (entry.first.as<std::string>() == "document") {
        key = entry.first;
        value = entry.second;
      }
    }
    const std::string display = fmt::format("{}#{}", path_, name);
    if (value.IsScalar()) return {display, value.Scalar(), false};
    if (!value.IsMap())
      fail(value, "`document` must be a mapping (the input itself) or a string (its raw text)");
    const auto key_mark = key.Mark();
    const auto value_mark = value.Mark();
    std::string out;
    out.reserve(text_.size());
    std::size_t line = 0;
    std::size_t pos = 0;
    bool ended = false;
    while (pos < text_.size()) {
      std::size_t eol = text_.find('\n', pos);
      if (eol == std::string_view::npos) eol = text_.size();
      std::string_view content = text_.substr(pos, eol - pos);
      std::string kept;
      if (static_cast<int>(line) == key_mark.line && static_cast<int>(line) != value_mark.line) {
        kept = "---";
      } else if (static_cast<int>(line) == value_mark.line) {
        kept = std::string(static_cast<std::size_t>(value_mark.column), ' ');
        if (key_mark.line == value_mark.line) kept.replace(0, 3, "---");
        kept += content.substr(std::min<std::size_t>(value_mark.column, content.size()));
      } else if (static_cast<int>(line) > value_mark.line && !ended) {
        const auto indent = content.find_first_not_of(" \t");
        const bool blank = indent == std::string_view::npos || content[indent] == '#';
        if (!blank && static_cast<int>(indent) <= key_mark.column) {
          ended = true;
        } else {
          kept = content;
        }
      }
      out += kept;
      if (eol < text_.size()) out += '\n';
      pos = eol + 1;
      ++line;
    }
    return {display, std::move(out), false};
  }

  std::string_view text_;
  std::string path_;
};

}  // namespace

std::optional<Status> parse_status(std::string_view text) {
  for (Status s : {Status::Fail, Status::Unknown, Status::Error, Status::Waived,
                   Status::NotApplicable, Status::Pass}) {
    if (text == status_name(s)) return s;
  }
  return std::nullopt;
}

bool is_test_file_name(std::string_view path) {
  return path.ends_with(".tgtest.yaml") || path.ends_with(".tgtest.yml");
}

TestFile parse_test_file(std::string_view text, const std::string& path) {
  return Reader(text, path).read();
}

TestFile read_test_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TestFileError(fmt::format("{}: error: cannot read the test file", path));
  std::ostringstream content;
  content << in.rdbuf();
  return parse_test_file(content.str(), path);
}

}  // namespace taskguard::testing
