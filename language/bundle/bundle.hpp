#pragma once
// Bundles (.tgb): a compiled policy pack as one file. The byte layout is specified in
// docs/bundle-format.md. Reading never trusts the file: the header, the SHA-256 digest of the
// payload, every count, length and index are checked, and the result goes through
// Program::create, which verifies the bytecode, so a bundle either loads correctly or is
// refused with a message that says why.

#include <array>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "language/program/program.hpp"

namespace taskguard::bundle {

inline constexpr std::string_view kMagic = "TGBUNDLE";
inline constexpr std::uint32_t kFormatVersion = 1;
inline constexpr std::size_t kHeaderSize = 56;

struct BundleError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct BundleInfo {
  std::uint32_t format_version = 0;
  std::string compiler_version;
  std::string digest;  // SHA-256 of the payload, lowercase hex
  std::uint64_t payload_size = 0;
  std::uint64_t total_size = 0;
};

// The bundle's bytes.
std::string write(const program::Program& program);
// Writes atomically enough for build systems: a temporary file renamed over `path`.
// Throws BundleError when the file cannot be written.
void write_file(const program::Program& program, const std::string& path);

// Throws BundleError. `info`, when given, is filled as soon as the header and digest are read,
// so `taskguard inspect` can show them even for a bundle whose payload is then refused.
std::shared_ptr<const program::Program> read(std::string_view bytes, BundleInfo* info = nullptr);
std::shared_ptr<const program::Program> read_file(const std::string& path,
                                                  BundleInfo* info = nullptr);

// Lowercase hex SHA-256 of `bytes` (libsodium).
std::string sha256_hex(std::string_view bytes);

}  // namespace taskguard::bundle
