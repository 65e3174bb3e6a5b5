// A regular NDJSON file read by byte ranges must give the same lines, line numbers and errors as
// the same bytes read as a stream, wherever the ranges fall and whichever threads read them.

#include "interpreter/loaders/ndjson_ranges.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace taskguard;

namespace {

namespace fs = std::filesystem;

std::string write_file(const std::string& name, const std::string& bytes) {
  const fs::path path = fs::temp_directory_path() / ("taskguard-ranges-" + name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path.string();
}

// What a reader made of a file: every chunk's text joined, and each chunk's first line and
// errors as "line: message".
struct Reading {
  std::string text;
  std::vector<std::uint32_t> first_lines;
  std::vector<std::size_t> lines_per_chunk;
  std::vector<std::string> errors;
};

void add_chunk(Reading& r, const loaders::NdjsonChunk& chunk) {
  r.text += chunk.text;
  r.first_lines.push_back(chunk.first_line);
  r.lines_per_chunk.push_back(
      static_cast<std::size_t>(std::count(chunk.text.begin(), chunk.text.end(), '\n')));
  for (const auto& e : chunk.skipped)
    r.errors.push_back(std::to_string(e.pos.line) + ": " + e.message);
}

Reading as_stream(const std::string& bytes, const limits::Limits& limits) {
  Reading r;
  std::istringstream in(bytes);
  loaders::read_ndjson_chunks(
      in, "f.ndjson", {.lines = 3, .bytes = 1 << 20},
      [&](loaders::NdjsonChunk&& c) { add_chunk(r, c); }, limits);
  return r;
}

// Reads every range on `threads` threads, each taking the next range in order.
Reading by_ranges(const std::string& path, std::size_t lines, std::size_t bytes,
                  const limits::Limits& limits, unsigned threads = 1) {
  auto file = loaders::NdjsonRanges::open(path);
  REQUIRE(file != nullptr);
  std::vector<loaders::NdjsonRanges::Range> ranges;
  while (!file->done())
    ranges.push_back(file->next_range(lines, bytes));
  std::vector<loaders::NdjsonChunk> chunks(ranges.size());
  std::atomic<std::size_t> next{0};
  std::mutex taking;  // ranges are taken in order, as OrderedWorkers hands them out
  auto work = [&] {
    for (;;) {
      std::size_t k = 0;
      {
        std::lock_guard lock(taking);
        k = next++;
      }
      if (k >= ranges.size()) return;
      chunks[k] = file->read(ranges[k], "f.ndjson", limits);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back(work);
  for (auto& t : pool)
    t.join();
  Reading r;
  for (const auto& c : chunks)
    add_chunk(r, c);
  return r;
}

// Every chunk starts on the line after the previous chunk's last one.
void check_numbering(const Reading& r) {
  std::uint32_t expected = 1;
  for (std::size_t i = 0; i < r.first_lines.size(); ++i) {
    if (r.lines_per_chunk[i] == 0) continue;  // a range inside one long line holds none
    CHECK(r.first_lines[i] == expected);
    expected += static_cast<std::uint32_t>(r.lines_per_chunk[i]);
  }
}

std::string random_stream(std::mt19937& random) {
  std::string bytes;
  if (random() % 4 == 0) bytes += "\xEF\xBB\xBF";
  const int lines = 1 + static_cast<int>(random() % 400);
  for (int i = 0; i < lines; ++i) {
    const unsigned kind = random() % 20;
    if (kind == 0) {
      bytes += "";  // an empty line
    } else if (kind == 1) {
      bytes += "  \t ";
    } else if (kind == 2) {
      bytes += "{\"big\": \"" + std::string(1000 + random() % 6000, 'x') + "\"}";
    } else {
      bytes += "{\"family\": \"f" + std::to_string(i) + "\", \"pad\": \"" +
               std::string(random() % 200, 'p') + "\"}";
    }
    if (random() % 10 == 0) bytes += '\r';
    if (i + 1 < lines || random() % 3 != 0) bytes += '\n';
  }
  return bytes;
}

}  // namespace

TEST_SUITE("documents") {
  TEST_CASE("NDJSON by ranges: the stream's lines, numbers and errors, wherever ranges fall") {
    std::mt19937 random(20261205);
    limits::Limits limits;
    for (int trial = 0; trial < 60; ++trial) {
      const std::string bytes = random_stream(random);
      limits.ndjson_line_bytes = trial % 3 == 0 ? 500 : 1 << 20;
      const std::string path = write_file("trial.ndjson", bytes);
      const Reading stream = as_stream(bytes, limits);
      CAPTURE(trial);
      // Ranges of 7 bytes up to 8 KiB: boundaries inside lines, at newlines, in the byte-order
      // mark, in long lines.
      const bool blank =
          stream.text.find_first_not_of(" \t\r\n") == std::string::npos && stream.errors.empty();
      for (std::size_t range_bytes :
           {std::size_t{7}, std::size_t{64}, std::size_t{1024}, std::size_t{8192}}) {
        Reading ranges = by_ranges(path, 1000, range_bytes, limits, 1 + trial % 3);
        CHECK(ranges.text == stream.text);
        // The stream's cutter, not its reader, says "no content"; a file's last range does.
        const auto empty = std::find(ranges.errors.begin(), ranges.errors.end(),
                                     "0: no content: the file is empty");
        CHECK((empty != ranges.errors.end()) == blank);
        if (empty != ranges.errors.end()) ranges.errors.erase(empty);
        CHECK(ranges.errors == stream.errors);
        check_numbering(ranges);
      }
      fs::remove(path);
    }
  }

  TEST_CASE("NDJSON by ranges: a file of blank lines is as empty as an empty stream") {
    const std::string path = write_file("blank.ndjson", std::string("\n \n\t\r\n", 6) + "\n");
    const Reading r = by_ranges(path, 128, 64 * 1024, {});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0] == "0: no content: the file is empty");
    // One non-blank line anywhere, even past the first range, and the file is not empty.
    const std::string later =
        write_file("later.ndjson", std::string(5000, '\n') + "{}\n" + std::string(5000, '\n'));
    CHECK(by_ranges(later, 128, 1024, {}).errors.empty());
    fs::remove(path);
    fs::remove(later);
  }

  TEST_CASE("NDJSON by ranges: only regular files with a size are read by ranges") {
    const std::string empty = write_file("empty.ndjson", "");
    CHECK(loaders::NdjsonRanges::open(empty) == nullptr);  // read as a stream: "no content"
    CHECK(loaders::NdjsonRanges::open(fs::temp_directory_path().string()) == nullptr);
    CHECK(loaders::NdjsonRanges::open("/no/such/file.ndjson") == nullptr);
    const std::string fifo = (fs::temp_directory_path() / "taskguard-ranges-fifo.ndjson").string();
    fs::remove(fifo);
    REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
    // Without a writer: opening it would wait forever (this test would hang), and opening it
    // at all would take the stream from the reader it is left to.
    CHECK(loaders::NdjsonRanges::open(fifo) == nullptr);
    fs::remove(fifo);
    fs::remove(empty);
  }

  TEST_CASE("NDJSON by ranges: a range holds about the line bound, whatever the line length") {
    std::string tiny, large;
    for (int i = 0; i < 20000; ++i)
      tiny += "{\"family\": \"f" + std::to_string(i % 10) + "\"}\n";  // 18 bytes
    for (int i = 0; i < 300; ++i)
      large += "{\"pad\": \"" + std::string(3500, 'x') + "\"}\n";
    const std::string tiny_path = write_file("tiny.ndjson", tiny);
    const std::string large_path = write_file("large.ndjson", large);
    const Reading t = by_ranges(tiny_path, 128, 64 * 1024, {});
    // 128 lines of 18 bytes are 2.3 KiB: ranges of that length, not of 64 KiB (3,600 lines).
    CHECK(*std::max_element(t.lines_per_chunk.begin(), t.lines_per_chunk.end()) <= 2 * 128);
    CHECK(t.text == tiny);
    const Reading l = by_ranges(large_path, 128, 64 * 1024, {});
    // 128 lines of 3.5 KB would be 448 KB: the byte bound holds them to about 18 lines.
    CHECK(*std::max_element(l.lines_per_chunk.begin(), l.lines_per_chunk.end()) <= 20);
    CHECK(l.text == large);
    fs::remove(tiny_path);
    fs::remove(large_path);
  }
}
