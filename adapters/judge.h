#pragma once
// An optional LLM judge: rates a drafted note against its source transcript on a versioned rubric (adapted
// from PDQI-9) and checks the draft's claims one by one. Judges are slow and cost money, so implementations
// cache verdicts by (model, prompt version, input hash).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/component.h"
#include "core/outcome.h"
#include "harness/dataset.h"

namespace pb {

struct JudgeRequest {
  const Conversation& conversation;  // ids and metadata only
  const Transcript& source;          // what the draft was made from
  const CaseNote& draft;
};

struct RubricScore {
  std::string criterion;      // e.g. "accurate", "thorough", … (docs/summary-metrics.md)
  int score = 0;              // 1..5
  std::string justification;  // one or two sentences from the judge
  bool operator==(const RubricScore&) const = default;
};

struct ClaimCheck {
  std::string claim;  // a statement from the draft
  bool supported = false;
  bool operator==(const ClaimCheck&) const = default;
};

struct JudgeVerdict {
  std::string rubric_version;  // the prompt/rubric version the verdict was produced with
  std::vector<RubricScore> rubric;
  std::vector<ClaimCheck> claims;
  bool from_cache = false;
  bool operator==(const JudgeVerdict&) const = default;
};

class JudgeAdapter {
 public:
  virtual ~JudgeAdapter() = default;
  virtual ComponentId id() const = 0;
  virtual Outcome<JudgeVerdict> judge(const JudgeRequest& request) = 0;
};

using JudgeAdapterPtr = std::unique_ptr<JudgeAdapter>;

}  // namespace pb
