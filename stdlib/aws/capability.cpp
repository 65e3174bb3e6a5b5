#include "stdlib/aws/capability.hpp"

#include "stdlib/text/strings.hpp"

namespace taskguard::aws {

std::string normalize_capability(std::string_view name) {
  std::string normalized = text::upper(text::trim(name));
  if (!normalized.starts_with("CAP_")) return normalized;
  return std::string(text::trim(std::string_view(normalized).substr(4)));
}

}  // namespace taskguard::aws
