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
#include "metrics/note_structure.h"

namespace pb {

struct SyntheticDatasetSpec {
  std::string kind = "conversations";  // or "cases" (scenarios/synth_cases.h)
  int n = 60;
  std::uint64_t seed = 1;
  // kind "cases" only: the planted bias of the simulated rule and risk score (CaseStudyOptions).
  double bias_strength = 0.0;
  std::string biased_group = "danish=second-language";
};

// Exactly one of: a conversation dataset on disk, a case dataset file (decision support), or one generated on first
// use and cached.
struct DatasetRef {
  std::optional<std::string> path;   // conversation dataset folder or manifest; absolute
  std::optional<std::string> cases;  // case dataset .csv or .jsonl (formats/case_dataset.h); absolute
  std::optional<SyntheticDatasetSpec> synthetic;
};

struct SolutionSpec {
  std::string id;    // short, file-name safe, e.g. "vendor-a"
  std::string name;  // display name, e.g. "Løsning A (tale-til-tekst)"
  AdapterSpec transcription;
  // Optional drafting of a referat/journalnotat. Its "source" key (not passed to the adapter) says what it drafts
  // from: "reference" (the reference transcript; default) or "transcription" (this solution's own transcript, so
  // recognition errors propagate into the note).
  std::optional<AdapterSpec> summarisation;
  std::string summary_source = "reference";
  // Decision support (a scenario over a case dataset): the only adapter such a solution has.
  std::optional<AdapterSpec> decision;
};

// How decisions are scored (docs/decision-metrics.md), "metrics.decision" in the scenario.
struct DecisionMetricsSpec {
  double risk_threshold = 0.5;       // a case is flagged when its risk score >= threshold
  int calibration_bins = 10;         // equal-mass bins of the ECE and the reliability diagrams
  double propensity_floor = 0.01;    // propensities are raised to this before weighting (max weight 100)
  int cross_fit_folds = 5;           // outcome and propensity models for DR
  std::string no_intervention = "ingen";  // the "no indsats" action
  // When the case file has no split column: the share of cases held out for evaluation, assigned by a keyed hash
  // of the case id and the scenario seed (stable when cases are added or reordered).
  double test_share = 0.3;
};

// The fairness layer's settings ("fairness" in the scenario); defaults per docs/fairness-metrics.md.
struct FairnessSpec {
  double ratio_lower = 0.8;
  double ratio_upper = 1.25;
  std::string correction = "holm";  // "holm" or "benjamini-hochberg"
  std::vector<std::pair<std::string, std::string>> reference_groups;  // grouping name → declared reference group
};

// How drafted notes are scored (docs/summary-metrics.md). Defaults suit Danish notes.
struct SummaryMetricsSpec {
  std::string rouge_tokenizer = "da";  // "da" or "rouge-score"
  bool rouge_stem = true;               // Snowball Danish for "da", Porter for "rouge-score"
  double key_fact_threshold = 0.6;      // share of a fact's content stems a note sentence must contain
  double content_overlap_threshold = 0.5;  // obligations and negation flips: draft clause ↔ source sentence
  std::optional<NoteTemplate> note_template;  // journalnotat template; nullopt = default_journalnotat_template()
  std::optional<std::string> human_ratings;  // CSV of human ratings, absolute path
  std::string json_path = "metrics.summary";
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
  std::string metric;  // "wer", "cer", "summary.key_fact_recall", … (is_target_metric)
  Grouping grouping;   // where it applies; {} = overall
  std::optional<double> max;
  std::optional<double> min;
  std::string json_path;
  // A hard gate is judged on the observed value alone, without the confidence interval: one invented date in one
  // note fails "summary.critical_errors_per_note <= 0" outright instead of being "inconclusive".
  bool gate = false;
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
  SummaryMetricsSpec summary;
  std::optional<AdapterSpec> judge;  // optional LLM judge of drafted notes
  DecisionMetricsSpec decision;
  FairnessSpec fairness;
  int bootstrap_replicates = 1000;
  double confidence_level = 0.95;
  std::vector<Grouping> groupings;  // besides "all"
  std::vector<TargetSpec> targets;
  int min_cell_size = 5;
  bool show_text = false;  // reports never show transcript text unless asked
  int jobs = 2;
  nlohmann::json source;   // the scenario as read, stored with the run
  std::map<std::string, int> lines;  // JSON path → line in the file, for problems found later (adapter configs)

  // A decision-support scenario: its dataset is a case dataset and its solutions have "decision" adapters.
  bool is_decision() const {
    return dataset.cases.has_value() || (dataset.synthetic && dataset.synthetic->kind == "cases");
  }
};

// Metrics a target may name: the transcription rates and the summary metrics listed in docs/scenario-format.md.
bool is_target_metric(const std::string& metric);

// Known grouping keys: target_group, meeting_type, language, attributes.<name> (case datasets: target_group and
// attributes.<name> only).
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
