// The JSON report. Its schema is a contract (docs/json-report.md): fields are only ever added.

#include <nlohmann/json.hpp>

#include "cli/report/reporters.hpp"

namespace taskguard::report {
namespace {

constexpr int kSchemaVersion = 1;

nlohmann::ordered_json position_or_null(std::uint32_t value) {
  return value == 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(value);
}

nlohmann::ordered_json outcome_json(const Outcome& o) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["rule"] = o.rule->id;
  j["name"] = o.rule->name;
  j["status"] = status_name(o.status);
  j["severity"] = severity_name(o.severity);
  j["title"] = o.rule->title;
  j["message"] = o.message.empty() ? o.rule->title : o.message;
  j["file"] = file_of(o);
  j["line"] = position_or_null(o.location.line);
  j["column"] = position_or_null(o.location.column);
  j["pointer"] = o.location.pointer;
  j["family"] = o.family;
  j["container"] = o.container;
  j["resource"] = o.origin.resource;
  j["index"] = o.origin.index;
  j["shape"] = o.origin.shape;
  j["assumed"] = o.assumed;
  j["owasp_nhi"] = o.rule->owasp_nhi;
  j["nist_csf"] = o.rule->nist_csf;
  j["aws"] = o.rule->aws;
  j["remediation"] = o.rule->remediation;
  if (o.status == Status::Waived) {
    j["waiver"] = {
        {"owner", o.waiver_owner},
        {"reason", o.waiver_reason},
        {"expires", o.waiver_expires.empty() ? nlohmann::ordered_json(nullptr)
                                             : nlohmann::ordered_json(o.waiver_expires)}};
  } else {
    j["waiver"] = nullptr;
  }
  return j;
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

constexpr auto kReplaceInvalidUtf8 = nlohmann::json::error_handler_t::replace;

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
      out_ << (any_outcome_ ? ",\n    " : "\n    ");
      any_outcome_ = true;
      const std::string text = outcome_json(*o).dump(2, ' ', false, kReplaceInvalidUtf8);
      std::string indented;
      indented.reserve(text.size() + 128);
      for (char c : text) {
        indented += c;
        if (c == '\n') indented += "    ";
      }
      out_ << indented;
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
