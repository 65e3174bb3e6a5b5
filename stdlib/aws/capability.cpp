#include "stdlib/aws/capability.hpp"

#include "stdlib/text/strings.hpp"

namespace taskguard::aws {

std::string normalize_capability(std::string_view name) {
  std::string normalized = text::upper(text::trim(name));
  if (normalized.starts_with("CAP_")) normalized.erase(0, 4);
  return normalized;
}

}  // namespace taskguard::aws
