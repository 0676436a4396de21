#include "core/error.h"

#include <gtest/gtest.h>

namespace pb {
namespace {

TEST(Problem, FormatsFileLineFieldMessage) {
  EXPECT_EQ((Problem{"m.jsonl", 3, "segments[0].start", "expected a number"}).to_string(),
            "m.jsonl:3: segments[0].start: expected a number");
  EXPECT_EQ((Problem{"s.json", 0, "", "cannot open file"}).to_string(), "s.json: cannot open file");
  EXPECT_EQ((Problem{"", 0, "", "bare"}).to_string(), "bare");
}

TEST(ProblemList, ThrowsWithEveryProblem) {
  ProblemList problems;
  EXPECT_NO_THROW(problems.throw_if_any());
  problems.add("a", 1, "x", "first");
  problems.add("a", 2, "y", "second");
  try {
    problems.throw_if_any();
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.problems().size(), 2u);
    EXPECT_STREQ(error.what(), "a:1: x: first\na:2: y: second");
  }
}

}  // namespace
}  // namespace pb
