#pragma once
// What the committee report (HTML, XLSX, JSON) shows about a municipality's baseline and target picture: the
// KPIs at each measurement point against their targets, time saved per target group, and the realised gain.
// Filled by the harness (harness/baseline_results_builder.h); the writers know nothing of databases or adapters.
// NaN means "no value"; suppressed cells carry no numbers at all.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "metrics/bootstrap.h"
#include "metrics/target_verdict.h"
#include "reports/fairness_results.h"

namespace pb {

inline constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

// Target values in the KPI's unit for the three scenarios of the målbillede.
struct TargetScenarios {
  double pessimistic = kNoValue;
  double likely = kNoValue;
  double optimistic = kNoValue;
};

struct KpiPointValue {
  std::string point;   // measurement point name, e.g. "baseline", "midway", "final"
  double value = kNoValue;
  Interval ci{kNoValue, kNoValue, 0.95};
  std::int64_t n = 0;  // observations behind the value (conversations, survey answers)
  bool estimated = false;  // part of the value comes from the edit-time model, not from logged minutes
  bool suppressed = false; // n below the plan's minimum group size
  KpiVerdict verdict = KpiVerdict::no_data;  // against target.likely
  // Which scenario the value reaches: "optimistic", "likely", "pessimistic", "below_pessimistic", or empty.
  std::string scenario_reached;
};

struct KpiResult {
  std::string id;           // e.g. "documentation_minutes"
  std::string label;        // display name from the plan; empty: the report names known ids in its language
  std::string unit;         // "minutes", "share", "score_1_5", "wer"
  bool lower_is_better = false;
  TargetScenarios target;
  std::string source;       // how it is measured, e.g. "timing", "survey:staff", "run:summary.key_fact_recall"
  std::vector<KpiPointValue> points;  // in the plan's order of measurement points
};

struct MeasurementPointSummary {
  std::string name;        // "baseline"
  std::string kind;        // "baseline" or "follow_up"
  std::string recorded_at; // ISO-8601 UTC
  std::string data_source; // file or folder it was recorded from (relative as given)
  std::string data_hash;   // sha256 of what was read
  std::string first_date, last_date;  // range of conversation dates, empty if unknown
  std::int64_t conversations = 0;
  std::int64_t ai_used = 0;
  std::int64_t estimated_minutes = 0;  // conversations whose assisted minutes were estimated
  std::int64_t survey_answers = 0;
  std::optional<std::int64_t> run_id;  // pilotbench run the quality KPIs came from
};

// Time saved for one target group (or "alle" for all groups together), comparing the baseline point with the
// latest follow-up point.
struct GroupSaving {
  std::string target_group;
  std::int64_t n_baseline = 0;
  std::int64_t n_assisted = 0;   // conversations in the follow-up where AI was used
  bool suppressed = false;
  double baseline_minutes = kNoValue;  // mean documentation minutes, baseline period
  double assisted_minutes = kNoValue;  // mean documentation minutes with AI
  double saving_minutes = kNoValue;    // per use: baseline − assisted
  Interval saving_ci{kNoValue, kNoValue, 0.95};
  double did_saving_minutes = kNoValue;  // difference-in-differences against the control arm; NaN without one
  Interval did_ci{kNoValue, kNoValue, 0.95};
  double adoption = kNoValue;            // share of follow-up conversations where AI was used
  Interval adoption_ci{kNoValue, kNoValue, 0.95};
  // Hours, FTE and DKK rest on the difference-in-differences saving (a control arm was measured at both points),
  // else on saving_minutes.
  bool gain_uses_did = false;
  double annual_volume = kNoValue;       // conversations a year (plan input)
  double hours_per_year = kNoValue;      // saving × adoption × volume / 60
  Interval hours_ci{kNoValue, kNoValue, 0.95};
  double fte = kNoValue;                 // hours / hours_per_fte
  Interval fte_ci{kNoValue, kNoValue, 0.95};
  double dkk = kNoValue;                 // hours × hourly cost; NaN when no cost is given
  Interval dkk_ci{kNoValue, kNoValue, 0.95};
};

// Word-level edit effort between AI drafts and filed notes (TER/HTER with shifts), over the follow-up points.
struct EditEffortSummary {
  std::int64_t pairs = 0;             // draft/filed-note pairs
  double hter = kNoValue;             // corpus HTER: Σ edits / Σ filed-note words
  Interval hter_ci{kNoValue, kNoValue, 0.95};
  double kept_share = kNoValue;       // share of draft words kept unchanged in the filed note
  double inserted_words = kNoValue;   // mean per note
  double deleted_words = kNoValue;    // mean per note
  double edit_spans = kNoValue;       // mean per note
};

// The fitted edit-time model: minutes = intercept + a·draft words + b·inserted characters + c·edit spans.
struct EditTimeModelSummary {
  bool fitted = false;
  std::string note;         // why not fitted, or caveats
  std::int64_t n = 0;       // pairs with logged minutes used in the fit
  double intercept = kNoValue, per_draft_word = kNoValue, per_inserted_char = kNoValue, per_edit_span = kNoValue;
  double se_intercept = kNoValue, se_per_draft_word = kNoValue, se_per_inserted_char = kNoValue,
         se_per_edit_span = kNoValue;
  double r_squared = kNoValue;
  double rmse_minutes = kNoValue;
  std::int64_t estimated = 0;  // conversations whose minutes the model estimated
};

struct BaselineReport {
  std::string plan_name;
  std::string municipality;
  std::string code_version;
  std::string generated_at;  // left empty when determinism matters (JSON); the HTML may show it
  std::uint64_t seed = 0;
  int replicates = 0;
  double level = 0.95;
  int min_group_size = 10;
  double hours_per_fte = 1924.0;
  double hourly_cost_dkk = kNoValue;  // NaN: not given, DKK not shown
  std::string baseline_point;         // name of the point savings are measured against
  std::string follow_up_point;        // the latest follow-up point with data; empty when there is none
  std::vector<MeasurementPointSummary> points;
  std::vector<KpiResult> kpis;
  std::vector<GroupSaving> savings;   // one per target group, in plan order
  GroupSaving total;                  // all groups together; hours/FTE/DKK are the sum of the groups'
  // Per conversation type (meeting_type, sorted), target_group holding the type: saving, DiD and adoption. No annual
  // volumes are given per type, so hours, FTE and DKK are NaN.
  std::vector<GroupSaving> savings_by_meeting_type;
  EditEffortSummary edit;
  EditTimeModelSummary model;
  std::vector<std::string> limits;    // method limits in plain words (language of the report)
  // Time saved per target group through the fairness layer: each shown group's saving (pilot arm, baseline point
  // against the follow-up point) compared with the reference group's, metric "time_saved.minutes", grouping
  // "target_group", kind "two_sample_difference" (numerator = mean baseline minutes, denominator = mean assisted
  // minutes, n = both samples). Groups suppressed in `savings` are suppressed cells without numbers. Empty when
  // there is no follow-up point.
  std::vector<FairnessCell> saving_fairness;
  FairnessSettings saving_fairness_settings;
};

}  // namespace pb
