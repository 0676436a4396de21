#include "adapters/logistic_decider.h"

#include <algorithm>
#include <set>

#include "adapters/adapter_config.h"
#include "adapters/decision_registry.h"
#include "adapters/openai_chat.h"

namespace pb {
namespace {

// "3500" → "3 500", as the report prints counts.
std::string grouped(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  return out;
}

std::string_view level_of(const CaseRecord& c, const std::string& name) {
  if (name == "target_group") return c.target_group;
  const auto it = c.attributes.find(name);
  return it == c.attributes.end() ? std::string_view() : std::string_view(it->second);
}

// Why a 0/1 outcome vector cannot be fitted, or empty when it can.
std::string unusable_classes(const std::vector<double>& outcomes) {
  const bool any_one = std::find(outcomes.begin(), outcomes.end(), 1.0) != outcomes.end();
  const bool any_zero = std::find(outcomes.begin(), outcomes.end(), 0.0) != outcomes.end();
  if (any_one && any_zero) return {};
  return any_one ? "every outcome is 1" : "every outcome is 0";
}

}  // namespace

std::size_t LogisticDecider::term_count() const {
  std::size_t terms = feature_names_.size();
  for (const Categorical& categorical : categoricals_) terms += categorical.levels.size();
  return terms;
}

Outcome<std::vector<double>> LogisticDecider::design_row(const CaseRecord& case_record) const {
  std::vector<double> row;
  row.reserve(term_count());
  for (const std::string& name : feature_names_) {
    const auto it = case_record.features.find(name);
    if (it == case_record.features.end())
      return Outcome<std::vector<double>>::failure("case " + case_record.id + " lacks the feature " + name +
                                                   " the logistic baseline was trained on");
    row.push_back(it->second);
  }
  for (const Categorical& categorical : categoricals_) {
    const std::string_view level = level_of(case_record, categorical.name);
    // The reference level and a level unseen in training both give all zeros.
    for (const std::string& known : categorical.levels) row.push_back(known == level ? 1.0 : 0.0);
  }
  return Outcome<std::vector<double>>::success(std::move(row));
}

Outcome<TrainingSummary> LogisticDecider::train(std::span<const CaseRecord> training_cases,
                                                const std::vector<std::string>& interventions) {
  using Result = Outcome<TrainingSummary>;
  trained_ = false;
  risk_model_.reset();
  intervention_models_.clear();
  no_intervention_model_.reset();
  if (training_cases.empty()) return Result::failure("the logistic baseline has no training cases to learn from");

  // The design is fixed by the training cases alone, so a test case can never change it.
  std::set<std::string> features;
  for (const CaseRecord& c : training_cases)
    for (const auto& [name, value] : c.features) features.insert(name);
  feature_names_.assign(features.begin(), features.end());
  std::vector<std::string> categorical_names = {"target_group"};
  if (options_.use_attributes) {
    std::set<std::string> attributes;
    for (const CaseRecord& c : training_cases)
      for (const auto& [name, value] : c.attributes) attributes.insert(name);
    categorical_names.insert(categorical_names.end(), attributes.begin(), attributes.end());
  }
  categoricals_.clear();
  for (const std::string& name : categorical_names) {
    std::set<std::string> levels;
    for (const CaseRecord& c : training_cases) levels.insert(std::string(level_of(c, name)));
    Categorical categorical{name, {levels.begin(), levels.end()}};
    if (!categorical.levels.empty()) categorical.levels.erase(categorical.levels.begin());  // reference level
    categoricals_.push_back(std::move(categorical));
  }

  std::vector<std::vector<double>> rows;
  rows.reserve(training_cases.size());
  for (const CaseRecord& c : training_cases) {
    auto row = design_row(c);
    if (!row.ok()) return Result::failure("training " + row.error());
    rows.push_back(std::move(row).value());
  }
  const std::size_t terms = term_count();
  const LogisticOptions fit_options{options_.l2, /*standardize=*/true};

  // Fits y on the rows `take` selects; nullopt with `why` set when it cannot.
  auto fit_subset = [&](auto take, auto label, std::size_t min_rows, std::string& why,
                        std::size_t& n) -> std::optional<LogisticFit> {
    FeatureMatrix matrix{0, terms, {}};
    std::vector<double> outcomes;
    for (std::size_t i = 0; i < training_cases.size(); ++i) {
      if (!take(training_cases[i])) continue;
      matrix.values.insert(matrix.values.end(), rows[i].begin(), rows[i].end());
      outcomes.push_back(label(training_cases[i]));
      ++matrix.rows;
    }
    n = matrix.rows;
    if (n == 0 || n < min_rows) {
      why = grouped(n) + " cases" + (min_rows > 1 ? " < " + std::to_string(min_rows) : std::string());
      return std::nullopt;
    }
    if (why = unusable_classes(outcomes); !why.empty()) return std::nullopt;
    LogisticFit fit = fit_logistic(matrix, outcomes, fit_options);
    if (!fit.ok) {
      why = "fit failed: " + fit.problem;
      return std::nullopt;
    }
    return fit;
  };

  std::string description = "logistic regression (λ = " + shortest_number(options_.l2) + ", standardised): ";
  std::string risk_problem;
  std::size_t risk_cases = 0;
  risk_model_ = fit_subset([](const CaseRecord& c) { return c.risk_label.has_value(); },
                           [](const CaseRecord& c) { return static_cast<double>(*c.risk_label); }, 1, risk_problem,
                           risk_cases);
  if (risk_model_)
    description += "risk on " + grouped(risk_cases) + " training cases, " + std::to_string(terms) + " terms";
  else
    description += "no risk model (" + (risk_cases == 0 ? std::string("no risk labels") : risk_problem) + ")";

  std::vector<std::string> excluded;
  for (const std::string& intervention : interventions) {
    std::string why;
    std::size_t n = 0;
    auto fit = fit_subset(
        [&](const CaseRecord& c) { return c.intervention == intervention && c.outcome_in_job_26w.has_value(); },
        [](const CaseRecord& c) { return static_cast<double>(*c.outcome_in_job_26w); },
        static_cast<std::size_t>(options_.min_cases_per_intervention), why, n);
    if (!fit) {
      excluded.push_back(intervention + " (" + why + ")");
      continue;
    }
    if (intervention == options_.no_intervention) no_intervention_model_ = intervention_models_.size();
    intervention_models_.push_back({intervention, std::move(*fit)});
  }
  if (!intervention_models_.empty()) {
    description += "; recommendation per intervention (" + std::to_string(intervention_models_.size()) + " model" +
                   (intervention_models_.size() == 1 ? "" : "s") + ")";
    if (!no_intervention_model_)
      description += ", no recommendation score (no model for \"" + options_.no_intervention + "\")";
  } else {
    description += "; no recommendation model";
  }
  if (!excluded.empty()) {
    description += "; never recommended: ";
    for (std::size_t i = 0; i < excluded.size(); ++i) description += (i ? ", " : "") + excluded[i];
  }
  if (!risk_model_ && intervention_models_.empty())
    return Result::failure("the logistic baseline found no usable risk labels and no usable outcomes in " +
                           grouped(training_cases.size()) + " training cases: " + description);
  trained_ = true;
  return Result::success({training_cases.size(), description});
}

Outcome<Decision> LogisticDecider::decide(const DecisionRequest& request) {
  using Result = Outcome<Decision>;
  if (!trained_) return Result::failure("the logistic baseline is not trained (train() did not succeed)");
  auto row = design_row(request.case_record);
  if (!row.ok()) return Result::failure(row.error());
  const FeatureMatrix matrix{1, row.value().size(), std::move(row).value()};
  Decision decision;
  if (risk_model_) decision.risk_score = predict_proba(*risk_model_, matrix)[0];

  // Only interventions offered in this request may be recommended; the models keep the training order.
  std::optional<std::size_t> best;
  double best_p = 0.0, no_intervention_p = 0.0;
  for (std::size_t m = 0; m < intervention_models_.size(); ++m) {
    const double p = predict_proba(intervention_models_[m].fit, matrix)[0];
    if (no_intervention_model_ == m) no_intervention_p = p;
    const auto& offered = request.interventions;
    if (std::find(offered.begin(), offered.end(), intervention_models_[m].intervention) == offered.end()) continue;
    if (!best || p > best_p) {  // strict: a tie keeps the earlier intervention
      best = m;
      best_p = p;
    }
  }
  if (best) {
    decision.recommendation = intervention_models_[*best].intervention;
    if (no_intervention_model_) decision.recommendation_score = best_p - no_intervention_p;
  }
  return validate_decision(std::move(decision), request.interventions);
}

DecisionAdapterPtr make_logistic_decider(const AdapterSpec& spec, ProblemList& problems) {
  AdapterConfigReader config(spec, problems);
  config.check_keys({"l2", "min_cases_per_intervention", "no_intervention", "use_attributes"});
  reject_unused_common_keys(config, {});
  LogisticDeciderOptions options;
  options.l2 = config.number("l2", 1.0, 0.0, 1e9);
  options.min_cases_per_intervention = config.integer("min_cases_per_intervention", 30, 1, 1'000'000'000);
  if (auto name = config.string("no_intervention")) options.no_intervention = *name;
  else if (config.find("no_intervention"))
    config.problem(config.path("no_intervention"), "expected a non-empty intervention name");
  options.use_attributes = config.boolean("use_attributes", false);
  if (!config.ok()) return nullptr;
  return std::make_unique<LogisticDecider>(std::move(options));
}

}  // namespace pb
