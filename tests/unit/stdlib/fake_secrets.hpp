#pragma once
// Credential-shaped test data, generated at run time. Keeping realistic tokens out of the source
// means secret scanners (and push protection) never flag this repository, and every token is
// random enough to exercise the entropy checks honestly.

#include <cstdint>
#include <string>
#include <string_view>

namespace taskguard::test {

inline constexpr std::string_view kAlnum =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
inline constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
inline constexpr std::string_view kUpperBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
inline constexpr std::string_view kHex = "0123456789abcdef";

// A deterministic pseudo-random string over `alphabet` (xorshift; the same seed gives the same
// string on every platform).
inline std::string random_string(std::size_t length, std::string_view alphabet,
                                 std::uint64_t seed = 1) {
  std::uint64_t state = seed * 0x9E3779B97F4A7C15ull + 1;
  std::string out;
  for (std::size_t i = 0; i < length; ++i) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    out.push_back(alphabet[state % alphabet.size()]);
  }
  return out;
}

// Joins pieces so that no prefix such as "gh" "p_" appears contiguously in this source.
inline std::string cat(std::string_view a, std::string_view b) {
  return std::string(a) + std::string(b);
}

}  // namespace taskguard::test
