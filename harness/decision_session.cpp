#include "harness/decision_session.h"

#include <fmt/format.h>

#include "core/cpr.h"
#include "core/error.h"
#include "harness/case_data.h"
#include "harness/decision_results_builder.h"
#include "harness/fairness_layer.h"
#include "harness/json_fields.h"

namespace pb {

std::vector<DecisionSolutionRuntime> build_decision_solutions(const Scenario& scenario, const AdapterRegistry& registry,
                                                              ProblemList& problems) {
  std::vector<DecisionSolutionRuntime> solutions;
  ProblemList found;
  for (const auto& spec : scenario.solutions) {
    if (!spec.decision || spec.decision->kind.empty()) continue;  // already reported by the scenario parser
    auto adapter = registry.make_decision(*spec.decision, found);
    if (!adapter) continue;
    solutions.push_back({spec.id, spec.name, std::move(adapter)});
  }
  for (const auto& p : attach_lines(found.items(), scenario.file, scenario.lines)) problems.add(p);
  return solutions;
}

nlohmann::ordered_json decision_component_identity(const std::vector<DecisionSolutionRuntime>& solutions) {
  nlohmann::ordered_json identity;
  identity["solutions"] = nlohmann::ordered_json::object();
  for (const auto& s : solutions) {
    const auto id = s.adapter->id();
    identity["solutions"][s.id]["decision"] = {{"name", id.name}, {"version", id.version}};
  }
  identity["metrics"] = {{"decision", kDecisionMetricsVersion}};
  return identity;
}

bool is_decision_run(const RunRecord& run) {
  try {
    const auto document = nlohmann::json::parse(run.scenario_json);
    const auto dataset = document.value("dataset", nlohmann::json::object());
    if (dataset.contains("cases")) return true;
    const auto synthetic = dataset.value("synthetic", nlohmann::json::object());
    return synthetic.is_object() && synthetic.value("kind", "") == "cases";
  } catch (const std::exception&) {
    return false;
  }
}

DecisionResults load_decision_results(const Store& store, const RunRecord& run,
                                      const std::filesystem::path& scenario_base) {
  ProblemList problems;
  Scenario scenario = parse_scenario(nlohmann::json::parse(run.scenario_json), run.scenario_file,
                                     scenario_base.string(), problems);
  problems.throw_if_any();
  CaseData data = load_case_data(run.dataset_path, scenario);
  if (data.hash != run.dataset_hash)
    throw InputError(Problem{run.dataset_path, 0, "",
                             fmt::format("the case file changed since run {} (hash {} then, {} now); its groups cannot "
                                         "be reported reliably",
                                         run.id, run.dataset_hash.substr(0, 12), data.hash.substr(0, 12))});

  const auto components = nlohmann::json::parse(run.components_json);
  const auto recorded = components.value("solutions", nlohmann::json::object());
  std::map<std::string, std::size_t> index;
  std::vector<DecisionSolutionInput> inputs;
  for (const auto& spec : scenario.solutions) {
    DecisionSolutionInput input;
    input.id = spec.id;
    input.name = spec.name;
    const auto component = recorded.value(spec.id, nlohmann::json::object()).value("decision", nlohmann::json::object());
    if (component.is_object() && component.contains("name"))
      input.adapter = component.value("name", "") + " " + component.value("version", "");
    index[spec.id] = inputs.size();
    inputs.push_back(std::move(input));
  }
  for (const auto& item : store.items(run.id)) {
    const auto it = index.find(item.solution_id);
    if (it == index.end()) continue;
    auto& input = inputs[it->second];
    if (item.task == kTaskTraining) {
      if (item.status == "ok") {
        const auto out = nlohmann::json::parse(item.output_json, nullptr, false);
        if (out.is_object()) input.training = out.value("description", "");
      } else {
        input.training = "training failed: " + item.error.substr(0, item.error.find('\n'));
      }
      continue;
    }
    if (item.task != kTaskDecision) continue;
    StoredDecision stored;
    stored.case_id = item.item_id;
    stored.status = item.status;
    stored.error = item.error;
    if (item.status == "ok") {
      auto decision = decision_from_json(item.output_json);
      if (decision.ok()) {
        stored.decision = std::move(decision).value();
      } else {
        stored.status = "failed";
        stored.error = "stored decision unreadable: " + decision.error();
      }
    }
    input.decisions.push_back(std::move(stored));
  }

  std::vector<CaseRecord> evaluated;
  evaluated.reserve(data.evaluated.size());
  for (const auto i : data.evaluated) evaluated.push_back(data.dataset.cases[i]);
  DecisionEvaluationSettings settings;
  settings.groupings = scenario.groupings;
  settings.fairness = fairness_settings(scenario);
  settings.no_intervention = scenario.decision.no_intervention;
  settings.risk_threshold = scenario.decision.risk_threshold;
  settings.calibration_bins = scenario.decision.calibration_bins;
  settings.propensity_floor = scenario.decision.propensity_floor;
  settings.cross_fit_folds = scenario.decision.cross_fit_folds;
  settings.seed = scenario.seed;
  DecisionResults results = build_decision_results(evaluated, data.interventions, inputs, settings);

  results.scenario_name = mask_cpr(scenario.name);
  results.scenario_description = mask_cpr(scenario.description);
  results.scenario_hash = run.scenario_hash;
  results.dataset_hash = run.dataset_hash;
  results.dataset_cases = static_cast<std::int64_t>(data.dataset.cases.size());
  results.training_cases = static_cast<std::int64_t>(data.training.size());
  results.evaluated_cases = static_cast<std::int64_t>(data.evaluated.size());
  results.seed = scenario.seed;
  results.code_version = run.code_version;
  results.status = run.status;
  results.run_id = run.id;
  results.started_at = run.started_at;
  results.finished_at = run.finished_at;
  return results;
}

}  // namespace pb
