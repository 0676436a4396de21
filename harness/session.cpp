#include "harness/session.h"

#include <fmt/format.h>

#include "adapters/wrappers.h"
#include "harness/dataset_io.h"
#include "harness/json_fields.h"
#include "harness/transcription_scoring.h"
#include "metrics/key_terms.h"
#include "metrics/text_normalize.h"
#include "scenarios/synth_conversations.h"

namespace pb {

std::filesystem::path resolve_dataset(const Scenario& scenario, const std::filesystem::path& cache_dir) {
  if (scenario.dataset.path) return *scenario.dataset.path;
  const auto& spec = *scenario.dataset.synthetic;
  const auto dir = cache_dir / "datasets" /
                   fmt::format("{}-n{}-seed{}-g{}", spec.kind, spec.n, spec.seed, kConversationGeneratorVersion);
  if (!std::filesystem::exists(dir / kManifestName)) {
    ConversationSynthOptions options;
    options.count = spec.n;
    options.seed = spec.seed;
    write_dataset(dir, synthesize_conversations(options));
  }
  return dir;
}

std::vector<SolutionRuntime> build_solutions(const Scenario& scenario, const AdapterRegistry& registry,
                                             ProblemList& problems) {
  std::vector<SolutionRuntime> solutions;
  ProblemList found;
  for (const auto& spec : scenario.solutions) {
    if (spec.transcription.kind.empty()) continue;  // already reported by the scenario parser
    auto adapter = registry.make_transcription(spec.transcription, found);
    if (!adapter) continue;
    adapter = wrap_transcription_adapter(std::move(adapter), spec.transcription, found);
    if (!adapter) continue;
    solutions.push_back({spec.id, spec.name, std::move(adapter)});
  }
  for (const auto& p : attach_lines(found.items(), scenario.file, scenario.lines)) problems.add(p);
  return solutions;
}

TranscriptionScoring scoring_of(const Scenario& scenario) {
  TranscriptionScoring scoring;
  scoring.normalizer = parse_normalizer(scenario.normalizer).value_or(NormalizerChoice{NormalizerKind::basic, {}});
  scoring.orc_wer = scenario.orc_wer;
  scoring.tcp_collar_s = scenario.tcp_collar_s;
  return scoring;
}

nlohmann::ordered_json component_identity(const Scenario& scenario, const std::vector<SolutionRuntime>& solutions) {
  nlohmann::ordered_json identity;
  identity["solutions"] = nlohmann::ordered_json::object();
  for (const auto& s : solutions) {
    const auto id = s.transcription->id();
    identity["solutions"][s.id]["transcription"] = {{"name", id.name}, {"version", id.version}};
  }
  const auto scoring = scoring_of(scenario);
  const auto normalizer = describe_normalizer(scoring.normalizer.kind, scoring.normalizer.options);
  identity["metrics"] = {{"transcription", kTranscriptionMetricsVersion}, {kKeyTermMetricName, kKeyTermMetricVersion}};
  identity["normalizer"] = {{"name", normalizer.name}, {"version", normalizer.version}};
  return identity;
}

std::vector<std::string> component_differences(const nlohmann::json& stored, const nlohmann::json& current) {
  std::vector<std::string> differences;
  auto describe = [](const nlohmann::json& j) { return j.is_null() ? std::string("absent") : j.dump(); };
  const auto flat_stored = stored.flatten();
  const auto flat_current = current.flatten();
  for (auto it = flat_stored.begin(); it != flat_stored.end(); ++it) {
    const auto other = flat_current.contains(it.key()) ? flat_current[it.key()] : nlohmann::json();
    if (other != it.value())
      differences.push_back(fmt::format("{} was {} when the run started and is {} now", it.key(), describe(it.value()),
                                        describe(other)));
  }
  for (auto it = flat_current.begin(); it != flat_current.end(); ++it)
    if (!flat_stored.contains(it.key()))
      differences.push_back(fmt::format("{} is new ({})", it.key(), describe(it.value())));
  return differences;
}

std::string canonical_json(const nlohmann::json& document) {
  // nlohmann::json (not ordered_json) keeps object keys sorted, so dump() is canonical.
  return nlohmann::json(document).dump();
}

}  // namespace pb
