#include "adapters/retrying_adapter.h"

#include <algorithm>
#include <cassert>
#include <exception>
#include <thread>

namespace pb {

RetryingTranscriptionAdapter::RetryingTranscriptionAdapter(TranscriptionAdapterPtr inner, int attempts,
                                                           std::chrono::milliseconds backoff, SleepFunction sleep)
    : inner_(std::move(inner)), attempts_(attempts), backoff_(backoff), sleep_(std::move(sleep)) {
  assert(inner_ && attempts_ >= 1);
  if (!sleep_) sleep_ = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

Outcome<Transcript> RetryingTranscriptionAdapter::transcribe(const TranscriptionRequest& request) {
  constexpr std::chrono::milliseconds kMaxWait = std::chrono::minutes(10);
  std::string last_reason;
  for (int attempt = 1; attempt <= attempts_; ++attempt) {
    if (attempt > 1) {
      ++retries_made_;
      const int doublings = std::min(attempt - 2, 20);
      sleep_(std::min(backoff_ * (std::int64_t{1} << doublings), kMaxWait));
    }
    try {
      Outcome<Transcript> outcome = inner_->transcribe(request);
      if (outcome.ok()) return outcome;
      last_reason = outcome.error();
    } catch (const std::exception& error) {
      last_reason = std::string("adapter threw: ") + error.what();
    }
  }
  if (attempts_ == 1) return Outcome<Transcript>::failure(last_reason);
  return Outcome<Transcript>::failure("after " + std::to_string(attempts_) + " attempts: " + last_reason);
}

}  // namespace pb
