#include "formats/risk_scores_csv.h"

#include <gtest/gtest.h>

#include "tests/formats/error_text.h"

namespace pb {
namespace {

TEST(RiskScoresCsv, ReadsScoresLabelsAndGroupingColumns) {
  const auto file = parse_risk_scores_csv(
      "\xEF\xBB\xBF" "Case_ID;score;label;target_group;attr_danish;x_note\n"
      "a;0,25;1;jobparate;andetsprog;fri tekst\nb;1;0;sygemeldte;dansk;\n",
      "r.csv");
  EXPECT_TRUE(file.has_target_group);
  EXPECT_EQ(file.attribute_names, std::vector<std::string>{"danish"});
  ASSERT_EQ(file.cases.size(), 2u);
  EXPECT_DOUBLE_EQ(file.cases[0].score, 0.25);
  EXPECT_EQ(file.cases[0].label, 1);
  EXPECT_EQ(file.cases[0].target_group, "jobparate");
  EXPECT_EQ(file.cases[0].attributes.at("danish"), "andetsprog");
  EXPECT_DOUBLE_EQ(file.cases[1].score, 1.0);
}

TEST(RiskScoresCsv, ProblemsNameLineAndColumn) {
  const auto text = testing_formats::error_text([] {
    parse_risk_scores_csv("case_id,score,label\na,0.5,1\na,0.4,0\nb,-0.1,0\nc,0.3,ja\n120385-1234,0.2,0\n,0.1,1\n",
                          "r.csv");
  });
  EXPECT_NE(text.find("r.csv:3: case_id: expected each case once"), std::string::npos) << text;
  EXPECT_NE(text.find("r.csv:4: score: expected a number from 0 to 1, got \"-0.1\""), std::string::npos) << text;
  EXPECT_NE(text.find("r.csv:5: label: expected 0 or 1, got \"ja\""), std::string::npos) << text;
  EXPECT_NE(text.find("r.csv:6: case_id: expected a pseudonymous id"), std::string::npos) << text;
  EXPECT_EQ(text.find("120385-1234"), std::string::npos) << text;
  EXPECT_NE(text.find("r.csv:7: case_id: expected an id"), std::string::npos) << text;
  const auto missing = testing_formats::error_text([] { parse_risk_scores_csv("case_id,score\na,0.5\n", "m.csv"); });
  EXPECT_NE(missing.find("label"), std::string::npos) << missing;
}

TEST(RiskScoresCsv, HeaderOnlyGivesNoCases) {
  EXPECT_TRUE(parse_risk_scores_csv("case_id,score,label\n", "e.csv").cases.empty());
}

}  // namespace
}  // namespace pb
