// libFuzzer shell around taskguard::fuzz::vm_full_pack (see entry_points/).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/entry_points/vm_full_pack.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  taskguard::fuzz::vm_full_pack(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
