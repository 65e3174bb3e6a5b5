#pragma once
// Base64 decoding, lenient in the ways real values are (standard or URL-safe alphabet, padding
// present or not) and strict about everything else. The secret detectors use it to look inside
// encoded values: a JWT header, a base64-wrapped private key, base64 of ordinary text.

#include <optional>
#include <string>
#include <string_view>

namespace taskguard::text {

// The decoded bytes, or nullopt when `encoded` is not base64: a character outside both
// alphabets, a mix of the two alphabets, padding anywhere but the end, or a length that no
// encoding produces.
std::optional<std::string> decode_base64(std::string_view encoded);

}  // namespace taskguard::text
