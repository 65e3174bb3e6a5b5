// The JSON report. Its schema is a contract (docs/json-report.md): fields are only ever added.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cli/report/reporters.hpp"

namespace taskguard::report {
namespace {

constexpr int kSchemaVersion = 1;

nlohmann::ordered_json position_or_null(std::uint32_t value) {
  return value == 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(value);
}

constexpr auto kReplaceInvalidUtf8 = nlohmann::json::error_handler_t::replace;

// Plain printable ASCII needs no escaping; anything else goes through nlohmann's own escaping
// (control characters, quotes, backslashes, invalid UTF-8 replaced) to print as dump() does.
bool is_plain(std::string_view text) {
  static constexpr auto kPlain = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x20; c < 0x80; ++c)
      plain[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
    return plain;
  }();
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return kPlain[static_cast<unsigned char>(c)]; });
}

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string escaped(std::string_view text) {
  return nlohmann::ordered_json(std::string(text)).dump(-1, ' ', false, kReplaceInvalidUtf8);
}

void append_quoted(std::string& out, std::string_view text) {
  if (is_plain(text)) {
    out += '"';
    out += text;
    out += '"';
  } else {
    out += escaped(text);
  }
}

// Members are written one after the other at the depth of an outcome in the `outcomes` array
// (the rule's constant members; write_outcome spells its own keys out).
class MemberWriter {
 public:
  MemberWriter(std::string& out, bool first) : out_(out), first_(first) {}

  void key(std::string_view name) {
    out_ += first_ ? std::string_view("\n      \"") : std::string_view(",\n      \"");
    first_ = false;
    out_ += name;
    out_ += std::string_view("\": ");
  }
  void string(std::string_view name, std::string_view value) {
    key(name);
    append_quoted(out_, value);
  }
  void list(std::string_view name, const std::vector<std::string>& items) {
    key(name);
    if (items.empty()) {
      out_ += std::string_view("[]");
      return;
    }
    out_ += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
      out_ += i == 0 ? std::string_view("\n        ") : std::string_view(",\n        ");
      append_quoted(out_, items[i]);
    }
    out_ += std::string_view("\n      ]");
  }

 private:
  std::string& out_;
  bool first_;
};

// Pieces of an outcome, each with the separator before it, as dump(2) prints them at the depth
// of the `outcomes` array.
constexpr std::string_view kStatusKey = ",\n      \"status\": ";
constexpr std::string_view kSeverityKey = ",\n      \"severity\": ";
constexpr std::string_view kAssumedTrue = ",\n      \"assumed\": true";
constexpr std::string_view kAssumedFalse = ",\n      \"assumed\": false";
constexpr std::string_view kWaiverKey = ",\n      \"waiver\": ";
constexpr std::string_view kOutcomeEnd = "\n    }";

// A status or severity name, which needs no escaping.
std::string name_member(std::string_view separator_and_key, std::string_view name) {
  return std::string(separator_and_key).append("\"").append(name).append("\"");
}

// The members of an outcome that depend only on its rule, rendered once per rule: a report of
// every outcome repeats each rule's title, remediation and mappings thousands of times. Most
// outcomes have their rule's severity and no waiver: what comes before their message and what
// follows their shape are rendered whole, once per status and per value of `assumed`.
struct RuleMembers {
  std::string head;  // rule, name
  std::string title;
  std::string title_as_message;  // the message member when the message is the title
  std::string tail;              // owasp_nhi, nist_csf, aws, remediation
  Severity severity = Severity::Medium;
  std::array<std::string, 6> opening;  // by status: "{", head, status, severity, title
  std::array<std::string, 2> closing;  // by assumed: assumed, tail, a null waiver, "}"
};

RuleMembers rule_members(const RuleMetadata& rule) {
  RuleMembers members;
  MemberWriter head(members.head, true);
  head.string("rule", rule.id);
  head.string("name", rule.name);
  MemberWriter(members.title, false).string("title", rule.title);
  MemberWriter(members.title_as_message, false).string("message", rule.title);
  MemberWriter tail(members.tail, false);
  tail.list("owasp_nhi", rule.owasp_nhi);
  tail.list("nist_csf", rule.nist_csf);
  tail.list("aws", rule.aws);
  tail.string("remediation", rule.remediation);
  members.severity = rule.severity;
  for (Status status : {Status::Fail, Status::Unknown, Status::Error, Status::Waived,
                        Status::NotApplicable, Status::Pass}) {
    members.opening[static_cast<std::size_t>(status)] =
        "{" + members.head + name_member(kStatusKey, status_name(status)) +
        name_member(kSeverityKey, severity_name(rule.severity)) + members.title;
  }
  for (bool assumed : {false, true}) {
    members.closing[assumed ? 1 : 0] = std::string(assumed ? kAssumedTrue : kAssumedFalse) +
                                       members.tail + std::string(kWaiverKey) + "null" +
                                       std::string(kOutcomeEnd);
  }
  return members;
}

// The rules the run names up front are rendered when the report starts and never change after,
// so that any thread may read them while it renders a part (StreamingReporter::render); a rule
// met later is rendered where it is needed.
class RuleMembersCache {
 public:
  explicit RuleMembersCache(const std::vector<std::shared_ptr<const RuleMetadata>>& rules) {
    for (const auto& rule : rules)
      known_.try_emplace(rule.get(), rule_members(*rule));
  }

  // Any thread: nullptr for a rule not named up front.
  const RuleMembers* known(const RuleMetadata& rule) const {
    const auto it = known_.find(&rule);
    return it == known_.end() ? nullptr : &it->second;
  }

  // The writing thread only.
  const RuleMembers& of(const RuleMetadata& rule) {
    if (const RuleMembers* members = known(rule)) return *members;
    return met_later_.try_emplace(&rule, rule_members(rule)).first->second;
  }

 private:
  std::unordered_map<const RuleMetadata*, RuleMembers> known_;
  std::unordered_map<const RuleMetadata*, RuleMembers> met_later_;
};

// An outcome is some forty short pieces: written into a scratch buffer kept from outcome to
// outcome, whose few instructions per piece inline, and passed on at once.
// std::string's own append is a call per piece (callgrind: 6% fewer instructions in a JSON run).
class OutcomeBuffer {
 public:
  explicit OutcomeBuffer(std::vector<char>& scratch) : buffer_(scratch) {
    if (buffer_.empty()) buffer_.resize(4096);  // an outcome takes about one KiB
    next_ = buffer_.data();
    end_ = next_ + buffer_.size();
  }
  std::string_view text() const {
    return {buffer_.data(), static_cast<std::size_t>(next_ - buffer_.data())};
  }

  [[gnu::always_inline]] void put(std::string_view text) {
    if (static_cast<std::size_t>(end_ - next_) < text.size()) grow(text.size());
    if (!text.empty())  // its data() may then be null, which memcpy must not see
      std::memcpy(next_, text.data(), text.size());
    next_ += text.size();
  }
  void quoted(std::string_view text) {
    if (is_plain(text)) {
      put("\"");
      put(text);
      put("\"");
    } else if (is_ascii(text)) {
      quoted_ascii(text);
    } else {
      put(escaped(text));  // UTF-8 to check, invalid bytes to replace
    }
  }
  void number(std::uint64_t value) {
    char digits[24];
    put({digits, static_cast<std::size_t>(std::to_chars(digits, digits + sizeof digits, value).ptr -
                                          digits)});
  }

 private:
  // Messages quote what they name ("1000:1000"): ASCII is escaped here, as dump() escapes it,
  // without the string and the allocations of a round trip through nlohmann.
  [[gnu::noinline]] void quoted_ascii(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    put("\"");
    std::size_t run = 0;  // start of the characters not yet put that need no escaping
    for (std::size_t i = 0; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      put(text.substr(run, i - run));
      run = i + 1;
      switch (c) {
        case '"':
          put("\\\"");
          break;
        case '\\':
          put("\\\\");
          break;
        case '\b':
          put("\\b");
          break;
        case '\t':
          put("\\t");
          break;
        case '\n':
          put("\\n");
          break;
        case '\f':
          put("\\f");
          break;
        case '\r':
          put("\\r");
          break;
        default: {
          const char unicode[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
          put({unicode, sizeof unicode});
        }
      }
    }
    put(text.substr(run));
    put("\"");
  }

  [[gnu::noinline]] void grow(std::size_t more) {
    const auto used = static_cast<std::size_t>(next_ - buffer_.data());
    buffer_.resize(std::max(2 * buffer_.size(), used + more));
    next_ = buffer_.data() + used;
    end_ = buffer_.data() + buffer_.size();
  }

  std::vector<char>& buffer_;
  char* next_;
  char* end_;
};

// A member whose value is mostly the same as in the outcome before: its file, task definition
// family, container, resource and shape. Rendered again only when the value changes (comparing
// is cheaper than checking every character for escaping and copying it piece by piece; these
// members were a third of the time spent writing an outcome).
class RepeatedMember {
 public:
  explicit RepeatedMember(std::string_view separator_and_key) : key_(separator_and_key) {
    rendered_ = key_;
    rendered_ += "\"\"";
  }
  void write(OutcomeBuffer& w, std::string_view value) {
    if (value != value_) {
      value_.assign(value);
      rendered_.assign(key_);
      append_quoted(rendered_, value);
    }
    w.put(rendered_);
  }

 private:
  std::string_view key_;
  std::string value_;     // last written
  std::string rendered_;  // its member, separator and key included
};

struct RepeatedMembers {
  RepeatedMember file{",\n      \"file\": "};
  RepeatedMember family{",\n      \"family\": "};
  RepeatedMember container{",\n      \"container\": "};
  RepeatedMember resource{",\n      \"resource\": "};
  RepeatedMember shape{",\n      \"shape\": "};
};

// One outcome as dump(2) prints it at the depth of the `outcomes` array, written directly: an
// outcome has twenty-one members, and building an ordered_json for each one to print it cost
// more than evaluating the rules (callgrind: 58% of a JSON run on CloudFormation templates).
void write_outcome(OutcomeBuffer& w, const Outcome& o, const RuleMembers& rule,
                   RepeatedMembers& repeated) {
  auto name = [&](std::string_view separator_and_key, std::string_view value) {
    w.put(separator_and_key);
    w.put("\"");
    w.put(value);
    w.put("\"");
  };
  auto member = [&](std::string_view separator_and_key, std::string_view value) {
    w.put(separator_and_key);
    w.quoted(value);
  };
  auto position = [&](std::string_view separator_and_key, std::uint32_t value) {
    w.put(separator_and_key);
    if (value == 0) {
      w.put("null");
    } else {
      w.number(value);
    }
  };
  if (o.severity == rule.severity) {
    w.put(rule.opening[static_cast<std::size_t>(o.status)]);
  } else {  // a severity override
    w.put("{");
    w.put(rule.head);
    name(kStatusKey, status_name(o.status));
    name(kSeverityKey, severity_name(o.severity));
    w.put(rule.title);
  }
  if (o.message.empty() || o.message == o.rule->title) {
    w.put(rule.title_as_message);
  } else {
    member(",\n      \"message\": ", o.message);
  }
  repeated.file.write(w, file_of(o));
  position(",\n      \"line\": ", o.location.line);
  position(",\n      \"column\": ", o.location.column);
  member(",\n      \"pointer\": ", o.location.pointer);
  repeated.family.write(w, o.family.view());
  repeated.container.write(w, o.container);
  repeated.resource.write(w, o.origin.resource);
  w.put(",\n      \"index\": ");
  w.number(o.origin.index);
  repeated.shape.write(w, o.origin.shape);
  if (o.status != Status::Waived) {
    w.put(rule.closing[o.assumed ? 1 : 0]);
    return;
  }
  w.put(o.assumed ? kAssumedTrue : kAssumedFalse);
  w.put(rule.tail);
  w.put(kWaiverKey);
  w.put("{\n        \"owner\": ");
  w.quoted(o.waiver_owner);
  w.put(",\n        \"reason\": ");
  w.quoted(o.waiver_reason);
  w.put(",\n        \"expires\": ");
  if (o.waiver_expires.empty()) {
    w.put("null");
  } else {
    w.quoted(o.waiver_expires);
  }
  w.put("\n      }");
  w.put(kOutcomeEnd);
}

nlohmann::ordered_json summary_json(const Summary& s, const Report& report) {
  nlohmann::ordered_json by_status = nlohmann::ordered_json::object();
  for (Status status : {Status::Fail, Status::Unknown, Status::Error, Status::Waived,
                        Status::NotApplicable, Status::Pass}) {
    by_status[status_name(status)] = s.count(status);
  }
  nlohmann::ordered_json by_severity = nlohmann::ordered_json::object();
  for (Severity severity : {Severity::Low, Severity::Medium, Severity::High, Severity::Critical}) {
    by_severity[severity_name(severity)] = s.count(severity);
  }
  return {
      {"files", s.files},
      {"task_definitions", s.task_definitions},
      {"rules", s.rules},
      {"by_status", by_status},
      {"by_severity", by_severity},
      {"input_errors", s.input_errors},
      {"warnings", s.warnings},
      {"failing", s.failing},
      {"fail_on", report.gate.fail_on ? nlohmann::ordered_json(severity_name(*report.gate.fail_on))
                                      : nlohmann::ordered_json("never")},
      {"unknown", unknown_policy_name(report.gate.unknown)},
      {"exit_code", exit_code(report)}};
}

// The document as nlohmann would print it whole (two-space indent), written in three pieces so
// the outcomes in the middle can stream: the header members, each outcome indented to its depth,
// and the members that follow the outcomes.
class JsonWriter final : public StreamingReporter {
 public:
  JsonWriter(const Report& header, std::ostream& out) : out_(out), rules_(header.rules) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    j["schema_version"] = kSchemaVersion;
    j["tool"] = header.tool;
    j["version"] = header.version;
    std::string text = j.dump(2, ' ', false, kReplaceInvalidUtf8);
    text.resize(text.size() - 2);  // "\n}"
    out_ << text << ",\n  \"outcomes\": [";
  }

  // Each outcome is formatted into one reused buffer and passed on to the stream at once (a
  // report of every outcome is about a kilobyte per outcome); the stream's buffer gathers them
  // into large writes.
  void write_part(const Report& part) override {
    for (const Outcome* o : sorted_for_display(part, false)) {
      if (o->status == Status::Unknown && part.gate.unknown == UnknownPolicy::Ignore) continue;
      OutcomeBuffer w(scratch_);
      w.put(any_outcome_ ? ",\n    " : "\n    ");
      any_outcome_ = true;
      write_outcome(w, *o, rules_.of(*o->rule), repeated_);
      const std::string_view text = w.text();
      out_.write(text.data(), static_cast<std::streamsize>(text.size()));
    }
  }

  // Every outcome's "index" is printed as it stands: the caller renders ahead only parts whose
  // task definitions are numbered from their file's first (numbers_task_definitions()).
  std::optional<RenderedPart> render(const Report& part) const override {
    RenderedPart rendered;
    // An outcome takes one to five KiB (its rule's texts): a KiB each spares the text most of
    // its regrowths (without it, -j 2 spent 0.5-4.6% more CPU time on a JSON run).
    rendered.text.reserve(part.outcomes.size() * 1024);
    std::vector<char> scratch;
    RepeatedMembers repeated;
    RuleMembers met_here;  // a rule not named up front
    for (const Outcome* o : sorted_for_display(part, false)) {
      if (o->status == Status::Unknown && part.gate.unknown == UnknownPolicy::Ignore) continue;
      rendered.lists_any = true;
      const RuleMembers* rule = rules_.known(*o->rule);
      if (rule == nullptr) {
        met_here = rule_members(*o->rule);
        rule = &met_here;
      }
      OutcomeBuffer w(scratch);
      w.put(",\n    ");  // write_rendered drops the comma before the report's first
      write_outcome(w, *o, *rule, repeated);
      rendered.text += w.text();
    }
    for (const Outcome& o : part.outcomes)
      rendered.counts.add(o, part.gate);
    return rendered;
  }

  void write_rendered(const RenderedPart& part) override {
    if (!part.lists_any) return;
    out_ << std::string_view(part.text).substr(any_outcome_ ? 0 : 1);
    any_outcome_ = true;
  }

  bool numbers_task_definitions() const override { return true; }

  void finish(const Report& report) override {
    out_ << (any_outcome_ ? "\n  ]" : "]");
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    nlohmann::ordered_json errors = nlohmann::ordered_json::array();
    for (const document::InputError& e : report.errors) {
      errors.push_back({{"file", e.file},
                        {"line", position_or_null(e.pos.line)},
                        {"column", position_or_null(e.pos.column)},
                        {"message", e.message},
                        {"fatal", e.fatal}});
    }
    j["errors"] = std::move(errors);
    nlohmann::ordered_json waivers = nlohmann::ordered_json::array();
    for (const WaiverNotice& n : report.waiver_notices) {
      waivers.push_back(
          {{"kind", waiver_notice_kind_name(n.kind)},
           {"rule", n.waiver.rule},
           {"owner", n.waiver.owner},
           {"reason", n.waiver.reason},
           {"expires", n.waiver.expires.empty() ? nlohmann::ordered_json(nullptr)
                                                : nlohmann::ordered_json(n.waiver.expires)},
           {"file", n.waiver.declared_in},
           {"line", position_or_null(n.waiver.line)},
           {"column", position_or_null(n.waiver.column)},
           {"inline", n.waiver.is_inline},
           {"matched", n.matched},
           {"message", n.message}});
    }
    j["waivers"] = std::move(waivers);
    j["summary"] = summary_json(summarize(report), report);
    const std::string text = j.dump(2, ' ', false, kReplaceInvalidUtf8);
    out_ << ",\n" << std::string_view(text).substr(2) << '\n';  // after "{\n"
  }

 private:
  std::ostream& out_;
  bool any_outcome_ = false;
  std::vector<char> scratch_;  // one outcome at a time
  RepeatedMembers repeated_;
  RuleMembersCache rules_;
};

}  // namespace

std::unique_ptr<StreamingReporter> json_streaming_reporter(const Report& header,
                                                           std::ostream& out) {
  return std::make_unique<JsonWriter>(header, out);
}

void write_json(const Report& report, std::ostream& out) {
  JsonWriter writer(report, out);
  writer.write_part(report);
  writer.finish(report);
}

}  // namespace taskguard::report
