#pragma once
// Everything between "the user named a scenario" and "items run": resolving and caching the dataset,
// building and wrapping the solutions' adapters, and the component identity stored with a run.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/registry.h"
#include "harness/dataset.h"
#include "harness/runner.h"
#include "harness/scenario.h"

namespace pb {

// The dataset folder a scenario refers to; a synthetic spec is generated into `cache_dir` on first use
// (and reused afterwards: the folder name includes the generator version, n and seed).
std::filesystem::path resolve_dataset(const Scenario& scenario, const std::filesystem::path& cache_dir);

// Builds every solution's adapter (with its wrappers). Problems carry the scenario's file, line and JSON path.
std::vector<SolutionRuntime> build_solutions(const Scenario& scenario, const AdapterRegistry& registry,
                                             ProblemList& problems);

// The scenario's LLM judge, or nullptr when it has none (or it has problems, which are added).
JudgeAdapterPtr build_judge(const Scenario& scenario, const AdapterRegistry& registry, ProblemList& problems);

// How the scenario's items are scored (normaliser, speaker metrics).
TranscriptionScoring scoring_of(const Scenario& scenario);
SummaryScoring summary_scoring_of(const Scenario& scenario);

// {"solutions": {id: {"transcription": {"name", "version"}}}, "metrics": {...}, "normalizer": {...}}
// Adds "summarisation" per solution and "judge" when present.
nlohmann::ordered_json component_identity(const Scenario& scenario, const std::vector<SolutionRuntime>& solutions,
                                          const JudgeAdapter* judge = nullptr);

// Differences between a stored identity and the current one, as sentences; empty when resumable.
std::vector<std::string> component_differences(const nlohmann::json& stored, const nlohmann::json& current);

// The canonical text of a scenario document (for hashing): sorted keys, no whitespace.
std::string canonical_json(const nlohmann::json& document);

}  // namespace pb
