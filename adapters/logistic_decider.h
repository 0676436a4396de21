#pragma once
// Decision kind "logistic": the built-in baseline. Deterministic, no I/O, learns from the training split only.
//
// Design (the same for every model): the features (names from the training cases, sorted), then a one-hot column
// per target group except the first in sorted order (the reference level), then — only with "use_attributes": true —
// one-hot columns of each protected attribute the same way. Categories are those of the training cases; a category
// first seen at decide time gets all zeros (it is treated like the reference level).
//
// train():
//   risk model:           L2 logistic regression (metrics/logistic_regression.h, standardised, λ = "l2") of
//                         risk_label on the design, over the training cases that have a risk label.
//   recommendation model: a T-learner — per intervention a, the same regression of outcome_in_job_26w within the
//                         training cases that received a (and have the outcome). An intervention with fewer than
//                         "min_cases_per_intervention" such cases, only one outcome class, or a fit that did not
//                         converge is never recommended (named in the summary).
// decide():
//   risk_score           = P̂(risk_label = 1 | x)                       (when a risk model was fitted)
//   recommendation       = argmax_a P̂_a(in job after 26 weeks | x)     (ties: the earlier intervention)
//   recommendation_score = P̂_rec(job | x) − P̂_"no_intervention"(job | x)  (when that model was fitted; 0 when the
//                          recommendation is itself "no_intervention")
// train() fails when there are no training cases, or when neither a risk model nor any intervention model could be
// fitted. decide() before a successful train() fails the item, as does a case lacking a trained feature.
//
// Config: "l2" (number >= 0, default 1), "min_cases_per_intervention" (integer >= 1, default 30),
// "no_intervention" (default "ingen"), "use_attributes" (bool, default false). Identity: {"logistic", "1"}.
#include <optional>
#include <string>
#include <vector>

#include "adapters/decision.h"
#include "core/error.h"
#include "metrics/logistic_regression.h"

namespace pb {

struct LogisticDeciderOptions {
  double l2 = 1.0;
  long long min_cases_per_intervention = 30;
  std::string no_intervention = "ingen";
  bool use_attributes = false;
};

class LogisticDecider final : public DecisionAdapter {
 public:
  explicit LogisticDecider(LogisticDeciderOptions options) : options_(std::move(options)) {}
  ComponentId id() const override { return {"logistic", "1"}; }
  Outcome<TrainingSummary> train(std::span<const CaseRecord> training_cases,
                                 const std::vector<std::string>& interventions) override;
  // Thread-safe after train() (reads the fitted models only).
  Outcome<Decision> decide(const DecisionRequest& request) override;

 private:
  // One one-hot block: a categorical variable's levels after the reference level.
  struct Categorical {
    std::string name;                 // "target_group" or an attribute name
    std::vector<std::string> levels;  // sorted, reference level removed
  };
  struct InterventionModel {
    std::string intervention;
    LogisticFit fit;
  };

  Outcome<std::vector<double>> design_row(const CaseRecord& case_record) const;
  std::size_t term_count() const;

  LogisticDeciderOptions options_;
  bool trained_ = false;
  std::vector<std::string> feature_names_;
  std::vector<Categorical> categoricals_;
  std::optional<LogisticFit> risk_model_;
  std::vector<InterventionModel> intervention_models_;  // usable ones, in the interventions' order
  std::optional<std::size_t> no_intervention_model_;    // index into intervention_models_
};

DecisionAdapterPtr make_logistic_decider(const AdapterSpec& spec, ProblemList& problems);

}  // namespace pb
