#include "stdlib/text/regex.hpp"

#include <re2/re2.h>

namespace taskguard::text {
namespace {

// Large enough for any hand-written policy pattern, small enough that a hostile pattern in a
// parameter file cannot make the compiler allocate without bound.
constexpr std::int64_t kMaxProgramMemory = 8 << 20;

}  // namespace

std::variant<Regex, std::string> Regex::compile(std::string_view pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(kMaxProgramMemory);
  auto compiled = std::make_shared<const re2::RE2>(re2::StringPiece(pattern), options);
  if (!compiled->ok()) return "invalid regular expression: " + compiled->error();
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
