#pragma once
// Regular expressions for `matches` and find(): RE2, so that matching time is linear in the
// input and no document can make a rule backtrack. A pattern is compiled once (when the
// compiler folds a constant, or once per string parameter) and shared read-only by all threads.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace re2 {
class RE2;
}

namespace taskguard::text {

class Regex {
 public:
  // A compiled pattern, or the reason RE2 rejected it (unbalanced parenthesis, a backreference,
  // a lookaround, a program too large ...), worded for a diagnostic.
  static std::variant<Regex, std::string> compile(std::string_view pattern);

  std::string_view pattern() const;
  // Number of capturing groups in the pattern.
  int groups() const;

  // The `matches` operator: does the pattern match anywhere in `text` (an unanchored search)?
  bool search(std::string_view text) const;

  // find(): the first match as [whole match, group 1, group 2 ...]; a group that did not take
  // part in the match is nullopt. nullopt when nothing matches. The views point into `text`.
  std::optional<std::vector<std::optional<std::string_view>>> find(std::string_view text) const;

 private:
  explicit Regex(std::shared_ptr<const re2::RE2> compiled) : compiled_(std::move(compiled)) {}
  std::shared_ptr<const re2::RE2> compiled_;
};

}  // namespace taskguard::text
