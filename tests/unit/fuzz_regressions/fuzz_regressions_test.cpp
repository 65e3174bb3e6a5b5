// Every input a fuzzer ever crashed on, kept in tests/fuzz/regressions/<target>/ and replayed
// through the same entry point the fuzz target calls: it must now be accepted or refused with
// an error message, never crash, throw, or fail silently.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "tests/fuzz/entry_points/bundle_reader.hpp"
#include "tests/fuzz/entry_points/document_loader.hpp"
#include "tests/fuzz/entry_points/policy_source.hpp"
#include "tests/fuzz/entry_points/regex_prefilter.hpp"
#include "tests/fuzz/entry_points/result.hpp"
#include "tests/fuzz/entry_points/vm_full_pack.hpp"

namespace {

namespace fs = std::filesystem;
using Entry = std::function<taskguard::fuzz::Result(std::string_view)>;

std::vector<fs::path> saved_inputs(const std::string& target) {
  std::vector<fs::path> inputs;
  const fs::path dir = fs::path(TASKGUARD_SOURCE_DIR) / "tests/fuzz/regressions" / target;
  if (!fs::is_directory(dir)) return inputs;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().filename().string()[0] != '.') {
      inputs.push_back(entry.path());
    }
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

void replay(const std::string& target, const Entry& entry) {
  const auto inputs = saved_inputs(target);
  if (inputs.empty()) {
    MESSAGE("no saved crash inputs for " << target);
    return;
  }
  for (const auto& path : inputs) {
    CAPTURE(path.string());
    std::ifstream in(path, std::ios::binary);
    const std::string bytes(std::istreambuf_iterator<char>(in), {});
    taskguard::fuzz::Result result;
    CHECK_NOTHROW(result = entry(bytes));
    CHECK_MESSAGE(result.clean(), "refused without an error message");
  }
}

}  // namespace

TEST_SUITE("fuzz_regressions") {
  TEST_CASE("policy sources that crashed the front end or compiler") {
    replay("policy_source", taskguard::fuzz::policy_source);
  }

  TEST_CASE("bundles that crashed the reader") {
    replay("bundle_reader", taskguard::fuzz::bundle_reader);
  }

  TEST_CASE("documents that crashed a loader") {
    replay("json_document", taskguard::fuzz::json_document);
    replay("yaml_document", taskguard::fuzz::yaml_document);
    replay("terraform_plan", taskguard::fuzz::terraform_plan);
    replay("ndjson_stream", taskguard::fuzz::ndjson_stream);
  }

  TEST_CASE("pattern and text pairs on which the literal prefilter changed an answer") {
    replay("regex_prefilter", taskguard::fuzz::regex_prefilter);
  }

  TEST_CASE("documents that crashed the VM running the default pack") {
    replay("vm_full_pack", taskguard::fuzz::vm_full_pack);
  }

  TEST_CASE("the bundle wrapper used by the fuzzer produces bundles the reader accepts") {
    // Guards the harness itself: if the wrapped header were wrong, the fuzzer would only ever
    // exercise the digest check.
    auto result = taskguard::fuzz::load_bundle(taskguard::fuzz::bundle_around_payload("x"));
    REQUIRE_FALSE(result.accepted);
    // Past the header and the digest: refused by the payload decoder.
    CHECK(result.error.rfind("bundle is malformed", 0) == 0);
  }
}
