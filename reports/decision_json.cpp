#include "reports/decision_json.h"

#include "reports/fairness_json.h"
#include "reports/json_values.h"

namespace pb {
namespace {

using Json = nlohmann::ordered_json;

Json estimate_json(const Estimate& e) {
  Json j;
  j["value"] = number_or_null(e.value);
  j["ci"] = ci_json(e.ci);
  if (!e.undefined_reason.empty()) j["undefined_reason"] = e.undefined_reason;
  return j;
}

Json rate_json(const RateFigure& f) {
  return {{"value", number_or_null(f.value)},
          {"ci", ci_json(f.ci)},
          {"numerator", f.numerator},
          {"denominator", f.denominator}};
}

// Why a group is hidden, from the run's suppression list when it names the group's table, else the primary rule.
std::string suppression_reason(const DecisionResults& r, const std::string& grouping, const std::string& group) {
  for (const auto& s : r.suppressed_groups) {
    const bool same_table = s.table == grouping || (s.table.size() > grouping.size() + 2 &&
                                                    s.table.compare(s.table.size() - grouping.size() - 2, std::string::npos,
                                                                    ": " + grouping) == 0);
    if (same_table && s.group == group) return s.explanation.empty() ? s.reason : s.explanation;
  }
  return "fewer than " + std::to_string(r.min_cell_size) + " cases";
}

Json suppressed_json(const DecisionResults& r, const std::string& grouping, const std::string& group) {
  return {{"grouping", grouping}, {"group", group}, {"suppressed", true}, {"reason", suppression_reason(r, grouping, group)}};
}

Json interval_of(const std::optional<ConfidenceInterval>& ci) { return ci_json(ci); }

Json risk_json(const DecisionResults& r, const RiskGroupResult& g) {
  if (g.suppressed) return suppressed_json(r, g.grouping, g.group);
  Json j;
  j["grouping"] = g.grouping;
  j["group"] = g.group;
  j["suppressed"] = false;
  j["n"] = g.n;
  j["positives"] = g.positives;
  j["auc"] = estimate_json(g.auc);
  j["brier"] = estimate_json(g.brier);
  j["ece"] = estimate_json(g.ece);
  j["calibration_intercept"] = estimate_json(g.calibration_intercept);
  j["calibration_slope"] = estimate_json(g.calibration_slope);
  auto& bins = j["reliability"] = Json::array();
  for (const auto& b : g.reliability)
    bins.push_back({{"n", b.n},
                    {"mean_score", number_or_null(b.mean_score)},
                    {"observed_rate", number_or_null(b.observed_rate)},
                    {"observed_ci", interval_of(b.observed_ci)}});
  j["at_threshold"] = {{"tpr", rate_json(g.tpr)},
                       {"fpr", rate_json(g.fpr)},
                       {"fnr", rate_json(g.fnr)},
                       {"false_omission_rate", rate_json(g.false_omission)},
                       {"ppv", rate_json(g.ppv)},
                       {"selection_rate", rate_json(g.selection_rate)}};
  return j;
}

Json policy_json(const DecisionResults& r, const PolicyGroupResult& g) {
  if (g.suppressed) return suppressed_json(r, g.grouping, g.group);
  Json j;
  j["grouping"] = g.grouping;
  j["group"] = g.group;
  j["suppressed"] = false;
  j["n"] = g.n;
  j["current_practice"] = estimate_json(g.current_practice);
  j["ipw"] = estimate_json(g.ipw);
  j["snipw"] = estimate_json(g.snipw);
  j["dr"] = estimate_json(g.dr);
  j["dr_gain"] = estimate_json(g.dr_gain);
  j["matching"] = g.matching;
  j["share_clipped"] = number_or_null(g.share_clipped);
  j["max_weight"] = number_or_null(g.max_weight);
  j["effective_sample_size"] = number_or_null(g.effective_sample_size);
  j["reason"] = g.reason;
  j["agreement_with_caseworker_secondary"] = rate_json(g.agreement_with_caseworker);
  auto& shares = j["recommended_shares"] = Json::object();
  for (std::size_t i = 0; i < r.interventions.size(); ++i)
    shares[r.interventions[i]] = i < g.recommended_shares.size() ? number_or_null(g.recommended_shares[i]) : Json(nullptr);
  return j;
}

Json solution_json(const DecisionResults& r, const DecisionSolutionResults& s) {
  Json j;
  j["id"] = s.id;
  j["name"] = s.name;
  j["adapter"] = s.adapter;
  j["training"] = s.training;
  j["items"] = {{"planned", s.items_planned}, {"ok", s.items_ok}, {"failed", s.items_failed}};
  auto& failures = j["failures"] = Json::array();
  for (const auto& [reason, count] : s.failures) failures.push_back({{"reason", reason}, {"count", count}});
  j["decides"] = {{"risk", s.has_risk}, {"recommendation", s.has_recommendation}, {"segments", s.has_segments}};
  auto& risk = j["risk"] = Json::array();
  for (const auto& g : s.risk) risk.push_back(risk_json(r, g));
  auto& parity = j["parity"] = Json::array();
  for (const auto& p : s.parity) {
    Json pj;
    pj["grouping"] = p.grouping;
    pj["demographic_parity_difference"] = number_or_null(p.demographic_parity_difference);
    pj["demographic_parity_ratio"] = number_or_null(p.demographic_parity_ratio);
    pj["equalised_odds_difference"] = number_or_null(p.equalised_odds_difference);
    pj["equalised_odds_ratio"] = number_or_null(p.equalised_odds_ratio);
    if (!p.undefined_reason.empty()) pj["undefined_reason"] = p.undefined_reason;
    parity.push_back(std::move(pj));
  }
  auto& policy = j["policy"] = Json::array();
  for (const auto& g : s.policy) policy.push_back(policy_json(r, g));
  Json qini;
  qini["treated_definition"] = s.qini.treated_definition;
  qini["coefficient"] = estimate_json(s.qini.coefficient);
  qini["area"] = estimate_json(s.qini.area);
  auto& points = qini["points"] = Json::array();
  for (const auto& p : s.qini.points)
    points.push_back(Json::array({number_or_null(p.share_targeted), number_or_null(p.incremental_gain)}));
  j["qini"] = std::move(qini);
  j["segment_labels"] = s.segment_labels;
  auto& segments = j["segments"] = Json::array();
  for (const auto& g : s.segments) {
    if (g.suppressed) {
      segments.push_back(suppressed_json(r, g.grouping, g.group));
      continue;
    }
    Json gj;
    gj["grouping"] = g.grouping;
    gj["group"] = g.group;
    gj["suppressed"] = false;
    gj["n"] = g.n;
    auto& shares = gj["shares"] = Json::object();
    for (std::size_t i = 0; i < s.segment_labels.size(); ++i)
      shares[s.segment_labels[i]] = i < g.segments.size() ? rate_json(g.segments[i]) : Json(nullptr);
    segments.push_back(std::move(gj));
  }
  j["fairness"] = fairness_cells_json(s.fairness);
  return j;
}

}  // namespace

nlohmann::ordered_json decision_results_to_json(const DecisionResults& r) {
  Json j;
  j["format"] = "pilotbench-decision-results";
  j["format_version"] = 1;
  j["scenario"] = {{"name", r.scenario_name}, {"description", r.scenario_description}, {"hash", r.scenario_hash}};
  j["dataset"] = {{"hash", r.dataset_hash},
                  {"cases", r.dataset_cases},
                  {"training_cases", r.training_cases},
                  {"evaluated_cases", r.evaluated_cases}};
  j["seed"] = r.seed;
  j["code_version"] = r.code_version;
  j["status"] = r.status;
  Json settings;
  settings["interventions"] = r.interventions;
  settings["no_intervention"] = r.no_intervention;
  settings["outcome"] = r.outcome;
  settings["risk_threshold"] = number_or_null(r.risk_threshold);
  settings["calibration_bins"] = r.calibration_bins;
  settings["propensity_source"] = r.propensity_source;
  settings["propensity_floor"] = number_or_null(r.propensity_floor);
  settings["cross_fit_folds"] = r.cross_fit_folds;
  settings["bootstrap"] = {{"replicates", r.bootstrap_replicates}, {"level", number_or_null(r.confidence_level)}};
  settings["min_cell_size"] = r.min_cell_size;
  settings["groupings"] = r.groupings;
  settings["fairness"] = fairness_settings_json(r.fairness);
  j["settings"] = std::move(settings);
  j["suppressed_groups"] = suppressed_groups_json(r.suppressed_groups);
  auto& solutions = j["solutions"] = Json::array();
  for (const auto& s : r.solutions) solutions.push_back(solution_json(r, s));
  return j;
}

std::string render_decision_json(const DecisionResults& results) {
  return decision_results_to_json(results).dump(2) + "\n";
}

}  // namespace pb
