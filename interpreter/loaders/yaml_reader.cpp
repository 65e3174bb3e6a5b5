#include "interpreter/loaders/yaml_reader.hpp"

#include <yaml-cpp/yaml.h>

#include <fmt/core.h>
#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <unordered_map>

#include "interpreter/loaders/json_reader.hpp"
#include "interpreter/loaders/tree_edit.hpp"

namespace taskguard::loaders {

using document::Arena;
using document::InputError;
using document::Member;
using document::Node;
using document::NodeKind;
using document::SourcePos;

namespace {

// A limit was reached; `pos` is the node where it happened.
struct TooLarge : std::runtime_error {
  TooLarge(const std::string& message, SourcePos at) : std::runtime_error(message), pos(at) {}
  SourcePos pos;
};

SourcePos position(const YAML::Node& node) {
  const YAML::Mark m = node.Mark();
  if (m.line < 0) return {};
  return {static_cast<std::uint32_t>(m.line + 1), static_cast<std::uint32_t>(m.column + 1)};
}

// "!Ref" → "Ref", "!Condition" → "Condition", "!GetAtt" → "Fn::GetAtt"; "" for other tags.
std::string intrinsic_key(const std::string& tag) {
  static const char* const functions[] = {
      "Base64", "Cidr",   "FindInMap", "GetAtt", "GetAZs",       "ImportValue",
      "Join",   "Select", "Split",     "Sub",    "Transform",    "And",
      "Equals", "If",     "Not",       "Or",     "ToJsonString", "Length"};
  if (tag == "!Ref") return "Ref";
  if (tag == "!Condition") return "Condition";
  for (const char* f : functions) {
    if (tag.size() == std::char_traits<char>::length(f) + 1 &&
        tag.compare(1, std::string::npos, f) == 0) {
      return std::string("Fn::") + f;
    }
  }
  return "";
}

// No tag ("" or "?"), the quoted-scalar tag "!", and YAML's own core-schema tags change nothing
// a task definition can express; anything else (!!python/object, !Custom) is unknown here.
bool is_plain_tag(const std::string& tag) {
  if (tag.empty() || tag == "?" || tag == "!") return true;
  static constexpr std::string_view kCore = "tag:yaml.org,2002:";
  if (tag.rfind(kCore, 0) != 0) return false;
  const std::string_view type = std::string_view(tag).substr(kCore.size());
  return type == "str" || type == "int" || type == "float" || type == "bool" || type == "null" ||
         type == "map" || type == "seq";
}

// yaml-cpp spells YAML's own tags in full; show them as written (!!binary).
std::string printable_tag(const std::string& tag) {
  static constexpr std::string_view kCore = "tag:yaml.org,2002:";
  std::string shown = tag.rfind(kCore, 0) == 0 ? "!!" + tag.substr(kCore.size()) : tag;
  if (shown.size() > 60) shown = shown.substr(0, 60) + "...";
  return shown;
}

bool parse_number(const std::string& s, double& out) {
  if (s.empty()) return false;
  const char* b = s.data();
  const char* e = s.data() + s.size();
  if (*b == '+') ++b;
  // YAML 1.2 core schema numbers only: no hex, no "1_000", no ".inf" games.
  for (const char* p = b; p != e; ++p) {
    const char c = *p;
    if (!((c >= '0' && c <= '9') || c == '-' || c == '.' || c == 'e' || c == 'E' || c == '+'))
      return false;
  }
  const auto [end, ec] = std::from_chars(b, e, out);
  return ec == std::errc() && end == e;
}

// yaml-cpp 0.7 rejects a tagged block scalar as a sequence entry ("- !Sub >" followed by the
// text), which CloudFormation templates use and YAML allows. Such tags are blanked out before
// parsing (same length, so every position stays put) and put back, by line, on the scalar.
using DetachedTags = std::unordered_map<std::uint32_t, std::string>;

DetachedTags detach_block_scalar_tags(std::string& text) {
  DetachedTags tags;
  std::uint32_t line = 1;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::size_t i = text.find_first_not_of(' ', start);
    if (i < end && text[i] == '-' && i + 1 < end && text[i + 1] == ' ') {
      i = text.find_first_not_of(' ', i + 1);
      if (i < end && text[i] == '!') {
        std::size_t tag_end = i;
        while (tag_end < end && text[tag_end] != ' ')
          ++tag_end;
        const std::size_t header = text.find_first_not_of(' ', tag_end);
        if (header < end && (text[header] == '>' || text[header] == '|')) {
          tags.emplace(line, text.substr(i, tag_end - i));
          std::fill(text.begin() + static_cast<std::ptrdiff_t>(i),
                    text.begin() + static_cast<std::ptrdiff_t>(tag_end), ' ');
        }
      }
    }
    ++line;
    start = end + 1;
  }
  return tags;
}

class Converter {
 public:
  Converter(Arena& arena, const std::string& file, std::vector<InputError>& errors,
            const DetachedTags& detached, const limits::Limits& limits)
      : arena_(arena), file_(file), errors_(errors), detached_(detached), limits_(limits) {}

  Node* convert(const YAML::Node& node, std::size_t depth) {
    if (++count_ > limits_.yaml_nodes) {
      throw TooLarge(limits::exceeded("yaml-nodes", limits_.yaml_nodes,
                                      fmt::format("the document expands to more than {} nodes "
                                                  "(aliases repeating aliases?)",
                                                  limits_.yaml_nodes)),
                     position(node));
    }
    // Levels count containers, as in JSON: a scalar adds none.
    if ((node.IsMap() || node.IsSequence()) && depth >= limits_.nesting_depth) {
      throw TooLarge(
          limits::exceeded("nesting-depth", limits_.nesting_depth,
                           fmt::format("nesting deeper than {} levels", limits_.nesting_depth)),
          position(node));
    }
    std::string tag = node.Tag();
    if (node.IsScalar() && !detached_.empty()) {
      const auto it = detached_.find(position(node).line);
      if (it != detached_.end()) tag = it->second;
    }
    const std::string key = tag.size() > 1 && tag[0] == '!' ? intrinsic_key(tag) : "";
    if (key.empty() && !is_plain_tag(tag)) {
      errors_.push_back(
          {file_, position(node),
           fmt::format("unknown tag {}: the value is read as if it had none", printable_tag(tag)),
           false});
    }
    if (!key.empty()) {
      Node* inner = untagged(node, depth, /*force_string=*/true);
      Node* object = arena_.make(NodeKind::Object, position(node));
      const Member m{arena_.copy(key), schema::kNoKey, inner};
      adopt_members(arena_, *object, {&m, 1});
      return object;
    }
    return untagged(node, depth, tag == "!" || tag == "tag:yaml.org,2002:str");
  }

 private:
  Node* untagged(const YAML::Node& node, std::size_t depth, bool quoted) {
    const SourcePos pos = position(node);
    switch (node.Type()) {
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        return arena_.make(NodeKind::Null, pos);
      case YAML::NodeType::Scalar:
        return scalar(node.Scalar(), pos, quoted);
      case YAML::NodeType::Sequence: {
        Node* array = arena_.make(NodeKind::Array, pos);
        std::vector<Node*> items;
        for (const YAML::Node& item : node)
          items.push_back(convert(item, depth + 1));
        arena_.set_items(*array, items);
        return array;
      }
      case YAML::NodeType::Map: {
        Node* object = arena_.make(NodeKind::Object, pos);
        std::vector<Member> members;
        std::vector<SourcePos> positions;
        const schema::Schema& s = schema::Schema::task_definition();
        for (const auto& kv : node) {
          const std::string k = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
          for (std::size_t i = 0; i < members.size(); ++i) {
            if (members[i].key() == k) {
              errors_.push_back({file_, position(kv.first),
                                 fmt::format("duplicate key \"{}\": the last value is used", k),
                                 false});
              members.erase(members.begin() + static_cast<std::ptrdiff_t>(i));
              break;
            }
          }
          const schema::KeyId id = s.key(k);
          members.push_back({id != schema::kNoKey ? s.key_name(id) : arena_.copy(k), id,
                             convert(kv.second, depth + 1)});
        }
        adopt_members(arena_, *object, members);
        return object;
      }
    }
    return arena_.make(NodeKind::Null, pos);
  }

  Node* scalar(const std::string& text, SourcePos pos, bool quoted) {
    if (text.size() > limits_.string_bytes) {
      throw TooLarge(limits::exceeded("string-bytes", limits_.string_bytes,
                                      fmt::format("a string of {} bytes", text.size())),
                     pos);
    }
    if (!quoted) {
      if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
        return arena_.make(NodeKind::Null, pos);
      }
      if (text == "true" || text == "True" || text == "TRUE") return arena_.make_bool(true, pos);
      if (text == "false" || text == "False" || text == "FALSE")
        return arena_.make_bool(false, pos);
      double value = 0;
      if (parse_number(text, value)) {
        Node* n = arena_.make_number(value, pos);
        n->set_text(arena_.copy(text));  // as written, should the schema want a string here
        return n;
      }
    }
    return arena_.make_string(text, pos);
  }

  Arena& arena_;
  const std::string& file_;
  std::vector<InputError>& errors_;
  const DetachedTags& detached_;
  const limits::Limits& limits_;
  std::uint64_t count_ = 0;
};

}  // namespace

Node* read_yaml(std::string_view text, Arena& arena, const std::string& file,
                std::vector<InputError>& errors, const limits::Limits& limits) {
  try {
    std::string source(text);
    const DetachedTags detached = detach_block_scalar_tags(source);
    const YAML::Node root = YAML::Load(source);
    Converter converter(arena, file, errors, detached, limits);
    return converter.convert(root, 0);
  } catch (const YAML::Exception& e) {
    SourcePos pos;
    if (e.mark.line >= 0)
      pos = {static_cast<std::uint32_t>(e.mark.line + 1),
             static_cast<std::uint32_t>(e.mark.column + 1)};
    errors.push_back({file, pos, e.msg.empty() ? std::string("malformed YAML") : e.msg, true});
  } catch (const TooLarge& e) {
    errors.push_back({file, e.pos, e.what(), true});
  }
  return nullptr;
}

}  // namespace taskguard::loaders
