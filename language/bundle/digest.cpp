#include <sodium.h>

#include "language/bundle/bundle.hpp"

namespace taskguard::bundle {

std::string sha256_hex(std::string_view bytes) {
  static const bool initialized = sodium_init() >= 0;
  if (!initialized) throw BundleError("cannot start libsodium to compute a SHA-256 digest");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * sizeof digest);
  for (const unsigned char byte : digest) {
    out += kHex[byte >> 4];
    out += kHex[byte & 0xF];
  }
  return out;
}

}  // namespace taskguard::bundle
