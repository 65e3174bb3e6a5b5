#include "cli/commands/default_pack.hpp"

#include <stdexcept>
#include <string_view>

#include "language/bundle/bundle.hpp"

namespace taskguard::embedded {
// policies/CMakeLists.txt: policies/*.tg compiled at build time by taskguard-compile.
std::string_view default_bundle();
}  // namespace taskguard::embedded

namespace taskguard::cli {

std::shared_ptr<const program::Program> default_pack() {
  // Decoded (digest, verification) once; the Program is immutable and shared afterwards.
  static const std::shared_ptr<const program::Program> pack = [] {
    try {
      return bundle::read(embedded::default_bundle());
    } catch (const bundle::BundleError& e) {
      throw std::runtime_error(std::string("the embedded policy pack is unusable: ") + e.what());
    }
  }();
  return pack;
}

}  // namespace taskguard::cli
