#include "reports/json_report.h"

#include <cmath>

#include "reports/fairness_json.h"
#include "reports/json_values.h"

namespace pb {
namespace {

nlohmann::ordered_json metrics_json(const std::vector<CellMetric>& cell_metrics);

nlohmann::ordered_json cell_json(const GroupCell& cell, int min_cell_size) {
  nlohmann::ordered_json j;
  j["group"] = cell.group;
  if (cell.suppressed) {
    j["suppressed"] = true;
    j["reason"] = "fewer than " + std::to_string(min_cell_size) + " conversations";
    return j;
  }
  j["suppressed"] = false;
  j["n"] = cell.n;
  j["failed"] = cell.failed;
  j["wer"] = number_or_null(cell.wer);
  j["wer_ci"] = ci_json(cell.wer_ci);
  j["mean_wer"] = number_or_null(cell.mean_wer);
  j["cer"] = number_or_null(cell.cer);
  j["ref_words"] = cell.ref_words;
  j["hyp_words"] = cell.hyp_words;
  j["hits"] = cell.hits;
  j["substitutions"] = cell.substitutions;
  j["deletions"] = cell.deletions;
  j["insertions"] = cell.insertions;
  j["metrics"] = metrics_json(cell.metrics);
  return j;
}

nlohmann::ordered_json metrics_json(const std::vector<CellMetric>& cell_metrics) {
  auto metrics = nlohmann::ordered_json::object();
  for (const auto& m : cell_metrics)
    metrics[m.name] = {{"value", number_or_null(m.value)},
                       {"ci", ci_json(m.ci)},
                       {"numerator", m.numerator},
                       {"denominator", m.denominator}};
  return metrics;
}

nlohmann::ordered_json failures_json(const std::vector<FailureReason>& failures) {
  auto list = nlohmann::ordered_json::array();
  for (const auto& f : failures) list.push_back({{"reason", f.reason}, {"count", f.count}});
  return list;
}

nlohmann::ordered_json summary_json(const SolutionSummaryResults& s, int min_cell_size, bool include_items) {
  nlohmann::ordered_json j;
  j["adapter"] = s.adapter;
  j["source"] = s.source;
  j["items"] = {{"planned", s.items_planned}, {"ok", s.items_ok}, {"failed", s.items_failed}};
  auto& breakdowns = j["breakdowns"] = nlohmann::ordered_json::array();
  for (const auto& b : s.breakdowns) {
    nlohmann::ordered_json bj;
    bj["grouping"] = b.grouping;
    bj["cells"] = nlohmann::ordered_json::array();
    for (const auto& c : b.cells) {
      nlohmann::ordered_json cj;
      cj["group"] = c.group;
      cj["suppressed"] = c.suppressed;
      if (c.suppressed) {
        cj["reason"] = "fewer than " + std::to_string(min_cell_size) + " notes";
      } else {
        cj["n"] = c.n;
        cj["failed"] = c.failed;
        cj["metrics"] = metrics_json(c.metrics);
      }
      bj["cells"].push_back(std::move(cj));
    }
    breakdowns.push_back(std::move(bj));
  }
  j["failures"] = failures_json(s.failures);
  if (include_items) {
    auto& items = j["per_item"] = nlohmann::ordered_json::array();
    for (const auto& item : s.items) {
      nlohmann::ordered_json ij;
      ij["id"] = item.id;
      ij["status"] = item.status;
      if (item.status == "ok") {
        ij["key_fact_recall"] = number_or_null(item.key_fact_recall);
        ij["critical_errors"] = item.critical_errors;
        ij["negation_flips"] = item.negation_flips;
        ij["missed_facts"] = item.missed_facts;
        ij["wrong_facts"] = item.wrong_facts;
        ij["structure_problems"] = item.structure_problems;
      } else {
        ij["error"] = item.error;
      }
      items.push_back(std::move(ij));
    }
  }
  return j;
}

// A suppressed group keeps its label and why; every number of it, its n included, stays out.
nlohmann::ordered_json optional_json(const std::optional<double>& value) {
  return value ? number_or_null(*value) : nlohmann::ordered_json(nullptr);
}

}  // namespace

nlohmann::ordered_json results_to_json(const RunResults& r) {
  nlohmann::ordered_json j;
  j["format"] = "pilotbench-results";
  j["format_version"] = 1;
  j["scenario"] = {{"name", r.scenario_name}, {"description", r.scenario_description}, {"hash", r.scenario_hash}};
  j["dataset"] = {{"hash", r.dataset_hash}, {"conversations", r.dataset_conversations}};
  j["seed"] = r.seed;
  j["code_version"] = r.code_version;
  j["status"] = r.status;
  j["settings"] = {
      {"normalizer", {{"name", r.normalizer}, {"version", r.normalizer_version}, {"rules", r.normalizer_rules}}},
      {"bootstrap", {{"replicates", r.bootstrap_replicates}, {"level", r.confidence_level}}},
      {"min_cell_size", r.min_cell_size},
      {"fairness", fairness_settings_json(r.fairness)}};
  j["suppressed_groups"] = suppressed_groups_json(r.suppressed_groups);
  if (!r.summary_metrics_version.empty()) j["settings"]["summary_metrics_version"] = r.summary_metrics_version;
  auto& solutions = j["solutions"] = nlohmann::ordered_json::array();
  for (const auto& s : r.solutions) {
    nlohmann::ordered_json sj;
    sj["id"] = s.id;
    sj["name"] = s.name;
    sj["adapter"] = s.adapter;
    sj["items"] = {{"planned", s.items_planned}, {"ok", s.items_ok}, {"failed", s.items_failed}};
    auto& breakdowns = sj["breakdowns"] = nlohmann::ordered_json::array();
    for (const auto& b : s.breakdowns) {
      nlohmann::ordered_json bj;
      bj["grouping"] = b.grouping;
      bj["cells"] = nlohmann::ordered_json::array();
      for (const auto& c : b.cells) bj["cells"].push_back(cell_json(c, r.min_cell_size));
      breakdowns.push_back(std::move(bj));
    }
    sj["failures"] = failures_json(s.failures);
    if (s.summary.present) sj["summary"] = summary_json(s.summary, r.min_cell_size, r.include_items);
    sj["fairness"] = fairness_cells_json(s.fairness);
    if (!r.include_items) {
      solutions.push_back(std::move(sj));
      continue;
    }
    auto& items = sj["per_item"] = nlohmann::ordered_json::array();
    for (const auto& item : s.items) {
      nlohmann::ordered_json ij;
      ij["id"] = item.id;
      ij["status"] = item.status;
      if (item.status == "ok") {
        ij["wer"] = number_or_null(item.wer);
        ij["ref_words"] = item.ref_words;
        ij["errors"] = item.errors;
      } else {
        ij["error"] = item.error;
      }
      items.push_back(std::move(ij));
    }
    solutions.push_back(std::move(sj));
  }
  auto& comparisons = j["comparisons"] = nlohmann::ordered_json::array();
  for (const auto& c : r.comparisons) {
    nlohmann::ordered_json cj;
    cj["solution_a"] = c.solution_a;
    cj["solution_b"] = c.solution_b;
    cj["grouping"] = c.grouping;
    cj["group"] = c.group;
    cj["n"] = c.n;
    cj["wer_a"] = number_or_null(c.wer_a);
    cj["wer_b"] = number_or_null(c.wer_b);
    cj["difference"] = number_or_null(c.difference);
    cj["difference_ci"] = ci_json(c.ci);
    cj["p_paired_bootstrap"] = number_or_null(c.p_bootstrap);
    cj["p_paired_bootstrap_holm"] = number_or_null(c.p_bootstrap_holm);
    cj["p_mapsswe"] = number_or_null(c.p_mapsswe);
    cj["p_sign_test"] = number_or_null(c.p_sign);
    cj["verdict"] = c.verdict;
    comparisons.push_back(std::move(cj));
  }
  if (!r.judge_agreement.empty()) {
    auto& agreement = j["judge_agreement"] = nlohmann::ordered_json::array();
    for (const auto& a : r.judge_agreement)
      agreement.push_back({{"criterion", a.criterion},
                           {"items", a.items},
                           {"raters", a.raters},
                           {"kappa_quadratic_judge_vs_humans", optional_json(a.kappa)},
                           {"alpha_ordinal_humans", optional_json(a.alpha_humans)},
                           {"alpha_ordinal_humans_and_judge", optional_json(a.alpha_with_judge)}});
  }
  auto& targets = j["target_picture"] = nlohmann::ordered_json::array();
  for (const auto& t : r.targets) {
    nlohmann::ordered_json tj;
    tj["solution"] = t.solution_id;
    tj["metric"] = t.metric;
    tj["grouping"] = t.grouping;
    tj["group"] = t.group;
    tj["target"] = t.comparison + " " + nlohmann::json(t.threshold).dump();
    if (t.gate) tj["gate"] = true;
    tj["value"] = t.value ? number_or_null(*t.value) : nlohmann::ordered_json(nullptr);
    tj["ci"] = ci_json(t.ci);
    tj["verdict"] = t.verdict;
    targets.push_back(std::move(tj));
  }
  return j;
}

std::string render_json_report(const RunResults& results) { return results_to_json(results).dump(2) + "\n"; }

}  // namespace pb
