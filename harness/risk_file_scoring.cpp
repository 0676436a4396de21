#include "harness/risk_file_scoring.h"

#include <cmath>

#include <fmt/format.h>

#include "core/error.h"
#include "formats/risk_scores_csv.h"
#include "harness/decision_results_builder.h"

namespace pb {
namespace {

std::vector<Grouping> groupings_of(const RiskFileOptions& options, const RiskScoresFile& file) {
  std::vector<Grouping> groupings;
  const auto known = [&](const std::string& key) {
    if (key == "target_group") return file.has_target_group;
    if (key.rfind("attributes.", 0) != 0) return false;
    const auto name = key.substr(11);
    return std::find(file.attribute_names.begin(), file.attribute_names.end(), name) != file.attribute_names.end();
  };
  if (options.group_by.empty()) {
    if (file.has_target_group) groupings.push_back(Grouping{{"target_group"}});
    for (const auto& name : file.attribute_names) groupings.push_back(Grouping{{"attributes." + name}});
    return groupings;
  }
  for (const auto& spec : options.group_by) {
    Grouping grouping;
    std::size_t start = 0;
    while (start <= spec.size()) {
      const auto end = spec.find(',', start);
      grouping.keys.push_back(spec.substr(start, end == std::string::npos ? std::string::npos : end - start));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    for (const auto& key : grouping.keys)
      if (!known(key))
        throw InputError(Problem{options.scores.string(), 1, "--group-by",
                                 "expected target_group or attributes.<name> for a column of the file (target_group, "
                                 "attr_<name>), got \"" + key + "\""});
    groupings.push_back(std::move(grouping));
  }
  return groupings;
}

std::string figure(const Estimate& e) {
  if (!std::isfinite(e.value)) return "–";
  if (!e.ci) return fmt::format("{:.3f}", e.value);
  return fmt::format("{:.3f} [{:.3f}, {:.3f}]", e.value, e.ci->lower, e.ci->upper);
}

}  // namespace

DecisionResults score_risk_file(const RiskFileOptions& options) {
  const RiskScoresFile file = read_risk_scores_csv(options.scores);
  std::vector<CaseRecord> cases;
  DecisionSolutionInput solution;
  solution.id = "scores";
  solution.name = options.scores.filename().string();
  solution.adapter = "file";
  cases.reserve(file.cases.size());
  for (const auto& c : file.cases) {
    CaseRecord& record = cases.emplace_back();
    record.id = c.id;
    record.target_group = c.target_group;
    record.attributes = c.attributes;
    record.risk_label = c.label;
    StoredDecision decision;
    decision.case_id = c.id;
    decision.status = "ok";
    decision.decision.risk_score = c.score;
    solution.decisions.push_back(std::move(decision));
  }
  DecisionEvaluationSettings settings;
  settings.groupings = groupings_of(options, file);
  settings.fairness.correction = options.correction;
  settings.fairness.min_cell_size = options.min_cell_size;
  settings.fairness.bootstrap_replicates = options.bootstrap_replicates;
  settings.fairness.confidence_level = options.confidence_level;
  settings.risk_threshold = options.threshold;
  settings.calibration_bins = options.bins;
  settings.seed = options.seed;
  DecisionResults results = build_decision_results(cases, {}, {solution}, settings);
  results.scenario_name = "score risk: " + options.scores.filename().string();
  results.dataset_cases = results.evaluated_cases = static_cast<std::int64_t>(cases.size());
  results.status = "finished";
  return results;
}

std::string describe_risk_score(const DecisionResults& results) {
  std::string text;
  if (results.solutions.empty()) return text;
  const auto& s = results.solutions.front();
  for (const auto& r : s.risk) {
    if (r.suppressed) {
      text += fmt::format("{} = {}: suppressed\n", r.grouping, r.group);
      continue;
    }
    text += fmt::format("{} = {}: n {} ({} positive)  AUC {}  Brier {}  ECE {}  TPR {:.3f}  FPR {:.3f}\n", r.grouping,
                        r.group, r.n, r.positives, figure(r.auc), figure(r.brier), figure(r.ece), r.tpr.value,
                        r.fpr.value);
  }
  for (const auto& c : s.fairness)
    if (c.verdict == "unfair")
      text += fmt::format("unfair: {} {} = {} against {}: ratio {:.2f} ({})\n", c.metric, c.grouping, c.group,
                          c.reference_group, c.ratio, c.reason);
  return text;
}

}  // namespace pb
