#include <doctest/doctest.h>

#include <string>

#include "stdlib/aws/arn.hpp"
#include "stdlib/aws/capability.hpp"
#include "stdlib/aws/image.hpp"
#include "stdlib/aws/secret_ref.hpp"
#include "stdlib/aws/user.hpp"

using namespace taskguard::aws;

namespace {
const std::string kDigest = "sha256:" + std::string(64, 'a');
}

TEST_SUITE("stdlib") {
  TEST_CASE("arn.parse splits the six fields and keeps colons in the resource") {
    const auto arn = parse_arn("arn:aws:iam::123456789012:role/service-role/app");
    REQUIRE(arn.has_value());
    CHECK(arn->partition == "aws");
    CHECK(arn->service == "iam");
    CHECK(arn->region == "");
    CHECK(arn->account == "123456789012");
    CHECK(arn->resource == "role/service-role/app");

    const auto secret =
        parse_arn("arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:db-AbCdEf:pw::");
    REQUIRE(secret.has_value());
    CHECK(secret->partition == "aws-us-gov");
    CHECK(secret->region == "us-gov-west-1");
    CHECK(secret->resource == "secret:db-AbCdEf:pw::");

    CHECK(parse_arn("arn:aws:s3:::my-bucket/key").has_value());  // no region, no account
    CHECK(parse_arn("arn:aws:iam::aws:policy/AdministratorAccess").has_value());
    CHECK(parse_arn("arn:aws-cn:ecs:cn-north-1:123456789012:cluster/x").has_value());
    CHECK(parse_arn("arn:aws-iso-b:kms:us-isob-east-1:123456789012:key/1").has_value());
    CHECK(parse_arn("arn:aws-eusc:ecs:eusc-de-east-1:123456789012:cluster/x").has_value());
  }

  TEST_CASE("arn.parse refuses malformed ARNs") {
    for (std::string_view bad :
         {"", "arn", "arn:aws:iam::123456789012", "arn:aws:iam::123456789012:",
          "ARN:aws:iam::123456789012:role/x", "arn:amazon:iam::123456789012:role/x",
          "arn:aws:IAM::123456789012:role/x", "arn:aws:iam::12345678901:role/x",
          "arn:aws:iam::1234567890123:role/x", "arn:aws:iam::12345678901a:role/x",
          "arn:aws:iam:us-east-1:123456789012:role/x", "arn:aws:iam:::role/x",
          "arn:aws:ecs:us-east-1::cluster/x", "arn:aws:ecs:useast1:123456789012:cluster/x",
          "arn:aws:ecs:us-east-:123456789012:cluster/x", "arn:aws:ecs:us--east-1:123456789012:c",
          "arn:aws::us-east-1:123456789012:x", "arn:aws:s3:::", "\xff:aws:iam::1:x"}) {
      CAPTURE(bad);
      CHECK_FALSE(parse_arn(bad).has_value());
      CHECK_FALSE(is_valid_arn(bad));
    }
  }

  TEST_CASE("arn.account and arn.role_name") {
    CHECK(arn_account("arn:aws:iam::123456789012:role/app") == "123456789012");
    CHECK_FALSE(arn_account("arn:aws:s3:::bucket").has_value());
    CHECK_FALSE(arn_account("arn:aws:iam::aws:policy/ReadOnlyAccess").has_value());
    CHECK_FALSE(arn_account("not an arn").has_value());

    CHECK(role_name("arn:aws:iam::123456789012:role/app") == "app");
    CHECK(role_name("arn:aws:iam::123456789012:role/service-role/ecsTaskExecutionRole") ==
          "ecsTaskExecutionRole");
    CHECK(role_name("arn:aws:iam::123456789012:role/a/b/c/App+Role=1,x.y@z_w-v") ==
          "App+Role=1,x.y@z_w-v");
    CHECK_FALSE(role_name("arn:aws:iam::123456789012:user/app").has_value());
    CHECK_FALSE(role_name("arn:aws:iam::123456789012:role/").has_value());
    CHECK_FALSE(role_name("arn:aws:iam::123456789012:role/path/").has_value());
    CHECK_FALSE(role_name("arn:aws:iam::123456789012:role/bad name").has_value());
    CHECK_FALSE(role_name("arn:aws:iam::123456789012:role/" + std::string(65, 'a')).has_value());
    CHECK_FALSE(role_name("arn:aws:sts::123456789012:assumed-role/app/session").has_value());
    CHECK_FALSE(role_name("app").has_value());
  }

  TEST_CASE("secret_ref.kind: Secrets Manager ARNs, with and without the JSON-key suffix") {
    for (std::string_view ref :
         {"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf",
          "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::",
          "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password:AWSCURRENT:",
          "arn:aws:secretsmanager:us-east-1:123456789012:secret:db:::v1",
          "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:x"}) {
      CAPTURE(ref);
      CHECK(to_string(secret_ref_kind(ref)) == "secretsmanager");
    }
  }

  TEST_CASE("secret_ref.kind: SSM parameter ARNs and names") {
    for (std::string_view ref :
         {"arn:aws:ssm:us-east-1:123456789012:parameter/prod/db/password",
          "arn:aws:ssm:us-east-1:123456789012:parameter/password", "/prod/db/password",
          "db_password", "my.param-name_1", "/aws/reference/secretsmanager/prod-db"}) {
      CAPTURE(ref);
      CHECK(to_string(secret_ref_kind(ref)) == "ssm");
    }
  }

  TEST_CASE("secret_ref.kind: everything else is invalid") {
    for (std::string_view ref :
         {"", "prod/db/password", "/prod//db", "/prod/db/", "db password", "${DB_PASSWORD}",
          "arn:aws:secretsmanager:us-east-1:123456789012:db-AbCdEf",
          "arn:aws:secretsmanager:us-east-1:123456789012:secret:",
          "arn:aws:secretsmanager:us-east-1:123456789012:secret:a:b:c:d:e",
          "arn:aws:secretsmanager::123456789012:secret:db",
          "arn:aws:ssm:us-east-1:123456789012:document/x",
          "arn:aws:ssm:us-east-1:123456789012:parameter/", "arn:aws:s3:::bucket/secret",
          "arn:aws:kms:us-east-1:123456789012:key/1",
          "arn:aws:secretsmanager:us-east-1:1234:secret:db"}) {
      CAPTURE(ref);
      CHECK(to_string(secret_ref_kind(ref)) == "invalid");
    }
    const std::string deep = "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p";  // 16 levels
    CHECK(secret_ref_kind(deep) == SecretRefKind::Invalid);
    CHECK(secret_ref_kind("/" + std::string(2048, 'a')) == SecretRefKind::Invalid);
  }

  TEST_CASE("image.parse: Docker Hub defaults") {
    auto image = parse_image("nginx");
    REQUIRE(image.has_value());
    CHECK(image->registry == "docker.io");
    CHECK(image->repository == "library/nginx");
    CHECK_FALSE(image->tag.has_value());
    CHECK_FALSE(image->digest.has_value());

    image = parse_image("bitnami/redis:7.2");
    REQUIRE(image.has_value());
    CHECK(image->registry == "docker.io");
    CHECK(image->repository == "bitnami/redis");
    CHECK(image->tag == "7.2");

    image = parse_image("index.docker.io/library/nginx:latest");
    REQUIRE(image.has_value());
    CHECK(image->registry == "docker.io");
    CHECK(image->repository == "library/nginx");
    CHECK(image->tag == "latest");
  }

  TEST_CASE("image.parse: registries with ports, digests, both") {
    auto image = parse_image("localhost:5000/team/app:1.0");
    REQUIRE(image.has_value());
    CHECK(image->registry == "localhost:5000");
    CHECK(image->repository == "team/app");
    CHECK(image->tag == "1.0");

    image = parse_image("registry.internal:8443/app");
    REQUIRE(image.has_value());
    CHECK(image->registry == "registry.internal:8443");
    CHECK_FALSE(image->tag.has_value());

    image = parse_image("public.ecr.aws/nginx/nginx@" + kDigest);
    REQUIRE(image.has_value());
    CHECK(image->registry == "public.ecr.aws");
    CHECK(image->repository == "nginx/nginx");
    CHECK(image->digest == kDigest);
    CHECK_FALSE(image->tag.has_value());

    image = parse_image("123456789012.dkr.ecr.us-east-1.amazonaws.com/web-app:v1.2.3@" + kDigest);
    REQUIRE(image.has_value());
    CHECK(image->registry == "123456789012.dkr.ecr.us-east-1.amazonaws.com");
    CHECK(image->repository == "web-app");
    CHECK(image->tag == "v1.2.3");
    CHECK(image->digest == kDigest);

    image = parse_image("localhost/app");
    REQUIRE(image.has_value());
    CHECK(image->registry == "localhost");

    image = parse_image("[::1]:5000/app:dev");
    REQUIRE(image.has_value());
    CHECK(image->registry == "[::1]:5000");
    CHECK(image->tag == "dev");

    image = parse_image("my_org/my__app/a-b---c.d:Tag_1.x-y");
    REQUIRE(image.has_value());
    CHECK(image->repository == "my_org/my__app/a-b---c.d");
    CHECK(image->tag == "Tag_1.x-y");
  }

  TEST_CASE("image.parse refuses malformed references") {
    for (const std::string& bad : {std::string(""),
                                   std::string("Nginx"),
                                   std::string("nginx:"),
                                   std::string(":tag"),
                                   std::string("nginx:-bad"),
                                   std::string("nginx:" + std::string(129, 'a')),
                                   std::string("nginx@sha256:abc"),
                                   std::string("nginx@sha256:" + std::string(64, 'A')),
                                   std::string("nginx@" + std::string(64, 'a')),
                                   std::string("team//app"),
                                   std::string("team/app/"),
                                   std::string("/app"),
                                   std::string("-app"),
                                   std::string("app-"),
                                   std::string("a..b"),
                                   std::string("a___b"),
                                   std::string("registry.io:port/app"),
                                   std::string("reg_istry.io/app"),
                                   std::string("-registry.io/app"),
                                   std::string("app name"),
                                   std::string(300, 'a'),
                                   std::string("nginx:1.0:2.0"),
                                   std::string("\xff\xfe")}) {
      CAPTURE(bad);
      CHECK_FALSE(parse_image(bad).has_value());
      CHECK_FALSE(image_registry(bad).has_value());
    }
  }

  TEST_CASE("image.registry, image.is_ecr, image.pinned") {
    CHECK(image_registry("nginx:1.25") == "docker.io");
    CHECK(image_registry("ghcr.io/org/app") == "ghcr.io");

    for (std::string_view ecr : {"123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1",
                                 "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app",
                                 "123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app",
                                 "123456789012.dkr-ecr.eu-west-1.on.aws/app",
                                 "123456789012.dkr.ecr.us-iso-east-1.c2s.ic.gov/app",
                                 "123456789012.dkr.ecr.us-isob-east-1.sc2s.sgov.gov/app"}) {
      CAPTURE(ecr);
      CHECK(image_is_ecr(ecr));
    }
    for (std::string_view not_ecr :
         {"public.ecr.aws/nginx/nginx", "nginx", "12345678901.dkr.ecr.us-east-1.amazonaws.com/app",
          "123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.io/app",
          "123456789012.dkr.ecr.us-east-1.example.com/app", "evil.io/123456789012.dkr.ecr.x",
          "123456789012.dkr-ecr.eu-west-1.amazonaws.com/app", "ecr/app", ""}) {
      CAPTURE(not_ecr);
      CHECK_FALSE(image_is_ecr(not_ecr));
    }
    CHECK(is_ecr_registry("123456789012.dkr.ecr.us-east-1.amazonaws.com"));
    CHECK_FALSE(is_ecr_registry("public.ecr.aws"));

    CHECK(image_pinned("nginx@" + kDigest));
    CHECK(image_pinned("nginx:1.25@" + kDigest));
    CHECK_FALSE(image_pinned("nginx:1.25"));
    CHECK_FALSE(image_pinned("nginx"));
    CHECK_FALSE(image_pinned("nginx@sha256:short"));
    CHECK(image_registry("index.docker.io/nginx") == "docker.io");
    CHECK(image_registry("registry-1.docker.io/team/app:1") == "docker.io");
  }

  TEST_CASE("image.registry, image.is_ecr and image.pinned agree with image.parse") {
    // The three read the reference without building an ImageReference: same grammar, same
    // answers.
    for (const std::string& ref :
         {std::string("nginx"), std::string("index.docker.io/nginx:1"),
          std::string("registry-1.docker.io/library/nginx@") + kDigest,
          std::string("123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1@") + kDigest,
          std::string("123456789012.dkr.ecr.us-east-1.amazonaws.com/App"),
          std::string("localhost:5000/app@") + kDigest, std::string("[::1]:5000/app:dev"),
          std::string("public.ecr.aws/nginx/nginx:1.25"), std::string("nginx@sha256:short"),
          std::string("Upper/app"), std::string("")}) {
      CAPTURE(ref);
      const auto image = parse_image(ref);
      CHECK(image_registry(ref) ==
            (image ? std::optional<std::string>(image->registry) : std::nullopt));
      CHECK(image_pinned(ref) == (image && image->digest.has_value()));
      CHECK(image_is_ecr(ref) == (image && is_ecr_registry(image->registry)));
    }
  }

  TEST_CASE("user.is_root") {
    for (std::string_view root :
         {"", "root", "0", "00", "root:root", "0:0", "root:1000", "0:wheel"}) {
      CAPTURE(root);
      CHECK(is_root_user(root));
    }
    CHECK(is_root_user(std::nullopt));
    for (std::string_view user :
         {"1000", "1000:0", "app", "app:root", "rootless", "ROOT", "10", "nobody", ":0", " 0"}) {
      CAPTURE(user);
      CHECK_FALSE(is_root_user(user));
    }
  }

  TEST_CASE("user.is_windows_admin") {
    CHECK(is_windows_admin_user(std::nullopt));
    for (std::string_view admin :
         {"", " ", "ContainerAdministrator", "containeradministrator", "Administrator",
          "NT AUTHORITY\\SYSTEM", "BUILTIN\\Administrator", "system"}) {
      CAPTURE(admin);
      CHECK(is_windows_admin_user(admin));
    }
    for (std::string_view user : {"ContainerUser", "app", "MYDOMAIN\\svc-app", "Administrators"}) {
      CAPTURE(user);
      CHECK_FALSE(is_windows_admin_user(user));
    }
  }

  TEST_CASE("capability.normalize") {
    CHECK(normalize_capability("CAP_SYS_ADMIN") == "SYS_ADMIN");
    CHECK(normalize_capability("cap_sys_admin") == "SYS_ADMIN");
    CHECK(normalize_capability(" net_admin ") == "NET_ADMIN");
    CHECK(normalize_capability("ALL") == "ALL");
    CHECK(normalize_capability("CAP_") == "");
    CHECK(normalize_capability("") == "");
    CHECK(normalize_capability("CAPABILITY") == "CAPABILITY");
  }
}
