#include "cli/commands/default_pack.hpp"

#include <stdexcept>

namespace taskguard::cli {

std::shared_ptr<const program::Program> default_pack() {
  throw std::runtime_error(
      "this build carries no embedded policy pack; use --policy policies/ or --bundle FILE");
}

}  // namespace taskguard::cli
