#pragma once
// Writes every successful output to <dir>/<conversation id>.json (transcript JSON, private to the owner),
// the layout the "recorded" adapter reads, so a run against a live vendor can be replayed offline.
#include <filesystem>

#include "adapters/transcription.h"

namespace pb {

class RecordingTranscriptionAdapter final : public TranscriptionAdapter {
 public:
  RecordingTranscriptionAdapter(TranscriptionAdapterPtr inner, std::filesystem::path dir);
  ComponentId id() const override { return inner_->id(); }
  // Thread-safe if the inner adapter is. A successful output that cannot be written (or whose conversation
  // id cannot name a file) becomes a failure "cannot record output: …", so a replay never silently lacks items.
  Outcome<Transcript> transcribe(const TranscriptionRequest& request) override;

 private:
  TranscriptionAdapterPtr inner_;
  std::filesystem::path dir_;
};

}  // namespace pb
