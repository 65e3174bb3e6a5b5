#include <bit>
#include <cstdio>
#include <fstream>

#include "language/bundle/bundle.hpp"

namespace taskguard::bundle {

namespace {

class Encoder {
 public:
  void u8(std::uint8_t v) { out_ += static_cast<char>(v); }
  void u16(std::uint16_t v) { fixed(v, 2); }
  void u32(std::uint32_t v) { fixed(v, 4); }
  void u64(std::uint64_t v) { fixed(v, 8); }
  void f64(double v) { u64(std::bit_cast<std::uint64_t>(v)); }
  void string(std::string_view s) {
    u32(static_cast<std::uint32_t>(s.size()));
    out_ += s;
  }
  void strings(const std::vector<std::string>& list) {
    u32(static_cast<std::uint32_t>(list.size()));
    for (const std::string& s : list)
      string(s);
  }
  std::string take() { return std::move(out_); }

 private:
  void fixed(std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i)
      out_ += static_cast<char>((v >> (8 * i)) & 0xFF);
  }
  std::string out_;
};

std::string payload_of(const program::Program& program) {
  Encoder e;
  e.string(program.compiler_version());

  e.u32(static_cast<std::uint32_t>(program.constants().size()));
  for (const program::Constant& c : program.constants()) {
    e.u8(static_cast<std::uint8_t>(c.kind));
    switch (c.kind) {
      case program::Constant::Kind::Null:
        break;
      case program::Constant::Kind::Bool:
        e.u8(c.boolean ? 1 : 0);
        break;
      case program::Constant::Kind::Number:
        e.f64(c.number);
        break;
      case program::Constant::Kind::String:
      case program::Constant::Kind::Regex:
        e.string(c.text);
        break;
      case program::Constant::Kind::List:
      case program::Constant::Kind::Object:
        e.u32(static_cast<std::uint32_t>(c.items.size()));
        for (std::uint32_t item : c.items)
          e.u32(item);
        break;
    }
  }

  e.u32(static_cast<std::uint32_t>(program.keys().size()));
  for (const program::Key& key : program.keys()) {
    e.u8(static_cast<std::uint8_t>(key.lookup));
    e.string(key.name);
  }

  e.strings(program.builtin_names());

  e.u32(static_cast<std::uint32_t>(program.parameters().size()));
  for (const program::Parameter& p : program.parameters()) {
    e.string(p.name);
    e.string(p.package);
    e.string(p.doc);
    e.u32(p.default_value);
  }

  e.u32(static_cast<std::uint32_t>(program.rules().size()));
  for (const program::Rule& rule : program.rules()) {
    const RuleMetadata& m = *rule.metadata;
    e.string(m.id);
    e.string(m.name);
    e.string(m.package);
    e.string(m.title);
    e.u8(static_cast<std::uint8_t>(m.severity));
    e.string(m.rationale);
    e.string(m.remediation);
    e.strings(m.owasp_nhi);
    e.strings(m.nist_csf);
    e.strings(m.aws);
    e.strings(m.parameters);
    e.u8(m.sensitive ? 1 : 0);
    e.string(m.file);
    e.u32(m.line);
    e.u16(rule.local_count);
    e.u16(rule.iterator_count);
    e.string(rule.cost);
    e.string(std::string_view(reinterpret_cast<const char*>(rule.code.data()), rule.code.size()));
  }
  return e.take();
}

}  // namespace

std::string write(const program::Program& program) {
  const std::string payload = payload_of(program);
  const std::string digest_hex = sha256_hex(payload);
  Encoder header;
  for (char c : kMagic)
    header.u8(static_cast<std::uint8_t>(c));
  header.u32(kFormatVersion);
  header.u32(0);  // flags, reserved
  header.u64(payload.size());
  for (std::size_t i = 0; i < digest_hex.size(); i += 2) {
    header.u8(static_cast<std::uint8_t>(std::stoi(digest_hex.substr(i, 2), nullptr, 16)));
  }
  std::string out = header.take();
  out += payload;
  return out;
}

void write_file(const program::Program& program, const std::string& path) {
  const std::string bytes = write(program);
  const std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    if (!file) throw BundleError("cannot write " + temporary);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!file) throw BundleError("cannot write " + temporary);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    throw BundleError("cannot write " + path);
  }
}

}  // namespace taskguard::bundle
