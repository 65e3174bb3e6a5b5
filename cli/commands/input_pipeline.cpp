#include "cli/commands/input_pipeline.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <streambuf>
#include <utility>
#include <vector>

#include "interpreter/loaders/json_reader.hpp"
#include "interpreter/loaders/load.hpp"

namespace taskguard::cli {
namespace {

// The lines read from standard input to decide how to load it, then the rest of it.
class PrefixedBuffer : public std::streambuf {
 public:
  PrefixedBuffer(std::string prefix, std::streambuf* rest)
      : prefix_(std::move(prefix)), rest_(rest) {
    setg(prefix_.data(), prefix_.data(), prefix_.data() + prefix_.size());
  }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    const std::streamsize n =
        rest_->sgetn(block_.data(), static_cast<std::streamsize>(block_.size()));
    if (n <= 0) return traits_type::eof();
    setg(block_.data(), block_.data(), block_.data() + n);
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string prefix_;
  std::streambuf* rest_;
  std::vector<char> block_ = std::vector<char>(1 << 16);
};

// Does this line hold exactly one JSON object or array?
bool is_one_json_value(std::string_view line) {
  if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
  const std::size_t start = line.find_first_not_of(" \t\r");
  if (start == std::string_view::npos || (line[start] != '{' && line[start] != '[')) return false;
  document::Arena arena;
  std::vector<document::InputError> errors;
  return loaders::read_json(line, arena, "-", errors).root != nullptr;
}

struct StdinHead {
  std::string text;     // every line read so far, as read
  bool stream = false;  // one JSON value on the first line, and more lines follow
};

// One line of at most `limit` bytes (a longer one is cut there); false at the end of input.
// `newline` says whether the line ended with one.
bool read_bounded_line(std::istream& in, std::string& line, std::uint64_t limit, bool& newline) {
  line.clear();
  newline = false;
  std::streambuf* buffer = in.rdbuf();
  for (;;) {
    const int c = buffer->sbumpc();
    if (c == std::char_traits<char>::eof()) {
      in.setstate(std::ios::eofbit);
      return !line.empty();
    }
    if (c == '\n') {
      newline = true;
      return true;
    }
    line.push_back(static_cast<char>(c));
    if (line.size() > limit) return true;
  }
}

// Standard input is a stream when its first non-blank line is a complete JSON object or array
// and another non-blank line follows: the rule load_text applies to JSON text, decided after
// reading two lines instead of the whole input. Never reads more than `limit` bytes.
StdinHead read_stdin_head(std::istream& in, std::uint64_t limit) {
  StdinHead head;
  std::string line;
  bool newline = false;
  bool seen_value = false;
  while (head.text.size() <= limit && read_bounded_line(in, line, limit, newline)) {
    head.text += line;
    if (newline) head.text += '\n';
    if (loaders::is_blank(line)) continue;
    if (seen_value) {
      head.stream = true;
      break;
    }
    if (line.size() > limit || !is_one_json_value(line)) break;
    seen_value = true;
  }
  return head;
}

using OnJob = std::function<void(InputJob&&)>;

// One NDJSON stream, a run of lines per job.
void cut_stream(std::istream& in, const std::string& name, const PipelineOptions& options,
                const OnJob& on_job) {
  bool first = true;
  bool content = false;
  loaders::read_ndjson_chunks(
      in, name, {.lines = options.stream_lines, .bytes = options.stream_bytes},
      [&](loaders::NdjsonChunk&& chunk) {
        // A line left out for its length is content too: the stream is not empty.
        content = content || !loaders::is_blank(chunk.text) || !chunk.skipped.empty();
        on_job({name, std::move(chunk), std::exchange(first, false)});
      },
      options.limits);
  if (!content)  // the same error as for any other empty input
    on_job({name, InputJob::Text{}, first});
}

void cut_stdin(const PipelineOptions& options, const OnJob& on_job) {
  const std::uint64_t limit = options.limits.input_file_bytes;
  StdinHead head = read_stdin_head(std::cin, std::max(limit, options.limits.ndjson_line_bytes));
  if (head.stream) {
    PrefixedBuffer buffer(std::move(head.text), std::cin.rdbuf());
    std::istream in(&buffer);
    cut_stream(in, "-", options, on_job);
    return;
  }
  // One document: read whole, but no further once past the file-size limit, which load_text
  // then reports.
  std::string text = std::move(head.text);
  std::vector<char> block(1 << 16);
  while (text.size() <= limit && std::cin.good()) {
    std::cin.read(block.data(), static_cast<std::streamsize>(block.size()));
    text.append(block.data(), static_cast<std::size_t>(std::cin.gcount()));
  }
  on_job({"-", InputJob::Text{std::move(text)}, true});
}

}  // namespace

void cut_inputs(const std::vector<std::string>& files, const PipelineOptions& options,
                const std::function<void(InputJob&&)>& on_job) {
  for (const std::string& file : files) {
    if (file == "-") {
      cut_stdin(options, on_job);
      continue;
    }
    if (loaders::is_ndjson_name(file)) {
      if (auto ranges = loaders::NdjsonRanges::open(file)) {
        for (bool first = true; !ranges->done(); first = false) {
          on_job({file,
                  InputJob::FileRange{
                      ranges, ranges->next_range(options.stream_lines, options.stream_bytes)},
                  first});
        }
        continue;
      }
      // Read in large blocks: the default buffer makes a system call for every 8 KiB.
      std::vector<char> buffer(1 << 18);
      std::ifstream in;
      in.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      in.open(file, std::ios::binary);
      if (in) {
        cut_stream(in, file, options, on_job);
        continue;
      }
      // load_file reports why it cannot be read
    }
    on_job({file, InputJob::WholeFile{}, true});
  }
}

InputPart load_input(InputJob&& job, const limits::Limits& limits) {
  InputPart part;
  part.first_of_file = job.first_of_file;
  if (auto* chunk = std::get_if<loaders::NdjsonChunk>(&job.what)) {
    part.first_line = chunk->first_line;
    part.loaded = loaders::load_ndjson_chunk(std::move(*chunk), job.name, limits);
  } else if (auto* range = std::get_if<InputJob::FileRange>(&job.what)) {
    loaders::NdjsonChunk chunk = range->file->read(range->range, job.name, limits);
    part.first_line = chunk.first_line;
    part.loaded = loaders::load_ndjson_chunk(std::move(chunk), job.name, limits);
  } else if (auto* text = std::get_if<InputJob::Text>(&job.what)) {
    part.loaded = loaders::load_owned_text(std::move(text->content), job.name, limits);
  } else {
    part.loaded = loaders::load_file(job.name, limits);
  }
  return part;
}

}  // namespace taskguard::cli
