#pragma once
// The decision-support counterpart of harness/session.h and run_loading.h: building the solutions' decision
// adapters, the component identity stored with a run, and rebuilding a stored run's DecisionResults.
#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/registry.h"
#include "harness/decision_runner.h"
#include "harness/scenario.h"
#include "harness/store.h"
#include "reports/decision_results.h"

namespace pb {

// Bumped whenever the decision report's figures could change for the same stored decisions.
inline constexpr const char* kDecisionMetricsVersion = "1";

// Builds every solution's decision adapter. Problems carry the scenario's file, line and JSON path.
std::vector<DecisionSolutionRuntime> build_decision_solutions(const Scenario& scenario, const AdapterRegistry& registry,
                                                              ProblemList& problems);

// {"solutions": {id: {"decision": {"name", "version"}}}, "metrics": {"decision": version}}
nlohmann::ordered_json decision_component_identity(const std::vector<DecisionSolutionRuntime>& solutions);

// Rebuilds a decision run's results from the store, the scenario it recorded and its case file (which must be
// unchanged: InputError otherwise).
DecisionResults load_decision_results(const Store& store, const RunRecord& run,
                                      const std::filesystem::path& scenario_base);

// True when a stored run was made from a decision scenario.
bool is_decision_run(const RunRecord& run);

}  // namespace pb
