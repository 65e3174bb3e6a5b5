#include <doctest/doctest.h>

#include <fmt/format.h>

#include <sys/stat.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "interpreter/document/node_json.hpp"
#include "interpreter/loaders/json_reader.hpp"
#include "interpreter/loaders/load.hpp"

using namespace taskguard;
using document::LoadedFile;
using document::Node;

namespace {

const std::string kFixtures = TASKGUARD_SOURCE_DIR "/tests/fixtures/documents";
const std::string kCorpus = TASKGUARD_SOURCE_DIR "/../shared/corpus/real";

nlohmann::json as_json(const Node& node) {
  std::string out;
  document::write_json(node, out);
  return nlohmann::json::parse(out);
}

std::size_t fatal_errors(const LoadedFile& f) {
  std::size_t n = 0;
  for (const auto& e : f.errors)
    n += e.fatal ? 1 : 0;
  return n;
}

const document::InputError* first_error(const LoadedFile& f, bool fatal) {
  for (const auto& e : f.errors) {
    if (e.fatal == fatal) return &e;
  }
  return nullptr;
}

// `levels` arrays nested around `inner`, each opened with `opening` ("[" or "[0, ").
std::string nested_arrays(int levels, const std::string& opening, const std::string& inner) {
  std::string text;
  for (int i = 0; i < levels; ++i)
    text += opening;
  text += inner;
  text.append(static_cast<std::size_t>(levels), ']');
  return text;
}

// Follows an RFC 6901 pointer through canonical nodes.
const Node* at(const Node* node, const std::string& pointer) {
  std::stringstream parts(pointer.substr(1));
  std::string part;
  while (node != nullptr && std::getline(parts, part, '/')) {
    node =
        node->is_array()
            ? (std::stoul(part) < node->items().size() ? node->items()[std::stoul(part)] : nullptr)
            : node->get(std::string_view(part));
  }
  return node;
}

}  // namespace

TEST_SUITE("documents") {
  TEST_CASE("Node::pointer is the RFC 6901 pointer, escapes included, at any depth") {
    document::Arena arena;
    std::vector<document::InputError> errors;
    // 20 levels of arrays: deeper than the pointer's on-stack path.
    std::string deep = R"({"a/b": {"m~n": [)" + nested_arrays(20, "[0, ", "\"x\"") +
                       "]}, \"plain\": {\"k\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]}}";
    const auto result = loaders::read_json(deep, arena, "t.json", errors);
    REQUIRE(result.root != nullptr);
    const Node* n = result.root->get("a/b")->get("m~n")->items()[0];
    std::string expected = "/a~1b/m~0n/0";
    while (n->is_array()) {
      n = n->items()[1];
      expected += "/1";
    }
    CHECK(n->text() == "x");
    CHECK(n->pointer() == expected);
    CHECK(result.root->get("plain")->get("k")->items()[11]->pointer() == "/plain/k/11");
    CHECK(result.root->pointer() == "");

    // Paths longer than the pointer's on-stack buffer, without escapes: a long key, many levels.
    const std::string long_key(300, 'k');
    const std::string long_text =
        "{\"" + long_key + "\": {\"v\": [" + nested_arrays(150, "[", "true") + "]}}";
    const auto long_result = loaders::read_json(long_text, arena, "t.json", errors);
    REQUIRE(long_result.root != nullptr);
    const Node* v = long_result.root->get(long_key)->get("v");
    CHECK(v->pointer() == "/" + long_key + "/v");
    std::string deep_expected = "/" + long_key + "/v";
    for (const Node* m = v; m->is_array(); m = m->items()[0]) {
      deep_expected += "/0";
      if (!m->items()[0]->is_array()) CHECK(m->items()[0]->pointer() == deep_expected);
    }
  }

  TEST_CASE("loaders: one task definition in every shape normalises to the same document") {
    const LoadedFile api = loaders::load_file(kFixtures + "/same/api.json");
    REQUIRE(api.task_definitions.size() == 1);
    const nlohmann::json expected = as_json(*api.task_definitions[0].root);
    CHECK(expected == nlohmann::json::parse(std::ifstream(kFixtures + "/same/api.json")));

    const std::map<std::string, std::string> shapes = {{"describe.json", "describe"},
                                                       {"describe-placebo.json", "describe"},
                                                       {"cloudformation.json", "cloudformation"},
                                                       {"cloudformation.yaml", "cloudformation"},
                                                       {"terraform-plan.json", "terraform-plan"},
                                                       {"stream.ndjson", "api"}};
    for (const auto& [file, shape] : shapes) {
      CAPTURE(file);
      const LoadedFile loaded = loaders::load_file(kFixtures + "/same/" + file);
      CHECK(fatal_errors(loaded) == 0);
      REQUIRE_FALSE(loaded.task_definitions.empty());
      CHECK(loaded.task_definitions[0].origin.shape == shape);
      nlohmann::json got = as_json(*loaded.task_definitions[0].root);
      if (shape == "terraform-plan") {
        // Known only after apply: present, and unknown.
        CHECK(got["taskDefinitionArn"] == nlohmann::json{{"$unknown", "known after apply"}});
        got.erase("taskDefinitionArn");
        got.erase("revision");
        CHECK(loaded.task_definitions.size() == 1);  // listed twice in the plan, reported once
        CHECK(loaded.task_definitions[0].origin.resource ==
              "module.web.aws_ecs_task_definition.this");
      }
      CHECK(got == expected);
    }
    const LoadedFile stream = loaders::load_file(kFixtures + "/same/stream.ndjson");
    REQUIRE(stream.task_definitions.size() == 2);
    CHECK(stream.task_definitions[1].origin.line_in_stream == 3);
    CHECK(as_json(*stream.task_definitions[1].root) == expected);
  }

  TEST_CASE("loaders: schema keys are interned and positions point at the token") {
    const LoadedFile api = loaders::load_file(kFixtures + "/same/api.json");
    const Node* root = api.task_definitions.at(0).root;
    const auto& s = schema::Schema::task_definition();
    REQUIRE(root->get(s.key("networkMode")) != nullptr);
    CHECK(root->get(s.key("networkMode"))->pos.line == 4);
    CHECK(root->get(s.key("networkMode"))->pos.column == 18);
    const Node* image = at(root, "/containerDefinitions/0/image");
    REQUIRE(image != nullptr);
    CHECK(image->pos.line == 11);
    CHECK(image->pos.column == 16);
    CHECK(image->pointer() == "/containerDefinitions/0/image");
    const Node* options = at(root, "/containerDefinitions/0/logConfiguration/options");
    REQUIRE(options != nullptr);
    for (const auto& m : options->members())
      CHECK(m.key_id == schema::kNoKey);  // user data

    const LoadedFile yaml = loaders::load_file(kFixtures + "/same/cloudformation.yaml");
    const Node* privileged =
        at(yaml.task_definitions.at(0).root, "/containerDefinitions/0/privileged");
    REQUIRE(privileged != nullptr);
    CHECK(privileged->pos.line == 18);
    CHECK(privileged->pos.column == 23);
    const Node* essential =
        at(yaml.task_definitions.at(0).root, "/containerDefinitions/0/essential");
    REQUIRE(essential != nullptr);
    CHECK(essential->kind == document::NodeKind::Bool);  // 'true' coerced by the schema type
    CHECK(essential->pos.line == 17);
  }

  TEST_CASE(
      "loaders: CloudFormation intrinsics are unknown, parameter defaults assumed, NoValue "
      "absent") {
    const LoadedFile f = loaders::load_text(R"(
Parameters:
  Cpu: {Type: String, Default: 512}
  Subnets: {Type: CommaDelimitedList, Default: "a,b"}
  Image: {Type: String}
Resources:
  Role: {Type: AWS::IAM::Role}
  Task:
    Type: AWS::ECS::TaskDefinition
    Metadata: {note: kept}
    Properties:
      Cpu: !Ref Cpu
      TaskRoleArn: !GetAtt Role.Arn
      ExecutionRoleArn: {"Fn::GetAtt": ["Role", "Arn"]}
      PidMode: !Ref AWS::NoValue
      ContainerDefinitions:
        - Name: app
          Image: !Ref Image
          Privileged: !If [IsProd, false, true]
          Environment:
            - Name: REGION
              Value: !Sub "${AWS::Region}"
)",
                                            "stack.yaml");
    CHECK(fatal_errors(f) == 0);
    REQUIRE(f.task_definitions.size() == 1);
    const auto& td = f.task_definitions[0];
    CHECK(td.origin.resource == "Task");
    REQUIRE(td.metadata != nullptr);
    const Node* cpu = at(td.root, "/cpu");
    REQUIRE(cpu != nullptr);
    CHECK(cpu->is_string());
    CHECK(cpu->text() == "512");
    CHECK(cpu->assumed);
    CHECK(cpu->pos.line == 12);
    const Node* role = at(td.root, "/taskRoleArn");
    REQUIRE(role != nullptr);
    CHECK(role->is_unknown());
    CHECK(role->text() == "!GetAtt Role.Arn");
    CHECK(at(td.root, "/executionRoleArn")->text() == "!GetAtt Role.Arn");
    CHECK(at(td.root, "/pidMode") == nullptr);
    CHECK(at(td.root, "/containerDefinitions/0/image")->text() == "!Ref Image");
    CHECK(at(td.root, "/containerDefinitions/0/privileged")->is_unknown());
    CHECK(at(td.root, "/containerDefinitions/0/environment/0/value")->text() ==
          "!Sub ${AWS::Region}");
  }

  TEST_CASE(
      "loaders: Terraform container_definitions keys in any letter case, tags map, host_path") {
    const std::string containers = R"([{\"Name\":\"app\",\"Privileged\":true,\"image\":\"x\"}])";
    const LoadedFile f = loaders::load_text(
        R"({"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_ecs_task_definition.t",
        "mode":"managed","type":"aws_ecs_task_definition","values":{"family":"t","container_definitions":")" +
            containers +
            R"(","tags":{"a":"1"},"volume":[{"name":"v","host_path":"/srv"}],"ipc_mode":null,"tags_all":{}}}]}}})",
        "plan.json");
    CHECK(fatal_errors(f) == 0);
    REQUIRE(f.task_definitions.size() == 1);
    const Node* root = f.task_definitions[0].root;
    const Node* privileged = at(root, "/containerDefinitions/0/privileged");
    REQUIRE(privileged != nullptr);
    CHECK(privileged->boolean);
    CHECK(at(root, "/tags/0/key")->text() == "a");
    CHECK(at(root, "/volumes/0/host/sourcePath")->text() == "/srv");
    CHECK(at(root, "/ipcMode") == nullptr);
    // Values decoded from the string share its position.
    CHECK(privileged->pos.line == at(root, "/family")->pos.line);
  }

  TEST_CASE("loaders: malformed input, empty files, BOM, duplicate keys, invalid UTF-8, HCL") {
    const LoadedFile bad = loaders::load_text("{\n  \"family\": tru\n}", "bad.json");
    REQUIRE(first_error(bad, true) != nullptr);
    CHECK(first_error(bad, true)->pos.line == 2);
    CHECK(bad.task_definitions.empty());

    CHECK(first_error(loaders::load_text("  \n", "empty.json"), true)->message.find("no content") !=
          std::string::npos);

    const LoadedFile bom =
        loaders::load_text("\xEF\xBB\xBF{\"containerDefinitions\":[]}", "bom.json");
    CHECK(fatal_errors(bom) == 0);
    CHECK(bom.task_definitions.size() == 1);

    const LoadedFile dup = loaders::load_text(
        "{\"family\":\"a\",\n\"family\":\"b\",\"containerDefinitions\":[]}", "d.json");
    REQUIRE(dup.task_definitions.size() == 1);
    CHECK(at(dup.task_definitions[0].root, "/family")->text() == "b");
    const auto* warning = first_error(dup, false);
    REQUIRE(warning != nullptr);
    CHECK(warning->pos.line == 2);
    CHECK(warning->message.find("duplicate key") != std::string::npos);

    const LoadedFile utf = loaders::load_text("{\"family\":\"\xFF\"}", "u.json");
    REQUIRE(first_error(utf, true) != nullptr);
    CHECK(first_error(utf, true)->message.find("UTF-8") != std::string::npos);
    CHECK(first_error(utf, true)->pos.column == 12);  // at the bad byte itself
    // A broken sequence is reported at its first byte, not where the parser saw it break;
    // a complete sequence before a bad byte does not move the position.
    for (const auto& [text, column] : std::vector<std::pair<std::string, std::uint32_t>>{
             {"{\"family\":\"caf\xE9\"}", 15},
             {"{\"family\":\"\xE2\x82x\"}", 12},
             {"{\"family\":\"\xC3\xA9\xFF\"}", 13}}) {
      CAPTURE(text);
      const LoadedFile broken = loaders::load_text(text, "u.json");
      REQUIRE(first_error(broken, true) != nullptr);
      CHECK(first_error(broken, true)->pos.column == column);
    }
    const LoadedFile utf_yaml = loaders::load_text("family: a\nname: \xC3\x28\n", "u.yaml");
    REQUIRE(first_error(utf_yaml, true) != nullptr);
    CHECK(first_error(utf_yaml, true)->pos.line == 2);

    const LoadedFile hcl =
        loaders::load_text("resource \"aws_ecs_task_definition\" \"x\" {}", "main.tf");
    REQUIRE(first_error(hcl, true) != nullptr);
    CHECK(first_error(hcl, true)->message.find("not a supported input") != std::string::npos);

    const LoadedFile nothing = loaders::load_text("{\"hello\": 1}", "other.json");
    CHECK(nothing.task_definitions.empty());
    REQUIRE(first_error(nothing, false) != nullptr);
    CHECK(first_error(nothing, false)->message.find("no task definition") != std::string::npos);

    std::string deep(1000, '[');
    CHECK(first_error(loaders::load_text(deep, "deep.json"), true) != nullptr);
  }

  TEST_CASE("loaders: the task definitions of one file share one copy of its name") {
    const std::string name = "streams/a-file-name-longer-than-sso.ndjson";
    const std::string line = R"({"family": "f", "containerDefinitions": [{"name": "x"}]})";
    const LoadedFile lines = loaders::load_text(line + "\n" + line + "\n" + line + "\n", name);
    REQUIRE(lines.task_definitions.size() == 3);
    const std::string& first = lines.task_definitions[0].origin.file.str();
    CHECK(first == name);
    CHECK(&lines.task_definitions[1].origin.file.str() == &first);
    CHECK(&lines.task_definitions[2].origin.file.str() == &first);

    const LoadedFile yaml = loaders::load_text(
        "Resources:\n  A:\n    Type: AWS::ECS::TaskDefinition\n    Properties: {Family: a, "
        "ContainerDefinitions: [{Name: x}]}\n"
        "  B:\n    Type: AWS::ECS::TaskDefinition\n    Properties: {Family: b, "
        "ContainerDefinitions: [{Name: x}]}\n",
        "templates/a-template-name-longer-than-sso.yaml");
    REQUIRE(yaml.task_definitions.size() == 2);
    CHECK(&yaml.task_definitions[0].origin.file.str() ==
          &yaml.task_definitions[1].origin.file.str());
  }

  TEST_CASE("loaders: NDJSON streams in batches, a bad line does not stop the others") {
    std::istringstream in(
        "{\"containerDefinitions\":[],\"family\":\"a\"}\n{oops\n\n{\"taskDefinition\":{\"family\":"
        "\"c\"}}\n");
    std::vector<LoadedFile> batches;
    const std::size_t lines = loaders::load_ndjson_stream(
        in, "-", 2, [&](LoadedFile&& f) { batches.push_back(std::move(f)); });
    CHECK(lines == 4);
    REQUIRE(batches.size() == 2);
    CHECK(batches[0].task_definitions.size() == 1);
    REQUIRE(first_error(batches[0], true) != nullptr);
    CHECK(first_error(batches[0], true)->pos.line == 2);
    REQUIRE(batches[1].task_definitions.size() == 1);
    CHECK(batches[1].task_definitions[0].origin.line_in_stream == 4);
    CHECK(at(batches[1].task_definitions[0].root, "/family")->text() == "c");
  }

  TEST_CASE("loaders: an NDJSON chunk ends at its line bound or its byte bound, whole lines") {
    // Lines of 10, 30, 5 and 40 bytes (newline included) after a byte-order mark, then one of 7
    // bytes and no newline.
    const std::string bom = "\xEF\xBB\xBF";
    const std::string text = bom + "{\"a\": 12}\n" + "{\"b\": \"" + std::string(20, 'x') + "\"}\n" +
                             "{  }\n" + "{\"d\": \"" + std::string(30, 'y') + "\"}\n" + "{\"e\":1}";
    auto cut = [&](loaders::ChunkBounds bounds) {
      std::istringstream in(text);
      std::vector<loaders::NdjsonChunk> chunks;
      const std::size_t lines = loaders::read_ndjson_chunks(
          in, "-", bounds, [&](loaders::NdjsonChunk&& c) { chunks.push_back(std::move(c)); });
      CHECK(lines == 5);
      std::string joined;
      for (const auto& c : chunks)
        joined += c.text;
      CHECK(joined == text.substr(bom.size()) + "\n");  // nothing lost or repeated
      return chunks;
    };

    // 32 bytes: the second line brings the first chunk to 40, the fourth the second to 45.
    const auto by_bytes = cut({.lines = 100, .bytes = 32});
    REQUIRE(by_bytes.size() == 3);
    CHECK(by_bytes[0].first_line == 1);
    CHECK(by_bytes[0].text.size() == 40);
    CHECK(by_bytes[1].first_line == 3);
    CHECK(by_bytes[1].text.size() == 45);
    CHECK(by_bytes[2].first_line == 5);
    CHECK(by_bytes[2].text == "{\"e\":1}\n");

    const auto by_lines = cut({.lines = 2, .bytes = 1000});
    REQUIRE(by_lines.size() == 3);
    CHECK(by_lines[1].first_line == 3);
    CHECK(by_lines[2].first_line == 5);

    // A line longer than the line limit is left out of the text (an empty line keeps the
    // numbering), in the first chunk and at the start of the next one alike.
    limits::Limits limits;
    limits.ndjson_line_bytes = 25;
    std::istringstream in(text);
    std::vector<loaders::NdjsonChunk> chunks;
    loaders::read_ndjson_chunks(
        in, "-", {.lines = 3, .bytes = 1000},
        [&](loaders::NdjsonChunk&& c) { chunks.push_back(std::move(c)); }, limits);
    REQUIRE(chunks.size() == 2);
    CHECK(chunks[0].text == "{\"a\": 12}\n\n{  }\n");
    REQUIRE(chunks[0].skipped.size() == 1);
    CHECK(chunks[0].skipped[0].pos.line == 2);
    CHECK(chunks[1].text == "\n{\"e\":1}\n");
    REQUIRE(chunks[1].skipped.size() == 1);
    CHECK(chunks[1].skipped[0].pos.line == 4);
  }

  TEST_CASE("loaders: directories are walked in order, missing paths reported") {
    std::vector<document::InputError> errors;
    const auto files = loaders::expand_inputs({kFixtures + "/same", "/no/such/path"}, errors);
    REQUIRE(files.size() == 7);
    CHECK(std::is_sorted(files.begin(), files.end()));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].fatal);
  }

  TEST_CASE("loaders: a directory or a missing file given to load_file is a clear error") {
    const LoadedFile directory = loaders::load_file(kFixtures + "/same");
    CHECK(directory.task_definitions.empty());
    REQUIRE(first_error(directory, true) != nullptr);
    CHECK(first_error(directory, true)->message == "cannot read: a directory");

    const LoadedFile missing = loaders::load_file(kFixtures + "/no-such-file.json");
    REQUIRE(first_error(missing, true) != nullptr);
    CHECK(first_error(missing, true)->message.find("cannot read") == 0);

    limits::Limits small;
    small.input_file_bytes = 10;  // every fixture is larger: refused by its stated size
    const std::string api = kFixtures + "/same/api.json";
    const LoadedFile large = loaders::load_file(api, small);
    REQUIRE(first_error(large, true) != nullptr);
    CHECK(first_error(large, true)
              ->message.find(fmt::format("the file is {} bytes",
                                         std::filesystem::file_size(api))) != std::string::npos);
  }

  TEST_CASE("loaders: files and standard input are read whole, past any read block") {
    // ~200 KB: more than one 64 KiB block when the size is not known in advance (stdin).
    nlohmann::json doc = {{"family", "big"},
                          {"containerDefinitions", {{{"name", "app"}, {"image", "nginx"}}}}};
    for (int i = 0; i < 4000; ++i)
      doc["containerDefinitions"][0]["environment"].push_back(
          {{"name", fmt::format("VARIABLE_{:05}", i)}, {"value", std::string(20, 'v')}});
    const std::string text = "\xEF\xBB\xBF" + doc.dump(1);  // with a byte order mark
    REQUIRE(text.size() > 3 * 65536);
    const std::filesystem::path path =
        std::filesystem::temp_directory_path() / "taskguard-loaders-big.json";
    std::ofstream(path, std::ios::binary) << text;

    const LoadedFile from_file = loaders::load_file(path.string());
    REQUIRE(from_file.task_definitions.size() == 1);
    REQUIRE(from_file.text != nullptr);
    CHECK(*from_file.text == text.substr(3));  // all of it, without the mark

    std::istringstream piped(text);
    std::streambuf* const cin_buffer = std::cin.rdbuf(piped.rdbuf());
    const LoadedFile from_stdin = loaders::load_file("-");
    limits::Limits small;
    small.input_file_bytes = 100'000;
    piped.str(text);
    std::cin.clear();  // the first read left it at the end
    const LoadedFile refused = loaders::load_file("-", small);
    std::cin.rdbuf(cin_buffer);
    std::cin.clear();
    REQUIRE(from_stdin.text != nullptr);
    CHECK(*from_stdin.text == *from_file.text);
    CHECK(from_stdin.task_definitions.size() == 1);
    REQUIRE(first_error(refused, true) != nullptr);
    CHECK(first_error(refused, true)->message.find("input-file-bytes") != std::string::npos);
    CHECK(refused.task_definitions.empty());
    std::filesystem::remove(path);
  }

  TEST_CASE("loaders: a named pipe is read to its end, however its writer paces it") {
    // A regular file's short read is its end; a pipe's is only what has arrived so far.
    const std::filesystem::path path =
        std::filesystem::temp_directory_path() / "taskguard-loaders-fifo.json";
    std::filesystem::remove(path);
    REQUIRE(mkfifo(path.c_str(), 0600) == 0);
    const std::string first = R"({"family": "piped", "containerDefinitions": [)";
    const std::string second = R"({"name": "app", "image": "nginx:1.25"}]})";
    // A reader that stopped early would make the second write raise SIGPIPE: fail, not die.
    const auto previous_handler = std::signal(SIGPIPE, SIG_IGN);
    std::thread writer([&] {
      std::ofstream out(path, std::ios::binary);
      out << first << std::flush;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      out << second << std::flush;
    });
    const LoadedFile loaded = loaders::load_file(path.string());
    writer.join();
    std::signal(SIGPIPE, previous_handler);
    std::filesystem::remove(path);
    REQUIRE(loaded.text != nullptr);
    CHECK(*loaded.text == first + second);
    REQUIRE(loaded.task_definitions.size() == 1);
    CHECK(first_error(loaded, true) == nullptr);
  }

  TEST_CASE("loaders: every JSON and YAML file of the real corpus loads as expected") {
    if (!std::filesystem::exists(kCorpus)) {
      MESSAGE("skipped: " << kCorpus << " is absent");
      return;
    }
    // Task definitions per file, counted by reading each file.
    const std::map<std::string, std::size_t> expected = {
        {"cloudformation/aws-samples__amazon-ecs-catsndogs-workshop__lab2-tasks-and-services.yml",
         3},
        {"cloudformation/aws__aws-app-mesh-examples__cross-account-redis-and-database.yml", 2},
        {"cloudformation/aws__aws-app-mesh-examples__mtls-file-provided-ecs-service.yaml", 2},
        {"cloudformation/bridgecrewio__checkov__efs-transit-encryption-disabled.yaml", 2},
        {"api/aws-observability__aws-otel-collector__otel-ec2-instance-daemon.json", 0},
        {"api/aws__aws-app-mesh-examples__fargate-colorteller-jq-template.json", 0},
    };
    std::vector<document::InputError> errors;
    std::size_t checked = 0;
    for (const std::string& file : loaders::expand_inputs({kCorpus}, errors)) {
      CAPTURE(file);
      const std::string relative = file.substr(kCorpus.size() + 1);
      const LoadedFile loaded = loaders::load_file(file);
      const auto it = expected.find(relative);
      CHECK(loaded.task_definitions.size() == (it == expected.end() ? 1 : it->second));
      if (it == expected.end() || it->second != 0) CHECK(fatal_errors(loaded) == 0);
      ++checked;
    }
    CHECK(errors.empty());
    CHECK(checked >= 45);

    // The templated files are deliberately not JSON: the error names the spot.
    const LoadedFile otel = loaders::load_file(
        kCorpus + "/api/aws-observability__aws-otel-collector__otel-ec2-instance-daemon.json");
    REQUIRE(first_error(otel, true) != nullptr);
    CHECK(first_error(otel, true)->pos.line == 16);
    CHECK(first_error(otel, true)->pos.column == 10);
    const LoadedFile jq = loaders::load_file(
        kCorpus + "/api/aws__aws-app-mesh-examples__fargate-colorteller-jq-template.json");
    REQUIRE(first_error(jq, true) != nullptr);
    CHECK(first_error(jq, true)->pos.line == 2);
    CHECK(first_error(jq, true)->pos.column == 13);

    // HCL is refused with a clear message, not parsed.
    const LoadedFile hcl = loaders::load_file(
        kCorpus + "/terraform/gruntwork-io__terratest__terraform-aws-ecs-example.tf");
    REQUIRE(first_error(hcl, true) != nullptr);
    CHECK(first_error(hcl, true)->message.find("HCL") != std::string::npos);

    // The consul template repeats Cpu/Memory: the later literal wins, with a warning.
    const LoadedFile consul = loaders::load_file(
        kCorpus +
        "/cloudformation/"
        "aws-samples__amazon-ecs-fargate-consul-connect-example__consul-connect-greeter.yml");
    REQUIRE(consul.task_definitions.size() == 1);
    const auto* dup = first_error(consul, false);
    REQUIRE(dup != nullptr);
    CHECK(dup->message.find("duplicate key") != std::string::npos);
  }
}
