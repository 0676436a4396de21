#pragma once
// An on-disk cache of successful transcriptions, so re-running a scenario does not pay a vendor (or wait for
// a slow model) again. Only successes are cached; failures are retried on the next run.
//
// Key: SHA-256 over the inner adapter's id (name and version), its config (canonical JSON dump, wrapper keys
// removed), the conversation id, its audio path, and a hash of its reference segments — so a changed
// adapter version, config or dataset entry misses the cache. Entries are transcript JSON files
// <dir>/<key>.json written private to the owner (they hold citizens' words).
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "adapters/transcription.h"

namespace pb {

class CachingTranscriptionAdapter final : public TranscriptionAdapter {
 public:
  // `config` identifies the inner adapter's configuration (part of the key).
  CachingTranscriptionAdapter(TranscriptionAdapterPtr inner, std::filesystem::path dir,
                              nlohmann::json config = nlohmann::json::object());
  ComponentId id() const override { return inner_->id(); }
  // Thread-safe if the inner adapter is. An unreadable entry counts as a miss; a failure to store an entry
  // is ignored (it only costs a recomputation next time).
  Outcome<Transcript> transcribe(const TranscriptionRequest& request) override;

  std::string cache_key(const TranscriptionRequest& request) const;
  std::uint64_t hits() const { return hits_.load(); }
  std::uint64_t misses() const { return misses_.load(); }

 private:
  TranscriptionAdapterPtr inner_;
  std::filesystem::path dir_;
  std::string config_dump_;
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
};

}  // namespace pb
