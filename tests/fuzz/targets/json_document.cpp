// libFuzzer shell around taskguard::fuzz::json_document (see entry_points/).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/entry_points/document_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  taskguard::fuzz::json_document(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
