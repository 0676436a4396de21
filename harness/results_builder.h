#pragma once
// Assembles the report model (RunResults) from a run's stored items: aggregates per solution and group,
// bootstrap intervals, privacy suppression and target-picture verdicts. Pure computation over values.
#include <map>
#include <string>
#include <vector>

#include "formats/human_ratings.h"
#include "harness/dataset.h"
#include "harness/scenario.h"
#include "harness/store.h"
#include "reports/run_results.h"

namespace pb {

struct RunContext {
  RunRecord run;
  Scenario scenario;
  const Dataset* dataset = nullptr;
  std::map<std::string, std::string> adapter_names;  // solution id → "simulated-asr 1"; "<id>/summarisation" → …
  std::vector<HumanRating> human_ratings;             // for judge–human agreement; may be empty
};

RunResults build_run_results(const RunContext& context, const std::vector<ItemRecord>& items);

// The value of a grouping key for a conversation ("(unknown)" when an attribute is missing).
std::string group_value(const Conversation& conversation, const Grouping& grouping);

// true if any target verdict is "not met".
bool target_picture_missed(const RunResults& results);

}  // namespace pb
