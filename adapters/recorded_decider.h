#pragma once
// Decision kind "recorded": a solution's decisions produced earlier, all in one file, read once when the scenario
// is loaded.
//
// Config:
//   "path": the file, relative to the scenario's folder (required). By extension (case-insensitive):
//     .csv   header with case_id (required) and any of risk_score, recommendation, recommendation_score, segment
//            (columns in any order, names case-insensitive, "x_…" columns ignored, ',' or ';' with decimal comma);
//            numbers are plain decimals or, as programs print small scores, exponent notation with '.' ("1.2e-05");
//            an empty cell is an absent part.
//     .jsonl one object per line: {"case_id": "c-17", "risk_score": 0.31, "recommendation": "vejledning",
//            "recommendation_score": 0.04, "segment": "B"}; absent or null keys are absent parts; blank lines
//            skipped; other keys are errors unless they start with "x_".
//   Every problem in the file (bad number, risk outside [0, 1], a row without any part, a duplicate case id) is
//   reported as "file:line: field: expected …", and the scenario is rejected.
//
// decide(): the case's decision, validated against the request's interventions (validate_decision); a case
// missing from the file fails its item ("no recorded decision for case c-17").
// Identity: {"recorded", "1;sha256=<12 hex of the file's bytes>"}, so a changed file changes the version.
#include <map>
#include <string>
#include <string_view>

#include "adapters/decision.h"
#include "core/error.h"

namespace pb {

// The decisions of a recorded file by case id. Throws InputError (file:line: field: …) listing the problems.
std::map<std::string, Decision> parse_recorded_decisions_csv(std::string_view text, const std::string& file_name);
std::map<std::string, Decision> parse_recorded_decisions_jsonl(std::string_view text, const std::string& file_name);

class RecordedDecider final : public DecisionAdapter {
 public:
  RecordedDecider(std::map<std::string, Decision> decisions, std::string content_sha256);
  ComponentId id() const override;
  Outcome<TrainingSummary> train(std::span<const CaseRecord> training_cases,
                                 const std::vector<std::string>& interventions) override;
  // Thread-safe (reads a map fixed at construction).
  Outcome<Decision> decide(const DecisionRequest& request) override;

 private:
  std::map<std::string, Decision> decisions_;
  std::string content_sha256_;
};

DecisionAdapterPtr make_recorded_decider(const AdapterSpec& spec, ProblemList& problems);

}  // namespace pb
