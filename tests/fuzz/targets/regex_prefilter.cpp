// libFuzzer shell around taskguard::fuzz::regex_prefilter (see entry_points/).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/entry_points/regex_prefilter.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  taskguard::fuzz::regex_prefilter(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
