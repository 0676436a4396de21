#pragma once
// Identity of a pluggable component (adapter, metric, normaliser). The name and version are persisted
// with every run; a component whose behaviour changes must change its version, and a run recorded with
// other versions cannot be resumed (leveldb's Comparator::Name() rule).
#include <string>

#include <nlohmann/json.hpp>

namespace pb {

struct ComponentId {
  std::string name;     // stable kind name, e.g. "simulated-asr"
  std::string version;  // bumped whenever outputs could change for the same input and config
  bool operator==(const ComponentId&) const = default;
};

// How a scenario configures one adapter: its kind and the rest of its JSON object.
struct AdapterSpec {
  std::string kind;
  nlohmann::json config;   // the whole adapter object from the scenario
  std::string json_path;   // where it sits in the scenario, for error messages: "solutions[1].transcription"
  std::string scenario_file;
  std::string base_dir;    // folder relative paths in config resolve against (the scenario's folder)
};

}  // namespace pb
