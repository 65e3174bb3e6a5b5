#include <fmt/core.h>

#include <bit>
#include <fstream>
#include <sstream>

#include "language/bundle/bundle.hpp"

namespace taskguard::bundle {

namespace {

// A cursor that refuses to read past the end: every read is checked, so a truncated or forged
// payload stops with a message instead of reading stray memory.
class Decoder {
 public:
  explicit Decoder(std::string_view bytes) : bytes_(bytes) {}

  std::uint8_t u8() { return static_cast<std::uint8_t>(take(1)[0]); }
  std::uint16_t u16() { return static_cast<std::uint16_t>(fixed(2)); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(fixed(4)); }
  std::uint64_t u64() { return fixed(8); }
  double f64() { return std::bit_cast<double>(u64()); }
  std::string string() { return std::string(take(u32())); }
  // A count of things each at least `min_size` bytes long: bounded by what is left, so a forged
  // count cannot make the reader allocate gigabytes.
  std::uint32_t count(std::size_t min_size, const char* what) {
    const std::uint32_t n = u32();
    if (static_cast<std::uint64_t>(n) * min_size > remaining()) {
      throw BundleError(fmt::format("bundle is malformed: {} {} cannot fit in the {} bytes left", n,
                                    what, remaining()));
    }
    return n;
  }
  std::vector<std::string> strings(const char* what) {
    std::vector<std::string> out(count(4, what));
    for (std::string& s : out)
      s = string();
    return out;
  }
  std::size_t remaining() const { return bytes_.size() - at_; }

 private:
  std::string_view take(std::size_t n) {
    if (n > remaining()) {
      throw BundleError(
          fmt::format("bundle is malformed: a field at byte {} of the payload runs "
                      "past its end",
                      at_));
    }
    std::string_view out = bytes_.substr(at_, n);
    at_ += n;
    return out;
  }
  std::uint64_t fixed(int n) {
    std::string_view b = take(static_cast<std::size_t>(n));
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i)
      v |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(b[i])) << (8 * i);
    return v;
  }
  std::string_view bytes_;
  std::size_t at_ = 0;
};

std::uint64_t read_le(std::string_view bytes, std::size_t at, int n) {
  std::uint64_t v = 0;
  for (int i = 0; i < n; ++i) {
    v |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(bytes[at + i])) << (8 * i);
  }
  return v;
}

program::ProgramParts decode_payload(std::string_view payload) {
  Decoder d(payload);
  program::ProgramParts parts;
  parts.compiler_version = d.string();

  const std::uint32_t constants = d.count(1, "constants");
  parts.constants.reserve(constants);
  for (std::uint32_t i = 0; i < constants; ++i) {
    program::Constant c;
    const std::uint8_t kind = d.u8();
    if (kind > static_cast<std::uint8_t>(program::Constant::Kind::Object)) {
      throw BundleError(
          fmt::format("bundle is malformed: constant {} has unknown kind {}", i, kind));
    }
    c.kind = static_cast<program::Constant::Kind>(kind);
    switch (c.kind) {
      case program::Constant::Kind::Null:
        break;
      case program::Constant::Kind::Bool:
        c.boolean = d.u8() != 0;
        break;
      case program::Constant::Kind::Number:
        c.number = d.f64();
        break;
      case program::Constant::Kind::String:
      case program::Constant::Kind::Regex:
        c.text = d.string();
        break;
      case program::Constant::Kind::List:
      case program::Constant::Kind::Object: {
        c.items.resize(d.count(4, "constant items"));
        for (std::uint32_t& item : c.items)
          item = d.u32();
        break;
      }
    }
    parts.constants.push_back(std::move(c));
  }

  const std::uint32_t keys = d.count(5, "keys");
  for (std::uint32_t i = 0; i < keys; ++i) {
    const std::uint8_t lookup = d.u8();
    if (lookup > static_cast<std::uint8_t>(program::KeyLookup::IdThenName)) {
      throw BundleError(
          fmt::format("bundle is malformed: key {} has unknown lookup {}", i, lookup));
    }
    parts.keys.push_back({d.string(), static_cast<program::KeyLookup>(lookup), schema::kNoKey});
  }

  parts.builtins = d.strings("builtins");

  const std::uint32_t parameters = d.count(16, "parameters");
  for (std::uint32_t i = 0; i < parameters; ++i) {
    program::Parameter p;
    p.name = d.string();
    p.package = d.string();
    p.doc = d.string();
    p.default_value = d.u32();
    parts.parameters.push_back(std::move(p));
  }

  const std::uint32_t rules = d.count(40, "rules");
  for (std::uint32_t i = 0; i < rules; ++i) {
    auto m = std::make_shared<RuleMetadata>();
    m->id = d.string();
    m->name = d.string();
    m->package = d.string();
    m->title = d.string();
    const std::uint8_t severity = d.u8();
    if (severity > static_cast<std::uint8_t>(Severity::Critical)) {
      throw BundleError(fmt::format("bundle is malformed: rule {} has unknown severity", i));
    }
    m->severity = static_cast<Severity>(severity);
    m->rationale = d.string();
    m->remediation = d.string();
    m->owasp_nhi = d.strings("OWASP mappings");
    m->nist_csf = d.strings("NIST mappings");
    m->aws = d.strings("AWS mappings");
    m->parameters = d.strings("parameter names");
    m->sensitive = d.u8() != 0;
    m->file = d.string();
    m->line = d.u32();
    program::Rule rule;
    rule.metadata = std::move(m);
    rule.local_count = d.u16();
    rule.iterator_count = d.u16();
    rule.cost = d.string();
    const std::string code = d.string();
    rule.code.assign(code.begin(), code.end());
    parts.rules.push_back(std::move(rule));
  }
  if (d.remaining() != 0) {
    throw BundleError(
        fmt::format("bundle is malformed: {} unexpected bytes after the last rule", d.remaining()));
  }
  return parts;
}

}  // namespace

std::shared_ptr<const program::Program> read(std::string_view bytes, BundleInfo* info) {
  BundleInfo local;
  BundleInfo& out = info != nullptr ? *info : local;
  out.total_size = bytes.size();
  if (bytes.size() < kMagic.size() || bytes.substr(0, kMagic.size()) != kMagic) {
    throw BundleError("not a TaskGuard bundle (the file does not start with \"TGBUNDLE\")");
  }
  if (bytes.size() < kHeaderSize) {
    throw BundleError(fmt::format("bundle is truncated: {} bytes, shorter than its {}-byte header",
                                  bytes.size(), kHeaderSize));
  }
  out.format_version = static_cast<std::uint32_t>(read_le(bytes, 8, 4));
  if (out.format_version != kFormatVersion) {
    throw BundleError(fmt::format(
        "bundle format version {} is not supported: this taskguard reads version {}; rebuild the "
        "bundle from its policies with `taskguard build`",
        out.format_version, kFormatVersion));
  }
  const std::uint64_t flags = read_le(bytes, 12, 4);
  if (flags != 0) throw BundleError(fmt::format("bundle uses unknown flags {:#x}", flags));
  out.payload_size = read_le(bytes, 16, 8);
  const std::uint64_t actual = bytes.size() - kHeaderSize;
  if (out.payload_size != actual) {
    throw BundleError(fmt::format(
        "bundle is {}: the header announces {} payload bytes, the file "
        "holds {}",
        actual < out.payload_size ? "truncated" : "malformed", out.payload_size, actual));
  }
  const std::string_view payload = bytes.substr(kHeaderSize);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string stored;
  for (std::size_t i = 24; i < 56; ++i) {
    const auto b = static_cast<std::uint8_t>(bytes[i]);
    stored += kHex[b >> 4];
    stored += kHex[b & 0xF];
  }
  out.digest = stored;
  if (sha256_hex(payload) != stored) {
    throw BundleError(
        "bundle is corrupted: the SHA-256 digest of its payload does not match the header");
  }
  program::ProgramParts parts = decode_payload(payload);
  out.compiler_version = parts.compiler_version;
  try {
    return program::Program::create(std::move(parts));
  } catch (const program::InvalidProgram& e) {
    throw BundleError(fmt::format("bundle is invalid: {}", e.what()));
  }
}

std::shared_ptr<const program::Program> read_file(const std::string& path, BundleInfo* info) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw BundleError("cannot open " + path);
  std::ostringstream content;
  content << file.rdbuf();
  try {
    return read(content.str(), info);
  } catch (const BundleError& e) {
    throw BundleError(path + ": " + e.what());
  }
}

}  // namespace taskguard::bundle
