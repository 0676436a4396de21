#pragma once
// Retries failed transcribe() calls with exponential backoff: attempt k (k >= 2) waits backoff * 2^(k-2)
// first (capped at 10 minutes). Useful for vendor services with transient errors; pointless for
// deterministic adapters.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>

#include "adapters/transcription.h"

namespace pb {

using SleepFunction = std::function<void(std::chrono::milliseconds)>;

class RetryingTranscriptionAdapter final : public TranscriptionAdapter {
 public:
  // attempts >= 1 is the total number of calls per item. `sleep` defaults to std::this_thread::sleep_for;
  // tests inject a recorder. Exceptions from inner count as failures ("adapter threw: …").
  RetryingTranscriptionAdapter(TranscriptionAdapterPtr inner, int attempts, std::chrono::milliseconds backoff,
                               SleepFunction sleep = {});
  ComponentId id() const override { return inner_->id(); }
  // Thread-safe if the inner adapter is. When every attempt fails and attempts > 1, the reason is the last
  // failure prefixed "after N attempts: ".
  Outcome<Transcript> transcribe(const TranscriptionRequest& request) override;

  // Calls beyond the first, summed over all items so far (for the run's statistics).
  std::uint64_t retries_made() const { return retries_made_.load(); }

 private:
  TranscriptionAdapterPtr inner_;
  int attempts_;
  std::chrono::milliseconds backoff_;
  SleepFunction sleep_;
  std::atomic<std::uint64_t> retries_made_{0};
};

}  // namespace pb
