#include "cli/process/output_buffering.hpp"

#include <unistd.h>

#include <cstring>

namespace taskguard::cli {
namespace {

constexpr std::size_t kBlockBytes = 1 << 20;

}  // namespace

bool wants_block_output(int fd, bool reads_standard_input) {
  return !reads_standard_input && isatty(fd) == 0;
}

BlockOutput::BlockOutput(std::streambuf* target)
    : target_(target), block_(std::make_unique_for_overwrite<char[]>(kBlockBytes)) {
  setp(block_.get(), block_.get() + kBlockBytes);
}

BlockOutput::~BlockOutput() {
  sync();
}

bool BlockOutput::pass_on() {
  const std::streamsize held = pptr() - pbase();
  setp(block_.get(), block_.get() + kBlockBytes);
  return held == 0 || target_->sputn(block_.get(), held) == held;
}

std::streamsize BlockOutput::xsputn(const char* text, std::streamsize size) {
  if (size <= epptr() - pptr()) {
    std::memcpy(pptr(), text, static_cast<std::size_t>(size));
    pbump(static_cast<int>(size));
    return size;
  }
  if (!pass_on()) return 0;
  if (size >= static_cast<std::streamsize>(kBlockBytes)) return target_->sputn(text, size);
  std::memcpy(pptr(), text, static_cast<std::size_t>(size));
  pbump(static_cast<int>(size));
  return size;
}

BlockOutput::int_type BlockOutput::overflow(int_type c) {
  if (!pass_on()) return traits_type::eof();
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  *pptr() = traits_type::to_char_type(c);
  pbump(1);
  return c;
}

int BlockOutput::sync() {
  const bool passed = pass_on();
  return passed && target_->pubsync() == 0 ? 0 : -1;
}

}  // namespace taskguard::cli
