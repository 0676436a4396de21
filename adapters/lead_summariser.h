#pragma once
// Kind "lead" (summarisation): a deliberately naive baseline. The draft is the first k caseworker turns of the
// source, verbatim, one turn per line, as one untitled section. A solution's transcript may carry no roles
// (diarisation gives "spk0", "spk1"); when no segment of the source has the role "caseworker", the first k turns
// of any speaker are used instead.
//
// Config:
//   "turns": k, an integer from 1 to 10000 (default 5).
// An empty source gives a note with no sections; the adapter never fails.
#include <cstddef>

#include "adapters/summarisation.h"
#include "core/error.h"

namespace pb {

struct LeadSummaryOptions {
  std::size_t turns = 5;
};

// The lead draft of one transcript. Pure and thread-safe.
CaseNote lead_summary(const Transcript& source, const LeadSummaryOptions& options);

class LeadSummariser final : public SummarisationAdapter {
 public:
  explicit LeadSummariser(LeadSummaryOptions options) : options_(options) {}
  // Bump the version whenever lead_summary() could produce different output for the same input.
  ComponentId id() const override { return {"lead", "1"}; }
  // Thread-safe; never fails.
  Outcome<CaseNote> summarise(const SummarisationRequest& request) override;

 private:
  LeadSummaryOptions options_;
};

// Validates the config (problems name e.g. "solutions[0].summarisation.turns"); nullptr on any problem.
SummarisationAdapterPtr make_lead_summariser(const AdapterSpec& spec, ProblemList& problems);

}  // namespace pb
