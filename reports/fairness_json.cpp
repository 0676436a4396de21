#include "reports/fairness_json.h"

#include "reports/json_values.h"

namespace pb {

nlohmann::ordered_json fairness_cells_json(const std::vector<FairnessCell>& cells) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& c : cells) {
    nlohmann::ordered_json j;
    j["grouping"] = c.grouping;
    j["metric"] = c.metric;
    j["kind"] = c.kind;
    j["higher_is_better"] = c.higher_is_better;
    j["group"] = c.group;
    j["reference_group"] = c.reference_group;
    j["reference_declared"] = c.reference_declared;
    j["verdict"] = c.verdict;
    j["reason"] = c.reason;
    if (c.suppressed) {
      j["suppressed"] = true;
      out.push_back(std::move(j));
      continue;
    }
    j["suppressed"] = false;
    j["is_reference"] = c.is_reference;
    j["n"] = c.n;
    j["numerator"] = number_or_null(c.numerator);
    j["denominator"] = number_or_null(c.denominator);
    j["value"] = number_or_null(c.value);
    if (!c.value_undefined.empty()) j["value_undefined"] = c.value_undefined;
    j["value_ci"] = ci_json(c.value_ci);
    if (!c.is_reference) {
      j["difference"] = number_or_null(c.difference);
      j["difference_ci"] = ci_json(c.difference_ci);
      if (c.kind == "proportion") j["newcombe_difference_ci"] = ci_json(c.newcombe_difference_ci);
      j["ratio"] = number_or_null(c.ratio);
      j["ratio_ci"] = ci_json(c.ratio_ci);
      j["p_value"] = number_or_null(c.p_value);
      j["p_adjusted"] = number_or_null(c.p_adjusted);
    }
    out.push_back(std::move(j));
  }
  return out;
}

nlohmann::ordered_json fairness_settings_json(const FairnessSettings& settings) {
  nlohmann::ordered_json j;
  j["ratio_band"] = {settings.ratio_lower, settings.ratio_upper};
  j["correction"] = settings.correction;
  auto references = nlohmann::ordered_json::object();
  for (const auto& [grouping, group] : settings.reference_groups) references[grouping] = group;
  j["reference_groups"] = references;
  j["min_cell_size"] = settings.min_cell_size;
  j["bootstrap"] = {{"replicates", settings.bootstrap_replicates}, {"level", settings.confidence_level}};
  return j;
}

nlohmann::ordered_json suppressed_groups_json(const std::vector<SuppressedGroup>& groups) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& g : groups)
    out.push_back({{"table", g.table}, {"group", g.group}, {"reason", g.reason}, {"explanation", g.explanation}});
  return out;
}

}  // namespace pb
