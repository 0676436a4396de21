#include "metrics/rater_agreement.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>

namespace pb {

double quadratic_weighted_kappa(const std::vector<int>& a, const std::vector<int>& b, int min_rating,
                                int max_rating) {
  if (a.size() != b.size())
    throw std::invalid_argument("quadratic_weighted_kappa: the raters rated " + std::to_string(a.size()) + " and " +
                                std::to_string(b.size()) + " items");
  if (min_rating >= max_rating)
    throw std::invalid_argument("quadratic_weighted_kappa: min_rating must be below max_rating");
  const auto categories = static_cast<std::size_t>(static_cast<long long>(max_rating) - min_rating + 1);
  std::vector<double> observed(categories * categories, 0.0);
  std::vector<double> row_totals(categories, 0.0), column_totals(categories, 0.0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] < min_rating || a[i] > max_rating || b[i] < min_rating || b[i] > max_rating)
      throw std::invalid_argument("quadratic_weighted_kappa: rating outside [" + std::to_string(min_rating) + ", " +
                                  std::to_string(max_rating) + "] at item " + std::to_string(i));
    const auto r = static_cast<std::size_t>(a[i] - min_rating);
    const auto c = static_cast<std::size_t>(b[i] - min_rating);
    observed[r * categories + c] += 1.0;
    row_totals[r] += 1.0;
    column_totals[c] += 1.0;
  }
  const double n = static_cast<double>(a.size());
  // The (K−1)² normalisation of the weights cancels in the ratio; it is kept so the sums are the textbook ones.
  const double scale = static_cast<double>((categories - 1) * (categories - 1));
  double weighted_observed = 0.0, weighted_expected = 0.0;
  for (std::size_t r = 0; r < categories; ++r) {
    for (std::size_t c = 0; c < categories; ++c) {
      const double d = static_cast<double>(r) - static_cast<double>(c);
      const double w = d * d / scale;
      weighted_observed += w * observed[r * categories + c];
      if (n > 0) weighted_expected += w * row_totals[r] * column_totals[c] / n;
    }
  }
  if (weighted_expected == 0.0) return std::numeric_limits<double>::quiet_NaN();
  return 1.0 - weighted_observed / weighted_expected;
}

std::optional<double> krippendorff_alpha(const std::vector<std::vector<std::optional<double>>>& units_by_rater,
                                         AlphaLevel level) {
  std::size_t units = units_by_rater.empty() ? 0 : units_by_rater.front().size();
  for (const auto& row : units_by_rater) {
    if (row.size() != units)
      throw std::invalid_argument("krippendorff_alpha: every rater's row must have one entry per unit");
    for (const auto& v : row)
      if (v && !std::isfinite(*v)) throw std::invalid_argument("krippendorff_alpha: values must be finite numbers");
  }

  // Distinct values in ascending order; ordinal and interval differences need the order.
  std::map<double, std::size_t> index;
  for (const auto& row : units_by_rater)
    for (const auto& v : row)
      if (v) index.emplace(*v, 0);
  std::vector<double> values;
  for (auto& [value, i] : index) {
    i = values.size();
    values.push_back(value);
  }
  const std::size_t v_count = values.size();

  // Coincidence matrix: each unit with m >= 2 values contributes its m(m−1) ordered pairs with weight 1/(m−1),
  // so every pairable value counts once in total.
  std::vector<double> coincidence(v_count * v_count, 0.0);
  std::vector<double> in_unit(v_count, 0.0);
  for (std::size_t u = 0; u < units; ++u) {
    std::fill(in_unit.begin(), in_unit.end(), 0.0);
    double m = 0;
    for (const auto& row : units_by_rater)
      if (row[u]) {
        in_unit[index.at(*row[u])] += 1.0;
        m += 1.0;
      }
    if (m < 2) continue;
    for (std::size_t c = 0; c < v_count; ++c) {
      if (in_unit[c] == 0) continue;
      for (std::size_t k = 0; k < v_count; ++k) {
        const double pairs = c == k ? in_unit[c] * (in_unit[c] - 1) : in_unit[c] * in_unit[k];
        coincidence[c * v_count + k] += pairs / (m - 1);
      }
    }
  }
  std::vector<double> marginal(v_count, 0.0);
  double n = 0;
  for (std::size_t c = 0; c < v_count; ++c) {
    for (std::size_t k = 0; k < v_count; ++k) marginal[c] += coincidence[c * v_count + k];
    n += marginal[c];
  }
  if (n < 2) return std::nullopt;  // nothing pairable

  // Cumulative marginals make the ordinal distance Σ_{g=c..k} n_g − (n_c + n_k)/2 a subtraction.
  std::vector<double> cumulative(v_count + 1, 0.0);
  for (std::size_t c = 0; c < v_count; ++c) cumulative[c + 1] = cumulative[c] + marginal[c];
  auto squared_difference = [&](std::size_t c, std::size_t k) -> double {
    if (c == k) return 0.0;
    switch (level) {
      case AlphaLevel::nominal:
        return 1.0;
      case AlphaLevel::ordinal: {
        const std::size_t lo = c < k ? c : k, hi = c < k ? k : c;
        const double d = cumulative[hi + 1] - cumulative[lo] - (marginal[lo] + marginal[hi]) / 2.0;
        return d * d;
      }
      case AlphaLevel::interval: {
        const double d = values[c] - values[k];
        return d * d;
      }
    }
    return 0.0;
  };

  double observed = 0.0, expected = 0.0;
  for (std::size_t c = 0; c < v_count; ++c)
    for (std::size_t k = 0; k < v_count; ++k) {
      const double delta = squared_difference(c, k);
      observed += coincidence[c * v_count + k] * delta;
      expected += marginal[c] * marginal[k] * delta;
    }
  if (expected == 0.0) return std::nullopt;  // a single value: no variation to agree on
  return 1.0 - (n - 1.0) * observed / expected;
}

}  // namespace pb
