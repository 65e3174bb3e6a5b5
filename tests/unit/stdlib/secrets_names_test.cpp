#include <doctest/doctest.h>

#include <string_view>

#include "stdlib/secrets/credential_name.hpp"
#include "stdlib/secrets/placeholder.hpp"

using taskguard::secrets::credential_name;
using taskguard::secrets::is_placeholder;

TEST_SUITE("stdlib") {
  TEST_CASE("credential names") {
    for (std::string_view name : {"DB_PASSWORD",
                                  "PASSWORD",
                                  "db_pass",
                                  "MYSQL_PWD",
                                  "POSTGRES_PASSWD",
                                  "API_KEY",
                                  "apiKey",
                                  "x-api-key",
                                  "STRIPE_APIKEY",
                                  "CLIENT_SECRET",
                                  "clientSecret",
                                  "GITHUB_TOKEN",
                                  "githubToken",
                                  "githubtoken",
                                  "AUTH_TOKEN",
                                  "ACCESS_TOKEN",
                                  "SLACK_BOT_TOKEN",
                                  "JWT_SECRET",
                                  "SECRET_KEY_BASE",
                                  "DJANGO_SECRET_KEY",
                                  "PRIVATE_KEY",
                                  "privateKey",
                                  "SSH_PRIVATE_KEY",
                                  "AWS_SECRET_ACCESS_KEY",
                                  "AWS_ACCESS_KEY_ID",
                                  "AWS_SESSION_TOKEN",
                                  "ECS_ENGINE_AUTH_DATA",
                                  "GOOGLE_APPLICATION_CREDENTIALS_JSON",
                                  "DOCKER_CREDS",
                                  "BASIC_AUTH",
                                  "DD_API_KEY",
                                  "NEW_RELIC_LICENSE_KEY",
                                  "ENCRYPTION_KEY",
                                  "SIGNING_KEY",
                                  "APP_KEY",
                                  "AUTH_SALT",
                                  "SECRET",
                                  "TOKEN",
                                  "splunk-token",
                                  "DB_CONNECTION_STRING",
                                  "KEYSTORE_PASSPHRASE",
                                  "dbpassword",
                                  "HMAC_KEY",
                                  "SESSION_KEY",
                                  "MASTER_KEY",
                                  "AUTHORIZATION"}) {
      CAPTURE(name);
      CHECK(credential_name(name));
    }
  }

  TEST_CASE("names about a credential, switches and look-alikes are not credential names") {
    for (std::string_view name : {"",
                                  "PWD",
                                  "OLDPWD",
                                  "PASSWORD_FILE",
                                  "DB_PASSWORD_PATH",
                                  "SECRET_ARN",
                                  "DB_SECRET_ARN",
                                  "SECRET_NAME",
                                  "SECRET_ID",
                                  "TOKEN_URL",
                                  "OAUTH_TOKEN_ENDPOINT",
                                  "TOKEN_TTL",
                                  "TOKEN_EXPIRY",
                                  "API_KEY_HEADER",
                                  "PASSWORD_MIN_LENGTH",
                                  "PASSWORD_POLICY",
                                  "REQUIRE_PASSWORD",
                                  "ENABLE_TOKEN_AUTH",
                                  "USE_SECRETS",
                                  "MAX_TOKENS",
                                  "OPENAI_MAX_TOKENS",
                                  "SECRETARY_NAME",
                                  "TOKENIZER_MODEL",
                                  "KMS_KEY_ID",
                                  "KMS_KEY",
                                  "CACHE_KEY",
                                  "PARTITION_KEY",
                                  "S3_KEY_PREFIX",
                                  "DATABASE_URL",
                                  "AWS_REGION",
                                  "LOG_LEVEL",
                                  "PASSTHROUGH",
                                  "COMPASS_ENABLED",
                                  "BYPASS_CACHE",
                                  "PRIVATE_KEY_ID",
                                  "API_KEY_NAME",
                                  "SECRETS_MANAGER_ENDPOINT",
                                  "AWS_WEB_IDENTITY_TOKEN_FILE",
                                  "SECRET_VERSION",
                                  "--"}) {
      CAPTURE(name);
      CHECK_FALSE(credential_name(name));
    }
  }

  TEST_CASE("placeholders") {
    for (std::string_view value : {"",
                                   "   ",
                                   "\"\"",
                                   "''",
                                   "changeme",
                                   "CHANGE_ME",
                                   "Change-Me",
                                   "changeit",
                                   "replace-me",
                                   "TODO",
                                   "tbd",
                                   "FIXME",
                                   "placeholder",
                                   "<placeholder>",
                                   "${DB_PASSWORD}",
                                   "${DB_PASSWORD:-default}",
                                   "$DB_PASSWORD",
                                   "$(cat /run/secret)",
                                   "{{ .Values.token }}",
                                   "{{resolve:secretsmanager:prod/db:SecretString:password}}",
                                   "<your-api-key>",
                                   "%API_KEY%",
                                   "#{token}",
                                   "xxx",
                                   "XXXXXXXX",
                                   "****",
                                   "xxxx-xxxx-xxxx",
                                   "...",
                                   "-",
                                   "none",
                                   "null",
                                   "N/A",
                                   "undefined",
                                   "redacted",
                                   "your_api_key",
                                   "YOUR-TOKEN-HERE",
                                   "insert-key-here",
                                   "enter your password",
                                   "AKIAIOSFODNN7EXAMPLE",
                                   "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                                   "example",
                                   "my-example-secret",
                                   "dummy",
                                   "fake",
                                   "sample",
                                   "  'changeme'  "}) {
      CAPTURE(value);
      CHECK(is_placeholder(value));
    }
  }

  TEST_CASE("real values, including weak passwords, are not placeholders") {
    for (std::string_view value : {"password",
                                   "admin",
                                   "123456",
                                   "hunter2",
                                   "S3cr3tP4ss",
                                   "root",
                                   "x",
                                   "xx",
                                   "abc",
                                   "postgres://app:S3cr3t@db.example.com/app",
                                   "see https://example.com for the key: k3y",
                                   "p@$$",
                                   "${x",
                                   "<a",
                                   "100%",
                                   "a$b",
                                   "exampl",
                                   "ghp_",
                                   "true",
                                   "0"}) {
      CAPTURE(value);
      CHECK_FALSE(is_placeholder(value));
    }
  }

  TEST_CASE("names and placeholders are total on odd bytes") {
    CHECK_FALSE(credential_name("\xff\xfe"));
    CHECK(credential_name("\xff_PASSWORD"));
    CHECK_FALSE(is_placeholder("\xff\xfe\xfd"));
    CHECK(is_placeholder(std::string_view()));
    CHECK(is_placeholder("?"));  // one or two punctuation marks are filler
    CHECK(is_placeholder("<>"));
  }
}
