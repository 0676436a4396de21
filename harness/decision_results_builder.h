#pragma once
// Assembles the decision-support report model (reports/decision_results.h) from the evaluated cases (unblinded:
// with outcomes, logged intervention, propensity, caseworker choice, risk label) and each solution's stored
// decisions. Pure computation over values: risk-score quality per group, parity, off-policy value of following
// the recommendations with a cross-fitted outcome model, Qini curve, segments, fairness cells and suppression.
// Formulas: docs/decision-metrics.md.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "adapters/decision.h"
#include "formats/case_records.h"
#include "harness/scenario.h"
#include "reports/decision_results.h"

namespace pb {

// One solution's decision on one case, as stored (status "ok" with a decision, or "failed" with the reason).
struct StoredDecision {
  std::string case_id;
  std::string status;  // "ok" or "failed"
  std::string error;
  Decision decision;   // when ok
};

struct DecisionSolutionInput {
  std::string id;
  std::string name;
  std::string adapter;   // "logistic 1"
  std::string training;  // TrainingSummary::description
  std::vector<StoredDecision> decisions;  // any order; cases without a decision count as planned, not done
};

struct DecisionEvaluationSettings {
  std::vector<Grouping> groupings;  // besides "all"; keys "target_group" or "attributes.<name>"
  FairnessSettings fairness;        // band, correction, declared references, min_cell_size, replicates, level
  std::string no_intervention = "ingen";  // the action "treated" is measured against (Qini, active share)
  double risk_threshold = 0.5;
  int calibration_bins = 10;
  double propensity_floor = 0.01;
  int cross_fit_folds = 5;
  std::uint64_t seed = 1;
};

// `evaluated` are the held-out cases every solution decided on, unblinded; `interventions` in the dataset's order.
// Groups are labelled by the case's value for the grouping's keys (joined with " × " for intersections; an absent
// attribute is "(unknown)"). The reward of the policy value is outcome_in_job_26w; cases without it are left out
// of the policy value. When no evaluated case has a logged propensity, propensities are estimated by a cross-fitted
// multinomial (one-vs-rest, normalised) logistic regression on the features and target group, and
// DecisionResults::propensity_source says so; a mix of logged and missing propensities is treated as missing.
// The returned DecisionResults has the identity fields (scenario, hashes, run id, times) left for the caller.
DecisionResults build_decision_results(const std::vector<CaseRecord>& evaluated,
                                       const std::vector<std::string>& interventions,
                                       const std::vector<DecisionSolutionInput>& solutions,
                                       const DecisionEvaluationSettings& settings);

// The label of a case under a grouping ("alle" for the empty grouping).
std::string case_group_value(const CaseRecord& case_record, const Grouping& grouping);

}  // namespace pb
