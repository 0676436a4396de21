#pragma once
// What a report shows, as plain values. The harness assembles it from the store; writers turn it into
// HTML or JSON. Reports know nothing of adapters, SQLite or datasets — only these values.
// Privacy is already applied here: a suppressed cell carries no numbers.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reports/confidence_interval.h"
#include "reports/fairness_results.h"

namespace pb {

// A rate aggregated over a cell as Σnumerator / Σdenominator (e.g. the citizen's WER, a key-term miss
// rate), with its bootstrap interval.
struct CellMetric {
  std::string name;   // "wer.citizen", "cpwer", "keyterm.date.miss_rate"
  double value = 0.0; // NaN when the denominator is 0
  std::optional<ConfidenceInterval> ci;
  double numerator = 0.0;
  double denominator = 0.0;
};

// One cell of a breakdown: a group of conversations for one solution.
struct GroupCell {
  std::string group;   // "aktivitetsparate" or "aktivitetsparate × second-language"; "alle" for overall
  std::int64_t n = 0;  // conversations scored (ok); shown even when suppressed as "< min"
  bool suppressed = false;
  // Present only when not suppressed:
  std::int64_t failed = 0;
  double wer = 0.0;  // corpus WER: Σ errors / Σ reference words (NaN when undefined)
  std::optional<ConfidenceInterval> wer_ci;
  double mean_wer = 0.0;  // mean of per-conversation WERs, for comparison
  double cer = 0.0;
  std::int64_t ref_words = 0, hyp_words = 0, hits = 0, substitutions = 0, deletions = 0, insertions = 0;
  std::vector<CellMetric> metrics;  // further rates, in a fixed order

  const CellMetric* metric(const std::string& name) const {
    for (const auto& m : metrics)
      if (m.name == name) return &m;
    return nullptr;
  }
};

struct Breakdown {
  std::string grouping;  // "all", "target_group", "target_group × attributes.danish"
  std::vector<GroupCell> cells;
};

struct FailureReason {
  std::string reason;  // first line of the reason, ids and numbers kept
  std::int64_t count = 0;
};

struct ItemResult {
  std::string id;
  std::string status;  // ok | failed
  std::string error;
  double wer = 0.0;
  std::int64_t ref_words = 0;
  std::int64_t errors = 0;
};

// Summary metrics of one group for one solution's drafted notes.
struct SummaryCell {
  std::string group;
  std::int64_t n = 0;  // notes scored
  bool suppressed = false;
  std::int64_t failed = 0;  // present only when not suppressed
  std::vector<CellMetric> metrics;  // "summary.key_fact_recall", "summary.rougeL", "judge.accurate", … in a fixed order

  const CellMetric* metric(const std::string& name) const {
    for (const auto& m : metrics)
      if (m.name == name) return &m;
    return nullptr;
  }
};

struct SummaryBreakdown {
  std::string grouping;
  std::vector<SummaryCell> cells;
};

// What went wrong in one drafted note, named without quoting the conversation: fact type, label and canonical values.
struct SummaryItemResult {
  std::string id;
  std::string status;  // ok | failed
  std::string error;
  double key_fact_recall = 0.0;  // NaN when the conversation has no annotated facts
  std::int64_t critical_errors = 0;
  std::int64_t negation_flips = 0;
  std::vector<std::string> missed_facts;  // "agreement «aftale om jobsøgning»"
  std::vector<std::string> wrong_facts;   // "date: note says 03-15, conversation has 03-14"
  std::vector<std::string> structure_problems;
};

struct SolutionSummaryResults {
  bool present = false;   // the solution drafts notes
  std::string adapter;    // "simulated 1"
  std::string source;     // "reference" or "transcription"
  std::int64_t items_planned = 0;
  std::int64_t items_ok = 0;
  std::int64_t items_failed = 0;
  std::vector<SummaryBreakdown> breakdowns;  // first is "all"
  std::vector<FailureReason> failures;
  std::vector<SummaryItemResult> items;
  double latency_median_ms = 0.0;  // not deterministic; HTML only
};

// Agreement between the LLM judge and human raters on one rubric criterion (human ratings imported from CSV).
struct JudgeAgreement {
  std::string criterion;
  std::int64_t items = 0;        // notes rated by the judge and at least one human
  std::int64_t raters = 0;       // human raters
  std::optional<double> kappa;   // quadratic-weighted Cohen's kappa, judge vs human consensus (rounded mean)
  std::optional<double> alpha_humans;  // Krippendorff's alpha (ordinal) among the human raters
  std::optional<double> alpha_with_judge;  // … with the judge as one more rater
};

struct SolutionResults {
  std::string id;
  std::string name;
  std::string adapter;          // "simulated-asr 1"
  std::int64_t items_planned = 0;
  std::int64_t items_ok = 0;
  std::int64_t items_failed = 0;
  std::vector<Breakdown> breakdowns;  // first is "all"
  std::vector<FailureReason> failures;
  std::vector<ItemResult> items;
  SolutionSummaryResults summary;
  std::vector<FairnessCell> fairness;  // per grouping × metric × group, in that order
  // Timing is not part of the deterministic results (it differs between runs).
  double latency_median_ms = 0.0;
  double latency_p95_ms = 0.0;
  double real_time_factor_median = 0.0;  // processing time / audio duration; NaN when unknown
};

struct TargetResult {
  std::string solution_id;
  std::string metric;
  std::string grouping;
  std::string group;
  std::string comparison;  // "<=" or ">="
  double threshold = 0.0;
  bool gate = false;       // judged on the value alone (no confidence interval)
  std::optional<double> value;  // absent when suppressed or undefined
  std::optional<ConfidenceInterval> ci;
  std::string verdict;  // met, not met, inconclusive, suppressed, undefined
};

// Two solutions compared on the same conversations (those both scored).
struct Comparison {
  std::string solution_a;
  std::string solution_b;
  std::string grouping;  // "all" or the first breakdown's grouping
  std::string group;
  std::int64_t n = 0;
  double wer_a = 0.0, wer_b = 0.0, difference = 0.0;  // difference = wer_a − wer_b
  std::optional<ConfidenceInterval> ci;             // of the difference (paired bootstrap)
  double p_bootstrap = 0.0;
  double p_bootstrap_holm = 0.0;  // Holm-adjusted over all comparisons in the run
  double p_mapsswe = 0.0;
  double p_sign = 0.0;
  std::string verdict;  // plain-language sentence
};

struct RunResults {
  // Deterministic identity of what was measured.
  std::string scenario_name;
  std::string scenario_description;
  std::string scenario_hash;
  std::string dataset_hash;
  std::int64_t dataset_conversations = 0;
  std::uint64_t seed = 0;
  std::string code_version;
  std::string status;  // finished, interrupted, running, failed
  std::string normalizer;
  std::string normalizer_version;
  std::vector<std::string> normalizer_rules;
  int bootstrap_replicates = 0;
  double confidence_level = 0.95;
  int min_cell_size = 5;
  // Per-conversation rows are groups of one, so they are written only when asked for (report --per-item).
  bool include_items = false;
  std::vector<SolutionResults> solutions;
  std::vector<TargetResult> targets;
  std::vector<Comparison> comparisons;
  std::vector<JudgeAgreement> judge_agreement;
  FairnessSettings fairness;                  // how the fairness verdicts were reached
  std::vector<SuppressedGroup> suppressed_groups;  // every group a table hides, and why
  std::string summary_metrics_version;  // empty when no solution drafts notes
  // Not deterministic; HTML only.
  std::int64_t run_id = 0;
  std::string started_at;
  std::string finished_at;
  std::string database;
};

}  // namespace pb
