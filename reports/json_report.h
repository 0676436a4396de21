#pragma once
// The results document (`pilotbench report --format json`, `run --json`). Deterministic: the same
// scenario, data and seed give byte-identical output — so run ids, timestamps, paths and latencies are
// left out. Schema: docs/json-output.md.
#include <string>

#include <nlohmann/json.hpp>

#include "reports/run_results.h"

namespace pb {

nlohmann::ordered_json results_to_json(const RunResults& results);
// Pretty-printed (2 spaces) with a trailing newline.
std::string render_json_report(const RunResults& results);

}  // namespace pb
