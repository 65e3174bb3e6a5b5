#include "stdlib/text/base64.hpp"

namespace taskguard::text {
namespace {

constexpr int kInvalid = -1;

int sextet(char c, bool& saw_standard, bool& saw_url_safe) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '/') {
    saw_standard = true;
    return c == '+' ? 62 : 63;
  }
  if (c == '-' || c == '_') {
    saw_url_safe = true;
    return c == '-' ? 62 : 63;
  }
  return kInvalid;
}

}  // namespace

std::optional<std::string> decode_base64(std::string_view encoded) {
  std::size_t padding = 0;
  while (!encoded.empty() && encoded.back() == '=' && padding < 2) {
    encoded.remove_suffix(1);
    ++padding;
  }
  // Padded input must have been a multiple of four; one leftover character is never valid.
  if (padding > 0 && (encoded.size() + padding) % 4 != 0) return std::nullopt;
  if (encoded.size() % 4 == 1) return std::nullopt;

  bool saw_standard = false, saw_url_safe = false;
  std::string decoded;
  decoded.reserve(encoded.size() * 3 / 4);
  unsigned buffer = 0;
  int bits = 0;
  for (char c : encoded) {
    const int value = sextet(c, saw_standard, saw_url_safe);
    if (value == kInvalid) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      decoded.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  if (saw_standard && saw_url_safe) return std::nullopt;
  return decoded;
}

}  // namespace taskguard::text
