#include <doctest/doctest.h>

#include <set>
#include <stdexcept>

#include "stdlib/schema/schema.hpp"

using taskguard::Type;
using namespace taskguard::schema;

TEST_SUITE("documents") {
  TEST_CASE("schema: the embedded task-definition schema loads with its root and nested structs") {
    const Schema& s = Schema::task_definition();
    CHECK(s.root().name == "TaskDefinition");
    const Field* containers = s.root().find("containerDefinitions");
    REQUIRE(containers != nullptr);
    CHECK(containers->required);
    CHECK(containers->type.name() == "list<ContainerDefinition>");
    CHECK(containers->terraform_name == "container_definitions");
    CHECK(containers->terraform_shape == TerraformShape::JsonString);
    for (const char* name : {"LogConfiguration",
                             "Secret",
                             "LinuxParameters",
                             "KernelCapabilities",
                             "Device",
                             "Tmpfs",
                             "HealthCheck",
                             "PortMapping",
                             "MountPoint",
                             "VolumeFrom",
                             "Volume",
                             "HostVolumeProperties",
                             "DockerVolumeConfiguration",
                             "EFSVolumeConfiguration",
                             "FSxWindowsFileServerVolumeConfiguration",
                             "KeyValuePair",
                             "EnvironmentFile",
                             "Ulimit",
                             "SystemControl",
                             "FirelensConfiguration",
                             "RepositoryCredentials",
                             "ContainerDependency",
                             "ResourceRequirement",
                             "ProxyConfiguration",
                             "RuntimePlatform",
                             "EphemeralStorage",
                             "TaskDefinitionPlacementConstraint",
                             "InferenceAccelerator",
                             "Tag"}) {
      CHECK_MESSAGE(s.find_struct(name) != nullptr, name);
    }
  }

  TEST_CASE("schema: documented AWS defaults, and none where the image decides") {
    const Schema& s = Schema::task_definition();
    const Struct& c = *s.find_struct("ContainerDefinition");
    CHECK(*c.find("privileged")->default_value == false);
    CHECK(*c.find("readonlyRootFilesystem")->default_value == false);
    CHECK(*c.find("essential")->default_value == true);
    CHECK_FALSE(c.find("user")->default_value.has_value());
    CHECK(*s.root().find("networkMode")->default_value == "bridge");
    CHECK_FALSE(s.root().find("pidMode")->default_value.has_value());
    CHECK(*s.find_struct("EFSVolumeConfiguration")->find("transitEncryption")->default_value ==
          "DISABLED");
    CHECK(*s.find_struct("EFSAuthorizationConfig")->find("iam")->default_value == "DISABLED");
  }

  TEST_CASE("schema: CloudFormation and Terraform spellings, including the irregular ones") {
    const Schema& s = Schema::task_definition();
    const Struct& volume = *s.find_struct("Volume");
    CHECK(volume.find_cloudformation("EFSVolumeConfiguration")->name == "efsVolumeConfiguration");
    CHECK(s.find_struct("EFSVolumeConfiguration")->find_cloudformation("FilesystemId")->name ==
          "fileSystemId");
    CHECK(s.find_struct("EFSAuthorizationConfig")->find_cloudformation("IAM")->name == "iam");
    CHECK(s.root().find_cloudformation("TaskRoleArn")->name == "taskRoleArn");
    CHECK(s.root().find_terraform("volume")->name == "volumes");
    CHECK(s.root().find_terraform("tags")->terraform_shape == TerraformShape::TagMap);
    const Field* host = volume.find_terraform("host_path");
    REQUIRE(host != nullptr);
    CHECK(host->terraform_shape == TerraformShape::Flattened);
    CHECK(host->terraform_flattens == "sourcePath");
    CHECK(s.root().find("revision")->cloudformation_name.empty());
    CHECK(s.find_struct("ContainerDefinition")->find_case_insensitive("Privileged")->name ==
          "privileged");
  }

  TEST_CASE("schema: key ids are dense, unique per name and round-trip") {
    const Schema& s = Schema::task_definition();
    std::set<KeyId> seen;
    for (const Struct& st : s.structs()) {
      for (const Field& f : st.fields) {
        CHECK(f.key == s.key(f.name));
        CHECK(s.key_name(f.key) == f.name);
        seen.insert(f.key);
      }
    }
    CHECK(seen.size() == s.key_count());
    CHECK(s.key("name") == s.find_struct("KeyValuePair")->find("name")->key);
    CHECK(s.key("noSuchField") == kNoKey);
    // Names that differ only in the middle, prefixes, suffixes, other letter cases and the empty
    // name are not fields.
    CHECK(s.key("containerDefinitions") != kNoKey);
    CHECK(s.key("containerDXfinitions") == kNoKey);
    CHECK(s.key("containerDefinition") == kNoKey);
    CHECK(s.key("ContainerDefinitions") == kNoKey);
    CHECK(s.key("xcontainerDefinitions") == kNoKey);
    CHECK(s.key("") == kNoKey);
    // Ids follow first appearance in the schema file, so the same file always gives the same ids.
    CHECK(s.key("family") == 0);
  }

  TEST_CASE("schema: suggestions and enums") {
    const Schema& s = Schema::task_definition();
    const Struct& c = *s.find_struct("ContainerDefinition");
    const auto near = s.suggest(c, "privilegd");
    REQUIRE_FALSE(near.empty());
    CHECK(near.front() == "privileged");
    CHECK(s.suggest(c, "readOnlyRootFileSystem").front() == "readonlyRootFilesystem");
    CHECK(s.suggest(c, "zzzzzzzzzz").empty());
    const Field* mode = s.root().find("networkMode");
    CHECK(mode->enum_values == std::vector<std::string>{"bridge", "host", "awsvpc", "none"});
    CHECK_FALSE(mode->enum_case_insensitive);
    CHECK(s.find_struct("KernelCapabilities")->find("add")->enum_case_insensitive);
  }

  TEST_CASE("schema: a malformed schema is refused with the bad entry named") {
    CHECK_THROWS_WITH_AS(
        Schema::parse(R"({"root":"A","structs":{"A":{"fields":{"x":{"type":"B"}}}}})"),
        doctest::Contains("A.x"), std::runtime_error);
    CHECK_THROWS_AS(
        Schema::parse(
            R"({"root":"A","structs":{"A":{"fields":{"x":{"type":"string","bogus":1}}}}})"),
        std::runtime_error);
    CHECK_THROWS_AS(
        Schema::parse(
            R"({"root":"A","structs":{"A":{"fields":{"x":{"type":"number","default":"1"}}}}})"),
        std::runtime_error);
    // A field or struct given twice would otherwise be silently one of the two.
    CHECK_THROWS_WITH_AS(Schema::parse(R"({"root":"A","structs":{"A":{"fields":{)"
                                       R"("x":{"type":"string"},"x":{"type":"number"}}}}})"),
                         doctest::Contains("A.x: declared twice"), std::runtime_error);
    CHECK_THROWS_WITH_AS(
        Schema::parse(R"({"root":"A","structs":{"A":{"fields":{}},"A":{"fields":{}}}})"),
        doctest::Contains("struct A is declared twice"), std::runtime_error);
    // An entry of the wrong JSON type is named, not reported as a library's type error.
    CHECK_THROWS_WITH_AS(
        Schema::parse(R"({"root":"A","structs":{"A":{"fields":{"x":{"type":"string",)"
                      R"("required":"yes"}}}}})"),
        doctest::Contains("A.x: \"required\" must be true or false"), std::runtime_error);
    CHECK_THROWS_WITH_AS(
        Schema::parse(R"({"root":"A","structs":{"A":{"fields":{"x":{"type":"string",)"
                      R"("terraform":7}}}}})"),
        doctest::Contains("A.x: \"terraform\" must be a string"), std::runtime_error);
    CHECK_THROWS_WITH_AS(Schema::parse(R"({"root":"A","structs":{"A":{"fields":{"x":)"),
                         doctest::Contains("schema: not valid JSON"), std::runtime_error);
    const Schema defaults = Schema::parse(
        R"({"root":"A","structs":{"A":{"fields":{"n":{"type":"number","default":0.5},)"
        R"("b":{"type":"boolean","default":true,"cloudformation":null}}}}})");
    CHECK(*defaults.root().find("n")->default_value == nlohmann::json(0.5));
    CHECK(*defaults.root().find("b")->default_value == nlohmann::json(true));
    CHECK(defaults.root().find("b")->cloudformation_name.empty());
    CHECK(defaults.root().fields.front().name == "n");  // file order
    const Schema tiny =
        Schema::parse(R"({"root":"A","structs":{"A":{"fields":{"x":{"type":{"map":"string"}}}}}})");
    CHECK(tiny.root().find("x")->type.is(Type::Kind::Map));
    CHECK(tiny.root().find("x")->cloudformation_name == "X");
  }
}
