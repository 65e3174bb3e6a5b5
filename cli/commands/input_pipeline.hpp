#pragma once
// Reads the inputs of a check run ahead of the evaluation, in bounded batches, so that reading,
// parsing and evaluating overlap and a stream of any length fits in a fixed amount of memory.
//
// Small files are loaded in parallel, many to a batch; an NDJSON stream (a .ndjson / .jsonl file,
// or standard input holding one JSON value per line) is cut into runs of lines, each loaded into
// its own arena. Batches always come out in input order, whatever the thread count.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "interpreter/document/document.hpp"
#include "stdlib/limits/limits.hpp"

namespace taskguard::cli {

// A whole input file, or a run of lines of an NDJSON stream.
struct InputPart {
  document::LoadedFile loaded;
  bool first_of_file = true;     // false for the second and later runs of one stream
  std::uint32_t first_line = 1;  // line number of loaded.text's first line in the input
};

struct PipelineOptions {
  // 1: everything on the calling thread. More: files load on this many threads, and reading
  // runs on its own thread while the caller evaluates the previous batch.
  unsigned threads = 1;
  std::size_t batch_bytes = 1 << 20;  // a batch holds about this much input text
  std::size_t stream_lines = 128;     // NDJSON lines per part
  limits::Limits limits;              // what one file, line, string ... may hold
};

// Hands every input to `on_batch`, on the calling thread, in order. Each part of a stream has its
// task definitions numbered on from the previous part (origin.index counts within the file).
void read_inputs(const std::vector<std::string>& files, const PipelineOptions& options,
                 const std::function<void(std::vector<InputPart>&&)>& on_batch);

}  // namespace taskguard::cli
