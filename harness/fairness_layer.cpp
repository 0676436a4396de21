#include "harness/fairness_layer.h"

#include <cmath>
#include <optional>
#include <algorithm>
#include <set>

#include "core/rng.h"
#include "metrics/multiple_testing.h"

namespace pb {
namespace {

std::optional<ConfidenceInterval> finite_interval(const Interval& interval) {
  if (!std::isfinite(interval.lower) || !std::isfinite(interval.upper)) return std::nullopt;
  return ConfidenceInterval{interval.lower, interval.upper};
}

const char* kind_name(GroupMetricKind kind) {
  switch (kind) {
    case GroupMetricKind::mean: return "mean";
    case GroupMetricKind::ratio_of_sums: return "ratio_of_sums";
    case GroupMetricKind::proportion: return "proportion";
  }
  return "mean";
}

std::size_t item_count(const GroupSample& sample, GroupMetricKind kind) {
  return kind == GroupMetricKind::ratio_of_sums ? sample.numerators.size() : sample.values.size();
}

std::optional<std::string> declared_reference(const FairnessSettings& settings, const std::string& grouping) {
  for (const auto& [name, group] : settings.reference_groups)
    if (name == grouping) return group;
  return std::nullopt;
}

FairnessCell base_cell(const FairnessInput& input) {
  FairnessCell cell;
  cell.grouping = input.grouping;
  cell.metric = input.metric;
  cell.kind = kind_name(input.kind);
  cell.higher_is_better = input.higher_is_better;
  return cell;
}

std::string method_name(const std::string& correction) {
  return correction == "benjamini-hochberg" ? "Benjamini–Hochberg" : "Holm";
}

}  // namespace

std::vector<FairnessCell> fairness_cells(std::span<const FairnessInput> inputs, const FairnessSettings& settings,
                                         std::uint64_t seed) {
  std::vector<FairnessCell> cells;
  const auto min_n = static_cast<std::size_t>(std::max(settings.min_cell_size, 1));
  // Without a declared reference, one grouping keeps one reference for all its metrics: the largest shown group of
  // its first metric (e.g. the most cases scored), not whichever group happens to be largest among, say, the
  // positives of a rate. Ties go to the first name in byte order.
  std::map<std::string, std::string> largest_group;
  for (const auto& input : inputs) {
    if (largest_group.count(input.grouping)) continue;
    std::size_t best = 0;
    std::string name;
    for (const auto& sample : input.groups) {
      const std::size_t n = item_count(sample, input.kind);
      if (n < min_n || input.hidden.count(sample.name)) continue;
      if (n > best || (n == best && sample.name < name)) best = n, name = sample.name;
    }
    if (!name.empty()) largest_group[input.grouping] = name;
  }
  for (const auto& input : inputs) {
    std::vector<GroupSample> shown;
    std::vector<FairnessCell> hidden;
    for (const auto& sample : input.groups) {
      const std::size_t n = item_count(sample, input.kind);
      if (n == 0) continue;  // nothing of this metric in the group
      const auto hidden_status = input.hidden.find(sample.name);
      const bool secondary = hidden_status != input.hidden.end() && hidden_status->second == SuppressionReason::secondary;
      if (n < min_n || hidden_status != input.hidden.end()) {
        FairnessCell cell = base_cell(input);
        cell.group = sample.name;
        cell.n = static_cast<std::int64_t>(n);
        cell.suppressed = true;
        cell.numerator = cell.denominator = NAN;
        cell.value = cell.difference = cell.ratio = cell.p_value = cell.p_adjusted = NAN;
        cell.verdict = "suppressed";
        cell.reason = n >= min_n && secondary ? "secondary suppression"
                                               : "fewer than " + std::to_string(settings.min_cell_size);
        hidden.push_back(std::move(cell));
        continue;
      }
      shown.push_back(sample);
    }
    auto reference = declared_reference(settings, input.grouping);
    const bool declared = reference.has_value();
    if (!reference) {
      const auto largest = largest_group.find(input.grouping);
      const bool shown_here = largest != largest_group.end() &&
                              std::any_of(shown.begin(), shown.end(),
                                          [&](const GroupSample& g) { return g.name == largest->second; });
      if (shown_here) reference = largest->second;
    }
    if (shown.size() >= 2) {
      DisparityOptions options;
      options.reference_group = reference;
      options.ratio_lower = settings.ratio_lower;
      options.ratio_upper = settings.ratio_upper;
      options.min_n = min_n;
      options.replicates = settings.bootstrap_replicates;
      options.seed = derive_seed(seed, input.grouping + "/" + input.metric);
      options.level = settings.confidence_level;
      const auto report = compute_group_disparity(shown, input.kind, input.higher_is_better, options);
      for (const auto& g : report.groups) {
        FairnessCell cell = base_cell(input);
        cell.group = g.name;
        cell.reference_group = report.reference_group;
        cell.reference_declared = declared;
        cell.n = static_cast<std::int64_t>(g.n);
        cell.is_reference = g.is_reference;
        cell.numerator = g.numerator_sum;
        cell.denominator = g.denominator_sum;
        cell.value = g.value;
        cell.value_undefined = g.value_undefined;
        cell.value_ci = finite_interval(g.value_ci);
        cell.difference = g.difference;
        cell.difference_ci = finite_interval(g.difference_ci);
        cell.newcombe_difference_ci = finite_interval(g.newcombe_difference_ci);
        cell.ratio = g.ratio;
        cell.ratio_ci = finite_interval(g.ratio_ci);
        cell.p_value = g.p_value;
        cell.p_adjusted = NAN;
        cell.verdict = to_string(g.verdict);
        cell.reason = !report.problem.empty() ? report.problem : g.verdict_reason;
        cells.push_back(std::move(cell));
      }
      for (auto& cell : hidden) {
        cell.reference_group = report.reference_group;
        cell.reference_declared = declared;
      }
    }
    for (auto& cell : hidden) cells.push_back(std::move(cell));
  }
  // Adjust across every group × metric tested for this solution: with many groups some gaps leave the band by
  // chance, so a verdict of "unfair" also needs the adjusted p-value below α.
  apply_fairness_correction(cells, settings);
  return cells;
}

void apply_fairness_correction(std::vector<FairnessCell>& cells, const FairnessSettings& settings) {
  std::vector<double> p_values;
  p_values.reserve(cells.size());
  for (const auto& c : cells) p_values.push_back(c.p_value);
  const auto adjusted = settings.correction == "benjamini-hochberg" ? benjamini_hochberg_adjust(p_values)
                                                                     : holm_adjust(p_values);
  const double alpha = 1.0 - settings.confidence_level;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    auto& cell = cells[i];
    cell.p_adjusted = adjusted[i];
    if (cell.verdict == "unfair" && !(cell.p_adjusted < alpha)) {
      cell.verdict = "inconclusive";
      cell.reason += "; not significant after " + method_name(settings.correction);
    }
  }
}

FairnessSettings fairness_settings(const Scenario& scenario) {
  FairnessSettings settings;
  settings.ratio_lower = scenario.fairness.ratio_lower;
  settings.ratio_upper = scenario.fairness.ratio_upper;
  settings.correction = scenario.fairness.correction;
  settings.reference_groups = scenario.fairness.reference_groups;
  settings.min_cell_size = scenario.min_cell_size;
  settings.bootstrap_replicates = scenario.bootstrap_replicates;
  settings.confidence_level = scenario.confidence_level;
  return settings;
}

std::vector<SuppressedGroup> suppressed_fairness_groups(std::span<const FairnessCell> cells,
                                                        const std::string& table_prefix, int min_cell_size) {
  std::vector<SuppressedGroup> out;
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& cell : cells) {
    if (!cell.suppressed || !seen.emplace(cell.grouping, cell.group).second) continue;
    out.push_back({table_prefix + cell.grouping, cell.group, "primary",
                   "fewer than " + std::to_string(min_cell_size) + " items"});
  }
  return out;
}

}  // namespace pb
