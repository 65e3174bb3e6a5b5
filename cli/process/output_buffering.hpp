#pragma once
// How a report reaches its file. A report is written a part at a time, one part per input file,
// and a part went out in at least one system call of its own (the C library and libstdc++ write
// anything larger than their small buffers straight through): a JSON report over 2,000
// templates made over 4,400 write calls, a tenth of the run's time on the benchmark machine.
// Through a BlockOutput it makes under a hundred.
//
// Not for a terminal, nor for a run that reads standard input: someone may be waiting for each
// finding as the line it is about arrives.

#include <memory>
#include <streambuf>

namespace taskguard::cli {

// Whether a report to `fd` should be written in large blocks (see above).
bool wants_block_output(int fd, bool reads_standard_input);

// A stream buffer that passes what is written to it on to `target` in blocks of 1 MiB. Flushing
// the stream it serves (and destroying it) passes on what it holds and flushes `target`; a
// target that takes less than it is given makes that flush fail.
class BlockOutput : public std::streambuf {
 public:
  explicit BlockOutput(std::streambuf* target);
  ~BlockOutput() override;
  BlockOutput(const BlockOutput&) = delete;
  BlockOutput& operator=(const BlockOutput&) = delete;

 protected:
  std::streamsize xsputn(const char* text, std::streamsize size) override;
  int_type overflow(int_type c) override;
  int sync() override;

 private:
  bool pass_on();  // what the block holds; false when the target took less

  std::streambuf* target_;
  // Left uninitialised: a short report then touches the pages it writes, not the whole block
  // (zeroing it was a sixth of a one-file check's time).
  std::unique_ptr<char[]> block_;
};

}  // namespace taskguard::cli
