#include "metrics/group_disparity.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <set>

#include "core/rng.h"
#include "metrics/time_saved.h"

namespace pb {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Interval undefined_interval(double level) {
  return {kNaN, kNaN, level};
}

std::size_t item_count(const GroupSample& group, GroupMetricKind kind) {
  return kind == GroupMetricKind::ratio_of_sums ? group.numerators.size() : group.values.size();
}

bool all_finite(const std::vector<double>& values) {
  return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

// The group's point value and sums, or the reason it has none.
struct PointValue {
  double value = kNaN;
  double numerator_sum = 0.0;
  double denominator_sum = 0.0;
  std::string undefined;
};

PointValue point_value(const GroupSample& group, GroupMetricKind kind) {
  PointValue point;
  if (kind == GroupMetricKind::ratio_of_sums) {
    if (group.numerators.size() != group.denominators.size()) {
      point.undefined = "numerators and denominators differ in length";
      return point;
    }
    if (group.numerators.empty()) {
      point.undefined = "empty group";
      return point;
    }
    if (!all_finite(group.numerators) || !all_finite(group.denominators)) {
      point.undefined = "non-finite value";
      return point;
    }
    if (std::any_of(group.denominators.begin(), group.denominators.end(), [](double v) { return v < 0.0; })) {
      point.undefined = "negative denominator";
      return point;
    }
    for (std::size_t i = 0; i < group.numerators.size(); ++i) {
      point.numerator_sum += group.numerators[i];
      point.denominator_sum += group.denominators[i];
    }
    if (point.denominator_sum == 0.0) {
      point.undefined = "zero denominator";
      return point;
    }
    point.value = point.numerator_sum / point.denominator_sum;
    return point;
  }
  if (group.values.empty()) {
    point.undefined = "empty group";
    return point;
  }
  if (!all_finite(group.values)) {
    point.undefined = "non-finite value";
    return point;
  }
  if (kind == GroupMetricKind::proportion &&
      std::any_of(group.values.begin(), group.values.end(), [](double v) { return v != 0.0 && v != 1.0; })) {
    point.undefined = "value not 0 or 1";
    return point;
  }
  for (double v : group.values) point.numerator_sum += v;
  point.denominator_sum = static_cast<double>(group.values.size());
  point.value = point.numerator_sum / point.denominator_sum;
  return point;
}

// B replicate values of a group with a defined point value; NaN where a replicate has no value (zero denominator).
std::vector<double> replicate_values(const GroupSample& group, GroupMetricKind kind, int replicates,
                                     std::uint64_t seed) {
  std::vector<double> stats;
  if (replicates < 1) return stats;
  stats.reserve(static_cast<std::size_t>(replicates));
  Rng rng(derive_seed(seed, "disparity-group/" + group.name));
  const std::size_t n = item_count(group, kind);
  for (int b = 0; b < replicates; ++b) {
    double numerator = 0.0, denominator = 0.0;
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = rng.index(n);
      if (kind == GroupMetricKind::ratio_of_sums) {
        numerator += group.numerators[i];
        denominator += group.denominators[i];
      } else {
        numerator += group.values[i];
        denominator += 1.0;
      }
    }
    stats.push_back(denominator == 0.0 ? kNaN : numerator / denominator);
  }
  return stats;
}

Interval percentile_interval(std::vector<double> stats, double level) {
  std::erase_if(stats, [](double v) { return !std::isfinite(v); });
  if (stats.empty()) return undefined_interval(level);
  std::sort(stats.begin(), stats.end());
  const double tail = (1.0 - level) / 2.0;
  return {quantile_type7(stats, tail), quantile_type7(stats, 1.0 - tail), level};
}

std::string format_bound(double bound) {
  std::string text = std::to_string(bound);
  while (text.size() > 1 && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

void judge(GroupDisparity& group, std::size_t reference_n, const DisparityOptions& options) {
  group.verdict = FairnessVerdict::inconclusive;
  if (group.n < options.min_n || reference_n < options.min_n) {
    group.verdict_reason = "too few";
    return;
  }
  if (!group.ratio_undefined.empty()) {
    group.verdict_reason = group.ratio_undefined;
    return;
  }
  group.verdict = judge_ratio_interval(group.ratio_ci, options, group.verdict_reason);
}

}  // namespace

FairnessVerdict judge_ratio_interval(const Interval& ci, const DisparityOptions& options, std::string& reason) {
  if (!std::isfinite(ci.lower) || !std::isfinite(ci.upper)) {
    reason = "no ratio interval";
    return FairnessVerdict::inconclusive;
  }
  if (ci.lower >= options.ratio_lower && ci.upper <= options.ratio_upper) {
    reason = "CI inside band";
    return FairnessVerdict::fair;
  }
  if (ci.lower > options.ratio_upper) {
    reason = "CI above " + format_bound(options.ratio_upper);
    return FairnessVerdict::unfair;
  }
  if (ci.upper < options.ratio_lower) {
    reason = "CI below " + format_bound(options.ratio_lower);
    return FairnessVerdict::unfair;
  }
  reason = "CI straddles " + format_bound(ci.lower < options.ratio_lower ? options.ratio_lower : options.ratio_upper);
  return FairnessVerdict::inconclusive;
}

const char* to_string(FairnessVerdict verdict) {
  switch (verdict) {
    case FairnessVerdict::fair: return "fair";
    case FairnessVerdict::unfair: return "unfair";
    case FairnessVerdict::inconclusive: return "inconclusive";
    case FairnessVerdict::reference: return "reference";
  }
  return "inconclusive";
}

Interval newcombe_difference_ci(std::int64_t successes1, std::int64_t n1, std::int64_t successes2, std::int64_t n2,
                                double level) {
  const ShareEstimate first = estimate_share(successes1, n1, level);
  const ShareEstimate second = estimate_share(successes2, n2, level);
  if (std::isnan(first.share) || std::isnan(second.share)) return undefined_interval(level);
  const double d = first.share - second.share;
  const double below = std::hypot(first.share - first.ci.lower, second.ci.upper - second.share);
  const double above = std::hypot(first.ci.upper - first.share, second.share - second.ci.lower);
  return {d - below, d + above, level};
}

double bootstrap_normal_p(double observed_difference, std::span<const double> replicate_differences) {
  if (!std::isfinite(observed_difference)) return kNaN;
  double sum = 0.0;
  std::size_t usable = 0;
  for (double d : replicate_differences)
    if (std::isfinite(d)) {
      sum += d;
      ++usable;
    }
  if (usable < 2) return kNaN;
  const double mean = sum / static_cast<double>(usable);
  double squares = 0.0;
  for (double d : replicate_differences)
    if (std::isfinite(d)) squares += (d - mean) * (d - mean);
  const double se = std::sqrt(squares / static_cast<double>(usable - 1));
  if (se == 0.0) return observed_difference == 0.0 ? 1.0 : 0.0;
  return std::erfc(std::abs(observed_difference) / se / std::sqrt(2.0));
}

DisparityReport compute_group_disparity(std::span<const GroupSample> groups, GroupMetricKind kind,
                                        bool higher_is_better, const DisparityOptions& options) {
  assert(options.level > 0.0 && options.level < 1.0);
  assert(options.ratio_lower <= options.ratio_upper);
  DisparityReport report;
  report.kind = kind;
  report.higher_is_better = higher_is_better;
  report.options = options;
  const double level = options.level;

  std::vector<PointValue> points;
  points.reserve(groups.size());
  for (const auto& sample : groups) {
    points.push_back(point_value(sample, kind));
    GroupDisparity group;
    group.name = sample.name;
    group.n = item_count(sample, kind);
    group.numerator_sum = points.back().numerator_sum;
    group.denominator_sum = points.back().denominator_sum;
    group.value = points.back().value;
    group.value_undefined = points.back().undefined;
    group.value_ci = undefined_interval(level);
    group.difference = kNaN;
    group.difference_ci = undefined_interval(level);
    group.newcombe_difference_ci = undefined_interval(level);
    group.ratio = kNaN;
    group.ratio_ci = undefined_interval(level);
    group.p_value = kNaN;
    report.groups.push_back(std::move(group));
  }

  // Choose the reference.
  std::set<std::string> names;
  for (const auto& sample : groups) {
    if (!names.insert(sample.name).second && report.problem.empty())
      report.problem = "duplicate group name '" + sample.name + "'";
  }
  std::optional<std::size_t> reference;
  if (groups.empty()) {
    report.problem = "no groups";
  } else if (report.problem.empty()) {
    if (options.reference_group) {
      for (std::size_t g = 0; g < groups.size(); ++g)
        if (groups[g].name == *options.reference_group) reference = g;
      if (!reference) report.problem = "reference group '" + *options.reference_group + "' not found";
      report.reference_declared = true;
    } else {
      std::size_t best = 0;
      for (std::size_t g = 1; g < groups.size(); ++g) {
        const std::size_t n = report.groups[g].n, best_n = report.groups[best].n;
        if (n > best_n || (n == best_n && groups[g].name < groups[best].name)) best = g;
      }
      reference = best;
    }
  }

  // Replicates: each group from its own stream, so adding or reordering groups does not change another's interval.
  std::vector<std::vector<double>> stats(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (!report.groups[g].value_undefined.empty()) continue;
    stats[g] = replicate_values(groups[g], kind, options.replicates, options.seed);
    if (kind == GroupMetricKind::proportion) {
      const auto successes = static_cast<std::int64_t>(std::llround(report.groups[g].numerator_sum));
      report.groups[g].value_ci = estimate_share(successes, static_cast<std::int64_t>(report.groups[g].n), level).ci;
    } else {
      report.groups[g].value_ci = percentile_interval(stats[g], level);
    }
  }

  if (!reference) {
    for (auto& group : report.groups) {
      group.difference_undefined = group.ratio_undefined = report.problem;
      group.verdict = FairnessVerdict::inconclusive;
      group.verdict_reason = report.problem;
    }
    return report;
  }

  const std::size_t r = *reference;
  const GroupDisparity ref = report.groups[r];
  report.reference_group = ref.name;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    GroupDisparity& group = report.groups[g];
    if (g == r) {
      group.is_reference = true;
      group.verdict = FairnessVerdict::reference;
      group.verdict_reason = "reference group";
      if (!ref.value_undefined.empty()) {
        group.difference_undefined = group.ratio_undefined = "value undefined: " + ref.value_undefined;
      } else {
        group.difference = 0.0;
        if (ref.value != 0.0) {
          group.ratio = 1.0;
        } else {
          group.ratio_undefined = "reference value is 0";
        }
      }
      continue;
    }
    if (!group.value_undefined.empty()) {
      group.difference_undefined = group.ratio_undefined = "value undefined: " + group.value_undefined;
    } else if (!ref.value_undefined.empty()) {
      group.difference_undefined = group.ratio_undefined = "reference value undefined: " + ref.value_undefined;
    } else {
      group.difference = group.value - ref.value;
      if (ref.value == 0.0) {
        group.ratio_undefined = "reference value is 0";
      } else {
        group.ratio = group.value / ref.value;
      }
      std::vector<double> differences, ratios;
      differences.reserve(stats[g].size());
      ratios.reserve(stats[g].size());
      for (std::size_t b = 0; b < stats[g].size(); ++b) {
        const double mine = stats[g][b], theirs = stats[r][b];
        if (!std::isfinite(mine) || !std::isfinite(theirs)) continue;
        differences.push_back(mine - theirs);
        if (theirs != 0.0) ratios.push_back(mine / theirs);
      }
      group.p_value = bootstrap_normal_p(group.difference, differences);
      group.difference_ci = percentile_interval(differences, level);
      if (group.ratio_undefined.empty()) {
        group.ratio_replicates_used = static_cast<int>(ratios.size());
        group.ratio_ci = percentile_interval(ratios, level);
      }
      if (kind == GroupMetricKind::proportion) {
        group.newcombe_difference_ci = newcombe_difference_ci(
            std::llround(group.numerator_sum), static_cast<std::int64_t>(group.n), std::llround(ref.numerator_sum),
            static_cast<std::int64_t>(ref.n), level);
      }
    }
    judge(group, ref.n, options);
  }
  return report;
}

}  // namespace pb
