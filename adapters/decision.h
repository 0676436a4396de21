#pragma once
// The decision-support task: one citizen case in (features, target group, protected attributes), the pilot's
// decision out: a risk score for long-term unemployment, a recommended intervention (indsats) with a priority
// score, and/or a segment. Which parts a solution gives depends on the pilot; the report judges what is there.
//
// Blinding: the runner passes the evaluated (test) cases with everything the pilot must not see removed: the
// intervention actually given, its propensity, every outcome, the risk label and the caseworker's choice. Only
// train() sees full records, and only those of the training split, so a learning adapter cannot leak the
// held-out outcomes into its decisions.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "adapters/component.h"
#include "core/outcome.h"
#include "formats/case_records.h"

namespace pb {

struct DecisionRequest {
  const CaseRecord& case_record;                  // blinded (see above)
  const std::vector<std::string>& interventions;  // what may be recommended, in the dataset's order
  std::string dataset_root;                       // folder of the case file, for adapters that read files
};

struct Decision {
  std::optional<double> risk_score;            // P(long-term unemployment), in [0, 1]
  std::optional<std::string> recommendation;   // one of DecisionRequest::interventions
  // How strongly the recommendation is advised (e.g. predicted gain over no intervention): cases with higher
  // scores are targeted first in the Qini curve. Any finite number.
  std::optional<double> recommendation_score;
  std::optional<std::string> segment;          // a segment label, e.g. "A", "B", "C"
  bool operator==(const Decision&) const = default;
};

// What train() did, for the report ("logistic regression, λ = 1, 3 500 training cases, 9 features").
struct TrainingSummary {
  std::size_t training_cases = 0;
  std::string description;
};

// Contract as for TranscriptionAdapter (adapters/transcription.h): decide() is thread-safe and deterministic for
// the same request and configuration unless an external system is called; expected failures are
// Outcome::failure with a reason a person can act on. train() is called once, before any decide(), from one
// thread; adapters that do not learn return a summary with training_cases = 0.
class DecisionAdapter {
 public:
  virtual ~DecisionAdapter() = default;
  virtual ComponentId id() const = 0;
  virtual Outcome<TrainingSummary> train(std::span<const CaseRecord> training_cases,
                                         const std::vector<std::string>& interventions) = 0;
  virtual Outcome<Decision> decide(const DecisionRequest& request) = 0;
};

using DecisionAdapterPtr = std::unique_ptr<DecisionAdapter>;

// The case as an adapter may see it: id, split, target group, attributes and features kept; intervention emptied;
// propensity, outcomes, censoring, caseworker choice and risk label cleared.
CaseRecord blind_case(const CaseRecord& case_record);

// Checks a decision against the request: risk score finite and in [0, 1], recommendation one of the
// interventions, recommendation score finite, segment non-empty and at most 64 bytes, at least one part present.
// Failure names the first problem ("recommendation \"kursus\" is not one of: ingen, vejledning, …").
Outcome<Decision> validate_decision(Decision decision, const std::vector<std::string>& interventions);

// The stored form (items.output_json): {"risk_score": …, "recommendation": …, "recommendation_score": …,
// "segment": …}, absent parts left out, keys sorted, numbers in shortest round-trip form.
std::string decision_to_json(const Decision& decision);
// Reads it back; failure for anything decision_to_json would not write.
Outcome<Decision> decision_from_json(std::string_view text);

}  // namespace pb
