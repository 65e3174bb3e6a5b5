#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "interpreter/vm/vm.hpp"
#include "language/bundle/bundle.hpp"
#include "language/frontend/frontend.hpp"
#include "tests/unit/engine/engine_support.hpp"
#include "tests/unit/engine/reference_evaluator.hpp"

using namespace taskguard;

TEST_SUITE("engine") {
  TEST_CASE(
      "the shipped pack: bundle round trip, and the VM agrees with the reference on real "
      "task definitions") {
    const std::filesystem::path corpus = TASKGUARD_SOURCE_DIR "/../shared/corpus/real/api";
    if (!std::filesystem::exists(corpus)) {
      MESSAGE("skipped: " << corpus << " is absent");
      return;
    }
    diagnostics::DiagnosticList diagnostics;
    auto checked = frontend::load_policies({TASKGUARD_SOURCE_DIR "/policies"}, diagnostics);
    if (!checked || checked->rules.empty()) {
      MESSAGE("skipped: the policy pack did not load");
      return;
    }
    REQUIRE_FALSE(diagnostics.has_errors());
    auto program = compiler::compile(*checked, diagnostics);
    REQUIRE(program != nullptr);
    auto loaded = bundle::read(bundle::write(*program));
    REQUIRE(loaded->rules().size() == program->rules().size());

    engine_test::Documents documents;
    std::vector<document::TaskDefinition> tasks;
    for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
      if (entry.path().extension() != ".json") continue;
      std::ifstream file(entry.path());
      std::stringstream text;
      text << file.rdbuf();
      try {
        auto td = documents.add(text.str(), entry.path().filename().string());
        if (td.root != nullptr && td.root->is_object()) tasks.push_back(td);
      } catch (const std::exception&) {
        // not a single JSON document: not this test's concern
      }
    }
    REQUIRE_FALSE(tasks.empty());

    vm::Vm from_source(program, {}, 1'000'000);
    vm::Vm from_bundle(loaded, {}, 1'000'000);
    std::size_t compared = 0;
    for (const document::TaskDefinition& task : tasks) {
      for (std::size_t r = 0; r < program->rules().size(); ++r) {
        std::vector<Outcome> a;
        std::vector<Outcome> b;
        vm::OutcomeSink sa{a, true, 0};
        vm::OutcomeSink sb{b, true, 0};
        from_source.evaluate(r, task, sa);
        from_bundle.evaluate(r, task, sb);
        const auto expected = engine_test::reference_evaluate(*checked, r, task);
        REQUIRE(a.size() == b.size());
        REQUIRE(a.size() == expected.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
          CAPTURE(task.origin.file);
          CAPTURE(program->rules()[r].metadata->name);
          CHECK(a[i].status == b[i].status);
          CHECK(a[i].message == b[i].message);
          CHECK(a[i].status == expected[i].status);
          CHECK(a[i].location.pointer == expected[i].pointer);
          CHECK(a[i].message == expected[i].message);
          ++compared;
        }
      }
      from_source.end_document();
      from_bundle.end_document();
    }
    CHECK(compared >= tasks.size() * program->rules().size());
  }
}
