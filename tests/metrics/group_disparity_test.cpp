#include "metrics/group_disparity.h"

#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/rng.h"
#include "metrics/time_saved.h"

namespace pb {
namespace {

GroupSample values_group(std::string name, std::vector<double> values) {
  GroupSample group;
  group.name = std::move(name);
  group.values = std::move(values);
  return group;
}

GroupSample ratio_group(std::string name, std::vector<double> numerators, std::vector<double> denominators) {
  GroupSample group;
  group.name = std::move(name);
  group.numerators = std::move(numerators);
  group.denominators = std::move(denominators);
  return group;
}

GroupSample proportion_group(std::string name, int successes, int n) {
  GroupSample group;
  group.name = std::move(name);
  for (int i = 0; i < n; ++i) group.values.push_back(i < successes ? 1.0 : 0.0);
  return group;
}

// A copy, so that find(compute_group_disparity(…), name) is safe on the temporary report.
GroupDisparity find(const DisparityReport& report, const std::string& name) {
  for (const auto& group : report.groups)
    if (group.name == name) return group;
  ADD_FAILURE() << "no group " << name;
  return {};
}

DisparityOptions quick(int replicates = 400, std::uint64_t seed = 11) {
  DisparityOptions options;
  options.replicates = replicates;
  options.seed = seed;
  return options;
}

TEST(NewcombeDifference, MatchesNewcombe1998TableIIMethod10) {
  // Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10 (hybrid score), 95 %, 4 decimals.
  struct Case {
    int s1, n1, s2, n2;
    double lower, upper;
  };
  const Case cases[] = {
      {56, 70, 48, 80, 0.0524, 0.3339}, {9, 10, 3, 10, 0.1705, 0.8090},  {6, 7, 2, 7, 0.0582, 0.8062},
      {5, 56, 0, 29, -0.0381, 0.1926},  {0, 10, 0, 20, -0.1611, 0.2775}, {0, 10, 0, 10, -0.2775, 0.2775},
      {10, 10, 0, 20, 0.6791, 1.0000},  {10, 10, 0, 10, 0.6075, 1.0000},
  };
  for (const auto& c : cases) {
    const Interval ci = newcombe_difference_ci(c.s1, c.n1, c.s2, c.n2);
    EXPECT_NEAR(ci.lower, c.lower, 5e-5) << c.s1 << "/" << c.n1 << " − " << c.s2 << "/" << c.n2;
    EXPECT_NEAR(ci.upper, c.upper, 5e-5) << c.s1 << "/" << c.n1 << " − " << c.s2 << "/" << c.n2;
    EXPECT_DOUBLE_EQ(ci.level, 0.95);
  }
}

TEST(NewcombeDifference, UndefinedInputsGiveNaN) {
  EXPECT_TRUE(std::isnan(newcombe_difference_ci(0, 0, 1, 2).lower));
  EXPECT_TRUE(std::isnan(newcombe_difference_ci(3, 2, 1, 2).upper));
  EXPECT_TRUE(std::isnan(newcombe_difference_ci(1, 2, -1, 2).lower));
}

TEST(BootstrapNormalP, ByHand) {
  // Replicates {−1, 1, 2, 3, NaN}: U = 4, mean 1.25, squares 5.0625 + 0.0625 + 0.5625 + 3.0625 = 8.75,
  // se = √(8.75 / 3) = 1.707825…; d = 1.25 → z = 0.731925…, p = erfc(z/√2) = 0.464213…
  EXPECT_NEAR(bootstrap_normal_p(1.25, std::vector<double>{-1, 1, 2, 3, NAN}), 0.46421, 1e-5);
  // d = 1.96·se gives p ≈ 0.05.
  const std::vector<double> replicates = {-1, 1};  // se = √2
  EXPECT_NEAR(bootstrap_normal_p(1.959963984540054 * std::sqrt(2.0), replicates), 0.05, 1e-12);
  EXPECT_DOUBLE_EQ(bootstrap_normal_p(0.0, std::vector<double>{0, 0, 0}), 1.0);
  EXPECT_DOUBLE_EQ(bootstrap_normal_p(0.5, std::vector<double>{0.5, 0.5}), 0.0);
  EXPECT_TRUE(std::isnan(bootstrap_normal_p(1.0, std::vector<double>{1.0})));
  EXPECT_TRUE(std::isnan(bootstrap_normal_p(NAN, std::vector<double>{1, 2})));
  EXPECT_TRUE(std::isnan(bootstrap_normal_p(1.0, std::vector<double>{})));
}

TEST(GroupDisparity, RatioOfSumsPointValuesAndLargestGroupAsReference) {
  // "ref": 6 errors / 30 words = 0.2 (3 items, the largest group). "a": 3 / 20 = 0.15 (2 items).
  // difference 0.15 − 0.2 = −0.05, ratio 0.15 / 0.2 = 0.75.
  const std::vector<GroupSample> groups = {ratio_group("a", {1, 2}, {10, 10}),
                                           ratio_group("ref", {2, 2, 2}, {10, 10, 10})};
  const auto report = compute_group_disparity(groups, GroupMetricKind::ratio_of_sums, false, quick());
  EXPECT_EQ(report.reference_group, "ref");
  EXPECT_FALSE(report.reference_declared);
  EXPECT_TRUE(report.problem.empty());
  const auto& a = find(report, "a");
  EXPECT_EQ(a.n, 2u);
  EXPECT_DOUBLE_EQ(a.numerator_sum, 3.0);
  EXPECT_DOUBLE_EQ(a.denominator_sum, 20.0);
  EXPECT_DOUBLE_EQ(a.value, 0.15);
  EXPECT_NEAR(a.difference, -0.05, 1e-15);
  EXPECT_NEAR(a.ratio, 0.75, 1e-15);
  // 2 items < min_n 5: inconclusive whatever the interval says.
  EXPECT_EQ(a.verdict, FairnessVerdict::inconclusive);
  EXPECT_EQ(a.verdict_reason, "too few");
  const auto& ref = find(report, "ref");
  EXPECT_TRUE(ref.is_reference);
  EXPECT_EQ(ref.verdict, FairnessVerdict::reference);
  EXPECT_DOUBLE_EQ(ref.difference, 0.0);
  EXPECT_DOUBLE_EQ(ref.ratio, 1.0);
  EXPECT_TRUE(std::isnan(ref.p_value));
  // The reference's items are all 2/10, so every replicate is 0.2: a point interval.
  EXPECT_DOUBLE_EQ(ref.value_ci.lower, 0.2);
  EXPECT_DOUBLE_EQ(ref.value_ci.upper, 0.2);
}

TEST(GroupDisparity, LargestTieGoesToFirstNameAndDeclaredReferenceWins) {
  const std::vector<GroupSample> groups = {values_group("øst", {1, 2}), values_group("aarhus", {3, 4}),
                                           values_group("bornholm", {5})};
  EXPECT_EQ(compute_group_disparity(groups, GroupMetricKind::mean, true, quick()).reference_group, "aarhus");
  auto options = quick();
  options.reference_group = "bornholm";
  const auto declared = compute_group_disparity(groups, GroupMetricKind::mean, true, options);
  EXPECT_EQ(declared.reference_group, "bornholm");
  EXPECT_TRUE(declared.reference_declared);
  EXPECT_DOUBLE_EQ(find(declared, "øst").ratio, 1.5 / 5.0);
}

TEST(GroupDisparity, MissingDeclaredReferenceDuplicateNamesAndNoGroups) {
  const std::vector<GroupSample> groups = {values_group("a", {1, 2, 3, 4, 5}), values_group("b", {1, 2, 3, 4, 5})};
  auto options = quick();
  options.reference_group = "c";
  const auto missing = compute_group_disparity(groups, GroupMetricKind::mean, true, options);
  EXPECT_EQ(missing.problem, "reference group 'c' not found");
  EXPECT_TRUE(missing.reference_group.empty());
  for (const auto& group : missing.groups) {
    EXPECT_EQ(group.verdict, FairnessVerdict::inconclusive);
    EXPECT_TRUE(std::isnan(group.ratio));
    EXPECT_DOUBLE_EQ(group.value, 3.0);  // values are still reported
  }
  const std::vector<GroupSample> twins = {values_group("a", {1, 2, 3, 4, 5}), values_group("a", {1, 2, 3, 4, 5})};
  EXPECT_EQ(compute_group_disparity(twins, GroupMetricKind::mean, true, quick()).problem, "duplicate group name 'a'");
  const auto none = compute_group_disparity(std::vector<GroupSample>{}, GroupMetricKind::mean, true, quick());
  EXPECT_EQ(none.problem, "no groups");
  EXPECT_TRUE(none.groups.empty());
}

TEST(GroupDisparity, UndefinedValuesAreNaNWithReasonsNeverZero) {
  const std::vector<GroupSample> groups = {
      ratio_group("ref", {1, 1, 1, 1, 1, 1}, {10, 10, 10, 10, 10, 10}),
      ratio_group("empty", {}, {}),
      ratio_group("silent", {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}),  // no reference words at all
      ratio_group("ragged", {1, 2}, {10}),
      ratio_group("broken", {1, NAN, 1, 1, 1}, {10, 10, 10, 10, 10}),
  };
  const auto report = compute_group_disparity(groups, GroupMetricKind::ratio_of_sums, false, quick());
  EXPECT_EQ(find(report, "empty").value_undefined, "empty group");
  EXPECT_EQ(find(report, "silent").value_undefined, "zero denominator");
  EXPECT_EQ(find(report, "ragged").value_undefined, "numerators and denominators differ in length");
  EXPECT_EQ(find(report, "broken").value_undefined, "non-finite value");
  for (const char* name : {"empty", "silent", "ragged", "broken"}) {
    const auto& group = find(report, name);
    EXPECT_TRUE(std::isnan(group.value)) << name;
    EXPECT_TRUE(std::isnan(group.difference)) << name;
    EXPECT_TRUE(std::isnan(group.ratio)) << name;
    EXPECT_TRUE(std::isnan(group.difference_ci.lower)) << name;
    EXPECT_TRUE(std::isnan(group.p_value)) << name;
    EXPECT_EQ(group.verdict, FairnessVerdict::inconclusive) << name;
  }
  // 5 items, so not "too few": the reason is the undefined value.
  EXPECT_EQ(find(report, "silent").verdict_reason, "value undefined: zero denominator");
  EXPECT_EQ(find(report, "empty").verdict_reason, "too few");
}

TEST(GroupDisparity, ZeroReferenceValueLeavesRatioUndefinedButDifferenceDefined) {
  // Reference WER 0/50 = 0; group 2/50 = 0.04. Ratio has no meaning, the difference 0.04 does.
  const std::vector<GroupSample> groups = {ratio_group("ref", {0, 0, 0, 0, 0}, {10, 10, 10, 10, 10}),
                                           ratio_group("g", {0, 1, 0, 1, 0}, {10, 10, 10, 10, 10})};
  auto options = quick();
  options.reference_group = "ref";
  const auto report = compute_group_disparity(groups, GroupMetricKind::ratio_of_sums, false, options);
  const auto& g = find(report, "g");
  EXPECT_DOUBLE_EQ(g.difference, 0.04);
  EXPECT_TRUE(std::isnan(g.ratio));
  EXPECT_EQ(g.ratio_undefined, "reference value is 0");
  EXPECT_TRUE(std::isnan(g.ratio_ci.lower));
  EXPECT_EQ(g.verdict, FairnessVerdict::inconclusive);
  EXPECT_EQ(g.verdict_reason, "reference value is 0");
  EXPECT_TRUE(std::isnan(find(report, "ref").ratio));  // 0 / 0
  EXPECT_EQ(find(report, "ref").ratio_undefined, "reference value is 0");
  // Every replicate difference is >= 0: at most the replicates with 0 errors drawn count on the other side.
  EXPECT_GE(g.difference_ci.lower, 0.0);
  EXPECT_GT(g.difference_ci.upper, 0.0);
}

TEST(GroupDisparity, ConstantGroupsGivePointIntervalsAndClearVerdicts) {
  // Reference mean 1.0; "close" 0.9 (ratio 0.9, inside 0.8..1.25), "far" 0.5 (ratio 0.5, below 0.8), "same" 1.0.
  // Constant items make every replicate equal to the point value, so the CIs are points.
  const int B = 300;
  const std::vector<GroupSample> groups = {values_group("ref", std::vector<double>(10, 1.0)),
                                           values_group("close", std::vector<double>(8, 0.9)),
                                           values_group("far", std::vector<double>(8, 0.5)),
                                           values_group("high", std::vector<double>(8, 1.3)),
                                           values_group("same", std::vector<double>(8, 1.0))};
  const auto report = compute_group_disparity(groups, GroupMetricKind::mean, true, quick(B));
  const auto& close = find(report, "close");
  EXPECT_DOUBLE_EQ(close.ratio_ci.lower, 0.9);
  EXPECT_DOUBLE_EQ(close.ratio_ci.upper, 0.9);
  EXPECT_EQ(close.ratio_replicates_used, B);
  EXPECT_EQ(close.verdict, FairnessVerdict::fair);
  EXPECT_EQ(close.verdict_reason, "CI inside band");
  // All 300 replicate differences are −0.1: no spread, a non-zero difference → p = 0.
  EXPECT_DOUBLE_EQ(close.p_value, 0.0);
  const auto& far = find(report, "far");
  EXPECT_EQ(far.verdict, FairnessVerdict::unfair);
  EXPECT_EQ(far.verdict_reason, "CI below 0.8");
  const auto& high = find(report, "high");
  EXPECT_EQ(high.verdict, FairnessVerdict::unfair);
  EXPECT_EQ(high.verdict_reason, "CI above 1.25");
  const auto& same = find(report, "same");
  EXPECT_EQ(same.verdict, FairnessVerdict::fair);
  EXPECT_DOUBLE_EQ(same.p_value, 1.0);  // every difference is 0: on both sides
}

TEST(GroupDisparity, BandEdgesAreInsideAndConfigurable) {
  // Ratio exactly 1.0 / 1.25 = 0.8 (exact in binary after rounding both) counts as inside the inclusive band; with a
  // band starting at 0.85 it is outside.
  const std::vector<GroupSample> groups = {values_group("ref", std::vector<double>(10, 1.25)),
                                           values_group("edge", std::vector<double>(10, 1.0))};
  auto options = quick();
  options.reference_group = "ref";
  EXPECT_EQ(find(compute_group_disparity(groups, GroupMetricKind::mean, true, options), "edge").verdict,
            FairnessVerdict::fair);
  options.ratio_lower = 0.85;
  const auto& edge = find(compute_group_disparity(groups, GroupMetricKind::mean, true, options), "edge");
  EXPECT_EQ(edge.verdict, FairnessVerdict::unfair);
  EXPECT_EQ(edge.verdict_reason, "CI below 0.85");
}

TEST(GroupDisparity, NoisySmallGroupStraddlesTheBand) {
  // Group mean 1.0 like the reference, but six items of 0.5 or 1.5: a resampled mean ranges 0.5..1.5, its sd is
  // 0.5/√6 ≈ 0.2, so the 95 % ratio CI reaches well below 0.8 and above 1.25.
  const std::vector<GroupSample> groups = {values_group("ref", std::vector<double>(50, 1.0)),
                                           values_group("noisy", {0.5, 1.5, 0.5, 1.5, 0.5, 1.5})};
  const auto& noisy = find(compute_group_disparity(groups, GroupMetricKind::mean, true, quick(1000)), "noisy");
  EXPECT_DOUBLE_EQ(noisy.ratio, 1.0);
  EXPECT_LT(noisy.ratio_ci.lower, 0.8);
  EXPECT_GT(noisy.ratio_ci.upper, 1.25);
  EXPECT_EQ(noisy.verdict, FairnessVerdict::inconclusive);
  EXPECT_EQ(noisy.verdict_reason, "CI straddles 0.8");
  EXPECT_GT(noisy.p_value, 0.5);
}

TEST(GroupDisparity, NoReplicatesMeansNoIntervalAndNoVerdict) {
  const std::vector<GroupSample> groups = {values_group("ref", std::vector<double>(10, 1.0)),
                                           values_group("g", std::vector<double>(10, 0.5))};
  auto options = quick(0);
  options.reference_group = "ref";  // equal sizes: the default would pick "g", first by name
  const auto g = find(compute_group_disparity(groups, GroupMetricKind::mean, true, options), "g");
  EXPECT_DOUBLE_EQ(g.ratio, 0.5);  // the point values do not need replicates
  EXPECT_TRUE(std::isnan(g.ratio_ci.lower));
  EXPECT_TRUE(std::isnan(g.p_value));
  EXPECT_EQ(g.verdict, FairnessVerdict::inconclusive);
  EXPECT_EQ(g.verdict_reason, "no ratio interval");
}

TEST(GroupDisparity, TooFewInTheReferenceMakesEveryGroupInconclusive) {
  auto options = quick();
  options.reference_group = "ref";
  const std::vector<GroupSample> groups = {values_group("ref", {1, 1, 1}),
                                           values_group("g", std::vector<double>(20, 0.1))};
  const auto& g = find(compute_group_disparity(groups, GroupMetricKind::mean, true, options), "g");
  EXPECT_EQ(g.verdict, FairnessVerdict::inconclusive);
  EXPECT_EQ(g.verdict_reason, "too few");
  EXPECT_DOUBLE_EQ(g.ratio, 0.1);  // still reported
}

TEST(GroupDisparity, ProportionsUseWilsonAndNewcombe) {
  // Newcombe's example (a): 56/70 against 48/80. The reference is the larger group (80).
  const std::vector<GroupSample> groups = {proportion_group("g", 56, 70), proportion_group("ref", 48, 80)};
  const auto report = compute_group_disparity(groups, GroupMetricKind::proportion, true, quick(500));
  EXPECT_EQ(report.reference_group, "ref");
  const auto& g = find(report, "g");
  EXPECT_DOUBLE_EQ(g.value, 0.8);           // 56 / 70
  EXPECT_DOUBLE_EQ(g.numerator_sum, 56.0);  // successes
  EXPECT_NEAR(g.difference, 0.2, 1e-15);    // 0.8 − 0.6
  EXPECT_NEAR(g.ratio, 0.8 / 0.6, 1e-15);
  const auto wilson = estimate_share(56, 70);
  EXPECT_DOUBLE_EQ(g.value_ci.lower, wilson.ci.lower);
  EXPECT_DOUBLE_EQ(g.value_ci.upper, wilson.ci.upper);
  EXPECT_NEAR(g.newcombe_difference_ci.lower, 0.0524, 5e-5);
  EXPECT_NEAR(g.newcombe_difference_ci.upper, 0.3339, 5e-5);
  // The bootstrap difference interval is of the same size (≈ 0.06..0.34) and excludes 0.
  EXPECT_GT(g.difference_ci.lower, 0.0);
  EXPECT_LT(g.difference_ci.lower, 0.15);
  EXPECT_GT(g.difference_ci.upper, 0.25);
  EXPECT_LT(g.p_value, 0.05);
  EXPECT_TRUE(std::isnan(find(report, "ref").newcombe_difference_ci.lower));  // not compared with itself
  // Not a proportion: a value of 2.
  const std::vector<GroupSample> bad = {values_group("x", {0, 1, 2, 1, 0}), proportion_group("ref", 3, 6)};
  EXPECT_EQ(find(compute_group_disparity(bad, GroupMetricKind::proportion, true, quick()), "x").value_undefined,
            "value not 0 or 1");
}

TEST(GroupDisparity, ResamplingIsStratifiedPerGroupStreamAsDocumented) {
  // One replicate: group "g" draws its 3 items from Rng(derive_seed(seed, "disparity-group/g")), the reference its
  // 4 items from its own stream; the difference interval of one replicate is that single difference.
  const std::uint64_t seed = 5;
  const std::vector<double> g_values = {1, 2, 4}, ref_values = {8, 16, 32, 64};
  Rng g_rng(derive_seed(seed, "disparity-group/g")), ref_rng(derive_seed(seed, "disparity-group/ref"));
  double g_sum = 0, ref_sum = 0;
  for (int k = 0; k < 3; ++k) g_sum += g_values[g_rng.index(3)];
  for (int k = 0; k < 4; ++k) ref_sum += ref_values[ref_rng.index(4)];
  const double expected = g_sum / 3 - ref_sum / 4;
  const std::vector<GroupSample> groups = {values_group("g", g_values), values_group("ref", ref_values)};
  const auto report = compute_group_disparity(groups, GroupMetricKind::mean, true, quick(1, seed));
  EXPECT_DOUBLE_EQ(find(report, "g").difference_ci.lower, expected);
  EXPECT_DOUBLE_EQ(find(report, "g").difference_ci.upper, expected);
}

TEST(GroupDisparity, SameSeedSameResultAndAddingAGroupDoesNotMoveOthers) {
  Rng data(3);
  std::vector<double> a(30), b(40), c(25);
  for (auto& v : a) v = data.normal(0.3, 0.1);
  for (auto& v : b) v = data.normal(0.25, 0.1);
  for (auto& v : c) v = data.normal(0.2, 0.1);
  const std::vector<GroupSample> two = {values_group("a", a), values_group("b", b)};
  const std::vector<GroupSample> three = {values_group("c", c), values_group("a", a), values_group("b", b)};
  const auto first = compute_group_disparity(two, GroupMetricKind::mean, false, quick(500, 9));
  const auto again = compute_group_disparity(two, GroupMetricKind::mean, false, quick(500, 9));
  const auto more = compute_group_disparity(three, GroupMetricKind::mean, false, quick(500, 9));
  const auto other_seed = compute_group_disparity(two, GroupMetricKind::mean, false, quick(500, 10));
  EXPECT_EQ(first.reference_group, "b");
  EXPECT_EQ(more.reference_group, "b");
  EXPECT_DOUBLE_EQ(find(first, "a").ratio_ci.lower, find(again, "a").ratio_ci.lower);
  EXPECT_DOUBLE_EQ(find(first, "a").ratio_ci.lower, find(more, "a").ratio_ci.lower);
  EXPECT_DOUBLE_EQ(find(first, "a").ratio_ci.upper, find(more, "a").ratio_ci.upper);
  EXPECT_NE(find(first, "a").ratio_ci.lower, find(other_seed, "a").ratio_ci.lower);
}

// The acceptance check: a planted bias is flagged with the right sign; small unbiased groups are
// inconclusive, not unfair.
TEST(GroupDisparity, PlantedWerBiasIsFlaggedAndSmallUnbiasedGroupsAreInconclusive) {
  Rng data(42);
  auto wer_group = [&](const std::string& name, std::size_t items, double error_rate) {
    GroupSample group;
    group.name = name;
    for (std::size_t i = 0; i < items; ++i) {
      double errors = 0;
      for (int w = 0; w < 20; ++w) errors += data.bernoulli(error_rate) ? 1 : 0;
      group.numerators.push_back(errors);
      group.denominators.push_back(20);
    }
    return group;
  };
  const std::vector<GroupSample> groups = {wer_group("jobparate", 400, 0.10),
                                           wer_group("andetsprogede", 300, 0.20),  // twice the WER
                                           wer_group("sygemeldte", 8, 0.10)};
  const auto report = compute_group_disparity(groups, GroupMetricKind::ratio_of_sums, false, quick(1000, 1));
  EXPECT_EQ(report.reference_group, "jobparate");
  const auto& biased = find(report, "andetsprogede");
  EXPECT_GT(biased.difference, 0.0);  // worse: more errors
  EXPECT_GT(biased.ratio_ci.lower, 1.25);
  EXPECT_EQ(biased.verdict, FairnessVerdict::unfair);
  EXPECT_EQ(biased.verdict_reason, "CI above 1.25");
  EXPECT_LT(biased.p_value, 1e-12);  // the gap is many bootstrap standard errors wide
  const auto& small = find(report, "sygemeldte");
  EXPECT_EQ(small.verdict, FairnessVerdict::inconclusive);
}

TEST(FairnessVerdict, Names) {
  EXPECT_STREQ(to_string(FairnessVerdict::fair), "fair");
  EXPECT_STREQ(to_string(FairnessVerdict::unfair), "unfair");
  EXPECT_STREQ(to_string(FairnessVerdict::inconclusive), "inconclusive");
  EXPECT_STREQ(to_string(FairnessVerdict::reference), "reference");
}

}  // namespace
}  // namespace pb
