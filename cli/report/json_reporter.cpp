// The JSON report. Its schema is a contract (docs/json-report.md): fields are only ever added.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

#include "cli/report/reporters.hpp"

namespace taskguard::report {
namespace {

constexpr int kSchemaVersion = 1;

nlohmann::ordered_json position_or_null(std::uint32_t value) {
  return value == 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(value);
}

constexpr auto kReplaceInvalidUtf8 = nlohmann::json::error_handler_t::replace;

// One outcome as dump(2) prints it at the depth of the `outcomes` array, written directly: an
// outcome has twenty-one members, and building an ordered_json for each one to print it cost
// more than evaluating the rules (callgrind: 58% of a JSON run on CloudFormation templates).
class OutcomeWriter {
 public:
  explicit OutcomeWriter(std::string& out) : out_(out) {}

  void write(const Outcome& o) {
    out_ += "{";
    string("rule", o.rule->id);
    string("name", o.rule->name);
    string("status", status_name(o.status));
    string("severity", severity_name(o.severity));
    string("title", o.rule->title);
    string("message", o.message.empty() ? o.rule->title : o.message);
    string("file", file_of(o));
    position("line", o.location.line);
    position("column", o.location.column);
    string("pointer", o.location.pointer);
    string("family", o.family);
    string("container", o.container);
    string("resource", o.origin.resource);
    key("index");
    out_ += std::to_string(o.origin.index);
    string("shape", o.origin.shape);
    key("assumed");
    out_ += o.assumed ? "true" : "false";
    list("owasp_nhi", o.rule->owasp_nhi);
    list("nist_csf", o.rule->nist_csf);
    list("aws", o.rule->aws);
    string("remediation", o.rule->remediation);
    key("waiver");
    if (o.status == Status::Waived) {
      out_ += "{\n        \"owner\": ";
      quoted(o.waiver_owner);
      out_ += ",\n        \"reason\": ";
      quoted(o.waiver_reason);
      out_ += ",\n        \"expires\": ";
      if (o.waiver_expires.empty()) {
        out_ += "null";
      } else {
        quoted(o.waiver_expires);
      }
      out_ += "\n      }";
    } else {
      out_ += "null";
    }
    out_ += "\n    }";
  }

 private:
  void key(std::string_view name) {
    out_ += first_ ? "\n      \"" : ",\n      \"";
    first_ = false;
    out_ += name;
    out_ += "\": ";
  }
  void string(std::string_view name, std::string_view value) {
    key(name);
    quoted(value);
  }
  void position(std::string_view name, std::uint32_t value) {
    key(name);
    out_ += value == 0 ? "null" : std::to_string(value);
  }
  void list(std::string_view name, const std::vector<std::string>& items) {
    key(name);
    if (items.empty()) {
      out_ += "[]";
      return;
    }
    out_ += "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
      out_ += i == 0 ? "\n        " : ",\n        ";
      quoted(items[i]);
    }
    out_ += "\n      ]";
  }
  // Plain printable ASCII needs no escaping; anything else goes through nlohmann's own escaping
  // (control characters, quotes, backslashes, invalid UTF-8 replaced) to print as dump() does.
  void quoted(std::string_view text) {
    const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
      const auto u = static_cast<unsigned char>(c);
      return u >= 0x20 && u < 0x80 && c != '"' && c != '\\';
    });
    if (plain) {
      out_ += '"';
      out_ += text;
      out_ += '"';
    } else {
      out_ += nlohmann::ordered_json(std::string(text)).dump(-1, ' ', false, kReplaceInvalidUtf8);
    }
  }

  std::string& out_;
  bool first_ = true;
};

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
  JsonWriter(const Report& header, std::ostream& out) : out_(out) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    j["schema_version"] = kSchemaVersion;
    j["tool"] = header.tool;
    j["version"] = header.version;
    std::string text = j.dump(2, ' ', false, kReplaceInvalidUtf8);
    text.resize(text.size() - 2);  // "\n}"
    out_ << text << ",\n  \"outcomes\": [";
  }

  void write_part(const Report& part) override {
    for (const Outcome* o : sorted_for_display(part, false)) {
      if (o->status == Status::Unknown && part.gate.unknown == UnknownPolicy::Ignore) continue;
      std::string text = any_outcome_ ? ",\n    " : "\n    ";
      any_outcome_ = true;
      OutcomeWriter(text).write(*o);
      out_ << text;
    }
  }

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
