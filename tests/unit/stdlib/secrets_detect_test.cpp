#include <doctest/doctest.h>

#include <set>
#include <string>

#include "stdlib/secrets/detect.hpp"
#include "stdlib/secrets/entropy.hpp"
#include "stdlib/text/base64.hpp"
#include "tests/unit/stdlib/fake_secrets.hpp"

using namespace taskguard;
using taskguard::test::cat;
using taskguard::test::kAlnum;
using taskguard::test::kBase64;
using taskguard::test::kHex;
using taskguard::test::kUpperBase32;
using taskguard::test::random_string;

namespace {

std::string kind_of(std::string_view value) {
  const auto k = secrets::kind(value);
  return k ? std::string(*k) : std::string("null");
}

std::string base64(std::string_view bytes) {
  static constexpr std::string_view alphabet = kBase64;
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
    out += alphabet[n & 63];
  }
  if (i + 1 == bytes.size()) {
    const unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string base64url(std::string_view bytes) {
  std::string out = base64(bytes);
  for (char& c : out) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  while (!out.empty() && out.back() == '=')
    out.pop_back();
  return out;
}

std::string fake_jwt() {
  return base64url(R"({"alg":"HS256","typ":"JWT"})") + "." +
         base64url(R"({"sub":"1234567890","name":"svc","iat":1516239022})") + "." +
         random_string(43, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", 7);
}

std::string fake_pem() {
  std::string body;
  for (int line = 0; line < 4; ++line)
    body += random_string(64, kBase64, 100 + line) + "\n";
  return cat("-----BEGIN RSA PRIVATE", " KEY-----\n") + body + "-----END RSA PRIVATE KEY-----\n";
}

}  // namespace

TEST_SUITE("stdlib") {
  TEST_CASE("secrets.entropy") {
    CHECK(secrets::entropy("") == 0.0);
    CHECK(secrets::entropy("aaaa") == 0.0);
    CHECK(secrets::entropy("ab") == doctest::Approx(1.0));
    CHECK(secrets::entropy("abcd") == doctest::Approx(2.0));
    CHECK(secrets::entropy("aabb") == doctest::Approx(1.0));
    CHECK(secrets::entropy(std::string("\xff\x00", 2)) == doctest::Approx(1.0));
    CHECK(secrets::entropy(random_string(4000, kHex)) <= 4.0);
    CHECK(secrets::entropy(random_string(4000, kBase64)) > 5.9);
  }

  TEST_CASE("AWS access key ids: credential prefixes only, samples excluded") {
    const std::string body = random_string(16, kUpperBase32, 3);
    for (std::string_view prefix : {"AKIA", "ASIA", "ABIA", "ACCA"}) {
      CAPTURE(prefix);
      CHECK(kind_of(cat(prefix, body)) == "aws-access-key-id");
      CHECK(kind_of("aws_access_key_id = " + cat(prefix, body) + "\n") == "aws-access-key-id");
    }
    // Identifiers, not credentials (AWS IAM unique-id prefixes).
    for (std::string_view prefix : {"AIDA", "AROA", "AGPA", "ANPA", "ANVA", "AIPA", "APKA"}) {
      CAPTURE(prefix);
      CHECK(kind_of(cat(prefix, body)) == "null");
    }
    CHECK(kind_of("AKIAIOSFODNN7EXAMPLE") == "null");           // AWS documentation sample
    CHECK(kind_of(cat("AKIA", "AAAAAAAAAAAAAAAA")) == "null");  // no randomness
    CHECK(kind_of(cat("AKIA", body) + "X") == "null");          // 17 characters: not a key id
    CHECK(kind_of("x" + cat("AKIA", body)) == "null");          // inside a longer word
    CHECK(kind_of(cat("AKIA", random_string(16, "abcdefgh", 3))) == "null");  // lower case
  }

  TEST_CASE("AWS secret access keys") {
    const std::string key = random_string(40, kBase64, 11);
    REQUIRE(secrets::entropy(key) >= 4.25);
    CHECK(kind_of(key) == "aws-secret-access-key");
    CHECK(kind_of("AWS_SECRET_ACCESS_KEY=" + key) == "aws-secret-access-key");
    CHECK(kind_of("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") == "null");  // AWS sample
    CHECK(kind_of("secret: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") == "null");
    // 39 or 41 characters of the same kind are generic high-entropy, not AWS keys.
    CHECK(kind_of(key.substr(0, 39)) == "high-entropy");
  }

  TEST_CASE("AWS session tokens") {
    const std::string token = cat("IQoJb3JpZ2luX2Vj", random_string(300, kBase64, 5)) + "==";
    CHECK(kind_of(token) == "aws-session-token");
    CHECK(kind_of(cat("FwoGZXIvYXdzE", random_string(200, kBase64, 6))) == "aws-session-token");
    CHECK(kind_of(cat("AQoDYXdzE", random_string(200, kBase64, 8))) == "aws-session-token");
    // The header alone is not a token.
    CHECK(kind_of("IQoJb3JpZ2luX2Vj") == "null");
  }

  TEST_CASE("GitHub tokens") {
    for (std::string_view prefix : {"ghp", "gho", "ghu", "ghs", "ghr"}) {
      CAPTURE(prefix);
      const std::string token = cat(prefix, "_") + random_string(36, kAlnum, 21);
      CHECK(kind_of(token) == "github-token");
      CHECK(kind_of("git clone https://" + token + "@github.com/org/repo") == "github-token");
    }
    CHECK(kind_of(cat("github", "_pat_") + random_string(82, kAlnum, 22)) == "github-token");
    CHECK(kind_of(cat("gh", "p_") + random_string(20, kAlnum, 21)) != "github-token");  // short
    CHECK(kind_of("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx") == "null");               // a mask
  }

  TEST_CASE("GitLab, Slack, Stripe, Google, npm, SendGrid, Twilio, New Relic") {
    CHECK(kind_of(cat("glpat", "-") + random_string(20, kAlnum, 31)) == "gitlab-token");
    CHECK(kind_of(cat("xox", "b-") + "1234567890123-1234567890123-" +
                  random_string(24, "abcdefghijklmnopqrstuvwxyz0123456789", 32)) == "slack-token");
    CHECK(kind_of(cat("xox", "p-") + "123456789012-123456789012-123456789012-" +
                  random_string(32, "abcdef0123456789", 33)) == "slack-token");
    CHECK(kind_of(cat("xox", "b-your-token")) == "null");
    CHECK(kind_of(cat("https://hooks.slack.com/services/", "T0123ABCD/B0123ABCD/") +
                  random_string(24, kAlnum, 34)) == "slack-webhook");
    CHECK(kind_of("https://hooks.slack.com/") == "null");
    CHECK(kind_of(cat("sk", "_live_") + random_string(24, kAlnum, 35)) == "stripe-key");
    CHECK(kind_of(cat("rk", "_live_") + random_string(24, kAlnum, 36)) == "stripe-key");
    CHECK(kind_of(cat("pk", "_live_") + random_string(24, kAlnum, 36)) != "stripe-key");
    CHECK(kind_of(cat("AI", "za") + random_string(35, kAlnum, 37)) == "google-api-key");
    CHECK(kind_of(cat("np", "m_") + random_string(36, kAlnum, 38)) == "npm-token");
    CHECK(kind_of(cat("SG", ".") + random_string(22, kAlnum, 39) + "." +
                  random_string(43, kAlnum, 40)) == "sendgrid-api-key");
    CHECK(kind_of(cat("S", "K") + random_string(32, kHex, 41)) == "twilio-api-key");
    CHECK(kind_of(cat("A", "C") + random_string(32, kHex, 41)) == "null");  // account SID
    CHECK(kind_of(cat("NR", "AK-") + random_string(27, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
                                                   42)) == "new-relic-key");
    CHECK(kind_of(random_string(36, kHex, 43) + cat("NR", "AL")) == "new-relic-key");
  }

  TEST_CASE("OpenAI, Anthropic, PyPI and Vault tokens") {
    CHECK(kind_of(cat("sk-proj-", random_string(58, kAlnum, 51)) + cat("T3Blbk", "FJ") +
                  random_string(58, kAlnum, 52)) == "openai-api-key");
    CHECK(kind_of(cat("sk-ant-", "api03-") + random_string(93, kAlnum, 53) + "AA") ==
          "anthropic-api-key");
    CHECK(kind_of(cat("pypi-AgEIcHlwaS5v", "cmc") + random_string(70, kAlnum, 54)) == "pypi-token");
    CHECK(kind_of(cat("hv", "s.") + random_string(95, kAlnum, 55)) == "vault-token");
  }

  TEST_CASE("private keys: PEM blocks, escaped newlines, PuTTY; not a bare header") {
    const std::string pem = fake_pem();
    CHECK(kind_of(pem) == "private-key");
    std::string escaped;
    for (char c : pem)
      escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
    CHECK(kind_of(escaped) == "private-key");
    CHECK(kind_of(cat("-----BEGIN OPENSSH PRIVATE", " KEY-----\n") +
                  random_string(70, kBase64, 61)) == "private-key");
    CHECK(kind_of(cat("-----BEGIN ENCRYPTED PRIVATE", " KEY-----\nProc-Type: 4,ENCRYPTED\n") +
                  "DEK-Info: AES-128-CBC,ABC\n\n" + random_string(64, kBase64, 62)) ==
          "private-key");
    CHECK(kind_of(cat("PuTTY-User-Key-", "File-3: ssh-ed25519")) == "private-key");
    CHECK(kind_of(cat("-----BEGIN RSA PRIVATE", " KEY-----")) == "null");
    CHECK(kind_of(cat("-----BEGIN RSA PRIVATE", " KEY-----\n...\n-----END RSA PRIVATE KEY-----")) ==
          "null");
  }

  TEST_CASE("base64-wrapped private keys are still private keys") {
    CHECK(kind_of(base64(fake_pem())) == "private-key");
  }

  TEST_CASE("JWTs need a real header") {
    CHECK(kind_of(fake_jwt()) == "jwt");
    CHECK(kind_of("Authorization: Bearer " + fake_jwt()) == "jwt");
    // Three dotted segments that start with eyJ but whose header is not JSON with alg/typ.
    const std::string not_jwt = base64url(R"({"hello":"world, long enough"})") + "." +
                                base64url(R"({"also":"json here"})") + ".";
    CHECK(kind_of(not_jwt) != "jwt");
  }

  TEST_CASE("URLs with a literal password") {
    CHECK(kind_of("postgres://app:S3cr3tP4ss@db.internal:5432/app") == "url-with-password");
    CHECK(kind_of("mongodb+srv://admin:hunter2@cluster0.mongodb.net/db") == "url-with-password");
    CHECK(kind_of("redis://:p4ssw0rd@cache:6379/0") == "url-with-password");
    CHECK(kind_of("amqp://user:pa@ss@mq.internal/vhost") == "url-with-password");
    CHECK(kind_of("DATABASE_URL=mysql://root:root@127.0.0.1/db") == "url-with-password");
    // The host does not excuse a real password.
    CHECK(kind_of("postgres://app:S3cr3tP4ss@db.example.com/app") == "url-with-password");
    // No password, a placeholder password, or no credentials at all.
    CHECK(kind_of("postgres://app:${DB_PASSWORD}@db:5432/app") == "null");
    CHECK(kind_of("postgres://app:changeme@db:5432/app") == "null");
    CHECK(kind_of("postgres://app:@db:5432/app") == "null");
    CHECK(kind_of("postgres://app@db:5432/app") == "null");
    CHECK(kind_of("https://db.internal:5432/path?x=1") == "null");
    CHECK(kind_of("https://example.com/a@b") == "null");
    CHECK(kind_of("git@github.com:org/repo.git") == "null");
  }

  TEST_CASE("generic high-entropy tokens") {
    CHECK(kind_of(random_string(32, kAlnum, 71)) == "high-entropy");
    CHECK(kind_of("--api-key=" + random_string(28, kAlnum, 72)) == "high-entropy");
    CHECK(kind_of(random_string(64, kBase64, 73)) == "high-entropy");
    CHECK(kind_of("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" +
                  random_string(86, kBase64, 74) + "==;EndpointSuffix=core.windows.net") ==
          "high-entropy");
  }

  TEST_CASE("false positives: identifiers, digests, references and encoded text are not secrets") {
    const std::string sha256 = random_string(64, kHex, 81);
    const std::string uuid = "3f2b8c1e-9a4d-4e7b-8c6f-1d2e3f4a5b6c";
    const std::string not_secrets[] = {
        "",
        "changeme",
        "${DB_PASSWORD}",
        "{{resolve:ssm:/prod/db/host}}",
        "<your-api-key>",
        "xxxxxxxxxxxxxxxxxxxxxxxx",
        "arn:aws:iam::123456789012:role/service-role/AmazonECSTaskExecutionRole2024",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/Db/Credentials-AbC123",
        "arn:aws:ecs:eu-west-1:123456789012:task-definition/MyWebApp2:17",
        uuid,
        "sha256:" + sha256,
        random_string(40, kHex, 82),  // git SHA
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web-app:2024.06.01-a1b2c3d",
        "public.ecr.aws/nginx/nginx@sha256:" + sha256,
        "https://api.internal.example.org/v2/Resources/Item123?Page=4",
        "https://sqs.us-east-1.amazonaws.com/123456789012/MyQueue2024",
        "/usr/local/lib/Python3.11/site-packages/MyPackage2/Module",
        "com.example.service.SomethingFactoryImpl2",
        "MyApplicationServiceName2024",
        "HasAppEnvironment1Key",         // CloudFormation condition names
        "TaskDefExecutionRoleB4775C97",  // CDK logical ids end in an 8-hex hash
        "GetAtt1LoadBalancer2DNS",
        "ThisIsAnOrdinaryCamelCaseIdentifier1",
        "-Xmx512m -XX:+UseG1GC -Dfile.encoding=UTF-8 -Dspring.profiles.active=Prod2",
        "2024-06-01T12:34:56.789Z",
        "us-east-1",
        "LOG_LEVEL=DEBUG",
        "true",
        "8080",
        "sg-0123456789abcdef0,subnet-0fedcba9876543210",
        "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUR+3qLY==",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl "
        "user@host",
        "-----BEGIN "
        "CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n"
        "-----END CERTIFICATE-----",
        base64("hello world, this is a config file"),
        base64("The quick brown fox jumps over the lazy dog"),
        base64("user=admin;mode=prod;region=us-east-1"),
        base64(R"({"logLevel":"info","feature":{"enabled":true,"ratio":0.25}})"),
        "\xff\xfe\xfd invalid utf-8 \xc0\xaf",
    };
    for (const std::string& value : not_secrets) {
      CAPTURE(value);
      CHECK(kind_of(value) == "null");
    }
  }

  TEST_CASE("high-entropy thresholds at their boundaries") {
    // Length: 19 characters are never enough, 20 are.
    const std::string token = random_string(20, kAlnum, 91);
    REQUIRE(secrets::entropy(token) >= 3.7);
    CHECK(kind_of(token) == "high-entropy");
    CHECK(kind_of(token.substr(0, 19)) == "null");
    // Entropy just below and at the short-token floor (3.7 bits): 13 distinct characters in 20
    // positions with 7 repeated once score just under, a token of 14 distinct just over.
    const std::string low = "aB1cD2eF3gH4iJ5kL6mN";  // 20 distinct: log2(20) = 4.32
    CHECK(secrets::entropy(low) == doctest::Approx(4.3219).epsilon(0.001));
    CHECK(kind_of(low) == "high-entropy");
    const std::string repeated = "aB1aB1aB1aB1aB1aB1aB";  // 3 symbols: 1.58 bits
    CHECK(kind_of(repeated) == "null");
    // A CamelCase identifier with high entropy fails the class-change floor.
    const std::string camel = "MyApplicationServiceName2024";
    CHECK(secrets::entropy(camel) > 4.0);
    CHECK(kind_of(camel) == "null");
    // Without a digit or without both cases a token is not a candidate, however random.
    CHECK(kind_of(random_string(40, "abcdefghijklmnopqrstuvwxyz0123456789", 92)) == "null");
    CHECK(kind_of(random_string(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 93)) ==
          "null");
  }

  TEST_CASE("entropy floor switches at 32 characters") {
    // 31 characters over 14 symbols (entropy ~3.79) pass the short floor; 32 characters over
    // 14 symbols (~3.80) do not reach the long floor of 4.0.
    const std::string symbols = "aB1cD2eF3gH4iJ";
    std::string short_token, long_token;
    for (int i = 0; i < 31; ++i)
      short_token += symbols[i % symbols.size()];
    for (int i = 0; i < 32; ++i)
      long_token += symbols[i % symbols.size()];
    const double short_entropy = secrets::entropy(short_token);
    const double long_entropy = secrets::entropy(long_token);
    CHECK(short_entropy >= 3.7);
    CHECK(short_entropy < 4.0);
    CHECK(long_entropy < 4.0);
    CHECK(kind_of(short_token) == "high-entropy");
    CHECK(kind_of(long_token) == "null");
  }

  TEST_CASE("the AWS secret key entropy threshold is 4.25") {
    // 40 characters over 18 symbols: about 4.15 bits, under 4.25: generic high-entropy instead.
    const std::string symbols = "aB1cD2eF3gH4iJ5kL6";
    std::string low;
    for (int i = 0; i < 40; ++i)
      low += symbols[i % symbols.size()];
    CHECK(secrets::entropy(low) < 4.25);
    CHECK(kind_of(low) == "high-entropy");
    // 40 characters over 20 symbols, each twice: exactly log2(20) = 4.32 bits.
    const std::string twenty = "aB1cD2eF3gH4iJ5kL6mN";
    const std::string high = twenty + twenty;
    CHECK(secrets::entropy(high) >= 4.25);
    CHECK(kind_of(high) == "aws-secret-access-key");
  }

  TEST_CASE("detect reports where the secret is, and every kind is documented") {
    const std::string token = cat("gh", "p_") + random_string(36, kAlnum, 101);
    const std::string value = "curl -H 'Authorization: token " + token + "' https://api";
    const auto detection = secrets::detect(value);
    REQUIRE(detection.has_value());
    CHECK(detection->kind == "github-token");
    CHECK(value.substr(detection->offset, detection->length) == token);

    std::set<std::string_view> names;
    for (const auto& k : secrets::kinds()) {
      CHECK_FALSE(k.recognises.empty());
      CHECK_FALSE(k.source.empty());
      CHECK(names.insert(k.kind).second);
    }
    for (std::string_view expected :
         {"aws-access-key-id", "aws-secret-access-key", "aws-session-token", "github-token",
          "private-key", "jwt", "url-with-password", "high-entropy"}) {
      CHECK(names.count(expected) == 1);
    }
  }

  TEST_CASE("detectors are total on hostile input") {
    const std::string huge(1 << 20, 'A');
    CHECK(kind_of(huge) == "null");
    std::string binary;
    for (int i = 0; i < 4096; ++i)
      binary.push_back(static_cast<char>(i * 37));
    CHECK_NOTHROW(secrets::kind(binary));
    std::string many_samples;
    for (int i = 0; i < 2000; ++i)
      many_samples += "AKIAIOSFODNN7EXAMPLE ";
    CHECK(kind_of(many_samples) == "null");
    CHECK(kind_of(std::string_view()) == "null");
  }
}
