#pragma once
// `pilotbench score risk`: a risk model's scores judged against outcomes from a CSV file alone
// (formats/risk_scores_csv.h), without a scenario or database: AUC with the DeLong interval, Brier, ECE and the
// reliability diagram, calibration intercept and slope, error rates at a threshold, per group, with parity and
// fairness verdicts and suppression of small groups. The figures are the decision report's risk part
// (harness/decision_results_builder.h), so a file and a run give the same numbers for the same scores.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "reports/decision_results.h"

namespace pb {

struct RiskFileOptions {
  std::filesystem::path scores;
  // Groupings: "target_group", "attributes.<name>", or keys joined with ',' for an intersection. Empty: target_group
  // (when the file has it) and every attr_ column, one grouping each.
  std::vector<std::string> group_by;
  double threshold = 0.5;
  int bins = 10;
  int min_cell_size = 5;
  int bootstrap_replicates = 1000;
  double confidence_level = 0.95;
  std::string correction = "holm";
  std::uint64_t seed = 1;
};

// Throws InputError for a bad file or a grouping the file cannot give.
DecisionResults score_risk_file(const RiskFileOptions& options);

// A few lines for people: overall figures, then per group, then unfair verdicts.
std::string describe_risk_score(const DecisionResults& results);

}  // namespace pb
