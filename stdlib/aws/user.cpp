#include "stdlib/aws/user.hpp"

#include <algorithm>

#include "stdlib/text/strings.hpp"

namespace taskguard::aws {

bool is_root_user(std::optional<std::string_view> user) {
  if (!user || user->empty()) return true;
  const std::string_view name = user->substr(0, user->find(':'));
  if (name == "root") return true;
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) { return c == '0'; });
}

bool is_windows_admin_user(std::optional<std::string_view> user) {
  if (!user || text::trim(*user).empty()) return true;
  std::string name = text::lower(text::trim(*user));
  if (const std::size_t backslash = name.rfind('\\'); backslash != std::string::npos) {
    name.erase(0, backslash + 1);
  }
  return name == "containeradministrator" || name == "administrator" || name == "system";
}

}  // namespace taskguard::aws
