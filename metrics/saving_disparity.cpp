#include "metrics/saving_disparity.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <optional>
#include <set>


#include "core/rng.h"

namespace pb {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Why a sample has no mean, or empty when it has one.
std::string unusable(const std::vector<double>& sample, const char* empty_reason) {
  if (sample.empty()) return empty_reason;
  if (!std::all_of(sample.begin(), sample.end(), [](double v) { return std::isfinite(v); })) return "non-finite value";
  return {};
}

double mean_or_nan(const std::vector<double>& sample) {
  if (!unusable(sample, "empty").empty()) return kNaN;
  double sum = 0.0;
  for (double v : sample) sum += v;
  return sum / static_cast<double>(sample.size());
}

double resampled_mean(const std::vector<double>& sample, Rng& rng) {
  double sum = 0.0;
  for (std::size_t k = 0; k < sample.size(); ++k) sum += sample[rng.index(sample.size())];
  return sum / static_cast<double>(sample.size());
}

// Replicate savings of one group: each replicate resamples the baseline arm, then the assisted arm, of this group
// only, so the two arms and the groups are independent strata.
std::vector<double> replicate_savings(const SavingGroupSample& group, int replicates, std::uint64_t seed) {
  std::vector<double> stats;
  if (replicates < 1) return stats;
  stats.reserve(static_cast<std::size_t>(replicates));
  Rng rng(derive_seed(seed, "saving-disparity/" + group.name));
  for (int b = 0; b < replicates; ++b) {
    const double baseline = resampled_mean(group.baseline_minutes, rng);
    stats.push_back(baseline - resampled_mean(group.assisted_minutes, rng));
  }
  return stats;
}

Interval percentiles(std::vector<double> stats, double level) {
  if (stats.empty()) return {kNaN, kNaN, level};
  std::sort(stats.begin(), stats.end());
  return {quantile_type7(stats, (1.0 - level) / 2.0), quantile_type7(stats, (1.0 + level) / 2.0), level};
}

// The verdict rules of compute_group_disparity (metrics/group_disparity.h), higher saving being better.
void judge(SavingGroupDisparity& group, const SavingGroupDisparity& reference, const DisparityOptions& options) {
  group.verdict = FairnessVerdict::inconclusive;
  const auto fewest = std::min({group.n_baseline, group.n_assisted, reference.n_baseline, reference.n_assisted});
  if (fewest < options.min_n) {
    group.verdict_reason = "too few";
  } else if (!group.ratio_undefined.empty()) {
    group.verdict_reason = group.ratio_undefined;
  } else {
    group.verdict = judge_ratio_interval(group.ratio_ci, options, group.verdict_reason);
  }
}

std::optional<std::size_t> choose_reference(std::span<const SavingGroupSample> groups, SavingDisparityReport& report) {
  std::set<std::string> names;
  for (const auto& g : groups)
    if (!names.insert(g.name).second) {
      report.problem = "duplicate group name '" + g.name + "'";
      return std::nullopt;
    }
  if (groups.empty()) {
    report.problem = "no groups";
    return std::nullopt;
  }
  if (const auto& declared = report.options.reference_group) {
    report.reference_declared = true;
    for (std::size_t g = 0; g < groups.size(); ++g)
      if (groups[g].name == *declared) return g;
    report.problem = "reference group '" + *declared + "' not found";
    return std::nullopt;
  }
  auto conversations = [](const SavingGroupSample& g) { return g.baseline_minutes.size() + g.assisted_minutes.size(); };
  std::size_t best = 0;
  for (std::size_t g = 1; g < groups.size(); ++g) {
    const auto n = conversations(groups[g]), best_n = conversations(groups[best]);
    if (n > best_n || (n == best_n && groups[g].name < groups[best].name)) best = g;
  }
  return best;
}

// Difference, ratio, their intervals and the p-value of `group` against the reference, from paired replicates
// (replicate b of the group against replicate b of the reference; the streams are independent).
void compare(SavingGroupDisparity& group, const SavingGroupDisparity& ref, const std::vector<double>& mine,
             const std::vector<double>& theirs, double level) {
  group.difference = group.saving - ref.saving;
  const bool ratio_defined = ref.saving > 0.0;
  if (ratio_defined) {
    group.ratio = group.saving / ref.saving;
  } else {
    group.ratio_undefined = "reference saving is not positive";
  }
  std::vector<double> differences, ratios;
  for (std::size_t b = 0; b < mine.size() && b < theirs.size(); ++b) {
    differences.push_back(mine[b] - theirs[b]);
    if (theirs[b] > 0.0) ratios.push_back(mine[b] / theirs[b]);
  }
  group.p_value = bootstrap_normal_p(group.difference, differences);
  group.difference_ci = percentiles(differences, level);
  if (ratio_defined) {
    group.ratio_replicates_used = static_cast<int>(ratios.size());
    group.ratio_ci = percentiles(ratios, level);
  }
}

}  // namespace

SavingDisparityReport compute_saving_disparity(std::span<const SavingGroupSample> groups,
                                               const DisparityOptions& options) {
  assert(options.level > 0.0 && options.level < 1.0);
  assert(options.ratio_lower <= options.ratio_upper);
  SavingDisparityReport report;
  report.options = options;
  const double level = options.level;
  const Interval none{kNaN, kNaN, level};

  std::vector<std::vector<double>> stats(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const auto& sample = groups[g];
    SavingGroupDisparity d;
    d.name = sample.name;
    d.n_baseline = sample.baseline_minutes.size();
    d.n_assisted = sample.assisted_minutes.size();
    d.baseline_mean = mean_or_nan(sample.baseline_minutes);
    d.assisted_mean = mean_or_nan(sample.assisted_minutes);
    d.saving = d.baseline_mean - d.assisted_mean;
    d.saving_undefined = unusable(sample.baseline_minutes, "no baseline minutes");
    if (d.saving_undefined.empty()) d.saving_undefined = unusable(sample.assisted_minutes, "no assisted minutes");
    d.saving_ci = d.difference_ci = d.ratio_ci = none;
    d.difference = d.ratio = d.p_value = kNaN;
    if (d.saving_undefined.empty()) {
      stats[g] = replicate_savings(sample, options.replicates, options.seed);
      d.saving_ci = percentiles(stats[g], level);
    }
    report.groups.push_back(std::move(d));
  }

  const auto reference = choose_reference(groups, report);
  if (!reference) {
    for (auto& group : report.groups) {
      group.difference_undefined = group.ratio_undefined = group.verdict_reason = report.problem;
      group.verdict = FairnessVerdict::inconclusive;
    }
    return report;
  }
  const std::size_t r = *reference;
  const SavingGroupDisparity ref = report.groups[r];
  report.reference_group = ref.name;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    SavingGroupDisparity& group = report.groups[g];
    if (g == r) {
      group.is_reference = true;
      group.verdict = FairnessVerdict::reference;
      group.verdict_reason = "reference group";
      if (!ref.saving_undefined.empty()) {
        group.difference_undefined = group.ratio_undefined = "saving undefined: " + ref.saving_undefined;
      } else {
        group.difference = 0.0;
        if (ref.saving > 0.0)
          group.ratio = 1.0;
        else
          group.ratio_undefined = "reference saving is not positive";
      }
      continue;
    }
    if (!group.saving_undefined.empty()) {
      group.difference_undefined = group.ratio_undefined = "saving undefined: " + group.saving_undefined;
    } else if (!ref.saving_undefined.empty()) {
      group.difference_undefined = group.ratio_undefined = "reference saving undefined: " + ref.saving_undefined;
    } else {
      compare(group, ref, stats[g], stats[r], level);
    }
    judge(group, ref, options);
  }
  return report;
}

}  // namespace pb
