#include "harness/decision_results_builder.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "core/cpr.h"
#include "core/rng.h"
#include "harness/fairness_layer.h"
#include "harness/group_suppression.h"
#include "metrics/bootstrap.h"
#include "metrics/cell_suppression.h"
#include "metrics/logistic_regression.h"
#include "metrics/policy_value.h"
#include "metrics/risk_scores.h"
#include "metrics/time_saved.h"
#include "metrics/uplift.h"

namespace pb {
namespace {

constexpr const char* kAllGroup = "alle";
constexpr const char* kEstimatedSource = "estimated (cross-fitted logistic regression)";
constexpr std::size_t kMaxQiniPoints = 101;
// Below this many training rows (or with one class only) an action's outcome model is its smoothed mean.
constexpr std::size_t kMinOutcomeModelRows = 10;

std::string key_value(const CaseRecord& c, const std::string& key) {
  if (key == "target_group") return c.target_group.empty() ? "(unknown)" : c.target_group;
  const std::string prefix = "attributes.";
  if (key.rfind(prefix, 0) != 0) return "(unknown)";
  const auto it = c.attributes.find(key.substr(prefix.size()));
  return it == c.attributes.end() || it->second.empty() ? "(unknown)" : it->second;
}

std::optional<ConfidenceInterval> finite_ci(const Interval& interval) {
  if (!std::isfinite(interval.lower) || !std::isfinite(interval.upper)) return std::nullopt;
  return ConfidenceInterval{interval.lower, interval.upper};
}

Estimate make_estimate(double value, std::optional<Interval> ci, const std::string& reason) {
  Estimate e;
  if (!std::isfinite(value)) {
    e.value = NAN;
    e.undefined_reason = reason.empty() ? "undefined" : reason;
    return e;
  }
  e.value = value;
  if (ci) e.ci = finite_ci(*ci);
  return e;
}

Estimate undefined_estimate(const std::string& reason) { return make_estimate(NAN, std::nullopt, reason); }

RateFigure rate_figure(const RateEstimate& rate) {
  RateFigure r;
  r.value = std::isfinite(rate.value) ? rate.value : NAN;
  if (std::isfinite(rate.value)) r.ci = finite_ci(rate.ci);
  r.numerator = rate.numerator;
  r.denominator = rate.denominator;
  return r;
}

RateFigure share_figure(std::int64_t successes, std::int64_t n, double level) {
  RateFigure r;
  r.numerator = successes;
  r.denominator = n;
  if (n <= 0) {
    r.value = NAN;
    return r;
  }
  const ShareEstimate share = estimate_share(successes, n, level);
  r.value = share.share;
  r.ci = finite_ci(share.ci);
  return r;
}

// ---- Groups and suppression -----------------------------------------------------------------------------------------

struct GroupRows {
  std::string label;
  std::vector<std::size_t> rows;  // indices into the evaluated cases
};

struct GroupingRows {
  std::string name;                // "all", "target_group", …
  std::vector<GroupRows> groups;   // sorted by label (byte order); "all" has the single group "alle"
  // Two-key intersections only: each evaluated case's value per key, for two-way suppression against the margins.
  std::vector<GroupKeyValues> key_values;
};

std::vector<GroupingRows> group_cases(const std::vector<CaseRecord>& evaluated,
                                      const std::vector<Grouping>& groupings) {
  std::vector<GroupingRows> out;
  GroupingRows all{"all", {{kAllGroup, {}}}, {}};
  for (std::size_t i = 0; i < evaluated.size(); ++i) all.groups[0].rows.push_back(i);
  out.push_back(std::move(all));
  for (const auto& grouping : groupings) {
    std::map<std::string, std::vector<std::size_t>> by_label;
    for (std::size_t i = 0; i < evaluated.size(); ++i) by_label[case_group_value(evaluated[i], grouping)].push_back(i);
    GroupingRows g{grouping.name(), {}, {}};
    for (auto& [label, rows] : by_label) g.groups.push_back({label, std::move(rows)});
    if (grouping.keys.size() == 2)
      for (const auto& c : evaluated)
        g.key_values.push_back({case_group_value(c, Grouping{{grouping.keys[0]}}),
                                case_group_value(c, Grouping{{grouping.keys[1]}})});
    out.push_back(std::move(g));
  }
  return out;
}

// Which groups of one grouping a table hides: primary (1..min−1 cases) and secondary (so the primary ones cannot be
// recovered from the "all" total). The "all" row is hidden only when it is itself small.
std::vector<SuppressionReason> suppression_for(const std::vector<std::int64_t>& sizes, int min_cell_size) {
  SuppressionOptions options;
  options.min_count = std::max(min_cell_size, 1);
  const OneWaySuppression s = suppress_one_way(sizes, options, OneWayComplement::smallest_cell);
  return s.cell_status;
}

std::string suppression_explanation(SuppressionReason reason, int min_cell_size) {
  if (reason == SuppressionReason::primary) return "fewer than " + std::to_string(min_cell_size) + " cases";
  return "hidden so that a group with fewer than " + std::to_string(min_cell_size) +
         " cases cannot be recovered from the total";
}

class SuppressionLog {
 public:
  explicit SuppressionLog(int min_cell_size) : min_cell_size_(min_cell_size) {}
  void add(const std::string& table, const std::string& group, SuppressionReason reason) {
    if (!is_suppressed(reason)) return;
    if (!seen_.emplace(table, group).second) return;
    entries_.push_back({table, group, to_string(reason), suppression_explanation(reason, min_cell_size_)});
  }
  void add(const SuppressedGroup& entry) {
    if (seen_.emplace(entry.table, entry.group).second) entries_.push_back(entry);
  }
  std::vector<SuppressedGroup> take() { return std::move(entries_); }

 private:
  int min_cell_size_;
  std::set<std::pair<std::string, std::string>> seen_;
  std::vector<SuppressedGroup> entries_;
};

// For one table: per grouping, per group, the rows that enter the table and the suppression status.
struct TableGroup {
  std::string grouping;
  std::string label;
  std::vector<std::size_t> rows;  // indices into the table's population
  SuppressionReason status = SuppressionReason::published;
};

// `member[i]` is the position of evaluated case i in the table's population, or npos when it is not in it.
std::vector<TableGroup> table_groups(const std::vector<GroupingRows>& groupings, const std::vector<std::size_t>& member,
                                     int min_cell_size, const std::string& table_prefix, SuppressionLog& log) {
  std::vector<TableGroup> out;
  for (const auto& grouping : groupings) {
    std::vector<TableGroup> groups;
    std::vector<std::int64_t> sizes;
    for (const auto& group : grouping.groups) {
      TableGroup t{grouping.name, group.label, {}, SuppressionReason::published};
      for (std::size_t i : group.rows)
        if (member[i] != static_cast<std::size_t>(-1)) t.rows.push_back(member[i]);
      sizes.push_back(static_cast<std::int64_t>(t.rows.size()));
      groups.push_back(std::move(t));
    }
    auto status = suppression_for(sizes, min_cell_size);
    if (!grouping.key_values.empty()) {
      // A two-key intersection is protected against its row and column groups too (harness/group_suppression.h),
      // as in run reports: a hidden cell must not follow from "jobparate" minus "jobparate × first-language".
      std::vector<GroupKeyValues> items;
      for (const auto& group : grouping.groups)
        for (std::size_t i : group.rows)
          if (member[i] != static_cast<std::size_t>(-1)) items.push_back(grouping.key_values[i]);
      const auto hidden = hidden_groups(items, 2, min_cell_size);
      for (std::size_t g = 0; g < groups.size(); ++g) {
        const auto it = hidden.find(groups[g].label);
        status[g] = it == hidden.end() ? SuppressionReason::published : it->second;
      }
    }
    for (std::size_t g = 0; g < groups.size(); ++g) {
      groups[g].status = status[g];
      log.add(table_prefix + grouping.name, groups[g].label, status[g]);
      out.push_back(std::move(groups[g]));
    }
  }
  return out;
}

// The groups of one grouping a table hides, in the form the fairness layer takes, so its cells hide them too.
std::map<std::string, SuppressionReason> hidden_map(const std::vector<TableGroup>& table, const std::string& grouping) {
  std::map<std::string, SuppressionReason> hidden;
  for (const auto& g : table)
    if (g.grouping == grouping && is_suppressed(g.status)) hidden.emplace(g.label, g.status);
  return hidden;
}

// ---- Design matrix and cross-fitted models ------------------------------------------------------------------------

// Features (by name, sorted) and a one-hot target group (sorted labels), one row per case given.
FeatureMatrix design_matrix(const std::vector<CaseRecord>& evaluated, const std::vector<std::size_t>& cases) {
  std::set<std::string> feature_names, target_groups;
  for (std::size_t i : cases) {
    for (const auto& [name, value] : evaluated[i].features) feature_names.insert(name);
    target_groups.insert(evaluated[i].target_group);
  }
  FeatureMatrix x;
  x.rows = cases.size();
  x.cols = feature_names.size() + target_groups.size();
  x.values.reserve(x.rows * x.cols);
  for (std::size_t i : cases) {
    for (const auto& name : feature_names) {
      const auto it = evaluated[i].features.find(name);
      x.values.push_back(it == evaluated[i].features.end() || !std::isfinite(it->second) ? 0.0 : it->second);
    }
    for (const auto& group : target_groups) x.values.push_back(evaluated[i].target_group == group ? 1.0 : 0.0);
  }
  return x;
}

FeatureMatrix select_rows(const FeatureMatrix& x, std::span<const std::size_t> rows) {
  FeatureMatrix out;
  out.rows = rows.size();
  out.cols = x.cols;
  out.values.reserve(out.rows * out.cols);
  for (std::size_t r : rows)
    out.values.insert(out.values.end(), x.values.begin() + static_cast<std::ptrdiff_t>(r * x.cols),
                      x.values.begin() + static_cast<std::ptrdiff_t>((r + 1) * x.cols));
  return out;
}

LogisticOptions model_options() {
  LogisticOptions options;
  options.l2 = 1.0;
  options.standardize = true;
  return options;
}

// Cross-fitted π̂(a | x) for every action (one-vs-rest logistic regressions normalised to sum 1). An action whose
// regression cannot be fitted in a fold (absent or universal there) gets its smoothed share (count + 1)/(n + K).
std::vector<std::vector<double>> estimate_propensities(const FeatureMatrix& x, const std::vector<int>& actions,
                                                       std::size_t action_count, int folds, std::uint64_t seed) {
  const auto fit_predict = [&](std::span<const std::size_t> train, std::span<const std::size_t> predict) {
    const FeatureMatrix x_train = select_rows(x, train);
    const FeatureMatrix x_predict = select_rows(x, predict);
    std::vector<std::vector<double>> out(predict.size(), std::vector<double>(action_count, 0.0));
    for (std::size_t a = 0; a < action_count; ++a) {
      std::vector<double> y;
      y.reserve(train.size());
      double count = 0;
      for (std::size_t r : train) {
        y.push_back(actions[r] == static_cast<int>(a) ? 1.0 : 0.0);
        count += y.back();
      }
      const double smoothed = (count + 1.0) / (static_cast<double>(train.size()) + static_cast<double>(action_count));
      LogisticFit fit;
      if (count > 0 && count < static_cast<double>(train.size())) fit = fit_logistic(x_train, y, model_options());
      if (fit.ok) {
        const auto p = predict_proba(fit, x_predict);
        for (std::size_t k = 0; k < predict.size(); ++k) out[k][a] = p[k];
      } else {
        for (std::size_t k = 0; k < predict.size(); ++k) out[k][a] = smoothed;
      }
    }
    for (auto& row : out) {
      double sum = 0;
      for (double p : row) sum += p;
      if (sum > 0)
        for (double& p : row) p /= sum;
    }
    return out;
  };
  return cross_fit_predictions(actions.size(), folds, seed, fit_predict);
}

// Cross-fitted T-learner: per action, a logistic regression of the reward on the design, fitted on the rows that
// received the action; an action with fewer than 10 such rows, or one class only, predicts its add-one smoothed
// mean (Σr + 1)/(n + 2).
std::vector<std::vector<double>> estimate_outcome_model(const FeatureMatrix& x, const std::vector<int>& actions,
                                                        const std::vector<double>& rewards, std::size_t action_count,
                                                        int folds, std::uint64_t seed) {
  const auto fit_predict = [&](std::span<const std::size_t> train, std::span<const std::size_t> predict) {
    const FeatureMatrix x_predict = select_rows(x, predict);
    std::vector<std::vector<double>> out(predict.size(), std::vector<double>(action_count, 0.0));
    for (std::size_t a = 0; a < action_count; ++a) {
      std::vector<std::size_t> rows;
      std::vector<double> y;
      double positives = 0;
      for (std::size_t r : train)
        if (actions[r] == static_cast<int>(a)) {
          rows.push_back(r);
          y.push_back(rewards[r]);
          positives += rewards[r];
        }
      const double smoothed = (positives + 1.0) / (static_cast<double>(rows.size()) + 2.0);
      LogisticFit fit;
      if (rows.size() >= kMinOutcomeModelRows && positives > 0 && positives < static_cast<double>(rows.size()))
        fit = fit_logistic(select_rows(x, rows), y, model_options());
      if (fit.ok) {
        const auto p = predict_proba(fit, x_predict);
        for (std::size_t k = 0; k < predict.size(); ++k) out[k][a] = p[k];
      } else {
        for (std::size_t k = 0; k < predict.size(); ++k) out[k][a] = smoothed;
      }
    }
    return out;
  };
  return cross_fit_predictions(actions.size(), folds, seed, fit_predict);
}

// Everything about the logged data that does not depend on the solution: which evaluated cases carry a usable
// reward and logged action, their propensity of the logged action, π(no_intervention | x), and the cross-fitted
// outcome model.
struct LoggedData {
  std::vector<std::size_t> position;  // evaluated index → row in the vectors below, or npos
  std::vector<std::size_t> cases;     // row → evaluated index
  std::vector<int> actions;
  std::vector<double> rewards;
  std::vector<double> propensity;           // of the logged action; NaN when unknown
  std::vector<double> no_intervention_p;    // π(no_intervention | x); NaN when unknown
  std::vector<std::vector<double>> q_hat;   // per row, per action; empty when no model
  std::string propensity_source;
  std::string propensity_problem;           // why propensities are unknown, when they are
};

LoggedData prepare_logged_data(const std::vector<CaseRecord>& evaluated, const std::vector<std::string>& interventions,
                               const DecisionEvaluationSettings& settings) {
  LoggedData d;
  const std::size_t npos = static_cast<std::size_t>(-1);
  d.position.assign(evaluated.size(), npos);
  std::map<std::string, int> action_index;
  for (std::size_t a = 0; a < interventions.size(); ++a) action_index.emplace(interventions[a], static_cast<int>(a));
  const int no_action = action_index.count(settings.no_intervention) ? action_index.at(settings.no_intervention) : -1;

  bool all_logged = true;
  for (std::size_t i = 0; i < evaluated.size(); ++i) {
    const auto& c = evaluated[i];
    if (!c.outcome_in_job_26w) continue;
    const auto it = action_index.find(c.intervention);
    if (it == action_index.end()) continue;
    if (!c.propensity || !(*c.propensity > 0.0) || *c.propensity > 1.0) all_logged = false;
    d.position[i] = d.cases.size();
    d.cases.push_back(i);
    d.actions.push_back(it->second);
    d.rewards.push_back(static_cast<double>(*c.outcome_in_job_26w));
  }
  const std::size_t rows = d.cases.size();
  d.propensity.assign(rows, NAN);
  d.no_intervention_p.assign(rows, NAN);
  if (rows == 0) {
    d.propensity_source = "logged";
    return d;
  }
  const FeatureMatrix x = design_matrix(evaluated, d.cases);
  const int folds = settings.cross_fit_folds;
  const auto pi_hat = estimate_propensities(x, d.actions, interventions.size(), folds,
                                            derive_seed(settings.seed, "propensity-model"));
  if (all_logged) {
    d.propensity_source = "logged";
    for (std::size_t r = 0; r < rows; ++r) d.propensity[r] = *evaluated[d.cases[r]].propensity;
  } else {
    d.propensity_source = kEstimatedSource;
    if (pi_hat.empty())
      d.propensity_problem = "too few cases with an outcome to estimate propensities with " +
                             std::to_string(folds) + "-fold cross-fitting";
    else
      for (std::size_t r = 0; r < rows; ++r) d.propensity[r] = pi_hat[r][static_cast<std::size_t>(d.actions[r])];
  }
  // π(no_intervention): a control case's logged propensity is that probability; a treated case's logged
  // propensity is of its own intervention only, so the model's estimate is used there.
  if (no_action >= 0)
    for (std::size_t r = 0; r < rows; ++r) {
      if (all_logged && d.actions[r] == no_action)
        d.no_intervention_p[r] = d.propensity[r];
      else if (!pi_hat.empty())
        d.no_intervention_p[r] = pi_hat[r][static_cast<std::size_t>(no_action)];
    }
  d.q_hat = estimate_outcome_model(x, d.actions, d.rewards, interventions.size(), folds,
                                   derive_seed(settings.seed, "outcome-model"));
  return d;
}

// ---- Per-solution pieces ------------------------------------------------------------------------------------------

std::string first_line(const std::string& text) {
  const auto end = text.find('\n');
  std::string line = end == std::string::npos ? text : text.substr(0, end);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line.empty() ? "(no reason given)" : line;
}

RiskGroupResult risk_group(const TableGroup& group, const std::vector<int>& labels, const std::vector<double>& scores,
                           const DecisionEvaluationSettings& settings) {
  RiskGroupResult r;
  r.grouping = group.grouping;
  r.group = group.label;
  r.n = static_cast<std::int64_t>(group.rows.size());
  if (is_suppressed(group.status)) {
    r.suppressed = true;
    return r;
  }
  std::vector<int> y;
  std::vector<double> s;
  for (std::size_t k : group.rows) {
    y.push_back(labels[k]);
    s.push_back(scores[k]);
  }
  for (int v : y) r.positives += v;
  const double level = settings.fairness.confidence_level;
  const AucEstimate auc = auc_delong(y, s, level);
  r.auc = make_estimate(auc.auc, auc.ci, auc.undefined_reason);
  const ScoreValue brier = brier_score(y, s);
  r.brier = make_estimate(brier.value, std::nullopt, brier.undefined_reason);
  const CalibrationBins bins = calibration_bins(y, s, std::max(settings.calibration_bins, 1), level);
  r.ece = make_estimate(bins.ece, std::nullopt, bins.undefined_reason);
  for (const auto& b : bins.bins)
    r.reliability.push_back({static_cast<std::int64_t>(b.n), b.mean_score, b.observed_rate, finite_ci(b.observed_ci)});
  if (y.empty()) {
    r.calibration_intercept = undefined_estimate("no case with both a risk score and a risk label");
    r.calibration_slope = r.calibration_intercept;
  } else {
    const CalibrationFit fit = calibration_fit(y, s, level);
    r.calibration_intercept = make_estimate(fit.intercept, fit.intercept_ci, fit.undefined_reason);
    r.calibration_slope = make_estimate(fit.slope, fit.slope_ci, fit.undefined_reason);
  }
  const ClassificationRates rates =
      classification_rates(confusion_at_threshold(y, s, settings.risk_threshold), level);
  r.tpr = rate_figure(rates.tpr);
  r.fpr = rate_figure(rates.fpr);
  r.fnr = rate_figure(rates.fnr);
  r.false_omission = rate_figure(rates.false_omission);
  r.ppv = rate_figure(rates.ppv);
  r.selection_rate = rate_figure(rates.selection_rate);
  return r;
}

ParitySummary parity_summary(const std::string& grouping, const std::vector<TableGroup>& table,
                             const std::vector<int>& labels, const std::vector<double>& scores,
                             const DecisionEvaluationSettings& settings) {
  ParitySummary p;
  p.grouping = grouping;
  std::vector<int> y;
  std::vector<double> s;
  std::vector<std::string> g;
  std::size_t shown = 0;
  for (const auto& group : table) {
    if (group.grouping != grouping || is_suppressed(group.status) || group.rows.empty()) continue;
    ++shown;
    for (std::size_t k : group.rows) {
      y.push_back(labels[k]);
      s.push_back(scores[k]);
      g.push_back(group.label);
    }
  }
  if (shown < 2) {
    p.demographic_parity_difference = p.demographic_parity_ratio = NAN;
    p.equalised_odds_difference = p.equalised_odds_ratio = NAN;
    p.undefined_reason = "fewer than two shown groups";
    return p;
  }
  const GroupParity parity = group_parity(y, s, g, settings.risk_threshold, settings.fairness.confidence_level);
  p.demographic_parity_difference = parity.selection_rate.difference;
  p.demographic_parity_ratio = parity.selection_rate.ratio;
  p.equalised_odds_difference = parity.equalised_odds_difference;
  p.equalised_odds_ratio = parity.equalised_odds_ratio;
  std::vector<std::string> reasons;
  for (const auto* gap : {&parity.selection_rate, &parity.tpr, &parity.fpr})
    if (!gap->undefined_reason.empty() &&
        std::find(reasons.begin(), reasons.end(), gap->undefined_reason) == reasons.end())
      reasons.push_back(gap->undefined_reason);
  for (const auto& reason : reasons) p.undefined_reason += (p.undefined_reason.empty() ? "" : "; ") + reason;
  return p;
}

std::vector<QiniPointResult> thin_points(const std::vector<QiniPoint>& points) {
  std::vector<QiniPointResult> out;
  if (points.size() <= kMaxQiniPoints) {
    for (const auto& p : points) out.push_back({p.share_targeted, p.incremental_gain});
    return out;
  }
  const std::size_t last = points.size() - 1;
  std::size_t previous = static_cast<std::size_t>(-1);
  for (std::size_t k = 0; k < kMaxQiniPoints; ++k) {
    // Evenly spaced positions, rounded to the nearest point; 0 and last are always kept.
    const std::size_t index = (k * last + (kMaxQiniPoints - 1) / 2) / (kMaxQiniPoints - 1);
    if (index == previous) continue;
    previous = index;
    out.push_back({points[index].share_targeted, points[index].incremental_gain});
  }
  return out;
}

struct SolutionContext {
  const std::vector<CaseRecord>& evaluated;
  const std::vector<std::string>& interventions;
  const DecisionEvaluationSettings& settings;
  const std::vector<GroupingRows>& groupings;
  const LoggedData& logged;
  SuppressionLog& log;
};

Estimate interval_estimate(const PolicyEstimate& e, const std::string& reason) {
  return make_estimate(e.value, e.ci, reason);
}

}  // namespace

std::string case_group_value(const CaseRecord& case_record, const Grouping& grouping) {
  if (grouping.keys.empty()) return kAllGroup;
  std::string value;
  for (const auto& key : grouping.keys) value += (value.empty() ? "" : " × ") + key_value(case_record, key);
  return mask_cpr(value);
}

namespace {

DecisionSolutionResults build_solution(const DecisionSolutionInput& input, const SolutionContext& ctx) {
  const auto& evaluated = ctx.evaluated;
  const auto& settings = ctx.settings;
  const double level = settings.fairness.confidence_level;
  const int min_cell = settings.fairness.min_cell_size;
  const std::size_t npos = static_cast<std::size_t>(-1);
  DecisionSolutionResults out;
  out.id = mask_cpr(input.id);
  out.name = mask_cpr(input.name);
  out.adapter = mask_cpr(input.adapter);
  out.training = mask_cpr(input.training);

  // Items: one stored decision per case; the first stored entry of an evaluated case counts.
  std::map<std::string, std::size_t> case_index;
  for (std::size_t i = 0; i < evaluated.size(); ++i) case_index.emplace(evaluated[i].id, i);
  std::vector<const Decision*> decision(evaluated.size(), nullptr);
  std::vector<bool> seen(evaluated.size(), false);
  std::map<std::string, std::int64_t> failures;
  out.items_planned = static_cast<std::int64_t>(evaluated.size());
  for (const auto& stored : input.decisions) {
    const auto it = case_index.find(stored.case_id);
    if (it == case_index.end() || seen[it->second]) continue;
    seen[it->second] = true;
    if (stored.status == "ok") {
      ++out.items_ok;
      decision[it->second] = &stored.decision;
    } else {
      ++out.items_failed;
      ++failures[mask_cpr(first_line(stored.error))];
    }
  }
  out.failures.assign(failures.begin(), failures.end());
  std::stable_sort(out.failures.begin(), out.failures.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });

  for (const Decision* d : decision) {
    if (!d) continue;
    out.has_risk = out.has_risk || d->risk_score.has_value();
    out.has_recommendation = out.has_recommendation || d->recommendation.has_value();
    out.has_segments = out.has_segments || d->segment.has_value();
  }

  std::vector<FairnessInput> fairness_inputs;

  // ---- Risk ----
  std::vector<TableGroup> risk_table;
  if (out.has_risk) {
    std::vector<std::size_t> member(evaluated.size(), npos);
    std::vector<int> labels;
    std::vector<double> scores;
    for (std::size_t i = 0; i < evaluated.size(); ++i) {
      const Decision* d = decision[i];
      if (!d || !d->risk_score || !std::isfinite(*d->risk_score) || !evaluated[i].risk_label) continue;
      member[i] = labels.size();
      labels.push_back(*evaluated[i].risk_label != 0 ? 1 : 0);
      scores.push_back(*d->risk_score);
    }
    risk_table = table_groups(ctx.groupings, member, min_cell, "risk: ", ctx.log);
    for (const auto& group : risk_table) out.risk.push_back(risk_group(group, labels, scores, settings));
    for (std::size_t g = 1; g < ctx.groupings.size(); ++g)
      out.parity.push_back(parity_summary(ctx.groupings[g].name, risk_table, labels, scores, settings));

    for (std::size_t g = 1; g < ctx.groupings.size(); ++g) {
      const auto& grouping = ctx.groupings[g];
      const auto hidden = hidden_map(risk_table, grouping.name);
      FairnessInput selection{grouping.name, "risk.selection_rate", GroupMetricKind::proportion, false, {}, hidden};
      FairnessInput tpr{grouping.name, "risk.tpr", GroupMetricKind::proportion, true, {}, hidden};
      FairnessInput fpr{grouping.name, "risk.fpr", GroupMetricKind::proportion, false, {}, hidden};
      // Brier and calibration are shown per group in the risk table but not put through the ratio band: they move
      // with a group's base rate, so a ratio would flag a rarer outcome as unfair.
      for (const auto& group : grouping.groups) {
        GroupSample s_sel{group.label, {}, {}, {}}, s_tpr = s_sel, s_fpr = s_sel;
        for (std::size_t i : group.rows) {
          const Decision* d = decision[i];
          if (!d || !d->risk_score || !std::isfinite(*d->risk_score)) continue;
          const double flagged = *d->risk_score >= settings.risk_threshold ? 1.0 : 0.0;
          s_sel.values.push_back(flagged);
          if (!evaluated[i].risk_label) continue;
          const int y = *evaluated[i].risk_label != 0 ? 1 : 0;
          (y == 1 ? s_tpr : s_fpr).values.push_back(flagged);
        }
        selection.groups.push_back(std::move(s_sel));
        tpr.groups.push_back(std::move(s_tpr));
        fpr.groups.push_back(std::move(s_fpr));
      }
      for (auto* in : {&selection, &tpr, &fpr}) fairness_inputs.push_back(std::move(*in));
    }
  }

  // ---- Policy value ----
  std::vector<TableGroup> policy_table;
  if (out.has_recommendation) {
    const auto& logged = ctx.logged;
    std::map<std::string, int> action_index;
    for (std::size_t a = 0; a < ctx.interventions.size(); ++a)
      action_index.emplace(ctx.interventions[a], static_cast<int>(a));
    std::vector<std::size_t> member(evaluated.size(), npos);
    std::vector<LoggedDecision> rows;
    std::vector<std::size_t> row_case;
    for (std::size_t i = 0; i < evaluated.size(); ++i) {
      const Decision* d = decision[i];
      if (!d || !d->recommendation || logged.position[i] == npos) continue;
      const auto rec = action_index.find(*d->recommendation);
      if (rec == action_index.end()) continue;
      const std::size_t r = logged.position[i];
      LoggedDecision row;
      row.action = logged.actions[r];
      row.propensity = logged.propensity[r];
      row.reward = logged.rewards[r];
      row.recommended = rec->second;
      if (!logged.q_hat.empty()) row.predicted_rewards = logged.q_hat[r];
      if (!std::isfinite(row.propensity)) continue;
      member[i] = rows.size();
      rows.push_back(std::move(row));
      row_case.push_back(i);
    }
    // Γ_i = q̂(x_i, rec_i) + w_i (r_i − q̂(x_i, a_i)) with w_i = [a_i = rec_i] / max(p_i, floor): its mean is DR.
    std::vector<double> gamma(rows.size(), NAN);
    for (std::size_t k = 0; k < rows.size(); ++k) {
      const auto& row = rows[k];
      if (row.predicted_rewards.empty()) continue;
      const double w =
          row.action == row.recommended ? 1.0 / std::max(row.propensity, settings.propensity_floor) : 0.0;
      gamma[k] = row.predicted_rewards[static_cast<std::size_t>(row.recommended)] +
                 w * (row.reward - row.predicted_rewards[static_cast<std::size_t>(row.action)]);
    }
    policy_table = table_groups(ctx.groupings, member, min_cell, "policy: ", ctx.log);
    for (const auto& grouping : ctx.groupings) {
      PolicyValueOptions options;
      options.clipping = WeightClipping::propensity_floor;
      options.propensity_floor = settings.propensity_floor;
      options.replicates = settings.fairness.bootstrap_replicates;
      options.level = level;
      options.seed = derive_seed(settings.seed, "policy/" + input.id + "/" + grouping.name);
      std::vector<LoggedDecision> labelled;
      for (const auto& group : policy_table) {
        if (group.grouping != grouping.name) continue;
        for (std::size_t k : group.rows) {
          labelled.push_back(rows[k]);
          labelled.back().group = group.label;
        }
      }
      const auto summaries = evaluate_policy_value_by_group(labelled, options);
      for (const auto& group : policy_table) {
        if (group.grouping != grouping.name) continue;
        PolicyGroupResult p;
        p.grouping = group.grouping;
        p.group = group.label;
        p.n = static_cast<std::int64_t>(group.rows.size());
        p.recommended_shares.assign(ctx.interventions.size(), NAN);
        if (is_suppressed(group.status)) {
          p.suppressed = true;
          p.recommended_shares.clear();
          out.policy.push_back(std::move(p));
          continue;
        }
        const PolicyValueSummary* summary = nullptr;
        for (const auto& s : summaries)
          if (s.group == group.label) summary = &s;
        const std::string no_rows = "no case with a recommendation, a logged intervention and an outcome" +
                                    (logged.propensity_problem.empty() ? "" : " (" + logged.propensity_problem + ")");
        if (!summary) {
          p.current_practice = p.ipw = p.snipw = p.dr = p.dr_gain = undefined_estimate(no_rows);
          p.reason = no_rows;
          p.share_clipped = p.max_weight = p.effective_sample_size = NAN;
        } else {
          p.current_practice = interval_estimate(summary->current_practice, summary->reason);
          p.ipw = interval_estimate(summary->ipw, summary->reason);
          p.snipw = interval_estimate(summary->snipw, summary->reason);
          p.dr = interval_estimate(summary->dr, summary->dr_reason.empty() ? summary->reason : summary->dr_reason);
          p.matching = static_cast<std::int64_t>(summary->matching);
          p.share_clipped = summary->share_clipped;
          p.max_weight = summary->max_weight;
          p.effective_sample_size = summary->effective_sample_size;
          p.reason = summary->reason.empty() ? summary->dr_reason : summary->reason;
          // DR gain: mean of Γ_i − r_i, percentile bootstrap over the group's rows.
          std::vector<double> gain;
          for (std::size_t k : group.rows) gain.push_back(gamma[k] - rows[k].reward);
          const bool defined = std::isfinite(p.dr.value) &&
                               std::all_of(gain.begin(), gain.end(), [](double v) { return std::isfinite(v); });
          if (defined && !gain.empty()) {
            double sum = 0;
            for (double v : gain) sum += v;
            const Interval ci = bootstrap_mean_ci(
                gain, settings.fairness.bootstrap_replicates,
                derive_seed(settings.seed, "policy-gain/" + input.id + "/" + grouping.name + "/" + group.label), level);
            p.dr_gain = make_estimate(sum / static_cast<double>(gain.size()), ci, "");
          } else {
            p.dr_gain = undefined_estimate(p.dr.undefined_reason.empty() ? "doubly robust estimate undefined"
                                                                          : p.dr.undefined_reason);
          }
        }
        std::int64_t agree = 0, with_choice = 0;
        std::vector<std::int64_t> recommended(ctx.interventions.size(), 0);
        for (std::size_t k : group.rows) {
          const auto& c = evaluated[row_case[k]];
          ++recommended[static_cast<std::size_t>(rows[k].recommended)];
          if (!c.caseworker_choice) continue;
          ++with_choice;
          if (*c.caseworker_choice == ctx.interventions[static_cast<std::size_t>(rows[k].recommended)]) ++agree;
        }
        p.agreement_with_caseworker = share_figure(agree, with_choice, level);
        for (std::size_t a = 0; a < recommended.size(); ++a)
          if (!group.rows.empty())
            p.recommended_shares[a] = static_cast<double>(recommended[a]) / static_cast<double>(group.rows.size());
        out.policy.push_back(std::move(p));
      }
    }

    for (std::size_t g = 1; g < ctx.groupings.size(); ++g) {
      const auto& grouping = ctx.groupings[g];
      const auto hidden = hidden_map(policy_table, grouping.name);
      FairnessInput active{grouping.name, "recommendation.active_share", GroupMetricKind::proportion, true, {}, hidden};
      for (const auto& group : grouping.groups) {
        GroupSample s_active{group.label, {}, {}, {}};
        for (std::size_t i : group.rows) {
          const Decision* d = decision[i];
          if (!d || !d->recommendation) continue;
          s_active.values.push_back(*d->recommendation != settings.no_intervention ? 1.0 : 0.0);
        }
        active.groups.push_back(std::move(s_active));
      }
      // The policy value and its gain over current practice are compared between groups in the policy table (DR with
      // intervals per group), not through the ratio band: a gain near 0 for the reference group makes any ratio
      // meaningless, and the value itself moves with how often a group finds work whatever is recommended.
      fairness_inputs.push_back(std::move(active));
    }

    // ---- Qini ----
    out.qini.treated_definition = "any intervention other than \"" + settings.no_intervention + "\"";
    std::vector<UpliftObservation> observations;
    const int no_action = action_index.count(settings.no_intervention) ? action_index.at(settings.no_intervention) : -1;
    for (std::size_t i = 0; i < evaluated.size(); ++i) {
      const Decision* d = decision[i];
      if (!d || !d->recommendation_score || logged.position[i] == npos) continue;
      const std::size_t r = logged.position[i];
      const double pi_none = logged.no_intervention_p[r];
      if (!std::isfinite(pi_none)) continue;
      const bool treated = logged.actions[r] != no_action;
      const double arm = std::max(treated ? 1.0 - pi_none : pi_none, settings.propensity_floor);
      observations.push_back({*d->recommendation_score, treated, logged.rewards[r], 1.0 / arm});
    }
    if (observations.empty()) {
      const std::string reason = no_action < 0 ? "\"" + settings.no_intervention + "\" is not one of the interventions"
                                               : "no case with a recommendation score, a logged intervention, an "
                                                 "outcome and a propensity";
      out.qini.coefficient = out.qini.area = undefined_estimate(reason);
    } else {
      const QiniCurve curve = qini_curve(observations);
      out.qini.points = thin_points(curve.points);
      out.qini.coefficient = make_estimate(curve.coefficient, std::nullopt, curve.reason);
      out.qini.area = make_estimate(curve.area, std::nullopt, curve.reason);
    }
  }

  // ---- Segments ----
  if (out.has_segments) {
    std::set<std::string> labels;
    std::vector<std::size_t> member(evaluated.size(), npos);
    std::vector<std::string> segment_of;
    for (std::size_t i = 0; i < evaluated.size(); ++i) {
      const Decision* d = decision[i];
      if (!d || !d->segment) continue;
      member[i] = segment_of.size();
      segment_of.push_back(mask_cpr(*d->segment));
      labels.insert(segment_of.back());
    }
    out.segment_labels.assign(labels.begin(), labels.end());
    const auto table = table_groups(ctx.groupings, member, min_cell, "segments: ", ctx.log);
    for (const auto& group : table) {
      SegmentGroupResult s;
      s.grouping = group.grouping;
      s.group = group.label;
      s.n = static_cast<std::int64_t>(group.rows.size());
      if (is_suppressed(group.status)) {
        s.suppressed = true;
        out.segments.push_back(std::move(s));
        continue;
      }
      for (const auto& label : out.segment_labels) {
        std::int64_t count = 0;
        for (std::size_t k : group.rows) count += segment_of[k] == label ? 1 : 0;
        s.segments.push_back(share_figure(count, s.n, level));
      }
      out.segments.push_back(std::move(s));
    }
  }

  // ---- Fairness ----
  if (!fairness_inputs.empty()) {
    out.fairness =
        fairness_cells(fairness_inputs, settings.fairness, derive_seed(settings.seed, "fairness/" + input.id));
    for (const auto& entry : suppressed_fairness_groups(out.fairness, "fairness: ", min_cell)) ctx.log.add(entry);
  }
  return out;
}

}  // namespace

DecisionResults build_decision_results(const std::vector<CaseRecord>& evaluated,
                                       const std::vector<std::string>& interventions,
                                       const std::vector<DecisionSolutionInput>& solutions,
                                       const DecisionEvaluationSettings& settings) {
  DecisionResults results;
  results.evaluated_cases = static_cast<std::int64_t>(evaluated.size());
  results.seed = settings.seed;
  for (const auto& intervention : interventions) results.interventions.push_back(mask_cpr(intervention));
  results.no_intervention = settings.no_intervention;
  results.outcome = "outcome_in_job_26w";
  results.risk_threshold = settings.risk_threshold;
  results.calibration_bins = settings.calibration_bins;
  results.propensity_floor = settings.propensity_floor;
  results.cross_fit_folds = settings.cross_fit_folds;
  results.bootstrap_replicates = settings.fairness.bootstrap_replicates;
  results.confidence_level = settings.fairness.confidence_level;
  results.min_cell_size = settings.fairness.min_cell_size;
  for (const auto& grouping : settings.groupings) results.groupings.push_back(grouping.name());
  results.fairness = settings.fairness;

  bool any_recommendation = false;
  for (const auto& solution : solutions)
    for (const auto& stored : solution.decisions)
      any_recommendation = any_recommendation || (stored.status == "ok" && stored.decision.recommendation);
  LoggedData logged;
  if (any_recommendation) {
    logged = prepare_logged_data(evaluated, interventions, settings);
  } else {
    logged.position.assign(evaluated.size(), static_cast<std::size_t>(-1));
    logged.propensity_source = "logged";
  }
  results.propensity_source = logged.propensity_source;

  const auto groupings = group_cases(evaluated, settings.groupings);
  SuppressionLog log(settings.fairness.min_cell_size);
  const SolutionContext ctx{evaluated, interventions, settings, groupings, logged, log};
  for (const auto& solution : solutions) results.solutions.push_back(build_solution(solution, ctx));
  results.suppressed_groups = log.take();
  return results;
}

}  // namespace pb
