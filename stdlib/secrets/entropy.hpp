#pragma once
// Shannon entropy, the measure every secret scanner uses to tell random tokens from words.

#include <string_view>

namespace taskguard::secrets {

// Bits per byte: -sum(p * log2 p) over the byte frequencies of `s`; 0 for the empty string.
// Bytes, not characters, so that the result is defined for any input; secrets are ASCII anyway.
// A string of n distinct bytes scores log2(n); a 40-character random base64 token about 4.9.
double entropy(std::string_view s);

}  // namespace taskguard::secrets
