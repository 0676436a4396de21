#pragma once
// The decision-support results as a deterministic JSON document (format "pilotbench-decision-results"): every field
// of DecisionResults except the run id, times and database path, keys in a fixed order, 2-space indent, final
// newline. NaN and infinity are null. Suppressed groups carry only their name, "suppressed": true and why.
#include <string>

#include <nlohmann/json.hpp>

#include "reports/decision_results.h"

namespace pb {

nlohmann::ordered_json decision_results_to_json(const DecisionResults& results);

std::string render_decision_json(const DecisionResults& results);

}  // namespace pb
