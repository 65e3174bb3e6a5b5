#pragma once
// Test support: JSON text → canonical document nodes, with schema keys interned as the loaders
// do. An object {"$unknown": "why"} stands for an unknown value (a CloudFormation intrinsic).

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "interpreter/document/document.hpp"
#include "stdlib/schema/schema.hpp"

namespace taskguard::engine_test {

class Documents {
 public:
  document::TaskDefinition add(const std::string& json_text, std::string file = "task.json") {
    const nlohmann::json json = nlohmann::json::parse(json_text);
    document::TaskDefinition td;
    td.origin.file = std::move(file);
    td.origin.shape = "api";
    td.origin.index = count_++;
    td.root = build(json, 1);
    return td;
  }

 private:
  const document::Node* build(const nlohmann::json& j, std::uint32_t line) {
    const document::SourcePos pos{line, 1};
    switch (j.type()) {
      case nlohmann::json::value_t::null:
        return arena_.make(document::NodeKind::Null, pos);
      case nlohmann::json::value_t::boolean:
        return arena_.make_bool(j.get<bool>(), pos);
      case nlohmann::json::value_t::string:
        return arena_.make_string(j.get<std::string>(), pos);
      case nlohmann::json::value_t::array: {
        document::Node* array = arena_.make(document::NodeKind::Array, pos);
        std::vector<document::Node*> items;
        for (const auto& item : j)
          items.push_back(const_cast<document::Node*>(build(item, ++line_)));
        arena_.set_items(*array, items);
        return array;
      }
      case nlohmann::json::value_t::object: {
        if (j.size() == 1 && j.contains("$unknown")) {
          return arena_.make_unknown(j["$unknown"].get<std::string>(), pos);
        }
        document::Node* object = arena_.make(document::NodeKind::Object, pos);
        std::vector<document::Member> members;
        const auto& schema = schema::Schema::task_definition();
        for (const auto& [key, item] : j.items()) {
          members.push_back({key, schema.key(key), build(item, ++line_)});
        }
        arena_.set_members(*object, members);
        return object;
      }
      default:
        return arena_.make_number(j.get<double>(), pos);
    }
  }

  document::Arena arena_;
  std::size_t count_ = 0;
  std::uint32_t line_ = 1;
};

}  // namespace taskguard::engine_test
