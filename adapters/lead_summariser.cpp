#include "adapters/lead_summariser.h"

#include <algorithm>
#include <string>

#include "adapters/adapter_config.h"

namespace pb {

CaseNote lead_summary(const Transcript& source, const LeadSummaryOptions& options) {
  const bool has_caseworker = std::any_of(source.segments.begin(), source.segments.end(),
                                          [](const Segment& segment) { return segment.role == kRoleCaseworker; });
  std::string text;
  std::size_t taken = 0;
  for (const Segment& segment : source.segments) {
    if (taken == options.turns) break;
    if (has_caseworker && segment.role != kRoleCaseworker) continue;
    if (segment.text.empty()) continue;
    if (!text.empty()) text += '\n';
    text += segment.text;
    ++taken;
  }
  CaseNote note;
  if (!text.empty()) note.sections.push_back({"", std::move(text)});
  return note;
}

Outcome<CaseNote> LeadSummariser::summarise(const SummarisationRequest& request) {
  return Outcome<CaseNote>::success(lead_summary(request.source, options_));
}

SummarisationAdapterPtr make_lead_summariser(const AdapterSpec& spec, ProblemList& problems) {
  AdapterConfigReader config(spec, problems);
  config.check_keys({"turns"});
  LeadSummaryOptions options;
  options.turns = static_cast<std::size_t>(config.integer("turns", 5, 1, 10000));
  if (!config.ok()) return nullptr;
  return std::make_unique<LeadSummariser>(options);
}

}  // namespace pb
