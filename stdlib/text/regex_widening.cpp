#include "stdlib/text/regex_widening.hpp"

#include "stdlib/text/regex_syntax.hpp"

namespace taskguard::text {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

struct Repetition {
  std::size_t length = 0;  // of `{...}`; 0 when the brace at hand opens no repetition
  bool may_be_empty = false;
};

// RE2 reads `{n}`, `{n,}` and `{n,m}` as repetitions and any other `{` as a literal brace.
Repetition repetition_at(std::string_view p, std::size_t open) {
  std::size_t i = open + 1;
  const std::size_t digits = i;
  bool zero = true;
  while (i < p.size() && is_digit(p[i])) {
    zero = zero && p[i] == '0';
    ++i;
  }
  if (i == digits) return {};
  if (i < p.size() && p[i] == ',') {
    ++i;
    while (i < p.size() && is_digit(p[i]))
      ++i;
  }
  if (i >= p.size() || p[i] != '}') return {};
  return {i + 1 - open, zero};
}

}  // namespace

std::optional<std::string> widen_counted_repetitions(std::string_view p) {
  std::string widened;
  widened.reserve(p.size());
  std::size_t i = 0;
  while (i < p.size()) {
    if (p[i] == '\\') {
      if (i + 1 >= p.size() || p[i + 1] == 'Q') return std::nullopt;
      widened += p.substr(i, 2);
      i += 2;
    } else if (p[i] == '[') {
      const std::size_t end = regex_syntax::class_end(p, i);
      if (end == regex_syntax::kNotFollowed) return std::nullopt;
      widened += p.substr(i, end - i);
      i = end;
    } else if (const Repetition r = p[i] == '{' ? repetition_at(p, i) : Repetition{};
               r.length != 0) {
      widened += r.may_be_empty ? '*' : '+';
      i += r.length;
    } else {
      widened += p[i];
      ++i;
    }
  }
  return widened;
}

}  // namespace taskguard::text
