// libFuzzer shell around taskguard::fuzz::policy_source (see entry_points/).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/entry_points/policy_source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  taskguard::fuzz::policy_source(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
