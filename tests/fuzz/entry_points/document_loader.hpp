#pragma once
// Fuzz entry points for the document loaders: bytes as a file of a given name through
// loaders::load_text (reading, shape detection, normalisation to the canonical API shape).
// Contract: any byte string yields task definitions or an input error with a message, never a
// crash, hang or exception (load_text never throws).

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/document/document.hpp"
#include "interpreter/loaders/json_fast_reader.hpp"
#include "interpreter/loaders/json_reader.hpp"
#include "interpreter/loaders/load.hpp"
#include "interpreter/loaders/ndjson_ranges.hpp"
#include "tests/fuzz/entry_points/result.hpp"

namespace taskguard::fuzz {

inline Result loaded(const document::LoadedFile& file) {
  for (const auto& error : file.errors) {
    if (error.fatal) return {false, error.message.empty() ? std::string() : error.message};
  }
  if (file.task_definitions.empty()) return {false, {}};  // no task definition and no error
  for (const auto& td : file.task_definitions) {
    if (td.root == nullptr) return {false, {}};
  }
  return {true, {}};
}

// Same kind, value, key spellings and ids, position and shape, all the way down.
inline bool same_tree(const document::Node& a, const document::Node& b) {
  if (a.kind != b.kind || a.boolean != b.boolean || a.text() != b.text() ||
      a.pos.line != b.pos.line || a.pos.column != b.pos.column ||
      a.items().size() != b.items().size() || a.members().size() != b.members().size()) {
    return false;
  }
  if (a.number != b.number && !(a.number != a.number && b.number != b.number)) return false;
  for (std::size_t i = 0; i < a.items().size(); ++i) {
    if (!same_tree(*a.items()[i], *b.items()[i])) return false;
  }
  for (std::size_t i = 0; i < a.members().size(); ++i) {
    if (a.members()[i].key() != b.members()[i].key() ||
        a.members()[i].key_id != b.members()[i].key_id ||
        !same_tree(*a.members()[i].value, *b.members()[i].value)) {
      return false;
    }
  }
  return true;
}

// Differential: whatever the simdjson fast path accepts, the careful reader must read without
// a word and into the same tree. A difference is a crash, so the fuzzer keeps the input.
inline void json_fast_path_agrees(std::string_view input) {
  document::Arena arena;
  const document::Node* fast = loaders::read_json_fast(input, arena, {});
  if (fast == nullptr) return;
  std::vector<document::InputError> errors;
  loaders::JsonReadOptions careful;
  careful.fast_path = false;
  const auto result = loaders::read_json(input, arena, "fuzz.json", errors, careful);
  if (result.root == nullptr || !errors.empty() || !same_tree(*fast, *result.root)) std::abort();
}

// JSON files: API, describe, CloudFormation and Terraform plan shapes are all told apart by
// content, so one target covers them; the seed corpus decides where the fuzzer starts.
inline Result json_document(std::string_view input) {
  json_fast_path_agrees(input);
  return loaded(loaders::load_text(input, "fuzz.json"));
}

inline Result yaml_document(std::string_view input) {
  return loaded(loaders::load_text(input, "fuzz.yaml"));
}

inline Result terraform_plan(std::string_view input) {
  return loaded(loaders::load_text(input, "plan.json"));
}

// Differential: the input as a regular file, read by byte ranges as `check` reads a .ndjson
// file, gives the stream reader's lines, line numbers and errors. The first byte sets the range
// length (1 to 97 bytes), and lines past 200 bytes are refused, so the fuzzer moves range
// boundaries across lines, newlines, byte-order marks and refused lines alike.
inline void ndjson_ranges_agree(std::string_view input) {
  if (input.empty()) return;
  const std::size_t range_bytes = 1 + static_cast<unsigned char>(input[0]) % 97;
  limits::Limits limits;
  limits.ndjson_line_bytes = 200;

  std::string stream_text;
  std::vector<std::string> stream_errors;
  std::istringstream in{std::string(input)};
  loaders::read_ndjson_chunks(
      in, "fuzz.ndjson", {.lines = 3},
      [&](loaders::NdjsonChunk&& chunk) {
        stream_text += chunk.text;
        for (const auto& e : chunk.skipped)
          stream_errors.push_back(std::to_string(e.pos.line) + e.message);
      },
      limits);

  const int fd = memfd_create("fuzz.ndjson", MFD_CLOEXEC);
  if (fd < 0) return;
  for (std::size_t written = 0; written < input.size();) {
    const ssize_t n = ::write(fd, input.data() + written, input.size() - written);
    if (n <= 0) std::abort();
    written += static_cast<std::size_t>(n);
  }
  auto file = loaders::NdjsonRanges::open("/proc/self/fd/" + std::to_string(fd));
  ::close(fd);
  if (file == nullptr) std::abort();  // a memfd is a regular file with a size
  std::string ranges_text;
  std::vector<std::string> ranges_errors;
  std::uint32_t next_line = 1;
  while (!file->done()) {
    const loaders::NdjsonChunk chunk =
        file->read(file->next_range(1000, range_bytes), "fuzz.ndjson", limits);
    const auto lines =
        static_cast<std::uint32_t>(std::count(chunk.text.begin(), chunk.text.end(), '\n'));
    if (lines > 0 && chunk.first_line != next_line) std::abort();
    next_line += lines;
    ranges_text += chunk.text;
    for (const auto& e : chunk.skipped) {
      if (e.message != "no content: the file is empty")  // said by the stream's cutter instead
        ranges_errors.push_back(std::to_string(e.pos.line) + e.message);
    }
  }
  if (ranges_text != stream_text || ranges_errors != stream_errors) std::abort();
}

// NDJSON both ways: whole text at once, and streamed in batches of two lines, which puts the
// batch boundaries under the fuzzer too. Each line stands alone, so a bad line is an error in
// its batch and the others still load: the result is clean when every batch is.
inline Result ndjson_stream(std::string_view input) {
  ndjson_ranges_agree(input);
  Result whole = loaded(loaders::load_text(input, "fuzz.ndjson"));
  std::istringstream in{std::string(input)};
  Result streamed{true, {}};
  loaders::load_ndjson_stream(in, "fuzz.ndjson", 2, [&](document::LoadedFile&& batch) {
    Result r = loaded(batch);
    if (!r.accepted && streamed.accepted) streamed = r;
  });
  return whole.clean() ? streamed : whole;
}

}  // namespace taskguard::fuzz
