#pragma once
// Kind "reference": returns the conversation's reference transcript unchanged. A sanity check for the
// pipeline: every metric must report a perfect score (WER 0) for it. Config: only the common keys.
#include "adapters/transcription.h"
#include "core/error.h"

namespace pb {

class ReferenceTranscriptionAdapter final : public TranscriptionAdapter {
 public:
  ComponentId id() const override { return {"reference", "1"}; }
  // Thread-safe; never fails.
  Outcome<Transcript> transcribe(const TranscriptionRequest& request) override;
};

// Factory for the registry; reports unknown keys.
TranscriptionAdapterPtr make_reference_adapter(const AdapterSpec& spec, ProblemList& problems);

}  // namespace pb
