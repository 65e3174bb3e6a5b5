#include "stdlib/text/regex.hpp"

#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <optional>

#include "stdlib/limits/limits.hpp"
#include "stdlib/text/regex_alternatives.hpp"

namespace taskguard::text {
namespace {

// Large enough for any hand-written policy pattern, small enough that a hostile pattern cannot
// make the compiler allocate without bound.
std::atomic<std::uint64_t> program_limit{limits::Limits{}.regex_program_bytes};

}  // namespace

void set_regex_program_limit(std::uint64_t bytes) {
  program_limit.store(bytes, std::memory_order_relaxed);
}

std::uint64_t regex_program_limit() {
  return program_limit.load(std::memory_order_relaxed);
}

namespace {

RE2::Options regex_options() {
  RE2::Options options;
  options.set_log_errors(false);
  const std::uint64_t limit = regex_program_limit();
  options.set_max_mem(static_cast<std::int64_t>(
      std::min<std::uint64_t>(limit, std::numeric_limits<std::int64_t>::max())));
  return options;
}

// Atoms shorter than this are left out of the analysis (a part of the pattern they would stand
// for admits everything): two bytes still rule out most short values.
constexpr int kMinLiteralLength = 2;

// Literals one of which every match contains, from RE2's analysis of the patterns added to it;
// nullopt when it could not reduce some pattern to literals (that pattern may match without
// any of them).
std::optional<std::vector<std::string>> required_literals(re2::FilteredRE2& analysis) {
  std::vector<std::string> literals;
  analysis.Compile(&literals);
  // The analysis says which regexes may match given the literals found; given none, a pattern
  // it could not reduce to literals is still a candidate.
  std::vector<int> candidates_without_literals;
  analysis.AllPotentials({}, &candidates_without_literals);
  if (!candidates_without_literals.empty()) return std::nullopt;
  return literals;
}

// The same for an alternation RE2's analysis gave up on as a whole: each branch on its own, all
// of them reduced to literals (a match of the pattern is a match of one branch).
std::optional<std::vector<std::string>> required_literals_of_branches(std::string_view pattern) {
  const auto branches = top_level_alternatives(pattern);
  if (!branches) return std::nullopt;
  re2::FilteredRE2 analysis(kMinLiteralLength);
  for (const std::string& branch : *branches) {
    int id = 0;
    if (analysis.Add(branch, regex_options(), &id) != RE2::NoError) return std::nullopt;
  }
  return required_literals(analysis);
}

}  // namespace

std::unique_ptr<re2::RE2> compile_re2(std::string_view pattern) {
  return std::make_unique<re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()),
                                    regex_options());
}

std::unique_ptr<const FilteredRegex> FilteredRegex::compile(std::string_view pattern) {
  std::unique_ptr<FilteredRegex> compiled(new FilteredRegex());
  auto analysis = std::make_unique<re2::FilteredRE2>(kMinLiteralLength);
  int id = 0;
  if (analysis->Add(re2::StringPiece(pattern.data(), pattern.size()), regex_options(), &id) !=
      RE2::NoError) {
    // FilteredRE2 discards a refused regex; compile it again to keep the reason.
    compiled->refused_ = compile_re2(pattern);
    compiled->regex_ = compiled->refused_.get();
    return compiled;
  }
  std::optional<std::vector<std::string>> literals = required_literals(*analysis);
  if (!literals) literals = required_literals_of_branches(pattern);
  if (literals) compiled->prefilter_ = LiteralPrefilter(std::move(*literals));
  compiled->regex_ = &analysis->GetRE2(id);
  compiled->analysis_ = std::move(analysis);
  return compiled;
}

FilteredRegex::~FilteredRegex() = default;

bool FilteredRegex::ok() const {
  return regex_->ok();
}

bool FilteredRegex::partial_match(std::string_view text) const {
  return prefilter_.may_match(text) &&
         RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *regex_);
}

std::string regex_error(const re2::RE2& refused) {
  if (refused.error_code() == RE2::ErrorPatternTooLarge) {
    return limits::exceeded("regex-program-bytes", regex_program_limit(),
                            "the regular expression compiles to too large a program");
  }
  return refused.error();
}

std::variant<Regex, std::string> Regex::compile(std::string_view pattern) {
  std::shared_ptr<const re2::RE2> compiled = compile_re2(pattern);
  if (!compiled->ok()) return "invalid regular expression: " + regex_error(*compiled);
  return Regex(std::move(compiled));
}

std::string_view Regex::pattern() const {
  return compiled_->pattern();
}

int Regex::groups() const {
  return compiled_->NumberOfCapturingGroups();
}

bool Regex::search(std::string_view text) const {
  return RE2::PartialMatch(re2::StringPiece(text), *compiled_);
}

std::optional<std::vector<std::optional<std::string_view>>> Regex::find(
    std::string_view text) const {
  // A null data pointer would be indistinguishable from a group that did not participate.
  if (text.data() == nullptr) text = std::string_view("", 0);
  const int slots = 1 + compiled_->NumberOfCapturingGroups();
  std::vector<re2::StringPiece> pieces(static_cast<std::size_t>(slots));
  if (!compiled_->Match(re2::StringPiece(text), 0, text.size(), RE2::UNANCHORED, pieces.data(),
                        slots)) {
    return std::nullopt;
  }
  std::vector<std::optional<std::string_view>> captures;
  captures.reserve(pieces.size());
  for (const re2::StringPiece& piece : pieces) {
    if (piece.data() == nullptr) {
      captures.emplace_back(std::nullopt);
    } else {
      captures.emplace_back(std::string_view(piece.data(), piece.size()));
    }
  }
  return captures;
}

}  // namespace taskguard::text
