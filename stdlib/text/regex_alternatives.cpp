#include "stdlib/text/regex_alternatives.hpp"

#include "stdlib/text/regex_syntax.hpp"

namespace taskguard::text {
namespace {

constexpr std::size_t kNone = regex_syntax::kNotFollowed;
using regex_syntax::class_end;

bool is_flag(char c) {
  return c == 'i' || c == 'm' || c == 's' || c == 'U' || c == '-';
}

// Length of an unscoped flag group such as `(?i)` or `(?-s)` at `at`, else 0.
std::size_t flag_group_length(std::string_view p, std::size_t at) {
  if (p.substr(at, 2) != "(?") return 0;
  std::size_t i = at + 2;
  while (i < p.size() && is_flag(p[i]))
    ++i;
  return i > at + 2 && i < p.size() && p[i] == ')' ? i + 1 - at : 0;
}

// Walks `p` token by token, keeping the depth of parentheses. `at_depth_zero(i)` is called for
// each `|` outside every group; `on_close(i)` for each `)` that closes a top-level group.
// false on syntax this walk does not follow: a quoted `\Q` run, an unterminated class or escape,
// unbalanced parentheses, and an unscoped flag group outside every group (its flags would reach
// into the branches after it).
template <typename Bar, typename Close>
bool walk(std::string_view p, Bar at_depth_zero, Close on_close) {
  int depth = 0;
  std::size_t i = 0;
  while (i < p.size()) {
    switch (p[i]) {
      case '\\':
        if (i + 1 >= p.size() || p[i + 1] == 'Q') return false;
        i += 2;
        break;
      case '[':
        i = class_end(p, i);
        if (i == kNone) return false;
        break;
      case '(':
        if (depth == 0 && flag_group_length(p, i) != 0) return false;
        ++depth;
        ++i;
        break;
      case ')':
        if (--depth < 0) return false;
        if (depth == 0) on_close(i);
        ++i;
        break;
      case '|':
        if (depth == 0) at_depth_zero(i);
        ++i;
        break;
      default:
        ++i;
    }
  }
  return depth == 0;
}

// The body of `rest` when all of it is one capturing or `(?:` group, else `rest` itself.
std::string_view outer_group_body(std::string_view rest) {
  std::size_t open_length = 0;
  if (rest.substr(0, 3) == "(?:") {
    open_length = 3;
  } else if (!rest.empty() && rest[0] == '(' && rest.substr(0, 2) != "(?") {
    open_length = 1;
  } else {
    return rest;
  }
  std::size_t first_close = kNone;
  const bool followed = walk(
      rest, [](std::size_t) {},
      [&](std::size_t at) {
        if (first_close == kNone) first_close = at;
      });
  if (!followed || first_close != rest.size() - 1) return rest;
  return rest.substr(open_length, rest.size() - 1 - open_length);
}

}  // namespace

std::optional<std::vector<std::string>> top_level_alternatives(std::string_view pattern) {
  std::size_t flags_end = 0;
  while (const std::size_t length = flag_group_length(pattern, flags_end))
    flags_end += length;
  const std::string_view flags = pattern.substr(0, flags_end);
  const std::string_view body = outer_group_body(pattern.substr(flags_end));

  std::vector<std::size_t> bars;
  if (!walk(
          body, [&](std::size_t at) { bars.push_back(at); }, [](std::size_t) {}) ||
      bars.empty()) {
    return std::nullopt;
  }
  std::vector<std::string> branches;
  std::size_t start = 0;
  bars.push_back(body.size());
  for (const std::size_t bar : bars) {
    std::string branch(flags);
    branch += "(?:";
    branch += body.substr(start, bar - start);
    branch += ')';
    branches.push_back(std::move(branch));
    start = bar + 1;
  }
  return branches;
}

}  // namespace taskguard::text
