#include "adapters/registry.h"

#include "adapters/command_adapter.h"
#include "adapters/decision_registry.h"
#include "adapters/fault_adapter.h"
#include "adapters/openai_http_adapter.h"
#include "adapters/pocketsphinx_adapter.h"
#include "adapters/recorded_adapter.h"
#include "adapters/reference_adapter.h"
#include "adapters/remote_summarisation_registry.h"
#include "adapters/simulated_asr_adapter.h"
#include "adapters/summarisation_registry.h"

namespace pb {

void AdapterRegistry::add_transcription(std::string kind, TranscriptionFactory factory) {
  transcription_[std::move(kind)] = std::move(factory);
}

bool AdapterRegistry::has_transcription(const std::string& kind) const { return transcription_.count(kind) > 0; }

namespace {

template <class Factories>
std::vector<std::string> kinds_of(const Factories& factories) {
  std::vector<std::string> kinds;
  for (const auto& [kind, factory] : factories) kinds.push_back(kind);
  return kinds;  // std::map keeps them sorted
}

// Calls the factory for spec.kind, or reports the unknown kind with the known ones.
template <class Factories>
auto make_from(const Factories& factories, const AdapterSpec& spec, ProblemList& problems)
    -> decltype(factories.begin()->second(spec, problems)) {
  const auto it = factories.find(spec.kind);
  if (it == factories.end()) {
    std::string known;
    for (const auto& [kind, factory] : factories) known += (known.empty() ? "" : ", ") + kind;
    problems.add(spec.scenario_file, 0, spec.json_path + ".kind",
                 "unknown adapter kind '" + spec.kind + "' (known: " + known + ")");
    return nullptr;
  }
  return it->second(spec, problems);
}

}  // namespace

std::vector<std::string> AdapterRegistry::transcription_kinds() const { return kinds_of(transcription_); }

TranscriptionAdapterPtr AdapterRegistry::make_transcription(const AdapterSpec& spec, ProblemList& problems) const {
  return make_from(transcription_, spec, problems);
}

void AdapterRegistry::add_summarisation(std::string kind, SummarisationFactory factory) {
  summarisation_[std::move(kind)] = std::move(factory);
}

std::vector<std::string> AdapterRegistry::summarisation_kinds() const { return kinds_of(summarisation_); }

SummarisationAdapterPtr AdapterRegistry::make_summarisation(const AdapterSpec& spec, ProblemList& problems) const {
  return make_from(summarisation_, spec, problems);
}

void AdapterRegistry::add_judge(std::string kind, JudgeFactory factory) { judge_[std::move(kind)] = std::move(factory); }

std::vector<std::string> AdapterRegistry::judge_kinds() const { return kinds_of(judge_); }

JudgeAdapterPtr AdapterRegistry::make_judge(const AdapterSpec& spec, ProblemList& problems) const {
  return make_from(judge_, spec, problems);
}

void AdapterRegistry::add_decision(std::string kind, DecisionFactory factory) {
  decision_[std::move(kind)] = std::move(factory);
}

std::vector<std::string> AdapterRegistry::decision_kinds() const { return kinds_of(decision_); }

DecisionAdapterPtr AdapterRegistry::make_decision(const AdapterSpec& spec, ProblemList& problems) const {
  return make_from(decision_, spec, problems);
}

void register_builtin_adapters(AdapterRegistry& registry) {
  registry.add_transcription("reference", make_reference_adapter);
  registry.add_transcription("simulated-asr", make_simulated_asr_adapter);
  registry.add_transcription("recorded", make_recorded_adapter);
  registry.add_transcription("fault", make_fault_adapter);
  registry.add_transcription("command", make_command_adapter);
  registry.add_transcription("openai-http", make_openai_http_adapter);
  registry.add_transcription("pocketsphinx", make_pocketsphinx_adapter);
  register_local_summarisers(registry);
  register_remote_summarisation_adapters(registry);
  register_decision_adapters(registry);
}

}  // namespace pb
