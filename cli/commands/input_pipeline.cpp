#include "cli/commands/input_pipeline.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <streambuf>
#include <thread>
#include <utility>

#include "interpreter/loaders/json_reader.hpp"
#include "interpreter/loaders/load.hpp"

namespace taskguard::cli {
namespace {

using Emit = std::function<void(std::vector<InputPart>&&)>;

constexpr std::size_t kMaxFilesPerBatch = 256;

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Runs job(0) .. job(count - 1) on up to `threads` threads, the calling one included.
template <typename Job>
void run_parallel(std::size_t count, unsigned threads, const Job& job) {
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&] {
    for (std::size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) {
      try {
        job(i);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  {
    std::vector<std::jthread> helpers;
    const std::size_t extra = std::min<std::size_t>(threads, count) - 1;
    for (std::size_t t = 0; t + 1 <= extra; ++t)
      helpers.emplace_back(work);
    work();
  }
  if (failure) std::rethrow_exception(failure);
}

std::vector<InputPart> load_files(const std::vector<std::string>& files, unsigned threads,
                                  const limits::Limits& limits) {
  std::vector<InputPart> parts(files.size());
  run_parallel(files.size(), std::max(threads, 1u),
               [&](std::size_t i) { parts[i].loaded = loaders::load_file(files[i], limits); });
  return parts;
}

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
    if (is_blank(line)) continue;
    if (seen_value) {
      head.stream = true;
      break;
    }
    if (line.size() > limit || !is_one_json_value(line)) break;
    seen_value = true;
  }
  return head;
}

// One NDJSON stream, a run of lines per batch.
void read_stream(std::istream& in, const std::string& name, const PipelineOptions& options,
                 const Emit& emit) {
  std::size_t index = 0;
  std::uint32_t next_line = 1;
  bool first = true;
  bool content = false;
  loaders::load_ndjson_stream(
      in, name, options.stream_lines,
      [&](document::LoadedFile&& loaded) {
        InputPart part;
        part.first_line = next_line;
        if (loaded.text) {
          next_line += static_cast<std::uint32_t>(
              std::count(loaded.text->begin(), loaded.text->end(), '\n'));
          // A line left out for its length is content too: the stream is not empty.
          content = content || !is_blank(*loaded.text) || !loaded.errors.empty();
        }
        for (document::TaskDefinition& td : loaded.task_definitions)
          td.origin.index += index;
        index += loaded.task_definitions.size();
        part.first_of_file = std::exchange(first, false);
        part.loaded = std::move(loaded);
        std::vector<InputPart> batch;
        batch.push_back(std::move(part));
        emit(std::move(batch));
      },
      options.limits);
  if (!content) {  // the same error as for any other empty input
    InputPart part;
    part.loaded = loaders::load_text("", name);
    part.first_of_file = first;
    std::vector<InputPart> batch;
    batch.push_back(std::move(part));
    emit(std::move(batch));
  }
}

void read_stdin(const PipelineOptions& options, const Emit& emit) {
  const std::uint64_t limit = options.limits.input_file_bytes;
  StdinHead head = read_stdin_head(std::cin, std::max(limit, options.limits.ndjson_line_bytes));
  if (head.stream) {
    PrefixedBuffer buffer(std::move(head.text), std::cin.rdbuf());
    std::istream in(&buffer);
    read_stream(in, "-", options, emit);
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
  std::vector<InputPart> batch(1);
  batch[0].loaded = loaders::load_text(text, "-", options.limits);
  emit(std::move(batch));
}

std::uintmax_t size_or_zero(const std::string& file) {
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(file, error);
  return error ? 0 : size;
}

// Reads every input in order and emits batches; runs on one thread.
void produce(const std::vector<std::string>& files, const PipelineOptions& options,
             const Emit& emit) {
  std::vector<std::string> pending;
  std::uintmax_t pending_bytes = 0;
  auto flush = [&] {
    if (pending.empty()) return;
    emit(load_files(pending, options.threads, options.limits));
    pending.clear();
    pending_bytes = 0;
  };
  for (const std::string& file : files) {
    if (file == "-") {
      flush();
      read_stdin(options, emit);
      continue;
    }
    if (loaders::is_ndjson_name(file)) {
      std::ifstream in(file, std::ios::binary);
      if (in) {
        flush();
        read_stream(in, file, options, emit);
        continue;
      }
      // load_file reports why it cannot be read
    }
    pending.push_back(file);
    pending_bytes += size_or_zero(file);
    if (pending_bytes >= options.batch_bytes || pending.size() >= kMaxFilesPerBatch) flush();
  }
  flush();
}

// Batches from the reading thread to the evaluating one; a small capacity bounds memory.
class BatchQueue {
 public:
  explicit BatchQueue(std::size_t capacity) : capacity_(capacity) {}

  struct Cancelled {};

  void push(std::vector<InputPart>&& batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return cancelled_ || batches_.size() < capacity_; });
    if (cancelled_) throw Cancelled{};
    batches_.push_back(std::move(batch));
    changed_.notify_all();
  }

  bool pop(std::vector<InputPart>& batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return closed_ || !batches_.empty(); });
    if (batches_.empty()) return false;
    batch = std::move(batches_.front());
    batches_.pop_front();
    changed_.notify_all();
    return true;
  }

  void close(std::exception_ptr failure) {
    std::lock_guard lock(mutex_);
    closed_ = true;
    failure_ = std::move(failure);
    changed_.notify_all();
  }

  void cancel() {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    changed_.notify_all();
  }

  std::exception_ptr failure() {
    std::lock_guard lock(mutex_);
    return failure_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<InputPart>> batches_;
  std::size_t capacity_;
  bool closed_ = false;
  bool cancelled_ = false;
  std::exception_ptr failure_;
};

}  // namespace

void read_inputs(const std::vector<std::string>& files, const PipelineOptions& options,
                 const std::function<void(std::vector<InputPart>&&)>& on_batch) {
  if (options.threads <= 1) {
    produce(files, options, on_batch);
    return;
  }
  BatchQueue queue(1);  // reading stays one batch ahead
  std::jthread reader([&] {
    std::exception_ptr failure;
    try {
      produce(files, options,
              [&](std::vector<InputPart>&& batch) { queue.push(std::move(batch)); });
    } catch (const BatchQueue::Cancelled&) {
    } catch (...) {
      failure = std::current_exception();
    }
    queue.close(failure);
  });
  try {
    std::vector<InputPart> batch;
    while (queue.pop(batch))
      on_batch(std::move(batch));
  } catch (...) {
    queue.cancel();
    throw;
  }
  reader.join();
  if (auto failure = queue.failure()) std::rethrow_exception(failure);
}

}  // namespace taskguard::cli
