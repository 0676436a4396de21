#pragma once
// Explicit registration of adapter kinds (no static-initialisation tricks): the CLI calls
// register_builtin_adapters() once and passes the registry down.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "adapters/decision.h"
#include "adapters/judge.h"
#include "adapters/summarisation.h"
#include "adapters/transcription.h"
#include "core/error.h"

namespace pb {

// Builds an adapter from its scenario spec. Bad configuration is reported into `problems` (file = spec.scenario_file,
// field = spec.json_path + ".<key>") and nullptr returned, so a scenario's every problem can be listed at once.
using TranscriptionFactory = std::function<TranscriptionAdapterPtr(const AdapterSpec&, ProblemList&)>;
using SummarisationFactory = std::function<SummarisationAdapterPtr(const AdapterSpec&, ProblemList&)>;
using JudgeFactory = std::function<JudgeAdapterPtr(const AdapterSpec&, ProblemList&)>;
using DecisionFactory = std::function<DecisionAdapterPtr(const AdapterSpec&, ProblemList&)>;

class AdapterRegistry {
 public:
  void add_transcription(std::string kind, TranscriptionFactory factory);
  bool has_transcription(const std::string& kind) const;
  std::vector<std::string> transcription_kinds() const;  // sorted
  // Unknown kind → a problem naming spec.json_path + ".kind" and the known kinds.
  TranscriptionAdapterPtr make_transcription(const AdapterSpec& spec, ProblemList& problems) const;

 void add_summarisation(std::string kind, SummarisationFactory factory);
  std::vector<std::string> summarisation_kinds() const;  // sorted
  SummarisationAdapterPtr make_summarisation(const AdapterSpec& spec, ProblemList& problems) const;

  void add_judge(std::string kind, JudgeFactory factory);
  std::vector<std::string> judge_kinds() const;  // sorted
  JudgeAdapterPtr make_judge(const AdapterSpec& spec, ProblemList& problems) const;

  void add_decision(std::string kind, DecisionFactory factory);
  std::vector<std::string> decision_kinds() const;  // sorted
  DecisionAdapterPtr make_decision(const AdapterSpec& spec, ProblemList& problems) const;

 private:
  std::map<std::string, TranscriptionFactory> transcription_;
  std::map<std::string, SummarisationFactory> summarisation_;
  std::map<std::string, JudgeFactory> judge_;
  std::map<std::string, DecisionFactory> decision_;
};

// Transcription: reference, simulated-asr, recorded, command, openai-http, pocketsphinx, fault.
// Summarisation: lead, extractive, recorded, simulated, command, openai-http. Judge: openai-http.
// Decision: recorded, command, openai-http, logistic.
void register_builtin_adapters(AdapterRegistry& registry);

}  // namespace pb
