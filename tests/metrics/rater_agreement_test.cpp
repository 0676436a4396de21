#include "metrics/rater_agreement.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "python_peer.h"

namespace pb {
namespace {

using Matrix = std::vector<std::vector<std::optional<double>>>;
constexpr auto kNa = std::nullopt;

using testing_peers::python_has;
using testing_peers::run_python;

std::string python_list(const std::vector<int>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + std::to_string(v[i]);
  return s + "]";
}

std::vector<double> parse_numbers(const std::string& text) {
  std::istringstream in(text);
  std::vector<double> out;
  for (std::string word; in >> word;) out.push_back(word == "nan" ? std::nan("") : std::stod(word));
  return out;
}

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers × 12 units with
// missing values. Rows are observers A–D.
Matrix krippendorff_2011_example() {
  return {
      {1, 2, 3, 3, 2, 1, 4, 1, 2, kNa, kNa, kNa},
      {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, kNa, 3},
      {kNa, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, kNa},
      {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, kNa},
  };
}

// 3 coders × 15 units, the example used by the Wikipedia article and the fast-krippendorff test-suite.
Matrix three_coder_example() {
  return {
      {kNa, kNa, kNa, kNa, kNa, 3, 4, 1, 2, 1, 1, 3, 3, kNa, 3},
      {1, kNa, 2, 1, 3, 3, 4, 3, kNa, kNa, kNa, kNa, kNa, kNa, kNa},
      {kNa, kNa, 2, 1, 3, 4, 4, kNa, 2, 1, 1, 3, 3, kNa, 4},
  };
}

TEST(QuadraticWeightedKappa, HandComputedValues) {
  EXPECT_DOUBLE_EQ(quadratic_weighted_kappa({1, 2, 3, 4, 5}, {1, 2, 3, 4, 5}, 1, 5), 1.0);
  // Full reversal at the extremes: ΣwO = 2·16/16 = 2; E has 0.5 in each corner, ΣwE = 2·0.5·16/16 = 1 → κ = −1.
  EXPECT_DOUBLE_EQ(quadratic_weighted_kappa({1, 5}, {5, 1}, 1, 5), -1.0);
  // O = [[1,1],[1,1]] and E = [[1,1],[1,1]] → ΣwO = ΣwE = 2 → κ = 0 (agreement at chance level).
  EXPECT_DOUBLE_EQ(quadratic_weighted_kappa({1, 1, 2, 2}, {1, 2, 1, 2}, 1, 2), 0.0);
  // One miss by one step (5 rated 4). ΣwO = 1/16. Column totals 1,1,1,2,0 and Σ_i (i−j)² = 30,15,10,15,30 give
  // ΣwE = (30+15+10+2·15)/(16·5) = 85/80. κ = 1 − (1/16)/(85/80) = 1 − 1/17 = 16/17.
  EXPECT_NEAR(quadratic_weighted_kappa({1, 2, 3, 4, 5}, {1, 2, 3, 4, 4}, 1, 5), 16.0 / 17.0, 1e-12);
}

TEST(QuadraticWeightedKappa, UnusedCategoriesOfTheScaleDoNotChangeKappa) {
  // Quadratic weights are (i−j)²/(K−1)²; the normalisation cancels, so widening the scale leaves κ as it is.
  const std::vector<int> a{2, 3, 3, 4, 2, 4}, b{2, 3, 4, 4, 3, 3};
  EXPECT_NEAR(quadratic_weighted_kappa(a, b, 2, 4), quadratic_weighted_kappa(a, b, 1, 5), 1e-12);
}

TEST(QuadraticWeightedKappa, UndefinedCasesAreNaN) {
  EXPECT_TRUE(std::isnan(quadratic_weighted_kappa({}, {}, 1, 5)));
  EXPECT_TRUE(std::isnan(quadratic_weighted_kappa({3, 3, 3}, {3, 3, 3}, 1, 5)));
}

TEST(QuadraticWeightedKappa, RejectsMalformedInput) {
  EXPECT_THROW(quadratic_weighted_kappa({1, 2}, {1}, 1, 5), std::invalid_argument);
  EXPECT_THROW(quadratic_weighted_kappa({1, 6}, {1, 2}, 1, 5), std::invalid_argument);
  EXPECT_THROW(quadratic_weighted_kappa({0, 2}, {1, 2}, 1, 5), std::invalid_argument);
  EXPECT_THROW(quadratic_weighted_kappa({1}, {1}, 3, 3), std::invalid_argument);
}

TEST(QuadraticWeightedKappa, MatchesScikitLearnOnRandomRatings) {
  if (!python_has("sklearn"))
    GTEST_SKIP() << "/usr/bin/python3 has no scikit-learn (apt install python3-sklearn) — peer comparison skipped";
  std::mt19937 gen(20240611);
  std::uniform_int_distribution<int> rating(1, 5), noise(-1, 1), size(2, 60);
  std::vector<std::pair<std::vector<int>, std::vector<int>>> cases;
  std::string script = "from sklearn.metrics import cohen_kappa_score\nimport warnings\nwarnings.simplefilter('ignore')\n";
  for (int t = 0; t < 40; ++t) {
    std::vector<int> a, b;
    const int n = size(gen);
    for (int i = 0; i < n; ++i) {
      a.push_back(rating(gen));
      // Half the cases correlated (the realistic situation), half independent.
      b.push_back(t % 2 ? std::clamp(a.back() + noise(gen), 1, 5) : rating(gen));
    }
    script += "print(cohen_kappa_score(" + python_list(a) + "," + python_list(b) + ",labels=[1,2,3,4,5],weights='quadratic'))\n";
    cases.emplace_back(std::move(a), std::move(b));
  }
  const auto out = run_python(script);
  ASSERT_TRUE(out.has_value()) << "the sklearn script failed";
  const auto expected = parse_numbers(*out);
  ASSERT_EQ(expected.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const double ours = quadratic_weighted_kappa(cases[i].first, cases[i].second, 1, 5);
    if (std::isnan(expected[i])) EXPECT_TRUE(std::isnan(ours)) << "case " << i;
    else EXPECT_NEAR(ours, expected[i], 1e-9) << "case " << i;
  }
}

TEST(KrippendorffAlpha, PublishedWorkedExample2011) {
  // Published values (Krippendorff 2011, section C): nominal .743, ordinal .815, interval .849.
  const auto data = krippendorff_2011_example();
  const auto nominal = krippendorff_alpha(data, AlphaLevel::nominal);
  const auto ordinal = krippendorff_alpha(data, AlphaLevel::ordinal);
  const auto interval = krippendorff_alpha(data, AlphaLevel::interval);
  ASSERT_TRUE(nominal && ordinal && interval);
  EXPECT_NEAR(*nominal, 0.743, 0.0005);
  EXPECT_NEAR(*ordinal, 0.815, 0.0005);
  EXPECT_NEAR(*interval, 0.849, 0.0005);
}

TEST(KrippendorffAlpha, NominalExampleExactArithmetic) {
  // Same data, nominal, by hand. Pairable units (m_u ≥ 2) are 1–11 (unit 12 has one value).
  // Off-diagonal coincidences: unit 2 (2,2,3,2) gives 3·1/3 twice over ordered pairs → o(2,3)=o(3,2)=1;
  // unit 6 (1,2,3,4) gives 1/3 for each of the 12 ordered pairs → 4; unit 8 (1,1,2,1) → o(1,2)=o(2,1)=1.
  // Σ_{c≠k} o_ck = 2 + 4 + 2 = 8. Marginals: n_1 = 9, n_2 = 13, n_3 = 10, n_4 = 5, n_5 = 3 → n = 40.
  // Σ_c n_c² = 81 + 169 + 100 + 25 + 9 = 384; Σ_{c≠k} n_c n_k = 40² − 384 = 1216.
  // α = 1 − (n−1)·Σ o / Σ n n = 1 − 39·8/1216 = 1 − 312/1216 = 0.743421...
  const auto alpha = krippendorff_alpha(krippendorff_2011_example(), AlphaLevel::nominal);
  ASSERT_TRUE(alpha);
  EXPECT_NEAR(*alpha, 1.0 - 312.0 / 1216.0, 1e-12);
}

TEST(KrippendorffAlpha, ThreeCoderExample) {
  const auto data = three_coder_example();
  const auto nominal = krippendorff_alpha(data, AlphaLevel::nominal);
  const auto interval = krippendorff_alpha(data, AlphaLevel::interval);
  ASSERT_TRUE(nominal && interval);
  EXPECT_NEAR(*nominal, 0.691358, 5e-7);
  EXPECT_NEAR(*interval, 0.810845, 5e-7);
}

TEST(KrippendorffAlpha, OrdinalUsesRanksNotDistances) {
  // Relabelling the codes monotonically (1,2,3,4,5 → 1,2,30,400,5000) keeps ordinal α and changes interval α.
  auto data = krippendorff_2011_example();
  auto stretched = data;
  for (auto& row : stretched)
    for (auto& v : row)
      if (v) v = *v == 3 ? 30 : *v == 4 ? 400 : *v == 5 ? 5000 : *v;
  EXPECT_NEAR(*krippendorff_alpha(stretched, AlphaLevel::ordinal), *krippendorff_alpha(data, AlphaLevel::ordinal),
              1e-12);
  EXPECT_NEAR(*krippendorff_alpha(stretched, AlphaLevel::nominal), *krippendorff_alpha(data, AlphaLevel::nominal),
              1e-12);
  EXPECT_GT(std::abs(*krippendorff_alpha(stretched, AlphaLevel::interval) -
                     *krippendorff_alpha(data, AlphaLevel::interval)),
            0.01);
}

TEST(KrippendorffAlpha, DegenerateCases) {
  // Perfect agreement with variation: D_o = 0 → α = 1 at every level.
  const Matrix agree{{1, 2, 3, 4}, {1, 2, 3, 4}, {1, 2, 3, kNa}};
  for (auto level : {AlphaLevel::nominal, AlphaLevel::ordinal, AlphaLevel::interval})
    EXPECT_EQ(krippendorff_alpha(agree, level), 1.0);
  // Everyone gives the same single value: D_e = 0, α undefined (Krippendorff: no variation, no reliability claim).
  EXPECT_EQ(krippendorff_alpha(Matrix{{3, 3, 3}, {3, 3, 3}}, AlphaLevel::nominal), std::nullopt);
  // One unit, two different values: o(1,2) = o(2,1) = 1, n = 2, Σ n n (c≠k) = 2 → α = 1 − 1·2/2 = 0.
  EXPECT_EQ(krippendorff_alpha(Matrix{{1}, {2}}, AlphaLevel::nominal), 0.0);
  // One unit, one value twice: undefined.
  EXPECT_EQ(krippendorff_alpha(Matrix{{2}, {2}}, AlphaLevel::interval), std::nullopt);
  // No unit has two values: nothing pairable.
  EXPECT_EQ(krippendorff_alpha(Matrix{{1, kNa}, {kNa, 2}}, AlphaLevel::nominal), std::nullopt);
  EXPECT_EQ(krippendorff_alpha(Matrix{{1, 2, 3}}, AlphaLevel::nominal), std::nullopt);  // one rater
  EXPECT_EQ(krippendorff_alpha(Matrix{}, AlphaLevel::nominal), std::nullopt);
  EXPECT_EQ(krippendorff_alpha(Matrix{{kNa, kNa}, {kNa, kNa}}, AlphaLevel::ordinal), std::nullopt);
}

TEST(KrippendorffAlpha, SingleRatedUnitsDoNotCount) {
  // Adding units only one rater rated leaves α unchanged (they are not pairable).
  auto data = krippendorff_2011_example();
  auto padded = data;
  padded[0].push_back(5);
  padded[1].push_back(kNa);
  padded[2].push_back(kNa);
  padded[3].push_back(kNa);
  EXPECT_NEAR(*krippendorff_alpha(padded, AlphaLevel::interval), *krippendorff_alpha(data, AlphaLevel::interval),
              1e-12);
}

TEST(KrippendorffAlpha, RejectsMalformedInput) {
  EXPECT_THROW(krippendorff_alpha(Matrix{{1, 2}, {1}}, AlphaLevel::nominal), std::invalid_argument);
  EXPECT_THROW(krippendorff_alpha(Matrix{{1, std::nan("")}, {1, 2}}, AlphaLevel::nominal), std::invalid_argument);
}

TEST(KrippendorffAlpha, MatchesNltkOnRandomDataWithGaps) {
  if (!python_has("nltk.metrics.agreement"))
    GTEST_SKIP() << "/usr/bin/python3 has no nltk (apt install python3-nltk) — peer comparison skipped";
  std::mt19937 gen(7);
  std::uniform_int_distribution<int> rating(1, 5), raters(2, 5), units(3, 25), gap(0, 4);
  std::vector<Matrix> cases;
  std::string script =
      "from nltk.metrics.agreement import AnnotationTask\n"
      "from nltk.metrics.distance import binary_distance, interval_distance\n"
      "def run(triples):\n"
      "    for d in (binary_distance, interval_distance):\n"
      "        print(AnnotationTask(data=triples, distance=d).alpha())\n";
  while (cases.size() < 30) {
    Matrix m(static_cast<std::size_t>(raters(gen)));
    const int n_units = units(gen);
    for (auto& row : m)
      for (int u = 0; u < n_units; ++u) row.push_back(gap(gen) == 0 ? std::nullopt : std::optional<double>(rating(gen)));
    // nltk returns 1 for a single distinct value, where we return nullopt; keep only defined cases.
    if (!krippendorff_alpha(m, AlphaLevel::nominal)) continue;
    std::string triples = "[";
    for (std::size_t r = 0; r < m.size(); ++r)
      for (std::size_t u = 0; u < m[r].size(); ++u)
        if (m[r][u])
          triples += "('c" + std::to_string(r) + "','u" + std::to_string(u) + "'," +
                     std::to_string(static_cast<int>(*m[r][u])) + "),";
    script += "run(" + triples + "])\n";
    cases.push_back(std::move(m));
  }
  const auto out = run_python(script);
  ASSERT_TRUE(out.has_value()) << "the nltk script failed";
  const auto expected = parse_numbers(*out);
  ASSERT_EQ(expected.size(), 2 * cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    EXPECT_NEAR(*krippendorff_alpha(cases[i], AlphaLevel::nominal), expected[2 * i], 1e-9) << "case " << i;
    EXPECT_NEAR(*krippendorff_alpha(cases[i], AlphaLevel::interval), expected[2 * i + 1], 1e-9) << "case " << i;
  }
}

}  // namespace
}  // namespace pb
