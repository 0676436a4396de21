#pragma once
// Executes the pending items of a decision-support run. For each solution: train() on the training cases (in the
// calling thread; recorded once as the solution's "training" item), then one "decision" item per held-out case,
// decided on the blinded case (adapters/decision.h) and checked with validate_decision. A failed training fails
// every decision of that solution with the reason; a failing, throwing or lying adapter fails its item, never the
// run. Finished items are committed as they arrive (harness/runner.h run_work_loop), so a killed run resumes.
#include <cstdint>
#include <string>
#include <vector>

#include "adapters/decision.h"
#include "harness/case_data.h"
#include "harness/runner.h"
#include "harness/store.h"

namespace pb {

inline constexpr const char* kTaskTraining = "training";
inline constexpr const char* kTaskDecision = "decision";
inline constexpr const char* kTrainingItemId = "training";

struct DecisionSolutionRuntime {
  std::string id;
  std::string name;
  DecisionAdapterPtr adapter;
};

// Items a decision run plans: per solution, the training item and one decision per held-out case.
std::int64_t planned_decision_items(const CaseData& data, std::size_t solutions);

RunnerSummary run_pending_decisions(Store& store, std::int64_t run_id, const CaseData& data,
                                    std::vector<DecisionSolutionRuntime>& solutions, const ExecutionOptions& options);

}  // namespace pb
