#include "harness/json_fields.h"

#include <gtest/gtest.h>

namespace pb {
namespace {

TEST(JsonPathLines, FindsNestedValues) {
  const std::string text = R"({
  "name": "demo",
  "solutions": [
    {"id": "a",
     "transcription": {
       "kind": "nope"
     }},
    {"id": "b"}
  ],
  "key with \"quote\"": [1,
    2]
})";
  const auto lines = json_path_lines(text);
  EXPECT_EQ(lines.at(""), 1);
  EXPECT_EQ(lines.at("name"), 2);
  EXPECT_EQ(lines.at("solutions"), 3);
  EXPECT_EQ(lines.at("solutions[0]"), 4);
  EXPECT_EQ(lines.at("solutions[0].transcription.kind"), 6);
  EXPECT_EQ(lines.at("solutions[1].id"), 8);
  EXPECT_EQ(lines.at("key with \"quote\"[1]"), 11);
}

TEST(JsonPathLines, AttachUsesLongestKnownPrefix) {
  const auto lines = json_path_lines("{\n \"a\": {\n  \"b\": 1\n }\n}");
  auto problems = attach_lines({{"s.json", 0, "a.b", "x"}, {"s.json", 0, "a.c.d", "y"}, {"other.json", 0, "a", "z"}},
                               "s.json", lines);
  EXPECT_EQ(problems[0].line, 3);
  EXPECT_EQ(problems[1].line, 2);
  EXPECT_EQ(problems[2].line, 0);
}

TEST(JsonFields, TypeErrorsAreCollected) {
  ProblemList problems;
  JsonFields fields("f.json", 4, problems);
  const auto doc = nlohmann::json::parse(R"({"s": 1, "n": "x", "i": 1.5, "b": "yes", "r": 11})");
  EXPECT_FALSE(fields.string(doc, "s", "", true));
  EXPECT_FALSE(fields.number(doc, "n", "", true));
  EXPECT_FALSE(fields.integer(doc, "i", "", true));
  EXPECT_FALSE(fields.boolean(doc, "b", "", true));
  EXPECT_FALSE(fields.number(doc, "r", "", true, 0.0, 10.0));
  EXPECT_FALSE(fields.string(doc, "missing", "top", true));
  ASSERT_EQ(problems.size(), 6u);
  EXPECT_EQ(problems.items()[0].to_string(), "f.json:4: s: expected a string, got 1");
  EXPECT_EQ(problems.items()[4].to_string(), "f.json:4: r: expected a number between 0 and 10, got 11");
  EXPECT_EQ(problems.items()[5].to_string(), "f.json:4: top.missing: missing; expected a string");
}

}  // namespace
}  // namespace pb
