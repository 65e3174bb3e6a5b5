#include "stdlib/text/number.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

#include "stdlib/text/strings.hpp"

namespace taskguard::text {
namespace {

constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// from_chars also accepts "inf", "nan" and hex floats in some modes; the grammar here is the
// plain decimal one users mean: [+-] digits [. digits] [e [+-] digits], with at least one digit
// in the mantissa.
bool is_decimal(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < s.size() && is_digit(s[i]))
    ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i]))
      ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exponent_digits = 0;
    while (i < s.size() && is_digit(s[i]))
      ++i, ++exponent_digits;
    if (exponent_digits == 0) return false;
  }
  return i == s.size();
}

}  // namespace

std::optional<double> to_number(std::string_view s) {
  s = trim(s);
  if (!is_decimal(s)) return std::nullopt;
  if (s.front() == '+') s.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (error != std::errc() || end != s.data() + s.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

}  // namespace taskguard::text
