#pragma once
// secrets.kind: what a value looks like, if it looks like a credential. The detectors are the
// public formats documented by the issuers and collected by gitleaks, trufflehog and
// detect-secrets (each cites its source in pattern_detectors.cpp), followed by two token
// detectors that need no prefix: 40-character AWS secret access keys and generic high-entropy
// tokens (token_detectors.cpp). A finding names the kind and where it is, never the secret.

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace taskguard::secrets {

struct Detection {
  std::string_view kind;   // a stable name from kinds(), e.g. "github-token"
  std::size_t offset = 0;  // where the secret starts in the value, in bytes
  std::size_t length = 0;
};

// The first detector that recognises a secret in `value` (anywhere in it: a command line or a
// connection string is scanned, not only a value that is a bare token). Placeholders and
// documentation samples (is_placeholder) are never reported. Linear in the size of the value.
std::optional<Detection> detect(std::string_view value);

// detect(value)->kind, the form rules use.
std::optional<std::string_view> kind(std::string_view value);

struct KindDescription {
  std::string_view kind;
  std::string_view recognises;  // one line: the format, for docs/stdlib.md
  std::string_view source;      // where the format is documented
};

// Every kind detect() can return, in the order the detectors run.
std::span<const KindDescription> kinds();

}  // namespace taskguard::secrets
