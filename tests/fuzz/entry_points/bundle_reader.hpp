#pragma once
// Fuzz entry point: a bundle (.tgb) file through the reader and the program constructor.
// Contract: any byte string loads as a program or is refused with BundleError; nothing else.
//
// Raw mutations almost never get past the SHA-256 check, so the input is also treated as a
// payload and wrapped in a header with the right length and digest: that puts the decoder,
// the constant pools, the regex compiler and the bytecode verifier under the fuzzer.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "language/bundle/bundle.hpp"
#include "tests/fuzz/entry_points/result.hpp"

namespace taskguard::fuzz {

inline std::string bundle_around_payload(std::string_view payload) {
  std::string bytes(bundle::kMagic);
  auto put_le = [&bytes](std::uint64_t value, int width) {
    for (int i = 0; i < width; ++i)
      bytes.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
  };
  put_le(bundle::kFormatVersion, 4);
  put_le(0, 4);  // flags
  put_le(payload.size(), 8);
  std::string digest_hex = bundle::sha256_hex(payload);
  for (std::size_t i = 0; i + 1 < digest_hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(digest_hex.substr(i, 2), nullptr, 16)));
  }
  bytes.append(payload);
  return bytes;
}

inline Result load_bundle(std::string_view bytes) {
  try {
    auto program = bundle::read(bytes);
    return {program != nullptr, {}};  // a null program without an error is a silent failure
  } catch (const bundle::BundleError& e) {
    // The documented refusal; any other exception escapes and is a finding.
    return {false, e.what()};
  }
}

// The result of the wrapped form: the raw form is refused by the digest check almost always.
inline Result bundle_reader(std::string_view input) {
  Result raw = load_bundle(input);
  Result wrapped = load_bundle(bundle_around_payload(input));
  return raw.clean() ? wrapped : raw;
}

}  // namespace taskguard::fuzz
