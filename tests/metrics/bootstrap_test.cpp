#include "metrics/bootstrap.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "core/rng.h"

namespace pb {
namespace {

// Synthetic per-utterance word counts and error counts with a true corpus WER around 15 %.
struct Items {
  std::vector<double> errors;
  std::vector<double> ref_words;
};

Items make_items(std::size_t n, std::uint64_t seed) {
  Rng rng(seed);
  Items items;
  for (std::size_t k = 0; k < n; ++k) {
    const auto words = rng.uniform_int(3, 30);
    std::int64_t errors = 0;
    for (std::int64_t w = 0; w < words; ++w) errors += rng.bernoulli(0.15) ? 1 : 0;
    items.errors.push_back(static_cast<double>(errors));
    items.ref_words.push_back(static_cast<double>(words));
  }
  return items;
}

double ratio(const Items& items) {
  return std::accumulate(items.errors.begin(), items.errors.end(), 0.0) /
         std::accumulate(items.ref_words.begin(), items.ref_words.end(), 0.0);
}

TEST(Quantile, Type7HandValues) {
  const std::vector<double> x = {1.0, 2.0, 3.0, 4.0};
  EXPECT_DOUBLE_EQ(quantile_type7(x, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(quantile_type7(x, 1.0), 4.0);
  EXPECT_DOUBLE_EQ(quantile_type7(x, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(quantile_type7(x, 0.25), 1.75);  // h = 0.75
  EXPECT_DOUBLE_EQ(quantile_type7(x, 0.9), 3.7);    // h = 2.7
  const std::vector<double> one = {5.0};
  EXPECT_DOUBLE_EQ(quantile_type7(one, 0.025), 5.0);
  EXPECT_DOUBLE_EQ(quantile_type7(one, 0.975), 5.0);
}

TEST(Bootstrap, SameSeedSameInterval) {
  const auto items = make_items(200, 1);
  const auto a = bootstrap_ratio_ci(items.errors, items.ref_words, 1000, 42);
  const auto b = bootstrap_ratio_ci(items.errors, items.ref_words, 1000, 42);
  EXPECT_EQ(a.lower, b.lower);
  EXPECT_EQ(a.upper, b.upper);
  EXPECT_EQ(a.level, 0.95);
  const auto c = bootstrap_ratio_ci(items.errors, items.ref_words, 1000, 43);
  EXPECT_TRUE(a.lower != c.lower || a.upper != c.upper);

  const auto m1 = bootstrap_mean_ci(items.errors, 500, 7, 0.9);
  const auto m2 = bootstrap_mean_ci(items.errors, 500, 7, 0.9);
  EXPECT_EQ(m1.lower, m2.lower);
  EXPECT_EQ(m1.upper, m2.upper);
  EXPECT_EQ(m1.level, 0.9);
}

TEST(Bootstrap, RatioIntervalContainsPointEstimate) {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const auto items = make_items(300, seed);
    const double point = ratio(items);
    const auto ci = bootstrap_ratio_ci(items.errors, items.ref_words, 1000, seed * 100);
    EXPECT_LT(ci.lower, point);
    EXPECT_GT(ci.upper, point);
    // Sanity on the scale: 300 items of ~16 words at 15 % gives a standard error of about 0.01.
    EXPECT_GT(ci.upper - ci.lower, 0.01);
    EXPECT_LT(ci.upper - ci.lower, 0.08);
  }
}

TEST(Bootstrap, MeanIntervalContainsMean) {
  Rng rng(5);
  std::vector<double> values;
  for (int k = 0; k < 400; ++k) values.push_back(rng.normal(10.0, 2.0));
  const double mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
  const auto ci = bootstrap_mean_ci(values, 2000, 11);
  EXPECT_LT(ci.lower, mean);
  EXPECT_GT(ci.upper, mean);
  // Normal theory: half-width ≈ 1.96 · 2 / √400 = 0.196.
  EXPECT_NEAR(ci.upper - ci.lower, 0.392, 0.06);
}

TEST(Bootstrap, WidthShrinksWithMoreItems) {
  const auto small = make_items(50, 3);
  const auto large = make_items(2000, 3);
  const auto a = bootstrap_ratio_ci(small.errors, small.ref_words, 1000, 9);
  const auto b = bootstrap_ratio_ci(large.errors, large.ref_words, 1000, 9);
  EXPECT_LT(b.upper - b.lower, 0.5 * (a.upper - a.lower));
}

TEST(Bootstrap, ConstantDataGivesPointInterval) {
  const std::vector<double> values(20, 0.25);
  const auto m = bootstrap_mean_ci(values, 200, 1);
  EXPECT_DOUBLE_EQ(m.lower, 0.25);
  EXPECT_DOUBLE_EQ(m.upper, 0.25);
  const std::vector<double> num(10, 1.0), den(10, 4.0);
  const auto r = bootstrap_ratio_ci(num, den, 200, 1);
  EXPECT_DOUBLE_EQ(r.lower, 0.25);
  EXPECT_DOUBLE_EQ(r.upper, 0.25);
}

TEST(Bootstrap, UndefinedCasesAreNaN) {
  const std::vector<double> empty;
  auto ci = bootstrap_ratio_ci(empty, empty, 1000, 1);
  EXPECT_TRUE(std::isnan(ci.lower));
  EXPECT_TRUE(std::isnan(ci.upper));
  EXPECT_EQ(ci.level, 0.95);

  ci = bootstrap_mean_ci(empty, 1000, 1);
  EXPECT_TRUE(std::isnan(ci.lower));
  EXPECT_TRUE(std::isnan(ci.upper));

  const std::vector<double> num = {1.0, 2.0, 0.0}, zeros = {0.0, 0.0, 0.0};
  ci = bootstrap_ratio_ci(num, zeros, 1000, 1);
  EXPECT_TRUE(std::isnan(ci.lower));
  EXPECT_TRUE(std::isnan(ci.upper));

  const std::vector<double> with_nan = {1.0, std::numeric_limits<double>::quiet_NaN()};
  ci = bootstrap_mean_ci(with_nan, 100, 1);
  EXPECT_TRUE(std::isnan(ci.lower));
  EXPECT_TRUE(std::isnan(ci.upper));

  const std::vector<double> ok = {1.0, 2.0};
  ci = bootstrap_mean_ci(ok, 0, 1);
  EXPECT_TRUE(std::isnan(ci.lower));
}

TEST(Bootstrap, SomeZeroDenominatorsAreFine) {
  // Items with no reference words (e.g. silence) still resample; only replicates whose total
  // denominator is 0 are dropped, and with 30 items that essentially never happens.
  std::vector<double> num, den;
  for (int k = 0; k < 30; ++k) {
    num.push_back(k % 3 == 0 ? 1.0 : 2.0);
    den.push_back(k % 5 == 0 ? 0.0 : 10.0);
  }
  const auto ci = bootstrap_ratio_ci(num, den, 500, 3);
  EXPECT_TRUE(std::isfinite(ci.lower));
  EXPECT_TRUE(std::isfinite(ci.upper));
  EXPECT_LE(ci.lower, ci.upper);
}

TEST(Bootstrap, HigherLevelIsWider) {
  const auto items = make_items(200, 8);
  const auto ci90 = bootstrap_ratio_ci(items.errors, items.ref_words, 2000, 5, 0.90);
  const auto ci99 = bootstrap_ratio_ci(items.errors, items.ref_words, 2000, 5, 0.99);
  EXPECT_LT(ci99.lower, ci90.lower);
  EXPECT_GT(ci99.upper, ci90.upper);
}

}  // namespace
}  // namespace pb
