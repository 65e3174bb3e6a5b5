#include "cli/commands/default_pack.hpp"

#include <mutex>
#include <string_view>

#include "language/bundle/bundle.hpp"

namespace taskguard::embedded {
// Generated at build time from policies/*.tg (policies/CMakeLists.txt).
std::string_view default_bundle();
}  // namespace taskguard::embedded

namespace taskguard::cli {

std::shared_ptr<const program::Program> default_pack() {
  // Decoded and verified once per process, like any bundle: an embedded pack is trusted no more.
  static std::once_flag once;
  static std::shared_ptr<const program::Program> pack;
  std::call_once(once, [] { pack = bundle::read(embedded::default_bundle()); });
  return pack;
}

}  // namespace taskguard::cli
