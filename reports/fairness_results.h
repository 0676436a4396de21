#pragma once
// The fairness layer's report model, shared by every report that compares groups (transcription and note runs,
// decision-support runs): one cell per grouping × metric × group, the settings that produced the verdicts, and
// what privacy suppression hid and why. Plain values; privacy is already applied (a suppressed cell has no numbers).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reports/confidence_interval.h"

namespace pb {

// One group's disparity on one metric against the grouping's reference group (harness/fairness_layer.h computes
// it with metrics/group_disparity.h). Suppressed groups carry no numbers; the reference carries its value only.
struct FairnessCell {
  std::string grouping;         // "target_group", "attributes.danish", "target_group × attributes.danish"
  std::string metric;           // "wer", "summary.key_fact_recall", "risk.fpr", "recommendation.active_share", …
  std::string kind;             // "mean", "ratio_of_sums" or "proportion"
  bool higher_is_better = false;
  std::string group;
  std::string reference_group;  // the declared reference, else the largest group
  bool reference_declared = false;
  std::int64_t n = 0;           // items in the group
  bool suppressed = false;
  bool is_reference = false;
  // For rates (proportion, ratio_of_sums): Σ numerators and Σ denominators; for a mean: Σ values and n.
  double numerator = 0.0;
  double denominator = 0.0;
  double value = 0.0;           // NaN when undefined
  std::string value_undefined;  // why value is NaN; empty when defined
  std::optional<ConfidenceInterval> value_ci;  // Wilson for proportions, bootstrap otherwise
  double difference = 0.0;      // value − reference value
  std::optional<ConfidenceInterval> difference_ci;          // stratified bootstrap
  std::optional<ConfidenceInterval> newcombe_difference_ci;  // proportions only
  double ratio = 0.0;           // value / reference value
  std::optional<ConfidenceInterval> ratio_ci;
  double p_value = 0.0;         // bootstrap, difference ≠ 0; NaN for the reference and undefined cells
  double p_adjusted = 0.0;      // after the correction across every group × metric tested for the solution
  std::string verdict;          // fair, unfair, inconclusive, reference, suppressed
  std::string reason;           // why: "CI inside band", "CI above 1.25", "too few", "not significant after Holm", …
};

// How the verdicts were reached, stated in every report.
struct FairnessSettings {
  double ratio_lower = 0.8;
  double ratio_upper = 1.25;
  std::string correction = "holm";  // "holm" or "benjamini-hochberg"
  // Declared reference group per grouping name ("target_group" → "jobparate"); groupings not listed use their
  // largest group.
  std::vector<std::pair<std::string, std::string>> reference_groups;
  int min_cell_size = 5;
  int bootstrap_replicates = 1000;
  double confidence_level = 0.95;
};

// A group a report does not show, and why ("primary": fewer than min_cell_size; "secondary": hidden so that a
// primary cell cannot be recovered by subtracting the shown groups from the total).
struct SuppressedGroup {
  std::string table;     // which table or breakdown, e.g. "target_group", "risk: target_group"
  std::string group;
  std::string reason;    // "primary" or "secondary"
  std::string explanation;  // "fewer than 5 cases", "hidden so that … cannot be recovered from the total"
};

}  // namespace pb
