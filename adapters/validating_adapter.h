#pragma once
// Checks an adapter's output before anything else sees it, so a lying or broken vendor fails its item
// instead of crashing a metric or corrupting a report.
#include <optional>
#include <string>

#include "adapters/transcription.h"

namespace pb {

// What is wrong with a transcript, e.g. "segments[2].text: invalid UTF-8 at byte 17"; nullopt if it is fine.
// Rejected: invalid UTF-8 in speaker, role or text; control characters other than tab, CR and LF in text
// (binary garbage); non-finite or negative times; end < start.
std::optional<std::string> find_invalid_output(const Transcript& transcript);

class ValidatingTranscriptionAdapter final : public TranscriptionAdapter {
 public:
  explicit ValidatingTranscriptionAdapter(TranscriptionAdapterPtr inner);
  ComponentId id() const override { return inner_->id(); }
  // Thread-safe if the inner adapter is. Invalid output → failure "adapter returned invalid output: …".
  Outcome<Transcript> transcribe(const TranscriptionRequest& request) override;

 private:
  TranscriptionAdapterPtr inner_;
};

}  // namespace pb
