#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "interpreter/loaders/load.hpp"
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

  TEST_CASE("the shipped pack: counting passes instead of listing them changes no other outcome") {
    diagnostics::DiagnosticList diagnostics;
    auto checked = frontend::load_policies({TASKGUARD_SOURCE_DIR "/policies"}, diagnostics);
    REQUIRE(checked.has_value());
    REQUIRE_FALSE(diagnostics.has_errors());
    auto program = compiler::compile(*checked, diagnostics);
    REQUIRE(program != nullptr);

    std::vector<document::LoadedFile> files;
    for (const char* folder : {"/examples", "/tests/fixtures/documents", "/policies/tests"}) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(TASKGUARD_SOURCE_DIR +
                                                                             std::string(folder))) {
        const auto extension = entry.path().extension();
        if (extension == ".json" || extension == ".yaml" || extension == ".ndjson") {
          files.push_back(loaders::load_file(entry.path().string()));
        }
      }
    }
    vm::Vm listing(program, {}, 1'000'000);
    vm::Vm counting(program, {}, 1'000'000);
    std::size_t tasks = 0;
    std::uint64_t passes = 0;
    for (const document::LoadedFile& file : files) {
      for (const document::TaskDefinition& task : file.task_definitions) {
        if (task.root == nullptr) continue;
        ++tasks;
        for (std::size_t r = 0; r < program->rules().size(); ++r) {
          std::vector<Outcome> all;
          std::vector<Outcome> listed;
          vm::OutcomeSink every{all, true};
          vm::OutcomeSink counted{listed, false};
          listing.evaluate(r, task, every);
          counting.evaluate(r, task, counted);
          std::vector<const Outcome*> expected;
          std::uint64_t expected_passes = 0;
          std::uint64_t expected_not_applicable = 0;
          for (const Outcome& o : all) {
            if (o.status == Status::Pass) {
              ++expected_passes;
            } else if (o.status == Status::NotApplicable) {
              ++expected_not_applicable;
            } else {
              expected.push_back(&o);
            }
          }
          CAPTURE(task.origin.file);
          CAPTURE(program->rules()[r].metadata->id);
          CHECK(counted.passes == expected_passes);
          CHECK(counted.not_applicable == expected_not_applicable);
          REQUIRE(listed.size() == expected.size());
          for (std::size_t i = 0; i < listed.size(); ++i) {
            CHECK(listed[i].status == expected[i]->status);
            CHECK(listed[i].message == expected[i]->message);
            CHECK(listed[i].location.pointer == expected[i]->location.pointer);
            CHECK(listed[i].location.line == expected[i]->location.line);
            CHECK(listed[i].assumed == expected[i]->assumed);
          }
          passes += expected_passes;
        }
        listing.end_document();
        counting.end_document();
      }
    }
    CHECK(tasks >= 20);
    CHECK(passes > 500);  // the shortcut is exercised, not only the failures
  }
}
