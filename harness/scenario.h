#pragma once
// A scenario: which dataset, which 1–8 solutions (adapters per task), how to score, how to group,
// the target picture, privacy settings and the seed. Format: docs/scenario-format.md.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/component.h"
#include "core/error.h"

namespace pb {

struct SyntheticDatasetSpec {
  std::string kind = "conversations";
  int n = 60;
  std::uint64_t seed = 1;
};

// Either a dataset on disk or one generated on first use and cached.
struct DatasetRef {
  std::optional<std::string> path;  // absolute, resolved against the scenario's folder
  std::optional<SyntheticDatasetSpec> synthetic;
};

struct SolutionSpec {
  std::string id;    // short, file-name safe, e.g. "vendor-a"
  std::string name;  // display name, e.g. "Løsning A (tale-til-tekst)"
  AdapterSpec transcription;
};

// One way of breaking results down: a single key ("target_group", "attributes.danish") or an
// intersection of keys. "all" (no keys) is always reported.
struct Grouping {
  std::vector<std::string> keys;
  std::string name() const;  // "all", "target_group", "target_group × attributes.danish"
  bool operator==(const Grouping&) const = default;
};

// A threshold the solution should meet, per cell of a grouping. Exactly one of max/min is set.
struct TargetSpec {
  std::string metric;  // "wer", "cer"
  Grouping grouping;   // where it applies; {} = overall
  std::optional<double> max;
  std::optional<double> min;
  std::string json_path;
};

struct Scenario {
  std::string file;      // as given, for messages
  std::string base_dir;  // relative paths resolve against this
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  DatasetRef dataset;
  std::vector<SolutionSpec> solutions;
  std::string normalizer = "basic";  // WER text normalisation pipeline (parse_normalizer name)
  bool orc_wer = false;              // compute ORC-WER (exact, expensive) beside cpWER
  double tcp_collar_s = 5.0;         // tcpWER collar
  int bootstrap_replicates = 1000;
  double confidence_level = 0.95;
  std::vector<Grouping> groupings;  // besides "all"
  std::vector<TargetSpec> targets;
  int min_cell_size = 5;
  bool show_text = false;  // reports never show transcript text unless asked
  int jobs = 2;
  nlohmann::json source;   // the scenario as read, stored with the run
  std::map<std::string, int> lines;  // JSON path → line in the file, for problems found later (adapter configs)
};

// Known grouping keys: target_group, meeting_type, language, attributes.<name>.
bool is_valid_grouping_key(const std::string& key);

// Parses a scenario document; every problem is recorded with its JSON path (lines are attached by load_scenario).
Scenario parse_scenario(const nlohmann::json& document, const std::string& file, const std::string& base_dir,
                        ProblemList& problems);

// Reads and parses a scenario file. Throws InputError listing every problem (with file:line).
Scenario load_scenario(const std::filesystem::path& path);

// Reads a scenario and returns every problem without throwing (syntax, fields). Adapter configs are
// checked by the caller, which owns the adapter registry.
std::vector<Problem> scenario_problems(const std::filesystem::path& path, Scenario* parsed = nullptr);

}  // namespace pb
