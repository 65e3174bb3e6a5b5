#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "stdlib/schema/key_table.hpp"

using taskguard::schema::KeyId;
using taskguard::schema::KeyTable;
using taskguard::schema::kNoKey;

TEST_SUITE("stdlib") {
  TEST_CASE("key table: finds every name inserted, and only those") {
    // Names that share their first eight bytes and their length, or differ in one byte only.
    const std::vector<std::string> names = {"containerPath",
                                            "containerPort",
                                            "containerName",
                                            "containerDefinitions",
                                            "cpu",
                                            "awslogs-group",
                                            "awslogs-region",
                                            "a",
                                            "ab",
                                            "abcdefgh",
                                            "abcdefghi",
                                            "abcdefgi",
                                            std::string(300, 'x'),
                                            std::string(299, 'x') + "y"};
    KeyTable table;
    for (std::size_t i = 0; i < names.size(); ++i)
      CHECK(table.insert(names[i], static_cast<KeyId>(i)) == static_cast<KeyId>(i));
    for (std::size_t i = 0; i < names.size(); ++i) {
      CAPTURE(names[i]);
      CHECK(table.find(names[i]) == static_cast<KeyId>(i));
    }
    for (const char* absent : {"containerPorts", "containerPor", "containerPosrt", "", "abcdefg",
                               "abcdefghj", "CPU", "awslogs-grouq"}) {
      CAPTURE(absent);
      CHECK(table.find(absent) == kNoKey);
    }
    CHECK(table.find(std::string(300, 'x') + "z") == kNoKey);
  }

  TEST_CASE("key table: a second insert keeps the first id; the table grows") {
    KeyTable table;
    CHECK(table.find("image") == kNoKey);  // empty table
    CHECK(table.insert("image", 7) == 7);
    CHECK(table.insert("image", 9) == 7);
    CHECK(table.insert("", 3) == kNoKey);
    // Thousands of names: every growth re-places what was there.
    for (KeyId i = 0; i < 3000; ++i)
      CHECK(table.insert("field" + std::to_string(i), static_cast<KeyId>(i + 100)) == i + 100);
    CHECK(table.size() == 3001);
    CHECK(table.find("image") == 7);
    for (KeyId i = 0; i < 3000; ++i)
      CHECK(table.find("field" + std::to_string(i)) == i + 100);
    CHECK(table.find("field3000") == kNoKey);
  }
}
