#include "metrics/saving_disparity.h"

#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace pb {
namespace {

SavingGroupSample constant_group(std::string name, double baseline, double assisted, std::size_t n) {
  return {std::move(name), std::vector<double>(n, baseline), std::vector<double>(n, assisted)};
}

// Minutes with a fixed, repeatable spread around a centre: centre − 3 … centre + 3 (baseline) and centre − 2 …
// centre + 2 (assisted), so the sample means are the centres whenever n is a multiple of 35.
SavingGroupSample spread_group(std::string name, double baseline_centre, double assisted_centre, std::size_t n) {
  SavingGroupSample group;
  group.name = std::move(name);
  for (std::size_t i = 0; i < n; ++i) {
    group.baseline_minutes.push_back(baseline_centre + static_cast<double>(i % 7) - 3.0);
    group.assisted_minutes.push_back(assisted_centre + static_cast<double>(i % 5) - 2.0);
  }
  return group;
}

SavingGroupDisparity find(const SavingDisparityReport& report, const std::string& name) {
  for (const auto& group : report.groups)
    if (group.name == name) return group;
  ADD_FAILURE() << "no group " << name;
  return {};
}

DisparityOptions quick_options() {
  DisparityOptions options;
  options.replicates = 400;
  options.seed = 11;
  return options;
}

TEST(SavingDisparity, ConstantSamplesGiveExactValuesAndZeroWidthIntervals) {
  // reference: 30 − 10 = 20 minutes saved; half: 20 − 10 = 10 minutes; ratio 10 / 20 = 0.5, difference −10.
  // Every resample of a constant sample has the same mean, so every interval has zero width.
  const std::vector<SavingGroupSample> groups = {constant_group("fuld", 30.0, 10.0, 12),
                                                 constant_group("halv", 20.0, 10.0, 8)};
  const auto report = compute_saving_disparity(groups, quick_options());
  EXPECT_EQ(report.reference_group, "fuld");  // 24 conversations against 16
  EXPECT_FALSE(report.reference_declared);
  const auto ref = find(report, "fuld");
  EXPECT_TRUE(ref.is_reference);
  EXPECT_EQ(ref.verdict, FairnessVerdict::reference);
  EXPECT_DOUBLE_EQ(ref.saving, 20.0);
  EXPECT_DOUBLE_EQ(ref.ratio, 1.0);
  EXPECT_DOUBLE_EQ(ref.difference, 0.0);
  EXPECT_TRUE(std::isnan(ref.p_value));
  const auto half = find(report, "halv");
  EXPECT_DOUBLE_EQ(half.baseline_mean, 20.0);
  EXPECT_DOUBLE_EQ(half.assisted_mean, 10.0);
  EXPECT_DOUBLE_EQ(half.saving, 10.0);
  EXPECT_DOUBLE_EQ(half.saving_ci.lower, 10.0);
  EXPECT_DOUBLE_EQ(half.saving_ci.upper, 10.0);
  EXPECT_DOUBLE_EQ(half.difference, -10.0);
  EXPECT_DOUBLE_EQ(half.difference_ci.lower, -10.0);
  EXPECT_DOUBLE_EQ(half.difference_ci.upper, -10.0);
  EXPECT_DOUBLE_EQ(half.ratio, 0.5);
  EXPECT_DOUBLE_EQ(half.ratio_ci.lower, 0.5);
  EXPECT_DOUBLE_EQ(half.ratio_ci.upper, 0.5);
  EXPECT_EQ(half.ratio_replicates_used, 400);
  EXPECT_DOUBLE_EQ(half.p_value, 0.0);  // se = 0 and d ≠ 0
  EXPECT_EQ(half.verdict, FairnessVerdict::unfair);
  EXPECT_EQ(half.verdict_reason, "CI below 0.8");
}

TEST(SavingDisparity, PlantedHalfSavingIsUnfairAndEqualSavingIsFair) {
  // jobparate saves 30 − 10 = 20, ligestillede 25 − 5 = 20 (same saving, other levels), halv 20 − 10 = 10.
  const std::vector<SavingGroupSample> groups = {spread_group("jobparate", 30.0, 10.0, 350),
                                                 spread_group("ligestillede", 25.0, 5.0, 210),
                                                 spread_group("halv", 20.0, 10.0, 140)};
  auto options = quick_options();
  const auto report = compute_saving_disparity(groups, options);
  EXPECT_EQ(report.reference_group, "jobparate");
  const auto same = find(report, "ligestillede");
  EXPECT_NEAR(same.ratio, 1.0, 1e-12);
  EXPECT_EQ(same.verdict, FairnessVerdict::fair) << same.verdict_reason;
  EXPECT_GT(same.p_value, 0.05);
  const auto half = find(report, "halv");
  EXPECT_NEAR(half.saving, 10.0, 1e-12);
  EXPECT_NEAR(half.ratio, 0.5, 1e-12);
  EXPECT_LT(half.ratio_ci.upper, 0.8);
  EXPECT_LT(half.ratio_ci.lower, 0.5);
  EXPECT_LT(half.difference_ci.upper, 0.0);
  EXPECT_EQ(half.verdict, FairnessVerdict::unfair);
  EXPECT_EQ(half.verdict_reason, "CI below 0.8");
  EXPECT_LT(half.p_value, 1e-6);
}

TEST(SavingDisparity, SmallGroupsAreInconclusive) {
  auto groups = std::vector<SavingGroupSample>{spread_group("stor", 30.0, 10.0, 70), constant_group("lille", 20.0, 10.0, 4)};
  // Enough baseline minutes but only 3 assisted: still too few, since either arm below min_n counts.
  SavingGroupSample lopsided = constant_group("skæv", 20.0, 10.0, 40);
  lopsided.assisted_minutes.resize(3);
  groups.push_back(lopsided);
  const auto report = compute_saving_disparity(groups, quick_options());
  for (const char* name : {"lille", "skæv"}) {
    const auto group = find(report, name);
    EXPECT_EQ(group.verdict, FairnessVerdict::inconclusive) << name;
    EXPECT_EQ(group.verdict_reason, "too few") << name;
    EXPECT_DOUBLE_EQ(group.ratio, 0.5) << name;  // the numbers are still shown: 10 / 20
  }
}

TEST(SavingDisparity, DeclaredReferenceIsUsedEvenWhenSmaller) {
  const std::vector<SavingGroupSample> groups = {constant_group("stor", 30.0, 10.0, 50),
                                                 constant_group("lille", 20.0, 10.0, 10)};
  auto options = quick_options();
  options.reference_group = "lille";
  const auto report = compute_saving_disparity(groups, options);
  EXPECT_EQ(report.reference_group, "lille");
  EXPECT_TRUE(report.reference_declared);
  const auto big = find(report, "stor");
  EXPECT_DOUBLE_EQ(big.ratio, 2.0);  // 20 / 10
  EXPECT_DOUBLE_EQ(big.difference, 10.0);
  EXPECT_EQ(big.verdict, FairnessVerdict::unfair);
  EXPECT_EQ(big.verdict_reason, "CI above 1.25");

  options.reference_group = "ukendt";
  const auto missing = compute_saving_disparity(groups, options);
  EXPECT_EQ(missing.problem, "reference group 'ukendt' not found");
  EXPECT_TRUE(missing.reference_group.empty());
  for (const auto& g : missing.groups) {
    EXPECT_EQ(g.verdict, FairnessVerdict::inconclusive);
    EXPECT_TRUE(std::isnan(g.ratio));
    EXPECT_DOUBLE_EQ(g.saving, g.name == "stor" ? 20.0 : 10.0);
  }
}

TEST(SavingDisparity, NonPositiveReferenceSavingLeavesRatioUndefinedNeverZero) {
  // Reference: 10 − 12 = −2 minutes (AI costs time); other: 20 − 10 = 10. Difference 10 − (−2) = 12.
  const std::vector<SavingGroupSample> groups = {constant_group("ref", 10.0, 12.0, 20),
                                                 constant_group("anden", 20.0, 10.0, 10)};
  const auto report = compute_saving_disparity(groups, quick_options());
  const auto other = find(report, "anden");
  EXPECT_DOUBLE_EQ(other.difference, 12.0);
  EXPECT_TRUE(std::isnan(other.ratio));
  EXPECT_TRUE(std::isnan(other.ratio_ci.lower));
  EXPECT_EQ(other.ratio_undefined, "reference saving is not positive");
  EXPECT_EQ(other.verdict, FairnessVerdict::inconclusive);
  EXPECT_EQ(other.verdict_reason, "reference saving is not positive");
  EXPECT_EQ(find(report, "ref").ratio_undefined, "reference saving is not positive");
  EXPECT_TRUE(std::isnan(find(report, "ref").ratio));
}

TEST(SavingDisparity, UndefinedSavingsAreNaNWithReasons) {
  SavingGroupSample no_assisted = constant_group("uden", 20.0, 10.0, 10);
  no_assisted.assisted_minutes.clear();
  SavingGroupSample broken = constant_group("brudt", 20.0, 10.0, 10);
  broken.baseline_minutes[3] = std::nan("");
  const std::vector<SavingGroupSample> groups = {constant_group("ref", 30.0, 10.0, 30), no_assisted, broken};
  const auto report = compute_saving_disparity(groups, quick_options());
  const auto none = find(report, "uden");
  EXPECT_TRUE(std::isnan(none.saving));
  EXPECT_EQ(none.saving_undefined, "no assisted minutes");
  EXPECT_EQ(none.ratio_undefined, "saving undefined: no assisted minutes");
  EXPECT_TRUE(std::isnan(none.p_value));
  EXPECT_TRUE(std::isnan(none.saving_ci.lower));
  EXPECT_EQ(none.verdict, FairnessVerdict::inconclusive);
  EXPECT_EQ(none.verdict_reason, "too few");  // 0 assisted minutes is also fewer than min_n
  const auto nan = find(report, "brudt");
  EXPECT_EQ(nan.saving_undefined, "non-finite value");
  EXPECT_EQ(nan.verdict_reason, "saving undefined: non-finite value");

  EXPECT_EQ(compute_saving_disparity({}, quick_options()).problem, "no groups");
  const std::vector<SavingGroupSample> twice = {constant_group("a", 2, 1, 5), constant_group("a", 2, 1, 5)};
  EXPECT_EQ(compute_saving_disparity(twice, quick_options()).problem, "duplicate group name 'a'");
}

TEST(SavingDisparity, DanishNamesAndStreamsPerGroup) {
  // Each group resamples from its own stream named after it, so adding a group changes no other group's interval,
  // and names with æøå are kept byte for byte.
  const auto first = spread_group("sygedagpengemodtagere æøå", 30.0, 12.0, 70);
  const auto second = spread_group("Åbent tilbud – øvrige", 26.0, 9.0, 35);
  const std::vector<SavingGroupSample> one = {first};
  const std::vector<SavingGroupSample> two = {first, second};
  const auto alone = compute_saving_disparity(one, quick_options());
  const auto both = compute_saving_disparity(two, quick_options());
  EXPECT_EQ(both.reference_group, "sygedagpengemodtagere æøå");
  EXPECT_DOUBLE_EQ(alone.groups[0].saving_ci.lower, both.groups[0].saving_ci.lower);
  EXPECT_DOUBLE_EQ(alone.groups[0].saving_ci.upper, both.groups[0].saving_ci.upper);
  EXPECT_LT(alone.groups[0].saving_ci.lower, 18.0);
  EXPECT_GT(alone.groups[0].saving_ci.upper, 18.0);
  EXPECT_EQ(both.groups[1].name, "Åbent tilbud – øvrige");
  EXPECT_NEAR(both.groups[1].ratio, 17.0 / 18.0, 1e-12);  // (26 − 9) / (30 − 12)
  // Same inputs and seed: the same numbers.
  const auto again = compute_saving_disparity(two, quick_options());
  EXPECT_DOUBLE_EQ(again.groups[1].ratio_ci.lower, both.groups[1].ratio_ci.lower);
  EXPECT_DOUBLE_EQ(again.groups[1].p_value, both.groups[1].p_value);
}

}  // namespace
}  // namespace pb
