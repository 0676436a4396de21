#include "reports/baseline_json.h"

#include <gtest/gtest.h>

#include "tests/reports/committee_fixture.h"

namespace pb {
namespace {

using committee_fixture::realistic_report;

TEST(BaselineJson, KeysInFixedOrderAndSameNumbers) {
  const auto r = realistic_report();
  const auto j = baseline_json(r);
  std::vector<std::string> keys;
  for (const auto& [key, value] : j.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"schema", "plan", "municipality", "code_version", "seed",
                                            "bootstrap_replicates", "confidence_level", "min_group_size",
                                            "hours_per_fte", "hourly_cost_dkk", "baseline_point", "follow_up_point",
                                            "measurement_points", "kpis", "savings", "savings_by_meeting_type", "total", "saving_fairness",
                                            "saving_fairness_settings", "edit_effort",
                                            "edit_time_model", "limits"}));
  EXPECT_EQ(j["seed"], 20260105u);
  EXPECT_EQ(j["measurement_points"].size(), 3u);
  EXPECT_EQ(j["measurement_points"][1]["run_id"], 7);
  EXPECT_TRUE(j["measurement_points"][0]["run_id"].is_null());
  EXPECT_EQ(j["measurement_points"][2]["first_date"], "2026-09-07");
  const auto& minutes = j["kpis"][0];
  EXPECT_EQ(minutes["id"], "documentation_minutes");
  EXPECT_TRUE(minutes["label"].is_null());
  EXPECT_EQ(minutes["target"]["likely"], 17.0);
  EXPECT_EQ(minutes["points"][2]["value"], 16.2);
  EXPECT_EQ(minutes["points"][2]["ci"], nlohmann::ordered_json::array({15.1, 17.4}));
  EXPECT_EQ(minutes["points"][2]["verdict"], "inconclusive");
  EXPECT_EQ(minutes["points"][2]["scenario_reached"], "likely");
  EXPECT_TRUE(minutes["points"][0]["scenario_reached"].is_null());
  EXPECT_EQ(minutes["points"][1]["estimated"], true);
  const auto& dagpenge = j["savings"][0];
  EXPECT_EQ(dagpenge["target_group"], "dagpengemodtagere");
  EXPECT_EQ(dagpenge["saving_minutes"], 9.8);
  EXPECT_DOUBLE_EQ(dagpenge["hours_per_year"].get<double>(), 9.8 * 0.81 * 19000 / 60.0);  // 2513.7
  EXPECT_DOUBLE_EQ(dagpenge["fte"].get<double>(), 9.8 * 0.81 * 19000 / 60.0 / 1924.0);
  EXPECT_EQ(j["total"]["did_ci"], nlohmann::ordered_json::array({6.1, 9.5}));
  EXPECT_EQ(j["edit_time_model"]["per_inserted_char"]["value"], 0.0031);
  EXPECT_EQ(j["edit_time_model"]["per_inserted_char"]["se"], 0.0004);
  EXPECT_EQ(j["edit_effort"]["hter_ci"], nlohmann::ordered_json::array({0.168, 0.197}));
}

TEST(BaselineJson, SavingFairnessCellsAndSettings) {
  const auto j = baseline_json(realistic_report());
  const auto& cells = j["saving_fairness"];
  ASSERT_EQ(cells.size(), 3u);
  const auto& job = cells[1];
  EXPECT_EQ(job["group"], "jobparate");
  EXPECT_EQ(job["metric"], "time_saved.minutes");
  EXPECT_EQ(job["grouping"], "target_group");
  EXPECT_EQ(job["kind"], "two_sample_difference");
  EXPECT_EQ(job["reference_group"], "dagpengemodtagere");
  EXPECT_EQ(job["n"], 166);
  EXPECT_EQ(job["value"], 7.1);
  EXPECT_EQ(job["value_ci"], nlohmann::ordered_json::array({5.2, 9.0}));
  EXPECT_EQ(job["ratio_ci"], nlohmann::ordered_json::array({0.52, 0.93}));
  EXPECT_EQ(job["p_adjusted"], 0.0271);
  EXPECT_EQ(job["verdict"], "inconclusive");
  EXPECT_EQ(cells[0]["verdict"], "reference");
  EXPECT_FALSE(cells[0].contains("p_value"));  // the reference is not tested
  const auto& hidden = cells[2];
  EXPECT_EQ(hidden["suppressed"], true);
  EXPECT_EQ(hidden["group"], "ressourceforløb");
  EXPECT_FALSE(hidden.contains("value"));
  EXPECT_FALSE(hidden.contains("n"));
  const auto& settings = j["saving_fairness_settings"];
  EXPECT_EQ(settings["ratio_band"], nlohmann::ordered_json::array({0.8, 1.25}));
  EXPECT_EQ(settings["correction"], "holm");
  EXPECT_EQ(settings["min_cell_size"], 10);
  EXPECT_EQ(settings["bootstrap"]["replicates"], 2000);
  // A NaN in a shown cell is null, never NaN.
  auto r = realistic_report();
  r.saving_fairness[1].ratio = kNoValue;
  r.saving_fairness[1].ratio_ci.reset();
  const auto nan = baseline_json(r)["saving_fairness"][1];
  EXPECT_TRUE(nan["ratio"].is_null());
  EXPECT_TRUE(nan["ratio_ci"].is_null());
}

TEST(BaselineJson, SuppressedCellsAreNullWithAFlag) {
  const auto j = baseline_json(realistic_report());
  const auto& small = j["savings"][2];
  EXPECT_EQ(small["suppressed"], true);
  for (const char* key : {"n_baseline", "n_assisted", "baseline_minutes", "assisted_minutes", "saving_minutes",
                          "saving_ci", "adoption", "hours_per_year", "hours_ci", "fte", "fte_ci", "dkk", "dkk_ci"})
    EXPECT_TRUE(small[key].is_null()) << key;
  EXPECT_EQ(small["annual_volume"], 1200.0);  // a plan input, not a measurement
  const auto& hidden = j["kpis"][3]["points"][1];
  EXPECT_EQ(hidden["suppressed"], true);
  EXPECT_TRUE(hidden["n"].is_null());
  EXPECT_TRUE(hidden["value"].is_null());
  EXPECT_TRUE(hidden["ci"].is_null());
  EXPECT_EQ(hidden["verdict"], "no_data");  // not the builder's not_met: that would reveal which side it fell
  const std::string text = render_baseline_json(realistic_report());
  for (const char* number : {"77.7", "88.8", "66.6", "99.9", "6.66", "5.55", "7.77"})
    EXPECT_EQ(text.find(number), std::string::npos) << number;
}

TEST(BaselineJson, NanIsNullAndOutputIsDeterministic) {
  auto r = realistic_report();
  r.hourly_cost_dkk = kNoValue;
  r.total.dkk = kNoValue;
  r.total.dkk_ci = Interval{kNoValue, 3.0, 0.95};
  r.generated_at = "2026-10-05T08:00:00Z";
  const auto j = baseline_json(r);
  EXPECT_TRUE(j["hourly_cost_dkk"].is_null());
  EXPECT_TRUE(j["total"]["dkk"].is_null());
  EXPECT_TRUE(j["total"]["dkk_ci"].is_null());  // half an interval is no interval
  const std::string a = render_baseline_json(r);
  auto later = r;
  later.generated_at = "2027-01-01T00:00:00Z";  // the report's own timestamp is not part of the document
  EXPECT_EQ(a, render_baseline_json(later));
  EXPECT_EQ(a.find("NaN"), std::string::npos);
  EXPECT_EQ(a.back(), '\n');
  EXPECT_EQ(nlohmann::json::parse(a)["kpis"].size(), 4u);
}

TEST(BaselineJson, MasksCprInFreeTextAndSurvivesBadUtf8) {
  auto r = realistic_report();
  r.municipality = "Vestby 120385-1234";
  r.savings[0].target_group = "gruppe 0101901234";
  r.limits = {"note \xff\xfe broken"};
  const std::string text = render_baseline_json(r);
  EXPECT_EQ(text.find("120385-1234"), std::string::npos);
  EXPECT_EQ(text.find("0101901234"), std::string::npos);
  EXPECT_NE(text.find("gruppe XXXXXX-XXXX"), std::string::npos);
  EXPECT_NE(text.find("note \xEF\xBF\xBD"), std::string::npos);  // invalid bytes become U+FFFD
}

TEST(BaselineJson, ConvertsToPlainJson) {
  // Callers holding an nlohmann::json get the same document (keys then sorted).
  const nlohmann::json plain = baseline_json(realistic_report());
  EXPECT_EQ(plain["kpis"].size(), 4u);
  EXPECT_EQ(plain["total"]["saving_minutes"], 8.5);
  EXPECT_EQ(plain.begin().key(), "baseline_point");
}

TEST(BaselineJson, EmptyReport) {
  const auto j = baseline_json(BaselineReport{});
  EXPECT_TRUE(j["kpis"].empty());
  EXPECT_TRUE(j["follow_up_point"].is_null());
  EXPECT_TRUE(j["total"]["saving_minutes"].is_null());
  EXPECT_EQ(j["total"]["suppressed"], false);
}

}  // namespace
}  // namespace pb
