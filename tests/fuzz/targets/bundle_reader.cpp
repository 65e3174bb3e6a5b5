// libFuzzer shell around taskguard::fuzz::bundle_reader (see entry_points/).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/entry_points/bundle_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  taskguard::fuzz::bundle_reader(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
