#include "harness/decision_runner.h"

#include <algorithm>
#include <chrono>

#include <nlohmann/json.hpp>

namespace pb {
namespace {

struct TrainingState {
  bool ok = false;
  std::string error;
};

ItemRecord training_record(const std::string& solution_id, const Outcome<TrainingSummary>& outcome, double latency_ms) {
  ItemRecord record;
  record.solution_id = solution_id;
  record.item_id = kTrainingItemId;
  record.task = kTaskTraining;
  record.latency_ms = latency_ms;
  if (!outcome.ok()) {
    record.status = "failed";
    record.error = outcome.error();
    return record;
  }
  record.status = "ok";
  nlohmann::ordered_json out;
  out["training_cases"] = outcome.value().training_cases;
  out["description"] = outcome.value().description;
  record.output_json = out.dump();
  return record;
}

}  // namespace

std::int64_t planned_decision_items(const CaseData& data, std::size_t solutions) {
  return static_cast<std::int64_t>(solutions * (data.evaluated.size() + 1));
}

RunnerSummary run_pending_decisions(Store& store, std::int64_t run_id, const CaseData& data,
                                    std::vector<DecisionSolutionRuntime>& solutions, const ExecutionOptions& options) {
  const auto trained = store.finished_items(run_id, kTaskTraining);
  const auto decided = store.finished_items(run_id, kTaskDecision);
  const std::int64_t total = planned_decision_items(data, solutions.size());

  std::vector<CaseRecord> training_cases;
  training_cases.reserve(data.training.size());
  for (const auto i : data.training) training_cases.push_back(data.dataset.cases[i]);
  std::vector<CaseRecord> blinded;
  blinded.reserve(data.evaluated.size());
  for (const auto i : data.evaluated) blinded.push_back(blind_case(data.dataset.cases[i]));

  // Training runs in this thread, before any decision, even on resume: the model lives in the adapter's memory.
  std::vector<TrainingState> states(solutions.size());
  std::vector<ItemRecord> training_records;
  for (std::size_t s = 0; s < solutions.size(); ++s) {
    const bool pending_decisions = std::any_of(data.evaluated.begin(), data.evaluated.end(), [&](std::size_t i) {
      return !decided.count({solutions[s].id, data.dataset.cases[i].id});
    });
    const bool pending_training = !trained.count({solutions[s].id, kTrainingItemId});
    if (!pending_decisions && !pending_training) continue;
    const auto started = std::chrono::steady_clock::now();
    auto outcome = guarded_call<TrainingSummary>(
        [&] { return solutions[s].adapter->train(training_cases, data.interventions); });
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    states[s].ok = outcome.ok();
    if (!outcome.ok()) states[s].error = outcome.error();
    if (pending_training) training_records.push_back(training_record(solutions[s].id, outcome, ms));
  }

  struct Unit {
    std::size_t solution;
    std::size_t evaluated;  // index into data.evaluated / blinded
  };
  std::vector<Unit> units;
  for (std::size_t e = 0; e < data.evaluated.size(); ++e)
    for (std::size_t s = 0; s < solutions.size(); ++s)
      if (!decided.count({solutions[s].id, data.dataset.cases[data.evaluated[e]].id})) units.push_back({s, e});
  // The training records go out with the first unit (or alone when nothing else is pending).
  const bool extra_unit = !training_records.empty();
  const std::size_t unit_count = units.size() + (extra_unit ? 1 : 0);
  const std::int64_t pending = static_cast<std::int64_t>(units.size() + training_records.size());

  return run_work_loop(
      store, run_id, unit_count, total, total - pending,
      [&](std::size_t index) -> std::vector<ItemRecord> {
        if (extra_unit && index == units.size()) return training_records;
        const auto& unit = units[index];
        const auto& solution = solutions[unit.solution];
        const CaseRecord& case_record = blinded[unit.evaluated];
        ItemRecord record;
        record.solution_id = solution.id;
        record.item_id = case_record.id;
        record.task = kTaskDecision;
        if (!states[unit.solution].ok) {
          const auto& why = states[unit.solution].error;
          record.status = "failed";
          record.error = "training failed: " + why.substr(0, why.find('\n'));
          return {record};
        }
        const auto started = std::chrono::steady_clock::now();
        auto outcome = guarded_call<Decision>(
            [&] { return solution.adapter->decide(DecisionRequest{case_record, data.interventions, data.root}); });
        if (outcome.ok()) outcome = validate_decision(std::move(outcome).value(), data.interventions);
        record.latency_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        if (!outcome.ok()) {
          record.status = "failed";
          record.error = outcome.error();
          return {record};
        }
        record.status = "ok";
        record.output_json = decision_to_json(outcome.value());
        return {record};
      },
      options);
}

}  // namespace pb
