#include <doctest/doctest.h>

#include "language/bundle/bundle.hpp"
#include "language/bytecode/opcode.hpp"
#include "tests/unit/engine/engine_support.hpp"

using namespace taskguard;

namespace {

const char* kPolicy = R"(
package test.bundle
param registries = ["public.ecr.aws"]
let SECRETISH = /(?i)password|token/
@id("TB-1") @title("No plaintext secrets") @severity(high)
rule plaintext {
  for c in task.containerDefinitions
  for e in c.environment
  deny e.name matches SECRETISH
  message "{c.name}: {e.name}"
  at e.value
}
@id("TB-2") @title("Images from allowed registries") @severity(low)
rule registry {
  for c in task.containerDefinitions
  require any r in registries: starts_with(c.image, r)
})";

const char* kTask = R"({"family": "f", "containerDefinitions": [
  {"name": "a", "image": "public.ecr.aws/x", "environment": [{"name": "DB_PASSWORD", "value": "v"}]},
  {"name": "b", "image": "docker.io/y", "environment": [{"name": "TOKEN_URL"}]}]})";

std::vector<std::string> summary(const std::vector<Outcome>& outcomes) {
  std::vector<std::string> out;
  for (const Outcome& o : outcomes) {
    out.push_back(o.rule->id + " " + status_name(o.status) + " " + o.location.pointer + " " +
                  o.message);
  }
  return out;
}

}  // namespace

TEST_SUITE("engine") {
  TEST_CASE("the bundle digest is SHA-256 (FIPS 180-4 test vectors)") {
    CHECK(bundle::sha256_hex("") ==
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(bundle::sha256_hex("abc") ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(bundle::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  }

  TEST_CASE("a bundle round trip gives the same program and the same outcomes") {
    auto compiled = engine_test::compile_text(kPolicy);
    const std::string bytes = bundle::write(*compiled.program);
    bundle::BundleInfo info;
    auto loaded = bundle::read(bytes, &info);
    CHECK(info.format_version == bundle::kFormatVersion);
    CHECK(info.digest.size() == 64);
    CHECK(loaded->rules().size() == 2);
    CHECK(loaded->rules()[0].metadata->id == "TB-1");
    CHECK(loaded->rules()[0].metadata->severity == Severity::High);
    CHECK(loaded->parameters().size() == 1);
    CHECK(loaded->constants() == compiled.program->constants());
    // Writing what was read gives the same bytes: nothing is lost or reordered.
    CHECK(bundle::write(*loaded) == bytes);

    engine_test::Documents documents;
    std::vector<document::TaskDefinition> tasks{documents.add(kTask)};
    driver::EvaluationOptions options;
    options.threads = 1;
    const auto from_source = driver::evaluate(compiled.program, tasks, options);
    const auto from_bundle = driver::evaluate(loaded, tasks, options);
    CHECK(summary(from_source) == summary(from_bundle));
    CHECK(summary(from_source).size() == 4);
  }

  TEST_CASE("tampered bundles are refused with a clear message") {
    auto compiled = engine_test::compile_text(kPolicy);
    const std::string bytes = bundle::write(*compiled.program);

    auto refused = [](const std::string& b) -> std::string {
      try {
        bundle::read(b);
      } catch (const bundle::BundleError& e) {
        return e.what();
      }
      return "accepted";
    };

    std::string other_version = bytes;
    other_version[8] = 2;
    CHECK(refused(other_version).find("format version 2 is not supported") != std::string::npos);

    CHECK(refused(bytes.substr(0, bytes.size() - 10)).find("truncated") != std::string::npos);
    CHECK(refused(bytes.substr(0, 20)).find("truncated") != std::string::npos);
    CHECK(refused("hello").find("not a TaskGuard bundle") != std::string::npos);

    // Every single flipped byte of the payload is caught by the digest.
    for (std::size_t at = bundle::kHeaderSize; at < bytes.size(); at += 7) {
      std::string flipped = bytes;
      flipped[at] = static_cast<char>(flipped[at] ^ 0x20);
      CAPTURE(at);
      CHECK(refused(flipped).find("digest") != std::string::npos);
    }
    // A flipped byte in the stored digest too.
    std::string bad_digest = bytes;
    bad_digest[30] = static_cast<char>(bad_digest[30] ^ 1);
    CHECK(refused(bad_digest).find("digest") != std::string::npos);
  }

  TEST_CASE("a bundle with a valid digest but forged content is still refused") {
    auto compiled = engine_test::compile_text(kPolicy);
    program::ProgramParts parts = compiled.program->parts();
    // A jump into the middle of nowhere, re-signed: verification must catch it.
    for (auto& rule : parts.rules)
      rule.code[rule.code.size() - 1] = 0xEE;
    CHECK_THROWS_AS(program::Program::create(parts), program::InvalidProgram);

    // Re-sign a payload whose code is corrupt by hand and feed it to the reader.
    std::string bytes = bundle::write(*compiled.program);
    const std::string payload_marker(1, static_cast<char>(bytecode::Opcode::Halt));
    const std::size_t last = bytes.rfind(payload_marker);
    REQUIRE(last != std::string::npos);
    bytes[last] = static_cast<char>(0xEE);
    std::string payload = bytes.substr(bundle::kHeaderSize);
    const std::string digest = bundle::sha256_hex(payload);
    for (std::size_t i = 0; i < 32; ++i) {
      bytes[24 + i] = static_cast<char>(std::stoi(digest.substr(2 * i, 2), nullptr, 16));
    }
    try {
      bundle::read(bytes);
      FAIL("a bundle with invalid bytecode was accepted");
    } catch (const bundle::BundleError& e) {
      CHECK(std::string(e.what()).find("invalid") != std::string::npos);
    }
  }
}
