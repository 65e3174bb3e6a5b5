#pragma once
// Cuts the inputs of a check run into jobs, in input order, and loads a job into an input part.
// The two halves run on different threads under `check -j N`: the cutting is cheap and
// sequential (it reads standard input and the lines of a stream), the loading is neither (it
// parses), so the caller cuts on one thread and loads on many (ordered_workers.hpp).
//
// A job is a whole file, or a run of lines of an NDJSON stream (standard input holding one JSON
// value per line, or a .ndjson / .jsonl file that is not a regular one), or a range of bytes of
// a regular .ndjson / .jsonl file, read by the thread that loads it (ndjson_ranges.hpp), or
// standard input read whole. A stream of any length is cut into runs of a bounded number of
// lines and bytes, so it fits in bounded memory.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "interpreter/document/document.hpp"
#include "interpreter/loaders/load.hpp"
#include "interpreter/loaders/ndjson_ranges.hpp"
#include "stdlib/limits/limits.hpp"

namespace taskguard::cli {

struct InputJob {
  struct WholeFile {};  // read from disk when loaded
  struct Text {         // read already: standard input
    std::string content;
  };
  struct FileRange {  // a range of a regular NDJSON file, read when loaded
    std::shared_ptr<loaders::NdjsonRanges> file;
    loaders::NdjsonRanges::Range range;
  };
  std::string name;  // as the user named it; "-" for standard input
  std::variant<WholeFile, Text, loaders::NdjsonChunk, FileRange> what;
  bool first_of_file = true;  // false for the second and later runs of one stream
};

// A whole input file, or a run of lines of an NDJSON stream, loaded.
struct InputPart {
  document::LoadedFile loaded;
  bool first_of_file = true;     // false for the second and later runs of one stream
  std::uint32_t first_line = 1;  // line number of loaded.text's first line in the input
};

struct PipelineOptions {
  // An NDJSON job ends after this many lines or once its text reaches this many bytes. The
  // in-flight jobs' text, trees and outcomes are most of a run's memory: small jobs keep it
  // in the cores' caches and spare first-touch page faults.
  std::size_t stream_lines = 128;
  std::size_t stream_bytes = 64 * 1024;
  limits::Limits limits;  // what one file, line, string ... may hold
};

// Hands every input to `on_job`, on the calling thread, in order.
void cut_inputs(const std::vector<std::string>& files, const PipelineOptions& options,
                const std::function<void(InputJob&&)>& on_job);

// Loads one job; never throws for bad input (problems are in the part's errors). The task
// definitions of a run of lines are numbered from 0: the caller numbers them on from the
// previous runs of the stream (StreamNumbering).
InputPart load_input(InputJob&& job, const limits::Limits& limits);

// origin.index counts the task definitions of a whole stream; runs of it are loaded apart.
class StreamNumbering {
 public:
  // The number of the part's first task definition within its file; call once per part, in
  // order.
  std::size_t first_index(const InputPart& part) {
    if (part.first_of_file) seen_ = 0;
    const std::size_t first = seen_;
    seen_ += part.loaded.task_definitions.size();
    return first;
  }

 private:
  std::size_t seen_ = 0;
};

}  // namespace taskguard::cli
