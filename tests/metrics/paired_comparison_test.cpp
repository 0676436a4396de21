#include "metrics/paired_comparison.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "core/rng.h"
#include "metrics/bootstrap.h"

namespace pb {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The small table used by several tests. Per item (errors A, errors B, reference words):
//   item  eA  eB  ref   Z = eA − eB   who is better
//   1     3   1   10     2            B
//   2     2   2   8      0            tie
//   3     5   1   12     4            B
//   4     0   1   6     −1            A
//   5     4   2   9      2            B
std::vector<PairedItem> hand_table() { return {{3, 1, 10}, {2, 2, 8}, {5, 1, 12}, {0, 1, 6}, {4, 2, 9}}; }

// Items where B makes `gap` more errors than A on every item, plus some noise shared by both.
std::vector<PairedItem> shifted_items(std::size_t n, double gap, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<PairedItem> items;
  for (std::size_t i = 0; i < n; ++i) {
    const auto ref = static_cast<double>(rng.uniform_int(5, 40));
    const auto base = static_cast<double>(rng.uniform_int(0, 5));
    items.push_back({base, base + gap + static_cast<double>(rng.uniform_int(0, 2)), ref});
  }
  return items;
}

std::vector<PairedItem> swapped(const std::vector<PairedItem>& items) {
  std::vector<PairedItem> out;
  for (const auto& it : items) out.push_back({it.errors_b, it.errors_a, it.ref_words});
  return out;
}

// ---------------------------------------------------------------- normal CDF

TEST(StandardNormalCdf, KnownQuantiles) {
  EXPECT_DOUBLE_EQ(standard_normal_cdf(0.0), 0.5);
  EXPECT_NEAR(standard_normal_cdf(1.959963984540054), 0.975, 1e-12);
  EXPECT_NEAR(standard_normal_cdf(-1.6448536269514722), 0.05, 1e-12);
  EXPECT_NEAR(standard_normal_cdf(-8.0), 6.22096057427178e-16, 1e-25);  // far tail keeps its digits
  EXPECT_DOUBLE_EQ(standard_normal_cdf(40.0), 1.0);
}

// ---------------------------------------------------------------- MAPSSWE

TEST(MatchedPairs, HandComputedTable) {
  // Z = 2, 0, 4, −1, 2; n = 5; ΣZ = 7; mean = 1.4.
  // deviations 0.6, −1.4, 2.6, −2.4, 0.6; squares 0.36 + 1.96 + 6.76 + 5.76 + 0.36 = 15.2
  // σ² = 15.2 / 4 = 3.8; σ = 1.9493589...; σ/√5 = √0.76 = 0.8717798...
  // W = 1.4 / 0.8717798 = 1.6059101...; p = erfc(1.6059101/√2) = 0.1082937 (scipy: 2·norm.sf(W)).
  const auto items = hand_table();
  const auto r = matched_pairs_test(items);
  EXPECT_EQ(r.segments, 5u);
  EXPECT_DOUBLE_EQ(r.mean_difference, 1.4);
  EXPECT_NEAR(r.std_dev, std::sqrt(3.8), 1e-12);
  EXPECT_NEAR(r.statistic, 1.6059101370939324, 1e-12);
  EXPECT_NEAR(r.p_value, 0.10829365589900908, 1e-12);
}

TEST(MatchedPairs, SwappingSystemsNegatesStatisticKeepsP) {
  const auto items = hand_table();
  const auto ab = matched_pairs_test(items);
  const auto ba = matched_pairs_test(swapped(items));
  EXPECT_DOUBLE_EQ(ba.statistic, -ab.statistic);
  EXPECT_DOUBLE_EQ(ba.p_value, ab.p_value);
}

TEST(MatchedPairs, IdenticalSystemsGivePOne) {
  const std::vector<PairedItem> items = {{1, 1, 5}, {0, 0, 3}, {7, 7, 20}};
  const auto r = matched_pairs_test(items);
  EXPECT_EQ(r.mean_difference, 0.0);
  EXPECT_EQ(r.std_dev, 0.0);
  EXPECT_EQ(r.statistic, 0.0);
  EXPECT_EQ(r.p_value, 1.0);
}

TEST(MatchedPairs, ConstantNonZeroGapIsNotAFabricatedZeroP) {
  // σ = 0 with mean 1: sclite would print Z = 0; a naive division gives ±inf and p = 0. Neither is true.
  const std::vector<PairedItem> items = {{2, 1, 5}, {3, 2, 5}, {1, 0, 5}};
  const auto r = matched_pairs_test(items);
  EXPECT_DOUBLE_EQ(r.mean_difference, 1.0);
  EXPECT_EQ(r.std_dev, 0.0);
  EXPECT_TRUE(std::isnan(r.statistic));
  EXPECT_TRUE(std::isnan(r.p_value));
}

TEST(MatchedPairs, ClearlyDifferentSystemsGiveTinyP) {
  const auto r = matched_pairs_test(shifted_items(300, 2.0, 5));
  EXPECT_LT(r.statistic, -20.0);
  EXPECT_LT(r.p_value, 1e-12);
}

TEST(MatchedPairs, UndefinedInputs) {
  const auto empty = matched_pairs_test({});
  EXPECT_EQ(empty.segments, 0u);
  EXPECT_TRUE(std::isnan(empty.mean_difference));
  EXPECT_TRUE(std::isnan(empty.p_value));

  const std::vector<PairedItem> one = {{3, 1, 10}};
  const auto single = matched_pairs_test(one);
  EXPECT_DOUBLE_EQ(single.mean_difference, 2.0);
  EXPECT_TRUE(std::isnan(single.std_dev));
  EXPECT_TRUE(std::isnan(single.p_value));

  const std::vector<PairedItem> nan_item = {{3, 1, 10}, {kNaN, 1, 10}};
  EXPECT_TRUE(std::isnan(matched_pairs_test(nan_item).p_value));
  const std::vector<PairedItem> negative = {{3, 1, 10}, {-1, 1, 10}};
  EXPECT_TRUE(std::isnan(matched_pairs_test(negative).p_value));
  const std::vector<PairedItem> infinite = {{3, 1, 10}, {1, std::numeric_limits<double>::infinity(), 10}};
  EXPECT_TRUE(std::isnan(matched_pairs_test(infinite).mean_difference));
}

// ---------------------------------------------------------------- sign test

TEST(BinomialTwoSided, KnownValues) {
  // 2 · Σ_{i<=k} C(n,i) / 2ⁿ, computed exactly with integers.
  EXPECT_DOUBLE_EQ(binomial_two_sided_p(10, 2), 0.109375);               // 2 · 56/1024
  EXPECT_DOUBLE_EQ(binomial_two_sided_p(10, 8), 0.109375);               // symmetric
  EXPECT_NEAR(binomial_two_sided_p(20, 5), 0.04138946533203125, 1e-15);  // 2 · 21700/2²⁰
  EXPECT_DOUBLE_EQ(binomial_two_sided_p(4, 1), 0.625);                   // 2 · 5/16
  EXPECT_DOUBLE_EQ(binomial_two_sided_p(7, 0), 0.015625);                // 2 · 1/128
  EXPECT_DOUBLE_EQ(binomial_two_sided_p(7, 3), 1.0);                     // 2 · 64/128, capped
  EXPECT_DOUBLE_EQ(binomial_two_sided_p(10, 5), 1.0);
  EXPECT_DOUBLE_EQ(binomial_two_sided_p(1, 0), 1.0);
  EXPECT_DOUBLE_EQ(binomial_two_sided_p(0, 0), 1.0);
}

TEST(BinomialTwoSided, StableForHugeN) {
  // Reference values from exact big-integer sums of C(100000, i).
  EXPECT_NEAR(binomial_two_sided_p(100000, 49500) / 0.0015823598788515956, 1.0, 1e-9);
  EXPECT_NEAR(binomial_two_sided_p(100000, 49000) / 2.588716038346898e-10, 1.0, 1e-9);
  EXPECT_NEAR(binomial_two_sided_p(1000, 450) / 0.0017305360849763176, 1.0, 1e-11);
  EXPECT_DOUBLE_EQ(binomial_two_sided_p(100000, 50000), 1.0);
  const double extreme = binomial_two_sided_p(100000, 0);  // 2^-99999 underflows to 0
  EXPECT_GE(extreme, 0.0);
  EXPECT_LT(extreme, 1e-300);
  EXPECT_FALSE(std::isnan(extreme));
}

TEST(SignTest, HandTable) {
  // A better on item 4, B better on items 1, 3, 5, item 2 tied: n = 4, k = 1 → 2 · (1 + 4)/16 = 0.625.
  const auto r = sign_test(hand_table());
  EXPECT_EQ(r.a_better, 1u);
  EXPECT_EQ(r.b_better, 3u);
  EXPECT_EQ(r.ties, 1u);
  EXPECT_DOUBLE_EQ(r.p_value, 0.625);
}

TEST(SignTest, AllTiesGivePOne) {
  const std::vector<PairedItem> items = {{1, 1, 5}, {0, 0, 3}, {4, 4, 9}};
  const auto r = sign_test(items);
  EXPECT_EQ(r.a_better, 0u);
  EXPECT_EQ(r.b_better, 0u);
  EXPECT_EQ(r.ties, 3u);
  EXPECT_EQ(r.p_value, 1.0);
}

TEST(SignTest, OneSidedWinsOnTenItems) {
  // A better on all 10 → 2 · 2^-10.
  std::vector<PairedItem> items(10, PairedItem{0, 2, 10});
  const auto r = sign_test(items);
  EXPECT_EQ(r.a_better, 10u);
  EXPECT_DOUBLE_EQ(r.p_value, 2.0 / 1024.0);
}

TEST(SignTest, EmptyAndInvalidAreNaN) {
  const auto empty = sign_test({});
  EXPECT_TRUE(std::isnan(empty.p_value));
  EXPECT_EQ(empty.ties, 0u);
  const std::vector<PairedItem> bad = {{1, 0, 5}, {kNaN, 0, 5}};
  EXPECT_TRUE(std::isnan(sign_test(bad).p_value));
}

TEST(SignTest, HugeInput) {
  // 100,000 items: A better on 49,500, B on 50,500 → the exact value checked above.
  std::vector<PairedItem> items;
  for (int i = 0; i < 49500; ++i) items.push_back({0, 1, 7});
  for (int i = 0; i < 50500; ++i) items.push_back({1, 0, 7});
  const auto r = sign_test(items);
  EXPECT_EQ(r.a_better, 49500u);
  EXPECT_EQ(r.b_better, 50500u);
  EXPECT_NEAR(r.p_value / 0.0015823598788515956, 1.0, 1e-9);
}

// ---------------------------------------------------------------- paired bootstrap

TEST(PairedBootstrap, ObservedValuesByHand) {
  // ΣeA = 14, ΣeB = 7, Σref = 45 → WER_A = 0.3111..., WER_B = 0.1555..., difference 7/45.
  const auto r = paired_bootstrap(hand_table(), 200, 1);
  EXPECT_DOUBLE_EQ(r.wer_a, 14.0 / 45.0);
  EXPECT_DOUBLE_EQ(r.wer_b, 7.0 / 45.0);
  EXPECT_DOUBLE_EQ(r.difference, 14.0 / 45.0 - 7.0 / 45.0);
  EXPECT_EQ(r.replicates_used, 200);
  EXPECT_LE(r.ci.lower, r.difference);
  EXPECT_GE(r.ci.upper, r.difference);
  EXPECT_EQ(r.ci.level, 0.95);
}

TEST(PairedBootstrap, SameSeedSameResultOtherSeedDiffers) {
  const auto items = shifted_items(150, 0.2, 9);
  const auto a = paired_bootstrap(items, 500, 42);
  const auto b = paired_bootstrap(items, 500, 42);
  EXPECT_EQ(a.ci.lower, b.ci.lower);
  EXPECT_EQ(a.ci.upper, b.ci.upper);
  EXPECT_EQ(a.p_value, b.p_value);
  const auto c = paired_bootstrap(items, 500, 43);
  EXPECT_TRUE(a.ci.lower != c.ci.lower || a.ci.upper != c.ci.upper);
}

TEST(PairedBootstrap, MatchesUnpairedBootstrapWhenBIsPerfect) {
  // With no errors for B, every replicate difference equals the replicate WER of A, and the draws are
  // the same as bootstrap_ratio_ci's, so the two intervals must agree exactly.
  Rng rng(3);
  std::vector<PairedItem> items;
  std::vector<double> errors, refs;
  for (int i = 0; i < 80; ++i) {
    const auto ref = static_cast<double>(rng.uniform_int(0, 25));  // some items without reference words
    const auto err = static_cast<double>(rng.uniform_int(0, 6));
    items.push_back({err, 0.0, ref});
    errors.push_back(err);
    refs.push_back(ref);
  }
  const auto paired = paired_bootstrap(items, 400, 77, 0.9);
  const auto single = bootstrap_ratio_ci(errors, refs, 400, 77, 0.9);
  EXPECT_EQ(paired.ci.lower, single.lower);
  EXPECT_EQ(paired.ci.upper, single.upper);
  EXPECT_EQ(paired.ci.level, 0.9);
}

TEST(PairedBootstrap, IdenticalSystemsGivePOneAndZeroInterval) {
  const std::vector<PairedItem> items = {{1, 1, 5}, {0, 0, 3}, {7, 7, 20}, {2, 2, 4}};
  const auto r = paired_bootstrap(items, 300, 5);
  EXPECT_EQ(r.difference, 0.0);
  EXPECT_EQ(r.p_value, 1.0);
  EXPECT_LE(r.ci.lower, 0.0);
  EXPECT_GE(r.ci.upper, 0.0);
}

TEST(PairedBootstrap, ClearlyDifferentSystems) {
  // A is better on every item, so no replicate can favour B: k = 0 and p = 2/(B + 1), the floor.
  const auto items = shifted_items(200, 3.0, 11);
  const auto r = paired_bootstrap(items, 999, 8);
  EXPECT_LT(r.difference, 0.0);
  EXPECT_LT(r.ci.upper, 0.0);
  EXPECT_DOUBLE_EQ(r.p_value, 2.0 / 1000.0);
}

TEST(PairedBootstrap, OneDifferingItemIsNotEvidence) {
  // 100 items, A has one extra error on one item. About e^-1 of the replicates omit that item and tie,
  // which must count against the observed direction.
  std::vector<PairedItem> items(100, PairedItem{1, 1, 10});
  items[17].errors_a = 2;
  const auto r = paired_bootstrap(items, 2000, 4);
  EXPECT_GT(r.difference, 0.0);
  EXPECT_GT(r.p_value, 0.5);
  EXPECT_LE(r.ci.lower, 0.0);
}

TEST(PairedBootstrap, SwappingSystemsMirrorsInterval) {
  const auto items = shifted_items(120, 0.3, 21);
  const auto ab = paired_bootstrap(items, 400, 6);
  const auto ba = paired_bootstrap(swapped(items), 400, 6);
  EXPECT_DOUBLE_EQ(ba.difference, -ab.difference);
  EXPECT_NEAR(ba.ci.lower, -ab.ci.upper, 1e-12);
  EXPECT_NEAR(ba.ci.upper, -ab.ci.lower, 1e-12);
  EXPECT_DOUBLE_EQ(ba.p_value, ab.p_value);
}

TEST(PairedBootstrap, UndefinedInputs) {
  const auto empty = paired_bootstrap({}, 100, 1);
  EXPECT_TRUE(std::isnan(empty.difference));
  EXPECT_TRUE(std::isnan(empty.ci.lower));
  EXPECT_TRUE(std::isnan(empty.p_value));
  EXPECT_EQ(empty.replicates_used, 0);

  const std::vector<PairedItem> no_ref = {{1, 0, 0}, {0, 2, 0}};
  EXPECT_TRUE(std::isnan(paired_bootstrap(no_ref, 100, 1).difference));

  const std::vector<PairedItem> bad = {{1, 0, 4}, {0, kNaN, 5}};
  EXPECT_TRUE(std::isnan(paired_bootstrap(bad, 100, 1).p_value));

  // No replicates: the observed WERs still stand, the uncertainty does not.
  const auto none = paired_bootstrap(hand_table(), 0, 1);
  EXPECT_DOUBLE_EQ(none.difference, 7.0 / 45.0);
  EXPECT_TRUE(std::isnan(none.ci.lower));
  EXPECT_TRUE(std::isnan(none.p_value));
}

// ---------------------------------------------------------------- verdict

PairedComparison made_up(double wer_a, double wer_b, double lo, double hi, double p_boot, double p_maps,
                         double p_sign) {
  PairedComparison c{};
  c.bootstrap = {wer_a, wer_b, wer_a - wer_b, {lo, hi, 0.95}, p_boot, 1000};
  c.mapsswe = {50, 0.0, 1.0, 0.0, p_maps};
  c.sign = {10, 20, 20, p_sign};
  return c;
}

TEST(PairedVerdict, SignificantWithDanishNames) {
  const auto c = made_up(0.100, 0.123, -0.035, -0.011, 0.002, 0.0004, 0.004);
  EXPECT_EQ(paired_verdict(c, "Løsning Æ", "Løsning Å"),
            "Løsning Æ has a lower WER than Løsning Å by 2.3 points (95 % CI 1.1 to 3.5); the difference is "
            "statistically significant at α = 0.05 (paired bootstrap p = 0.002, MAPSSWE p < 0.001, sign test p = "
            "0.004).");
}

TEST(PairedVerdict, NotSignificantAndBLower) {
  const auto c = made_up(0.124, 0.120, -0.002, 0.010, 0.31, 0.27, 0.5);
  EXPECT_EQ(paired_verdict(c, "A", "B"),
            "B has a lower WER than A by 0.4 points (95 % CI -0.2 to 1.0); the data do not show a difference at "
            "α = 0.05 (paired bootstrap p = 0.310, MAPSSWE p = 0.270, sign test p = 0.500).");
}

TEST(PairedVerdict, DisagreeingTestsAndUndefinedMapsswe) {
  auto c = made_up(0.10, 0.12, -0.04, -0.001, 0.01, kNaN, 0.2);
  EXPECT_EQ(paired_verdict(c, "A", "B"),
            "A has a lower WER than B by 2.0 points (95 % CI 0.1 to 4.0); the tests disagree at α = 0.05, so "
            "treat the difference as uncertain (paired bootstrap p = 0.010, MAPSSWE p not defined, sign test p = "
            "0.200).");
  // With α = 0.25 all defined p-values are below it; the undefined one does not block the verdict.
  EXPECT_NE(paired_verdict(c, "A", "B", 0.25).find("statistically significant at α = 0.25"), std::string::npos);
}

TEST(PairedVerdict, PNearAlphaGetsMoreDecimals) {
  const auto c = made_up(0.10, 0.12, -0.04, -0.001, 0.0496, 0.0504, 0.04);
  const auto text = paired_verdict(c, "A", "B");
  EXPECT_NE(text.find("paired bootstrap p = 0.0496"), std::string::npos) << text;
  // 0.0504 rounds to 0.050, which is still on the right side of α (not below it), so 3 decimals stay.
  EXPECT_NE(text.find("MAPSSWE p = 0.050,"), std::string::npos) << text;
  EXPECT_NE(text.find("sign test p = 0.040"), std::string::npos) << text;
  EXPECT_NE(text.find("the tests disagree"), std::string::npos) << text;
}

TEST(PairedVerdict, TinyDifferenceKeepsItsDigits) {
  const auto c = made_up(0.1000, 0.1004, -0.001, 0.0002, 0.6, 0.7, 0.8);
  const auto text = paired_verdict(c, "A", "B");
  EXPECT_NE(text.find("by 0.04 points (95 % CI -0.02 to 0.10)"), std::string::npos) << text;
}

TEST(PairedVerdict, IdenticalSystemsFromRealData) {
  const std::vector<PairedItem> items = {{1, 1, 5}, {0, 0, 3}, {3, 3, 12}};
  const auto c = compare_paired(items, 200, 1);
  EXPECT_EQ(paired_verdict(c, "A", "B"),
            "A and B have the same WER (20.0 %); the data do not show a difference at α = 0.05 (paired bootstrap "
            "p = 1.000, MAPSSWE p = 1.000, sign test p = 1.000).");
}

TEST(PairedVerdict, ClearDifferenceFromRealData) {
  const auto c = compare_paired(shifted_items(200, 3.0, 11), 999, 8, 0.9);
  const auto text = paired_verdict(c, "Jobcenter-ASR", "Referencen");
  EXPECT_EQ(text.rfind("Jobcenter-ASR has a lower WER than Referencen by ", 0), 0u) << text;
  EXPECT_NE(text.find("(90 % CI "), std::string::npos) << text;
  EXPECT_NE(text.find("statistically significant"), std::string::npos) << text;
  EXPECT_NE(text.find("MAPSSWE p < 0.001, sign test p < 0.001"), std::string::npos) << text;
}

TEST(PairedVerdict, NothingToCompare) {
  const auto c = compare_paired({}, 100, 1);
  EXPECT_EQ(paired_verdict(c, "A", "B"),
            "A and B cannot be compared: there are no items with reference words scored for both.");
}

TEST(PairedVerdict, NoDefinedPValue) {
  const auto c = made_up(0.10, 0.12, kNaN, kNaN, kNaN, kNaN, kNaN);
  EXPECT_EQ(paired_verdict(c, "A", "B"),
            "A has a lower WER than B by 2.0 points (no confidence interval); the tests cannot decide at α = 0.05 "
            "(paired bootstrap p not defined, MAPSSWE p not defined, sign test p not defined).");
}

// ---------------------------------------------------------------- Holm

TEST(HolmAdjust, HandExample) {
  // m = 4. Sorted: 0.005 (#3), 0.01 (#0), 0.03 (#2), 0.04 (#1).
  // Scaled: 4·0.005 = 0.02, 3·0.01 = 0.03, 2·0.03 = 0.06, 1·0.04 = 0.04.
  // Running max: 0.02, 0.03, 0.06, 0.06. Same as R: p.adjust(c(.01,.04,.03,.005), "holm").
  const std::vector<double> p = {0.01, 0.04, 0.03, 0.005};
  const auto adj = holm_adjust(p);
  ASSERT_EQ(adj.size(), 4u);
  EXPECT_DOUBLE_EQ(adj[0], 0.03);
  EXPECT_DOUBLE_EQ(adj[1], 0.06);
  EXPECT_DOUBLE_EQ(adj[2], 0.06);
  EXPECT_DOUBLE_EQ(adj[3], 0.02);
}

TEST(HolmAdjust, CapsAtOneSkipsNaNAndHandlesTies) {
  // NaN is left out: m = 3. Sorted 0.2, 0.2, 0.6 → 0.6, 0.4 → max 0.6, 0.6 → 0.6, 1·0.6 = 0.6.
  const std::vector<double> p = {0.6, kNaN, 0.2, 0.2};
  const auto adj = holm_adjust(p);
  EXPECT_DOUBLE_EQ(adj[0], 0.6);
  EXPECT_TRUE(std::isnan(adj[1]));
  EXPECT_DOUBLE_EQ(adj[2], 0.6);
  EXPECT_DOUBLE_EQ(adj[3], 0.6);

  const std::vector<double> big = {0.5, 0.9};
  const auto capped = holm_adjust(big);
  EXPECT_DOUBLE_EQ(capped[0], 1.0);  // 2 · 0.5
  EXPECT_DOUBLE_EQ(capped[1], 1.0);

  EXPECT_TRUE(holm_adjust({}).empty());
  const std::vector<double> single = {0.04};
  EXPECT_DOUBLE_EQ(holm_adjust(single)[0], 0.04);
}

}  // namespace
}  // namespace pb
