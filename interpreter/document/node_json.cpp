#include "interpreter/document/node_json.hpp"

#include <fmt/core.h>

#include <cmath>

namespace taskguard::document {

void write_json_string(std::string_view text, std::string& out) {
  out += '"';
  for (char c : text) {
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
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void write_json(const Node& node, std::string& out) {
  switch (node.kind) {
    case NodeKind::Null:
      out += "null";
      break;
    case NodeKind::Bool:
      out += node.boolean ? "true" : "false";
      break;
    case NodeKind::Number:
      if (!std::isfinite(node.number)) {
        out += "null";
      } else if (node.number == std::trunc(node.number) &&
                 std::fabs(node.number) < 9.007199254740992e15) {
        out += fmt::format("{}", static_cast<long long>(node.number));
      } else {
        out += fmt::format("{}", node.number);
      }
      break;
    case NodeKind::String:
      write_json_string(node.text(), out);
      break;
    case NodeKind::Unknown:
      out += "{\"$unknown\":";
      write_json_string(node.text(), out);
      out += '}';
      break;
    case NodeKind::Array:
      out += '[';
      for (std::size_t i = 0; i < node.items().size(); ++i) {
        if (i) out += ',';
        write_json(*node.items()[i], out);
      }
      out += ']';
      break;
    case NodeKind::Object:
      out += '{';
      for (std::size_t i = 0; i < node.members().size(); ++i) {
        if (i) out += ',';
        write_json_string(node.members()[i].key(), out);
        out += ':';
        write_json(*node.members()[i].value, out);
      }
      out += '}';
      break;
  }
}

namespace {
void visit_at(const Node& node, std::string& pointer,
              const std::function<void(const std::string&, const Node&)>& visit) {
  visit(pointer, node);
  const std::size_t length = pointer.size();
  for (std::size_t i = 0; i < node.items().size(); ++i) {
    pointer += '/';
    pointer += std::to_string(i);
    visit_at(*node.items()[i], pointer, visit);
    pointer.resize(length);
  }
  for (const Member& m : node.members()) {
    pointer += '/';
    for (char c : m.key()) {
      if (c == '~')
        pointer += "~0";
      else if (c == '/')
        pointer += "~1";
      else
        pointer += c;
    }
    visit_at(*m.value, pointer, visit);
    pointer.resize(length);
  }
}
}  // namespace

void for_each_node(const Node& root,
                   const std::function<void(const std::string&, const Node&)>& visit) {
  std::string pointer;
  visit_at(root, pointer, visit);
}

}  // namespace taskguard::document
