#include "formats/trec_files.h"

#include <gtest/gtest.h>

#include "tests/formats/error_text.h"

namespace pb {
namespace {

using testing_formats::error_text;

TEST(TrecQrels, ReadsGradesInFileOrderAndSkipsCommentsAndBlankLines) {
  const auto qrels = parse_trec_qrels("# job seekers\nq1 0 v3 2\n\nq1 0 v1 0\r\nq2\t0\tv9\t-1\nq1 0 vø 1", "q.txt");
  ASSERT_EQ(qrels.size(), 2u);
  const auto& q1 = qrels.at("q1");
  ASSERT_EQ(q1.size(), 3u);
  EXPECT_EQ(q1[0].doc_id, "v3");
  EXPECT_EQ(q1[0].grade, 2);
  EXPECT_EQ(q1[2].doc_id, "vø");
  EXPECT_EQ(qrels.at("q2")[0].grade, -1);
}

TEST(TrecQrels, ProblemsNameFileLineAndField) {
  const auto text = error_text([] {
    parse_trec_qrels("q1 0 v1\nq1 0 v2 høj\nq1 0 v3 1\nq1 0 v3 2\n010203-1234 0 v1 1\n", "qrels.txt");
  });
  EXPECT_NE(text.find("qrels.txt:1: line: expected 4 fields"), std::string::npos) << text;
  EXPECT_NE(text.find("qrels.txt:2: relevance: expected an integer, got \"høj\""), std::string::npos) << text;
  EXPECT_NE(text.find("qrels.txt:4: doc_id: expected each document judged once per query"), std::string::npos) << text;
  EXPECT_NE(text.find("qrels.txt:5: query_id: expected a pseudonymous id"), std::string::npos) << text;
  EXPECT_EQ(text.find("010203-1234"), std::string::npos) << text;  // masked
}

TEST(TrecRun, ReadsScoresAndIgnoresRankAndTag) {
  const auto run = parse_trec_run("q1 Q0 v1 1 0.9 sys\nq1 Q0 v2 7 1.5e-1 sys\nq2 Q0 v1 1 -3 other\n", "run.txt");
  ASSERT_EQ(run.at("q1").size(), 2u);
  EXPECT_DOUBLE_EQ(run.at("q1")[1].score, 0.15);
  EXPECT_DOUBLE_EQ(run.at("q2")[0].score, -3.0);
}

TEST(TrecRun, RejectsBadScoresDuplicatesAndShortLines) {
  const auto text = error_text([] {
    parse_trec_run("q1 Q0 v1 1 nan sys\nq1 Q0 v2 1 0.5 sys\nq1 Q0 v2 2 0.4 sys\nq1 Q0 v3 0.4\n", "run.txt");
  });
  EXPECT_NE(text.find("run.txt:1: score: expected a finite number, got \"nan\""), std::string::npos) << text;
  EXPECT_NE(text.find("run.txt:3: doc_id: expected each document retrieved once per query"), std::string::npos) << text;
  EXPECT_NE(text.find("run.txt:4: line: expected 6 fields"), std::string::npos) << text;
}

TEST(TrecFiles, EmptyFilesGiveNoQueries) {
  EXPECT_TRUE(parse_trec_qrels("", "q").empty());
  EXPECT_TRUE(parse_trec_run("\n# nothing\n", "r").empty());
}

TEST(SeekersCsv, ReadsGroupingColumnsAndSemicolons) {
  const auto seekers = parse_seekers_csv("\xEF\xBB\xBFquery_id;target_group;attr_danish\nq1;jobparate;andetsprog\n"
                                         "q2;sygemeldte;dansk\n",
                                         "s.csv");
  EXPECT_EQ(seekers.columns, (std::vector<std::string>{"target_group", "attr_danish"}));
  EXPECT_EQ(seekers.values.at("q1"), (std::vector<std::string>{"jobparate", "andetsprog"}));
}

TEST(SeekersCsv, ProblemsAreReported) {
  const auto text = error_text([] { parse_seekers_csv("query_id,target_group\nq1,\nq2,a\nq2,b\n,c\n", "s.csv"); });
  EXPECT_NE(text.find("s.csv:2: target_group: expected a group value"), std::string::npos) << text;
  EXPECT_NE(text.find("s.csv:4: query_id: expected each query once"), std::string::npos) << text;
  EXPECT_NE(text.find("s.csv:5: query_id: expected a query id"), std::string::npos) << text;
  EXPECT_NE(error_text([] { parse_seekers_csv("target_group\na\n", "t.csv"); }).find("expected a query_id column"),
            std::string::npos);
  EXPECT_NE(error_text([] { parse_seekers_csv("query_id\nq1\n", "t.csv"); }).find("at least one grouping column"),
            std::string::npos);
}

TEST(VacancyGroupsCsv, ReadsAndChecks) {
  const auto groups = parse_vacancy_groups_csv("doc_id,group\nv1,små virksomheder\nv2,store\n", "v.csv");
  EXPECT_EQ(groups.at("v1"), "små virksomheder");
  const auto text = error_text([] { parse_vacancy_groups_csv("doc_id,group\nv1,a\nv1,b\nv2,\n", "v.csv"); });
  EXPECT_NE(text.find("v.csv:3: doc_id: expected each vacancy once"), std::string::npos) << text;
  EXPECT_NE(text.find("v.csv:4: group: expected a value"), std::string::npos) << text;
}

}  // namespace
}  // namespace pb
