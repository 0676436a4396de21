#include "adapters/fault_adapter.h"

#include <algorithm>
#include <cassert>
#include <csignal>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include "adapters/adapter_config.h"
#include "adapters/reference_adapter.h"
#include "adapters/registry.h"
#include "core/rng.h"

namespace pb {
namespace {

constexpr std::pair<std::string_view, FaultMode> kModes[] = {
    {"ok", FaultMode::ok},           {"hang", FaultMode::hang},
    {"crash", FaultMode::crash},     {"throw", FaultMode::throw_exception},
    {"garbage", FaultMode::garbage}, {"invalid-utf8", FaultMode::invalid_utf8},
    {"slow", FaultMode::slow},       {"empty", FaultMode::empty},
    {"wrong-shape", FaultMode::wrong_shape}};

std::string garbage_bytes(const std::string& id) {
  Rng rng(derive_seed(0, "fault/garbage/" + id));
  std::string bytes = std::string("\xFF\x00", 2);  // never valid text, whatever the random part holds
  for (int i = 0; i < 62; ++i) bytes += static_cast<char>(rng.uniform_int(0, 255));
  return bytes;
}

}  // namespace

FaultTranscriptionAdapter::FaultTranscriptionAdapter(FaultOptions options, TranscriptionAdapterPtr inner)
    : options_(std::move(options)), inner_(std::move(inner)) {
  assert(inner_);
}

bool FaultTranscriptionAdapter::misbehaves_on(const std::string& conversation_id) const {
  if (!options_.items.empty())
    return std::find(options_.items.begin(), options_.items.end(), conversation_id) != options_.items.end();
  if (options_.every > 0) return fnv1a64(conversation_id) % static_cast<std::uint64_t>(options_.every) == 0;
  return true;
}

Outcome<Transcript> FaultTranscriptionAdapter::transcribe(const TranscriptionRequest& request) {
  const std::string& id = request.conversation.id;
  if (!misbehaves_on(id)) return inner_->transcribe(request);
  switch (options_.mode) {
    case FaultMode::ok:
      return inner_->transcribe(request);
    case FaultMode::hang:
      for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
    case FaultMode::crash:
      // A handler installed by a test framework or sanitizer must not turn the crash into something else.
      std::signal(SIGSEGV, SIG_DFL);
      std::raise(SIGSEGV);
      std::abort();
    case FaultMode::throw_exception:
      throw std::runtime_error("fault adapter: deliberate exception for " + id);
    case FaultMode::garbage:
      return Outcome<Transcript>::success(Transcript{{Segment{"spk0", "", 0.0, 1.0, garbage_bytes(id)}}});
    case FaultMode::invalid_utf8:
      return Outcome<Transcript>::success(
          Transcript{{Segment{"spk0", "", 0.0, 1.0, "Hej med dig, jeg hedder \xC3\x28rsted"}}});
    case FaultMode::slow:
      std::this_thread::sleep_for(options_.delay);
      return inner_->transcribe(request);
    case FaultMode::empty:
      return Outcome<Transcript>::success(Transcript{});
    case FaultMode::wrong_shape: {
      Outcome<Transcript> outcome = inner_->transcribe(request);
      Transcript transcript = outcome.ok() ? std::move(outcome).value() : Transcript{};
      transcript.segments.push_back(Segment{"spk0", "", 5.0, 2.0, "slutter før den begynder"});
      transcript.segments.push_back(Segment{"spk1", "", -1.0, 0.5, "før optagelsen"});
      return Outcome<Transcript>::success(std::move(transcript));
    }
  }
  return inner_->transcribe(request);
}

TranscriptionAdapterPtr make_fault_adapter(const AdapterSpec& spec, ProblemList& problems) {
  AdapterConfigReader config(spec, problems);
  config.check_keys({"mode", "items", "every", "delay_ms", "inner"});
  FaultOptions options;
  std::vector<std::string> mode_names;
  for (const auto& [name, mode] : kModes) mode_names.emplace_back(name);
  if (!config.find("mode")) {
    config.problem(config.path("mode"), "missing (one of " + [&] {
      std::string all;
      for (const auto& name : mode_names) all += (all.empty() ? "" : "|") + name;
      return all;
    }() + ")");
  }
  const std::string mode_name = config.choice("mode", "ok", mode_names);
  for (const auto& [name, mode] : kModes)
    if (name == mode_name) options.mode = mode;

  if (const nlohmann::json* items = config.find("items")) {
    if (!items->is_array()) {
      config.problem(config.path("items"), "expected a list of conversation ids, got " + describe_json(*items));
    } else {
      for (std::size_t i = 0; i < items->size(); ++i) {
        if ((*items)[i].is_string()) {
          options.items.push_back((*items)[i].get<std::string>());
        } else {
          config.problem(config.path("items") + "[" + std::to_string(i) + "]",
                         "expected a conversation id string, got " + describe_json((*items)[i]));
        }
      }
    }
  }
  options.every = config.integer("every", 0, 1, 1'000'000);
  if (config.find("items") && config.find("every"))
    config.problem(config.path("every"), "give either \"items\" or \"every\", not both");
  options.delay = std::chrono::milliseconds(config.integer("delay_ms", options.delay.count(), 0, 3'600'000));
  const bool isolated = config.boolean("isolate", true);
  if (!isolated && (options.mode == FaultMode::crash || options.mode == FaultMode::hang))
    config.problem(config.path("isolate"),
                   "mode '" + mode_name + "' would take down the whole run without isolation; remove \"isolate\": false");

  TranscriptionAdapterPtr inner;
  if (const nlohmann::json* inner_config = config.find("inner")) {
    if (!inner_config->is_object()) {
      config.problem(config.path("inner"), "expected an adapter object {\"kind\": ...}, got " + describe_json(*inner_config));
    } else if (!inner_config->contains("kind") || !(*inner_config)["kind"].is_string()) {
      config.problem(config.path("inner") + ".kind", "missing (the kind of the well-behaved adapter)");
    } else {
      // Built-in kinds only: the registry passed to the CLI is not reachable from a factory.
      AdapterRegistry builtins;
      register_builtin_adapters(builtins);
      const AdapterSpec inner_spec{(*inner_config)["kind"].get<std::string>(), *inner_config, config.path("inner"),
                                   spec.scenario_file, spec.base_dir};
      inner = builtins.make_transcription(inner_spec, problems);
      if (!inner) return nullptr;
    }
  } else {
    inner = std::make_unique<ReferenceTranscriptionAdapter>();
  }
  if (!config.ok() || !inner) return nullptr;
  return std::make_unique<FaultTranscriptionAdapter>(std::move(options), std::move(inner));
}

}  // namespace pb
