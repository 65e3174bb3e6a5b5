#include "stdlib/secrets/credential_name.hpp"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

#include "stdlib/text/strings.hpp"

namespace taskguard::secrets {
namespace {

using Words = std::vector<std::string>;

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
  return is_upper(c) || is_lower(c) || is_digit(c);
}

// DB_PASSWORD, dbPassword, DBPassword, db-password and "db password" all give DB PASSWORD.
Words split_words(std::string_view name) {
  Words words;
  std::string current;
  const auto flush = [&] {
    if (!current.empty()) words.push_back(text::upper(current));
    current.clear();
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (!is_alnum(c)) {
      flush();
      continue;
    }
    if (!current.empty() && is_upper(c)) {
      const char previous = name[i - 1];
      const bool next_is_lower = i + 1 < name.size() && is_lower(name[i + 1]);
      // fooBar | FOOBar (an acronym followed by a word) | foo2Bar
      if (is_lower(previous) || is_digit(previous) || (is_upper(previous) && next_is_lower)) {
        flush();
      }
    }
    current.push_back(c);
  }
  flush();
  return words;
}

bool one_of(const std::string& word, std::initializer_list<std::string_view> candidates) {
  return std::find(candidates.begin(), candidates.end(), word) != candidates.end();
}

// Words that name a credential on their own. TOKENS (plural) is left out on purpose.
bool is_credential_word(const std::string& word) {
  if (one_of(word,
             {"PASSWORD", "PASSWORDS", "PASSWD", "PASS", "PWD", "PASSPHRASE", "SECRET", "SECRETS",
              "TOKEN", "CREDENTIAL", "CREDENTIALS", "CREDS", "SALT", "AUTHORIZATION", "APIKEY",
              "ACCESSKEY", "SECRETKEY", "PRIVATEKEY", "AUTHKEY"})) {
    return true;
  }
  // Names written without separators: dbpassword, githubtoken, clientsecret, x-api-key-like
  // forms. SECRET and TOKEN only as an ending, since SECRETARY and TOKENIZER are not secrets.
  for (std::string_view part : {"PASSWORD", "PASSWD", "PASSPHRASE", "APIKEY", "SECRETKEY",
                                "PRIVATEKEY", "ACCESSTOKEN", "AUTHTOKEN"}) {
    if (word.find(part) != std::string::npos) return true;
  }
  return word.size() > 6 && (word.ends_with("TOKEN") || word.ends_with("SECRET"));
}

bool is_credential_pair(const std::string& first, const std::string& second) {
  if (second == "KEY") {
    return one_of(first,
                  {"API", "ACCESS", "PRIVATE", "AUTH", "SIGNING", "ENCRYPTION", "MASTER", "SERVICE",
                   "ACCOUNT", "CLIENT", "LICENSE", "APP", "SSH", "HMAC", "SESSION", "SECRET"});
  }
  return (first == "AUTH" && second == "DATA") || (first == "CONNECTION" && second == "STRING") ||
         (first == "CONN" && second == "STR");
}

// The value is a setting about a credential (where it is, how long it lives, what it is
// called), not the credential.
bool is_metadata_word(const std::string& word) {
  return one_of(
      word,
      {"ARN",       "ID",       "IDS",        "NAME",      "NAMES",    "PATH",       "FILE",
       "FILES",     "DIR",      "DIRECTORY",  "URL",       "URI",      "ENDPOINT",   "HOST",
       "HOSTNAME",  "PORT",     "REGION",     "LENGTH",    "LEN",      "SIZE",       "TTL",
       "EXPIRY",    "EXPIRES",  "EXPIRATION", "LIFETIME",  "TIMEOUT",  "DURATION",   "INTERVAL",
       "TYPE",      "KIND",     "FORMAT",     "ALGORITHM", "ALG",      "VERSION",    "PARAM",
       "PARAMETER", "ROTATION", "ENABLED",    "DISABLED",  "REQUIRED", "POLICY",     "MIN",
       "MAX",       "COUNT",    "PREFIX",     "SUFFIX",    "LOCATION", "STORE",      "PROVIDER",
       "ISSUER",    "AUDIENCE", "SCOPE",      "SCOPES",    "MODE",     "FIELD",      "COLUMN",
       "LABEL",     "SOURCE",   "REF",        "REFERENCE", "BUCKET",   "TABLE",      "KMS",
       "HEADER",    "MANAGER",  "PATTERN",    "REGEX",     "STRENGTH", "COMPLEXITY", "HINT",
       "PROMPT",    "RESET",    "CHANGED",    "UPDATED",   "CREATED",  "CACHE",      "STRATEGY",
       "METHOD",    "ENV",      "VAR"});
}

bool is_switch_word(const std::string& word) {
  return one_of(word, {"ENABLE", "ENABLED", "DISABLE", "DISABLED", "USE", "REQUIRE", "REQUIRES",
                       "SKIP", "ALLOW", "IS", "HAS", "NO", "SHOW", "HIDE", "ROTATE", "GENERATE",
                       "VALIDATE", "VERIFY", "CHECK"});
}

bool ends_with_access_key_id(const Words& words) {
  const std::size_t n = words.size();
  return n >= 3 && words[n - 3] == "ACCESS" && words[n - 2] == "KEY" && words[n - 1] == "ID";
}

}  // namespace

bool credential_name(std::string_view name) {
  const Words words = split_words(name);
  if (words.empty()) return false;
  if (words.size() == 1 && (words[0] == "PWD" || words[0] == "OLDPWD")) return false;
  if (ends_with_access_key_id(words)) return true;
  if (is_switch_word(words.front())) return false;
  if (words.size() > 1 && is_metadata_word(words.back())) return false;

  if (words.size() > 1 && words.back() == "AUTH") return true;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (is_credential_word(words[i])) return true;
    if (i + 1 < words.size() && is_credential_pair(words[i], words[i + 1])) return true;
  }
  return false;
}

}  // namespace taskguard::secrets
