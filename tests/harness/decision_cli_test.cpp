// End to end through the real binary: a synthetic case population with a planted bias, a vendor's recorded
// decisions, the built-in logistic baseline and a command-protocol program, run, reported and checked against the
// generator's truth.
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "tests/harness/cli_fixture.h"

namespace pb {
namespace {

class DecisionCli : public CliFixture {
 protected:
  nlohmann::json results_of(const CommandResult& run) {
    const auto out = nlohmann::json::parse(run.out);
    return nlohmann::json::parse(read_file(dir_ / out["reports"]["json"].get<std::string>()));
  }
  static const nlohmann::json& solution(const nlohmann::json& results, const std::string& id) {
    for (const auto& s : results["solutions"])
      if (s["id"] == id) return s;
    throw std::runtime_error("no solution " + id);
  }
  static const nlohmann::json& cell(const nlohmann::json& s, const std::string& metric, const std::string& group) {
    for (const auto& c : s["fairness"])
      if (c["metric"] == metric && c["group"] == group) return c;
    throw std::runtime_error("no fairness cell " + metric + "/" + group);
  }
};

TEST_F(DecisionCli, PlantedBiasIsFlaggedAndPolicyValueCoversTheTruth) {
  ASSERT_EQ(run({"synth", "cases", "--out", "cases", "--n", "3000", "--seed", "4", "--bias-strength", "0.7"}).exit_code, 0);
  // A CPR number planted in an attribute value (a group label) must reach no output.
  std::string cases = read_file(dir_ / "cases" / "cases.csv");
  for (std::size_t at = cases.find(",mand,"); at != std::string::npos; at = cases.find(",mand,", at + 1))
    cases.replace(at, 6, ",mand 020304-0506,");
  write("cases/cases.csv", cases);
  const std::string echo = std::string(PILOTBENCH_SOURCE_DIR) + "/examples/adapters/echo_decider.py";
  write("s.json", R"({"name": "Beslutning 010203-0405", "seed": 9,
    "dataset": {"cases": "cases/cases.csv"},
    "solutions": [
      {"id": "vendor", "name": "Leverandør", "decision": {"kind": "recorded", "path": "cases/recorded_decisions.csv"}},
      {"id": "baseline", "decision": {"kind": "logistic"}},
      {"id": "echo", "decision": {"kind": "command", "argv": ["python3", ")" + echo + R"("]}}
    ],
    "metrics": {"bootstrap": {"replicates": 300}},
    "group_by": ["attributes.danish", "target_group", "attributes.gender"],
    "fairness": {"reference": {"attributes.danish": "first-language"}}})");
  const auto result = run({"run", "s.json", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto out = nlohmann::json::parse(result.out);
  EXPECT_EQ(out["status"], "finished");
  EXPECT_EQ(out["items"]["failed"], 0) << result.out;
  const auto results = results_of(result);
  EXPECT_EQ(results["dataset"]["cases"], 3000);
  EXPECT_GT(results["dataset"]["evaluated_cases"].get<int>(), 700);

  // The vendor withholds an active intervention from 70 % of second-language speakers and overstates their risk.
  const auto& vendor = solution(results, "vendor");
  const auto& active = cell(vendor, "recommendation.active_share", "second-language");
  EXPECT_EQ(active["verdict"], "unfair");
  EXPECT_LT(active["ratio"].get<double>(), 0.8);
  EXPECT_EQ(active["reference_group"], "first-language");
  const auto& fpr = cell(vendor, "risk.fpr", "second-language");
  EXPECT_EQ(fpr["verdict"], "unfair");
  EXPECT_GT(fpr["ratio"].get<double>(), 1.25);

  // Off-policy value of following the vendor's recommendations, against the generator's truth for its rule.
  const auto truth = nlohmann::json::parse(read_file(dir_ / "cases" / "truth.json"));
  double rule_value = NAN;
  for (const auto& g : truth["groups"])
    if (g["group"] == "all") rule_value = g["policies"]["rule"]["in_job_26w"].get<double>();
  ASSERT_TRUE(std::isfinite(rule_value));
  const auto& all = vendor["policy"][0];
  EXPECT_EQ(all["group"], "alle");
  const auto dr = all["dr"]["ci"];
  ASSERT_TRUE(dr.is_array()) << all.dump();
  EXPECT_LE(dr[0].get<double>(), rule_value);
  EXPECT_GE(dr[1].get<double>(), rule_value);
  // Agreement with the caseworker is there, but only as the labelled secondary figure.
  EXPECT_TRUE(all.contains("agreement_with_caseworker_secondary"));

  // The baseline learned on the training split; the command program answered every case.
  const auto& baseline = solution(results, "baseline");
  EXPECT_NE(baseline["training"].get<std::string>().find("logistic"), std::string::npos) << baseline["training"];
  EXPECT_GT(baseline["risk"][0]["auc"]["value"].get<double>(), 0.6);
  EXPECT_EQ(solution(results, "echo")["items"]["failed"], 0);

  // The report regenerated from the store is byte-identical; the HTML has its sections; no CPR number anywhere.
  const auto run_id = std::to_string(out["run_id"].get<int>());
  const auto again = run({"report", run_id, "--format", "json", "--out", "-"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, read_file(dir_ / out["reports"]["json"].get<std::string>()));
  const auto html = read_file(dir_ / out["reports"]["html"].get<std::string>());
  EXPECT_NE(html.find("<svg"), std::string::npos);
  for (const auto& text : {html, again.out, result.err, result.out}) {
    EXPECT_EQ(text.find("010203-0405"), std::string::npos);
    EXPECT_EQ(text.find("020304-0506"), std::string::npos);
  }
  EXPECT_NE(again.out.find("mand XXXXXX-XXXX"), std::string::npos);  // the group is there, its number masked
  const auto junit = run({"report", run_id, "--format", "junit", "--out", "-"});
  ASSERT_EQ(junit.exit_code, 0) << junit.err;
  EXPECT_NE(junit.out.find("<testsuite name=\"vendor\""), std::string::npos) << junit.out;
  EXPECT_NE(junit.out.find("recommendation.active_share for attributes.danish = second-language vs first-language\">\n"
                           "      <failure message=\"ratio"),
            std::string::npos)
      << junit.out;
}

// A decision run that lost items (as after a kill) resumes to exactly the uninterrupted results: training reruns,
// only missing decisions are made, nothing is recorded twice. A changed case file refuses the resume.
TEST_F(DecisionCli, ResumeCompletesTheRunToTheSameResults) {
  ASSERT_EQ(run({"synth", "cases", "--out", "cases", "--n", "600", "--seed", "2", "--bias-strength", "0.5"}).exit_code, 0);
  write("s.json", R"({"name": "resume", "seed": 3, "dataset": {"cases": "cases/cases.csv"},
    "solutions": [{"id": "vendor", "decision": {"kind": "recorded", "path": "cases/recorded_decisions.csv"}},
                  {"id": "baseline", "decision": {"kind": "logistic"}}],
    "metrics": {"bootstrap": {"replicates": 100}}, "group_by": ["attributes.danish"]})");
  ASSERT_EQ(run({"run", "s.json", "-q", "--no-report"}).exit_code, 0);
  const auto clean = run({"report", "1", "--format", "json", "--out", "-"});
  ASSERT_EQ(clean.exit_code, 0) << clean.err;
  const auto planned = nlohmann::json::parse(run({"runs", "--json"}).out)[0]["items_planned"].get<int>();
  // Lose every other decision and the baseline's training record.
  const auto db = (dir_ / "pilotbench.db").string();
  ASSERT_EQ(std::system(("sqlite3 " + db + " \"DELETE FROM items WHERE rowid % 2 = 0 OR task = 'training'; "
                         "UPDATE runs SET status = 'interrupted', finished_at = NULL\"").c_str()),
            0);
  const auto partial = nlohmann::json::parse(run({"runs", "--json"}).out)[0]["items_done"].get<int>();
  ASSERT_LT(partial, planned);
  const auto resumed = run({"run", "--resume", "1", "-q", "--no-report"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  const auto after = nlohmann::json::parse(run({"runs", "--json"}).out)[0];
  EXPECT_EQ(after["items_done"], planned);
  EXPECT_EQ(after["status"], "finished");
  EXPECT_EQ(run({"report", "1", "--format", "json", "--out", "-"}).out, clean.out);

  ASSERT_EQ(std::system(("sqlite3 " + db + " \"UPDATE runs SET status = 'interrupted'\"").c_str()), 0);
  write("cases/cases.csv", read_file(dir_ / "cases" / "cases.csv") + "\n");
  const auto refused = run({"run", "--resume", "1", "-q"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("the case file changed"), std::string::npos) << refused.err;
}

TEST_F(DecisionCli, ValidateChecksDecisionScenariosAndCaseFiles) {
  write("cases.csv", "id,target_group,intervention,propensity\nc1,jobparate,ingen,1.5\n");
  auto bad = run({"validate", "cases.csv"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("cases.csv:2: propensity"), std::string::npos) << bad.err;
  write("cases.csv", "id,split,target_group,intervention\nc1,train,jobparate,ingen\nc2,test,jobparate,vejledning\n");
  auto good = run({"validate", "cases.csv"});
  EXPECT_EQ(good.exit_code, 0) << good.err;
  EXPECT_NE(good.out.find("case dataset with 2 cases"), std::string::npos);
  write("s.json", R"({"name": "x", "dataset": {"cases": "cases.csv"},
    "solutions": [{"id": "a", "decision": {"kind": "recorded"}}, {"id": "b", "decision": {"kind": "telepathy"}}]})");
  auto scenario = run({"validate", "s.json"});
  EXPECT_EQ(scenario.exit_code, 2);
  EXPECT_NE(scenario.err.find("solutions[0].decision.path"), std::string::npos) << scenario.err;
  EXPECT_NE(scenario.err.find("solutions[1].decision.kind"), std::string::npos) << scenario.err;
}

TEST_F(DecisionCli, ScoreRankingAndPseudonymise) {
  write("qrels", "s1 0 v1 1\ns1 0 v2 0\ns2 0 v2 2\n");
  write("run", "s1 Q0 v2 1 0.9 x\ns1 Q0 v1 2 0.8 x\ns2 Q0 v2 1 0.5 x\n");
  const auto ranking = run({"score", "ranking", "--qrels", "qrels", "--run", "run", "-k", "2", "--json"});
  ASSERT_EQ(ranking.exit_code, 0) << ranking.err;
  const auto j = nlohmann::json::parse(ranking.out);
  // s1: relevant at rank 2 → NDCG@2 = (1/log2 3)/1 = 0.6309, RR 1/2; s2: NDCG 1, RR 1.
  EXPECT_NEAR(j["all"]["ndcg"].get<double>(), (1.0 / std::log2(3.0) + 1.0) / 2, 1e-12);
  EXPECT_NEAR(j["all"]["mrr"].get<double>(), 0.75, 1e-12);

  write("export.csv", "cpr;minutter\n120385-1234;12\n");
  auto no_key = run({"pseudonymise", "--in", "export.csv", "--out", "out.csv", "--column", "cpr"});
  EXPECT_EQ(no_key.exit_code, 2);
  EXPECT_NE(no_key.err.find("PILOTBENCH_PSEUDONYM_KEY"), std::string::npos) << no_key.err;
  ::setenv("PB_TEST_KEY", "en nøgle på mindst seksten bytes", 1);
  auto done = run({"pseudonymise", "--in", "export.csv", "--out", "out.csv", "--column", "cpr", "--key-env", "PB_TEST_KEY"});
  ::unsetenv("PB_TEST_KEY");
  ASSERT_EQ(done.exit_code, 0) << done.err;
  const auto text = read_file(dir_ / "out.csv");
  EXPECT_EQ(text.find("120385"), std::string::npos);
  EXPECT_EQ(text.rfind("cpr;minutter\np", 0), 0u) << text;
  EXPECT_EQ(std::filesystem::status(dir_ / "out.csv").permissions() & std::filesystem::perms::group_read,
            std::filesystem::perms::none);
}

TEST_F(DecisionCli, ScoreRiskFromAFileMatchesHandValues) {
  // Six cases: scores with labels; AUC = pairs (positive above negative) / (3·3): positives 0.9, 0.7, 0.4;
  // negatives 0.8, 0.3, 0.1 → 0.9 beats 3, 0.7 beats 2, 0.4 beats 2 → 7/9. Brier = mean (s − y)²
  // = (0.01 + 0.09 + 0.36 + 0.64 + 0.09 + 0.01) / 6 = 1.2 / 6 = 0.2.
  write("scores.csv", "case_id;score;label;attr_danish\nk1;0,9;1;a\nk2;0,7;1;a\nk3;0,4;1;b\nk4;0,8;0;b\n"
                      "k5;0,3;0;a\nk6;0,1;0;b\n");
  const auto result = run({"score", "risk", "--scores", "scores.csv", "--json", "--html", "risk.html"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto j = nlohmann::json::parse(result.out);
  const auto& all = j["solutions"][0]["risk"][0];
  EXPECT_NEAR(all["auc"]["value"].get<double>(), 7.0 / 9.0, 1e-12);
  EXPECT_NEAR(all["brier"]["value"].get<double>(), 0.2, 1e-12);
  // Groups of 3 are under the minimum of 5: hidden, both (no secondary needed: they protect each other).
  for (const auto& g : j["solutions"][0]["risk"]) {
    if (g["grouping"] == "all") continue;
    EXPECT_TRUE(g["suppressed"].get<bool>()) << g.dump();
  }
  EXPECT_NE(read_file(dir_ / "risk.html").find("AUC"), std::string::npos);
  write("bad.csv", "case_id,score,label\nk1,1.5,1\nk2,0.5,2\n");
  const auto bad = run({"score", "risk", "--scores", "bad.csv"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad.csv:2: score: expected a number from 0 to 1"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("bad.csv:3: label: expected 0 or 1"), std::string::npos) << bad.err;
  const auto unknown = run({"score", "risk", "--scores", "scores.csv", "--group-by", "attributes.gender"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("--group-by"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace pb
