#pragma once
// Kind "fault": a deliberately misbehaving adapter for testing the harness's failure handling (timeouts,
// crashes, garbage output) and for vendors to see how their failures are reported.
//
// ONLY USE IT UNDER ISOLATION (IsolatedTranscriptionAdapter; the default "isolate": true of
// wrap_transcription_adapter). Modes "crash" and "hang" kill or block the calling process otherwise; the
// factory refuses them with "isolate": false.
//
// Config:
//   "mode":     "ok" | "hang" | "crash" | "throw" | "garbage" | "invalid-utf8" | "slow" | "empty" | "wrong-shape"
//               (required)
//   "items":    list of conversation ids to misbehave on; or
//   "every":    N >= 1 — misbehave when fnv1a64(id) % N == 0. Neither: misbehave on every item.
//   "delay_ms": delay for "slow", default 1000
//   "inner":    adapter object ({"kind": ...}) used when behaving and as the base of "slow",
//               "wrong-shape"; default {"kind": "reference"}. Built from the built-in kinds.
// Misbehaviour per mode: hang = sleep forever; crash = raise SIGSEGV; throw = std::runtime_error; garbage =
// random bytes incl. NUL and 0xFF as text; invalid-utf8 = text with a broken UTF-8 sequence; slow = wait
// delay_ms, then behave; empty = a transcript with no segments (valid); wrong-shape = end < start and a
// negative time.
#include <chrono>
#include <string>
#include <vector>

#include "adapters/transcription.h"
#include "core/error.h"

namespace pb {

enum class FaultMode { ok, hang, crash, throw_exception, garbage, invalid_utf8, slow, empty, wrong_shape };

struct FaultOptions {
  FaultMode mode = FaultMode::ok;
  std::vector<std::string> items;  // empty: not restricted by list
  std::int64_t every = 0;          // 0: not restricted by hash
  std::chrono::milliseconds delay{1000};
};

class FaultTranscriptionAdapter final : public TranscriptionAdapter {
 public:
  // inner: the well-behaved adapter (non-null).
  FaultTranscriptionAdapter(FaultOptions options, TranscriptionAdapterPtr inner);
  ComponentId id() const override { return {"fault", "1"}; }
  // Thread-safe if inner is. See the header comment for what each mode does.
  Outcome<Transcript> transcribe(const TranscriptionRequest& request) override;
  bool misbehaves_on(const std::string& conversation_id) const;

 private:
  FaultOptions options_;
  TranscriptionAdapterPtr inner_;
};

TranscriptionAdapterPtr make_fault_adapter(const AdapterSpec& spec, ProblemList& problems);

}  // namespace pb
