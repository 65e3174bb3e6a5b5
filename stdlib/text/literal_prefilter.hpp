#pragma once
// A necessary condition for a regular expression to match, tested without running it: every
// match contains at least one of a few literal strings (compared without regard to ASCII case).
// Most values a rule asks about contain none, and looking for two-byte prefixes in a table costs
// a fraction of RE2's fixed cost per search (its locks and DFA set-up dominate on short values).

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace taskguard::text {

class LiteralPrefilter {
 public:
  // Admits every text: for a pattern no literal is known for.
  LiteralPrefilter() = default;
  // `literals`: lowercase, two bytes or more (a shorter one admits every text).
  explicit LiteralPrefilter(std::vector<std::string> literals);

  // false only if `text` contains none of the literals and is ASCII. Text with other bytes is
  // always admitted: Unicode case folding can map them to ASCII letters (the Kelvin sign K
  // matches (?i)k), which ASCII lowercasing cannot account for.
  bool may_match(std::string_view text) const;

  bool admits_everything() const { return !filters_; }

 private:
  // Does a literal starting with the folded byte pair `pair` occur at `position`?
  bool literal_at(std::string_view text, std::size_t position, std::size_t pair) const;

  struct Literal {
    std::uint16_t pair;  // pair_index() of its first two bytes
    std::string text;    // lowercase
  };

  bool filters_ = false;
  std::size_t shortest_ = std::numeric_limits<std::size_t>::max();  // no literal fits in less
  std::vector<Literal> literals_;                                   // by pair
  // One bit per pair of bytes (case folded, see pair_index) that starts a literal.
  std::array<std::uint64_t, (128 * 128) / 64> first_pairs_{};
};

}  // namespace taskguard::text
