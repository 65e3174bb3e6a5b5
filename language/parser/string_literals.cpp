#include "language/parser/string_literals.hpp"

#include <cstdint>

namespace taskguard::parser {
namespace {

void append_utf8(std::string& out, std::uint32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

std::uint32_t hex_value(char c) {
  if (c >= '0' && c <= '9') return static_cast<std::uint32_t>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<std::uint32_t>(c - 'a' + 10);
  return static_cast<std::uint32_t>(c - 'A' + 10);
}

// Decodes the escape starting at written[i] (a backslash); returns the index after it.
std::size_t decode_escape(std::string_view written, std::size_t i, std::string& out) {
  const char code = written[i + 1];
  switch (code) {
    case 'n':
      out += '\n';
      break;
    case 't':
      out += '\t';
      break;
    case 'r':
      out += '\r';
      break;
    case 'u': {
      std::uint32_t value = 0;
      for (std::size_t k = 0; k < 4 && i + 2 + k < written.size(); ++k) {
        value = value * 16 + hex_value(written[i + 2 + k]);
      }
      append_utf8(out, value);
      return i + 6;
    }
    default:
      out += code;
      break;  // `"` `\` `/`
  }
  return i + 2;
}

std::string decode(std::string_view written, bool fold_braces) {
  std::string out;
  out.reserve(written.size());
  for (std::size_t i = 0; i < written.size();) {
    if (written[i] == '\\' && i + 1 < written.size()) {
      i = decode_escape(written, i, out);
    } else if (fold_braces && (written[i] == '{' || written[i] == '}') && i + 1 < written.size() &&
               written[i + 1] == written[i]) {
      out += written[i];
      i += 2;
    } else {
      out += written[i++];
    }
  }
  return out;
}

std::string encode(std::string_view value, bool double_braces) {
  std::string out;
  out.reserve(value.size() + 2);
  for (char c : value) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '{':
      case '}':
        out += c;
        if (double_braces) out += c;
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static const char* hex = "0123456789abcdef";
          out += "\\u00";
          out += hex[(c >> 4) & 0xF];
          out += hex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace

std::string decode_string(std::string_view written) {
  return decode(written, false);
}
std::string decode_message_text(std::string_view written) {
  return decode(written, true);
}

std::string decode_regex(std::string_view written) {
  std::string out;
  out.reserve(written.size());
  for (std::size_t i = 0; i < written.size(); ++i) {
    if (written[i] == '\\' && i + 1 < written.size()) {
      if (written[i + 1] != '/') out += '\\';
      out += written[++i];
    } else {
      out += written[i];
    }
  }
  return out;
}

std::string encode_string(std::string_view value) {
  return encode(value, false);
}
std::string encode_message_text(std::string_view value) {
  return encode(value, true);
}

std::string encode_regex(std::string_view pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {
      out += pattern[i];
      out += pattern[++i];
    } else if (pattern[i] == '/') {
      out += "\\/";
    } else {
      out += pattern[i];
    }
  }
  return out;
}

}  // namespace taskguard::parser
