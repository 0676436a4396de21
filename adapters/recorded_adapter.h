#pragma once
// Kind "recorded": a solution's transcripts produced earlier (by the vendor, or by a run with "record_dir"),
// one file per conversation id in a folder: <dir>/<id>.json | .srt | .vtt | .txt.
//
// Config:
//   "dir":    folder, relative to the scenario's folder (required; must exist when the scenario is loaded)
//   "format": "json" | "srt" | "vtt" | "txt" (optional). Without it the first existing of <id>.json, .srt,
//             .vtt, .txt is read; with it only that extension is looked for.
// A missing or malformed file fails that item (the reason names the file and line), not the run.
#include <filesystem>
#include <optional>

#include "adapters/transcription.h"
#include "core/error.h"
#include "formats/transcript_formats.h"

namespace pb {

class RecordedTranscriptionAdapter final : public TranscriptionAdapter {
 public:
  // `dir` should exist; a missing folder only shows up as per-item failures.
  explicit RecordedTranscriptionAdapter(std::filesystem::path dir, std::optional<TranscriptFormat> format = {});
  ComponentId id() const override { return {"recorded", "1"}; }
  // Thread-safe (reads files only).
  Outcome<Transcript> transcribe(const TranscriptionRequest& request) override;

 private:
  std::filesystem::path dir_;
  std::optional<TranscriptFormat> format_;
};

TranscriptionAdapterPtr make_recorded_adapter(const AdapterSpec& spec, ProblemList& problems);

}  // namespace pb
