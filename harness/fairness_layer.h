#pragma once
// The fairness layer every metric goes through: per grouping, each group's value against the grouping's reference
// group (declared, else the largest), with bootstrap intervals stratified by group, a verdict against the tolerance
// band, primary suppression of small groups, and a multiple-testing correction across every group × metric tested
// for one solution. Used by the run results (WER, key-fact recall) and by decision-support results (error-rate
// parity, selection rates, policy value). Pure computation; formulas in docs/fairness-metrics.md.
//
//   std::vector<FairnessInput> inputs = {{.grouping = "target_group", .metric = "wer",
//                                         .kind = GroupMetricKind::ratio_of_sums, .groups = samples}};
//   auto cells = fairness_cells(inputs, settings, derive_seed(run_seed, "fairness/" + solution_id));
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "metrics/cell_suppression.h"
#include "harness/scenario.h"
#include "metrics/group_disparity.h"
#include "reports/fairness_results.h"

namespace pb {

// One metric under one grouping: a sample per group (GroupSample::name is the group's label).
struct FairnessInput {
  std::string grouping;  // "target_group", "attributes.danish", …
  std::string metric;    // "wer", "risk.fpr", …
  GroupMetricKind kind = GroupMetricKind::mean;
  bool higher_is_better = false;
  std::vector<GroupSample> groups;
  // Groups the report hides whatever their size here (harness/group_suppression.h): "primary" or "secondary"
  // suppression decided from the data, so every table of a run hides the same groups.
  std::map<std::string, SuppressionReason> hidden;
};

// Cells in input order (per input: the compared groups in their order, then the suppressed ones). Groups with no
// item are left out; a group with fewer than settings.min_cell_size items, or listed in FairnessInput::hidden, is a
// "suppressed" cell without numbers (reason "fewer than 5" or "secondary suppression");
// an input with fewer than two shown groups yields only its suppressed cells. The reference group of an input is
// settings.reference_groups' entry for its grouping when there is one, else the largest shown group of the first
// input with that grouping (one reference per grouping across its metrics; the input's own largest group when that
// one is not shown in it). Each input's bootstrap draws from
// derive_seed(seed, grouping + "/" + metric). After all inputs, p-values are adjusted by settings.correction
// (Holm or Benjamini–Hochberg) across every cell with a p-value, and an "unfair" verdict whose adjusted p-value
// is not below 1 − confidence_level becomes "inconclusive" with the reason "not significant after <method>":
// a group is only called unfair when its gap is outside the band and not a product of testing many groups.
std::vector<FairnessCell> fairness_cells(std::span<const FairnessInput> inputs, const FairnessSettings& settings,
                                         std::uint64_t seed);

// Adjusts the cells' p-values together (Holm, or Benjamini–Hochberg when settings.correction says so) and turns an
// "unfair" whose adjusted p-value is not below 1 − confidence_level into "inconclusive" ("…; not significant after
// Holm"). fairness_cells applies it; other builders of fairness cells (time saved) call it themselves.
void apply_fairness_correction(std::vector<FairnessCell>& cells, const FairnessSettings& settings);

// The scenario's fairness settings ("fairness", "privacy", "metrics.bootstrap").
FairnessSettings fairness_settings(const Scenario& scenario);

// The suppressed cells as SuppressedGroup entries (one per grouping × group, whatever the metric), table
// "<table_prefix><grouping>".
std::vector<SuppressedGroup> suppressed_fairness_groups(std::span<const FairnessCell> cells,
                                                        const std::string& table_prefix, int min_cell_size);

}  // namespace pb
