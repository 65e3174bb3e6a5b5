#include "stdlib/secrets/pattern_detectors.hpp"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "stdlib/secrets/entropy.hpp"
#include "stdlib/secrets/placeholder.hpp"
#include "stdlib/text/base64.hpp"
#include "stdlib/text/literal_prefilter.hpp"
#include "stdlib/text/regex_widening.hpp"

namespace taskguard::secrets {
namespace {

// A match that passes the pattern can still be refused by a check the pattern cannot express.
using Check = bool (*)(std::string_view match);

// Literals every match of the pattern contains, compared without regard to ASCII case: a value
// with none of them cannot match, and most values are answered without running RE2. They are
// the pattern's atoms as RE2's own analysis (FilteredRE2) finds them, or parts of them, and a
// test proves them from that analysis for every detector (secrets_literals_test.cpp).
using Literals = std::array<std::string_view, 6>;

struct PatternSpec {
  KindDescription description;
  const char* pattern;
  Check check;
  Literals literals;
  // A byte every match also contains, besides one of its literals ('\0': none). The URL
  // detector's literal, "://", is in most URLs; its matches also need the '@' most URLs lack.
  // Proven from RE2's analysis too (secrets_literals_test.cpp).
  char required_byte = '\0';
};

// Documentation samples (AKIAIOSFODNN7EXAMPLE) and masks are not secrets.
bool not_placeholder(std::string_view match) {
  return !is_placeholder(match);
}

// gitleaks requires entropy >= 3 of its token rules (aws-access-token, github-pat, jwt ...),
// which drops "AKIAAAAAAAAAAAAAAAAA" and "ghp_xxxxxxxx...".
bool random_enough(std::string_view match) {
  return not_placeholder(match) && entropy(match) >= 3.0;
}

// A JWT's first segment is base64url of a JSON header naming the algorithm: this tells a token
// from two dotted base64 runs that merely start with "eyJ".
bool has_jwt_header(std::string_view match) {
  if (!not_placeholder(match)) return false;
  const auto header = text::decode_base64(match.substr(0, match.find('.')));
  if (!header) return false;
  return header->find("\"alg\"") != std::string::npos ||
         header->find("\"typ\"") != std::string::npos;
}

// scheme://user:password@host: reported unless the password is a reference or a placeholder
// (postgres://app:${DB_PASSWORD}@db is how it should be done). The host does not matter: a
// real password for db.example.com is still a real password.
bool has_literal_password(std::string_view match) {
  const std::size_t authority = match.find("://") + 3;
  const std::size_t at = match.rfind('@');
  const std::string_view userinfo = match.substr(authority, at - authority);
  const std::size_t colon = userinfo.find(':');
  if (colon == std::string_view::npos) return false;
  const std::string_view password = userinfo.substr(colon + 1);
  return !is_placeholder(password);
}

// The order is the reporting order: the most specific formats first, so that a GitHub token is
// called a GitHub token and not merely high-entropy.
constexpr std::array kSpecs = {
    PatternSpec{
        {"private-key",
         "a PEM private key block (RSA, EC, DSA, OpenSSH, PKCS#8, PGP) or a PuTTY key",
         "gitleaks `private-key`; detect-secrets `private_key.py` markers"},
        // The body must follow (32 base64 characters within 300, which also skips the
        // Proc-Type and DEK-Info lines of an encrypted key), so a lone header in documentation is
        // not a key.
        R"((?i)-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]{0,300}?[A-Za-z0-9+/]{32}|PuTTY-User-Key-File-[23]:)",
        not_placeholder,
        {"-----begin", "putty-user-key-file-"}},
    PatternSpec{{"aws-access-key-id",
                 "an AWS access key id: AKIA (long-term), ASIA (temporary), ABIA, ACCA or A3T "
                 "followed by 16 base32 characters",
                 "AWS IAM User Guide, 'Unique identifier prefixes'; gitleaks `aws-access-token`"},
                R"(\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b)",
                random_enough,
                {"kia", "sia", "bia", "cca", "3t"}},
    PatternSpec{
        {"aws-session-token",
         "an AWS STS session token: 100+ base64 characters starting with a known "
         "token header (AQoDYXdzE, FQoGZXIvYXdzE, FwoGZXIvYXdzE, IQoJb3JpZ2luX2Vj)",
         "AWS STS API Reference (GetSessionToken example); trufflehog `aws` session keys"},
        R"(\b(?:AQoDYXdzE|FQoGZXIvYXdzE|FwoGZXIvYXdzE|IQoJb3JpZ2luX2Vj)[A-Za-z0-9+/]{90,}={0,3})",
        random_enough,
        {"aqodyxdze", "fqogzxivyxdze", "fwogzxivyxdze", "iqojb3jpz2lux2vj"}},
    PatternSpec{
        {"github-token",
         "a GitHub token: ghp_, gho_, ghu_, ghs_ or ghr_ and 36+ characters, or a "
         "fine-grained github_pat_ token",
         "GitHub Docs, 'About authentication to GitHub: token formats'; gitleaks "
         "`github-pat`, `github-fine-grained-pat`"},
        R"(\b(?:(?:ghp|gho|ghu|ghs|ghr)_[0-9A-Za-z]{36,251}|github_pat_[0-9A-Za-z_]{82})\b)",
        random_enough,
        {"ithub_pat_", "hp_", "ho_", "hu_", "hs_", "hr_"}},
    PatternSpec{{"gitlab-token",
                 "a GitLab personal, project, deploy, runner or pipeline-trigger token (glpat-, "
                 "gldt-, glrt-, glptt-)",
                 "GitLab Docs, 'Token prefixes'; gitleaks `gitlab-pat`, `gitlab-ptt`"},
                R"(\b(?:glpat|gldt|glrt|glptt)-[0-9A-Za-z_-]{20,})",
                random_enough,
                {"glpat-", "gldt-", "glrt-", "glptt-"}},
    PatternSpec{
        {"slack-webhook", "a Slack incoming-webhook or workflow URL (hooks.slack.com/...)",
         "Slack API docs, 'Sending messages using incoming webhooks'; detect-secrets "
         "`slack.py`; gitleaks `slack-webhook-url`"},
        R"(hooks\.slack\.com/(?:services/T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/[A-Za-z0-9_]+|(?:workflows|triggers)/[A-Za-z0-9+/]{43,56}))",
        not_placeholder,
        {"hooks.slack.com/"}},
    PatternSpec{
        {"slack-token",
         "a Slack token: xoxa-, xoxb-, xoxp-, xoxo-, xoxs-, xoxr- with numeric groups, or "
         "an app-level xapp- token",
         "Slack API docs, 'Token types'; detect-secrets `slack.py`; gitleaks "
         "`slack-app-token`"},
        R"((?i)\bxox[abposr]-(?:[0-9]+-)+[a-z0-9]+|\bxapp-[0-9]-[A-Z0-9]+-[0-9]+-[a-z0-9]+)",
        random_enough,
        {"ox", "app-"}},
    PatternSpec{
        {"stripe-key", "a Stripe secret or restricted key (sk_live_, rk_live_, sk_test_ ...)",
         "Stripe Docs, 'API keys'; gitleaks `stripe-access-token`"},
        R"(\b(?:sk|rk)_(?:test|live|prod)_[0-9A-Za-z]{10,99}\b)",
        random_enough,
        {"sk_", "rk_"}},
    PatternSpec{{"google-api-key", "a Google Cloud API key: AIza and 35 characters",
                 "Google Cloud docs, 'Manage API keys'; gitleaks `gcp-api-key`"},
                R"(\bAIza[0-9A-Za-z_-]{35}\b)",
                random_enough,
                {"aiza"}},
    PatternSpec{{"npm-token", "an npm access token: npm_ and 36 characters",
                 "GitHub blog, 'npm token format' (2021); gitleaks `npm-access-token`"},
                R"(\bnpm_[0-9A-Za-z]{36}\b)",
                random_enough,
                {"npm_"}},
    PatternSpec{{"sendgrid-api-key", "a SendGrid API key: SG.<22>.<43>",
                 "Twilio SendGrid docs, 'API keys'; gitleaks `sendgrid-api-token`"},
                R"(\bSG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}\b)",
                random_enough,
                {"sg."}},
    PatternSpec{{"twilio-api-key",
                 "a Twilio API key SID: SK and 32 hex digits (Account SIDs, AC..., are "
                 "identifiers and not reported)",
                 "Twilio docs, 'API keys'; gitleaks `twilio-api-key`"},
                R"(\bSK[0-9a-fA-F]{32}\b)",
                random_enough,
                {"sk"}},
    PatternSpec{
        {"new-relic-key",
         "a New Relic user key (NRAK-), insert key (NRII-), browser key (NRJS-) or "
         "license key (40 characters ending in NRAL)",
         "New Relic docs, 'New Relic API keys'; gitleaks `new-relic-user-api-key`, "
         "`new-relic-insert-key`, `new-relic-browser-api-token`"},
        R"(\b(?:NRAK-[A-Z0-9]{27}|NRII-[0-9A-Za-z_-]{32}|NRJS-[a-f0-9]{19}|[a-f0-9]{36}NRAL)\b)",
        random_enough,
        {"nr"}},
    PatternSpec{
        {"openai-api-key", "an OpenAI API key: sk-, sk-proj-, sk-svcacct- with T3BlbkFJ inside",
         "gitleaks `openai-api-key`"},
        R"(\bsk-(?:(?:proj|svcacct|admin)-)?[0-9A-Za-z_-]{20,}T3BlbkFJ[0-9A-Za-z_-]{20,})",
        random_enough,
        {"t3blbkfj"}},
    PatternSpec{{"anthropic-api-key", "an Anthropic API key: sk-ant-api03- or sk-ant-admin01-",
                 "gitleaks `anthropic-api-key`, `anthropic-admin-api-key`"},
                R"(\bsk-ant-(?:api03|admin01)-[0-9A-Za-z_-]{93}AA\b)",
                random_enough,
                {"sk-ant-"}},
    PatternSpec{{"pypi-token", "a PyPI upload token: pypi-AgEIcHlwaS5vcmc...",
                 "PyPI docs, 'API tokens'; gitleaks `pypi-upload-token`"},
                R"(pypi-AgEIcHlwaS5vcmc[0-9A-Za-z_-]{50,})",
                random_enough,
                {"pypi-ageichlwas5vcmc"}},
    PatternSpec{{"vault-token", "a HashiCorp Vault service token: hvs. and 90+ characters",
                 "Vault docs, 'Tokens: token prefixes'; gitleaks `vault-service-token`"},
                R"(\bhvs\.[0-9A-Za-z_-]{90,120}\b)",
                random_enough,
                {"hvs."}},
    PatternSpec{
        {"jwt",
         "a JSON Web Token: base64url header naming `alg` or `typ`, a payload and an "
         "optional signature",
         "RFC 7519; gitleaks `jwt`; trufflehog `jwt`"},
        R"(\b(?:eyJ|ewogIC|ewoid)[0-9A-Za-z_-]{12,}={0,2}\.(?:eyJ|ewo)[0-9A-Za-z_-]{12,}={0,2}\.[0-9A-Za-z_-]*)",
        has_jwt_header,
        {"eyj", "ewogic", "ewoid"}},
    PatternSpec{{"url-with-password",
                 "a URL with a literal password in it: scheme://user:password@host (a ${VAR} or "
                 "placeholder password is not reported)",
                 "RFC 3986 §3.2.1 (user:password in userinfo is deprecated); gitleaks "
                 "`generic-api-key` (URL credentials); detect-secrets `basic_auth.py`"},
                R"(\b[A-Za-z][A-Za-z0-9+.-]{1,30}://[^\s:/?#@]*:[^\s/?#]+@[^\s/?#@]+)",
                has_literal_password,
                {"://"},
                '@'},
};

RE2::Options detector_options() {
  RE2::Options options;
  // The formats are ASCII; Latin-1 makes every byte a character, so invalid UTF-8 in a
  // document is just another byte that does not match.
  options.set_encoding(RE2::Options::EncodingLatin1);
  options.set_log_errors(false);
  return options;
}

// Each detector's own regex is compiled the first time the set says it may match: most runs
// never need most of them, and compiling all nineteen cost a fifth of checking one file.
//
// The regexes and the set below are each thread's own: RE2 takes a reader lock on every search
// of a regex object, and threads sharing one pass the lock's cache line between their cores on
// every search (language/program/regex_constant.hpp).
const re2::RE2& detector_regex(std::size_t detector) {
  thread_local std::array<std::unique_ptr<const re2::RE2>, kSpecs.size()> compiled;
  std::unique_ptr<const re2::RE2>& slot = compiled[detector];
  if (slot == nullptr)
    slot = std::make_unique<const re2::RE2>(kSpecs[detector].pattern, detector_options());
  return *slot;
}

// Every pattern at once: one scan of a value tells which detectors can match it at all, so the
// common value that holds no secret costs one pass instead of one per detector. nullptr if
// RE2 refuses to build it (then each detector scans on its own, as without it).
//
// The set holds each pattern widened (regex_widening.hpp): it names every detector whose
// pattern matches, and sometimes one whose pattern does not, which that detector's own regex
// then refuses. The exact patterns' counted repetitions made the set cost 4-7 ms to build, in
// every run that met a value holding a detector's literal; widened, 0.3 ms.
const re2::RE2::Set* any_detector() {
  thread_local const std::unique_ptr<re2::RE2::Set> set = [] {
    auto built = std::make_unique<re2::RE2::Set>(detector_options(), RE2::UNANCHORED);
    for (const PatternSpec& spec : kSpecs) {
      const std::optional<std::string> widened = text::widen_counted_repetitions(spec.pattern);
      if ((!widened || built->Add(*widened, nullptr) < 0) && built->Add(spec.pattern, nullptr) < 0)
        return std::unique_ptr<re2::RE2::Set>();
    }
    if (!built->Compile()) return std::unique_ptr<re2::RE2::Set>();
    return built;
  }();
  return set.get();
}

// A value that contains none of any detector's literals cannot match the set: that takes a
// table lookup per byte, where the set's scan has a fixed cost of hundreds of instructions.
// Detectors that also need a byte of their own are grouped by it, so that a value lacking the
// byte is not sent to the set for their literals alone.
class DetectorPrefilter {
 public:
  DetectorPrefilter() {
    std::vector<std::pair<char, std::vector<std::string>>> groups;
    for (const PatternSpec& spec : kSpecs) {
      auto group = std::find_if(groups.begin(), groups.end(),
                                [&](const auto& g) { return g.first == spec.required_byte; });
      if (group == groups.end()) group = groups.insert(groups.end(), {spec.required_byte, {}});
      for (std::string_view literal : spec.literals) {
        if (!literal.empty()) group->second.emplace_back(literal);
      }
    }
    for (auto& [byte, literals] : groups)
      groups_.push_back({byte, text::LiteralPrefilter(std::move(literals))});
  }

  bool may_match(std::string_view value) const {
    return std::any_of(groups_.begin(), groups_.end(), [&](const Group& g) {
      return (g.required_byte == '\0' || value.find(g.required_byte) != std::string_view::npos) &&
             g.literals.may_match(value);
    });
  }

 private:
  struct Group {
    char required_byte;
    text::LiteralPrefilter literals;
  };
  std::vector<Group> groups_;
};

const DetectorPrefilter& any_detector_literal() {
  static const DetectorPrefilter prefilter;
  return prefilter;
}

// Stops a value built from thousands of refused candidates (sample keys) from costing more
// than a bounded number of rescans.
constexpr int kMaxCandidatesPerDetector = 256;

std::optional<Detection> first_accepted(std::size_t detector, std::string_view value) {
  const PatternSpec& spec = kSpecs[detector];
  const re2::RE2& regex = detector_regex(detector);
  if (!regex.ok()) return std::nullopt;
  const re2::StringPiece text(value.data(), value.size());
  std::size_t position = 0;
  for (int candidate = 0; candidate < kMaxCandidatesPerDetector && position <= value.size();
       ++candidate) {
    re2::StringPiece match;
    if (!regex.Match(text, position, value.size(), RE2::UNANCHORED, &match, 1)) break;
    const std::string_view found(match.data(), match.size());
    const std::size_t offset = static_cast<std::size_t>(match.data() - value.data());
    if (spec.check(found)) {
      return Detection{spec.description.kind, offset, found.size()};
    }
    position = offset + std::max<std::size_t>(found.size(), 1);
  }
  return std::nullopt;
}

}  // namespace

std::optional<Detection> detect_by_pattern(std::string_view value) {
  if (value.data() == nullptr || !any_detector_literal().may_match(value)) return std::nullopt;
  std::vector<int> candidates;
  re2::RE2::Set::ErrorInfo error{};
  const re2::RE2::Set* set = any_detector();
  // Asking first whether anything matches at all lets RE2 stop at the first match and skip the
  // per-call set of match ids; nearly every value matches nothing.
  if (set != nullptr &&
      !set->Match(re2::StringPiece(value.data(), value.size()), nullptr, &error) &&
      error.kind == re2::RE2::Set::kNoError) {
    return std::nullopt;
  }
  if (set == nullptr ||
      (!set->Match(re2::StringPiece(value.data(), value.size()), &candidates, &error) &&
       error.kind != re2::RE2::Set::kNoError)) {
    candidates.resize(kSpecs.size());  // no prefilter: every detector scans
    for (std::size_t i = 0; i < kSpecs.size(); ++i)
      candidates[i] = static_cast<int>(i);
  }
  std::sort(candidates.begin(), candidates.end());  // reporting order
  for (int i : candidates) {
    if (auto detection = first_accepted(static_cast<std::size_t>(i), value)) return detection;
  }
  return std::nullopt;
}

std::vector<PatternLiterals> pattern_literals() {
  std::vector<PatternLiterals> list;
  for (const PatternSpec& spec : kSpecs) {
    PatternLiterals entry{spec.description.kind, spec.pattern, {}, spec.required_byte};
    for (std::string_view literal : spec.literals) {
      if (!literal.empty()) entry.literals.push_back(literal);
    }
    list.push_back(std::move(entry));
  }
  return list;
}

std::span<const KindDescription> pattern_kinds() {
  static const std::vector<KindDescription> descriptions = [] {
    std::vector<KindDescription> list;
    for (const PatternSpec& spec : kSpecs)
      list.push_back(spec.description);
    return list;
  }();
  return descriptions;
}

}  // namespace taskguard::secrets
