#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "stdlib/secrets/detect.hpp"

// The shared corpus holds real task definitions (public examples, CDK and Terraform output)
// without credentials: every string in them is a false-positive probe for the detectors.

namespace {

void collect_strings(const nlohmann::json& value, std::vector<std::string>& out) {
  if (value.is_string()) {
    out.push_back(value.get<std::string>());
  } else if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      out.push_back(key);
      collect_strings(member, out);
    }
  } else if (value.is_array()) {
    for (const auto& element : value)
      collect_strings(element, out);
  }
}

}  // namespace

TEST_SUITE("stdlib") {
  TEST_CASE("no secret is reported in the real task definitions of the corpus") {
    const std::filesystem::path corpus = TASKGUARD_SOURCE_DIR "/../shared/corpus/real";
    if (!std::filesystem::is_directory(corpus)) {
      MESSAGE("skipped: " << corpus << " is absent");
      return;
    }
    std::size_t checked = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
      std::ifstream in(entry.path());
      const auto document = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
      if (document.is_discarded()) continue;
      std::vector<std::string> strings;
      collect_strings(document, strings);
      // Terraform plans carry container definitions as a JSON string: look inside too. (Indexes,
      // not iterators: collect_strings appends.)
      for (std::size_t i = 0; i < strings.size(); ++i) {
        const auto nested = nlohmann::json::parse(strings[i], nullptr, false);
        if (!nested.is_discarded() && (nested.is_array() || nested.is_object())) {
          collect_strings(nested, strings);
        }
      }
      for (const std::string& s : strings) {
        const auto kind = taskguard::secrets::kind(s);
        CHECK_MESSAGE(!kind.has_value(), entry.path().filename().string()
                                             << ": " << s << " reported as " << kind.value_or(""));
        ++checked;
      }
    }
    CHECK(checked > 100);
  }
}
