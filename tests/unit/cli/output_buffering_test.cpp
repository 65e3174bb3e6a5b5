#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <ostream>
#include <sstream>
#include <string>

#include "cli/process/output_buffering.hpp"

using taskguard::cli::BlockOutput;
using taskguard::cli::wants_block_output;

namespace {

// A target that records every call it gets, and takes at most `room` bytes in all.
class RecordingTarget : public std::stringbuf {
 public:
  explicit RecordingTarget(std::size_t room = std::string::npos) : room_(room) {}
  int calls = 0;
  int syncs = 0;

 protected:
  std::streamsize xsputn(const char* text, std::streamsize size) override {
    ++calls;
    const auto taken = static_cast<std::streamsize>(
        std::min<std::size_t>(static_cast<std::size_t>(size), room_ - str().size()));
    return std::stringbuf::xsputn(text, taken);
  }
  int sync() override {
    ++syncs;
    return 0;
  }

 private:
  std::size_t room_;
};

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("block output passes everything on, in order, in few large writes") {
    RecordingTarget target;
    std::string expected;
    {
      BlockOutput block(&target);
      std::ostream out(&block);
      const std::string part(40 * 1024, 'x');
      for (int i = 0; i < 60; ++i) {  // 2.4 MB in parts of 40 KB, a character between them
        out << part;
        out << static_cast<char>('a' + i % 26);
        expected += part;
        expected += static_cast<char>('a' + i % 26);
      }
      CHECK(target.str().size() < expected.size());  // a block is still held
      out << std::string(3 << 20, 'y');              // larger than a block: passed straight on
      expected += std::string(3 << 20, 'y');
      out << std::flush;
      CHECK(out.good());
      CHECK(target.str() == expected);
      CHECK(target.calls <= 4);  // two full blocks, the rest, the large piece
      CHECK(target.syncs == 1);
      out << "tail";
      expected += "tail";
    }  // destroying it passes on the rest
    CHECK(target.str() == expected);
  }

  TEST_CASE("block output: a target that takes less makes the flush fail") {
    RecordingTarget target(100);
    BlockOutput block(&target);
    std::ostream out(&block);
    out << std::string(1000, 'z');
    CHECK(out.good());  // held, not yet passed on
    out << std::flush;
    CHECK_FALSE(out.good());
    CHECK(target.str() == std::string(100, 'z'));
  }

  TEST_CASE("block output is for files and pipes, not for a run reading standard input") {
    int pipe_ends[2];
    REQUIRE(pipe(pipe_ends) == 0);
    CHECK(wants_block_output(pipe_ends[1], false));
    CHECK_FALSE(wants_block_output(pipe_ends[1], true));
    close(pipe_ends[0]);
    close(pipe_ends[1]);
    const int file = open("/dev/null", O_WRONLY);
    REQUIRE(file >= 0);
    CHECK(wants_block_output(file, false));
    close(file);
    // A terminal: the other end of a pseudo-terminal, where the system offers one.
    const int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0) {
      const int terminal = open(ptsname(master), O_RDWR | O_NOCTTY);
      REQUIRE(terminal >= 0);
      CHECK_FALSE(wants_block_output(terminal, false));
      close(terminal);
    }
    if (master >= 0) close(master);
  }
}
