#include "metrics/bootstrap.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <vector>

#include "core/rng.h"

namespace pb {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool all_finite(std::span<const double> values) {
  return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

Interval undefined(double level) { return {kNaN, kNaN, level}; }

Interval percentile_interval(std::vector<double>& stats, double level) {
  if (stats.empty()) return undefined(level);
  std::sort(stats.begin(), stats.end());
  const double tail = (1.0 - level) / 2.0;
  return {quantile_type7(stats, tail), quantile_type7(stats, 1.0 - tail), level};
}

}  // namespace

double quantile_type7(std::span<const double> sorted, double p) {
  assert(!sorted.empty() && p >= 0.0 && p <= 1.0);
  if (sorted.empty()) return kNaN;
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const double floor_h = std::floor(h);
  const auto lo = static_cast<std::size_t>(floor_h);
  if (lo + 1 >= sorted.size()) return sorted.back();
  return sorted[lo] + (h - floor_h) * (sorted[lo + 1] - sorted[lo]);
}

Interval bootstrap_ratio_ci(std::span<const double> numerators, std::span<const double> denominators, int replicates,
                            std::uint64_t seed, double level) {
  assert(numerators.size() == denominators.size());
  assert(level > 0.0 && level < 1.0);
  const std::size_t n = numerators.size();
  if (n == 0 || n != denominators.size() || replicates < 1) return undefined(level);
  if (!all_finite(numerators) || !all_finite(denominators)) return undefined(level);

  Rng rng(seed);
  std::vector<double> stats;
  stats.reserve(static_cast<std::size_t>(replicates));
  for (int b = 0; b < replicates; ++b) {
    double num = 0.0, den = 0.0;
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = rng.index(n);
      num += numerators[i];
      den += denominators[i];
    }
    if (den != 0.0) stats.push_back(num / den);
  }
  return percentile_interval(stats, level);
}

Interval bootstrap_mean_ci(std::span<const double> values, int replicates, std::uint64_t seed, double level) {
  assert(level > 0.0 && level < 1.0);
  const std::size_t n = values.size();
  if (n == 0 || replicates < 1 || !all_finite(values)) return undefined(level);

  Rng rng(seed);
  std::vector<double> stats;
  stats.reserve(static_cast<std::size_t>(replicates));
  for (int b = 0; b < replicates; ++b) {
    double sum = 0.0;
    for (std::size_t k = 0; k < n; ++k) sum += values[rng.index(n)];
    stats.push_back(sum / static_cast<double>(n));
  }
  return percentile_interval(stats, level);
}

}  // namespace pb
