#pragma once
// Detectors for credentials without a prefix, recognised by length, alphabet and randomness:
// AWS secret access keys and generic high-entropy tokens. Thresholds (documented in
// docs/stdlib.md, tested at their boundaries):
//
//  - A token is a maximal run of [A-Za-z0-9+/_-] in the value.
//  - aws-secret-access-key: a token of exactly 40 characters of [A-Za-z0-9+/] with Shannon
//    entropy >= 4.25 bits (trufflehog's threshold for this detector).
//  - high-entropy: a token of at least kMinHighEntropyLength characters with entropy >= 3.7 bits
//    (shorter than 32 characters) or >= 4.0 bits (32 and longer), where at least 40% of adjacent
//    character pairs change class (upper / lower / digit / symbol), and that is not structured:
//    less than 60% of its characters are in "word" segments (split at / _ - +; a word is letters
//    then digits, like "Credentials", "MyWebApp2", "v2", or letters then a CDK 8-hex hash) and
//    less than 70% in CamelCase syllables (two or more lower-case letters, with their capital).
//    The class-change floor and the syllable share tell random tokens from CamelCase
//    identifiers; the word segments tell them from paths and ARN resources
//    (prod/Db/Credentials-AbC123).
//  - Both need an upper-case letter, a lower-case letter and a digit, and skip: hex strings (git
//    SHAs, digests, UUID parts, which cannot exceed 4 bits anyway), SRI digests
//    (sha256-..., sha512-...), tokens in an SSH public key line or a PEM certificate / public
//    key, and base64 whose decoding is printable text (encoded configuration). Decoded text is
//    scanned by the pattern detectors once, so that a base64-wrapped private key is still found.

#include <cstddef>
#include <optional>
#include <string_view>

#include "stdlib/secrets/detect.hpp"

namespace taskguard::secrets {

inline constexpr std::size_t kAwsSecretKeyLength = 40;
inline constexpr double kAwsSecretKeyMinEntropy = 4.25;
inline constexpr std::size_t kMinHighEntropyLength = 20;
inline constexpr std::size_t kLongTokenLength = 32;
inline constexpr double kShortTokenMinEntropy = 3.7;
inline constexpr double kLongTokenMinEntropy = 4.0;
inline constexpr double kMinClassChangeRatio = 0.4;
inline constexpr double kMinStructuredShare = 0.6;
inline constexpr double kMinCamelCaseShare = 0.7;

std::optional<Detection> detect_by_token(std::string_view value);

}  // namespace taskguard::secrets
