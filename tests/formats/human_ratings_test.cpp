#include "formats/human_ratings.h"

#include <gtest/gtest.h>

#include "error_text.h"

namespace pb {
namespace {

using testing_formats::error_text;

TEST(HumanRatings, ReadsCommaSeparatedRowsInAnyColumnOrder) {
  const auto ratings = parse_human_ratings(
      "score,Criterion,rater,solution_id,conversation_id,comment\n"
      "4,accurate,r1,losning-a,conv-0001,fin\n"
      "\n"
      "2,thorough,r2,losning-a,conv-0001,\"mangler aftaler, og \"\"næste skridt\"\"\"\n",
      "ratings.csv");
  ASSERT_EQ(ratings.size(), 2u);
  EXPECT_EQ(ratings[0], (HumanRating{"conv-0001", "losning-a", "r1", "accurate", 4}));
  EXPECT_EQ(ratings[1].criterion, "thorough");
  EXPECT_EQ(ratings[1].score, 2);
}

TEST(HumanRatings, SemicolonsCrlfBomAndDanishText) {
  const auto ratings = parse_human_ratings(
      "\xEF\xBB\xBF" "conversation_id;solution_id;rater;criterion;score\r\nconv-1;løsning-æ;Søren;accurate;5\r\n", "r.csv");
  ASSERT_EQ(ratings.size(), 1u);
  EXPECT_EQ(ratings[0], (HumanRating{"conv-1", "løsning-æ", "Søren", "accurate", 5}));
}

TEST(HumanRatings, EveryBadRowIsReportedWithLineAndColumn) {
  EXPECT_EQ(error_text([] {
              parse_human_ratings("conversation_id,solution_id,rater,criterion,score\n"
                                  "c1,a,r1,accurate,7\n"
                                  "c1,a,r1,accurate,tre\n"
                                  "c1,a,,accurate,3\n"
                                  "c1,a,r1,\"accurate,3\n",
                                  "r.csv");
            }),
            "r.csv:2: score: expected an integer 1-5, got \"7\"\n"
            "r.csv:3: score: expected an integer 1-5, got \"tre\"\n"
            "r.csv:4: rater: missing value\n"
            "r.csv:5: unterminated quoted field in column 4");
}

TEST(HumanRatings, HeaderProblems) {
  EXPECT_EQ(error_text([] { parse_human_ratings("conversation_id,solution_id,rater,score\n", "r.csv"); }),
            "r.csv:1: header: missing column \"criterion\" (expected conversation_id, solution_id, rater, criterion, "
            "score)");
  EXPECT_EQ(error_text([] { parse_human_ratings("", "r.csv"); }),
            "r.csv: empty file; expected a header row with conversation_id, solution_id, rater, criterion, score");
  EXPECT_NE(error_text([] { parse_human_ratings("conversation_id,\xff\n", "r.csv"); }).find("r.csv:1"), std::string::npos);
}

TEST(HumanRatings, ManyRowsAndHeaderOnly) {
  EXPECT_TRUE(parse_human_ratings("conversation_id,solution_id,rater,criterion,score\n", "r.csv").empty());
  std::string csv = "conversation_id,solution_id,rater,criterion,score\n";
  for (int i = 0; i < 20000; ++i) csv += "c" + std::to_string(i) + ",a,r" + std::to_string(i % 3) + ",accurate," + std::to_string(1 + i % 5) + "\n";
  const auto ratings = parse_human_ratings(csv, "r.csv");
  ASSERT_EQ(ratings.size(), 20000u);
  EXPECT_EQ(ratings[19999].score, 5);
}

}  // namespace
}  // namespace pb
