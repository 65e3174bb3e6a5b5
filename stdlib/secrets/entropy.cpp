#include "stdlib/secrets/entropy.hpp"

#include <array>
#include <cmath>
#include <cstddef>

namespace taskguard::secrets {

double entropy(std::string_view s) {
  if (s.empty()) return 0.0;
  std::array<std::size_t, 256> counts{};
  for (char c : s)
    ++counts[static_cast<unsigned char>(c)];
  const double n = static_cast<double>(s.size());
  double bits = 0.0;
  for (std::size_t count : counts) {
    if (count == 0) continue;
    const double p = static_cast<double>(count) / n;
    bits -= p * std::log2(p);
  }
  return bits;
}

}  // namespace taskguard::secrets
