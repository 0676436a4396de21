#include "harness/ranking_file_scoring.h"

#include <unistd.h>

#include <cmath>

#include <gtest/gtest.h>

#include "core/files.h"

namespace pb {
namespace {

class RankingScoring : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("pb-ranking-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path write(const std::string& name, const std::string& text) {
    write_private_file(dir_ / name, text);
    return dir_ / name;
  }
  std::filesystem::path dir_;
};

// Two job seekers, hand-computed with trec_eval's rules:
// q1: results v1 0.9, v2 0.5, v3 0.5 (tie: v3 before v2, doc id descending); grades v1 0, v2 1, v3 2.
//   ranks: v1 (0), v3 (2), v2 (1). DCG@3 = 0 + 2/log2(3) + 1/log2(4) = 1.261860 + 0.5 = 1.761860;
//   IDCG@3 = 2 + 1/log2(3) = 2.630930 → NDCG@3 = 0.669672. RR = 1/2. P@3 = 2/3. R@3 = 2/2.
// q2: results v5 1.0; grades v5 1, v6 1 → DCG = 1, IDCG = 1 + 1/log2(3) = 1.630930, NDCG = 0.613147; RR 1;
//   P@3 = 1/3; R@3 = 1/2.
TEST_F(RankingScoring, MeansFollowTrecEval) {
  RankingFileOptions options;
  options.qrels = write("qrels", "q1 0 v1 0\nq1 0 v2 1\nq1 0 v3 2\nq2 0 v5 1\nq2 0 v6 1\n");
  options.run = write("run", "q1 Q0 v1 1 0.9 s\nq1 Q0 v2 2 0.5 s\nq1 Q0 v3 3 0.5 s\nq2 Q0 v5 1 1.0 s\n");
  options.k = 3;
  const auto result = score_ranking_files(options);
  const auto& all = result["all"];
  EXPECT_EQ(all["evaluated"], 2);
  EXPECT_NEAR(all["ndcg"].get<double>(), (0.669672 + 0.613147) / 2, 1e-6);
  EXPECT_NEAR(all["mrr"].get<double>(), 0.75, 1e-12);
  EXPECT_NEAR(all["precision"].get<double>(), 0.5, 1e-12);
  EXPECT_NEAR(all["recall"].get<double>(), 0.75, 1e-12);
  EXPECT_TRUE(result["groups"].empty());
  EXPECT_NE(describe_ranking_score(result).find("NDCG@3 0.6414"), std::string::npos) << describe_ranking_score(result);
}

TEST_F(RankingScoring, GroupsOfSeekersWithFairnessAndSuppression) {
  // 30 seekers: 20 "jobparate" whose single relevant vacancy is ranked first (NDCG 1), 8 "aktivitetsparate" whose
  // relevant vacancy is ranked second (NDCG 1/log2(3) = 0.6309), 2 "sygemeldte" (primary suppression; and, as the only
  // small group, "aktivitetsparate" is hidden too so it cannot be recovered from the total).
  std::string qrels, run, seekers = "query_id,target_group\n";
  for (int i = 0; i < 30; ++i) {
    const std::string q = "s" + std::to_string(i);
    const bool second = i >= 20 && i < 28;
    qrels += q + " 0 good 1\n" + q + " 0 other 0\n";
    run += q + " Q0 good 1 " + (second ? "0.4" : "0.9") + " s\n" + q + " Q0 other 2 0.5 s\n";
    seekers += q + "," + (i < 20 ? "jobparate" : i < 28 ? "aktivitetsparate" : "sygemeldte") + "\n";
  }
  RankingFileOptions options;
  options.qrels = write("qrels", qrels);
  options.run = write("run", run);
  options.seekers = write("seekers.csv", seekers);
  options.vacancy_groups = write("vacancies.csv", "doc_id,group\ngood,lille\nother,stor\nunseen,stor\n");
  options.k = 5;
  options.bootstrap_replicates = 200;
  const auto result = score_ranking_files(options);
  ASSERT_EQ(result["groups"].size(), 3u);
  for (const auto& g : result["groups"]) {
    if (g["group"] == "jobparate") {
      EXPECT_FALSE(g["suppressed"].get<bool>());
      EXPECT_NEAR(g["ndcg"].get<double>(), 1.0, 1e-12);
    } else {
      EXPECT_TRUE(g["suppressed"].get<bool>()) << g.dump();
      EXPECT_FALSE(g.contains("ndcg"));
    }
  }
  ASSERT_EQ(result["suppressed_groups"].size(), 2u);
  EXPECT_EQ(result["suppressed_groups"][0]["group"], "aktivitetsparate");
  EXPECT_EQ(result["suppressed_groups"][0]["reason"], "secondary");
  for (const auto& c : result["fairness"]) {
    if (c["group"] != "jobparate") {
      EXPECT_TRUE(c["suppressed"].get<bool>());
      EXPECT_FALSE(c.contains("value"));
    }
  }
  // Exposure at k = 5: "good" is at rank 1 for 22 seekers and rank 2 for 8; "other" the reverse.
  const auto& exposure = result["exposure"];
  ASSERT_EQ(exposure["groups"].size(), 2u);
  const double good = 22.0 + 8.0 / std::log2(3.0), other = 8.0 + 22.0 / std::log2(3.0);
  EXPECT_NEAR(exposure["groups"][0]["total_exposure"].get<double>(), good, 1e-9);
  EXPECT_NEAR(exposure["groups"][1]["mean_exposure"].get<double>(), other / 2.0, 1e-9);  // "unseen" counts as 0
  EXPECT_NEAR(exposure["min_max_ratio"].get<double>(), (other / 2.0) / good, 1e-9);
}

TEST_F(RankingScoring, UnfairGroupIsFlaggedWithTheRightSign) {
  // 40 seekers in each of two groups; the second group's relevant vacancy sits at rank 3 (NDCG 0.5) against rank 1.
  std::string qrels, run, seekers = "query_id,attr_danish\n";
  for (int i = 0; i < 80; ++i) {
    const std::string q = "s" + std::to_string(i);
    const bool second = i % 2 == 1;
    qrels += q + " 0 good 1\n";
    run += q + " Q0 good 1 " + (second ? "0.1" : "0.9") + " s\n" + q + " Q0 a 2 0.5 s\n" + q + " Q0 b 3 0.4 s\n";
    seekers += q + "," + (second ? "second-language" : "first-language") + "\n";
  }
  RankingFileOptions options;
  options.qrels = write("qrels", qrels);
  options.run = write("run", run);
  options.seekers = write("seekers.csv", seekers);
  options.bootstrap_replicates = 300;
  const auto result = score_ranking_files(options);
  bool found = false;
  for (const auto& c : result["fairness"]) {
    if (c["group"] != "second-language") continue;
    found = true;
    EXPECT_EQ(c["verdict"], "unfair");
    EXPECT_NEAR(c["ratio"].get<double>(), 0.5, 1e-12);
    EXPECT_LT(c["difference"].get<double>(), 0.0);
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace pb
