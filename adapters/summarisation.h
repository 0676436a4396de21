#pragma once
// The summarisation task: a conversation's transcript in, a drafted referat or journalnotat out.
// The source is either the reference transcript or the same solution's own transcription output (chosen
// per scenario), so errors that propagate from speech recognition into the note are measured.
#include <memory>
#include <string>
#include <vector>

#include "adapters/component.h"
#include "core/outcome.h"
#include "harness/dataset.h"

namespace pb {

inline constexpr const char* kSummarySourceReference = "reference";
inline constexpr const char* kSummarySourceTranscription = "transcription";

struct SummarisationRequest {
  const Conversation& conversation;  // for ids and metadata; adapters must draft from `source`, not from
                                     // conversation.segments or conversation.reference_note
  const Transcript& source;          // what to summarise
  std::string source_kind;           // kSummarySource*
  std::string dataset_root;
};

// Contract as for TranscriptionAdapter (adapters/transcription.h): thread-safe summarise(), expected failures
// as Outcome::failure with a reason a person can act on, deterministic for the same request and configuration
// unless an external system is called.
// A draft without recognisable section headings is returned as one section with an empty title.
class SummarisationAdapter {
 public:
  virtual ~SummarisationAdapter() = default;
  virtual ComponentId id() const = 0;
  virtual Outcome<CaseNote> summarise(const SummarisationRequest& request) = 0;
};

using SummarisationAdapterPtr = std::unique_ptr<SummarisationAdapter>;

}  // namespace pb
