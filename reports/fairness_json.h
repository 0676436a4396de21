#pragma once
// The fairness layer in JSON, shared by every results document (runs, decision runs, ranking scores): the cells, the
// settings behind the verdicts, and the suppressed groups. NaN is null; a suppressed cell carries no numbers.
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/fairness_results.h"

namespace pb {

nlohmann::ordered_json fairness_cells_json(const std::vector<FairnessCell>& cells);
// {"ratio_band": [l, u], "correction", "reference_groups": {grouping: group}, "min_cell_size", "bootstrap": {…}}
nlohmann::ordered_json fairness_settings_json(const FairnessSettings& settings);
nlohmann::ordered_json suppressed_groups_json(const std::vector<SuppressedGroup>& groups);

}  // namespace pb
