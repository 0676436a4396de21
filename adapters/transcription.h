#pragma once
// The transcription task: audio (or, for simulators, the reference) in, a speaker-labelled transcript out.
#include <memory>
#include <string>
#include <vector>

#include "adapters/component.h"
#include "core/outcome.h"
#include "harness/dataset.h"

namespace pb {

struct TranscriptionRequest {
  const Conversation& conversation;
  std::string dataset_root;  // folder the conversation's audio path is relative to
};

// Contract:
//  * transcribe() may be called concurrently from several threads for different conversations; an
//    adapter that cannot allow that must serialise internally.
//  * Expected failures (no output for this id, malformed vendor output, timeout) are returned as
//    Outcome::failure with a reason a person can act on. Exceptions escaping transcribe() are caught by
//    the runner and recorded as item failures too, but are not the intended channel.
//  * The result must be deterministic for the same request and configuration, unless the adapter
//    calls an external system (then the runner stores what it returned).
class TranscriptionAdapter {
 public:
  virtual ~TranscriptionAdapter() = default;
  virtual ComponentId id() const = 0;
  virtual Outcome<Transcript> transcribe(const TranscriptionRequest& request) = 0;
};

using TranscriptionAdapterPtr = std::unique_ptr<TranscriptionAdapter>;

}  // namespace pb
