#include "interpreter/loaders/json_reader.hpp"

#include <fmt/core.h>

#include <cmath>
#include <iterator>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "interpreter/loaders/json_fast_reader.hpp"
#include "interpreter/loaders/tree_edit.hpp"

namespace taskguard::loaders {

using document::Arena;
using document::InputError;
using document::Member;
using document::Node;
using document::NodeKind;
using document::SourcePos;

namespace {

// nlohmann/json tells a SAX handler what it parsed but not where. Its lexer pulls characters one
// at a time through an iterator, so this iterator watches them go by and remembers where the
// latest token began: an opening quote, an opening bracket, or the first character of a number
// or literal. When a SAX event arrives, that token is the one it is about.
struct TokenTracker {
  const char* data = nullptr;
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  bool in_string = false;
  bool escaped = false;
  bool in_scalar = false;
  SourcePos token;

  void consume(char c) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
      in_scalar = false;
      token = {line, column};
    } else if (c == '{' || c == '[') {
      in_scalar = false;
      token = {line, column};
    } else if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9') ||
               (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      if (!in_scalar) token = {line, column};
      in_scalar = true;
    } else {
      in_scalar = false;
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column;
    }
  }
};

class TrackingIterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator() = default;
  TrackingIterator(const char* p, TokenTracker* tracker) : p_(p), tracker_(tracker) {}
  reference operator*() const { return *p_; }
  TrackingIterator& operator++() {
    tracker_->consume(*p_);
    ++p_;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator old = *this;
    ++*this;
    return old;
  }
  bool operator==(const TrackingIterator& other) const { return p_ == other.p_; }
  const char* get() const { return p_; }

 private:
  const char* p_ = nullptr;
  TokenTracker* tracker_ = nullptr;
};

std::string printable(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7F) {
      out += fmt::format("\\x{:02X}", u);
    } else {
      out += c;
    }
  }
  return out;
}

// "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..." → the part
// after the position, which is the reason a person can act on.
std::string reason_of(const std::string& what) {
  const std::size_t column = what.find("column ");
  const std::size_t colon = column == std::string::npos ? what.find("] ") : what.find(": ", column);
  std::string reason = colon == std::string::npos ? what : what.substr(colon + 2);
  return printable(reason);
}

class TreeBuilder {
 public:
  TreeBuilder(Arena& arena, const TokenTracker& tracker, const std::string& file,
              std::vector<InputError>& errors, const limits::Limits& limits)
      : arena_(arena), tracker_(tracker), file_(file), errors_(errors), limits_(limits) {}

  Node* root = nullptr;
  std::size_t error_position = 0;
  std::string error_reason;
  bool failed = false;
  // Set when the builder itself refused the input (a limit, a number out of range): the place
  // is the token's, which nlohmann's character count does not give.
  SourcePos refused_at;

  bool null() { return add(arena_.make(NodeKind::Null, tracker_.token)); }
  bool boolean(bool v) { return add(arena_.make_bool(v, tracker_.token)); }
  bool number_integer(std::int64_t v) {
    return add(arena_.make_number(static_cast<double>(v), tracker_.token));
  }
  bool number_unsigned(std::uint64_t v) {
    return add(arena_.make_number(static_cast<double>(v), tracker_.token));
  }
  bool number_float(double v, const std::string& written) {
    if (!std::isfinite(v)) return out_of_range(written);
    return add(arena_.make_number(v, tracker_.token));
  }
  bool string(std::string& v) {
    if (!fits_string_limit(v)) return false;
    return add(arena_.make_string(v, tracker_.token));
  }
  bool binary(std::vector<std::uint8_t>&) {
    return add(arena_.make(NodeKind::Null, tracker_.token));
  }

  bool start_object(std::size_t) { return open(NodeKind::Object); }
  bool start_array(std::size_t) { return open(NodeKind::Array); }

  bool key(std::string& k) {
    if (!fits_string_limit(k)) return false;
    Frame& f = frames_[depth_ - 1];
    const schema::Schema& s = schema::Schema::task_definition();
    const schema::KeyId id = s.key(k);
    // Schema names live as long as the program: no copy for the common keys.
    const std::string_view text = id != schema::kNoKey ? s.key_name(id) : arena_.copy(k);
    f.members.push_back({text, id, nullptr});
    f.key_positions.push_back(tracker_.token);
    return true;
  }

  bool end_object() {
    Frame& f = frames_[--depth_];
    drop_duplicates(f);
    adopt_members(arena_, *f.node, f.members);
    return add(f.node);
  }

  bool end_array() {
    Frame& f = frames_[--depth_];
    arena_.set_items(*f.node, f.items);
    return add(f.node);
  }

  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& e) {
    // out_of_range.406, "number overflow": said at the number's first character, like any value.
    if (e.id == 406) return out_of_range(last_token);
    failed = true;
    error_position = position;
    error_reason = reason_of(e.what());
    return false;
  }

 private:
  struct Frame {
    Node* node = nullptr;
    std::vector<Member> members;
    std::vector<SourcePos> key_positions;
    std::vector<Node*> items;
  };

  bool refuse(std::string reason) {
    failed = true;
    error_reason = std::move(reason);
    error_position = 0;
    refused_at = tracker_.token;
    return false;
  }

  bool out_of_range(const std::string& written) {
    return refuse(fmt::format("number {} is out of range (larger than a double can hold)",
                              printable(written.substr(0, 40))));
  }

  bool fits_string_limit(const std::string& s) {
    if (s.size() <= limits_.string_bytes) return true;
    return refuse(limits::exceeded("string-bytes", limits_.string_bytes,
                                   fmt::format("a string of {} bytes", s.size())));
  }

  bool open(NodeKind kind) {
    if (depth_ >= limits_.nesting_depth) {
      return refuse(
          limits::exceeded("nesting-depth", limits_.nesting_depth,
                           fmt::format("nesting deeper than {} levels", limits_.nesting_depth)));
    }
    Node* node = arena_.make(kind, tracker_.token);
    if (depth_ == frames_.size()) frames_.emplace_back();
    Frame& f = frames_[depth_++];
    f.node = node;
    f.members.clear();
    f.key_positions.clear();
    f.items.clear();
    return true;
  }

  bool add(Node* node) {
    if (depth_ == 0) {
      root = node;
      return true;
    }
    Frame& f = frames_[depth_ - 1];
    if (f.node->kind == NodeKind::Object) {
      f.members.back().value = node;
    } else {
      f.items.push_back(node);
    }
    return true;
  }

  void drop_duplicates(Frame& f) {
    const std::size_t n = f.members.size();
    if (n < 2) return;
    std::vector<bool> superseded(n, false);
    bool any = false;
    if (n <= 16) {
      for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = i + 1; j < n; ++j) {
          if (f.members[i].key() == f.members[j].key()) {
            superseded[i] = true;
            break;
          }
        }
      }
    } else {
      std::unordered_set<std::string_view> seen;
      for (std::size_t i = n; i-- > 0;) {
        if (!seen.insert(f.members[i].key()).second) superseded[i] = true;
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (!superseded[i]) continue;
      any = true;
      // Report at the later occurrence: that is the value that counts.
      for (std::size_t j = i + 1; j < n; ++j) {
        if (f.members[j].key() == f.members[i].key()) {
          errors_.push_back({file_, f.key_positions[j],
                             fmt::format("duplicate key \"{}\": the last value is used",
                                         printable(f.members[i].key())),
                             false});
          break;
        }
      }
    }
    if (!any) return;
    std::size_t out = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!superseded[i]) f.members[out++] = f.members[i];
    }
    f.members.resize(out);
  }

  Arena& arena_;
  const TokenTracker& tracker_;
  const std::string& file_;
  std::vector<InputError>& errors_;
  const limits::Limits& limits_;
  std::vector<Frame> frames_;
  std::size_t depth_ = 0;
};

// nlohmann notices an ill-formed UTF-8 sequence at the byte where it breaks off (the quote
// after "caf\xE9"); the person fixing the file needs the sequence's first byte.
std::size_t broken_sequence_start(std::string_view text, std::size_t offset) {
  for (std::size_t back = 1; back <= 3 && back <= offset; ++back) {
    const auto c = static_cast<unsigned char>(text[offset - back]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte: keep looking for the lead
    if (c < 0xC0) return offset;       // ASCII: the byte at `offset` is the bad one itself
    const std::size_t length = c >= 0xF0 ? 4 : (c >= 0xE0 ? 3 : 2);
    return back < length ? offset - back : offset;  // incomplete: it starts at its lead
  }
  return offset;
}

}  // namespace

SourcePos position_of(std::string_view text, std::size_t offset, std::uint32_t first_line) {
  SourcePos pos{first_line, 1};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++pos.column;
    }
  }
  return pos;
}

JsonReadResult read_json(std::string_view text, Arena& arena, const std::string& file,
                         std::vector<InputError>& errors, JsonReadOptions options) {
  if (options.fast_path) {
    if (Node* root = read_json_fast(text, arena, options)) {
      JsonReadResult result;
      result.root = root;
      result.first_value_end = text.size();
      return result;
    }
  }
  TokenTracker tracker;
  tracker.line = options.first_line;
  TreeBuilder builder(arena, tracker, file, errors, options.limits);
  TrackingIterator first(text.data(), &tracker);
  TrackingIterator last(text.data() + text.size(), &tracker);
  JsonReadResult result;
  const bool ok =
      nlohmann::json::sax_parse(first, last, &builder, nlohmann::json::input_format_t::json,
                                /*strict=*/true);
  if (ok && builder.root != nullptr) {
    result.root = builder.root;
    result.first_value_end = text.size();
    return result;
  }
  if (builder.error_position == 0 && builder.refused_at.known()) {
    errors.push_back({file, builder.refused_at, builder.error_reason, true});
    return result;
  }
  // nlohmann counts the characters it read; the offending one is the last of them.
  std::size_t offset = builder.error_position == 0 ? 0 : builder.error_position - 1;
  if (builder.error_reason.find("ill-formed UTF-8") != std::string::npos) {
    offset = broken_sequence_start(text, offset);
  }
  result.error_offset = offset;
  // A complete value followed by more text: remember where it ended, for NDJSON detection.
  if (builder.root != nullptr) result.first_value_end = offset;
  errors.push_back({file, position_of(text, offset, options.first_line),
                    builder.error_reason.empty() ? "malformed JSON" : builder.error_reason, true});
  return result;
}

}  // namespace taskguard::loaders
