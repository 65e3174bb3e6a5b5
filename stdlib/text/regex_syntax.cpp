#include "stdlib/text/regex_syntax.hpp"

namespace taskguard::text::regex_syntax {

std::size_t class_end(std::string_view p, std::size_t open) {
  std::size_t i = open + 1;
  if (i < p.size() && p[i] == '^') ++i;
  if (i < p.size() && p[i] == ']') ++i;
  while (i < p.size()) {
    if (p[i] == '\\') {
      i += 2;
    } else if (p[i] == '[' && i + 1 < p.size() && p[i + 1] == ':') {
      const std::size_t close = p.find(":]", i + 2);
      if (close == kNotFollowed) return kNotFollowed;
      i = close + 2;
    } else if (p[i] == ']') {
      return i + 1;
    } else {
      ++i;
    }
  }
  return kNotFollowed;
}

}  // namespace taskguard::text::regex_syntax
