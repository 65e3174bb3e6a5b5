#pragma once
// Who a container runs as, from its `user` field. ECS passes the field to Docker's --user, which
// takes user, user:group, uid, uid:gid, user:gid or uid:group; when it is absent the image
// decides, which for most images means root.
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html (user)

#include <optional>
#include <string_view>

namespace taskguard::aws {

// Root: absent (nullopt) or empty (the image's default user, root unless the image says
// otherwise), "root", a uid that is zero ("0", "00"), or any of these followed by ":group".
// "rootless", "1000:0" (root group, not root user) and "ROOT" (Linux names are case-sensitive)
// are not root.
bool is_root_user(std::optional<std::string_view> user);

// A Windows administrator: absent or empty (Windows containers then run as
// ContainerAdministrator), or, ignoring case and any "DOMAIN\" prefix, ContainerAdministrator,
// Administrator or SYSTEM ("NT AUTHORITY\SYSTEM"). ContainerUser is not.
// https://learn.microsoft.com/virtualization/windowscontainers/manage-containers/container-security
bool is_windows_admin_user(std::optional<std::string_view> user);

}  // namespace taskguard::aws
