// The floor TaskGuard is measured against: parse the same bytes with nlohmann/json into a DOM and
// do nothing else. Reads whole files (one document each) or an NDJSON stream (one document per
// line), like `taskguard check` does, and prints one machine-readable line:
//   documents=<n> bytes=<n> seconds=<s> docs_per_second=<r> mib_per_second=<r> peak_rss_kib=<n>
//
// usage: tg_bench_json_parse [--repeat N] (--ndjson FILE | FILE...)

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Totals {
  std::size_t documents = 0;
  std::size_t bytes = 0;
  std::size_t parse_errors = 0;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << path << ": cannot open\n";
    std::exit(2);
  }
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void parse_one(std::string_view text, Totals& totals) {
  // Same call the loaders make: a full DOM, exceptions off, so a bad document costs no unwind.
  auto document = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (document.is_discarded()) ++totals.parse_errors;
  ++totals.documents;
  totals.bytes += text.size();
}

void parse_files(const std::vector<std::string>& paths, Totals& totals) {
  for (const auto& path : paths)
    parse_one(read_file(path), totals);
}

// Streams line by line with a bounded buffer, as a streaming checker must: memory does not grow
// with the stream.
void parse_stream(const std::string& path, Totals& totals) {
  std::FILE* in = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (in == nullptr) {
    std::cerr << path << ": cannot open\n";
    std::exit(2);
  }
  char* line = nullptr;
  std::size_t capacity = 0;
  ssize_t length = 0;
  while ((length = getline(&line, &capacity, in)) > 0) {
    std::string_view text(line, static_cast<std::size_t>(length));
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) continue;
    parse_one(text, totals);
  }
  std::free(line);
  if (in != stdin) std::fclose(in);
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // KiB on Linux
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> files;
  std::string stream;
  int repeat = 1;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--ndjson" && i + 1 < argc) {
      stream = argv[++i];
    } else if (arg == "--repeat" && i + 1 < argc) {
      repeat = std::atoi(argv[++i]);
    } else if (arg.starts_with("--")) {
      std::cerr << "usage: tg_bench_json_parse [--repeat N] (--ndjson FILE | FILE...)\n";
      return 2;
    } else {
      files.emplace_back(arg);
    }
  }
  if (stream.empty() == files.empty() || repeat < 1) {
    std::cerr << "usage: tg_bench_json_parse [--repeat N] (--ndjson FILE | FILE...)\n";
    return 2;
  }

  Totals totals;
  auto start = std::chrono::steady_clock::now();
  for (int pass = 0; pass < repeat; ++pass) {
    if (stream.empty()) {
      parse_files(files, totals);
    } else {
      parse_stream(stream, totals);
    }
  }
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;

  double seconds = elapsed.count();
  std::printf(
      "documents=%zu bytes=%zu seconds=%.6f docs_per_second=%.1f mib_per_second=%.2f "
      "peak_rss_kib=%ld parse_errors=%zu\n",
      totals.documents, totals.bytes, seconds, totals.documents / seconds,
      totals.bytes / seconds / (1024.0 * 1024.0), peak_rss_kib(), totals.parse_errors);
  return totals.parse_errors == 0 ? 0 : 1;
}
