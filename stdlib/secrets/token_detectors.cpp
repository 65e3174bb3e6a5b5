#include "stdlib/secrets/token_detectors.hpp"

#include <algorithm>

#include "stdlib/secrets/entropy.hpp"
#include "stdlib/secrets/pattern_detectors.hpp"
#include "stdlib/secrets/placeholder.hpp"
#include "stdlib/text/base64.hpp"

namespace taskguard::secrets {
namespace {

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_token_char(char c) {
  return is_upper(c) || is_lower(c) || is_digit(c) || c == '+' || c == '/' || c == '_' || c == '-';
}
bool is_separator(char c) {
  return c == '+' || c == '/' || c == '_' || c == '-';
}
bool is_base64_char(char c) {
  return is_upper(c) || is_lower(c) || is_digit(c) || c == '+' || c == '/';
}

constexpr std::size_t kCdkHashLength = 8;

enum class CharClass { Upper, Lower, Digit, Symbol };
CharClass class_of(char c) {
  if (is_upper(c)) return CharClass::Upper;
  if (is_lower(c)) return CharClass::Lower;
  if (is_digit(c)) return CharClass::Digit;
  return CharClass::Symbol;
}

bool mixes_letters_and_digits(std::string_view token) {
  return std::any_of(token.begin(), token.end(), is_upper) &&
         std::any_of(token.begin(), token.end(), is_lower) &&
         std::any_of(token.begin(), token.end(), is_digit);
}

double class_change_ratio(std::string_view token) {
  if (token.size() < 2) return 0.0;
  std::size_t changes = 0;
  for (std::size_t i = 1; i < token.size(); ++i) {
    if (class_of(token[i]) != class_of(token[i - 1])) ++changes;
  }
  return static_cast<double>(changes) / static_cast<double>(token.size() - 1);
}

bool is_printable_text(std::string_view bytes) {
  return !bytes.empty() && std::all_of(bytes.begin(), bytes.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return (b >= 0x20 && b < 0x7F) || b == '\n' || b == '\r' || b == '\t';
  });
}

// Public material that is random by nature: SSH public keys and PEM certificates / public keys.
bool is_public_key_material(std::string_view value) {
  for (std::string_view prefix : {"ssh-", "ecdsa-sha2-", "sk-ssh-", "sk-ecdsa-"}) {
    if (value.starts_with(prefix)) return true;
  }
  return value.find("-----BEGIN CERTIFICATE") != std::string_view::npos ||
         value.find("-----BEGIN PUBLIC KEY") != std::string_view::npos ||
         value.find("-----BEGIN RSA PUBLIC KEY") != std::string_view::npos;
}

bool is_upper_hex(char c) {
  return is_digit(c) || (c >= 'A' && c <= 'F');
}

// Letters then digits ("Credentials", "MyWebApp2", "v2"), digits only, or letters then the
// 8-character upper-case hex hash the AWS CDK appends to logical ids ("TaskDefTaskRole1EDB4A67"):
// how people and tools name things.
bool is_word_segment(std::string_view segment) {
  const auto letter = [](char c) { return is_upper(c) || is_lower(c); };
  std::size_t i = 0;
  while (i < segment.size() && letter(segment[i]))
    ++i;
  if (std::all_of(segment.begin() + static_cast<std::ptrdiff_t>(i), segment.end(), is_digit)) {
    return true;
  }
  if (segment.size() <= kCdkHashLength) return false;
  const std::string_view name = segment.substr(0, segment.size() - kCdkHashLength);
  const std::string_view hash = segment.substr(segment.size() - kCdkHashLength);
  return std::all_of(name.begin(), name.end(), letter) &&
         std::all_of(hash.begin(), hash.end(), is_upper_hex);
}

// Share of characters in words joined by / _ - + (see is_word_segment).
double word_segment_share(std::string_view token) {
  std::size_t word_characters = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= token.size(); ++i) {
    if (i < token.size() && !is_separator(token[i])) continue;
    const std::string_view segment = token.substr(start, i - start);
    if (is_word_segment(segment)) word_characters += segment.size();
    start = i + 1;
  }
  return static_cast<double>(word_characters) / static_cast<double>(token.size());
}

// Share of characters in CamelCase syllables: runs of two or more lower-case letters, with the
// capital that starts them ("HasAppEnvironment1Key" is 95% syllables, a random token about 35%).
double camel_case_share(std::string_view token) {
  std::size_t in_words = 0;
  std::size_t i = 0;
  while (i < token.size()) {
    const std::size_t start = i;
    if (is_upper(token[i])) ++i;
    std::size_t lower_run = 0;
    while (i < token.size() && is_lower(token[i]))
      ++i, ++lower_run;
    if (lower_run >= 2) in_words += i - start;
    if (i == start) ++i;
  }
  return static_cast<double>(in_words) / static_cast<double>(token.size());
}

// Paths, ARN resources, CamelCase and CDK names: text people or tools named, not random.
bool is_structured(std::string_view token) {
  return word_segment_share(token) >= kMinStructuredShare ||
         camel_case_share(token) >= kMinCamelCaseShare;
}

// Tokens that look random but are not credentials.
bool is_known_non_secret(std::string_view token) {
  if (std::all_of(token.begin(), token.end(), [](char c) { return is_hex(c) || c == '-'; })) {
    return true;  // git SHAs, digests, UUIDs
  }
  for (std::string_view digest : {"sha1-", "sha256-", "sha384-", "sha512-", "md5-"}) {
    if (token.starts_with(digest)) return true;  // subresource-integrity digests
  }
  return false;
}

enum class Encoded { NotText, Text };

// Base64 of printable text is encoded configuration, not a secret, unless the text itself holds
// one; `inner` receives that detection.
Encoded inspect_encoded_text(std::string_view token, std::optional<Detection>& inner) {
  const auto decoded = text::decode_base64(token);
  if (!decoded || !is_printable_text(*decoded)) return Encoded::NotText;
  inner = detect_by_pattern(*decoded);
  return Encoded::Text;
}

bool is_aws_secret_key(std::string_view token) {
  return token.size() == kAwsSecretKeyLength &&
         std::all_of(token.begin(), token.end(), is_base64_char) &&
         entropy(token) >= kAwsSecretKeyMinEntropy;
}

bool is_high_entropy(std::string_view token) {
  if (token.size() < kMinHighEntropyLength) return false;
  const double floor =
      token.size() < kLongTokenLength ? kShortTokenMinEntropy : kLongTokenMinEntropy;
  return entropy(token) >= floor && class_change_ratio(token) >= kMinClassChangeRatio &&
         !is_structured(token);
}

std::optional<Detection> classify(std::string_view token, std::size_t offset) {
  if (token.size() < kMinHighEntropyLength || !mixes_letters_and_digits(token)) {
    return std::nullopt;
  }
  if (is_known_non_secret(token) || is_placeholder(token)) return std::nullopt;
  std::string_view kind;
  if (is_aws_secret_key(token)) {
    kind = "aws-secret-access-key";
  } else if (is_high_entropy(token)) {
    kind = "high-entropy";
  } else {
    return std::nullopt;
  }
  std::optional<Detection> inner;
  if (inspect_encoded_text(token, inner) == Encoded::Text) {
    if (!inner) return std::nullopt;
    kind = inner->kind;
  }
  return Detection{kind, offset, token.size()};
}

}  // namespace

std::optional<Detection> detect_by_token(std::string_view value) {
  // No token of a shorter value can reach the length classify() asks for; most values are short.
  if (value.size() < kMinHighEntropyLength) return std::nullopt;
  if (is_public_key_material(value)) return std::nullopt;
  std::size_t i = 0;
  while (i < value.size()) {
    if (!is_token_char(value[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < value.size() && is_token_char(value[i]))
      ++i;
    if (auto detection = classify(value.substr(start, i - start), start)) return detection;
  }
  return std::nullopt;
}

}  // namespace taskguard::secrets
