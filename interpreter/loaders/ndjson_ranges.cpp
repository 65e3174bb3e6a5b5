#include "interpreter/loaders/ndjson_ranges.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <mutex>
#include <string_view>
#include <utility>
#include <vector>

namespace taskguard::loaders {

using document::InputError;

struct NdjsonRanges::Published {
  std::mutex mutex;
  std::condition_variable turn;
  std::uint64_t next = 0;      // the range whose turn it is to pass its count on
  std::uint64_t newlines = 0;  // newlines in the ranges before it
  bool content = false;        // did any range before it hold a line that is not blank?
  // What the ranges passed on so far held, for the cutting thread's choice of range length.
  std::atomic<std::uint64_t> bytes_seen{0};
  std::atomic<std::uint64_t> newlines_seen{0};
};

namespace {

constexpr std::uint64_t kMinimumRange = 1024;
constexpr std::uint64_t kSample = 16 * 1024;
constexpr std::size_t kFirstContinuation = 4 * 1024;
constexpr std::size_t kLastContinuation = 64 * 1024;

// pread until `length` bytes, the end of the file or an error (in `failure`): a short count
// is the end of what could be read.
std::uint64_t read_at(int fd, std::uint64_t offset, char* into, std::uint64_t length,
                      std::string& failure) {
  std::uint64_t got = 0;
  while (got < length) {
    const ssize_t n = ::pread(fd, into + got, length - got, static_cast<off_t>(offset + got));
    if (n > 0) {
      got += static_cast<std::uint64_t>(n);
    } else if (n == 0) {
      break;
    } else if (errno != EINTR) {
      failure = std::strerror(errno);
      break;
    }
  }
  return got;
}

// Appends a range's lines to its chunk as read_ndjson_chunks does (end_ndjson_line), numbered
// from 0 until the range learns where it starts.
class LineCollector {
 public:
  LineCollector(NdjsonChunk& chunk, const std::string& display_name, const limits::Limits& limits)
      : chunk_(chunk), display_name_(display_name), limits_(limits) {}

  // `kept` is the line without its newline, or its first bytes when `length` is past the limit.
  void add(std::string_view kept, std::uint64_t length, bool first_of_file) {
    const std::size_t start = chunk_.text.size();
    const std::size_t errors = chunk_.skipped.size();
    chunk_.text.append(kept);
    end_ndjson_line(chunk_, start, length, lines_++, first_of_file, display_name_, limits_);
    content_ = content_ || chunk_.skipped.size() != errors ||
               !is_blank(std::string_view(chunk_.text).substr(start));
  }

  bool content() const { return content_; }

  // Numbers the errors from the chunk's first line, once it is known.
  void finish(std::uint32_t first_line) {
    for (InputError& e : chunk_.skipped)
      e.pos.line += first_line;
  }

 private:
  NdjsonChunk& chunk_;
  const std::string& display_name_;
  const limits::Limits& limits_;
  std::uint32_t lines_ = 0;
  bool content_ = false;
};

}  // namespace

std::shared_ptr<NdjsonRanges> NdjsonRanges::open(const std::string& path) {
  // Looked at before it is opened: opening a FIFO would wait for its writer, and take the
  // stream that the reader it is left to should get.
  struct stat named {};
  if (::stat(path.c_str(), &named) != 0 || !S_ISREG(named.st_mode)) return nullptr;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat status {};
  if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode) || status.st_size <= 0) {
    ::close(fd);
    return nullptr;
  }
  return std::shared_ptr<NdjsonRanges>(
      new NdjsonRanges(fd, static_cast<std::uint64_t>(status.st_size)));
}

NdjsonRanges::NdjsonRanges(int fd, std::uint64_t size)
    : fd_(fd), size_(size), published_(std::make_unique<Published>()) {}

NdjsonRanges::~NdjsonRanges() {
  ::close(fd_);
}

NdjsonRanges::Range NdjsonRanges::next_range(std::size_t lines, std::size_t bytes) {
  if (ranges_cut_ == 0) {
    // Before any range is counted, the file's first bytes say how long its lines are: the
    // first jobs are cut before the first one is loaded.
    std::vector<char> head(std::min<std::uint64_t>(size_, kSample));
    std::string failure;
    sample_bytes_ = read_at(fd_, 0, head.data(), head.size(), failure);
    sample_newlines_ = static_cast<std::uint64_t>(
        std::count(head.begin(), head.begin() + static_cast<std::ptrdiff_t>(sample_bytes_), '\n'));
  }
  std::uint64_t seen_bytes = published_->bytes_seen.load(std::memory_order_relaxed);
  std::uint64_t seen_newlines = published_->newlines_seen.load(std::memory_order_relaxed);
  if (seen_newlines == 0) {
    seen_bytes = sample_bytes_;
    seen_newlines = sample_newlines_;
  }
  const std::uint64_t most = std::max<std::uint64_t>(bytes, 1);
  const std::uint64_t wanted_lines = std::max<std::uint64_t>(lines, 1);
  // No newline seen yet: the lines are at least as long as what was read, so a range of `bytes`.
  const std::uint64_t by_lines =
      seen_newlines == 0 || seen_bytes / seen_newlines + 1 > most / wanted_lines
          ? most
          : (seen_bytes / seen_newlines + 1) * wanted_lines;
  const std::uint64_t length = std::clamp(by_lines, std::min(kMinimumRange, most), most);
  const Range range{ranges_cut_++, cut_, std::min(size_, cut_ + length)};
  cut_ = range.end;
  return range;
}

std::pair<std::uint64_t, bool> NdjsonRanges::pass_on(std::uint64_t index, std::uint64_t newlines,
                                                     std::uint64_t bytes, bool content) {
  Published& p = *published_;
  std::unique_lock lock(p.mutex);
  p.turn.wait(lock, [&] { return p.next == index; });
  const std::pair<std::uint64_t, bool> before{p.newlines, p.content};
  p.newlines += newlines;
  p.content = p.content || content;
  ++p.next;
  p.bytes_seen.fetch_add(bytes, std::memory_order_relaxed);
  p.newlines_seen.fetch_add(newlines, std::memory_order_relaxed);
  lock.unlock();
  p.turn.notify_all();
  return before;
}

NdjsonChunk NdjsonRanges::read(const Range& range, const std::string& display_name,
                               const limits::Limits& limits) {
  NdjsonChunk chunk;
  LineCollector lines(chunk, display_name, limits);
  std::string failure;
  std::uint64_t newlines = 0;
  bool later_line = false;  // the chunk's first line begins after a newline inside the range
  std::exception_ptr thrown;
  try {
    // The byte before the range says whether a line begins at its first byte.
    const std::uint64_t head = range.begin > 0 ? 1 : 0;
    const std::uint64_t want = range.end - range.begin + head;
    // A little past the range too: the last line usually ends there, and one read is cheaper
    // than two (the bytes read twice are a few KiB in sixty-four).
    const std::uint64_t slack = kFirstContinuation;
    const auto buffer = std::make_unique_for_overwrite<char[]>(want + slack);
    const std::uint64_t got = read_at(fd_, range.begin - head, buffer.get(), want + slack, failure);
    const std::string_view bytes(buffer.get(), got);
    const std::size_t in_range = std::min(got, want);
    // Every newline inside the range ends a line: the one the previous range began, or one of
    // this range's own. Counting them as the lines are cut takes no pass of its own.
    std::size_t start = head;
    if (head == 1 && in_range > 0 && bytes[0] != '\n') {
      const std::size_t newline = bytes.substr(0, in_range).find('\n', head);
      start = newline == std::string_view::npos ? in_range : newline + 1;
      later_line = start < in_range;
      newlines = newline == std::string_view::npos ? 0 : 1;
    }
    chunk.text.reserve(got - std::min<std::uint64_t>(start, got) + 1);
    for (std::size_t at = start; at < in_range;) {
      const bool first_of_file = range.begin - head + at == 0;
      const std::size_t newline = bytes.find('\n', at);
      if (newline != std::string_view::npos) {
        lines.add(bytes.substr(at, newline - at), newline - at, first_of_file);
        if (newline < in_range) ++newlines;  // past it, the newline is the next range's
        at = newline + 1;
        continue;
      }
      // The last line runs on past what was read, or ends the file without a newline.
      std::string line(
          bytes.substr(at, std::min<std::uint64_t>(got - at, limits.ndjson_line_bytes + 1)));
      std::uint64_t length = got - at;
      if (got == want + slack) {
        std::size_t block_size = kFirstContinuation;
        auto block = std::make_unique_for_overwrite<char[]>(kLastContinuation);
        for (std::uint64_t offset = range.begin - head + got;;) {
          const std::uint64_t n = read_at(fd_, offset, block.get(), block_size, failure);
          const std::string_view more(block.get(), n);
          const std::size_t end = std::min(more.find('\n'), more.size());
          if (length <= limits.ndjson_line_bytes)
            line.append(more.substr(
                0, std::min<std::uint64_t>(end, limits.ndjson_line_bytes + 1 - length)));
          length += end;
          offset += n;
          if (end < more.size() || n < block_size) break;
          block_size = std::min(2 * block_size, kLastContinuation);
        }
      }
      lines.add(line, length, first_of_file);
      break;
    }
  } catch (...) {
    thrown = std::current_exception();
  }
  // Passed on whatever happened here: every later range waits for it.
  const bool content = lines.content() || !failure.empty();
  const auto [before, content_before] =
      pass_on(range.index, newlines, range.end - range.begin, content);
  if (thrown) std::rethrow_exception(thrown);

  chunk.first_line = static_cast<std::uint32_t>(1 + before + (later_line ? 1 : 0));
  lines.finish(chunk.first_line);
  if (!failure.empty())
    chunk.skipped.push_back({display_name, {}, "cannot read: " + failure, true});
  if (range.end == size_ && !content_before && !content)  // as for any other empty input
    chunk.skipped.push_back({display_name, {}, "no content: the file is empty", true});
  return chunk;
}

}  // namespace taskguard::loaders
