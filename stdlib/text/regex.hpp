#pragma once
// Regular expressions for `matches` and find(): RE2, so that matching time is linear in the
// input and no document can make a rule backtrack. A pattern is compiled once (when the
// compiler folds a constant, or once per string parameter) and shared read-only by all threads.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "stdlib/text/literal_prefilter.hpp"

namespace re2 {
class RE2;
class FilteredRE2;
}  // namespace re2

namespace taskguard::text {

// Every RE2 in the engine is compiled through here, so that one limit bounds the memory a
// pattern's program may take (limits::Limits::regex_program_bytes): a pattern can come from a
// policy, a bundle, a parameter or a document string. The limit is process-wide; the CLI sets it
// once, before any policy is compiled.
void set_regex_program_limit(std::uint64_t bytes);
std::uint64_t regex_program_limit();

// The compiled pattern; check ok() and report regex_error() when it is not.
std::unique_ptr<re2::RE2> compile_re2(std::string_view pattern);

// A compiled pattern with the literals every match of it contains (RE2's FilteredRE2 analysis),
// for `matches`: a value without any of them is answered without running the regex. Compiled
// once; costs no second compilation (the regex is the one the analysis compiled).
class FilteredRegex {
 public:
  // Never nullptr; check ok().
  static std::unique_ptr<const FilteredRegex> compile(std::string_view pattern);
  ~FilteredRegex();
  FilteredRegex(const FilteredRegex&) = delete;
  FilteredRegex& operator=(const FilteredRegex&) = delete;

  bool ok() const;
  // The compiled regex, also when !ok() (for regex_error()).
  const re2::RE2& regex() const { return *regex_; }
  const LiteralPrefilter& prefilter() const { return prefilter_; }
  // An unanchored search; requires ok().
  bool partial_match(std::string_view text) const;

 private:
  FilteredRegex() = default;
  std::unique_ptr<re2::FilteredRE2> analysis_;  // owns regex_ when the pattern compiled
  std::unique_ptr<re2::RE2> refused_;           // owns regex_ when it did not
  const re2::RE2* regex_ = nullptr;
  LiteralPrefilter prefilter_;
};

// Why RE2 refused a pattern; a pattern over the limit gets the limit's message (its name, value
// and how to raise it).
std::string regex_error(const re2::RE2& refused);

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
