#include "stdlib/secrets/placeholder.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "stdlib/text/strings.hpp"

namespace taskguard::secrets {
namespace {

bool is_identifier(std::string_view s) {
  if (s.empty() || (s.front() >= '0' && s.front() <= '9')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool is_enclosed(std::string_view s, std::string_view open, std::string_view close) {
  return s.size() >= open.size() + close.size() && s.starts_with(open) && s.ends_with(close);
}

// Shell, Compose, Helm/Jinja/CloudFormation, angle-bracket docs, Windows and Ruby/Spring styles.
bool is_reference(std::string_view s) {
  if (is_enclosed(s, "${", "}") || is_enclosed(s, "$(", ")") || is_enclosed(s, "{{", "}}") ||
      is_enclosed(s, "#{", "}")) {
    return true;
  }
  if (is_enclosed(s, "<", ">") && s.size() > 2) return true;
  if (s.front() == '$' && is_identifier(s.substr(1))) return true;
  if (is_enclosed(s, "%", "%") && s.size() > 2 && is_identifier(s.substr(1, s.size() - 2))) {
    return true;
  }
  return false;
}

bool is_mask(std::string_view s) {
  constexpr std::string_view kMaskCharacters = "xX*.-#_ ";
  return s.size() >= 3 && s.find_first_not_of(kMaskCharacters) == std::string_view::npos;
}

// Lower-case letters and digits only, so that "Change-Me", "CHANGE_ME" and "change me" compare
// equal.
std::string folded(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

bool is_placeholder_word(std::string_view word) {
  // string_views: a comparison with a word of another length is one integer compare.
  static constexpr std::array<std::string_view, 25> kWords = {
      "changeme",  "changeit",   "changethis", "replaceme",  "replacethis", "todo",  "tbd",
      "fixme",     "dummy",      "fake",       "sample",     "none",        "null",  "nil",
      "undefined", "na",         "redacted",   "masked",     "notset",      "unset", "empty",
      "tobeset",   "tobefilled", "secrethere", "placeholder"};
  return std::find(kWords.begin(), kWords.end(), word) != kWords.end();
}

// `single_token`: the value has no whitespace and is not a URL. "example" inside a sentence or
// a host name (db.example.com) does not make a real password in the same value a stand-in.
bool announces_itself(const std::string& word, bool single_token) {
  for (std::string_view prefix : {"your", "insert", "enter", "replacewith", "changeto"}) {
    if (word.starts_with(prefix)) return true;
  }
  for (std::string_view marker : {"placeholder", "changeme"}) {
    if (word.find(marker) != std::string::npos) return true;
  }
  if (single_token && word.find("example") != std::string::npos) return true;
  return word.ends_with("here");
}

bool is_single_token(std::string_view value) {
  return value.find_first_of(" \t\r\n") == std::string_view::npos &&
         value.find("://") == std::string_view::npos;
}

std::string_view unquoted(std::string_view s) {
  s = text::trim(s);
  while (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) {
    s = text::trim(s.substr(1, s.size() - 2));
  }
  return s;
}

}  // namespace

bool is_placeholder(std::string_view value) {
  value = unquoted(value);
  if (value.empty()) return true;
  if (is_reference(value) || is_mask(value)) return true;
  const std::string word = folded(value);
  // One or two punctuation marks ("-", "?") are filler, not a password.
  if (word.empty() && value.size() < 3) return true;
  return is_placeholder_word(word) || announces_itself(word, is_single_token(value));
}

}  // namespace taskguard::secrets
