#pragma once
// The fairness part of the HTML reports (run report and decision-support report): per solution, a heat-map of each
// group's ratio to its grouping's reference group on every metric, the verdict table (fair / unfair / inconclusive
// with the intervals and p-values behind it), what privacy suppression hid and why, and the settings that produced
// the verdicts (band, correction, reference groups, bootstrap replicates, level, minimum cell size).
#include <string>
#include <utility>
#include <vector>

#include "reports/committee_text.h"
#include "reports/fairness_results.h"
#include "reports/heat_map.h"
#include "reports/run_results.h"

namespace pb {

// Solution display name and its fairness cells (per grouping × metric × group), in report order.
using FairnessCellsBySolution = std::vector<std::pair<std::string, const std::vector<FairnessCell>*>>;

struct FairnessBlockOptions {
  ReportLanguage language = ReportLanguage::en;
  bool charts = true;                 // draw the heat-maps with gnuplot when available
  std::string heading_level = "h2";   // the block's own heading; solutions use the next level down
};

// Appends the block when any solution has fairness cells; nothing otherwise.
void append_fairness_block(std::string& html, const FairnessCellsBySolution& per_solution,
                           const FairnessSettings& settings, const std::vector<SuppressedGroup>& suppressed,
                           const FairnessBlockOptions& options = {});

// The run report's fairness section (English): the block over every solution of the run.
void append_fairness_section(std::string& html, const RunResults& results);
void append_fairness_section(std::string& html, const RunResults& results, bool charts);

// The method bullet (<li>…</li>) for the fairness layer; empty when there is nothing to report.
std::string fairness_method_item(const RunResults& results);

// The heat-map of one solution's cells: rows "grouping: group" and columns metric labels in first-appearance order;
// cell text is the ratio with its CI underneath, "ref" for the reference group, "<min" for a suppressed group and
// "–" for an undefined ratio.
HeatMap fairness_heat_map(const std::string& title, const std::vector<FairnessCell>& cells,
                          const FairnessSettings& settings, ReportLanguage language);

// Display name of a fairness metric id ("wer" → "WER", "risk.fpr" → "False positive rate"); unknown ids as is.
std::string fairness_metric_label(const std::string& metric, ReportLanguage language);

// "Holm's method" / "the Benjamini–Hochberg method" (Danish: "Holms metode" / "Benjamini–Hochberg-metoden").
std::string correction_name(const std::string& correction, ReportLanguage language);

}  // namespace pb
