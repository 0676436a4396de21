#include "reports/baseline_json.h"

#include <cmath>

#include "core/cpr.h"
#include "reports/fairness_json.h"
#include "reports/json_values.h"

namespace pb {
namespace {

using Json = nlohmann::ordered_json;

Json text(const std::string& s) { return mask_cpr(s); }

Json point_json(const MeasurementPointSummary& p) {
  Json j;
  j["name"] = text(p.name);
  j["kind"] = p.kind;
  j["recorded_at"] = p.recorded_at;
  j["data_source"] = text(p.data_source);
  j["data_hash"] = p.data_hash;
  j["first_date"] = p.first_date.empty() ? Json(nullptr) : Json(p.first_date);
  j["last_date"] = p.last_date.empty() ? Json(nullptr) : Json(p.last_date);
  j["conversations"] = p.conversations;
  j["ai_used"] = p.ai_used;
  j["estimated_minutes"] = p.estimated_minutes;
  j["survey_answers"] = p.survey_answers;
  j["run_id"] = p.run_id ? Json(*p.run_id) : Json(nullptr);
  return j;
}

Json kpi_point_json(const KpiPointValue& v) {
  Json j;
  j["point"] = text(v.point);
  j["suppressed"] = v.suppressed;
  if (v.suppressed) {
    for (const char* key : {"n", "value", "ci", "estimated", "scenario_reached"}) j[key] = nullptr;
    j["verdict"] = to_string(KpiVerdict::no_data);
    return j;
  }
  j["n"] = v.n;
  j["value"] = number_or_null(v.value);
  j["ci"] = interval_json(v.ci);
  j["estimated"] = v.estimated;
  j["scenario_reached"] = v.scenario_reached.empty() ? Json(nullptr) : Json(v.scenario_reached);
  j["verdict"] = to_string(v.verdict);
  return j;
}

Json kpi_json(const KpiResult& k) {
  Json j;
  j["id"] = k.id;
  j["label"] = k.label.empty() ? Json(nullptr) : text(k.label);
  j["unit"] = k.unit;
  j["lower_is_better"] = k.lower_is_better;
  j["source"] = text(k.source);
  j["target"] = {{"pessimistic", number_or_null(k.target.pessimistic)},
                 {"likely", number_or_null(k.target.likely)},
                 {"optimistic", number_or_null(k.target.optimistic)}};
  Json points = Json::array();
  for (const auto& p : k.points) points.push_back(kpi_point_json(p));
  j["points"] = std::move(points);
  return j;
}

Json saving_json(const GroupSaving& g) {
  Json j;
  j["target_group"] = text(g.target_group);
  j["suppressed"] = g.suppressed;
  j["annual_volume"] = number_or_null(g.annual_volume);  // a plan input, not measured: shown even when suppressed
  const auto measured = [&](double v) { return g.suppressed ? Json(nullptr) : number_or_null(v); };
  const auto interval = [&](const Interval& ci) { return g.suppressed ? Json(nullptr) : interval_json(ci); };
  j["n_baseline"] = g.suppressed ? Json(nullptr) : Json(g.n_baseline);
  j["n_assisted"] = g.suppressed ? Json(nullptr) : Json(g.n_assisted);
  j["baseline_minutes"] = measured(g.baseline_minutes);
  j["assisted_minutes"] = measured(g.assisted_minutes);
  j["saving_minutes"] = measured(g.saving_minutes);
  j["saving_ci"] = interval(g.saving_ci);
  j["did_saving_minutes"] = measured(g.did_saving_minutes);
  j["did_ci"] = interval(g.did_ci);
  j["adoption"] = measured(g.adoption);
  j["adoption_ci"] = interval(g.adoption_ci);
  j["gain_basis"] = g.suppressed ? Json(nullptr) : Json(g.gain_uses_did ? "difference_in_differences" : "before_after");
  j["hours_per_year"] = measured(g.hours_per_year);
  j["hours_ci"] = interval(g.hours_ci);
  j["fte"] = measured(g.fte);
  j["fte_ci"] = interval(g.fte_ci);
  j["dkk"] = measured(g.dkk);
  j["dkk_ci"] = interval(g.dkk_ci);
  return j;
}

Json edit_json(const EditEffortSummary& e) {
  Json j;
  j["pairs"] = e.pairs;
  j["hter"] = number_or_null(e.hter);
  j["hter_ci"] = interval_json(e.hter_ci);
  j["kept_share"] = number_or_null(e.kept_share);
  j["inserted_words"] = number_or_null(e.inserted_words);
  j["deleted_words"] = number_or_null(e.deleted_words);
  j["edit_spans"] = number_or_null(e.edit_spans);
  return j;
}

Json model_json(const EditTimeModelSummary& m) {
  Json j;
  j["fitted"] = m.fitted;
  j["note"] = text(m.note);
  j["n"] = m.n;
  const auto constant = [](double value, double se) {
    return Json{{"value", number_or_null(value)}, {"se", number_or_null(se)}};
  };
  j["intercept"] = constant(m.intercept, m.se_intercept);
  j["per_draft_word"] = constant(m.per_draft_word, m.se_per_draft_word);
  j["per_inserted_char"] = constant(m.per_inserted_char, m.se_per_inserted_char);
  j["per_edit_span"] = constant(m.per_edit_span, m.se_per_edit_span);
  j["r_squared"] = number_or_null(m.r_squared);
  j["rmse_minutes"] = number_or_null(m.rmse_minutes);
  j["estimated"] = m.estimated;
  return j;
}

}  // namespace

nlohmann::ordered_json baseline_json(const BaselineReport& r) {
  Json j;
  j["schema"] = "pilotbench.baseline/1";
  j["plan"] = text(r.plan_name);
  j["municipality"] = text(r.municipality);
  j["code_version"] = r.code_version;
  j["seed"] = r.seed;
  j["bootstrap_replicates"] = r.replicates;
  j["confidence_level"] = r.level;
  j["min_group_size"] = r.min_group_size;
  j["hours_per_fte"] = number_or_null(r.hours_per_fte);
  j["hourly_cost_dkk"] = number_or_null(r.hourly_cost_dkk);
  j["baseline_point"] = text(r.baseline_point);
  j["follow_up_point"] = r.follow_up_point.empty() ? Json(nullptr) : text(r.follow_up_point);
  Json points = Json::array();
  for (const auto& p : r.points) points.push_back(point_json(p));
  j["measurement_points"] = std::move(points);
  Json kpis = Json::array();
  for (const auto& k : r.kpis) kpis.push_back(kpi_json(k));
  j["kpis"] = std::move(kpis);
  Json savings = Json::array();
  for (const auto& g : r.savings) savings.push_back(saving_json(g));
  j["savings"] = std::move(savings);
  Json by_type = Json::array();
  for (const auto& g : r.savings_by_meeting_type) by_type.push_back(saving_json(g));
  j["savings_by_meeting_type"] = std::move(by_type);
  j["total"] = saving_json(r.total);
  // The fairness layer's shared schema (reports/fairness_json.h); group names come from the plan, masked like the rest.
  Json fairness = fairness_cells_json(r.saving_fairness);
  for (auto& cell : fairness) {
    cell["group"] = text(cell["group"].get<std::string>());
    cell["reference_group"] = text(cell["reference_group"].get<std::string>());
  }
  j["saving_fairness"] = std::move(fairness);
  j["saving_fairness_settings"] = fairness_settings_json(r.saving_fairness_settings);
  j["edit_effort"] = edit_json(r.edit);
  j["edit_time_model"] = model_json(r.model);
  Json limits = Json::array();
  for (const auto& l : r.limits) limits.push_back(text(l));
  j["limits"] = std::move(limits);
  return j;
}

std::string render_baseline_json(const BaselineReport& report) {
  return baseline_json(report).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace pb
