#include "adapters/registry.h"

#include "adapters/command_adapter.h"
#include "adapters/fault_adapter.h"
#include "adapters/openai_http_adapter.h"
#include "adapters/pocketsphinx_adapter.h"
#include "adapters/recorded_adapter.h"
#include "adapters/reference_adapter.h"
#include "adapters/simulated_asr_adapter.h"

namespace pb {

void AdapterRegistry::add_transcription(std::string kind, TranscriptionFactory factory) {
  transcription_[std::move(kind)] = std::move(factory);
}

bool AdapterRegistry::has_transcription(const std::string& kind) const { return transcription_.count(kind) > 0; }

std::vector<std::string> AdapterRegistry::transcription_kinds() const {
  std::vector<std::string> kinds;
  for (const auto& [kind, factory] : transcription_) kinds.push_back(kind);
  return kinds;  // std::map keeps them sorted
}

TranscriptionAdapterPtr AdapterRegistry::make_transcription(const AdapterSpec& spec, ProblemList& problems) const {
  const auto it = transcription_.find(spec.kind);
  if (it == transcription_.end()) {
    std::string known;
    for (const auto& [kind, factory] : transcription_) known += (known.empty() ? "" : ", ") + kind;
    problems.add(spec.scenario_file, 0, spec.json_path + ".kind",
                 "unknown adapter kind '" + spec.kind + "' (known: " + known + ")");
    return nullptr;
  }
  return it->second(spec, problems);
}

void register_builtin_adapters(AdapterRegistry& registry) {
  registry.add_transcription("reference", make_reference_adapter);
  registry.add_transcription("simulated-asr", make_simulated_asr_adapter);
  registry.add_transcription("recorded", make_recorded_adapter);
  registry.add_transcription("fault", make_fault_adapter);
  registry.add_transcription("command", make_command_adapter);
  registry.add_transcription("openai-http", make_openai_http_adapter);
  registry.add_transcription("pocketsphinx", make_pocketsphinx_adapter);
}

}  // namespace pb
