#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "language/bundle/bundle.hpp"

namespace taskguard::bundle {

std::string sha256_hex(std::string_view bytes) {
  // A digest needs none of the system's OpenSSL configuration (engines, providers, policy), and
  // reading it was a quarter of the library's start-up, paid by every run that loads a bundle.
  static const bool initialized = OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr) == 1;
  if (!initialized) throw BundleError("cannot start OpenSSL to compute a SHA-256 digest");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw BundleError("cannot compute a SHA-256 digest (OpenSSL failed)");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

}  // namespace taskguard::bundle
