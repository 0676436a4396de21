// The decision-support pipeline around the adapters: scenario parsing, the case file's split, and the runner's
// handling of training, blinding and misbehaving adapters.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <set>
#include <stdexcept>

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/files.h"
#include "formats/case_dataset.h"
#include "harness/case_data.h"
#include "harness/decision_runner.h"
#include "harness/scenario.h"
#include "harness/store.h"

namespace pb {
namespace {

class DecisionPipeline : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("pb-decision-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path write(const std::string& name, const std::string& content) {
    write_private_file(dir_ / name, content);
    return dir_ / name;
  }

  // n cases; case i is "c<i>", target group alternating, intervention ingen / vejledning, with outcomes.
  std::filesystem::path write_cases(int n, bool with_split) {
    std::string csv = std::string("id,") + (with_split ? "split," : "") +
                      "target_group,attr_danish,f_months,intervention,propensity,outcome_in_job_26w,risk_label,"
                      "caseworker_choice\n";
    for (int i = 0; i < n; ++i) {
      csv += "c" + std::to_string(i) + ",";
      if (with_split) csv += i % 3 == 0 ? "test," : "train,";
      csv += std::string(i % 2 ? "jobparate" : "aktivitetsparate") + "," + (i % 4 ? "first" : "second") + "," +
             std::to_string(i % 12) + "," + (i % 2 ? "vejledning" : "ingen") + ",0.5," + std::to_string(i % 3 == 1) +
             "," + std::to_string(i % 5 == 0) + ",løntilskud\n";
    }
    return write("cases.csv", csv);
  }

  Scenario decision_scenario(const std::filesystem::path& cases, const std::string& extra = "") {
    const auto path = write("scenario.json", R"({"name": "beslutning", "seed": 5,
      "dataset": {"cases": ")" + cases.string() + R"("},
      "solutions": [{"id": "x", "decision": {"kind": "logistic"}}],
      "group_by": ["target_group", "attributes.danish"])" + extra + "}");
    return load_scenario(path);
  }

  std::filesystem::path dir_;
};

TEST_F(DecisionPipeline, ScenarioWithCasesIsADecisionScenario) {
  const auto s = decision_scenario(write_cases(10, false), R"(,
      "metrics": {"decision": {"risk_threshold": 0.3, "calibration_bins": 5, "no_intervention": "ingen",
                               "test_share": 0.5}},
      "fairness": {"band": [0.75, 1.33], "correction": "bh", "reference": {"attributes.danish": "first"}})");
  EXPECT_TRUE(s.is_decision());
  ASSERT_EQ(s.solutions.size(), 1u);
  ASSERT_TRUE(s.solutions[0].decision);
  EXPECT_EQ(s.solutions[0].decision->kind, "logistic");
  EXPECT_EQ(s.solutions[0].decision->json_path, "solutions[0].decision");
  EXPECT_DOUBLE_EQ(s.decision.risk_threshold, 0.3);
  EXPECT_EQ(s.decision.calibration_bins, 5);
  EXPECT_DOUBLE_EQ(s.decision.test_share, 0.5);
  EXPECT_DOUBLE_EQ(s.fairness.ratio_lower, 0.75);
  EXPECT_DOUBLE_EQ(s.fairness.ratio_upper, 1.33);
  EXPECT_EQ(s.fairness.correction, "benjamini-hochberg");
  ASSERT_EQ(s.fairness.reference_groups.size(), 1u);
  EXPECT_EQ(s.fairness.reference_groups[0].first, "attributes.danish");
  EXPECT_EQ(s.fairness.reference_groups[0].second, "first");
}

TEST_F(DecisionPipeline, ScenarioProblemsAreNamedWithTheirPath) {
  const auto path = write("bad.json", R"({"name": "b",
    "dataset": {"cases": "cases.csv"},
    "solutions": [{"id": "x", "transcription": {"kind": "reference"}}],
    "group_by": ["meeting_type"],
    "fairness": {"band": [1.2, 0.8], "correction": "bonferroni", "reference": {"attributes.gender": "kvinde"}},
    "metrics": {"decision": {"risk_threshold": 2}}})");
  const auto problems = scenario_problems(path);
  std::string text;
  for (const auto& p : problems) text += p.to_string() + "\n";
  EXPECT_NE(text.find("solutions[0].decision: missing; expected an object"), std::string::npos) << text;
  EXPECT_NE(text.find("solutions[0].transcription: a case dataset has no conversations"), std::string::npos) << text;
  EXPECT_NE(text.find("not \"meeting_type\""), std::string::npos) << text;
  EXPECT_NE(text.find("fairness.band: expected [lower, upper]"), std::string::npos) << text;
  EXPECT_NE(text.find("fairness.correction: expected \"holm\""), std::string::npos) << text;
  EXPECT_NE(text.find("fairness.reference.attributes.gender: expected a grouping listed in group_by"),
            std::string::npos) << text;
  EXPECT_NE(text.find("metrics.decision.risk_threshold"), std::string::npos) << text;
  EXPECT_NE(text.find("bad.json:"), std::string::npos) << text;
}

TEST_F(DecisionPipeline, DecisionAdapterInAConversationScenarioIsRefused) {
  const auto path = write("conv.json", R"({"name": "c", "dataset": {"synthetic": {"n": 5}},
    "solutions": [{"id": "x", "transcription": {"kind": "reference"}, "decision": {"kind": "logistic"}}]})");
  const auto problems = scenario_problems(path);
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems[0].to_string().find("decision adapters need a case dataset"), std::string::npos);
}

TEST_F(DecisionPipeline, FileSplitIsUsedAndInterventionsListNoInterventionFirst) {
  const auto s = decision_scenario(write_cases(30, true));
  const CaseData data = load_case_data(*s.dataset.cases, s);
  EXPECT_EQ(data.split_source, "file");
  EXPECT_EQ(data.evaluated.size(), 10u);  // i % 3 == 0
  EXPECT_EQ(data.training.size(), 20u);
  EXPECT_EQ(data.dataset.cases[data.evaluated[1]].id, "c3");
  // "ingen" first, then the rest in byte order (caseworker choices count too).
  EXPECT_EQ(data.interventions, (std::vector<std::string>{"ingen", "løntilskud", "vejledning"}));
  EXPECT_EQ(data.hash.size(), 64u);
}

TEST_F(DecisionPipeline, HashSplitIsStableWhenCasesAreAddedOrReordered) {
  const auto s = decision_scenario(write_cases(400, false));
  const CaseData data = load_case_data(*s.dataset.cases, s);
  EXPECT_EQ(data.split_source, "hash");
  // Binomial(400, 0.3): 120 expected, sd ≈ 9.2.
  EXPECT_GT(data.evaluated.size(), 80u);
  EXPECT_LT(data.evaluated.size(), 160u);
  std::set<std::string> held_out;
  for (const auto i : data.evaluated) held_out.insert(data.dataset.cases[i].id);
  // The first 200 cases alone, in reverse order: each keeps its side.
  CaseDataset smaller = data.dataset;
  smaller.cases.resize(200);
  std::reverse(smaller.cases.begin(), smaller.cases.end());
  std::ostringstream csv;
  write_case_csv(csv, smaller);
  const auto other = write("smaller.csv", csv.str());
  const CaseData again = load_case_data(other, s);
  for (const auto i : again.evaluated) EXPECT_TRUE(held_out.count(again.dataset.cases[i].id));
  for (const auto i : again.training) EXPECT_FALSE(held_out.count(again.dataset.cases[i].id));
}

TEST_F(DecisionPipeline, PartialSplitColumnIsAnError) {
  const auto file = write("partial.csv",
                          "id,split,target_group,intervention\na,train,jobparate,ingen\nb,,jobparate,ingen\n"
                          "c,test,jobparate,ingen\n");
  const auto s = decision_scenario(file);
  try {
    load_case_data(file, s);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("partial.csv:3: split: expected train or test"), std::string::npos)
        << e.what();
  }
}

// An adapter that records what it saw and misbehaves on purpose for some cases.
class ScriptedDecider : public DecisionAdapter {
 public:
  explicit ScriptedDecider(bool fail_training = false) : fail_training_(fail_training) {}
  ComponentId id() const override { return {"scripted", "1"}; }
  Outcome<TrainingSummary> train(std::span<const CaseRecord> training_cases,
                                 const std::vector<std::string>&) override {
    ++trainings;
    trained_on = training_cases.size();
    for (const auto& c : training_cases) saw_training_outcome = saw_training_outcome || c.outcome_in_job_26w.has_value();
    if (fail_training_) return Outcome<TrainingSummary>::failure("no usable labels\nsecond line");
    return Outcome<TrainingSummary>::success({training_cases.size(), "scripted rule"});
  }
  Outcome<Decision> decide(const DecisionRequest& request) override {
    const auto& c = request.case_record;
    if (c.outcome_in_job_26w || c.propensity || c.risk_label || c.caseworker_choice || !c.intervention.empty())
      leaked = true;
    if (c.id == "c3") throw std::runtime_error("boom");
    if (c.id == "c6") return Outcome<Decision>::success(Decision{0.5, "kursus", std::nullopt, std::nullopt});
    if (c.id == "c9") return Outcome<Decision>::success(Decision{1.5, std::nullopt, std::nullopt, std::nullopt});
    if (c.id == "c12") return Outcome<Decision>::failure("vendor said no");
    return Outcome<Decision>::success(Decision{0.25, "vejledning", 0.1, "B"});
  }
  std::atomic<int> trainings{0};
  std::size_t trained_on = 0;
  bool saw_training_outcome = false;
  std::atomic<bool> leaked{false};

 private:
  bool fail_training_;
};

std::int64_t new_run(Store& store, std::int64_t planned) {
  RunRecord run;
  run.scenario_name = "t";
  run.status = "running";
  run.items_planned = planned;
  return store.create_run(run);
}

TEST_F(DecisionPipeline, MisbehavingAdapterFailsItsItemsOnlyAndSeesBlindedCases) {
  const auto s = decision_scenario(write_cases(30, true));
  const CaseData data = load_case_data(*s.dataset.cases, s);
  Store store = Store::open(dir_ / "run.db");
  const auto run_id = new_run(store, planned_decision_items(data, 1));
  std::vector<DecisionSolutionRuntime> solutions;
  auto adapter = std::make_unique<ScriptedDecider>();
  auto* scripted = adapter.get();
  solutions.push_back({"x", "X", std::move(adapter)});
  ExecutionOptions options;
  options.jobs = 2;
  const auto summary = run_pending_decisions(store, run_id, data, solutions, options);
  EXPECT_EQ(summary.recorded, 11);  // training + 10 held-out cases
  EXPECT_EQ(summary.failed, 4);
  EXPECT_FALSE(summary.interrupted);
  EXPECT_EQ(scripted->trained_on, 20u);
  EXPECT_TRUE(scripted->saw_training_outcome);  // training cases are complete
  EXPECT_FALSE(scripted->leaked.load());        // held-out cases are blinded
  std::map<std::string, ItemRecord> by_id;
  for (const auto& item : store.items(run_id)) by_id[item.item_id] = item;
  EXPECT_EQ(by_id.at("training").task, "training");
  EXPECT_EQ(by_id.at("training").status, "ok");
  EXPECT_NE(by_id.at("training").output_json.find("scripted rule"), std::string::npos);
  EXPECT_EQ(by_id.at("c3").status, "failed");
  EXPECT_NE(by_id.at("c3").error.find("adapter threw: boom"), std::string::npos);
  EXPECT_NE(by_id.at("c6").error.find("kursus"), std::string::npos) << by_id.at("c6").error;
  EXPECT_EQ(by_id.at("c9").status, "failed");  // risk score 1.5
  EXPECT_EQ(by_id.at("c12").error, "vendor said no");
  EXPECT_EQ(by_id.at("c0").status, "ok");
  const auto stored = decision_from_json(by_id.at("c0").output_json);
  ASSERT_TRUE(stored.ok()) << stored.error();
  EXPECT_EQ(stored.value(), (Decision{0.25, "vejledning", 0.1, "B"}));

  // Resume with nothing pending: no item is recorded twice; training reruns only when decisions are pending.
  const auto again = run_pending_decisions(store, run_id, data, solutions, options);
  EXPECT_EQ(again.recorded, 0);
  EXPECT_EQ(scripted->trainings.load(), 1);
}

TEST_F(DecisionPipeline, FailedTrainingFailsEveryDecisionWithTheReason) {
  const auto s = decision_scenario(write_cases(12, true));
  const CaseData data = load_case_data(*s.dataset.cases, s);
  Store store = Store::open(dir_ / "run.db");
  const auto run_id = new_run(store, planned_decision_items(data, 1));
  std::vector<DecisionSolutionRuntime> solutions;
  solutions.push_back({"x", "X", std::make_unique<ScriptedDecider>(true)});
  const auto summary = run_pending_decisions(store, run_id, data, solutions, ExecutionOptions{});
  EXPECT_EQ(summary.recorded, 5);  // training + 4 held out
  EXPECT_EQ(summary.failed, 5);
  for (const auto& item : store.items(run_id)) {
    if (item.task == "training")
      EXPECT_EQ(item.error, "no usable labels\nsecond line");
    else
      EXPECT_EQ(item.error, "training failed: no usable labels");
  }
}

}  // namespace
}  // namespace pb
