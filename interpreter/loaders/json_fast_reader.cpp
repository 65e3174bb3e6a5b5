#include "interpreter/loaders/json_fast_reader.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "interpreter/loaders/tree_edit.hpp"

namespace taskguard::loaders {

using document::Arena;
using document::Member;
using document::Node;
using document::NodeKind;
using document::SourcePos;

namespace {

namespace od = simdjson::ondemand;

// Larger texts take the careful path: a parser keeps buffers as large as the largest text it
// has read, and this bounds what each thread holds on to.
constexpr std::size_t kLargestFastText = 16 * 1024 * 1024;

// The two counts every position takes, over every byte of the text between two tokens (a third
// of the tree building's time): built twice, for AVX2 and for any x86-64, and picked when the
// program starts (an ifunc, resolved by glibc), as simdjson picks its first pass. Not under
// AddressSanitizer, whose run-time is not ready when the loader resolves ifuncs.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__GLIBC__) && \
    !defined(__SANITIZE_ADDRESS__)
#define TASKGUARD_COUNTING_TARGETS __attribute__((target_clones("avx2", "default")))
#else
#define TASKGUARD_COUNTING_TARGETS
#endif

[[gnu::always_inline]] inline std::uint32_t count_newlines(const char* from, const char* to) {
  std::uint32_t count = 0;
  for (const char* c = from; c < to; ++c)
    count += *c == '\n' ? 1 : 0;
  return count;
}

// UTF-8 characters: every byte but the continuation bytes (10xxxxxx).
[[gnu::always_inline]] inline std::uint32_t count_characters(const char* from, const char* to) {
  std::uint32_t count = 0;
  for (const char* c = from; c < to; ++c)
    count += (static_cast<unsigned char>(*c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

TASKGUARD_COUNTING_TARGETS std::uint32_t count_newlines_wide(const char* from, const char* to) {
  return count_newlines(from, to);
}

TASKGUARD_COUNTING_TARGETS std::uint32_t count_characters_wide(const char* from, const char* to) {
  return count_characters(from, to);
}

// A run shorter than this is counted in line: between the tokens of compact JSON (NDJSON) there
// are a byte or two, and a call through the ifunc costs more than the count.
constexpr std::ptrdiff_t kWideRun = 32;

// Line and column (characters, like the careful reader) of byte offsets asked for in increasing
// order: one pass over the text in all, a run of bytes at a time (a newline search and two
// counts the compiler vectorises, rather than a branch per byte).
class PositionCursor {
 public:
  PositionCursor(const char* text, std::uint32_t first_line) : text_(text), pos_{first_line, 1} {}

  SourcePos at(const char* p) {
    const char* from = text_ + offset_;
    if (p <= from) return pos_;
    if (const void* newline = memrchr(from, '\n', static_cast<std::size_t>(p - from))) {
      pos_.line += p - from < kWideRun ? count_newlines(from, p) : count_newlines_wide(from, p);
      pos_.column = 1;
      from = static_cast<const char*>(newline) + 1;
    }
    pos_.column += p - from < kWideRun ? count_characters(from, p) : count_characters_wide(from, p);
    offset_ = static_cast<std::size_t>(p - text_);
    return pos_;
  }

 private:
  const char* text_;
  std::size_t offset_ = 0;
  SourcePos pos_;
};

// "-0" is the integer zero to nlohmann (and so to the careful reader), not negative zero.
bool integer_token(std::string_view token) {
  return token.find_first_of(".eE") == std::string_view::npos;  // the token ends before a comma
}

bool has_duplicate_keys(const std::vector<Member>& members) {
  const std::size_t n = members.size();
  if (n <= 16) {
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = i + 1; j < n; ++j) {
        if (members[i].key() == members[j].key()) return true;
      }
    }
    return false;
  }
  std::unordered_set<std::string_view> seen;
  for (const Member& m : members) {
    if (!seen.insert(m.key()).second) return true;
  }
  return false;
}

// One scratch list per nesting level, kept between containers: no allocation per object.
// A deque, so that opening a deeper level does not move the lists of the levels above.
struct Level {
  std::vector<Member> members;
  std::vector<Node*> items;
};

class FastBuilder {
 public:
  // `levels` outlives the builder: kept from document to document, so that a stream of
  // documents allocates its scratch lists once.
  FastBuilder(Arena& arena, const char* text, const JsonReadOptions& options,
              std::deque<Level>& levels)
      : arena_(arena),
        cursor_(text, options.first_line),
        limits_(options.limits),
        levels_(levels) {}

  // nullptr: declined.
  Node* build(od::value& v, std::size_t depth) {
    const std::string_view token = v.raw_json_token();
    const SourcePos pos = cursor_.at(token.data());
    od::json_type type;
    if (v.type().get(type) != simdjson::SUCCESS) return nullptr;
    switch (type) {
      case od::json_type::object:
        return object(v, pos, depth);
      case od::json_type::array:
        return array(v, pos, depth);
      case od::json_type::string: {
        std::string_view s;
        // A raw control character never gets here: simdjson's first pass refuses the text.
        if (v.get_string().get(s) != simdjson::SUCCESS || s.size() > limits_.string_bytes) {
          return nullptr;
        }
        return arena_.make_string(s, pos);
      }
      case od::json_type::number: {
        double d = 0;
        if (v.get_double().get(d) != simdjson::SUCCESS || !std::isfinite(d)) return nullptr;
        if (d == 0 && integer_token(token)) d = 0.0;
        return arena_.make_number(d, pos);
      }
      case od::json_type::boolean: {
        bool b = false;
        if (v.get_bool().get(b) != simdjson::SUCCESS) return nullptr;
        return arena_.make_bool(b, pos);
      }
      case od::json_type::null: {
        bool null = false;
        if (v.is_null().get(null) != simdjson::SUCCESS || !null) return nullptr;
        return arena_.make(NodeKind::Null, pos);
      }
    }
    return nullptr;
  }

 private:
  Node* object(od::value& v, SourcePos pos, std::size_t depth) {
    if (depth >= limits_.nesting_depth) return nullptr;
    od::object fields;
    if (v.get_object().get(fields) != simdjson::SUCCESS) return nullptr;
    Node* node = arena_.make(NodeKind::Object, pos);
    std::vector<Member>& members = level(depth).members;
    members.clear();
    const schema::Schema& schema = schema::Schema::task_definition();
    for (auto result : fields) {
      od::field field;
      if (std::move(result).get(field) != simdjson::SUCCESS) return nullptr;
      std::string_view key;
      if (field.unescaped_key().get(key) != simdjson::SUCCESS ||
          key.size() > limits_.string_bytes) {
        return nullptr;
      }
      const schema::KeyId id = schema.key(key);
      // Schema names live as long as the program: no copy for the common keys.
      const std::string_view text = id != schema::kNoKey ? schema.key_name(id) : arena_.copy(key);
      Node* child = build(field.value(), depth + 1);
      if (child == nullptr) return nullptr;
      members.push_back({text, id, child});
    }
    if (has_duplicate_keys(members)) return nullptr;  // the careful reader warns about them
    adopt_members(arena_, *node, members);
    return node;
  }

  Node* array(od::value& v, SourcePos pos, std::size_t depth) {
    if (depth >= limits_.nesting_depth) return nullptr;
    od::array elements;
    if (v.get_array().get(elements) != simdjson::SUCCESS) return nullptr;
    Node* node = arena_.make(NodeKind::Array, pos);
    std::vector<Node*>& items = level(depth).items;
    items.clear();
    for (auto result : elements) {
      od::value element;
      if (std::move(result).get(element) != simdjson::SUCCESS) return nullptr;
      Node* child = build(element, depth + 1);
      if (child == nullptr) return nullptr;
      items.push_back(child);
    }
    arena_.set_items(*node, items);
    return node;
  }

  Level& level(std::size_t depth) {
    while (levels_.size() <= depth)
      levels_.emplace_back();
    return levels_[depth];
  }

  Arena& arena_;
  PositionCursor cursor_;
  const limits::Limits& limits_;
  std::deque<Level>& levels_;
};

}  // namespace

Node* read_json_fast(std::string_view text, Arena& arena, const JsonReadOptions& options) {
  if (text.size() > kLargestFastText) return nullptr;
  // One parser, one padded copy of the text and one set of scratch lists per thread, reused
  // from document to document.
  thread_local od::parser parser;
  thread_local std::string padded;
  thread_local std::deque<Level> levels;
  padded.resize(text.size() + simdjson::SIMDJSON_PADDING);
  std::memcpy(padded.data(), text.data(), text.size());
  std::memset(padded.data() + text.size(), ' ', simdjson::SIMDJSON_PADDING);

  od::document document;
  if (parser.iterate(padded.data(), text.size(), padded.size()).get(document) !=
      simdjson::SUCCESS) {
    return nullptr;
  }
  od::value root;  // an object or an array: a scalar document is declined
  if (document.get_value().get(root) != simdjson::SUCCESS) return nullptr;
  FastBuilder builder(arena, padded.data(), options, levels);
  Node* tree = builder.build(root, 0);
  if (tree == nullptr) return nullptr;
  // More than one value (NDJSON in a .json file, trailing garbage): the careful reader tells
  // which, and where.
  if (document.current_location().error() != simdjson::OUT_OF_BOUNDS) return nullptr;
  return tree;
}

}  // namespace taskguard::loaders
