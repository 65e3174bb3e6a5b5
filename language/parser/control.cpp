#include "language/parser/control.hpp"
#include "language/ast/operators.hpp"

#include <cctype>
#include <vector>

#include "language/diagnostics/suggestion.hpp"

namespace taskguard::parser {
namespace {

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

using ast::operator_text;

std::string position_text(const ast::Position& p) {
  return std::to_string(p.line) + ":" + std::to_string(p.column);
}

}  // namespace

FoundToken describe_token(std::string_view text) {
  if (text.empty()) return {"the end of the file", 0};
  const char c = text.front();
  if (is_word_char(c)) {
    std::size_t n = 1;
    while (n < text.size() && is_word_char(text[n]))
      ++n;
    if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
      return {"the number `" + std::string(text.substr(0, n)) + "`", n};
    }
    return {"`" + std::string(text.substr(0, n)) + "`", n};
  }
  if (c == '"') return {"a string", 1};
  if (c == '\n' || c == '\r') return {"the end of the line", 1};
  if (static_cast<unsigned char>(c) >= 0x80) return {"a non-ASCII character", 1};
  return {"`" + std::string(1, c) + "`", 1};
}

std::string fill_placeholders(std::string_view message, const ParseState& state) {
  std::string out;
  for (std::size_t i = 0; i < message.size(); ++i) {
    const std::size_t close = message[i] == '{' ? message.find('}', i) : std::string_view::npos;
    const std::string_view key =
        close == std::string_view::npos ? std::string_view() : message.substr(i + 1, close - i - 1);
    std::string value;
    bool known = true;
    if (key == "open") {
      value = state.opens.empty() ? "?" : position_text(state.opens.back());
    } else if (key == "rule") {
      value = state.rule.name;
    } else if (key == "decl") {
      value = state.declaration_name;
    } else if (key == "keyword") {
      value = state.keyword;
    } else if (key == "op") {
      value = state.operators.empty() ? "?" : operator_text(state.operators.back());
    } else if (key == "annotation") {
      value = state.annotation_name;
    } else if (key == "var") {
      value = state.for_variable;
    } else {
      known = false;
    }
    if (known) {
      out += value;
      i = close;
    } else {
      out += message[i];
    }
  }
  return out;
}

std::string keyword_hint(std::string_view found_word, bool inside_rule) {
  if (found_word.empty() || !is_word_char(found_word.front())) return {};
  static const std::vector<std::string> rule_words = {"when",    "for",     "deny",
                                                      "require", "message", "at"};
  static const std::vector<std::string> top_words = {"rule", "fn", "let", "param", "import"};
  return diagnostics::did_you_mean(found_word, inside_rule ? rule_words : top_words);
}

}  // namespace taskguard::parser
