// The measurement plan reader: every problem named with file, line and JSON path; defaults; KPI directions.
#include "harness/measurement_plan.h"

#include <unistd.h>

#include <cmath>

#include <gtest/gtest.h>

#include "core/files.h"

namespace pb {
namespace {

class PlanFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("pb-plan-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path write(const std::string& text) {
    const auto path = dir_ / "plan.json";
    write_private_file(path, text);
    return path;
  }

  std::string problems_of(const std::string& text) {
    std::string all;
    for (const auto& p : measurement_plan_problems(write(text))) all += p.to_string() + "\n";
    return all;
  }

  std::filesystem::path dir_;
};

const char* kValidPlan = R"({
  "name": "Plan æøå",
  "municipality": "Aarhus",
  "seed": 9,
  "economics": {"hourly_cost_dkk": 430},
  "target_groups": [{"name": "dagpengemodtagere", "annual_volume": 19000}, {"name": "sygemeldte", "annual_volume": 6000}],
  "kpis": [
    {"id": "documentation_minutes", "target": {"pessimistic": 20, "likely": 17, "optimistic": 14}},
    {"id": "adoption_rate", "target": {"likely": 0.75}},
    {"id": "wer", "run_metric": "wer", "target": {"likely": 0.1}},
    {"id": "judge", "run_metric": "judge.accurate", "lower_is_better": false}
  ],
  "points": [
    {"name": "baseline", "kind": "baseline", "timing": "data/baseline.csv"},
    {"name": "final", "timing": "/abs/final.csv", "survey": "s.csv", "run": "latest", "scenario": "demo", "solution": "a"}
  ]
})";

TEST_F(PlanFile, ValidPlanIsReadWithDefaultsAndResolvedPaths) {
  MeasurementPlan plan;
  ASSERT_EQ(problems_of(kValidPlan), "");
  plan = load_measurement_plan(dir_ / "plan.json");
  EXPECT_EQ(plan.name, "Plan æøå");
  EXPECT_EQ(plan.seed, 9u);
  EXPECT_EQ(plan.replicates, 1000);
  EXPECT_DOUBLE_EQ(plan.level, 0.95);
  EXPECT_EQ(plan.min_cell_size, 5);
  EXPECT_DOUBLE_EQ(plan.hours_per_fte, 1924.0);  // 37 h × 52 weeks
  EXPECT_DOUBLE_EQ(plan.hourly_cost_dkk, 430.0);
  ASSERT_EQ(plan.target_groups.size(), 2u);
  EXPECT_EQ(plan.target_groups[1].name, "sygemeldte");
  ASSERT_EQ(plan.kpis.size(), 4u);
  EXPECT_EQ(plan.kpis[0].source, KpiSource::documentation_minutes);
  EXPECT_TRUE(plan.kpis[0].lower_is_better);
  EXPECT_EQ(plan.kpis[0].unit, "minutes");
  EXPECT_FALSE(plan.kpis[1].lower_is_better);
  EXPECT_TRUE(std::isnan(plan.kpis[1].pessimistic));
  EXPECT_EQ(plan.kpis[2].source, KpiSource::run_metric);
  EXPECT_TRUE(plan.kpis[2].lower_is_better);  // WER: known direction
  EXPECT_FALSE(plan.kpis[3].lower_is_better);
  ASSERT_EQ(plan.points.size(), 2u);
  EXPECT_TRUE(plan.points[0].is_baseline);
  EXPECT_EQ(*plan.points[0].timing, dir_ / "data" / "baseline.csv");
  EXPECT_EQ(*plan.points[1].timing, std::filesystem::path("/abs/final.csv"));
  EXPECT_TRUE(plan.points[1].latest_run);
  EXPECT_EQ(plan.points[1].run_scenario, "demo");
  EXPECT_EQ(plan.point("final"), &plan.points[1]);
  EXPECT_EQ(plan.point("midway"), nullptr);
}

TEST_F(PlanFile, EveryProblemIsNamedWithLineAndPath) {
  const std::string text = R"({
  "name": "x",
  "target_groups": [{"name": "jobparate", "annual_volume": -1}],
  "kpis": [
    {"id": "documentation_minutes", "target": {"pessimistic": 10, "likely": 15}},
    {"id": "speed"},
    {"id": "custom", "run_metric": "my.metric"}
  ],
  "points": [
    {"name": "final"},
    {"name": "baseline", "kind": "baseline"},
    {"name": "final", "run": 0}
  ]
})";
  const auto problems = problems_of(text);
  // Lower is better for minutes, so the pessimistic target must be the highest.
  EXPECT_NE(problems.find("plan.json:5: kpis[0].target: expected pessimistic ≥ likely ≥ optimistic"), std::string::npos)
      << problems;
  EXPECT_NE(problems.find("plan.json:3: target_groups[0].annual_volume"), std::string::npos) << problems;
  EXPECT_NE(problems.find("kpis[1].id: unknown KPI \"speed\""), std::string::npos) << problems;
  EXPECT_NE(problems.find("kpis[2].lower_is_better: run metric \"my.metric\" has no known direction"), std::string::npos)
      << problems;
  EXPECT_NE(problems.find("points[1].kind: the baseline must be the first measurement point"), std::string::npos)
      << problems;
  EXPECT_NE(problems.find("points[2].name: measurement point \"final\" appears twice"), std::string::npos) << problems;
  EXPECT_NE(problems.find("points[2].run: expected a run id"), std::string::npos) << problems;
}

TEST_F(PlanFile, MissingBaselineAndUnknownKeysAreProblems) {
  const auto problems = problems_of(R"({"name": "x", "target_groups": [{"name": "a", "annual_volume": 1}],
    "kpis": [{"id": "hter", "unit": "percent"}], "points": [{"name": "midway"}], "colour": "blue"})");
  EXPECT_NE(problems.find("expected exactly one point of \"kind\": \"baseline\", found 0"), std::string::npos) << problems;
  EXPECT_NE(problems.find("colour"), std::string::npos) << problems;
  EXPECT_NE(problems.find("kpis[0].unit: the unit of a built-in KPI is fixed"), std::string::npos) << problems;
}

TEST_F(PlanFile, MalformedJsonNamesLineAndColumn) {
  const auto problems = problems_of("{\n  \"name\": \"x\",\n  \"kpis\": [,]\n}");
  EXPECT_NE(problems.find("plan.json:3: column"), std::string::npos) << problems;
  EXPECT_THROW(load_measurement_plan(dir_ / "plan.json"), InputError);
  EXPECT_THROW(load_measurement_plan(dir_ / "missing.json"), InputError);
}

TEST_F(PlanFile, PlansAndScenariosAreToldApart) {
  EXPECT_TRUE(looks_like_measurement_plan(nlohmann::json::parse(kValidPlan)));
  EXPECT_FALSE(looks_like_measurement_plan(nlohmann::json::parse(R"({"name": "s", "solutions": []})")));
  EXPECT_FALSE(looks_like_measurement_plan(nlohmann::json::array()));
}

TEST_F(PlanFile, FairnessSettingsDefaultAndAreRead) {
  MeasurementPlan plan;
  ASSERT_EQ(problems_of(kValidPlan), "");
  plan = load_measurement_plan(dir_ / "plan.json");
  EXPECT_DOUBLE_EQ(plan.fairness.ratio_lower, 0.8);
  EXPECT_DOUBLE_EQ(plan.fairness.ratio_upper, 1.25);
  EXPECT_EQ(plan.fairness.correction, "holm");
  EXPECT_EQ(plan.fairness.reference, "");

  std::string text = kValidPlan;
  text.replace(text.rfind('}'), 1, R"(, "fairness": {"band": [0.9, 1.1], "correction": "bh", "reference": "sygemeldte"}})");
  ASSERT_EQ(problems_of(text), "");
  plan = load_measurement_plan(dir_ / "plan.json");
  EXPECT_DOUBLE_EQ(plan.fairness.ratio_lower, 0.9);
  EXPECT_DOUBLE_EQ(plan.fairness.ratio_upper, 1.1);
  EXPECT_EQ(plan.fairness.correction, "benjamini-hochberg");
  EXPECT_EQ(plan.fairness.reference, "sygemeldte");
}

TEST_F(PlanFile, FairnessProblemsAreNamedWithLineAndPath) {
  const auto problems = problems_of(R"({"name": "x",
  "target_groups": [{"name": "jobparate", "annual_volume": 10}, {"name": "åbne", "annual_volume": 5}],
  "kpis": [{"id": "hter"}], "points": [{"name": "baseline", "kind": "baseline"}],
  "fairness": {
    "band": [1.2, 0.8],
    "correction": "bonferroni",
    "reference": "ukendt",
    "alpha": 0.1
  }
})");
  EXPECT_NE(problems.find("plan.json:5: fairness.band: expected [lower, upper] with 0 < lower <= 1 <= upper"),
            std::string::npos) << problems;
  EXPECT_NE(problems.find("plan.json:6: fairness.correction: expected \"holm\", \"bh\" or \"benjamini-hochberg\", "
                          "got \"bonferroni\""), std::string::npos) << problems;
  EXPECT_NE(problems.find("plan.json:7: fairness.reference: expected one of the target groups (\"jobparate\", "
                          "\"åbne\"), got \"ukendt\""), std::string::npos) << problems;
  EXPECT_NE(problems.find("alpha"), std::string::npos) << problems;
  EXPECT_NE(problems_of(R"({"name": "x", "target_groups": [{"name": "a", "annual_volume": 1}], "kpis": [{"id": "hter"}],
    "points": [{"name": "baseline", "kind": "baseline"}], "fairness": {"band": [0.8]}})").find("fairness.band"),
            std::string::npos);
}

}  // namespace
}  // namespace pb
