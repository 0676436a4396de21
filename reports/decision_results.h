#pragma once
// What a decision-support report shows, as plain values: per solution, how good its risk scores are (overall and
// within each group), what following its recommendations would achieve (off-policy value against current
// practice), its segments, and the fairness cells for its decisions. Assembled by harness/decision_results_builder.h
// from the stored decisions and the case dataset; written by reports/decision_html.h and reports/decision_json.h.
// Privacy is already applied here: a suppressed group carries no numbers (only its n, shown as "< min").
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reports/confidence_interval.h"
#include "reports/fairness_results.h"

namespace pb {

// A figure that may be undefined: NaN value with the reason in words, never 0.
struct Estimate {
  double value = 0.0;                     // NaN when undefined
  std::optional<ConfidenceInterval> ci;   // absent when undefined or not computed
  std::string undefined_reason;           // empty when value is defined
};

// A rate with its counts and Wilson interval.
struct RateFigure {
  double value = 0.0;  // NaN for 0/0
  std::optional<ConfidenceInterval> ci;
  std::int64_t numerator = 0;
  std::int64_t denominator = 0;
};

// One bin of a reliability diagram (equal-mass bins).
struct ReliabilityPoint {
  std::int64_t n = 0;
  double mean_score = 0.0;
  double observed_rate = 0.0;
  std::optional<ConfidenceInterval> observed_ci;  // Wilson
};

// Risk-score quality within one group (grouping "all", group "alle" for every evaluated case).
struct RiskGroupResult {
  std::string grouping;
  std::string group;
  std::int64_t n = 0;           // cases with a score and a risk label
  bool suppressed = false;      // then nothing below is filled
  std::int64_t positives = 0;   // risk_label = 1
  Estimate auc;                 // DeLong interval
  Estimate brier;
  Estimate ece;                 // equal-mass bins
  Estimate calibration_intercept;
  Estimate calibration_slope;
  std::vector<ReliabilityPoint> reliability;
  // At the scenario's threshold (flagged = score >= threshold):
  RateFigure tpr, fpr, fnr, false_omission, ppv, selection_rate;
};

// Between-group summaries of one grouping at the threshold (Fairlearn's definitions), over shown groups only.
struct ParitySummary {
  std::string grouping;
  double demographic_parity_difference = 0.0;  // NaN when undefined
  double demographic_parity_ratio = 0.0;
  double equalised_odds_difference = 0.0;
  double equalised_odds_ratio = 0.0;
  std::string undefined_reason;
};

// Off-policy value of "follow the recommendation" within one group.
struct PolicyGroupResult {
  std::string grouping;
  std::string group;
  std::int64_t n = 0;              // cases with a recommendation and an outcome
  bool suppressed = false;
  Estimate current_practice;       // mean observed outcome
  Estimate ipw;
  Estimate snipw;
  Estimate dr;                     // doubly robust, cross-fitted outcome model
  Estimate dr_gain;                // DR − current practice (paired bootstrap)
  std::int64_t matching = 0;       // cases where the logged intervention equals the recommendation
  double share_clipped = 0.0;
  double max_weight = 0.0;
  double effective_sample_size = 0.0;
  std::string reason;              // why IPW/SNIPW/DR are undefined, when they are
  // Secondary figure, labelled as such in every report: share of cases where the recommendation equals the
  // caseworker's own choice (over cases with a caseworker choice).
  RateFigure agreement_with_caseworker;
  // Share of cases recommended each intervention, in DecisionResults::interventions order.
  std::vector<double> recommended_shares;
};

struct QiniPointResult {
  double share_targeted = 0.0;
  double incremental_gain = 0.0;
};

struct QiniResult {
  std::vector<QiniPointResult> points;  // thinned to at most 101 points for reports
  Estimate coefficient;
  Estimate area;
  std::string treated_definition;       // "any intervention other than \"ingen\""
};

// Share of a group's cases in each segment.
struct SegmentGroupResult {
  std::string grouping;
  std::string group;
  std::int64_t n = 0;
  bool suppressed = false;
  std::vector<RateFigure> segments;  // in DecisionSolutionResults::segment_labels order
};

struct DecisionSolutionResults {
  std::string id;
  std::string name;
  std::string adapter;           // "logistic 1"
  std::string training;          // TrainingSummary::description; empty when the adapter does not learn
  std::int64_t items_planned = 0;
  std::int64_t items_ok = 0;
  std::int64_t items_failed = 0;
  std::vector<std::pair<std::string, std::int64_t>> failures;  // first line of the reason, count
  bool has_risk = false;
  bool has_recommendation = false;
  bool has_segments = false;
  std::vector<RiskGroupResult> risk;        // "all" first, then per grouping × group
  std::vector<ParitySummary> parity;        // per grouping
  std::vector<PolicyGroupResult> policy;    // "all" first, then per grouping × group
  QiniResult qini;
  std::vector<std::string> segment_labels;  // sorted
  std::vector<SegmentGroupResult> segments;
  std::vector<FairnessCell> fairness;       // per grouping × metric × group
};

struct DecisionResults {
  // Deterministic identity of what was measured.
  std::string scenario_name;
  std::string scenario_description;
  std::string scenario_hash;
  std::string dataset_hash;
  std::int64_t dataset_cases = 0;
  std::int64_t training_cases = 0;
  std::int64_t evaluated_cases = 0;   // the held-out (test) cases every solution decides on
  std::uint64_t seed = 0;
  std::string code_version;
  std::string status;
  std::vector<std::string> interventions;  // in the dataset's order
  std::string no_intervention;             // the "no indsats" action, e.g. "ingen"
  std::string outcome;                     // the reward of policy value, "outcome_in_job_26w"
  double risk_threshold = 0.5;
  int calibration_bins = 10;
  std::string propensity_source;           // "logged" or "estimated (cross-fitted logistic regression)"
  double propensity_floor = 0.01;
  int cross_fit_folds = 5;
  int bootstrap_replicates = 0;
  double confidence_level = 0.95;
  int min_cell_size = 5;
  std::vector<std::string> groupings;      // besides "all"
  FairnessSettings fairness;
  std::vector<SuppressedGroup> suppressed_groups;
  std::vector<DecisionSolutionResults> solutions;
  // Not deterministic; HTML only.
  std::int64_t run_id = 0;
  std::string started_at;
  std::string finished_at;
  std::string database;
};

}  // namespace pb
