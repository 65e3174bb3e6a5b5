#include <doctest/doctest.h>

#include <array>
#include <string>

#include "interpreter/document/node.hpp"
#include "interpreter/loaders/tree_edit.hpp"

using namespace taskguard;
using document::Arena;
using document::Member;
using document::Node;
using document::NodeKind;

TEST_SUITE("documents") {
  TEST_CASE("node: text, items and members each read back only for their own kind") {
    Arena arena;
    Node* name = arena.make_string("web", {3, 7});
    Node* port = arena.make_number(8080);
    Node* unknown = arena.make_unknown("!GetAtt TaskRole.Arn");
    Node* ports = arena.make(NodeKind::Array);
    const std::array<Node*, 1> port_list{port};
    arena.set_items(*ports, port_list);
    Node* container = arena.make(NodeKind::Object);
    const std::array<Member, 2> fields{Member{"name", schema::kNoKey, name},
                                       Member{"portMappings", schema::kNoKey, ports}};
    arena.set_members(*container, fields);

    CHECK(name->text() == "web");
    CHECK(unknown->text() == "!GetAtt TaskRole.Arn");
    REQUIRE(ports->items().size() == 1);
    CHECK(ports->items()[0] == port);
    REQUIRE(container->members().size() == 2);
    CHECK(container->members()[1].key() == "portMappings");
    CHECK(container->get("name") == name);

    // The shared storage never shows through another kind's view.
    CHECK(container->text().empty());
    CHECK(container->items().empty());
    CHECK(ports->text().empty());
    CHECK(ports->members().empty());
    CHECK(name->items().empty());
    CHECK(name->members().empty());
    CHECK(unknown->members().empty());
    CHECK(name->get("name") == nullptr);

    // Parent links and positions survive the views.
    CHECK(port->parent == ports);
    CHECK(ports->parent == container);
    CHECK(ports->index_in_parent == 1);
    CHECK(name->pos.line == 3);
    CHECK(port->pointer() == "/portMappings/0");
  }

  TEST_CASE("node: a deep copy keeps a number's text as written and no text on containers") {
    Arena arena;
    Node* cpu = arena.make_number(256);
    cpu->set_text("0256");
    Node* list = arena.make(NodeKind::Array);
    const std::array<Node*, 1> one{cpu};
    arena.set_items(*list, one);

    const Node* copy = loaders::deep_copy(arena, *list);
    REQUIRE(copy->items().size() == 1);
    CHECK(copy->items()[0] != cpu);
    CHECK(copy->items()[0]->number == 256);
    CHECK(copy->items()[0]->text() == "0256");
    CHECK(copy->text().empty());
    CHECK(copy->items()[0]->parent == copy);
  }

  TEST_CASE(
      "node: a tree node stays small, as a task definition's tree is several times its text") {
    // Text, items and members share one view; growing the node again costs every check that
    // walks a tree (docs/performance.md).
    CHECK(sizeof(Node) <= 6 * sizeof(void*));
    CHECK(sizeof(Member) <= 3 * sizeof(void*));
  }
}
