// How long the policy pack takes to become runnable, two ways:
//   compile: policy sources already in memory -> parse, check, compile -> Program
//   load:    bundle bytes already in memory -> bundle::read (digest, decode, verify) -> Program
// File reading and process start are left out on purpose: they are the same for every pack and
// `taskguard build` timings (bench/runner.py) show them. Prints one machine-readable line:
//   rules=<n> compile_ms=<best> compile_mean_ms=<mean> load_ms=<best> load_mean_ms=<mean>
//   bundle_bytes=<n>
//
// usage: tg_bench_pack --policies DIR [--repeat N] [--bundle-out FILE]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <numeric>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "language/bundle/bundle.hpp"
#include "language/compiler/compile.hpp"
#include "language/diagnostics/diagnostic.hpp"
#include "language/frontend/frontend.hpp"

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::pair<std::string, std::string>> read_pack(const std::string& dir) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".tg") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    files.emplace_back(entry.path().string(), std::string(std::istreambuf_iterator<char>(in), {}));
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::shared_ptr<const taskguard::program::Program> compile_pack(
    const std::vector<std::pair<std::string, std::string>>& files) {
  taskguard::diagnostics::DiagnosticList diagnostics;
  auto checked = taskguard::frontend::load_sources(files, diagnostics);
  std::shared_ptr<const taskguard::program::Program> program;
  if (checked) program = taskguard::compiler::compile(*checked, diagnostics);
  if (!program) {
    for (const auto& d : diagnostics.items()) {
      std::cerr << d.file << ":" << d.range.begin.line << ":" << d.range.begin.column << ": "
                << d.message << "\n";
    }
    std::exit(1);
  }
  return program;
}

template <typename Fn>
std::pair<double, double> best_and_mean_ms(int repeat, Fn&& fn) {
  std::vector<double> samples;
  for (int i = 0; i < repeat; ++i) {
    auto start = Clock::now();
    fn();
    samples.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  double mean = std::accumulate(samples.begin(), samples.end(), 0.0) / samples.size();
  return {*std::min_element(samples.begin(), samples.end()), mean};
}

}  // namespace

int main(int argc, char** argv) {
  std::string policies;
  std::string bundle_out;
  int repeat = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view flag = argv[i];
    if (flag == "--policies") {
      policies = argv[i + 1];
    } else if (flag == "--repeat") {
      repeat = std::max(1, std::atoi(argv[i + 1]));
    } else if (flag == "--bundle-out") {
      bundle_out = argv[i + 1];
    }
  }
  if (policies.empty()) {
    std::cerr << "usage: tg_bench_pack --policies DIR [--repeat N] [--bundle-out FILE]\n";
    return 2;
  }

  const auto files = read_pack(policies);
  auto program = compile_pack(files);  // warm-up: the embedded schema is parsed once here
  auto [compile_best, compile_mean] =
      best_and_mean_ms(repeat, [&] { program = compile_pack(files); });

  const std::string bytes = taskguard::bundle::write(*program);
  if (!bundle_out.empty()) std::ofstream(bundle_out, std::ios::binary) << bytes;
  std::size_t rules = 0;
  auto [load_best, load_mean] = best_and_mean_ms(repeat, [&] {
    auto loaded = taskguard::bundle::read(bytes);
    rules = loaded->rules().size();
  });

  std::printf(
      "rules=%zu compile_ms=%.3f compile_mean_ms=%.3f load_ms=%.3f load_mean_ms=%.3f "
      "bundle_bytes=%zu\n",
      rules, compile_best, compile_mean, load_best, load_mean, bytes.size());
  return 0;
}
