#include "stdlib/text/strings.hpp"

#include <algorithm>
#include <array>

namespace taskguard::text {
namespace {

constexpr bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// Length of the well-formed UTF-8 sequence starting at s[i], or 1 when the bytes there are not
// one (a stray continuation byte, an overlong form, a surrogate, a truncated sequence).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  std::size_t need = 0;
  unsigned char min_second = 0x80, max_second = 0xBF;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) {
    need = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 2;
    if (lead == 0xE0) min_second = 0xA0;  // overlong
    if (lead == 0xED) max_second = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 3;
    if (lead == 0xF0) min_second = 0x90;  // overlong
    if (lead == 0xF4) max_second = 0x8F;  // above U+10FFFF
  } else {
    return 1;
  }
  if (i + need >= s.size()) return 1;  // truncated
  if (byte(i + 1) < min_second || byte(i + 1) > max_second) return 1;
  for (std::size_t k = 2; k <= need; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 1;
  }
  return need + 1;
}

}  // namespace

void lower_into(std::string_view s, char* out) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    out[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
}

void upper_into(std::string_view s, char* out) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    out[i] = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  }
}

std::string lower(std::string_view s) {
  std::string out(s.size(), '\0');
  lower_into(s, out.data());
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s.size(), '\0');
  upper_into(s, out.data());
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back()))
    s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.starts_with(prefix);
}
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.ends_with(suffix);
}
bool contains(std::string_view s, std::string_view needle) {
  return s.find(needle) != std::string_view::npos;
}

std::size_t length(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); i += utf8_sequence_length(s, i))
    ++count;
  return count;
}

std::vector<std::string_view> split(std::string_view s, std::string_view separator) {
  std::vector<std::string_view> parts;
  split_into(s, separator, parts);
  return parts;
}

void split_into(std::string_view s, std::string_view separator,
                std::vector<std::string_view>& parts) {
  if (separator.empty()) {
    for (std::size_t i = 0; i < s.size();) {
      const std::size_t n = utf8_sequence_length(s, i);
      parts.push_back(s.substr(i, n));
      i += n;
    }
    return;
  }
  std::size_t start = 0;
  for (std::size_t at = s.find(separator); at != std::string_view::npos;
       at = s.find(separator, start)) {
    parts.push_back(s.substr(start, at - start));
    start = at + separator.size();
  }
  parts.push_back(s.substr(start));
}

std::vector<std::string_view> split_any(std::string_view s, std::string_view separators) {
  std::vector<std::string_view> parts;
  split_any_into(s, separators, parts);
  return parts;
}

void split_any_into(std::string_view s, std::string_view separators,
                    std::vector<std::string_view>& parts) {
  std::size_t start = 0;
  const auto is_ascii = [](char c) { return static_cast<unsigned char>(c) < 0x80; };
  if (std::all_of(separators.begin(), separators.end(), is_ascii)) {
    // The common case, and a byte never splits a multi-byte character here: the bytes of a
    // UTF-8 sequence are all >= 0x80.
    std::array<bool, 128> separator{};
    for (char c : separators)
      separator[static_cast<unsigned char>(c)] = true;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (is_ascii(s[i]) && separator[static_cast<unsigned char>(s[i])]) {
        parts.push_back(s.substr(start, i - start));
        start = i + 1;
      }
    }
    parts.push_back(s.substr(start));
    return;
  }
  std::vector<std::string_view> characters;
  for (std::size_t i = 0; i < separators.size();) {
    const std::size_t n = utf8_sequence_length(separators, i);
    characters.push_back(separators.substr(i, n));
    i += n;
  }
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_sequence_length(s, i);
    const std::string_view character = s.substr(i, n);
    if (std::find(characters.begin(), characters.end(), character) != characters.end()) {
      parts.push_back(s.substr(start, i - start));
      start = i + n;
    }
    i += n;
  }
  parts.push_back(s.substr(start));
}

std::string join(std::span<const std::string_view> parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

std::string replace(std::string_view s, std::string_view from, std::string_view to) {
  if (from.empty()) return std::string(s);
  std::string out;
  std::size_t start = 0;
  for (std::size_t at = s.find(from); at != std::string_view::npos; at = s.find(from, start)) {
    out += s.substr(start, at - start);
    out += to;
    start = at + from.size();
  }
  out += s.substr(start);
  return out;
}

}  // namespace taskguard::text
