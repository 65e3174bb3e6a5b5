#pragma once
// Linux capability names as written in linuxParameters.capabilities. ECS documents them
// without the prefix ("SYS_ADMIN"); Docker and people also write "CAP_SYS_ADMIN" or lower case.
// Normalising both sides lets a rule compare against one list.

#include <string>
#include <string_view>

namespace taskguard::aws {

// Upper-cased, surrounding whitespace and a leading "CAP_" removed:
// "cap_sys_admin" → "SYS_ADMIN", "ALL" → "ALL".
std::string normalize_capability(std::string_view name);

}  // namespace taskguard::aws
