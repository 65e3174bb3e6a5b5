#include "stdlib/text/literal_prefilter.hpp"

#include <algorithm>
#include <cstring>

namespace taskguard::text {
namespace {

constexpr unsigned char ascii_lower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c - 'A' + 'a') : c;
}

// The pair table is indexed by two bytes with bit 5 (ASCII case) and bit 7 cleared: 14 bits,
// 2 KiB. Bytes that differ only in those bits share a slot; the literal comparison that follows
// a hit sorts them out.
constexpr unsigned kFold = 0x5F;

constexpr std::size_t pair_index(unsigned char first, unsigned char second) {
  return (std::size_t{first & kFold} << 7) | (second & kFold);
}

bool is_ascii(std::string_view text) {
  std::uint64_t any = 0;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, sizeof word);
    any |= word;
  }
  for (; i < text.size(); ++i)
    any |= static_cast<unsigned char>(text[i]);
  return (any & 0x8080808080808080ULL) == 0;
}

}  // namespace

LiteralPrefilter::LiteralPrefilter(std::vector<std::string> literals) {
  if (literals.empty()) return;  // nothing known: admit every text rather than none
  for (std::string& literal : literals) {
    if (literal.size() < 2) return;  // filters_ stays false: every text is admitted
    // A literal with a byte past ASCII never occurs in the ASCII text that the table is asked
    // about (other text is admitted before the table is consulted).
    if (!is_ascii(literal)) continue;
    std::transform(literal.begin(), literal.end(), literal.begin(), [](char c) {
      return static_cast<char>(ascii_lower(static_cast<unsigned char>(c)));
    });
    const std::size_t pair =
        pair_index(static_cast<unsigned char>(literal[0]), static_cast<unsigned char>(literal[1]));
    first_pairs_[pair / 64] |= std::uint64_t{1} << (pair % 64);
    shortest_ = std::min(shortest_, literal.size());
    literals_.push_back({static_cast<std::uint16_t>(pair), std::move(literal)});
  }
  std::sort(literals_.begin(), literals_.end(),
            [](const Literal& a, const Literal& b) { return a.pair < b.pair; });
  filters_ = true;
}

bool LiteralPrefilter::literal_at(std::string_view text, std::size_t position,
                                  std::size_t pair) const {
  const std::string_view rest = text.substr(position);
  auto it = std::lower_bound(literals_.begin(), literals_.end(), pair,
                             [](const Literal& l, std::size_t p) { return l.pair < p; });
  for (; it != literals_.end() && it->pair == pair; ++it) {
    const std::string& literal = it->text;
    if (literal.size() > rest.size()) continue;
    if (std::equal(literal.begin(), literal.end(), rest.begin(), [](char l, char t) {
          return l == static_cast<char>(ascii_lower(static_cast<unsigned char>(t)));
        })) {
      return true;
    }
  }
  return false;
}

bool LiteralPrefilter::may_match(std::string_view text) const {
  if (!filters_ || !is_ascii(text)) return true;
  if (text.size() < shortest_) return false;  // most values are shorter than "{{resolve:ssm-"
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 1; i < text.size(); ++i) {
    const std::size_t pair = pair_index(bytes[i - 1], bytes[i]);
    if (((first_pairs_[pair / 64] >> (pair % 64)) & 1U) != 0 && literal_at(text, i - 1, pair)) {
      return true;
    }
  }
  return false;
}

}  // namespace taskguard::text
