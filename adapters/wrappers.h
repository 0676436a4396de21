#pragma once
// Applies the cross-cutting wrappers every adapter kind shares, configured by the common keys of an adapter
// object in a scenario (kCommonAdapterKeys in adapters/adapter_config.h):
//
//   "isolate":          bool, default true — run each call in a child process (IsolatedTranscriptionAdapter)
//   "timeout_s":        number > 0, default 60 — per-call deadline; needs isolation to be enforced
//   "retries":          integer 0..10, default 0 — extra attempts after a failure (RetryingTranscriptionAdapter)
//   "retry_backoff_ms": integer 0..600000, default 1000 — wait before the first retry, doubled after each
//   "cache_dir":        folder relative to the scenario, optional (CachingTranscriptionAdapter)
//   "record_dir":       folder relative to the scenario, optional (RecordingTranscriptionAdapter)
//
// Order, outermost first: Recording(Cache(Retry(Validate(Isolate(adapter))))). Output validation is always
// applied. So a cache hit is recorded too, only validated successes are cached, and each retry is a fresh
// isolated call with its own timeout.
#include <chrono>
#include <filesystem>
#include <optional>

#include <nlohmann/json.hpp>

#include "adapters/caching_adapter.h"
#include "adapters/isolated_adapter.h"
#include "adapters/recording_adapter.h"
#include "adapters/retrying_adapter.h"
#include "adapters/transcription.h"
#include "adapters/validating_adapter.h"
#include "core/error.h"

namespace pb {

struct WrapperOptions {
  bool isolate = true;
  std::chrono::milliseconds timeout{60'000};
  int retries = 0;
  std::chrono::milliseconds retry_backoff{1'000};
  std::optional<std::filesystem::path> cache_dir;   // resolved against the scenario's folder
  std::optional<std::filesystem::path> record_dir;  // resolved against the scenario's folder
};

// Reads the common keys of spec.config; problems name e.g. "solutions[0].transcription.timeout_s".
WrapperOptions read_wrapper_options(const AdapterSpec& spec, ProblemList& problems);

// The resolved options as JSON, for storing with a run.
nlohmann::json wrapper_options_to_json(const WrapperOptions& options);

// spec.config without the common keys: what identifies the inner adapter's behaviour (the cache key part).
nlohmann::json adapter_config_identity(const nlohmann::json& config);

// Wraps `adapter` as the options say. `config_identity` goes into cache keys.
TranscriptionAdapterPtr wrap_transcription_adapter(TranscriptionAdapterPtr adapter, const WrapperOptions& options,
                                                   const nlohmann::json& config_identity);

// Reads the options from spec and wraps. Returns nullptr if `adapter` is null or the options have problems
// (which are added to `problems`).
TranscriptionAdapterPtr wrap_transcription_adapter(TranscriptionAdapterPtr adapter, const AdapterSpec& spec,
                                                   ProblemList& problems);

}  // namespace pb
