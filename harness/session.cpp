#include "harness/session.h"

#include <fmt/format.h>

#include <algorithm>

#include "adapters/adapter_config.h"
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

namespace {

// The common wrapper keys (adapters/wrappers.h) apply to transcription only; a summariser or judge that does not read
// them itself must not silently accept them.
void reject_wrapper_keys(const AdapterSpec& spec, std::string_view task, const std::vector<std::string_view>& honoured,
                         ProblemList& problems) {
  if (!spec.config.is_object()) return;
  for (const auto& key : kCommonAdapterKeys) {
    if (key == "kind" || !spec.config.contains(std::string(key))) continue;
    if (std::find(honoured.begin(), honoured.end(), key) != honoured.end()) continue;
    problems.add(spec.scenario_file, 0, spec.json_path + "." + std::string(key),
                 "not supported for a " + std::string(task) + " adapter of kind '" + spec.kind + "'");
  }
}

// Remote kinds enforce their own deadline; the judge caches by itself.
std::vector<std::string_view> honoured_keys(const std::string& kind) {
  if (kind == "command" || kind == "openai-http") return {"timeout_s"};
  return {};
}

}  // namespace

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
    SolutionRuntime runtime{spec.id, spec.name, std::move(adapter), nullptr, spec.summary_source};
    if (spec.summarisation && !spec.summarisation->kind.empty()) {
      reject_wrapper_keys(*spec.summarisation, "summarisation", honoured_keys(spec.summarisation->kind), found);
      runtime.summarisation = registry.make_summarisation(*spec.summarisation, found);
      if (!runtime.summarisation) continue;
    }
    solutions.push_back(std::move(runtime));
  }
  for (const auto& p : attach_lines(found.items(), scenario.file, scenario.lines)) problems.add(p);
  return solutions;
}

JudgeAdapterPtr build_judge(const Scenario& scenario, const AdapterRegistry& registry, ProblemList& problems) {
  if (!scenario.judge || scenario.judge->kind.empty()) return nullptr;
  ProblemList found;
  reject_wrapper_keys(*scenario.judge, "judge", {"timeout_s", "cache_dir"}, found);
  auto judge = registry.make_judge(*scenario.judge, found);
  for (const auto& p : attach_lines(found.items(), scenario.file, scenario.lines)) problems.add(p);
  return found.empty() ? std::move(judge) : nullptr;
}

SummaryScoring summary_scoring_of(const Scenario& scenario) {
  SummaryScoring scoring;
  scoring.rouge_tokenizer = scenario.summary.rouge_tokenizer;
  scoring.rouge_stem = scenario.summary.rouge_stem;
  scoring.key_fact_threshold = scenario.summary.key_fact_threshold;
  scoring.content_overlap_threshold = scenario.summary.content_overlap_threshold;
  if (scenario.summary.note_template) scoring.note_template = *scenario.summary.note_template;
  return scoring;
}

TranscriptionScoring scoring_of(const Scenario& scenario) {
  TranscriptionScoring scoring;
  scoring.normalizer = parse_normalizer(scenario.normalizer).value_or(NormalizerChoice{NormalizerKind::basic, {}});
  scoring.orc_wer = scenario.orc_wer;
  scoring.tcp_collar_s = scenario.tcp_collar_s;
  return scoring;
}

nlohmann::ordered_json component_identity(const Scenario& scenario, const std::vector<SolutionRuntime>& solutions,
                                          const JudgeAdapter* judge) {
  nlohmann::ordered_json identity;
  identity["solutions"] = nlohmann::ordered_json::object();
  for (const auto& s : solutions) {
    const auto id = s.transcription->id();
    identity["solutions"][s.id]["transcription"] = {{"name", id.name}, {"version", id.version}};
    if (s.summarisation) {
      const auto sid = s.summarisation->id();
      identity["solutions"][s.id]["summarisation"] = {{"name", sid.name}, {"version", sid.version}, {"source", s.summary_source}};
    }
  }
  if (judge) identity["judge"] = {{"name", judge->id().name}, {"version", judge->id().version}};
  const auto scoring = scoring_of(scenario);
  const auto normalizer = describe_normalizer(scoring.normalizer.kind, scoring.normalizer.options);
  identity["metrics"] = {{"transcription", kTranscriptionMetricsVersion}, {kKeyTermMetricName, kKeyTermMetricVersion}};
  if (std::any_of(solutions.begin(), solutions.end(), [](const SolutionRuntime& s) { return s.summarisation != nullptr; }))
    identity["metrics"]["summary"] = kSummaryMetricsVersion;
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
