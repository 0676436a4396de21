#pragma once
// A measurement plan: the municipality's baseline and target picture (målbillede) as a file. It names the KPIs
// with pessimistic / likely / optimistic targets, the measurement points (baseline, midway, final, any number)
// and where each point's data lives, and the inputs that turn minutes into hours, FTE and DKK.
// Format: docs/baseline.md.
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "metrics/bootstrap.h"

namespace pb {

// How a KPI is measured. Built-in KPIs know their source, unit and direction; any metric of a pilotbench run
// can be a KPI through "run_metric".
enum class KpiSource {
  documentation_minutes,  // mean documentation minutes per conversation (pilot arm, logged or estimated)
  time_saved_minutes,     // minutes saved per AI-assisted conversation against the baseline point
  adoption_rate,          // share of pilot conversations where the AI draft was used
  after_hours_minutes,    // mean documentation minutes outside working hours per conversation
  hter,                   // corpus HTER of AI drafts against the filed notes
  staff_satisfaction,     // mean Likert score of staff answers
  citizen_satisfaction,   // mean Likert score of citizen answers
  run_metric,             // a metric of a pilotbench run (WER, summary.key_fact_recall, judge.mean_score, …)
};

struct KpiSpec {
  std::string id;
  std::string label;  // display name in the report; empty: the report's own name for a known id, else the id
  KpiSource source = KpiSource::documentation_minutes;
  std::string run_metric;  // for KpiSource::run_metric, e.g. "wer"
  std::string unit;        // "minutes", "share", "score", or the run metric's unit
  bool lower_is_better = false;
  double pessimistic = std::numeric_limits<double>::quiet_NaN();
  double likely = std::numeric_limits<double>::quiet_NaN();
  double optimistic = std::numeric_limits<double>::quiet_NaN();
  std::string json_path;
};

struct MeasurementPointSpec {
  std::string name;  // file-name safe: "baseline", "midway", "final", "2026-q3"
  bool is_baseline = false;
  std::optional<std::filesystem::path> timing;  // CSV export or dataset folder (absolute, resolved)
  std::optional<std::filesystem::path> survey;  // Likert survey CSV (absolute)
  std::optional<std::int64_t> run_id;           // pilotbench run for run_metric KPIs
  bool latest_run = false;                      // "run": "latest": the newest finished run in the database …
  std::string run_scenario;                     // … of this scenario name, when given
  std::string solution;                         // which solution of that run is the municipality's
  std::string json_path;
};

struct TargetGroupSpec {
  std::string name;
  double annual_volume = std::numeric_limits<double>::quiet_NaN();  // conversations a year
};

// A synthetic timing study (scenarios/synth_timing.h) the plan's points read from, generated on first use into
// `folder` (for the demo; a municipality's plan points at its own exports instead).
struct SyntheticTimingSpec {
  std::uint64_t seed = 1;
  int per_point = 400;
  double trend = 0.0;
  std::filesystem::path folder;  // absolute
};

// The fairness layer's settings for time saved per target group ("fairness" in the plan; docs/baseline.md).
struct PlanFairnessSpec {
  double ratio_lower = 0.8;          // tolerance band on a group's saving / the reference group's saving
  double ratio_upper = 1.25;
  std::string correction = "holm";   // "holm" or "benjamini-hochberg"
  std::string reference;             // a target group's name; empty: the group with the most conversations
};

struct MeasurementPlan {
  std::string file;
  std::string name;
  std::string municipality;
  std::string description;
  std::uint64_t seed = 1;
  int replicates = 1000;
  double level = 0.95;
  int min_cell_size = 5;
  double hours_per_fte = 1924.0;  // 37 h × 52 weeks: the gross årsværk of Danish public-sector statistics
  double hourly_cost_dkk = std::numeric_limits<double>::quiet_NaN();
  std::vector<TargetGroupSpec> target_groups;  // report order; volumes per group
  std::vector<KpiSpec> kpis;
  std::vector<MeasurementPointSpec> points;  // in time order; exactly one is the baseline
  std::optional<SyntheticTimingSpec> synthetic_timing;
  PlanFairnessSpec fairness;
  std::map<std::string, int> lines;          // JSON path → line, for messages

  const MeasurementPointSpec* point(const std::string& name) const;
};

// Reads and checks a plan; throws InputError listing every problem with file, line and JSON path.
MeasurementPlan load_measurement_plan(const std::filesystem::path& path);
// Every problem of a plan file (empty when valid), for `pilotbench validate`.
std::vector<Problem> measurement_plan_problems(const std::filesystem::path& path, MeasurementPlan* parsed = nullptr);
// True when a parsed JSON document looks like a measurement plan rather than a scenario (it has "points").
bool looks_like_measurement_plan(const nlohmann::json& document);

}  // namespace pb
